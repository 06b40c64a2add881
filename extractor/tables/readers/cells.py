"""Reader for tables written one cell per line (Word and web pages copied as text, some PDF tools).

In: lines of the normalized text, the blank lines inside such a table kept. Out: a `Table` whose first row
is the header that starts at the given line. Three ways of writing the cells are read:
- one cell a line, an empty cell a blank line (or a line of only a space or a lone `|`);
- each cell followed by ` |` on its line, an empty cell a lone `|`;
- cells parted by blank lines, an empty cell a line holding only a space.
Nothing marks where a row ends, so the row's width is found: the header (one row, or two for a header
merged over two rows) must name at least three columns by header words of one kind of table, and of the
widths that allow it, the one under which the most rows follow whose cells fit their columns (amounts in
amount columns, no bare number in a name or level column) is the table's. The table ends at the first row
that does not fit. A page number printed as a page prints it ("- 7 -") is no cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractor.tables.model import Cell, Line, Table, make_table
from extractor.tables.roles import role_of
from extractor.tables.stream import Token
from extractor.vocabulary import NUMERIC_ROLES, PAGE_DECORATION, TABLE_COLUMNS, TEXT_ROLES

_MAX_CELL_CHARS = 60  # a longer line is a paragraph, not a cell
_MIN_WIDTH, _MAX_WIDTH = 3, 14
_MIN_NAMED = 3  # header words a header must hold
_BAR = re.compile(r"\s*[|｜]\s*$")
_AMOUNT = re.compile(r"^(?:[-+]?\d+(?:\.\d+)?%?|[-—–/]+)$")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?%?$")
_DECIMAL = re.compile(r"\d\.\d")
_MAX_HEADER_CHARS = 20
_MAX_DRY = 2  # rows in a row without an amount end the table before them
_MIN_ROWS = 2  # rows under the header: one row fitting by chance is too little to call a table
_LOOKAHEAD = 400  # cells looked at from a header on
_PARTED_WINDOW = 10  # cells looked at to tell cells parted by blank lines


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int


class CellsReader:
    layout = "cells"

    def read(self, lines: Sequence[Line], at: int) -> Table | None:
        best = _best(lines, at)
        if best is None:
            return None
        # a table read from a later line of this one's header that reads as many cells under its header is the
        # table (this line is a title or the end of what comes before, taken in by a width that happens to fit)
        for later in range(at + 1, min(len(lines), at + best[1])):
            other = _best(lines, later)
            if other is not None and other[4] > best[4]:
                return None
        tokens = _tokens(lines, at)
        cells, width = best[0], best[1]
        rows = [tokens[k : k + width] for k in range(0, cells, width)]
        grid = [[_cell(token, r, c) for c, token in enumerate(row)] for r, row in enumerate(rows)]
        return make_table(self.layout, grid, [(row[0].start, row[-1].end) for row in rows])


def _best(lines: Sequence[Line], at: int) -> tuple[int, int, int, str, int] | None:
    """(cells read, width, header rows, kind, filled cells under the header) of the widest-reading table whose
    header starts at line `at`."""
    if at >= len(lines) or not _is_cell(lines[at].text) or not lines[at].text.strip():
        return None
    if (
        at + 1 < len(lines)
        and lines[at + 1].text
        and _parted([ln.text for ln in lines[at + 1 : at + 1 + 2 * _PARTED_WINDOW]])
    ):
        return None  # a line right before cells parted by blank lines (a title) is none of them
    tokens = _tokens(lines, at)
    best: tuple[int, int, int, str, int] | None = None
    for width in range(_MIN_WIDTH, _MAX_WIDTH + 1):
        for header_rows in (1, 2):
            found = _fit(tokens, width, header_rows)
            if found is not None and (best is None or found[0] > best[0]):
                filled = sum(1 for token in tokens[width * header_rows : found[0]] if token.text)
                best = (found[0], width, header_rows, found[1], filled)
    return best


def _parted(window: list[str]) -> bool:
    """Cells parted by blank lines: every other line blank, the lines between them never (a space at most)."""
    even = window[: len(window) - len(window) % 2]
    return len(even) >= 2 * _MIN_WIDTH and all((text == "") == (k % 2 == 1) for k, text in enumerate(even))


def _is_cell(text: str) -> bool:
    return len(text.strip()) <= _MAX_CELL_CHARS and "\t" not in text and not text.lstrip().startswith("<")


def _tokens(lines: Sequence[Line], at: int) -> list[_Token]:
    """The cells from line `at` on, in the way the first lines write them, up to a line that is no cell."""
    window = [line.text for line in lines[at : at + 2 * _PARTED_WINDOW]]
    barred = sum(1 for text in window if _BAR.search(text)) >= len(window) // 2 + 1
    parted = not barred and _parted(window)
    tokens: list[_Token] = []
    k = at
    while k < len(lines) and len(tokens) < _LOOKAHEAD and _is_cell(lines[k].text):
        line = lines[k]
        k += 1
        if PAGE_DECORATION.match(line.text):
            continue
        if parted and not line.text:
            continue  # the blank line between two cells
        text = _BAR.sub("", line.text) if barred else line.text
        if text.strip() in ("|", "｜"):
            text = ""
        lead = len(text) - len(text.lstrip())
        stripped = text.strip()
        tokens.append(_Token(stripped, line.start + lead, line.start + lead + len(stripped)))
    return tokens


def _fit(tokens: list[_Token], width: int, header_rows: int) -> tuple[int, str] | None:
    """How many cells a table of this width reads (header included) and its kind, or None when the header
    names too few columns."""
    header = tokens[: width * header_rows]
    if len(header) < width * header_rows or not header[0].text:
        return None
    if any(_NUMBER.match(token.text) or _DECIMAL.search(token.text) or len(token.text) > _MAX_HEADER_CHARS
           for token in header):  # fmt: skip
        return None  # a header holds short words, not amounts
    kind, roles = _header_roles(header, width)
    if kind is None or len(set(roles.values())) < _MIN_NAMED or not set(roles.values()) & NUMERIC_ROLES[kind]:
        return None  # too few columns named, or none whose cells a row could be checked by
    first = sum(1 for token in header[:width] if role_of(token.text, kind))
    if first < (_MIN_NAMED if header_rows == 1 else 1):
        return None  # the table starts at a header row: its first row names columns too
    named = [role_of(token.text, kind) is not None for token in tokens[: width * (header_rows + 1)]]
    if any(named[b - 1] and named[b] for b in range(width, len(named), width)):
        return None  # a row would end inside a run of header words: the width cuts the header
    read = width * header_rows
    amounts, dry = 0, 0  # rows with an amount in an amount column; rows without one in a row
    while read + width <= len(tokens) and _fits(tokens[read : read + width], roles, kind):
        found = _has_amount(tokens[read : read + width], roles, kind)
        amounts, dry = amounts + found, 0 if found else dry + 1
        read += width
        if dry == _MAX_DRY:
            break
    read -= width * dry  # rows without amounts after the last that had one: what follows the table
    rows = (read - width * header_rows) // width
    if rows < _MIN_ROWS or not _has_amount(tokens[width * header_rows : width * (header_rows + 1)], roles, kind):
        return None  # too few rows under the header, or a first row without an amount where amounts go
    if amounts * 3 < rows * 2:
        return None  # most rows of a table hold amounts in its amount columns
    empty = [col for col in range(width) if not any(tokens[k].text for k in range(col, read, width))]
    if len(empty) * 2 >= width:
        return None  # half the columns empty everywhere: the blank lines part cells, they are none
    return read, kind


def _has_amount(row: list[_Token], roles: dict[int, str], kind: str) -> bool:
    return any(_NUMBER.match(row[col].text) for col, role in roles.items() if role in NUMERIC_ROLES[kind])


def _header_roles(header: list[_Token], width: int) -> tuple[str | None, dict[int, str]]:
    """The kind of table the header names the most columns of, and column -> role (lower row first)."""
    best: tuple[str | None, dict[int, str]] = (None, {})
    for kind in TABLE_COLUMNS:
        roles: dict[int, str] = {}
        for col in range(width):
            for row in reversed(range(len(header) // width)):
                role = role_of(header[row * width + col].text, kind)
                if role is not None:
                    roles[col] = role
                    break
        if len(set(roles.values())) > len(set(best[1].values())):
            best = (kind, roles)
    return best


def _fits(row: list[_Token], roles: dict[int, str], kind: str) -> bool:
    """Whether a row's cells fit the columns: an amount column holds an amount or nothing, a name or level
    column no bare number, the row holds something and no header words."""
    if not any(token.text for token in row):
        return False
    for col, token in enumerate(row):
        role = roles.get(col)
        if not token.text or role is None:
            continue
        if role in NUMERIC_ROLES[kind] and not _AMOUNT.match(token.text.replace(" ", "")):
            return False
        if role in TEXT_ROLES[kind] and _NUMBER.match(token.text):
            return False
    named = sum(1 for token in row if role_of(token.text, kind) is not None)
    return named < 2  # header words: the header again, or a header cut by a wrong width


def _cell(token: _Token, row: int, col: int) -> Cell:
    return Cell(token.text, token.start, token.end, row, col)


def cell_tokens(lines: Sequence[Line], at: int) -> list[Token]:
    """The cells from line `at` on, one per line as this layout writes them (see `_tokens`), as stream tokens."""
    return [Token(t.text, t.start, t.end) for t in _tokens(lines, at)]
