"""The table model every layout reader produces and every table consumer reads.

Stage: between `normalize` and the consumers (`chunk`, the rules, prompt rendering). A reader turns
lines of the normalized text into a `Table`; consumers read cells by (row, column) and by the column
role that the table's header words give, never by splitting on a separator or by position alone.

API (small on purpose):
- `Line(start, text)`: one line of the normalized text; `lines_of(text, start)` splits text into them.
- `Cell`: `text` as written in the normalized text (stripped, line breaks inside a wrapped cell dropped; ""
  when empty or covered), its span
  `start`/`end` in the normalized text, its slot `row`/`col`, and `origin`: for a slot covered by a
  merged cell (rowspan/colspan), the cell that covers it. `content` is the text the slot shows
  (the origin's text for a covered slot).
- `Row`: `index`, `cells` (one per column slot, padded to the table's width), `start`/`end` (the
  row's span), `texts` (every slot's `content`).
- `Header`: a header found from header words: `kind` ("indicators", "budget", "accounts"), the
  header `rows` (one, or two when the header is merged over two rows) and `roles`, role -> column.
- `Table`: `layout` (the reader's name), `rows`, `start`/`end` (span in the normalized text),
  `headers`; `cell(r, c)`, `header(kind)`, `body(header)` (the rows under a header, up to the next
  header) and `get(row, header, role)` (the cell of a row in a role's column, or None).
Build one with `make_table(layout, grid)`: the grid is rows of `Cell`s as read; the builder pads
rows to one width and finds the headers (`extractor.tables.roles`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

_LINE_BREAK = re.compile(r"[ \t]*\n\s*")
# an HTML tag's opening ("<tr", "</td", "<!--"): a "<" before anything else is a comparator ("<=5300元", "<5%")
_MARKUP = re.compile(r"</?[A-Za-z!]")


def has_markup(text: str) -> bool:
    """Whether `text` holds an HTML tag (the html layout's lines), not a bare "<" that compares a target."""
    return _MARKUP.search(text) is not None


def starts_with_markup(text: str) -> bool:
    """Whether `text` opens with an HTML tag (a structure line of a table kept as markup), spaces aside."""
    return _MARKUP.match(text.lstrip()) is not None


@dataclass(frozen=True, slots=True)  # one per line or cell of a whole document: no __dict__ each
class Line:
    """One line of the normalized text: its start offset and its text (without the line break)."""

    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def lines_of(text: str, start: int = 0) -> list[Line]:
    """`text` split at line breaks, each line with its offset (text[0] is at `start`)."""
    lines: list[Line] = []
    at = start
    for piece in text.split("\n"):
        lines.append(Line(at, piece))
        at += len(piece) + 1
    return lines


@dataclass(frozen=True, slots=True)  # one per line or cell of a whole document: no __dict__ each
class Cell:
    """One slot of the grid. An empty or covered slot has text "" and an empty span where it stands."""

    text: str
    start: int
    end: int
    row: int
    col: int
    origin: Cell | None = field(default=None, compare=False, repr=False)

    @property
    def content(self) -> str:
        """What the slot shows: its own text, or for a slot covered by a merged cell, that cell's text."""
        return self.origin.text if self.origin is not None else self.text

    @property
    def covered(self) -> bool:
        return self.origin is not None


@dataclass(frozen=True, slots=True)  # one per line or cell of a whole document: no __dict__ each
class Row:
    index: int
    cells: tuple[Cell, ...]
    start: int
    end: int

    @property
    def texts(self) -> list[str]:
        return [cell.content for cell in self.cells]

    def filled(self) -> list[Cell]:
        """The cells with text of their own (not empty, not covered), left to right."""
        return [cell for cell in self.cells if cell.text]


@dataclass(frozen=True)
class Header:
    kind: str  # "indicators" | "budget" | "accounts": which vocabulary of header words named the columns
    rows: tuple[int, ...]  # the header's row indices: one, or two for a header merged over two rows
    roles: dict[str, int]  # role -> column

    def column(self, role: str) -> int | None:
        return self.roles.get(role)


@dataclass(frozen=True)
class Table:
    layout: str  # the reader that read it: "tabbed", "pipe", "html", ...
    rows: tuple[Row, ...]
    start: int  # span in the normalized text
    end: int
    headers: tuple[Header, ...] = ()
    unsure_rows: frozenset[int] = frozenset()  # rows whose cells the reader guessed apart (a dropped cell, a misfit)
    # a headerless table whose cells a reader put in columns by their kinds (`extractor.tables.typed`): those columns
    template: tuple[str, ...] = ()

    @property
    def width(self) -> int:
        return max((len(row.cells) for row in self.rows), default=0)

    def cell(self, row: int, col: int) -> Cell | None:
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row].cells):
            return self.rows[row].cells[col]
        return None

    def header(self, kind: str) -> Header | None:
        """The first header of this kind, or None."""
        return next((h for h in self.headers if h.kind == kind), None)

    def body(self, header: Header) -> Iterator[Row]:
        """The rows under a header, up to the next header of any kind."""
        after = header.rows[-1]
        following = [h.rows[0] for h in self.headers if h.rows[0] > after]
        stop = min(following, default=len(self.rows))
        yield from self.rows[after + 1 : stop]

    def get(self, row: Row, header: Header, role: str) -> Cell | None:
        col = header.column(role)
        if col is None or col >= len(row.cells):
            return None
        return row.cells[col]


def make_table(layout: str, grid: Sequence[Sequence[Cell]], spans: Sequence[tuple[int, int]],
               unsure_rows: Iterable[int] = (), template: tuple[str, ...] = ()) -> Table:  # fmt: skip
    """A `Table` from rows of cells as a reader read them and each row's span; rows are padded with empty
    cells to one width and the headers found from header words; `unsure_rows`, the rows the reader cut by guess;
    `template`, the columns a headerless table's cells were put in by their kinds."""
    from extractor.tables.roles import find_headers
    from extractor.tables.runon import split_run_on

    grid, spans = split_run_on(grid, spans)
    width = max((len(cells) for cells in grid), default=0)
    rows: list[Row] = []
    for r, (cells, (start, end)) in enumerate(zip(grid, spans, strict=True)):
        padded = list(cells) + [Cell("", end, end, r, c) for c in range(len(cells), width)]
        rows.append(Row(r, tuple(padded), start, end))
    start = spans[0][0] if spans else 0
    end = spans[-1][1] if spans else 0
    table = Table(layout=layout, rows=tuple(rows), start=start, end=end)
    return Table(layout=layout, rows=table.rows, start=start, end=end, headers=find_headers(table),
                 unsure_rows=frozenset(unsure_rows), template=template)


def cell_at(text: str, start: int, row: int, col: int) -> Cell:
    """The cell for a piece of the text that starts at `start`: its span trimmed to the piece's text, its text
    that span's without the line breaks inside it (a cell wrapped over lines)."""
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    if not stripped:
        return Cell("", start + lead, start + lead, row, col)
    return Cell(_LINE_BREAK.sub("", stripped), start + lead, start + lead + len(stripped), row, col)
