"""Rows a web page ran together: an indicator table's header written inside one long row with what stood before it
(the goal block) and its first row after it.

Stage: tables (used by `model.make_table` before the headers are found). In: a reader's rows of cells and their
spans. Out: the same, a run-on row cut into the rows it holds. A row is cut only around a run of at least
`_MIN_HEADER_CELLS` cells each an indicator header word (一级指标, 三级指标, 年度指标值, 得分 … or the block label 绩效指标)
followed by a row's first cell (a level name: 产出指标); inside the run, a first column's word (一级指标) after other header words starts the
header's lower row (a header over two rows flattened: 绩效指标 | 年度指标值 | 实际完成值 | 分值 | … | 一级指标 | 二级指标 |
…), which the header reader then reads as a header over two rows (`roles._spread`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from extractor.tables.kinds import level_of
from extractor.tables.model import Cell
from extractor.vocabulary import HEADER_LOWER_ROW_START, INDICATOR_BLOCK_CELLS, LEVEL_HEADER_CELLS

_SPACE = re.compile(r"\s+")
_MIN_HEADER_CELLS = 6  # header words in a run: fewer is a label row, not a table's header inside a row


def split_run_on(grid: Sequence[Sequence[Cell]], spans: Sequence[tuple[int, int]]
                 ) -> tuple[list[list[Cell]], list[tuple[int, int]]]:  # fmt: skip
    """The rows, each run-on row cut into the rows it holds (see the module's docstring); cells renumbered."""
    from extractor.tables.roles import role_of

    def header_word(text: str) -> bool:
        squeezed = _SPACE.sub("", text)
        return squeezed in LEVEL_HEADER_CELLS or squeezed in INDICATOR_BLOCK_CELLS or role_of(text, "indicators") is not None

    rows: list[list[Cell]] = []
    row_spans: list[tuple[int, int]] = []
    for cells, span in zip(grid, spans, strict=True):
        pieces = _pieces([cell for cell in cells if cell.text], header_word)
        if pieces is None:
            rows.append(list(cells))
            row_spans.append(span)
            continue
        for piece in pieces:
            rows.append(piece)
            row_spans.append((piece[0].start, piece[-1].end))
    if len(rows) == len(grid):
        return [list(cells) for cells in grid], list(spans)
    return [[replace(cell, row=r, col=c) for c, cell in enumerate(cells)] for r, cells in enumerate(rows)], row_spans


def _pieces(filled: list[Cell], header_word: Callable[[str], bool]) -> list[list[Cell]] | None:
    """The rows a run-on row holds (before the header, the header's upper and lower rows, after it), or None."""
    words = [header_word(cell.text) for cell in filled]
    best: tuple[int, int] | None = None
    k = 0
    while k < len(words):
        if not words[k]:
            k += 1
            continue
        end = k
        while end < len(words) and words[end]:
            end += 1
        if end - k >= _MIN_HEADER_CELLS and (best is None or end - k > best[1] - best[0]):
            best = (k, end)
        k = end
    if best is None or best[1] == len(filled) or level_of(filled[best[1]].text) is None:
        return None  # no row after the header in it: a header row as tables write them (with its label before it)
    start, end = best
    run = filled[start:end]
    lower = next((i for i, cell in enumerate(run) if i > 0 and _SPACE.sub("", cell.text) == HEADER_LOWER_ROW_START), None)
    header = [run] if lower is None else [run[:lower], run[lower:]]
    pieces = [filled[:start], *header, filled[end:]]
    return [piece for piece in pieces if piece]
