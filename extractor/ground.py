"""Stage `ground`: find an evidence quote in the source text and return its span.

In: the decoded source text and quotes. Out: `Located` (`extractor.spans`): the quote's `Span` in the
source and its `Alignment`. Search order: exact, then folded (whitespace, character width, thousands
separators, HTML tags and the character repairs of `repair` ignored: traditional script, look-alike glyphs,
pinyin glosses, OCR letters in numbers), then fuzzy (rapidfuzz alignment on the folded text), else not found.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterable, MutableSequence, Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from extractor.repair import has_artifacts, hidden_spans, substitute, thousands_separator
from extractor.spans import Alignment, Located, Span

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_FUZZY_MIN_SCORE = 90.0


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """One character as compared: NFKC width-folded, a few CJK punctuation marks unified."""
    folded = unicodedata.normalize("NFKC", ch)
    return {"“": '"', "”": '"', "‘": "'", "’": "'", "、": ",", "—": "-", "–": "-", "－": "-"}.get(folded, folded)


def fold(text: str) -> tuple[str, Sequence[int]]:
    """Folded text and, for each folded character, the index of the source character it came from.

    Cost: linear in the text, and for a long text (a whole source) a run of characters that fold to themselves
    is copied whole, its indexes kept as an `array` of 8-byte integers (not a Python int and a list slot per
    character); the characters that change or go (spaces, separators, width) are taken one at a time."""
    skip = _skipped(text)
    if has_artifacts(text):
        text = substitute(text)  # one character for one: indexes stay the source's
        skip += hidden_spans(text)  # spaces inside numbers go with all whitespace
    out: list[str] = []
    index: array[int] | list[int]
    if len(text) < _LONG:
        index = []
        _fold_chars(text, range(len(text)), _mask(len(text), skip), out, index)
    else:
        index = array("q")
        _fold_runs(text, _kept(len(text), skip), out, index)
    # repairs that read a character's neighbours (OCR letters in a number, phrases) once more on what is left
    # without tags and whitespace, so that a text and its normalized form fold alike
    return substitute("".join(out)), index


_LONG = 512  # characters from which a text is folded a run at a time
_SEPARATORS = ",，"


def _skipped(text: str) -> list[tuple[int, int]]:
    """The spans of HTML tags: no text."""
    return [match.span() for match in _TAG.finditer(text)] if "<" in text else []


def _mask(size: int, spans: list[tuple[int, int]]) -> bytearray:
    skip = bytearray(size)
    for start, end in spans:
        skip[start:end] = b"\x01" * (end - start)
    return skip


def _fold_chars(text: str, at: Iterable[int], skip: bytearray | None, out: list[str], index: MutableSequence[int]) -> None:
    """Fold the characters at the given indexes one at a time (skipped ones and whitespace go, a thousands
    separator goes, each character's folded pieces are kept with its index)."""
    for i in at:
        ch = text[i]
        if (skip is not None and skip[i]) or ch.isspace():
            continue
        if ch in _SEPARATORS and out and out[-1][-1].isdigit() and thousands_separator(text, i):
            continue  # thousands separator (not the comma between two amounts: "分别为1234.56,1300.12万元")
        for piece in fold_char(ch):
            if piece.isspace():
                continue
            out.append(piece)
            index.append(i)


def _kept(size: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """[0, size) without the spans: the stretches of text kept, in order."""
    kept: list[tuple[int, int]] = []
    at = 0
    for start, end in sorted(spans):
        if start > at:
            kept.append((at, start))
        at = max(at, end)
    if at < size:
        kept.append((at, size))
    return kept


def _fold_runs(text: str, kept: list[tuple[int, int]], out: list[str], index: array[int]) -> None:
    """What `_fold_chars` does, over the kept stretches a run of characters that fold to themselves at a time;
    only the others (whitespace, separators, characters that fold to something else) one at a time."""
    special, folded = _special(text)
    for start, end in kept:
        at = start
        for match in special.finditer(text, start, end):
            i = match.start()
            if i > at:
                out.append(text[at:i])
                index.extend(range(at, i))
            at = i + 1
            ch = text[i]
            if ch in _SEPARATORS and out and out[-1][-1].isdigit() and thousands_separator(text, i):
                continue  # thousands separator
            pieces = folded[ch]
            if pieces:
                out.append(pieces)
                index.extend((i,) * len(pieces))
        if end > at:
            out.append(text[at:end])
            index.extend(range(at, end))


def _special(text: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern for the characters of `text` that do not fold to themselves (or go: whitespace, separators),
    and what each folds to ("" for whitespace)."""
    chars = sorted(ch for ch in set(text) if ch.isspace() or ch in _SEPARATORS or fold_char(ch) != ch)
    folded = {ch: "" if ch.isspace() else "".join(piece for piece in fold_char(ch) if not piece.isspace()) for ch in chars}
    return re.compile("[" + "".join(re.escape(ch) for ch in chars) + "]" if chars else "(?!)"), folded


class SourceIndex:
    """A source text prepared once for locating many quotes in it."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.folded, self._index = fold(source)

    def to_source(self, start: int, end: int) -> Span:
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
            return Located(self.to_source(start, start + len(folded_quote)), Alignment.FOLDED)
        if len(folded_quote) < 8:
            return Located.nowhere()  # too short for a fuzzy match to mean anything
        alignment = fuzz.partial_ratio_alignment(folded_quote, self.folded, score_cutoff=_FUZZY_MIN_SCORE)
        if alignment is None or alignment.dest_end <= alignment.dest_start:
            return Located.nowhere()
        return Located(self.to_source(alignment.dest_start, alignment.dest_end), Alignment.FUZZY)

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
