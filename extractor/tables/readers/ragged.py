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
from extractor.tables.readers.cells import CellsReader, cell_tokens
from extractor.tables.stream import Token, body_end, header_at, rows_of, unsure_rows

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


_LEADING_BAR = re.compile(r"^\s*[|｜]\s?")
_MIN_BARS = 5  # bars at line starts among the first lines: cells parted by bars
_BAR_WINDOW = 24  # lines looked at to tell cells parted by bars
_MAX_CELL_LINES = 12  # lines of one cell at most (a level name written a character a line)


def bar_parted_tokens(lines: Sequence[Line], at: int) -> list[Token]:
    """The cells from line `at` on when the text parts them by bars at line starts (a web page's table copied as
    text): a lone bar, or a bar opening the next cell's first line ("| 评价指标"); the lines between two bars are one
    cell, wrapped (a level name written a character a line is one word); two bars in a row part an empty cell. The
    text ends at a blank line after the last bar, a line holding a bar inside it, or a cell running over too many
    lines. Empty when the first lines do not write cells so (fewer than `_MIN_BARS` bars, or a bar after text on a
    line: pipe rows)."""
    window = [line.text for line in lines[at : at + _BAR_WINDOW] if line.text.strip()]
    if not window or _LEADING_BAR.match(window[0]) or any(_inner_bar(text) for text in window):
        return []
    if sum(1 for text in window if _LEADING_BAR.match(text)) < _MIN_BARS:
        return []
    tokens: list[Token] = []
    pending: list[Line] = []
    for line in lines[at:]:
        text = line.text
        if not text.strip():
            if pending and tokens:
                break  # a blank line after a cell: the text after the table
            continue
        if _inner_bar(text) or len(pending) > _MAX_CELL_LINES:
            break
        bar = _LEADING_BAR.match(text)
        if bar is None:
            pending.append(line)
            continue
        tokens.append(_joined(pending, line.start))
        rest = text[bar.end() :]
        pending = [Line(line.start + bar.end(), rest)] if rest.strip() else []
    if pending:
        tokens.append(_joined(pending, pending[0].start))
    return tokens


def _inner_bar(text: str) -> bool:
    """A bar inside a line's text after a cell's words (pipe rows "a | b"), not at its start."""
    return any(ch in "|｜" for ch in _LEADING_BAR.sub("", text, count=1))


def _joined(pending: list[Line], at: int) -> Token:
    if not pending:
        return Token("", at, at)
    first, last = pending[0], pending[-1]
    start = first.start + len(first.text) - len(first.text.lstrip())
    end = last.start + len(last.text.rstrip())
    return Token("".join(line.text.strip() for line in pending), start, max(start, end))
