"""Reader for comma-separated rows with quoted cells: a spreadsheet saved as CSV and shown as a web page's text.

In: lines of the normalized text. Out: a `Table` of the CSV stretch that starts at the given line ("项目","考核内容",
…), or None. Cells are parted by commas; a quoted cell may hold commas, line breaks and doubled quotes ("" for ");
an unquoted cell is what stands between two commas (empty for a merged cell left out). Where a row ends is told one
of two ways, whichever gives more rows of the header's width:
- a line break outside quotes (CSV as written);
- a space outside quotes, when the page ran the rows on in one line ("…","20", ,"结转…": the row's empty last cell,
  then the next row's empty first cell); line breaks outside quotes are then the page's wrapping, no cell.
Python's `csv` module reads the first way; the second it cannot (it takes the space for a cell's text), so both
are read by one scanner here. Rows of another width than the header's are read as written and held for review.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from extractor.tables.model import Cell, Line, Table, make_table

_QUOTED_SEPARATOR = re.compile(r'"\s*,\s*"')
_MIN_SEPARATORS = 3  # quoted cells parted by commas on the first line: four cells at least
_CSV_LINE = re.compile(
    r'^[\s,]*$|"\s*,|,\s*"'
)  # a line of a CSV stretch: commas alone, or a quoted cell beside a comma
_MIN_WIDTH = 3  # filled cells of one row at least (the header's)
_LINE_BREAKS = re.compile(r"\s*\n\s*")


@dataclass(frozen=True, slots=True)
class _Field:
    text: str
    start: int
    end: int
    row_end: bool  # the field ends its row
    opening: int = -1  # where the field's text begins, its opening quote included


class QuotedReader:
    layout = "quoted"

    def read(self, lines: Sequence[Line], at: int) -> Table | None:
        if len(_QUOTED_SEPARATOR.findall(lines[at].text)) < _MIN_SEPARATORS:
            return None
        stop = _stretch_end(lines, at)
        text = "\n".join(line.text for line in lines[at:stop])
        start = lines[at].start
        best: list[list[_Field]] = []
        best_fit = -1
        width = 0
        for spaced in (False, True):
            rows = [row for row in _rows(_fields(text, start, spaced)) if any(f.text for f in row)]
            if not any(sum(1 for f in row if f.text) >= _MIN_WIDTH for row in rows):
                continue
            widths = Counter(len(row) for row in rows)
            usual, fit = widths.most_common(1)[0]  # the width most rows have: the table's
            if fit > best_fit:
                best, best_fit, width = rows, fit, usual
        if len(best) < 2:
            return None
        grid = [[Cell(f.text, f.start, f.end, r, c) for c, f in enumerate(row[:width])] for r, row in enumerate(best)]
        spans = [(row[0].opening, max(f.end for f in row)) for row in best]  # (a row starts at its first quote)
        table = make_table(self.layout, grid, spans, [r for r, row in enumerate(best) if len(row) != width])
        if not table.headers:
            return None
        return Table(layout=table.layout, rows=table.rows, start=start, end=lines[stop - 1].end,
                     headers=table.headers, unsure_rows=table.unsure_rows)  # fmt: skip


def _stretch_end(lines: Sequence[Line], at: int) -> int:
    """The index after the CSV stretch's last line: lines while a quote is open or the line holds commas beside
    quoted cells (or commas alone)."""
    open_quote = False
    k = at
    while k < len(lines):
        text = lines[k].text
        if not open_quote and k > at and not _CSV_LINE.search(text):
            break
        open_quote ^= text.count('"') % 2 == 1
        k += 1
    return k


def _fields(text: str, base: int, spaced: bool) -> list[_Field]:
    """The cells of a CSV stretch in order, each with its span (offset `base` is text[0]'s), and whether it ends its
    row: at a line break (`spaced` False) or at a space (`spaced` True; line breaks are then no separator)."""
    fields: list[_Field] = []
    i, n = 0, len(text)
    while i <= n:
        while i < n and text[i] in " \t\n" and not _ends_row(text[i], spaced):
            i += 1  # blanks before a cell
        opening = base + i
        if i < n and text[i] == '"':
            close = _closing_quote(text, i + 1)
            body = text[i + 1 : close].replace('""', '"')
            lead = len(body) - len(body.lstrip())
            cell = _LINE_BREAKS.sub("", body.strip())
            fields_start = base + i + 1 + lead
            i = close + 1
            while i < n and text[i] not in ",\n " or (i < n and text[i] in " \n" and not _ends_row(text[i], spaced)):
                i += 1  # (anything between the closing quote and the separator is dropped)
            fields.append(_Field(cell, fields_start, fields_start + len(body.strip()) if cell else fields_start,
                                 _separator_ends_row(text, i, spaced), opening))  # fmt: skip
        else:
            j = i
            while j < n and text[j] != "," and not _ends_row(text[j], spaced):
                j += 1
            raw = text[i:j]
            cell = _LINE_BREAKS.sub("", raw.strip())
            lead = len(raw) - len(raw.lstrip())
            fields.append(
                _Field(cell, base + i + lead, base + i + lead + len(raw.strip()), _separator_ends_row(text, j, spaced))
            )
            i = j
        i += 1  # past the separator
    return fields


def _ends_row(ch: str, spaced: bool) -> bool:
    return ch == (" " if spaced else "\n")


def _separator_ends_row(text: str, i: int, spaced: bool) -> bool:
    return i >= len(text) or _ends_row(text[i], spaced)


def _closing_quote(text: str, i: int) -> int:
    """The index of the quote that closes a quoted cell whose text starts at i (a doubled quote is a quote of the
    text), or the text's end for a cell cut off."""
    while i < len(text):
        if text[i] == '"':
            if i + 1 < len(text) and text[i + 1] == '"':
                i += 2
                continue
            return i
        i += 1
    return len(text)


def _rows(fields: Sequence[_Field]) -> list[list[_Field]]:
    rows: list[list[_Field]] = [[]]
    for field in fields:
        rows[-1].append(field)
        if field.row_end:
            rows.append([])
    return [row for row in rows if row]
