"""Reader for an indicator table written a row a line, its cells parted by single spaces, its header torn.

In: lines of the normalized text. Out: a `Table` from the line at the given index when the lines from there on are a
form's indicator part as a web page or a text export writes a Word form: "一级" / "指标" / "二级指标 三级指标 年度指标值
实际完成值 分值 得分 …" (the header's words torn over lines), then a row a line ("数量指标 指标1:某某数量 1 1 10 10"),
merged level cells on lines of their own ("(50分)", "经济效益" / "指标"), a template's placeholders ("指标2:", "……").
Each line is too short for the flat reader; read together they are one stream of cells (`extractor.tables.stream`
cuts it by the header's columns and the kinds of the cells), or, where no header is written above the rows (it is on
a page the text does not hold), cells cut under the national template's columns (`extractor.tables.typed`). A row
whose cells are one whole line is as sure as the line; a row cut elsewhere is held for review.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.tables.glued import marked_pieces, tail_like
from extractor.tables.kinds import has_digit, is_placeholder, level_of
from extractor.tables.model import Line, Table, has_markup
from extractor.tables.readers.flat import named_above, stream_table, template_table
from extractor.tables.stream import Token, body_end, header_at
from extractor.tables.typed import named_roles, template_header
from extractor.vocabulary import INDICATOR_END_OF_TABLE

_CELL = re.compile(r"\S+")
_OTHER_LAYOUT = ("\t", "|")  # a line with one of these (or a tag: `has_markup`) is another layout's
_ALIGNED = re.compile(r"\S {2,}\S")  # cells parted by runs of spaces: the aligned reader's
_MAX_LINE_CELLS = 11  # a line with more cells is the flat reader's
_MAX_LINES = 150  # lines a table written a row a line runs over at most
_MIN_HEADER_WORDS = 4  # header words one of the opening lines holds at least ("一级" / "指标" / "二级指标 三级指标 …")
_HEADER_LINES = 3
_MIN_ROW_CELLS = 3
_MAX_UNSURE = 0.5  # the share of a table's rows cut where no line ends, at most
_MIN_ROWS = 2


class RowLinesReader:
    layout = "rowlines"

    def read(self, lines: Sequence[Line], at: int) -> Table | None:
        first = _cells(lines[at])
        if first is None or not first or len(first) > _MAX_LINE_CELLS:
            return None
        # a table a row a line opens with its header, torn over a few lines but most of its words on one with the
        # name's (torn PDF text writes a header word or two a line); or, headerless, with a row: a level, its name,
        # its values
        headed = any(_header_line(line.text) for line in lines[at : at + _HEADER_LINES])
        row = len(first) >= _MIN_ROW_CELLS and level_of(first[0].text) is not None and has_digit(lines[at].text)
        budget = header_at(first, 0)  # a form's budget block a row a line: its header whole on its line
        block = budget is not None and budget.kind == "budget" and sum(c is not None for c in budget.columns) >= _MIN_HEADER_WORDS
        if not headed and not row and not block:
            return None
        tokens, line_of = _stream(lines, at, headed)
        if headed or block:
            return _headed(tokens, len(first), line_of, self.layout)
        if not tail_like(tokens):
            return None
        end = _end(tokens, line_of, body_end(tokens, template_header()))
        table = template_table(tokens[:end], self.layout, named_above(lines, at))
        return table if table is not None and len(table.rows) >= _MIN_ROWS else None


def _headed(tokens: list[Token], opening: int, line_of: dict[int, int], layout: str) -> Table | None:
    """The table under a header that opens on the first line (among its first `opening` cells): an indicator header,
    or a budget block's with the form's indicator table after it (up to that table's end)."""
    for k in range(opening):
        header = header_at(tokens, k)
        if header is None:
            continue
        end = body_end(tokens, header)
        following = header_at(tokens, end) if header.kind == "budget" and end < len(tokens) else None
        if following is not None and following.kind == "indicators":
            end = body_end(tokens, following)
        elif header.kind != "indicators":
            end = _line_start(tokens, line_of, end)  # a budget block alone: up to the line its body ends before
        table = stream_table(tokens[: _end(tokens, line_of, end)], layout, line_of)
        if table is None or not table.headers or table.headers[0].kind not in ("indicators", "budget"):
            return None
        body = len(table.rows) - table.headers[0].rows[-1] - 1
        # most rows a whole line each, or this is another layout's text (torn PDF text: a cell's pieces a line)
        return table if len(table.unsure_rows) <= body * _MAX_UNSURE else None
    return None


def _cells(line: Line) -> list[Token] | None:
    """The cells of a line parted by single spaces; None for a line of another layout (tabs, bars, tags, aligned
    columns)."""
    text = line.text
    if any(mark in text for mark in _OTHER_LAYOUT) or has_markup(text) or _ALIGNED.search(text.strip()):
        return None
    found = [Token(m.group(), line.start + m.start(), line.start + m.end()) for m in _CELL.finditer(text)]
    return [piece for t in found if not is_placeholder(t.text) for piece in marked_pieces(t)]


def _stream(lines: Sequence[Line], at: int, headed: bool = False) -> tuple[list[Token], dict[int, int]]:
    """The cells of the lines from `at` on, up to a line of another layout, and each cell's line (by its start). In a
    table that opens with its header, a later line holding the header's words again is the header printed anew at
    the top of the next page: no cells of the table's."""
    tokens: list[Token] = []
    line_of: dict[int, int] = {}
    for k in range(at, min(len(lines), at + _MAX_LINES)):
        cells = _cells(lines[k])
        if cells is None:
            break
        if headed and k >= at + _HEADER_LINES and _header_line(lines[k].text):
            continue
        for token in cells:
            line_of[token.start] = k
        tokens += cells
    return tokens, line_of


def _header_line(text: str) -> bool:
    """A line that holds an indicator header's words, the name's among them."""
    named = named_roles(text)
    return len(named) >= _MIN_HEADER_WORDS and "name" in named


def _line_start(tokens: list[Token], line_of: dict[int, int], end: int) -> int:
    """The index of the first cell of the line that holds tokens[end] (a table ends where a line starts)."""
    if end >= len(tokens):
        return end
    line = line_of.get(tokens[end].start)
    while end > 0 and line_of.get(tokens[end - 1].start) == line:
        end -= 1
    return end


def _end(tokens: list[Token], line_of: dict[int, int], end: int) -> int:
    """The index after the table's last cell: the end of the line that holds the cell the body ends at (a total
    row, "总分 100 98", stays the table's), or the body's end when it ends where a line starts."""
    if end >= len(tokens) or not INDICATOR_END_OF_TABLE.match(tokens[end].text):
        return end
    line = line_of.get(tokens[end].start)
    while end < len(tokens) and line_of.get(tokens[end].start) == line:
        end += 1
    return end
