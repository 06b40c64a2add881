"""Reader for one cell per line where rows differ in width: merged cells left out, empty cells kept or not.

In: lines of the normalized text (blank lines kept, as for the cells layout). Out: a `Table` whose first row is
the header that starts at the given line. Word and web pages copied as text write a form's cells one per line; a
cell merged over rows (一级指标, 二级指标) is written once, in its first row, so the rows under it are shorter and no
one width cuts the cells into rows (the cells layout needs one). Here the header's words name the columns and
`extractor.tables.stream` cuts the cells into rows by the kind of text each holds, matched to the columns in order.
A table the cells layout reads as far is left to it (it keeps every empty cell in its slot).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.tables.model import Cell, Line, Table, make_table
from extractor.tables.parted import bar_parted_tokens
from extractor.tables.readers.cells import CellsReader, cell_tokens
from extractor.tables.stream import Token, body_end, header_at, rows_of, unsure_rows
from extractor.vocabulary import INDICATOR_BLOCK_CELLS

_MIN_ROWS = 2  # rows read under the header
_TORN_LINES = 2  # lines of several cells that make the text torn
_NUMBERS = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


class RaggedReader:
    layout = "ragged"

    def read(self, lines: Sequence[Line], at: int) -> Table | None:
        parted = bar_parted_tokens(lines, at)
        tokens = parted or cell_tokens(lines, at)
        if len(tokens) < 2 * _MIN_ROWS or not tokens[0].text:
            return None
        header = header_at(tokens, 0)
        if header is None and tokens[0].text in INDICATOR_BLOCK_CELLS:
            header = header_at(tokens, 1)  # (绩效指标 merged down before the level columns, heading the block)
        if header is None or _several_cells_a_line(tokens[header.end : body_end(tokens, header)]):
            return None
        cut = rows_of(tokens, header)
        guessed = unsure_rows(tokens, header, cut)  # rows whose cells the stream could not all fit
        kept = [k for k, row in enumerate(cut) if len(row) > 1]
        rows = [cut[k] for k in kept]
        if len(rows) < _MIN_ROWS:
            return None
        end = tokens[body_end(tokens, header) - 1].end
        fixed = CellsReader().read(lines, at) if not parted else None
        if fixed is not None and fixed.end >= end:
            return None  # the cells layout reads it as far, every empty cell in its slot
        grid = [_header_row(header.cells, tokens[0].start)]
        grid += [_row(row, r + 1) for r, row in enumerate(rows)]
        spans = [(min(c.start for c in row if c.text), max(c.end for c in row if c.text)) for row in grid]
        spans[0] = (min(spans[0][0], tokens[0].start), spans[0][1])  # (a group cell over columns heads the table too)
        return make_table(self.layout, grid, spans, [r + 1 for r, k in enumerate(kept) if k in guessed])


def _several_cells_a_line(body: Sequence[Token]) -> bool:
    """Lines that hold several cells parted by spaces, two numbers among them ("≥ 40 个 43 5 5"): torn PDF text,
    whose cells are wrapped over lines too, not one cell a line."""
    return sum(1 for token in body if len(_NUMBERS.findall(token.text)) >= 2 and " " in token.text) >= _TORN_LINES


def _header_row(cells: Sequence[Token | None], at: int) -> list[Cell]:
    return [Cell(t.text, t.start, t.end, 0, c) if t is not None else Cell("", at, at, 0, c) for c, t in enumerate(cells)]


def _row(placed: list[tuple[int, Token]], r: int) -> list[Cell]:
    width = max(col for col, _ in placed) + 1
    cells = dict(placed)
    at = placed[0][1].start
    out: list[Cell] = []
    for c in range(width):
        token = cells.get(c)
        out.append(Cell(token.text, token.start, token.end, r, c) if token is not None else Cell("", at, at, r, c))
        at = token.end if token is not None else at
    return out

