"""Tables: one model (`Table`, a grid of `Cell`s with spans, merged cells expanded, column roles from
header words) and one reader per layout (`extractor.tables.readers`).

Stage: after `normalize`; `chunk` finds table blocks with `find_tables`, the rules read `Table`s.
- `read_table(lines, at)`: the table that starts at `lines[at]`, read by the first reader that reads
  one, or None.
- `find_tables(lines)`: every table in the lines, in order, none overlapping.
- `table_line_indices(lines)`: the indices of the lines the tables cover.
- `row_at(tables, offset)`: the row whose span holds an offset.
- `tables_in(text, start)`: the tables in a piece of the normalized text that starts at `start`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from extractor.tables.model import Cell, Header, Line, Row, Table, lines_of, make_table
from extractor.tables.readers import BLANK_LINE_LAYOUTS, READERS, Reader

__all__ = [
    "READERS", "Cell", "Header", "Line", "Reader", "Row", "Table", "find_tables", "lines_of", "make_table",
    "read_table", "row_at", "table_line_indices", "tables_in",
]  # fmt: skip


def read_table(lines: Sequence[Line], at: int) -> Table | None:
    for reader in READERS:
        table = reader.read(lines, at)
        if table is not None:
            return table
    return None


class _Shared(list[Line]):
    """The lines `find_tables` reads, with `memo`: what a reader finds once for all of them (so reading from
    every line costs no more than the lines)."""

    def __init__(self, lines: Sequence[Line]) -> None:
        super().__init__(lines)
        self.memo: dict[str, object] = {}


# The last reading of a short stretch of lines (a chunk), remembered: the form rules read a form chunk's tables
# twice (its project, then its goal). Tables are frozen; a long stretch (a whole document) is not kept alive.
_REMEMBER_LINES = 4096
_last: tuple[tuple[Line, ...], tuple[Table, ...]] = ((), ())


def find_tables(lines: Sequence[Line]) -> list[Table]:
    """Every table in the lines, in order, none overlapping: from each line not in a table yet, the first
    reader that reads one there (`read_table`)."""
    global _last
    key = tuple(lines) if len(lines) <= _REMEMBER_LINES else None
    last_lines, last_tables = _last
    if key is not None and key == last_lines:
        return list(last_tables)
    tables = _find_tables(lines)
    if key is not None:
        _last = (key, tuple(tables))
    return tables


def _find_tables(lines: Sequence[Line]) -> list[Table]:
    tables: list[Table] = []
    lines = _Shared(lines)
    i = 0
    while i < len(lines):
        table = read_table(lines, i)
        if table is None:
            i += 1
            continue
        tables.append(table)
        after = i + 1
        while after < len(lines) and lines[after].start < table.end:
            after += 1
        i = after
    return tables


def row_at(tables: Sequence[Table], offset: int) -> Row | None:
    """The row whose span holds a normalized offset, or None. Tables come in document order, none overlapping,
    and so do their rows: two binary searches (chunk asks this once per line; a scan made big inputs quadratic)."""
    t = bisect_right(tables, offset, key=lambda table: table.start) - 1
    if t < 0 or offset > tables[t].end:
        return None
    rows = tables[t].rows
    r = bisect_right(rows, offset, key=lambda row: row.start) - 1
    return rows[r] if r >= 0 and rows[r].start <= offset <= rows[r].end else None


def table_line_indices(lines: Sequence[Line], tables: Sequence[Table] | None = None) -> set[int]:
    """Indices of the lines that the tables (found in them unless given) cover."""
    covered: set[int] = set()
    k = 0
    for table in find_tables(lines) if tables is None else tables:
        while k < len(lines) and lines[k].end < table.start:
            k += 1
        first = k
        while k < len(lines) and (lines[k].start < table.end or (lines[k].start == table.end and not lines[k].text)):
            covered.add(k)  # (an empty cell on the table's last line ends the table where it starts)
            k += 1
        if table.layout in BLANK_LINE_LAYOUTS:  # blank lines next to the table: they may be its cells too
            covered.update(_blank_run(lines, first - 1, -1) + _blank_run(lines, k, 1))
    return covered


def _blank_run(lines: Sequence[Line], at: int, step: int) -> list[int]:
    run: list[int] = []
    while 0 <= at < len(lines) and not lines[at].text.strip():
        run.append(at)
        at += step
    return run


def tables_in(text: str, start: int = 0) -> list[Table]:
    return find_tables(lines_of(text, start))
