"""Reader for `|`-separated rows: markdown tables and the pipe rows of other converters.

In: lines of the normalized text. Out: a `Table` of the run of pipe rows that starts at the given line.
Pipe rows hold bars: `| a | b |`, or without outer bars `a | b | c` (a lone line needs two bars).
Bars are outer (opening or closing no cell) only when every row of the table has them: in `a | b |`
rows beside ` | c | d |` rows, the leading bar bounds an empty first cell. A markdown separator row (`|---|:--:|`) is part of the table but not a row. No
merged cells: ragged rows are read as written, padded with empty cells at the right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from extractor.tables.model import Cell, Line, Table, cell_at, make_table
from extractor.tables.readers.cells import CellsReader
from extractor.tables.readers.ragged import RaggedReader
from extractor.vocabulary import FORM_NAME_IN_PROSE, FORM_NAME_INSIDE

BARS = "|｜"
_MIN_CELL_LINES = 6  # lines of one cell each before a run is read as the cells layout
_MAJORITY_NUM, _MAJORITY_DEN = 3, 5  # "most lines": three in five
_ONE_CELL_READERS = (CellsReader(), RaggedReader())
_SEPARATOR_ROW = re.compile(r"^[\s|｜:：\-—–]*-[\s|｜:：\-—–]*$")


class PipeReader:
    layout = "pipe"

    def read(self, lines: Sequence[Line], at: int) -> Table | None:
        end = at
        while end < len(lines) and _bars(lines[end].text) and (end == at or not _form_name_row(lines[end].text)):
            end += 1  # (a row labeled with a form's name opens another form: its table starts there)
        if end == at or (end - at == 1 and _bars(lines[at].text) < 2):
            return None  # one line with one bar ("甲 | 乙") is not enough to call a table
        if _one_cell_lines(lines[at:end]):  # one cell a line, each closed by a bar: rows of one cell, up to where
            # the cells layout reads a table by its header (or the ragged one: merged level cells written once)
            end = next((k for k in range(at, end) if any(r.read(lines, k) is not None for r in _ONE_CELL_READERS)), end)
            if end == at:
                return None
        run = _rows(line for line in lines[at:end] if not _SEPARATOR_ROW.match(line.text))
        if not run:
            return None
        opens = all(line.text.lstrip()[:1] in BARS for line in run)  # outer bars: only when every row has them
        closes = all(line.text.rstrip()[-1:] in BARS for line in run)
        grid = [split_row(line, r, opens, closes) for r, line in enumerate(run)]
        table = make_table(self.layout, grid, [(line.start, line.end) for line in run])
        return Table(layout=table.layout, rows=table.rows, start=lines[at].start, end=lines[end - 1].end,
                     headers=table.headers)  # fmt: skip


def _form_name_row(text: str) -> bool:
    """A row whose first cell is a form's name label ("| 单位名称/ 项目名称 |"): the head of the next form."""
    first = next((cell for cell in text.strip().strip(BARS).split("|") if cell.strip()), "")
    return FORM_NAME_INSIDE.search(first) is not None and FORM_NAME_IN_PROSE.match(first.strip()) is None


def _one_cell_lines(run: Sequence[Line]) -> bool:
    """Most lines one cell and a closing bar ("项目名称 |", a lone "|" for an empty cell)."""
    single = sum(1 for line in run if _bars(line.text) == 1 and line.text.rstrip()[-1:] in BARS)
    return len(run) >= _MIN_CELL_LINES and single * _MAJORITY_DEN >= len(run) * _MAJORITY_NUM


def _rows(lines: Iterable[Line]) -> list[Line]:
    """The rows of a run of pipe lines, a row broken over lines joined back (its text keeps the line breaks, which
    a cell drops). Where most lines open with a bar (outer bars), a line that does not is the rest of the row above
    (a cell broke inside: "| 项目名称 |" / "某某经费 |"); where most do not, a line that opens with a bar after a line
    that closes with one is (the row's last cells, broken off: "… | 5 |" / "|" / "| |||"); either only while the row
    holds no more bars than the widest line (a whole row)."""
    run = list(lines)
    worded = [line.text.strip() for line in run if line.text.strip(BARS + " ")]  # lines with a cell's text
    outer = sum(1 for text in worded if text[:1] in BARS) * 2 > len(worded)
    widest = max((_bars(line.text) for line in run), default=0)  # a whole row's bars: no joined row holds more
    rows: list[Line] = []
    for line in run:
        opens = line.text.lstrip()[:1] in BARS
        after_bar = bool(rows) and rows[-1].text.rstrip()[-1:] in BARS
        fits = bool(rows) and _bars(rows[-1].text) + _bars(line.text) <= widest
        joins = fits and ((outer and not opens) or (not outer and opens and after_bar))
        if joins:
            rows[-1] = Line(rows[-1].start, rows[-1].text + "\n" + line.text)
        else:
            rows.append(line)
    return rows


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
