"""Reader for tables written one cell per line (Word and web pages copied as text, some PDF tools).

In: lines of the normalized text, the blank lines inside such a table kept. Out: a `Table` whose first row
is the header that starts at the given line. Three ways of writing the cells are read:
- one cell a line, an empty cell a blank line (or a line of only a space or a lone `|`);
- each cell followed by ` |` on its line, an empty cell a lone `|`;
- cells parted by blank lines, an empty cell a line holding only a space, or two more blank lines (a run of
  2e + 1 blank lines between two cells holds e empty cells: web pages whose cells are paragraphs).
Nothing marks where a row ends, so the row's width is found: the header (one row, or two for a header
merged over two rows) must name at least three columns by header words of one kind of table, and of the
widths that allow it, the one under which the most rows follow whose cells fit their columns (amounts in
amount columns, no bare number in a name or level column) is the table's. The table ends at the first row
that does not fit. A page number printed as a page prints it ("- 7 -") is no cell.

Cost: linear in the lines. What every line's cells are (in each way of writing them), which are short words and
which name a column are found once for all the lines `find_tables` reads (`_Scan`); from each line on, the header
checks then cost a few look-ups, and a table's rows are read only where a header fits.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from extractor.tables.model import Cell, Line, Table, make_table, starts_with_markup
from extractor.tables.parted import bar_parted
from extractor.tables.roles import role_of
from extractor.tables.stream import Token
from extractor.vocabulary import NUMERIC_ROLES, PAGE_DECORATION, TABLE_COLUMNS, TEXT_ROLES

_MAX_CELL_CHARS = 60  # a longer line is a paragraph, not a cell
_MIN_WIDTH, _MAX_WIDTH = 3, 14
_MIN_NAMED = 3  # header words a header must hold
_BAR = re.compile(r"\s*[|｜]\s*$")
_BARS_ALONE = re.compile(r"^[|｜\s]+$")  # a line of bars alone ("|", "||"): a row's empty cell(s), no words
_AMOUNT = re.compile(r"^(?:[-+]?\d+(?:\.\d+)?%?|[-—–/]+)$")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?%?$")
_DECIMAL = re.compile(r"\d\.\d")
_MAX_HEADER_CHARS = 20
_MAX_DRY = 2  # rows in a row without an amount end the table before them
_MIN_ROWS = 2  # rows under the header: one row fitting by chance is too little to call a table
_LOOKAHEAD = 400  # cells looked at from a header on
_PARTED_WINDOW = 10  # cells looked at to tell cells parted by blank lines
_HEAD_CELLS = 3 * _MAX_WIDTH  # cells the header checks read: two header rows and the row under them
_KINDS = tuple(TABLE_COLUMNS)


@lru_cache(maxsize=1 << 16)  # the same short texts are asked about from every line a table may start at
def _roles(text: str) -> tuple[str | None, ...]:
    """The role a cell's text names in each kind of table (`_KINDS` order), None where it names none."""
    return tuple(role_of(text, kind) for kind in _KINDS)


class CellsReader:
    layout = "cells"

    def read(self, lines: Sequence[Line], at: int) -> Table | None:
        if bar_parted(lines, at):
            return None  # bars part the cells (a web table copied as text): the ragged reader's
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
    scan = _scan(lines)
    if at + 1 < len(lines) and lines[at + 1].text and scan.parted(at + 1):
        return None  # a line right before cells parted by blank lines (a title) is none of them
    stream, lo, hi = scan.cells(at)
    # the header checks below, first by counts: the first cells that are short words (a header holds no amount)
    # and how many of them name a column; `_header` only for the shapes the counts allow
    short = min(stream.short_end[lo], hi, lo + _HEAD_CELLS) - lo
    named = stream.named  # named[i]: cells before the i-th that are short words naming a column of some table
    shapes = [
        (width, header_rows)
        for width in range(_MIN_WIDTH, _MAX_WIDTH + 1)
        for header_rows in (1, 2)
        if width * header_rows <= short
        and named[lo + width * header_rows] - named[lo] >= _MIN_NAMED  # a header names three columns,
        and named[lo + width] - named[lo] >= (_MIN_NAMED if header_rows == 1 else 1)  # its first row one or three
    ]
    if not shapes:
        return None
    tokens, roles = stream.tokens[lo:hi], stream.roles[lo:hi]
    best: tuple[int, int, int, str, int] | None = None
    for width, header_rows in shapes:
        found = _fit(tokens, roles, width, header_rows)
        if found is not None and (best is None or found[0] > best[0]):
            filled = sum(1 for token in tokens[width * header_rows : found[0]] if token.text)
            best = (found[0], width, header_rows, found[1], filled)
    return best


def _is_cell(text: str) -> bool:
    return len(text.strip()) <= _MAX_CELL_CHARS and "\t" not in text and not starts_with_markup(text)


def _tokens(lines: Sequence[Line], at: int) -> list[Token]:
    """The cells from line `at` on, in the way the first lines write them, up to a line that is no cell."""
    stream, lo, hi = _scan(lines).cells(at)
    return stream.tokens[lo:hi]


def _token(line: Line, barred: bool) -> Token:
    """A line's cell: its text without the trailing bar of a barred table, "" for a lone bar."""
    text = _BAR.sub("", line.text) if barred else line.text
    if _BARS_ALONE.match(text):
        text = ""
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    return Token(stripped, line.start + lead, line.start + lead + len(stripped))


def _header_cell(text: str) -> bool:
    """Whether a cell may be a header's: a header holds short words, not amounts."""
    return not (_NUMBER.match(text) or _DECIMAL.search(text) or len(text) > _MAX_HEADER_CHARS)


def _scan(lines: Sequence[Line]) -> _Scan:
    """The scan of these lines: the one `find_tables` keeps beside them (`memo`), else a new one."""
    memo: dict[str, object] | None = getattr(lines, "memo", None)
    if memo is None:
        return _Scan(lines)
    scan = memo.get("cells")
    if not isinstance(scan, _Scan):
        scan = memo["cells"] = _Scan(lines)
    return scan


class _Stream:
    """Every line's cell in one way of writing them (barred, parted by blank lines, or plain), in order:
    `tokens`; `first[k]`, the index of line k's first cell (lines that are no cell have none); `short_end[i]`, the
    first cell from the i-th on that is no short word; `named[i]`, how many short words naming a column (of some
    kind of table) come before the i-th cell; `roles[i]`, the role the i-th cell names in each kind of table."""

    def __init__(self, lines: Sequence[Line], cell: list[bool], barred: bool, parted: bool) -> None:
        self.tokens: list[Token] = []
        self.first = array("l", bytes(8 * (len(lines) + 1)))
        self.ends: list[int] = []  # parted: tokens before which an even run of blank lines ended the cells above
        run = 0  # blank lines in a row before this one (parted: a run of 2e + 1 between two cells holds e empty cells)
        for k, line in enumerate(lines):
            self.first[k] = len(self.tokens)
            if parted and not line.text:
                run += 1
                if run > 1 and run % 2 == 1:
                    self.tokens.append(Token("", line.start, line.start))  # the empty cell two more blank lines write
                continue  # the blank line between two cells
            if run and run % 2 == 0:
                self.ends.append(len(self.tokens))
            run = 0
            if not cell[k] or PAGE_DECORATION.match(line.text):
                continue  # no cell, a page number
            self.tokens.append(_token(line, barred))
        self.first[len(lines)] = len(self.tokens)
        short = [_header_cell(token.text) for token in self.tokens]
        self.roles = [_roles(token.text) for token in self.tokens]
        self.short_end = array("l", bytes(8 * (len(self.tokens) + 1)))
        self.short_end[len(self.tokens)] = len(self.tokens)
        for i in range(len(self.tokens) - 1, -1, -1):
            self.short_end[i] = self.short_end[i + 1] if short[i] else i
        self.named = array("l", bytes(8 * (len(self.tokens) + 1)))
        for i, roles in enumerate(self.roles):
            names = short[i] and any(roles)
            self.named[i + 1] = self.named[i] + names


class _Scan:
    """What the cells reader asks of every line, found once for all the lines: whether it is a cell, where the
    run of cells from it ends, the bars and blank lines that tell how its window writes cells, and the cells
    themselves (`_Stream`, one per way of writing them, made when first asked for)."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = lines
        n = len(lines)
        self.cell = [_is_cell(line.text) for line in lines]
        self.stop = array("l", bytes(8 * (n + 1)))  # stop[k]: the first line from k on that is no cell
        self.stop[n] = n
        for k in range(n - 1, -1, -1):
            self.stop[k] = self.stop[k + 1] if self.cell[k] else k
        self.bars = array("l", bytes(8 * (n + 1)))  # bars[k]: lines before k that end in a bar
        for k, line in enumerate(lines):
            self.bars[k + 1] = self.bars[k] + (_BAR.search(line.text) is not None)
        # alternating[k]: how many lines from k on (text first) write text lines parted by odd runs of blank lines:
        # text, blank, text, blank, blank, blank, text ... (an even run ends it after its first blank line)
        self.alternating = array("l", bytes(8 * (n + 2)))
        blanks = array("l", bytes(8 * (n + 2)))  # blanks[k]: blank lines in a row from k on
        for k in range(n - 1, -1, -1):
            empty = lines[k].text == ""
            blanks[k] = 1 + blanks[k + 1] if empty else 0
            if empty:
                continue
            run = blanks[k + 1]
            if run % 2 == 1:
                self.alternating[k] = 1 + run + self.alternating[k + 1 + run]
            else:
                self.alternating[k] = 1 + min(run, 1)
        self._streams: dict[tuple[bool, bool], _Stream] = {}

    def parted(self, at: int) -> bool:
        """Cells parted by blank lines in the window of lines from `at` on: every other line blank, the lines
        between them never (a space at most)."""
        size = min(2 * _PARTED_WINDOW, len(self.lines) - at)
        even = size - size % 2
        return even >= 2 * _MIN_WIDTH and self.alternating[at] >= even

    def cells(self, at: int) -> tuple[_Stream, int, int]:
        """The cells from line `at` on, in the way the first lines write them, up to a line that is no cell (at
        most the lookahead): the stream and the range [lo, hi) of its tokens."""
        size = min(2 * _PARTED_WINDOW, len(self.lines) - at)
        barred = self.bars[at + size] - self.bars[at] >= size // 2 + 1
        parted = not barred and self.parted(at)
        stream = self._streams.get((barred, parted))
        if stream is None:
            stream = self._streams[barred, parted] = _Stream(self.lines, self.cell, barred, parted)
        lo = stream.first[at]
        hi = min(stream.first[self.stop[at]], lo + _LOOKAHEAD)
        end = bisect_right(stream.ends, lo)  # cells parted by blank lines end at an even run of them
        return stream, lo, min(hi, stream.ends[end]) if end < len(stream.ends) else hi


def _fit(tokens: list[Token], names: list[tuple[str | None, ...]], width: int, header_rows: int) -> tuple[int, str] | None:
    """How many cells a table of this width reads (header included) and its kind, or None when the header
    names too few columns. `names[i]`: the roles `tokens[i]` names (`_roles`). The caller has checked that the
    header's cells are short words (a header holds short words, not amounts)."""
    header = tokens[: width * header_rows]
    if len(header) < width * header_rows or not header[0].text:
        return None
    ki, roles = _header_roles(names[: width * header_rows], width)
    if ki is None or len(set(roles.values())) < _MIN_NAMED or not set(roles.values()) & NUMERIC_ROLES[_KINDS[ki]]:
        return None  # too few columns named, or none whose cells a row could be checked by
    kind = _KINDS[ki]
    first = sum(1 for cell in names[:width] if cell[ki])
    if first < (_MIN_NAMED if header_rows == 1 else 1):
        return None  # the table starts at a header row: its first row names columns too
    named = [cell[ki] is not None for cell in names[: width * (header_rows + 1)]]
    if any(named[b - 1] and named[b] for b in range(width, len(named), width)):
        return None  # a row would end inside a run of header words: the width cuts the header
    read = width * header_rows
    amounts, dry = 0, 0  # rows with an amount in an amount column; rows without one in a row
    while read + width <= len(tokens) and _fits(tokens[read : read + width], names[read : read + width], roles, ki):
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


def _has_amount(row: list[Token], roles: dict[int, str], kind: str) -> bool:
    return any(_NUMBER.match(row[col].text) for col, role in roles.items() if role in NUMERIC_ROLES[kind])


def _header_roles(header: list[tuple[str | None, ...]], width: int) -> tuple[int | None, dict[int, str]]:
    """The kind of table (its index in `_KINDS`) the header names the most columns of, and column -> role
    (lower row first). `header`: the roles each header cell names (`_roles`)."""
    best: tuple[int | None, dict[int, str]] = (None, {})
    rows = range(len(header) // width - 1, -1, -1)
    for k in range(len(_KINDS)):
        roles: dict[int, str] = {}
        for col in range(width):
            for row in rows:
                role = header[row * width + col][k]
                if role is not None:
                    roles[col] = role
                    break
        if len(set(roles.values())) > len(set(best[1].values())):
            best = (k, roles)
    return best


def _fits(row: list[Token], names: list[tuple[str | None, ...]], roles: dict[int, str], k: int) -> bool:
    """Whether a row's cells fit the columns of the `k`-th kind of table: an amount column holds an amount or
    nothing, a name or level column no bare number, the row holds something and no header words (`names`: the
    roles each cell names)."""
    if not any(token.text for token in row):
        return False
    kind = _KINDS[k]
    for col, token in enumerate(row):
        role = roles.get(col)
        if not token.text or role is None:
            continue
        if role in NUMERIC_ROLES[kind] and not _AMOUNT.match(token.text.replace(" ", "")):
            return False
        if role in TEXT_ROLES[kind] and _NUMBER.match(token.text):
            return False
    named = sum(1 for cell in names if cell[k] is not None)
    return named < 2  # header words: the header again, or a header cut by a wrong width


def _cell(token: Token, row: int, col: int) -> Cell:
    return Cell(token.text, token.start, token.end, row, col)


def cell_tokens(lines: Sequence[Line], at: int) -> list[Token]:
    """The cells from line `at` on, one per line as this layout writes them (see `_tokens`), as stream tokens
    (the scan's own, sliced: no copy of each cell from every line)."""
    return _tokens(lines, at)
