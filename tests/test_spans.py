"""Spans and alignments: one interval type, and `ground` saying how each quote was found."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.ground import SourceIndex, fold
from extractor.ground_candidates import number_in_text
from extractor.spans import Alignment, Located, Span

SOURCE = "一、收入支出决算总体情况\n2031年度收、支总计1,326.40万元，比上年增加12.50万元。\n本年支出合计286.40万元。"


@given(st.integers(0, 50), st.integers(0, 50), st.integers(0, 50), st.integers(0, 50))
def test_spans_overlap_when_they_share_a_character(a: int, b: int, c: int, d: int) -> None:
    one, other = Span(min(a, b), max(a, b)), Span(min(c, d), max(c, d))
    shared = set(range(one.start, one.end)) & set(range(other.start, other.end))
    assert one.overlaps(other) == other.overlaps(one) == bool(shared)
    if other.length:
        assert one.covers(other) == (set(range(other.start, other.end)) <= set(range(one.start, one.end)))
    assert one.shifted(7).length == one.length and one.shifted(7).start == one.start + 7


def test_a_span_runs_forward() -> None:
    with pytest.raises(ValueError):
        Span(5, 3)
    with pytest.raises(ValueError):
        Span(-1, 3)


@given(st.data())
def test_a_quote_cut_from_the_source_is_found_exactly_where_it_was_cut(data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(SOURCE) - 1))
    end = data.draw(st.integers(start + 1, len(SOURCE)))
    quote = SOURCE[start:end]
    if not quote.strip():
        return
    located = SourceIndex(SOURCE).locate(quote, near=start)
    assert located.alignment is Alignment.EXACT and located.span is not None
    assert located.span.of(SOURCE) == quote.strip()


@pytest.mark.parametrize(
    ("quote", "alignment", "text"),
    [
        ("本年支出合计286.40万元", Alignment.EXACT, "本年支出合计286.40万元"),
        ("收、支 总计 1326.40 万元", Alignment.FOLDED, "收、支总计1,326.40万元"),  # spaces, thousands separator
        ("比上年增加12.5O万元。", Alignment.FUZZY, None),  # an OCR letter for a digit
        ("公务接待费2.30万元", Alignment.NOT_FOUND, None),
        ("   ", Alignment.NOT_FOUND, None),
    ],
)
def test_ground_says_how_each_quote_was_found(quote: str, alignment: Alignment, text: str | None) -> None:
    located = SourceIndex(SOURCE).locate(quote)
    assert located.alignment is alignment
    assert (located.span is None) == (alignment is Alignment.NOT_FOUND)
    if text is not None:
        assert located.span is not None and located.span.of(SOURCE) == text
    if alignment is Alignment.FOLDED:
        assert located.span is not None and fold(located.span.of(SOURCE))[0] == fold(quote)[0]


def test_a_given_span_is_checked_against_the_source() -> None:
    index = SourceIndex(SOURCE)
    found = index.locate("本年支出合计286.40万元").span
    assert found is not None
    assert index.holds(found, "本年支出合计 286.40 万元")
    assert not index.holds(found.shifted(1), "本年支出合计286.40万元")
    assert not index.holds(Span(len(SOURCE) - 2, len(SOURCE) + 5), "万元。")
    assert Located.nowhere() == Located(None, Alignment.NOT_FOUND)


@given(
    st.decimals(min_value=1, max_value=99999, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=1, max_value=99999, places=2, allow_nan=False, allow_infinity=False),
)
def test_two_amounts_parted_by_a_comma_stay_two_numbers(a: object, b: object) -> None:
    quote = f"收、支总计分别为{a},{b}万元"  # the comma enumerates two amounts: decimals before it, or not three digits after
    assert number_in_text(float(str(a)), quote)
    assert number_in_text(float(str(b)), quote)
    assert SourceIndex(f"一、总体情况\n2031年度{quote}。\n").locate(quote).alignment is Alignment.EXACT


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("1,234.50万元", "1234.50万元"),  # thousands
        ("25,754,899.39元", "25754899.39元"),
        ("12.30,45.60万元", "12.30,45.60万元"),  # two amounts: decimals before the comma
        ("1234.56,1300.12万元", "1234.56,1300.12万元"),  # four digits after it
        ("120,35万元", "120,35万元"),  # two after it
        ("1234,567万元", "1234,567万元"),  # four before it: no whole number's first group
        ("1,234,567万元", "1234567万元"),
    ],
)
def test_a_comma_groups_thousands_only_before_exactly_three_digits_after_a_whole_number(text: str, folded: str) -> None:
    assert fold(text)[0] == folded
