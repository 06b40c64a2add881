"""Reader for tab-separated rows (word processors, spreadsheets, the normalizer's output for aligned text).

In: lines of the normalized text. Out: a `Table` of the run of consecutive lines holding a tab that
starts at the given line; each tab ends a cell. No merged cells: an empty slot is an empty cell.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.tables.model import Cell, Line, Table, cell_at, make_table

SEPARATOR = "\t"


class TabbedReader:
    layout = "tabbed"

    def read(self, lines: Sequence[Line], at: int) -> Table | None:
        end = at
        while end < len(lines) and SEPARATOR in lines[end].text:
            end += 1
        if end == at:
            return None
        grid = [split_row(line, r) for r, line in enumerate(lines[at:end])]
        return make_table(self.layout, grid, [(line.start, line.end) for line in lines[at:end]])


def split_row(line: Line, row: int) -> list[Cell]:
    cells: list[Cell] = []
    at = line.start
    for col, piece in enumerate(line.text.split(SEPARATOR)):
        cells.append(cell_at(piece, at, row, col))
        at += len(piece) + 1
    return cells
