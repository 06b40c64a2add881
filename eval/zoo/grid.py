"""The zoo's table model: what a table *is* before a layout writes it.

In: rows of `Cell`s, each with its text and its row/column span (a merged cell is written once, where it
starts). Out: `Grid.matrix()`, the rectangular view every layout that cannot merge cells writes: a merged
cell's text in its first row and column, empty cells under and beside it. A cell's text may hold line breaks
(a wrapped cell); each layout decides what a line break inside a cell becomes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Cell:
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    header: bool = False  # a label cell (header words, row labels): torn-label damage applies to these

    def with_text(self, text: str) -> Cell:
        return replace(self, text=text)


@dataclass
class Grid:
    """A table: `rows` of cells as an HTML table writes them (cells covered by a span are left out)."""

    rows: list[list[Cell]] = field(default_factory=list)
    title: str | None = None  # the caption a report prints above the table
    centered: bool = False  # layouts write a cell merged over rows in its middle row

    @property
    def width(self) -> int:
        return max((len(row) for row in self.matrix()), default=0)

    def add(self, *cells: Cell | str) -> None:
        self.rows.append([c if isinstance(c, Cell) else Cell(c) for c in cells])

    def placed(self) -> list[tuple[int, int, Cell]]:
        """(row, column, cell) of every cell, columns counted as the merged cells above push them."""
        taken: set[tuple[int, int]] = set()
        out: list[tuple[int, int, Cell]] = []
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                out.append((r, c, cell))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                c += cell.colspan
        return out

    def matrix(self, centered: bool = False) -> list[list[str]]:
        """Every row as the same number of texts: a merged cell in its first slot, '' in the slots it covers; with
        `centered`, a cell merged over rows stands in its middle row (as PDF text places it)."""
        placed = self.placed()
        height = max((r + cell.rowspan for r, _, cell in placed), default=0)
        width = max((c + cell.colspan for _, c, cell in placed), default=0)
        out = [["" for _ in range(width)] for _ in range(height)]
        for r, c, cell in placed:
            out[r + ((cell.rowspan - 1) // 2 if centered else 0)][c] = cell.text
        return out

    def map_cells(self, change: object) -> Grid:
        """A copy with every cell replaced by `change(cell)` (a callable Cell -> Cell)."""
        assert callable(change)
        return Grid(rows=[[change(cell) for cell in row] for row in self.rows], title=self.title, centered=self.centered)
