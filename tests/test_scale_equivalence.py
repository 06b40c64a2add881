"""Shortcuts taken for speed on large inputs (issue 11) give what the plain computation gives.

Fixtures are invented (names drawn from a few invented words, lines of invented cells)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from extractor.ground import fold
from extractor.reconcile import _match_indicator
from extractor.tables import find_tables, lines_of
from schemas import Evidence, Indicator

_WORDS = ["alpha", "beta", "gamma", "delta", "alphas", "bet", ""]


def _indicator(name: str) -> Indicator:
    return Indicator(name=name, evidence=Evidence(quote=name))


def _plain_match(indicator: Indicator, position: int, others: list[Indicator]) -> Indicator | None:
    """The matching as written before the shortcut: every other indicator scored, the first best kept."""
    best, best_score = None, 0.0
    for k, other in enumerate(others):
        score = fuzz.ratio(fold(indicator.name)[0], fold(other.name)[0]) - min(abs(k - position), 10)
        if score > best_score:
            best, best_score = other, score
    return best if best_score >= 80 else None


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    name=st.sampled_from(_WORDS),
    others=st.lists(st.sampled_from(_WORDS), max_size=14),
    position=st.integers(min_value=0, max_value=16),
)
def test_matching_an_indicator_by_name_takes_the_same_one_as_scoring_them_all(
    name: str, others: list[str], position: int
) -> None:
    indicator, candidates = _indicator(name), [_indicator(other) for other in others]
    assert _match_indicator(indicator, position, candidates) is _plain_match(indicator, position, candidates)


def test_the_tables_of_lines_read_again_are_the_same_and_a_fresh_list() -> None:
    text = "指标\t年初预算数\t执行数\n甲项\t10\t9\n乙项\t20\t18\n"
    first = find_tables(lines_of(text, 7))
    first.append(first[0])  # a caller's own list: changing it changes nothing for the next caller
    again = find_tables(lines_of(text, 7))
    assert len(again) == 1 and again[0] == first[0]
    moved = find_tables(lines_of(text, 8))  # the same text elsewhere: its own spans
    assert moved[0].start == again[0].start + 1
