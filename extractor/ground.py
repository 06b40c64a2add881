"""Stage `ground`: find an evidence quote in the source text and return its span.

In: the decoded source text and quotes. Out: `Located` (`extractor.spans`): the quote's `Span` in the
source and its `Alignment`. Search order: exact, then folded (whitespace, character width, thousands
separators, HTML tags and the character repairs of `repair` ignored: traditional script, look-alike glyphs,
pinyin glosses, OCR letters in numbers), then fuzzy (rapidfuzz alignment on the folded text), else not found.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from extractor.repair import has_artifacts, hidden_spans, substitute
from extractor.spans import Alignment, Located, Span

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_FUZZY_MIN_SCORE = 90.0


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """One character as compared: NFKC width-folded, a few CJK punctuation marks unified."""
    folded = unicodedata.normalize("NFKC", ch)
    return {"“": '"', "”": '"', "‘": "'", "’": "'", "、": ",", "—": "-", "–": "-", "－": "-"}.get(folded, folded)


def thousands_separator(text: str, k: int) -> bool:
    """Whether the comma at `k`, after a digit, groups thousands: exactly three digits follow it (then no digit),
    and the digits before it are no decimals ("1,234.5" groups; "12.30,45.60" and "1234.56,1300.12" are two numbers)."""
    after = text[k + 1 : k + 5]
    if len(after) < 3 or not after[:3].isdigit() or (len(after) > 3 and after[3].isdigit()):
        return False
    j = k - 1
    while j >= 0 and text[j].isdigit():
        j -= 1
    return j < 0 or text[j] not in ".．"


def fold(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each folded character, the index of the source character it came from."""
    skip = bytearray(len(text))
    for match in _TAG.finditer(text):
        skip[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    if has_artifacts(text):
        text = substitute(text)  # one character for one: indexes stay the source's
        for start, end in hidden_spans(text):  # spaces inside numbers go with all whitespace
            skip[start:end] = b"\x01" * (end - start)
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if skip[i] or ch.isspace():
            continue
        if ch in ",，" and out and out[-1].isdigit() and thousands_separator(text, i):
            continue  # thousands separator (not the comma between two amounts: "分别为1234.56,1300.12万元")
        for piece in fold_char(ch):
            if piece.isspace():
                continue
            out.append(piece)
            index.append(i)
    # repairs that read a character's neighbours (OCR letters in a number, phrases) once more on what is left
    # without tags and whitespace, so that a text and its normalized form fold alike
    return substitute("".join(out)), index


class SourceIndex:
    """A source text prepared once for locating many quotes in it."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.folded, self._index = fold(source)

    def _to_source(self, start: int, end: int) -> Span:
        return Span(self._index[start], self._index[end - 1] + 1)

    def locate(self, quote: str, near: int | None = None) -> Located:
        """Where `quote` is in the source and how it was found, the occurrence nearest `near` when several match."""
        quote = quote.strip()
        if not quote:
            return Located.nowhere()
        exact = _occurrences(self.source, quote)
        if exact:
            start = _nearest(exact, near)
            return Located(Span(start, start + len(quote)), Alignment.EXACT)
        folded_quote, _ = fold(quote)
        if not folded_quote:
            return Located.nowhere()
        hits = _occurrences(self.folded, folded_quote)
        if hits:
            start = _nearest(hits, near)
            return Located(self._to_source(start, start + len(folded_quote)), Alignment.FOLDED)
        if len(folded_quote) < 8:
            return Located.nowhere()  # too short for a fuzzy match to mean anything
        alignment = fuzz.partial_ratio_alignment(folded_quote, self.folded, score_cutoff=_FUZZY_MIN_SCORE)
        if alignment is None or alignment.dest_end <= alignment.dest_start:
            return Located.nowhere()
        return Located(self._to_source(alignment.dest_start, alignment.dest_end), Alignment.FUZZY)

    def holds(self, span: Span, quote: str) -> bool:
        """Whether the source at `span` is `quote`, folded (a span an extractor gave, checked)."""
        return span.end <= len(self.source) and fold(span.of(self.source))[0] == fold(quote)[0]


def _occurrences(haystack: str, needle: str, limit: int = 64) -> list[int]:
    found: list[int] = []
    at = haystack.find(needle)
    while at != -1 and len(found) < limit:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def _nearest(positions: list[int], near: int | None) -> int:
    if near is None:
        return positions[0]
    return min(positions, key=lambda p: abs(p - near))
