"""Reader for space-aligned columns (`pdftotext -layout`, fixed-width exports).

In: lines of the normalized text, their indentation kept. Out: a `Table` of the run of aligned lines that
starts at the given line. A line is aligned when gaps of two or more spaces split it into at least three
pieces; lines with fewer pieces (one gap, or an indented single cell) belong to the table when every piece
starts where a column starts. Columns start where the aligned lines' pieces start (display width: a CJK
character takes two columns); each piece goes to the column it starts in, so a piece that spans several
columns stands in its first and a row with empty cells keeps its other pieces in their columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.tables.model import Cell, Line, Table, make_table
from extractor.vocabulary import STATEMENT_SENTENCE_END

_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
_PIECE = re.compile(r"\S+(?: \S+)*")  # text between gaps of two or more spaces
_NOT_ALIGNED = re.compile(r"^\s*[<|｜]|\t")  # HTML, pipe and tab rows are other readers'
_MIN_PIECES = 3
_TOLERANCE = 1


class AlignedReader:
    layout = "aligned"

    def read(self, lines: Sequence[Line], at: int) -> Table | None:
        end = at
        while end < len(lines) and _candidate(lines[end].text):
            end += 1
        strong = [line for line in lines[at:end] if len(_pieces(line.text)) >= _MIN_PIECES]
        if not strong:
            return None
        starts = _column_starts(strong)
        run: list[Line] = []
        for line in lines[at:end]:
            if len(_pieces(line.text)) < _MIN_PIECES and not _fits(line.text, starts):
                break
            run.append(line)
        while run and len(_pieces(run[-1].text)) < _MIN_PIECES and len(_pieces(run[-1].text)) < 2:
            run.pop()  # an indented lone piece after the table is more likely prose than a row
        if not run or (len(run) == 1 and _sentences_inside(run[0].text)):
            return None  # one line of sentences set apart by double spaces (a news page) is prose, not a row
        grid = [_cells(line, r, starts) for r, line in enumerate(run)]
        return make_table(self.layout, grid, [(line.start, line.end) for line in run])


def _sentences_inside(text: str) -> bool:
    """Whether a piece of the line holds a sentence end with more text after it: a cell holds no such thing."""
    return any(
        (stop := STATEMENT_SENTENCE_END.search(text, a, b)) is not None and stop.end() < b for a, b in _pieces(text)
    )


def _candidate(text: str) -> bool:
    if not text.strip() or _NOT_ALIGNED.match(text):
        return False
    return bool(_GAP.search(text)) or text.startswith("  ")


def _display(text: str, upto: int) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text[:upto])


def _pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of each piece of a line, split at gaps of two or more spaces."""
    return [(m.start(), m.end()) for m in _PIECE.finditer(text)]


def _column_starts(lines: list[Line]) -> list[int]:
    found = sorted({_display(line.text, a) for line in lines for a, _ in _pieces(line.text)})
    starts: list[int] = []
    for at in found:
        if not starts or at - starts[-1] > _TOLERANCE:
            starts.append(at)
    return starts


def _fits(text: str, starts: list[int]) -> bool:
    return all(any(abs(_display(text, a) - s) <= _TOLERANCE for s in starts) for a, _ in _pieces(text))


def _column(at: int, starts: list[int]) -> int:
    return max((k for k, s in enumerate(starts) if s <= at + _TOLERANCE), default=0)


def _cells(line: Line, row: int, starts: list[int]) -> list[Cell]:
    placed: dict[int, tuple[int, int]] = {}
    for a, b in _pieces(line.text):
        col = _column(_display(line.text, a), starts)
        while col in placed:  # two pieces in one column: the later one takes the next
            col += 1
        placed[col] = (a, b)
    width = max(placed, default=-1) + 1
    cells: list[Cell] = []
    at = line.start
    for col in range(width):
        if col in placed:
            a, b = placed[col]
            cells.append(Cell(line.text[a:b], line.start + a, line.start + b, row, col))
            at = line.start + b
        else:
            cells.append(Cell("", at, at, row, col))
    return cells
