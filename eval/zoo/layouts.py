"""Layouts: one `Grid` written as the text a tool or a web page makes of it (DESIGN §9, "Layout of a table").

In: a grid (cells with spans, texts that may hold line breaks) and a seed for the layouts that wrap. Out: the
text, lines joined by "\\n", the grid's title on a line above it. The layouts:
- `tsv`: tab-separated rows (word processors); a line break inside a cell breaks the line as copied text does.
- `pipe`: `| a | b |` rows with outer bars; `pipe_inner`: `a | b` rows without them.
- `markdown`: `| a | b |` rows with a `| --- |` separator after the first; line breaks inside cells as `<br>`.
- `html`: `<table>` with `rowspan`/`colspan` for merged cells, `<th>` in the first row.
- `cells`: one cell per line, an empty cell as an empty line, rows one after another (docx to text).
- `barred`: one cell per line closed by a bar, an empty cell a lone bar (web pages copied as text).
- `opened`: as `barred`, each row opened by a lone bar on a line of its own (a markdown row written a cell a line).
- `spaced`: one cell per line with a blank line after each, an empty cell two more blank lines (web pages whose
  cells are paragraphs).
- `aligned`: space-aligned columns as `pdftotext -layout` writes them (CJK characters two columns wide); a
  wrapped cell continues on the next lines in its own column.
- `flat`: the whole table on one line, non-empty cells separated by a space.
- `rowlines`: a row a line, non-empty cells separated by a single space, a cell's line breaks dropped (a web page
  or a text export of a Word form: merged cells written once, in their first row).
- `torn`: PDF text: the non-empty cells one per line, long cells wrapped over several lines, a page number
  between rows now and then.
- `csv`: a spreadsheet saved as CSV: every cell quoted (a quote inside doubled), cells parted by commas, a row a
  line; a line break inside a cell stays inside its quotes.
- `boxed`: a table a converter drew with box-drawing characters: `│ a │ b │` rows with a rule line between them
  (`├────┼────┤`), corners above and below (`┌──┬──┐`, `└──┴──┘`); a line break inside a cell breaks the row's line.
- `boxcells`: one cell a line with the converter's bars left in: each cell closed by a line of its own holding a bar
  (`┃` or `│`), an empty cell a lone bar, rows parted by a rule line (`━━━━`, `────`).
- `scraped`: a Word form as a document-sharing site shows it: the site's sentence about the file first, then each
  page of the form on one line opened by the page's number ("1、" with the form's title, "2、", …), non-empty cells
  separated by a space.
"""

from __future__ import annotations

import html
import random
import unicodedata
from collections.abc import Callable

from eval.zoo.grid import Grid
from eval.zoo.labels import PAGE_NUMBERS, SITE_FURNITURE

LAYOUTS: tuple[str, ...] = (
    "tsv", "pipe", "pipe_inner", "markdown", "html", "cells", "barred", "opened", "spaced", "aligned", "flat", "torn",
    "scraped", "csv", "rowlines", "boxed", "boxcells",
)  # fmt: skip
_GAP = 3  # spaces between aligned columns
_TORN_WIDTH = (7, 12)  # characters per line of a wrapped cell in torn PDF text
_PAGE_EVERY = 14  # rows between page numbers
_SCRAPED_PAGE = (3, 7)  # table rows on one page of a scraped form
_TITLE_INSIDE = frozenset({"scraped"})
_BOX_RULE = 6  # rule characters a column in `boxed`  # layouts that write the grid's title inside their first line


def write(grid: Grid, layout: str, seed: int = 0, page_numbers: bool = False) -> str:
    """The grid in `layout`, its title on the line above; with `page_numbers` (always in `torn`), a page-number
    line between rows now and then (in `flat`, a page number between two cells of the one line)."""
    rng = random.Random(seed)
    head, rows, tail = _WRITERS[layout](grid, rng)
    if page_numbers or layout == "torn":
        page, template = rng.randint(2, 30), rng.choice(PAGE_NUMBERS)
        numbered: list[str] = []
        for r, row in enumerate(rows):
            if r and r % _PAGE_EVERY == 0:
                numbered.append(template.format(n=page))
                page += 1
            numbered.append(row)
        rows = numbered
    joiner = " " if layout == "flat" else "\n"
    body = "\n".join([*head, joiner.join(row for row in rows if row or layout != "flat"), *tail])
    return f"{grid.title}\n{body}" if grid.title and layout not in _TITLE_INSIDE else body


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# a writer gives the lines before the rows, one text per row (lines joined), and the lines after the rows
_Written = tuple[list[str], list[str], list[str]]


def _tsv(grid: Grid, rng: random.Random) -> _Written:
    return [], ["\t".join(row) for row in grid.matrix(grid.centered)], []


def _pipe(grid: Grid, rng: random.Random) -> _Written:
    return [], ["| " + " | ".join(row) + " |" for row in grid.matrix(grid.centered)], []


def _pipe_inner(grid: Grid, rng: random.Random) -> _Written:
    return [], [" | ".join(row) for row in grid.matrix(grid.centered)], []


def _markdown(grid: Grid, rng: random.Random) -> _Written:
    rows = [[cell.replace("\n", "<br>") for cell in row] for row in grid.matrix(grid.centered)]
    if not rows:
        return [], [], []
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines[0] += "\n|" + "|".join(" --- " for _ in rows[0]) + "|"
    return [], lines, []


def _html(grid: Grid, rng: random.Random) -> _Written:
    lines = []
    for r, row in enumerate(grid.rows):
        tag = "th" if r == 0 else "td"
        cells = []
        for cell in row:
            spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
            )
            text = html.escape(cell.text, quote=False).replace("\n", "<br/>")
            cells.append(f"<{tag}{spans}>{text}</{tag}>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return ["<table>"], lines, ["</table>"]


def _cells(grid: Grid, rng: random.Random) -> _Written:
    return [], ["\n".join(row) for row in grid.matrix(grid.centered)], []


def _barred(grid: Grid, rng: random.Random) -> _Written:
    rows = ["\n".join(f"{cell} |" if cell.strip() else "|" for cell in row) for row in grid.matrix(grid.centered)]
    return [], rows, []


def _opened(grid: Grid, rng: random.Random) -> _Written:
    rows = ["|\n" + "\n".join(f"{cell} |" if cell.strip() else "|" for cell in row) for row in grid.matrix(grid.centered)]
    return [], rows, []


def _spaced(grid: Grid, rng: random.Random) -> _Written:
    return [], ["\n\n".join(row) + "\n" for row in grid.matrix(grid.centered)], []


def _boxed(grid: Grid, rng: random.Random) -> _Written:
    matrix = grid.matrix(grid.centered)
    if not matrix:
        return [], [], []
    segments = ["─" * _BOX_RULE for _ in matrix[0]]
    rule = "├" + "┼".join(segments) + "┤"
    rows = ["│" + "│".join(row) + "│" for row in matrix]
    body = [row + "\n" + rule if r < len(rows) - 1 else row for r, row in enumerate(rows)]
    return ["┌" + "┬".join(segments) + "┐"], body, ["└" + "┴".join(segments) + "┘"]


def _boxcells(grid: Grid, rng: random.Random) -> _Written:
    bar, rule = rng.choice((("┃", "━"), ("│", "─")))
    rows = ["\n".join(f"{cell}\n{bar}" if cell.strip() else bar for cell in row) for row in grid.matrix(grid.centered)]
    return [], [row + "\n" + rule * _BOX_RULE * 4 for row in rows], []


def _csv(grid: Grid, rng: random.Random) -> _Written:
    quoted = [",".join('"' + cell.replace('"', '""') + '"' for cell in row) for row in grid.matrix(grid.centered)]
    return [], quoted, []


def _flat(grid: Grid, rng: random.Random) -> _Written:
    return [], [" ".join(c.replace("\n", "") for c in row if c.strip()) for row in grid.matrix(grid.centered)], []


def _rowlines(grid: Grid, rng: random.Random) -> _Written:
    rows = [" ".join(c.replace("\n", "") for c in row if c.strip()) for row in grid.matrix(grid.centered)]
    return [], [row for row in rows if row], []


def _torn(grid: Grid, rng: random.Random) -> _Written:
    rows: list[str] = []
    for row in grid.matrix(grid.centered):
        lines: list[str] = []
        for cell in row:
            text = cell.replace("\n", "")
            if not text.strip():
                continue
            width = rng.randint(*_TORN_WIDTH)
            lines.extend(text[i : i + width] for i in range(0, len(text), width))
        rows.append("\n".join(lines))
    return [], [row for row in rows if row], []


def _scraped(grid: Grid, rng: random.Random) -> _Written:
    rows = [" ".join(c.replace("\n", "") for c in row if c.strip()) for row in grid.matrix(grid.centered)]
    rows = [row for row in rows if row]
    pages: list[list[str]] = []
    while len(rows) > sum(len(page) for page in pages):
        done = sum(len(page) for page in pages)
        pages.append(rows[done : done + rng.randint(*_SCRAPED_PAGE)])
    title = (grid.title or "").replace("\n", "").strip()
    furniture = rng.choice(SITE_FURNITURE).format(title=title or "表", pages=len(pages))
    lines = [f"{n}、" + " ".join(([title] if n == 1 and title else []) + page) for n, page in enumerate(pages, 1)]
    return [furniture], lines, []


def _aligned(grid: Grid, rng: random.Random) -> _Written:
    placed = grid.placed()
    width = max((c + cell.colspan for _, c, cell in placed), default=0)
    height = max((r + cell.rowspan for r, _, cell in placed), default=0)
    columns = [0] * width
    for _, c, cell in placed:
        if cell.colspan == 1:
            columns[c] = max(columns[c], max((display_width(part) for part in cell.text.split("\n")), default=0))
    starts = [0] * width
    for c in range(1, width):
        starts[c] = starts[c - 1] + columns[c - 1] + _GAP
    by_row: dict[int, list[tuple[int, list[str]]]] = {r: [] for r in range(height)}
    for r, c, cell in placed:
        middle = r + ((cell.rowspan - 1) // 2 if grid.centered else 0)
        by_row[middle].append((c, cell.text.split("\n") if cell.text else []))
    rows: list[str] = []
    lines: list[str] = []
    for r in range(height):
        cells = sorted(by_row[r])
        depth = max((len(parts) for _, parts in cells), default=0)
        for k in range(max(depth, 1)):
            line = ""
            for c, parts in cells:
                if k >= len(parts) or not parts[k]:
                    continue
                pad = starts[c] - display_width(line)
                line += " " * (pad if pad > 0 else (_GAP if line else 0)) + parts[k]
            lines.append(line.rstrip())
        rows.append("\n".join(lines))
        lines = []
    return [], rows, []


_WRITERS: dict[str, Callable[[Grid, random.Random], _Written]] = {
    "tsv": _tsv,
    "pipe": _pipe,
    "pipe_inner": _pipe_inner,
    "markdown": _markdown,
    "html": _html,
    "cells": _cells,
    "barred": _barred,
    "opened": _opened,
    "spaced": _spaced,
    "aligned": _aligned,
    "flat": _flat,
    "torn": _torn,
    "scraped": _scraped,
    "csv": _csv,
    "rowlines": _rowlines,
    "boxed": _boxed,
    "boxcells": _boxcells,
}
assert set(_WRITERS) == set(LAYOUTS)
