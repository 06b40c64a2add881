"""Lines and cells from boxes on a page: the geometry shared by the PDF text layer and OCR.

Stage: `load` (convert). In: `TextBox`es (a word of a PDF's text layer, or a line OCR detected), in
page units with a top-left origin. Out: rows of boxes in reading order (top to bottom, left to right)
and each row's text, where a gap wider than `TAB_GAP` character heights becomes a tab (a column of a
table laid out with spaces), a narrower gap between Latin letters or digits a space, and none between
CJK characters. Boxes of a ruled table are read through its grid instead (`cells_of`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from extractor.convert.base import TextWriter, cell_text

TAB_GAP = 1.6  # a gap this many character heights wide separates two cells
SPACE_GAP = 0.2  # a gap this many character heights wide is a space (as written)


@dataclass(frozen=True)
class TextBox:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float = 0.0  # font size, for a word of a text layer
    confidence: float = 1.0  # OCR: the engine's confidence in the box's least sure character
    doubts: tuple[int, ...] = ()  # OCR: positions in `text` of characters the engine was not sure of
    centres: tuple[float, ...] = ()  # OCR: each character's x centre in `text` (empty: not known)

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1e-6)

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


def rows_of(boxes: Sequence[TextBox]) -> list[list[TextBox]]:
    """Boxes grouped into rows: a box joins a row when its vertical centre lies inside the row's band.
    Rows top to bottom, boxes in a row left to right."""
    rows: list[list[TextBox]] = []
    for box in sorted(boxes, key=lambda b: (b.cy, b.x0)):
        row = rows[-1] if rows else None
        if row is not None:
            top = median(b.y0 for b in row)
            bottom = median(b.y1 for b in row)
            if top <= box.cy <= bottom and box.y0 < bottom:
                row.append(box)
                continue
        rows.append([box])
    return [sorted(row, key=lambda b: b.x0) for row in rows]


def row_text(row: Sequence[TextBox], tab_gap: float = TAB_GAP, cjk_spaces: bool = True) -> str:
    """A row's text: boxes joined by a tab across a wide gap, by a space across a narrow one."""
    if not row:
        return ""
    height = median(b.height for b in row)
    out = row[0].text
    for prev, box in zip(row, row[1:], strict=False):
        gap = (box.x0 - prev.x1) / height
        if gap >= tab_gap:
            out += "\t"
        elif (
            gap >= SPACE_GAP
            and not (out.endswith(" ") or box.text.startswith(" "))
            and (cjk_spaces or spaces_apart(out[-1], box.text[0]))
        ):
            out += " "
        out += box.text
    return out


def spaces_apart(left: str, right: str) -> bool:
    """Whether a gap between two characters is a space worth writing: next to a digit or a Latin letter
    (between CJK characters and their punctuation a gap is only the glyphs' spacing)."""
    return left.isascii() and left.isalnum() or right.isascii() and right.isalnum()


def joined(boxes: Sequence[TextBox]) -> str:
    """The text of boxes that share one table cell: its lines in reading order, joined as one line."""
    return cell_text("\n".join(row_text(row, tab_gap=1e9, cjk_spaces=False) for row in rows_of(boxes)))


def union(boxes: Sequence[TextBox]) -> tuple[float, float, float, float]:
    return (min(b.x0 for b in boxes), min(b.y0 for b in boxes), max(b.x1 for b in boxes), max(b.y1 for b in boxes))


def gap_before(prev: Sequence[TextBox], row: Sequence[TextBox]) -> float:
    """The blank space between two rows, in character heights of the lower row."""
    height = median(b.height for b in row)
    return (min(b.y0 for b in row) - max(b.y1 for b in prev)) / height


@dataclass(frozen=True)
class PageLine:
    """One line of a page as a converter read it (a text row, or a table row with tab-separated cells)."""

    text: str
    box: tuple[float, float, float, float]  # in page units, top-left origin
    size: float = 0.0  # the font size of a text-layer line (0 when unknown: a table row, OCR)
    boxes: tuple[TextBox, ...] = ()  # OCR: the boxes whose texts make the line, in the line's order


def text_lines(boxes: Sequence[TextBox]) -> list[PageLine]:
    """The rows of free-standing boxes as lines."""
    return [
        PageLine(row_text(row), union(row), median(b.size for b in row), tuple(row))
        for row in rows_of(boxes)
        if row_text(row).strip()
    ]


PARAGRAPH_GAP = 0.9  # blank space of this many line heights between two lines is a paragraph break


def write_page(writer: TextWriter, lines: Sequence[PageLine], page: int, width: float, height: float) -> None:
    """A page's lines into the writer, top to bottom, with a blank line at each paragraph break and
    each line's box as fractions of the page."""
    previous: PageLine | None = None
    for line in sorted(lines, key=lambda item: (item.box[1], item.box[0])):
        if previous is not None:
            tall = max(min(line.box[3] - line.box[1], previous.box[3] - previous.box[1]), 1e-6)
            if (line.box[1] - previous.box[3]) / tall > PARAGRAPH_GAP:
                writer.blank()
        x0, y0, x1, y1 = line.box
        start = writer.line(line.text, page, (_frac(x0, width), _frac(y0, height), _frac(x1, width), _frac(y1, height)))
        for at in doubtful_positions(line):
            writer.doubt(start + at)
        previous = line


def doubtful_positions(line: PageLine) -> list[int]:
    """Where in the line's text the characters stand that the OCR engine was not sure of: each box's text
    is found in the line in order (a box not found makes its whole line doubtful)."""
    found: list[int] = []
    cursor = 0
    for box in line.boxes:
        at = line.text.find(box.text, cursor)
        if at < 0:
            at = line.text.find(box.text)
        if at < 0:
            if box.doubts:
                return list(range(len(line.text)))
            continue
        found.extend(at + i for i in box.doubts)
        cursor = at + len(box.text)
    return found


def _frac(value: float, whole: float) -> float:
    return round(min(max(value / whole, 0.0), 1.0), 4) if whole else 0.0
