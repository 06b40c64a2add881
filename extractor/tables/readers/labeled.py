"""Reader for tables written one cell per line whose rows are each a label and its amounts (the 三公 table turned
sideways, the summary tables of some units), with a header merged over two rows that the text writes without
its spans.

In: lines of the normalized text and the index of a line. Out: the `Table` whose header starts at that line, or
None. Two ways of writing the cells are read: each cell closed by a bar on its line ("合计 |", a lone "|" for an
empty cell), and cells parted by lines holding a lone bar ("合计", "|", "因公出国(境)费", "|"). A cell wrapped over
lines ("公务用车" / "购置费 |") is one cell.

Nothing marks where a row ends, but the rows say it themselves: a row opens with a label (a cell that is no
amount, followed by an amount) and holds amounts after it, the last cell at most a note. The first row's cells
give the width; every row has it. The header is the run of words before the first row. When it holds more
cells than a row and fewer than two rows, it is a header merged over two rows: the upper row's cells (the label
column's head, the total, single items, and the groups) come first, then the lower row's parts, each group's
parts opening with its subtotal (小计 / 合计). A group stands over as many columns as it has parts; which upper
cells are the groups is read from the words (a cell naming 购置及运行 stands over parts naming 购置 and 运行,
`MERGED_HEADER_GROUPS`), the others taking the columns of one cell each. A table whose rows have no label (the
national 三公 table: 预算数 | 决算数, each over the same header merged over two rows, then the 行次 row and the
amounts) is read by the width that its amounts and its header, written row by row, fit.

Cost: a line that is no short cell is left at once; from a cell line, at most `_LOOKAHEAD` cells are read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from extractor.tables.model import Cell, Line, Table, make_table, starts_with_markup
from extractor.vocabulary import (
    LABEL_COLUMN_HEADS,
    MERGED_HEADER_GROUPS,
    PAGE_DECORATION,
    PLAIN_TABLE_HEADS,
    SUBTOTAL_WORDS,
)

_MAX_CELL_CHARS = 40  # a longer line is a sentence, not a cell of such a table
_MAX_HEADER_CHARS = 24
_MAX_WRAP = 3  # lines one cell may be wrapped over
_LOOKAHEAD = 300  # cells read from a header on
_MIN_WIDTH = 3
_MIN_ROWS = 2
_MAX_DRY = 2  # labeled rows without an amount in a row, inside the table
_MAX_GRID = 14  # columns of a table whose rows have no label, at most
_WINDOW = 8  # lines looked at to tell the way the cells are written
_BAR = re.compile(r"\s*[|｜]\s*$")
_LONE_BAR = re.compile(r"^\s*[|｜]\s*$")
_AMOUNT = re.compile(r"^(?:[-+]?\d+(?:\.\d+)?\s*[%％]?|[-—–/]+)$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int
    short: bool = False  # the slot of a cell its row lacks (the row's next cell is the next row's label)


class LabeledReader:
    layout = "labeled"

    def read(self, lines: Sequence[Line], at: int) -> Table | None:
        if at + 1 < len(lines) and _LONE_BAR.match(lines[at].text) and _opening_bar(lines[at + 1].text):
            at += 1  # each row's opening bar on a line of its own ("|", "项目 |", "预算数 |"): the table opens after it
        if at >= len(lines) or not _cell_line(lines[at].text) or _LONE_BAR.match(lines[at].text):
            return None
        text = lines[at].text
        if not _BAR.search(text) and not _plain_head(text):
            if at + 1 >= len(lines) or not _LONE_BAR.match(lines[at + 1].text):
                return None  # a line without a bar opens only cells parted by bars or a table headed by its words
        style = _style(lines, at)
        if style is None or (style == "barred" and not _BAR.search(lines[at].text)):
            return None  # (a table opens with a cell, not with a line that a bar does not close: a title)
        if style in ("plain", "spaced") and not _plain_head(lines[at].text):
            return None  # without bars, a table opens with the head of its label column or of its first group
        tokens = _spaced_tokens(lines, at) if style == "spaced" else _tokens(lines, at, style)
        split = _rows(tokens, style in ("plain", "spaced"))
        if split is None:
            return None
        grid, rows = split
        if len(rows[0]) > _MIN_WIDTH and all(not r[-1].content for r in grid) and all(not r[-1].text for r in rows):
            grid, rows = [r[:-1] for r in grid], [r[:-1] for r in rows]  # each row's opening bar, read as a last cell
        body = [[Cell(t.text, t.start, t.end, len(grid) + r, c) for c, t in enumerate(row)] for r, row in enumerate(rows)]
        spans = [_span(row) for row in grid] + [(row[0].start, row[-1].end) for row in rows]
        short = [len(grid) + r for r, row in enumerate(rows) if any(t.short for t in row)]
        return make_table(self.layout, grid + body, spans, unsure_rows=short)


def _opening_bar(text: str) -> bool:
    """Whether a line after a lone bar is a table's first cell closed by its bar (the lone bar opened its row)."""
    return _cell_line(text) and _BAR.search(text) is not None and not _LONE_BAR.match(text) and not _is_amount(
        _BAR.sub("", text).strip()
    )


def _plain_head(text: str) -> bool:
    """Whether a line opens a final-accounts table written without bars: 项目 / “三公”经费项目, 收入, 预算数 …
    (`PLAIN_TABLE_HEADS`), never a form's 项目名称 or 项目资金（万元） nor a title."""
    squeezed = _SPACE.sub("", text)
    return squeezed in PLAIN_TABLE_HEADS[0] or any(squeezed.endswith(end) for end in PLAIN_TABLE_HEADS[1])


def _cell_line(text: str) -> bool:
    if len(text) > 2 * _MAX_CELL_CHARS or "\t" in text:
        return False
    stripped = _BAR.sub("", text).strip()
    return (
        len(stripped) <= _MAX_CELL_CHARS
        and "\t" not in text
        and "|" not in stripped
        and "｜" not in stripped
        and not starts_with_markup(stripped)
    )


def _style(lines: Sequence[Line], at: int) -> str | None:
    """How the cells are written: "parted" (by lone-bar lines), "barred" (each closed by a bar), "plain" (one a line,
    an empty cell a blank line, no bar anywhere), "spaced" (as plain, with a blank line after each cell) or None."""
    if _spaced(lines, at):
        return "spaced"
    window = [line.text for line in lines[at : at + _WINDOW] if line.text.strip()]
    if len(window) < _WINDOW // 2:
        return None
    if all(_LONE_BAR.match(text) for text in window[1::2]) and not any(_LONE_BAR.match(t) for t in window[::2]):
        return "parted"
    bars = sum(1 for text in window if _BAR.search(text))
    if bars * 4 >= len(window) * 3:
        return "barred"
    if bars == 0 and all(_cell_line(text) for text in window):
        return "plain"
    return None


def _tokens(lines: Sequence[Line], at: int, style: str) -> list[_Token]:
    """The cells from line `at` on, up to a line that is no cell (or a cell wrapped over too many lines)."""
    tokens: list[_Token] = []
    pending: list[Line] = []  # the lines of a cell not yet closed
    k = at
    while k < len(lines) and len(tokens) < _LOOKAHEAD:
        line = lines[k]
        text = line.text
        k += 1
        if PAGE_DECORATION.match(text) or (not text.strip() and style != "plain"):
            continue
        if style == "plain":  # one cell a line, a blank line an empty cell
            if text.strip() and (not _cell_line(text) or _BAR.search(text)):
                break
            tokens.append(_joined([line] if text.strip() else [], line.start))
            continue
        if not _cell_line(text) or len(pending) > _MAX_WRAP:
            break
        lone = _LONE_BAR.match(text) is not None
        if style == "parted":
            if not lone:
                pending.append(line)
                continue
            tokens.append(_joined(pending, line.start))
        else:
            if not lone:
                pending.append(line)
            if not _BAR.search(text):
                continue  # a cell wrapped onto the next line
            tokens.append(_joined(pending, line.start))
        pending = []
    if style == "parted" and k == len(lines) and 0 < len(pending) <= _MAX_WRAP:
        tokens.append(_joined(pending, pending[0].start))  # the last cell, its bar cut off by the end of the text
    return tokens


def _spaced(lines: Sequence[Line], at: int) -> bool:
    """Whether cells are written one a line with a blank line after each ("spaced"), no bar anywhere: in the first
    lines no two cells touch and every run of blank lines between two cells is odd (one blank line parts two cells,
    each empty cell between them adds two)."""
    window = [line.text for line in lines[at : at + 2 * _WINDOW]]
    cells = [k for k, text in enumerate(window) if text.strip()]
    if len(cells) < _WINDOW // 2 or any(b - a == 1 for a, b in zip(cells, cells[1:], strict=False)):
        return False
    if any(_BAR.search(window[k]) or not _cell_line(window[k]) for k in cells):
        return False
    return all((b - a - 1) % 2 == 1 for a, b in zip(cells, cells[1:], strict=False))


def _spaced_tokens(lines: Sequence[Line], at: int) -> list[_Token]:
    """The cells of the spaced way (`_spaced`) from line `at` on: a run of 2e + 1 blank lines between two cells holds
    e empty cells; the cells end at a line that is no cell, at two cells that touch or at an even run of blank lines."""
    tokens: list[_Token] = []
    k = at
    while k < len(lines) and len(tokens) < _LOOKAHEAD:
        text = lines[k].text
        if not _cell_line(text) or _BAR.search(text) or PAGE_DECORATION.match(text):
            break
        tokens.append(_joined([lines[k]], lines[k].start))
        blank = k + 1
        while blank < len(lines) and not lines[blank].text.strip():
            blank += 1
        run = blank - k - 1
        if run % 2 == 0 or blank >= len(lines):
            break
        tokens += [_Token("", lines[k + 1].start, lines[k + 1].start)] * (run // 2)
        k = blank
    return tokens


def _joined(pending: list[Line], at: int) -> _Token:
    """One cell from its lines (their text without the closing bar and the line breaks); empty at `at`."""
    if not pending:
        return _Token("", at, at)
    texts = [_BAR.sub("", line.text).strip() for line in pending]
    first, last = pending[0], pending[-1]
    start = first.start + len(first.text) - len(first.text.lstrip())
    end = last.start + len(_BAR.sub("", last.text).rstrip())
    return _Token("".join(texts), start, max(start, end))


def _is_amount(text: str) -> bool:
    return bool(_AMOUNT.match(text.replace(",", "")))


def _opens_row(tokens: Sequence[_Token], i: int) -> bool:
    """A row's label: a cell that is no amount, followed by an amount."""
    return (
        bool(tokens[i].text)
        and not _is_amount(tokens[i].text)
        and i + 1 < len(tokens)
        and bool(tokens[i + 1].text)
        and _is_amount(tokens[i + 1].text)
    )


def _rows(tokens: list[_Token], plain: bool = False) -> tuple[list[list[Cell]], list[list[_Token]]] | None:
    """The header's grid rows and the body's rows, or None when the cells are no such table. The header is the run
    of words before the first row's label; the width is the first of these that reads two rows or more under a
    header that fits it: half the header (a header over two rows as written), the header (one row), the distance
    between the first two labels (rows led by one label: a header merged over two rows), and the widths under
    which the header's first cells are groups spread evenly over the rest (收入 | 支出 over 项目 行次 金额 ×2).
    Cells without bars (`plain`) are held to more: words stand only under a label column's head (项目, 科目名称) or
    in the first and last columns, so a form's rows (targets and units in words) are no such table."""
    first = next((i for i in range(len(tokens)) if _opens_row(tokens, i)), None)
    if first is None:
        return _unlabeled(tokens)
    if first < _MIN_WIDTH:
        return None
    header = tokens[:first]
    if any(_is_amount(t.text) or len(t.text) > _MAX_HEADER_CHARS for t in header) or not header[0].text:
        return None  # a header holds short words
    size = len(header)
    labeled = next((j - first for j in range(first + 1, len(tokens)) if _opens_row(tokens, j)), None)
    spread = [w for w in range(size - 1, size // 2, -1) if w % (size - w) == 0]
    # a header whose first cells are groups over the same words repeated (收入 支出 over 项目 决算数 twice) is read so
    # first: rows of label and amount pairs fit wider rows too
    even = [w for w in spread if w >= _MIN_WIDTH and _spread_evenly(header, w) is not None]
    widths = [*even, size // 2 if size % 2 == 0 else 0, size, labeled or 0, *spread]
    for width in dict.fromkeys(w for w in widths if w >= _MIN_WIDTH):
        heads = {c for c, t in enumerate(header[-width:]) if any(w in t.text for w in LABEL_COLUMN_HEADS)}
        rows = _body(tokens, first, width, heads)
        grid = _header_grid(header, width) if len(rows) >= _MIN_ROWS else None
        if grid is not None and (not plain or _words_under_labels(grid, rows)):
            return grid, rows
    return _unlabeled(tokens)  # the header's last word followed by the amounts: rows without labels


def _unlabeled(tokens: list[_Token]) -> tuple[list[list[Cell]], list[list[_Token]]] | None:
    """A table whose rows have no label (the 三公 table of the national template: its header over three rows, then
    the 行次 row and the amounts row, or the amounts alone): the header's words, then amounts (or empty cells) in
    one or two rows as wide as a header that fits them."""
    words = next((i for i, t in enumerate(tokens) if t.text and _is_amount(t.text)), len(tokens))
    header = tokens[:words]
    if len(header) < _MIN_WIDTH or not header[0].text or any(len(t.text) > _MAX_HEADER_CHARS for t in header):
        return None
    end = next((i for i in range(words, len(tokens)) if tokens[i].text and not _is_amount(tokens[i].text)), len(tokens))
    while end > words and not tokens[end - 1].text:
        end -= 1  # empty cells after the last amount belong to what follows
    amounts = end - words
    for width in range(min(amounts, _MAX_GRID), _MIN_WIDTH - 1, -1):
        if amounts % width or amounts // width > 2:
            continue
        grid = _nested(header, width) or _header_grid(header, width)
        if grid is not None:
            rows = [tokens[i : i + width] for i in range(words, end, width)]
            return grid, rows
    return None


def _nested(header: list[_Token], width: int) -> list[list[Cell]] | None:
    """A header over three rows written row by row without its spans: the upper row's groups (预算数 | 决算数), each
    over the same header merged over two rows (合计 因公出国（境）费 公务用车购置及运行费 公务接待费 / 小计 购置费 运行费):
    the middle row's cells and the lower row's split evenly among the groups."""
    for groups in range(2, 4):
        rest = header[groups:]
        if width % groups or len(rest) % groups:
            continue
        span = width // groups
        for middle in range(2, len(rest) // groups):
            lower = (len(rest) - groups * middle) // groups
            if lower < 1 or groups * (middle + lower) != len(rest):
                continue
            grid = _groups_over(header[:groups], rest, span, middle, lower)
            if grid is not None:
                return grid
    return None


def _groups_over(
    groups: list[_Token], rest: list[_Token], span: int, middle: int, lower: int
) -> list[list[Cell]] | None:
    top: list[Cell] = []
    below: list[list[Cell]] = [[], []]
    tail = len(groups) * middle
    for g, token in enumerate(groups):
        mine = rest[g * middle : (g + 1) * middle] + rest[tail + g * lower : tail + (g + 1) * lower]
        part = _merged(mine, span, False, (1, g * span), middle)
        if part is None:
            return None
        cell = _cell(token, 0, g * span)
        top += [cell] + [_covered(cell, 0, g * span + k) for k in range(1, span)]
        below[0] += part[0]
        below[1] += part[1]
    return [top, *below]


def _words_under_labels(grid: list[list[Cell]], rows: list[list[_Token]]) -> bool:
    width = len(rows[0])
    heads = {c for row in grid for c, cell in enumerate(row) if any(w in cell.content for w in LABEL_COLUMN_HEADS)}
    allowed = heads | {0, width - 1}
    return all(not t.text or _is_amount(t.text) or c in allowed for row in rows for c, t in enumerate(row))


def _body(tokens: list[_Token], first: int, width: int, heads: set[int] | None = None) -> list[list[_Token]]:
    """The rows of `width` cells from the first row's label on, up to one that does not fit: a row holds an amount,
    opens with no amount, and holds words only where the first row does (its labels), under the head of a label
    column (`heads`: 项目 over the right half of a summary table whose first row leaves it empty), or in its last
    cell (a note). A labeled row without an amount (年初结转和结余 with its amounts left empty) is taken when a row with
    one follows it."""
    rows: list[list[_Token]] = []
    labels: set[int] = set(heads or ())
    dry = 0  # labeled rows without an amount at the end of the rows so far
    i = first
    while i + width <= len(tokens):
        row = tokens[i : i + width]
        words = {c for c, t in enumerate(row) if t.text and not _is_amount(t.text)}
        if not rows:
            labels |= words
        if _is_amount(row[0].text) or words - labels - {width - 1}:
            break
        if width - 1 in words - labels and _opens_row(tokens, i + width - 1):
            # the last cell is the next row's label, no note: this row lacks a cell, and which one is not said
            end = row[-1].start
            row = [*row[:-1], _Token("", end, end, short=True)]
            i -= 1
        dry = 0 if any(t.text and _is_amount(t.text) for t in row) else dry + 1
        if dry > _MAX_DRY or (dry and not row[0].text):
            break
        rows.append(row)
        i += width
    if dry:
        return rows[: len(rows) - dry]
    rest = tokens[i : i + width]
    if rows and rest and _opens_row(rest, 0) and all(not row[c].text for row in rows for c in range(len(rest), width)):
        rows.append(rest + [_Token("", rest[-1].end, rest[-1].end)] * (width - len(rest)))  # the last row, no bar after it
    return rows


def _header_grid(header: list[_Token], width: int) -> list[list[Cell]] | None:
    """The header's rows as grid rows of `width` cells: one row, two rows as written, or two rows of a header
    merged over them (`_merged`)."""
    if len(header) == width:
        return [[_cell(t, 0, c) for c, t in enumerate(header)]]
    if len(header) == 2 * width:
        upper, lower = header[:width], header[width:]
        if [t.text for t in upper] == [t.text for t in lower]:
            return None  # one row of a table's two halves (项目 行次 金额 | 项目 行次 金额), not two rows
        return [[_cell(t, r, c) for c, t in enumerate(part)] for r, part in enumerate((upper, lower))]
    if width < len(header) < 2 * width:
        return _merged(header, width) or _spread_evenly(header, width)
    return None


def _spread_evenly(header: list[_Token], width: int) -> list[list[Cell]] | None:
    """A header whose upper row is all groups of as many columns each (收入 | 支出 over 项目 行次 金额 ×2), written
    upper row first without the spans."""
    groups = len(header) - width
    if width % groups:
        return None
    span = width // groups
    lower = [t.text for t in header[groups:]]
    if any(lower[g * span : (g + 1) * span] != lower[:span] for g in range(1, groups)):
        return None  # each group stands over the same columns
    top: list[Cell] = []
    for g, token in enumerate(header[:groups]):
        cell = _cell(token, 0, g * span)
        top += [cell] + [_covered(cell, 0, g * span + k) for k in range(1, span)]
    return [top, [_cell(t, 1, c) for c, t in enumerate(header[groups:])]]


def _merged(
    header: list[_Token], width: int, label_head: bool = True, at: tuple[int, int] = (0, 0), upper_size: int = 0
) -> list[list[Cell]] | None:
    """A header merged over two rows, written upper row first without the spans: the lower row opens at the first
    subtotal after the label column's head (when the table has a label column) and the total; each group's parts
    open with a subtotal. `at`: the grid row and column its upper-left cell stands at; `upper_size`: the upper row's
    cells, when known."""
    row0, col0 = at
    squeezed = [_SPACE.sub("", t.text) for t in header]
    after = 2 if label_head else 1
    split = upper_size or next((i for i in range(after, len(header)) if squeezed[i] in SUBTOTAL_WORDS), None)
    if split is None:
        return None
    upper, lower = header[:split], header[split:]
    starts = [i for i, word in enumerate(squeezed[split:]) if word in SUBTOTAL_WORDS]
    groups = len(header) - width  # each group stands over its parts instead of one column
    if groups < 1 or len(starts) != groups or starts[0] != 0:
        return None
    parts = [lower[a:b] for a, b in zip(starts, [*starts[1:], len(lower)], strict=True)]
    chosen = _groups(upper, parts, 1 if label_head else 0)
    if chosen is None:
        return None
    top: list[Cell] = []
    bottom: list[Cell] = []
    for u, token in enumerate(upper):
        cell = _cell(token, row0, col0 + len(top))
        if u in chosen:
            below = parts[chosen.index(u)]
            for p, part in enumerate(below):
                col = col0 + len(top)
                top.append(cell if p == 0 else _covered(cell, row0, col))
                bottom.append(_cell(part, row0 + 1, col))
        else:
            top.append(cell)
            bottom.append(_covered(cell, row0 + 1, cell.col))
    return [top, bottom] if len(top) == width else None


def _groups(upper: list[_Token], parts: list[list[_Token]], lead: int = 1) -> list[int] | None:
    """The upper cells that stand over the groups of parts, in order: of the cells that may (not the label
    column's head, not the total), the choice whose cells' words name the most of their parts (a cell naming
    购置及运行 over parts naming 购置 and 运行), the later cells on a tie (single items come first in the
    national template)."""
    eligible = [u for u in range(lead, len(upper)) if _SPACE.sub("", upper[u].text) not in SUBTOTAL_WORDS]
    best: tuple[int, int, tuple[int, ...]] | None = None
    for choice in combinations(eligible, len(parts)):
        named = sum(_names_parts(upper[u].text, group) for u, group in zip(choice, parts, strict=True))
        rank = (named, sum(choice), choice)
        if best is None or rank[:2] > best[:2]:
            best = rank
    return list(best[2]) if best is not None else None


def _names_parts(group: str, parts: list[_Token]) -> bool:
    words = _SPACE.sub("", group)
    return any(
        word in words and all(any(part in t.text for t in parts) for part in part_words)
        for word, part_words in MERGED_HEADER_GROUPS
    )


def _cell(token: _Token, row: int, col: int) -> Cell:
    return Cell(token.text, token.start, token.end, row, col)


def _covered(origin: Cell, row: int, col: int) -> Cell:
    return Cell("", origin.end, origin.end, row, col, origin=origin)


def _span(row: list[Cell]) -> tuple[int, int]:
    own = [cell for cell in row if not cell.covered]
    return (min(c.start for c in own), max(c.end for c in own)) if own else (row[0].start, row[0].end)
