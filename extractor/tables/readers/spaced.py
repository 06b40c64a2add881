"""Reader for a final-accounts table written a row a line, its cells parted by single spaces: a header of words on
one line, or two (a group's parts on the second, written from the left: `figures_table` spreads them under the group),
then rows of a label and its amounts ("1. 某某收入 100.00 120.00 20.00 20.00%"), as a web page or a plain text export
writes a comparison table.

In: lines of the normalized text and the index of a line. Out: the `Table` whose header is that line, or None. The
cells are the line's pieces: the label is everything before the amounts that end the line. Guards keep prose and
tables of contents out: no sentence punctuation, no Latin letters in a label, a header of two or more words with
no amount among them that names a year, a budget, an actual or a change (`SPACED_TABLE_HEAD`), and at least
`_MIN_FULL` rows holding two amounts or more. A row with fewer amounts than the
widest one is held for review (`unsure_rows`): which of the columns it fills is not said.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.tables.model import Cell, Line, Table, make_table
from extractor.vocabulary import SPACED_TABLE_HEAD

_AMOUNT = r"-?\d+(?:\.\d+)?%?"
_ROW = re.compile(rf"^\s*(?P<label>\S.*?)\s+(?P<amounts>{_AMOUNT}(?:\s+{_AMOUNT})*)\s*$")
_IS_AMOUNT = re.compile(rf"^{_AMOUNT}$")
_PIECE = re.compile(r"\S+")
_PROSE = re.compile(r"[，。；;,]\s*\S|[a-zA-Z]")  # sentence punctuation, or Latin letters (a PDF outline's PAGEREF)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_OTHER_LAYOUT = re.compile(r"\t|[|｜<]| {2,}\S")  # tabs, bars, HTML and aligned columns are other readers'
_MAX_LABEL = 30
_MAX_HEADER_LINE = 60
_MIN_HEADER_WORDS = 3
_MIN_FULL = 3  # rows of two amounts or more that make the lines a table
_MAX_LINES = 80


class SpacedReader:
    layout = "spaced_rows"

    def read(self, lines: Sequence[Line], at: int) -> Table | None:
        upper = _header_words(lines[at].text)
        if upper is None or len(upper) < _MIN_HEADER_WORDS:
            return None
        header = [lines[at]]
        k = at + 1
        if k < len(lines) and _header_words(lines[k].text) and _ROW.match(lines[k].text) is None:
            header.append(lines[k])  # the parts of a group of the line above ("增减值 增减%")
            k += 1
        if not any(SPACED_TABLE_HEAD.search(line.text) for line in header):
            return None  # a final-accounts table's header names a year, a budget, an actual or a change
        rows: list[tuple[Line, int, list[re.Match[str]]]] = []  # a row's line, where its amounts start, the amounts
        while k < len(lines) and k - at < _MAX_LINES:
            found = _row(lines[k].text)
            if found is None:
                break
            rows.append((lines[k], *found))
            k += 1
        widths = [len(amounts) for _, _, amounts in rows]
        if sum(1 for w in widths if w >= 2) < _MIN_FULL:
            return None
        width = 1 + max(widths)
        if len(upper) > width:
            return None
        grid: list[list[Cell]] = []
        for r, line in enumerate(header):
            grid.append([Cell(m.group(), line.start + m.start(), line.start + m.end(), r, c)
                         for c, m in enumerate(_PIECE.finditer(line.text))])  # fmt: skip
        unsure: list[int] = []
        for line, amounts_at, amounts in rows:
            r = len(grid)
            label_end = line.text[:amounts_at].rstrip()
            label_start = len(line.text) - len(line.text.lstrip())
            cells = [Cell(label_end[label_start:], line.start + label_start, line.start + len(label_end), r, 0)]
            cells += [Cell(m.group(), line.start + m.start(), line.start + m.end(), r, c + 1) for c, m in enumerate(amounts)]
            if len(amounts) < width - 1:
                unsure.append(r)
            grid.append(cells)
        spans = [(line.start, line.end) for line in header] + [(line.start, line.end) for line, _, _ in rows]
        return make_table(self.layout, grid, spans, unsure_rows=unsure)


def _header_words(text: str) -> list[str] | None:
    """The words of a header line: two or more pieces, none an amount, no sentence in them, Chinese in the first."""
    if not text.strip() or len(text) > _MAX_HEADER_LINE or _OTHER_LAYOUT.search(text) or _PROSE.search(text):
        return None
    words = text.split()
    if len(words) < 2 or any(_IS_AMOUNT.match(w) for w in words) or not _CJK.search(words[0]):
        return None
    return words


def _row(text: str) -> tuple[int, list[re.Match[str]]] | None:
    """Where a row's amounts start and the amounts, for a line of a label (Chinese, short, no sentence) and amounts."""
    if _OTHER_LAYOUT.search(text):
        return None
    match = _ROW.match(text)
    if match is None:
        return None
    label = match.group("label")
    if len(label) > _MAX_LABEL or not _CJK.search(label) or _PROSE.search(label):
        return None
    start = match.start("amounts")
    return start, list(_PIECE.finditer(text, start))
