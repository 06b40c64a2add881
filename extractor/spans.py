"""Spans: where a piece of text is, as one type (langextract's `CharInterval` and `AlignmentStatus`).

A `Span` is a half-open interval [start, end) of character offsets into one text: the decoded source or the
normalized text (the holder says which: `Chunk.start` is normalized, an evidence span is in the source).
`Alignment` says how a quote was found at its span: the span an extractor gave already held it (`given`), the
quote as written (`exact`), with whitespace, width and thousands separators ignored (`folded`), approximately
(`fuzzy`), or not at all (`not_found`). `Located` is the pair `ground` returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Alignment(StrEnum):
    GIVEN = "given"
    EXACT = "exact"
    FOLDED = "folded"
    FUZZY = "fuzzy"
    NOT_FOUND = "not_found"


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"a span runs forward from 0: got [{self.start}, {self.end})")

    @property
    def length(self) -> int:
        return self.end - self.start

    def of(self, text: str) -> str:
        """The text the span covers."""
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        """Whether the two share a character (an empty span shares none)."""
        return self.start < other.end and other.start < self.end and self.length > 0 and other.length > 0

    def covers(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def shifted(self, by: int) -> Span:
        """The same span in a text that starts `by` characters earlier (a piece's offsets into its document's)."""
        return Span(self.start + by, self.end + by)


@dataclass(frozen=True)
class Located:
    """Where a quote was found, and how; `span` is None exactly when it was not found."""

    span: Span | None
    alignment: Alignment

    @classmethod
    def nowhere(cls) -> Located:
        return cls(None, Alignment.NOT_FOUND)
