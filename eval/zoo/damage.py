"""Damage: what PDF tools, OCR and mirror sites do to a report's text, combinable with any layout.

Two kinds, applied at two moments:
- cell damage, on a `Grid` before a layout writes it: `wrap` (a long cell broken over two lines, as a narrow
  column prints it), `torn_labels` (a label cell torn in the middle: "一级" / "指标") and `centered` (a cell merged
  over rows written in its middle row, as PDF text places it, not its first; HTML keeps its spans) and
  `headerless` (the indicator table's header words lost: its header on a page the text does not hold, or a
  converter that dropped it; the rows must be read by what their cells are) and `paged` (the indicator table
  split over two pages: its header printed again at the top of the next page, a level cell merged over the break
  written on the first page only, its rows on the next page left empty);
- text damage, on the written text after the layout: `page_numbers` (a page-number line between rows: the
  layouts insert it, see `layouts.write`), `fullwidth` (full-width digits and ％), `thousands` (thousands
  separators in amounts: 1,234.56), `nbsp` (non-breaking spaces for spaces and for empty lines) and
  `traditional` (traditional script, OpenCC s2t).
Text damage never touches HTML tags. In: text or a grid, the damage names, a random source. Out: damaged
text or grid; the record the text states is unchanged (a reader should give it back).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cache

from eval.zoo.grid import Cell, Grid
from eval.zoo.labels import INDICATOR_HEADERS

_INDICATOR_WORDS = frozenset(word for words in INDICATOR_HEADERS.values() for word in words)

CELL_DAMAGE: tuple[str, ...] = ("wrap", "torn_labels", "centered", "headerless", "paged")
TEXT_DAMAGE: tuple[str, ...] = ("page_numbers", "fullwidth", "thousands", "nbsp", "traditional")
DAMAGES: tuple[str, ...] = CELL_DAMAGE + TEXT_DAMAGE
_WRAP_OVER = 12  # a cell longer than this wraps
_TEAR_FROM = 4  # a label at least this long tears
_TAG = re.compile(r"(<[^<>]*>)")
_AMOUNT = re.compile(r"(?<![\d.,])(\d{4,})(\.\d+)")
_FULLWIDTH = str.maketrans("0123456789%", "０１２３４５６７８９％")
_HAS_DIGIT = re.compile(r"\d")


def check(damage: Iterable[str]) -> frozenset[str]:
    names = frozenset(damage)
    unknown = names - set(DAMAGES)
    if unknown:
        raise ValueError(f"unknown damage {sorted(unknown)}; the damages are {DAMAGES}")
    return names


def damage_grid(grid: Grid, damage: frozenset[str], rng: random.Random) -> Grid:
    """The grid with its cells wrapped and its labels torn, as `damage` asks."""
    if not damage & set(CELL_DAMAGE):
        return grid
    if "centered" in damage:
        grid = Grid(rows=grid.rows, title=grid.title, centered=True)

    if "headerless" in damage:
        grid = _headerless(grid)
    if "paged" in damage:
        grid = _paged(grid)

    def change(cell: Cell) -> Cell:
        text = cell.text
        if "torn_labels" in damage and cell.header and len(text) >= _TEAR_FROM and "\n" not in text:
            half = len(text) // 2
            return cell.with_text(text[:half] + "\n" + text[half:])
        if "wrap" in damage and not cell.header and len(text) > _WRAP_OVER and "\n" not in text:
            at = rng.randint(6, len(text) - 4)
            return cell.with_text(text[:at] + "\n" + text[at:])
        return cell

    return grid.map_cells(change)


def _headerless(grid: Grid) -> Grid:
    """The grid with its indicator header rows' words emptied (a row that names the indicator's name column)."""
    rows = [[cell.with_text("") if cell.header and cell.text in _INDICATOR_WORDS else cell for cell in row]
            if any(cell.text in INDICATOR_HEADERS["name"] for cell in row) else row for row in grid.rows]  # fmt: skip
    return Grid(rows=rows, title=grid.title, centered=grid.centered)


def _paged(grid: Grid) -> Grid:
    """The grid with its indicator header row printed again inside the middle of the level cells merged over rows,
    after its first row: the page breaks there. Every cell merged over the break ends at it; what it covered
    on the next page is an empty cell of the same span (a merged cell's text is printed on its first page only)."""
    placed = grid.placed()
    header = next((r for r, row in enumerate(grid.rows) if any(c.text in INDICATOR_HEADERS["name"] for c in row)), None)
    if header is None:
        return grid
    starts = sorted({r for r, _, cell in placed if r > header and cell.rowspan > 1})  # merged level cells' first rows
    if not starts:
        return grid
    at = starts[len(starts) // 2] + 1  # the page breaks inside the middle one, after its first row
    rows: list[list[Cell]] = [list(row) for row in grid.rows]
    carried: list[tuple[int, Cell]] = []  # (column, the empty rest of a cell merged over the break)
    for r, c, cell in placed:
        if r < at < r + cell.rowspan:
            k = next(i for i, other in enumerate(rows[r]) if other is cell)
            rows[r][k] = replace(cell, rowspan=at - r)
            carried.append((c, Cell("", rowspan=r + cell.rowspan - at)))
    again = [replace(cell, rowspan=1) for cell in grid.rows[header]]
    after = sorted([(c, cell) for r, c, cell in placed if r == at] + carried, key=lambda pair: pair[0])
    rows[at:at + 1] = [again, [cell for _, cell in after]]
    return Grid(rows=rows, title=grid.title, centered=grid.centered)


def damage_text(text: str, damage: frozenset[str]) -> str:
    """The written text with the text damages in `damage` (page numbers are the layouts' to insert)."""
    steps: list[Callable[[str], str]] = []
    if "thousands" in damage:
        steps.append(lambda s: _AMOUNT.sub(lambda m: f"{int(m.group(1)):,}{m.group(2)}", s))
    if "fullwidth" in damage:
        steps.append(lambda s: s.translate(_FULLWIDTH))
    if "traditional" in damage:
        steps.append(traditional)
    if "nbsp" in damage:
        steps.append(lambda s: s.replace(" ", "\u00a0"))
    for step in steps:
        text = _outside_tags(text, step)
    if "nbsp" in damage:
        text = "\n".join(line if line.strip() else "\u00a0" for line in text.split("\n"))
    return text


def _outside_tags(text: str, step: Callable[[str], str]) -> str:
    parts = _TAG.split(text)
    return "".join(part if i % 2 else step(part) for i, part in enumerate(parts))


@cache
def _converter() -> object:
    try:
        import opencc
    except ImportError as exc:  # the test extra installs it
        raise RuntimeError("traditional-script damage needs OpenCC: pip install -e '.[test]'") from exc
    return opencc.OpenCC("s2t")


def traditional(text: str) -> str:
    """Simplified Chinese to traditional script (OpenCC s2t)."""
    return str(_converter().convert(text))  # type: ignore[attr-defined]
