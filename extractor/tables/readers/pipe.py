"""Reader for `|`-separated rows: markdown tables and the pipe rows of other converters.

In: lines of the normalized text. Out: a `Table` of the run of pipe rows that starts at the given line.
Pipe rows hold bars: `| a | b |`, or without outer bars `a | b | c` (a lone line needs two bars).
Bars are outer (opening or closing no cell) only when every row of the table has them: in `a | b |`
rows beside ` | c | d |` rows, the leading bar bounds an empty first cell. A markdown separator row (`|---|:--:|`) is part of the table but not a row. No
merged cells: ragged rows are read as written, padded with empty cells at the right.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.tables.model import Cell, Line, Table, cell_at, make_table

BARS = "|｜"
_SEPARATOR_ROW = re.compile(r"^[\s|｜:：\-—–]*-[\s|｜:：\-—–]*$")


class PipeReader:
    layout = "pipe"

    def read(self, lines: Sequence[Line], at: int) -> Table | None:
        end = at
        while end < len(lines) and _bars(lines[end].text):
            end += 1
        if end == at or (end - at == 1 and _bars(lines[at].text) < 2):
            return None  # one line with one bar ("甲 | 乙") is not enough to call a table
        run = [line for line in lines[at:end] if not _SEPARATOR_ROW.match(line.text)]
        if not run:
            return None
        opens = all(line.text.lstrip()[:1] in BARS for line in run)  # outer bars: only when every row has them
        closes = all(line.text.rstrip()[-1:] in BARS for line in run)
        grid = [split_row(line, r, opens, closes) for r, line in enumerate(run)]
        table = make_table(self.layout, grid, [(line.start, line.end) for line in run])
        return Table(layout=table.layout, rows=table.rows, start=lines[at].start, end=lines[end - 1].end,
                     headers=table.headers)  # fmt: skip


def _bars(text: str) -> int:
    return sum(text.count(bar) for bar in BARS)


def split_row(line: Line, row: int, opens: bool, closes: bool) -> list[Cell]:
    """The cells of a row; an outer bar (`opens`, `closes`) does not bound a cell, an inner one does."""
    text = line.text
    bars = [k for k, ch in enumerate(text) if ch in BARS]
    bounds = [-1, *bars, len(text)]
    pieces = [(bounds[k] + 1, bounds[k + 1]) for k in range(len(bounds) - 1)]
    if opens and not text[: bars[0]].strip():
        pieces = pieces[1:]
    if closes and not text[bars[-1] + 1 :].strip():
        pieces = pieces[:-1]
    return [cell_at(text[a:b], line.start + a, row, col) for col, (a, b) in enumerate(pieces)]
