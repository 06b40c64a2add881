"""Reader for HTML tables, with merged cells expanded into the slots they cover.

In: lines of the normalized text, where `normalize` left an HTML table as `<table…>`, one `<tr>…</tr>`
per line and `</table>`, the cells' `<td>`/`<th>` tags as written. Out: a `Table` whose grid has a
`Cell` in every slot: a cell with rowspan/colspan stands in its first slot and each slot it covers holds
an empty cell whose `origin` is that cell. A cell left open (`<td>a<td>b`) ends at the next cell or the
row's end; a cell holding only spaces or `&nbsp;` is empty.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.tables.model import Cell, Line, Table, cell_at, make_table

_OPEN_TABLE = re.compile(r"^\s*<table\b", re.IGNORECASE)
_CLOSE_TABLE = re.compile(r"^\s*</table\s*>\s*$", re.IGNORECASE)
_ROW = re.compile(r"^\s*<tr\b", re.IGNORECASE)
_CELL_TAG = re.compile(r"<(td|th)\b([^>]*)>|</(?:td|th)\s*>|</tr\s*>", re.IGNORECASE)
_SPAN = re.compile(r"(rowspan|colspan)\s*=\s*[\"']?(\d+)", re.IGNORECASE)
_BLANK = re.compile(r"^(?:\s|&nbsp;|&#160;|\u00a0)*$", re.IGNORECASE)
_MAX_SPAN = 1000


class HtmlReader:
    layout = "html"

    def read(self, lines: Sequence[Line], at: int) -> Table | None:
        if at >= len(lines) or not (_OPEN_TABLE.match(lines[at].text) or _ROW.match(lines[at].text)):
            return None
        rows: list[Line] = []
        end = at
        while end < len(lines):
            text = lines[end].text
            if _ROW.match(text):
                rows.append(lines[end])
            elif _CLOSE_TABLE.match(text):
                end += 1
                break
            elif not (end == at and _OPEN_TABLE.match(text)):
                break
            end += 1
        if not rows:
            return None
        grid = _expand([_cells(line) for line in rows], [line.start for line in rows])
        table = make_table(self.layout, grid, [(line.start, line.end) for line in rows])
        return Table(layout=table.layout, rows=table.rows, start=lines[at].start, end=lines[end - 1].end,
                     headers=table.headers)  # fmt: skip


def _cells(line: Line) -> list[tuple[Cell, int, int]]:
    """The cells of a row line as written: (cell with its span, rowspan, colspan); row and column set later."""
    text = line.text
    found: list[tuple[Cell, int, int]] = []
    tags = list(_CELL_TAG.finditer(text))
    for k, tag in enumerate(tags):
        if tag.group(1) is None:
            continue  # a closing tag
        content_end = tags[k + 1].start() if k + 1 < len(tags) else len(text)
        content = text[tag.end() : content_end]
        spans = {name.lower(): min(int(value), _MAX_SPAN) for name, value in _SPAN.findall(tag.group(2))}
        if _BLANK.match(content):
            cell = Cell("", line.start + tag.end(), line.start + tag.end(), 0, 0)
        else:
            cell = cell_at(content, line.start + tag.end(), 0, 0)
        found.append((cell, max(1, spans.get("rowspan", 1)), max(1, spans.get("colspan", 1))))
    return found


def _expand(rows: list[list[tuple[Cell, int, int]]], starts: list[int]) -> list[list[Cell]]:
    """Each cell placed in the first free slot of its row; the slots its rowspan and colspan cover hold
    empty cells (an empty span where the slot stands in its row) that point to it."""
    taken: dict[tuple[int, int], Cell] = {}  # slot -> the cell covering it from an earlier slot
    grid: list[list[Cell]] = []
    for r, cells in enumerate(rows):
        out: list[Cell] = []
        col = 0
        for written, rowspan, colspan in cells:
            col = _fill_covered(out, taken, r, col, starts[r])
            cell = Cell(written.text, written.start, written.end, r, col)
            out.append(cell)
            for dr in range(min(rowspan, len(rows) - r)):
                for dc in range(colspan):
                    if dr or dc:
                        taken[(r + dr, col + dc)] = cell
            col += 1
        _fill_covered(out, taken, r, col, starts[r], to_end=True)
        grid.append(out)
    return grid


def _fill_covered(
    out: list[Cell], taken: dict[tuple[int, int], Cell], r: int, col: int, start: int, to_end: bool = False
) -> int:
    """Append the covered slots of row r from `col` on (all of them when `to_end`); the next free column."""
    last = max((c for (row, c) in taken if row == r), default=-1) if to_end else -1
    while (r, col) in taken or col <= last:
        origin = taken.get((r, col))
        at = out[-1].end if out else start
        out.append(Cell("", at, at, r, col, origin=origin))
        col += 1
    return col
