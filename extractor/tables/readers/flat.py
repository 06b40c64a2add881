"""Reader for a table flattened into one line: the non-empty cells in reading order, parted by spaces.

In: lines of the normalized text. Out: a `Table` of the line at the given index when the line holds a header (a
run of header words of one kind naming three columns or more) with rows under it. A web page or a PDF tool that
drops a table's structure writes a whole form this way: "项目名称 X 主管部门 Y … 年初预算数 全年预算数 … 年度资金总额
10 10 9.5 … 一级指标 二级指标 三级指标 指标值 … 产出指标 数量指标 巡查次数 ≥12次 12次 10 10 …". Nothing marks where a row
ends: `extractor.tables.stream` cuts the cells after each header into rows by the header's columns and the kind of
text each cell holds. The table's rows, in order: the cells before the first header (one row), then each header and
its rows, the cells between two tables (one row) and the cells after the last (one row). A cell that holds a space
is read as two cells; the header's words still name the columns, and a stray piece is a cell no column takes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from extractor.tables.glued import (
    fragment_end,
    fragment_marker,
    glued_tokens,
    headerless_tokens,
    marked_pieces,
    tail_like,
)
from extractor.tables.kinds import is_score, level_of
from extractor.tables.model import Cell, Line, Table, has_markup, make_table
from extractor.tables.stream import LEVEL_ROLES, Token, body_end, header_at, rows_of, unsure_rows
from extractor.tables.typed import named_roles, scrambled, template_header
from extractor.vocabulary import PAGE_FRAGMENT

_SPACES = re.compile(r"\S+")
_NOT_FLAT = ("\t", "|")  # a line with one of these (or a tag: `has_markup`) is another layout's
_MIN_TOKENS = 12  # a line with fewer cells is a sentence or a short row, not a flattened table
_MIN_ROWS = 2  # rows under the headers, all together
GLUED_LAYOUT = "glued"  # a flat table whose cells nothing parts: its rows are cut by the kinds of words alone


class FlatReader:
    layout = "flat"

    def read(self, lines: Sequence[Line], at: int) -> Table | None:
        line = lines[at]
        if "\t" in line.text or "|" in line.text or has_markup(line.text):
            return None
        tokens = _spaced(lines, at)
        table = stream_table(tokens, self.layout) if len(tokens) >= _MIN_TOKENS else None
        if table is None and len(tokens) >= _MIN_TOKENS and tail_like(tokens):  # a page below its header
            table = template_table(tokens, self.layout, named_above(lines, at))
        if table is None:  # no cell parted from the next: the cells the text's kinds of words part (`glued`)
            glued = glued_tokens(lines, at)
            table = stream_table(glued[0], GLUED_LAYOUT) if glued is not None else None
        if table is None:  # a glued tail whose header the text does not hold: cut under the template's columns
            tail = headerless_tokens(lines, at)
            table = template_table(tail[0], GLUED_LAYOUT, named_above(lines, at)) if tail is not None else None
        return table


_ABOVE_CHARS = 300  # characters above a headerless table searched for the header words a form still writes


def named_above(lines: Sequence[Line], at: int) -> list[str]:
    """The template's columns that header words just above `lines[at]` name, in their order (a header scrambled into
    a line of its own, or left on the page before): see `extractor.tables.typed`."""
    text = ""
    for line in reversed(lines[max(0, at - 3) : at]):
        text = line.text + "\n" + text
        if len(text) >= _ABOVE_CHARS:
            break
    return named_roles(text[-_ABOVE_CHARS:])


def _spaced(lines: Sequence[Line], at: int) -> list[Token]:
    """The cells parted by spaces on `lines[at]` and on the page fragments after it (a scraping site writes each
    page of a table as one line opened by its number, "2、"): the fragments' numbers are no cells."""
    tokens: list[Token] = []
    for k in range(at, fragment_end(lines, at) + 1):
        line = lines[k]
        if k > at and (any(mark in line.text for mark in _NOT_FLAT) or has_markup(line.text)):
            break
        found = [Token(m.group(), line.start + m.start(), line.start + m.end()) for m in _SPACES.finditer(line.text)]
        if found and k > at:
            lead = PAGE_FRAGMENT.match(found[0].text)  # "2、产出指标": the page's number glued to its first cell
            if lead is not None and lead.end() < len(found[0].text):
                found[0] = Token(found[0].text[lead.end() :], found[0].start + lead.end(), found[0].end)
        found = [t for t in found if not fragment_marker(t.text) and not (k > at and PAGE_FRAGMENT.fullmatch(t.text))]
        tokens += [piece for t in found for piece in marked_pieces(t)]  # "10≥12次": two cells the signs part
    return tokens


def stream_table(tokens: Sequence[Token], layout: str, line_of: dict[int, int] | None = None) -> Table | None:
    """The table of a stream of cells: each header and the rows cut under it, the cells around them. With `line_of`
    (each token's line, by its start: a table written a row a line), a row is a guess unless its cells past the
    levels are one line's, all of them."""
    grid: list[list[Cell]] = []
    unsure: set[int] = set()  # rows cut by guess (a cell no column took, a cell that does not fit its column)
    template: tuple[str, ...] = ()  # the columns a scrambled header's rows were cut under by their kinds
    indicators = False  # an indicator header was read
    read = 0  # tokens placed in rows so far
    rows_under = 0
    k = 0
    while k < len(tokens):
        header = header_at(tokens, k)
        if header is None:
            k += 1
            continue
        if k > read:
            grid.append(_loose(tokens[read:k], len(grid)))
        if header.kind == "indicators" and scrambled(header.columns):
            # header words in an order no form's columns have: they tell the values' order, the cells' kinds the rest
            words = tokens[header.start : header.end]
            grid.append([Cell(" ".join(t.text for t in words), words[0].start, words[-1].end, len(grid), 0)])
            named = [role for role in header.columns if role is not None]
            header = replace(template_header(named), start=header.start, end=header.end)
            template = tuple(role for role in header.columns if role is not None)
            rows = rows_of(tokens, header)
            unsure.update(range(len(grid), len(grid) + len(rows)))
        else:
            grid.append(_header_row(header.cells, len(grid), tokens[k].start))
            rows = rows_of(tokens, header, wrapped=layout == FlatReader.layout)
        unsure.update(len(grid) + r for r in unsure_rows(tokens, header, rows))
        if line_of is not None:
            unsure.update(len(grid) + r for r in off_line_rows(rows, header.columns, line_of))
        for row in rows:
            grid.append(_row(row, len(grid)))
            rows_under += 1
        read = k = max(body_end(tokens, header), k + 1)
        indicators = indicators or header.kind == "indicators"
    tail = None if indicators else _typed_tail(tokens, read)
    if tail is not None:  # indicator rows after the other tables whose header the text lost: cut by their kinds
        start, template, rows = tail
        if start > read:
            grid.append(_loose(tokens[read:start], len(grid)))
        unsure.update(range(len(grid), len(grid) + len(rows)))
        for row in rows:
            grid.append(_row(row, len(grid)))
            rows_under += 1
        read = start + body_end(tokens[start:], template_header(template))
    if rows_under < _MIN_ROWS:
        return None
    if read < len(tokens):
        grid.append(_loose(tokens[read:], len(grid)))
    spans = [(min(c.start for c in row if c.text), max(c.end for c in row if c.text)) for row in grid]
    table = make_table(layout, grid, spans, unsure, template)
    return table if table.headers or template else None


def _typed_tail(tokens: Sequence[Token], start: int) -> tuple[int, tuple[str, ...], list[list[tuple[int, Token]]]] | None:
    """Indicator rows with no header among the cells from `start` on (a flattened form whose indicator header was
    lost): from the first level name the cells after which read as indicator rows (`glued.tail_like`), cut under the
    template's columns in the order the header words before them name (`extractor.tables.typed`). (Where they start,
    the columns, the rows.)"""
    for j in range(start, len(tokens)):
        if level_of(tokens[j].text) is None or not (tail_like(tokens[j:]) or _scored_rows(tokens[j:])):
            continue
        template = template_header(named_roles(" ".join(t.text for t in tokens[start:j])))
        rows = rows_of(tokens[j:], template)
        columns = tuple(c for c in template.columns if c is not None)
        return (j, columns, rows) if len(rows) >= _MIN_ROWS else None
    return None


_MIN_LEVELS = 2


def _scored_rows(tokens: Sequence[Token]) -> bool:
    """Cells after a form's other tables that read as indicator rows, few as they may be: level names, and a weight
    and a score (two numbers of at most 100 side by side) as often as there are rows at least."""
    levels = sum(1 for t in tokens if level_of(t.text) is not None)
    pairs = sum(1 for a, b in zip(tokens, tokens[1:], strict=False) if is_score(a.text) and is_score(b.text))
    return levels >= _MIN_LEVELS and pairs >= _MIN_ROWS


def off_line_rows(rows: Sequence[Sequence[tuple[int, Token]]], columns: Sequence[str | None],
                  line_of: dict[int, int]) -> set[int]:  # fmt: skip
    """The rows (by index) of a table written a row a line whose cells past the levels (carried down, written on
    lines of their own) are not one whole line's: a row cut where no line ends is a guess."""
    by_line: dict[int, int] = {}
    for row in rows:
        for _, token in row:
            by_line[line_of.get(token.start, -1)] = by_line.get(line_of.get(token.start, -1), 0) + 1
    out: set[int] = set()
    for r, row in enumerate(rows):
        own = [t for col, t in row if col >= len(columns) or columns[col] not in LEVEL_ROLES]
        spans = {line_of.get(t.start, -1) for t in own}
        line = next(iter(spans)) if len(spans) == 1 else None
        levels_there = sum(1 for col, t in row if line_of.get(t.start, -1) == line and col < len(columns)
                           and columns[col] in LEVEL_ROLES)  # fmt: skip
        if line is None or by_line.get(line, 0) != len(own) + levels_there:
            out.add(r)
    return out


def template_table(tokens: Sequence[Token], layout: str, named: Sequence[str] = ()) -> Table | None:
    """A table of cells with no header, cut into rows under the national template's columns in the order the words
    above it name them (`extractor.tables.typed`; its cells in those slots, its rows all held for review); the
    consumer reads it as a headerless table (`indicator_table.template_rows`). The cells after its end, one row."""
    template = template_header(named)
    rows = rows_of(tokens, template)
    if len(rows) < _MIN_ROWS:
        return None
    grid = [_row(row, r) for r, row in enumerate(rows)]
    end = body_end(tokens, template)
    if end < len(tokens):
        grid.append(_loose(tokens[end:], len(grid)))
    spans = [(min(c.start for c in row if c.text), max(c.end for c in row if c.text)) for row in grid]
    return make_table(layout, grid, spans, range(len(rows)), tuple(c for c in template.columns if c is not None))


def _loose(tokens: Sequence[Token], r: int) -> list[Cell]:
    """Cells outside any header's rows: one row, a token a cell."""
    return [Cell(token.text, token.start, token.end, r, c) for c, token in enumerate(tokens)]


def _header_row(cells: Sequence[Token | None], r: int, at: int) -> list[Cell]:
    return [Cell(t.text, t.start, t.end, r, c) if t is not None else Cell("", at, at, r, c) for c, t in enumerate(cells)]


def _row(placed: list[tuple[int, Token]], r: int) -> list[Cell]:
    """A row's tokens in the columns they were matched to; the columns between them empty."""
    width = max(col for col, _ in placed) + 1
    cells = {col: token for col, token in placed}
    at = placed[0][1].start
    out: list[Cell] = []
    for c in range(width):
        token = cells.get(c)
        if token is not None:
            out.append(Cell(token.text, token.start, token.end, r, c))
            at = token.end
        else:
            out.append(Cell("", at, at, r, c))
    return out
