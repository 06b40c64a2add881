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


def _fold_before(text: str) -> tuple[str, list[int]]:
    """Folding as written before the run-at-a-time path: one character at a time, a mask of skipped ones."""
    from extractor.ground import _TAG, fold_char, thousands_separator
    from extractor.repair import has_artifacts, hidden_spans, substitute

    skip = bytearray(len(text))
    for match in _TAG.finditer(text):
        skip[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    if has_artifacts(text):
        text = substitute(text)
        for start, end in hidden_spans(text):
            skip[start:end] = b"\x01" * (end - start)
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if skip[i] or ch.isspace():
            continue
        if ch in ",，" and out and out[-1].isdigit() and thousands_separator(text, i):
            continue
        for piece in fold_char(ch):
            if piece.isspace():
                continue
            out.append(piece)
            index.append(i)
    return substitute("".join(out)), index


# pieces of invented report text with what folding handles: width, spaces, separators, tags, glyphs, script,
# OCR letters in numbers, a pinyin gloss, compatibility characters that fold to several
_PIECES = [
    "项目", "资金", "1,234.5", "１２３", "，", ",", " ", "\u3000", "\n", "<td>", "</b>", "<br/>", "“", "”", "、",
    "—", "≧", "％", "萬元", "預算", "1O0", "l2", "绩效(jì xiào)", "㎡", "①", "ﬁ", "\u200b", "<!-- x -->", "5",
    "a", "<", ">", "元", "9,9", "，8", "1234.56,1300.12", "12.30,45.60", ",123", "1,2345",
]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=60))
def test_folding_a_run_at_a_time_gives_what_one_character_at_a_time_gives(pieces: list[str]) -> None:
    import extractor.ground as ground

    text = "".join(pieces)
    expected = _fold_before(text)
    for long in (0, 10**9):  # the run-at-a-time path, the character-at-a-time path
        ground._LONG, saved = long, ground._LONG
        try:
            folded, index = fold(text)
        finally:
            ground._LONG = saved
        assert (folded, list(index)) == expected


def _alike_plain(all_sections: list) -> list[bool]:  # type: ignore[type-arg]
    """As written before the one-pass count: each section asks about every section after it."""
    from extractor.extract.rules.narratives import kind_of_heading

    out = []
    for i, section in enumerate(all_sections):
        depth = len(section.trail)
        own = kind_of_heading(section.trail[-1])
        children = [o for o in all_sections[i + 1 :] if o.trail[:depth] == section.trail and len(o.trail) > depth]
        out.append(bool(children) and all(kind_of_heading(o.trail[-1]) == own for o in children))
    return out


def _headings() -> list[str]:
    from schemas.catalog import NARRATIVE_KINDS

    return ["x", "y"] + [words[0] for words in list(NARRATIVE_KINDS.values())[:3]]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.lists(st.sampled_from(_headings()), min_size=1, max_size=4), max_size=25))
def test_which_sections_have_subsections_all_of_their_kind_is_what_asking_each_gives(trails: list[list[str]]) -> None:
    from extractor.extract.rules.narratives import Section, _subsections_alike

    all_sections = [Section(tuple(trail), None, 10 * k, 10 * k + 9) for k, trail in enumerate(trails)]
    assert _subsections_alike(all_sections) == _alike_plain(all_sections)
