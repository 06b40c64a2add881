"""Reader for tab-separated rows (word processors, spreadsheets, text exports).

In: lines of the normalized text (a table row keeps its trailing tabs). Out: a `Table` of the run of lines
holding a tab that starts at the given line; each tab ends a cell. A row broken over lines inside its cells
(a cell holding a line break: "一级\\n指标\\t二级\\n指标") is put back together: consecutive lines none of
which has the table's full count of tabs and whose tabs add up to it are one row, and a line without a tab
whose text and the next line's first cell spell a form label ("项目" / "名称\\t…") opens that row. A cell's
text drops the line breaks inside it. No merged cells: an empty slot is an empty cell.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.tables.model import Cell, Line, Table, cell_at, make_table
from extractor.tables.roles import is_label
from extractor.vocabulary import FORM_LABELS

SEPARATOR = "\t"
_MAX_PIECES = 8  # the most lines one row is put back from
_MAX_PIECE_CHARS = 16  # a line without a tab longer than this is no piece of a cell
_NEAR_BEFORE, _NEAR_AFTER = 3, 40  # the lines around a row whose widest gives the row's width


class TabbedReader:
    layout = "tabbed"

    def read(self, lines: Sequence[Line], at: int) -> Table | None:
        end = at
        while end < len(lines) and (SEPARATOR in lines[end].text or _piece(lines, end)):
            end += 1
        rows = _rows(lines[at:end])
        if not rows:
            return None
        grid = [_split(pieces, r) for r, pieces in enumerate(rows)]
        return make_table(self.layout, grid, [(pieces[0].start, pieces[-1].end) for pieces in rows])


def _piece(lines: Sequence[Line], i: int) -> bool:
    """A short line without a tab next to a tab line: maybe a piece of a cell broken over lines."""
    text = lines[i].text.strip()
    if not text or len(text) > _MAX_PIECE_CHARS:
        return False
    return any(0 <= j < len(lines) and SEPARATOR in lines[j].text for j in (i - 1, i + 1))


def _tabs(line: Line) -> int:
    return line.text.count(SEPARATOR)


def _rows(physical: Sequence[Line]) -> list[list[Line]]:
    """The table's rows as the lines each is written on; the table ends before a line without a tab that is
    no piece of a row."""
    if not physical:
        return []
    rows: list[list[Line]] = []
    i = 0
    while i < len(physical):
        # the row's width: the most tabs a line near it has (a table may widen further down)
        width = max(_tabs(line) for line in physical[max(0, i - _NEAR_BEFORE) : i + _NEAR_AFTER])
        group = _broken_row(physical, i, width)
        if group == 1 and _tabs(physical[i]) == 0:
            break  # a line without a tab that is no piece of a row: the table ends here
        rows.append(list(physical[i : i + group]))
        i += group
    return rows


def _broken_row(physical: Sequence[Line], i: int, width: int) -> int:
    """How many lines the row that starts at line i is written on (1 for a whole row)."""
    if _tabs(physical[i]) == width:
        return 1
    if _tabs(physical[i]) == 0 and i + 1 < len(physical) and _tabs(physical[i + 1]) == width:
        first = physical[i + 1].text.split(SEPARATOR)[0].strip()
        if is_label(physical[i].text.strip() + first):  # "项目" / "名称\t…": a label broken before a whole row
            return 2
    if _tabs(physical[i]) == 0 and i == 0:
        return 1  # a line without a tab before the table (a title) opens no row but a label's
    total, j = 0, i
    while j < len(physical) and total < width and _tabs(physical[j]) < width and j - i < _MAX_PIECES:
        total += _tabs(physical[j])
        j += 1
    counts = {_tabs(line) for line in physical[i:j]}
    if total != width or j - i < 2 or (len(counts) == 1 and 0 not in counts):
        return 1  # lines of one count adding up to the width are rows of a narrower table, not one row broken
    return j - i if all(_cell_goes_on(physical[k], physical[k + 1]) for k in range(i, j - 1)) else 1


def _cell_goes_on(line: Line, following: Line) -> bool:
    """Whether a line ends inside a cell that the next line carries on: text on both sides of the break."""
    last, first = line.text.split(SEPARATOR)[-1].strip(), following.text.split(SEPARATOR)[0].strip()
    if SEPARATOR not in line.text and first in FORM_LABELS:
        return False  # a line of its own before a row that opens with a whole label: a title, no cell's piece
    return bool(last) and bool(first)


def _split(pieces: list[Line], row: int) -> list[Cell]:
    """The cells of a row written on one or more lines (the line breaks between them are inside cells)."""
    text = "\n".join(line.text for line in pieces)
    cells: list[Cell] = []
    at = pieces[0].start
    for col, piece in enumerate(text.split(SEPARATOR)):
        cells.append(cell_at(piece, at, row, col))
        at += len(piece) + 1
    return cells


def split_row(line: Line, row: int) -> list[Cell]:
    return _split([line], row)
