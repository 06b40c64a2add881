"""What every converter returns: the text the pipeline reads and a map from that text back to the file.

Stage: `load`, for files that are not text. A converter writes its text line by line through a
`TextWriter`; each line (a paragraph, a table row, an OCR'd line) becomes a `Region`: its span in the
text, the page (1-based; for a spreadsheet the sheet) and, for PDF and OCR inputs, its box on the page
as fractions of the page's width and height, top-left origin (x0, y0, x1, y1). `Converted.locate(start,
end)` answers where a span of the text stands in the file.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version

Box = tuple[float, float, float, float]
_SPACES = re.compile(r" {2,}")


class ConvertError(ValueError):
    """A file that cannot be converted; the message says why (the loader adds the file's name)."""


@dataclass(frozen=True)
class Region:
    start: int
    end: int
    page: int | None
    box: Box | None = None


@dataclass(frozen=True)
class Converted:
    """A converted file: `text` (the source every offset points into), the converter's name and
    version, the number of pages (or sheets), the pages read by OCR, and the regions of the text."""

    text: str
    converter: str
    version: str
    pages: int
    regions: tuple[Region, ...] = ()
    ocr_pages: tuple[int, ...] = ()
    doubts: tuple[int, ...] = ()  # OCR: offsets in `text` of characters the engine was not sure of, ascending
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(r.start for r in self.regions))

    def locate(self, start: int, end: int) -> tuple[int | None, Box | None]:
        """The page of the text span [start, end) and the box that holds it on that page (the union of
        the boxes of the regions it touches on its first page), or (None, None) outside every region."""
        first = bisect_right(self._starts, start) - 1
        if first < 0 or start >= self.regions[first].end:
            first += 1  # the span starts between regions (a line break): take the next region
        if first >= len(self.regions) or self.regions[first].start >= max(end, start + 1):
            return None, None
        page = self.regions[first].page
        boxes = [
            r.box for r in self.regions[first:] if r.start < max(end, start + 1) if r.page == page and r.box is not None
        ]
        return page, _union(boxes) if boxes else None

    def doubtful(self, start: int, end: int) -> list[int]:
        """The offsets in [start, end) of characters the OCR engine was not sure of."""
        return list(self.doubts[bisect_left(self.doubts, start) : bisect_left(self.doubts, end)])

    def manifest(self) -> dict[str, object]:
        """What `meta.run["converter"]` says about the conversion."""
        out: dict[str, object] = {
            "name": self.converter,
            "version": self.version,
            "pages": self.pages,
            "ocr_pages": list(self.ocr_pages),
        }
        if self.ocr_pages:
            out["ocr_doubtful_characters"] = len(self.doubts)
        return out


def _union(boxes: list[Box]) -> Box:
    return (
        round(min(b[0] for b in boxes), 4),
        round(min(b[1] for b in boxes), 4),
        round(max(b[2] for b in boxes), 4),
        round(max(b[3] for b in boxes), 4),
    )


def library_version(*packages: str) -> str:
    """'name x.y, name x.y' for the libraries a converter uses (the version in `meta.run`)."""
    found = []
    for package in packages:
        try:
            found.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            found.append(f"{package} ?")
    return ", ".join(found)


class TextWriter:
    """Builds a converter's text line by line, with a `Region` per line."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._regions: list[Region] = []
        self._doubts: set[int] = set()
        self._at = 0

    def line(self, text: str, page: int | None, box: Box | None = None) -> int:
        """Write a line; returns the offset where it starts in the text."""
        text = text.replace("\r", " ").replace("\n", " ")
        start = self._at
        self._parts.append(text + "\n")
        if text:
            self._regions.append(Region(self._at, self._at + len(text), page, box))
        self._at += len(text) + 1
        return start

    def doubt(self, offset: int) -> None:
        """The character at `offset` (already written) was read by OCR without confidence."""
        self._doubts.add(offset)

    def blank(self) -> None:
        """An empty line (between paragraphs, pages or sheets); never two in a row."""
        if self._parts and self._parts[-1] != "\n":
            self._parts.append("\n")
            self._at += 1

    @property
    def empty(self) -> bool:
        return not self._regions

    def done(self, converter: str, version: str, pages: int, ocr_pages: tuple[int, ...] = ()) -> Converted:
        return Converted(
            "".join(self._parts), converter, version, pages, tuple(self._regions), ocr_pages, tuple(sorted(self._doubts))
        )


def cell_text(text: str | None) -> str:
    """A table cell's text on one line: inner line breaks joined (a space only next to a Latin letter:
    a line break in a cell is the cell's width, even inside a number), tabs made spaces, runs of spaces
    folded."""
    if not text:
        return ""
    pieces = [p.strip() for p in text.replace("\t", " ").splitlines() if p.strip()]
    out = ""
    for piece in pieces:
        if out and (_is_latin(out[-1]) or _is_latin(piece[0])):
            out += " "
        out += piece
    return _SPACES.sub(" ", out).strip()


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()
