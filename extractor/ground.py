"""Stage `ground`: find an evidence quote in the source text and return its span.

In: the decoded source text and quotes. Out: `(start, end, method)` spans into the source.
Search order: exact, then folded (whitespace, character width, thousands separators and HTML
tags ignored), then fuzzy (rapidfuzz alignment on the folded text).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_FUZZY_MIN_SCORE = 90.0


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    method: str  # "exact" | "folded" | "fuzzy"


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """One character as compared: NFKC width-folded, a few CJK punctuation marks unified."""
    folded = unicodedata.normalize("NFKC", ch)
    return {"“": '"', "”": '"', "‘": "'", "’": "'", "、": ",", "—": "-", "–": "-", "－": "-"}.get(folded, folded)


def fold(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each folded character, the index of the source character it came from."""
    skip = bytearray(len(text))
    for match in _TAG.finditer(text):
        skip[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if skip[i] or ch.isspace():
            continue
        if ch in ",，" and out and out[-1].isdigit() and i + 1 < len(text) and text[i + 1].isdigit():
            continue  # thousands separator
        for piece in fold_char(ch):
            if piece.isspace():
                continue
            out.append(piece)
            index.append(i)
    return "".join(out), index


class SourceIndex:
    """A source text prepared once for locating many quotes in it."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.folded, self._index = fold(source)

    def _to_source(self, start: int, end: int) -> tuple[int, int]:
        return self._index[start], self._index[end - 1] + 1

    def locate(self, quote: str, near: int | None = None) -> Span | None:
        """The span of `quote` in the source, the occurrence nearest `near` when several match."""
        quote = quote.strip()
        if not quote:
            return None
        exact = _occurrences(self.source, quote)
        if exact:
            start = _nearest(exact, near)
            return Span(start, start + len(quote), "exact")
        folded_quote, _ = fold(quote)
        if not folded_quote:
            return None
        hits = _occurrences(self.folded, folded_quote)
        if hits:
            start = _nearest(hits, near)
            s, e = self._to_source(start, start + len(folded_quote))
            return Span(s, e, "folded")
        if len(folded_quote) < 8:
            return None  # too short for a fuzzy match to mean anything
        alignment = fuzz.partial_ratio_alignment(folded_quote, self.folded, score_cutoff=_FUZZY_MIN_SCORE)
        if alignment is None or alignment.dest_end <= alignment.dest_start:
            return None
        s, e = self._to_source(alignment.dest_start, alignment.dest_end)
        return Span(s, e, "fuzzy")


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
