"""Rules for figures in the standard final-accounts tables (公开01表 … 公开09表), in any layout.

In: table chunks outside project reports; each is read into `Table`s by `extractor.tables` (tabs, pipes,
HTML, one cell per line… are the readers' business). Out: figure candidates. Which table it is comes from
its title (the heading or the lines just above it, `ACCOUNT_TABLE_TITLES`); which column holds what comes
from the header's words; rows are found by their label cell or by their functional code, never by position:
- the summary table (收入支出决算总表): label/amount pairs across a row, each label taking the last number
  before the next label (the 行次 number comes first);
- column tables (收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表): the header cells name the columns (a
  header over two rows is read lowest row first, a merged cell's empty slots taking the name to their left);
  the 合计 row gives the totals, a row coded 类 (201) the class, a row coded 项 (2010601, or 201 06 01) the item;
- the 三公 table: budget and actual groups from the top header row, the six items from the rows below;
- any other table whose header names year columns (2022 年决算数 | 2023 年预算数 | 2023 年决算数) gives, for
  each row labeled with a catalog label, the latest year's budget and actual.
Amounts are in the unit the table states (金额单位：元 / 万元), 万元 when it states none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

from extractor.chunk import Chunk
from extractor.extract.base import Candidate
from extractor.extract.evidence import evidence_for
from extractor.extract.rules.indicator_cells import number
from extractor.extract.rules.labels import find_labels
from extractor.normalize import Normalized
from extractor.tables import Row, Table, tables_in
from extractor.vocabulary import (
    ACCOUNT_TABLE_TITLES,
    BASIC_DETAIL_LABELS,
    BUDGET_WORD,
    COLUMN_HEAD_SKIP,
    DEFAULT_MONEY_UNIT,
    FUNCTION_CODE,
    GPB_COLUMN_GROUPS,
    GPB_COLUMN_LABELS,
    MONEY_UNIT_STATEMENT,
    ROW_LABEL_DECORATION,
    ROW_NUMBER_HEAD,
    SENTENCE_END,
    SUBTOTAL_WORDS,
    SUMMARY_AMOUNT_HEADS,
    SUMMARY_GRAND_TOTAL,
    SUMMARY_ROW_LABELS,
    THREE_PUBLIC_ITEMS,
    THREE_PUBLIC_MEASURES,
    THREE_PUBLIC_MIN_ITEMS,
    THREE_PUBLIC_PARTS,
    THREE_PUBLIC_PRIOR_ROW,
    THREE_PUBLIC_ROW_MEASURES,
    THREE_PUBLIC_ROW_YEAR,
    TITLE_LINE_MAX,
    TOTAL_ROW_WORDS,
    UNSURE_SPLIT,
    YEAR_COLUMN,
    YEAR_COLUMN_MEASURES,
    YEAR_ONLY_COLUMN,
)
from schemas import Figure

_DASH = re.compile(r"^[-—–/]+$")
_TITLES = tuple((re.compile(pattern), kind) for pattern, kind in ACCOUNT_TABLE_TITLES)
_ROW_MEASURES = tuple((re.compile(pattern), measure) for pattern, measure in THREE_PUBLIC_ROW_MEASURES)
_SPACES = re.compile(r"\s+")
# two amounts run together in one cell by OCR or a converter ("24.0012.00"): flagged, never read as one number
_GLUED = re.compile(r"^[-+]?\d+\.\d+(?:\.\d+)+%?$")
_FIRST_AMOUNT = re.compile(r"^[-+]?\d+\.\d{1,2}")


@dataclass(frozen=True)
class _Context:
    doc: Normalized
    chunk_id: int
    unit: str


def table_candidates(doc: Normalized, chunks: list[Chunk]) -> Iterator[Candidate]:
    year_headers: dict[tuple[str, ...], list[str | None]] = {}  # a table cut by one-cell rows keeps its header
    units: dict[tuple[str, ...], str] = {}  # the unit a heading's text states ("金额单位：万元") for its tables
    titled: tuple[tuple[str, ...], str] | None = None  # the last title line above a table, under its heading
    for chunk in chunks:
        stated = MONEY_UNIT_STATEMENT.search(chunk.text)
        if stated:
            units[chunk.trail] = stated.group(1)
        if chunk.kind != "table":
            title = _title_line(chunk.text)
            titled = (chunk.trail, title) if title else titled
            continue
        if chunk.project is not None:
            continue
        kind = titled[1] if titled and titled[0] == chunk.trail else table_kind(" ".join(chunk.trail[-1:]))
        context = _Context(doc, chunk.id, units.get(chunk.trail, DEFAULT_MONEY_UNIT))
        for table in tables_in(chunk.text, chunk.start):
            named = kind or _title_row(table)  # (a title row taken into this table names only this table)
            yield from _unsure(context, table, _read(context, table, named, year_headers.setdefault(chunk.trail, [])))


def _read(context: _Context, table: Table, named: str | None, years: list[str | None]) -> Iterator[Candidate]:
    if named == "three_public" or (named is None and _names_three_public_items(table)):
        yield from _three_public(context, table)
    elif named == "summary":
        yield from _pairs(context, table)
    elif named == "fiscal_total":
        yield from _fiscal_total(context, table)
    elif named == "gpb":
        yield from _columns(context, table, functional=True)
    elif named in ("revenue", "expenditure"):
        yield from _columns(context, table, functional=False)
    elif named == "basic_detail":
        yield from _basic_detail(context, table)
    else:
        yield from _year_columns(context, table, years)
        yield from _items_by_columns(context, table)


def _unsure(context: _Context, table: Table, found: Iterator[Candidate]) -> Iterator[Candidate]:
    """The figures read from a row the reader cut by guess (a row one cell short, which cell not said) are flagged
    `unsure_split`: the value may stand in another column than the one it was read from."""
    rows = [table.rows[k] for k in table.unsure_rows]
    spans = {(e.start, e.end) for e in (evidence_for(context.doc, row.start, row.end) for row in rows)}
    for candidate in found:
        evidence = candidate.item.evidence  # type: ignore[union-attr]
        if (evidence.start, evidence.end) in spans and UNSURE_SPLIT not in candidate.flags:
            candidate.flags.append(UNSURE_SPLIT)
        yield candidate


def table_kind(title: str) -> str | None:
    """Which standard table a title names ("summary", "gpb", "three_public", …), or None."""
    squeezed = re.sub(r"\s+", "", title)
    return next((kind for pattern, kind in _TITLES if pattern.search(squeezed)), None)


def _title_line(text: str) -> str | None:
    """The kind of the last line of a text that is a table's title ("一般公共预算财政拨款支出决算表", "公开05表" beside
    it), not a sentence that mentions one."""
    for line in reversed(text.split("\n")):
        kind = table_kind(line)
        if kind is not None and len(line.strip()) <= TITLE_LINE_MAX and not SENTENCE_END.search(line):
            return kind
    return None


def _title_row(table: Table) -> str | None:
    """The kind a title row taken into the table names (a row of one short cell above the amounts: "某县2031年“三公”
    经费决算情况统计表 | | |"), or None."""
    for row in table.rows:
        filled = row.filled()
        if sum(1 for cell in filled if number(cell.text) is not None) >= 2:
            return None
        if len(filled) == 1 and len(filled[0].text) <= TITLE_LINE_MAX and not SENTENCE_END.search(filled[0].text):
            kind = table_kind(filled[0].text)
            if kind is not None:
                return kind
    return None


def _clean(cell: str) -> str:
    return ROW_LABEL_DECORATION.sub("", cell)


def _figure(context: _Context, key: str, measure: str, value: float, row: Row, subject: str | None = None,
            rule: str = "table", specificity: float = 0.85) -> Candidate:  # fmt: skip
    unit = "%" if measure.endswith("_pct") else context.unit
    figure = Figure(key=key, measure=measure, subject=subject, value=value, unit=unit,  # type: ignore[arg-type]
                    evidence=evidence_for(context.doc, row.start, row.end))  # fmt: skip
    return Candidate(item=figure, source="rules", rule=rule, specificity=specificity, chunk_id=context.chunk_id)


def _numbers_after(texts: Sequence[str], i: int) -> list[float]:
    """The numbers between cell i and the next non-numeric cell (empty cells skipped)."""
    numbers: list[float] = []
    for text in texts[i + 1 :]:
        if not text:
            continue
        parsed = number(text)
        if parsed is None:
            break
        numbers.append(parsed)
    return numbers


def _amount_after(texts: Sequence[str], i: int) -> float | None:
    """The last number between cell i and the next non-numeric cell."""
    numbers = _numbers_after(texts, i)
    return numbers[-1] if numbers else None


def _pairs(context: _Context, table: Table) -> Iterator[Candidate]:
    amounts = _amount_columns(table)
    totals_seen = 0
    for row in table.rows:
        texts = [cell.text for cell in row.cells]
        for i, text in enumerate(texts):
            label = _clean(text)
            key = SUMMARY_ROW_LABELS.get(label)
            if label in SUMMARY_GRAND_TOTAL:
                key = "grand_total_revenue" if totals_seen == 0 else "grand_total_expenditure"
                totals_seen += 1
            if key is None:
                continue
            value = _amount_after_row_number(texts, i) if amounts else None
            if value is None:
                value = _amount_in_column(texts, i, amounts) if amounts else _amount_after(texts, i)
            if value is not None:
                yield _figure(context, key, "actual", value, row)


def _amount_columns(table: Table) -> list[int]:
    """The columns a header names as amounts (金额, 决算数), when the table has a header that also names its
    行次 column: then a row number is never read as an amount, even where the amount cell is empty."""
    for row in table.rows:
        names = [_clean(cell.content) for cell in row.cells]
        if any(name in ROW_NUMBER_HEAD for name in names):
            columns = [col for col, name in enumerate(names) if any(word in name for word in SUMMARY_AMOUNT_HEADS)]
            if columns:
                return columns
    return []


def _amount_in_column(texts: Sequence[str], i: int, amounts: list[int]) -> float | None:
    """The number in the first amount column after the label's cell, unless another label stands first."""
    column = next((col for col in amounts if col > i), None)
    if column is None or column >= len(texts):
        return None
    if any(texts[k] and number(texts[k]) is None for k in range(i + 1, column)):
        return None
    return number(texts[column])


def _amount_after_row_number(texts: Sequence[str], i: int) -> float | None:
    """In a table with a 行次 column: the numbers after a label are its row number, then its amount, wherever a
    layout that shifts cells put them; None for a lone number (the amount column then decides)."""
    numbers = _numbers_after(texts, i)
    return numbers[-1] if len(numbers) >= 2 else None


def _fiscal_total(context: _Context, table: Table) -> Iterator[Candidate]:
    for row in table.rows:
        filled = [cell.text for cell in row.cells if cell.text]
        if filled and _clean(filled[0]) in SUMMARY_GRAND_TOTAL:
            value = _amount_after(filled, 0)
            if value is not None:
                yield _figure(context, "fiscal_grand_total", "actual", value, row)
                return


# ---- column tables --------------------------------------------------------------------------------------


def _is_data(row: Row) -> bool:
    """A row of amounts: it holds a number and is not the 栏次 row of column numbers."""
    filled = [cell.text for cell in row.cells if cell.text]
    if not filled or _clean(filled[0]) in ROW_NUMBER_HEAD:
        return False
    return any(number(text) is not None for text in filled)


def _header_names(table: Table, header_rows: list[Row]) -> list[str]:
    """Each column's name: the lowest header row's cell that names it; an empty slot of a merged cell in a
    row takes the name to its left in that row when the rows below leave it unnamed."""
    names = [""] * table.width
    for row in header_rows:
        if any(MONEY_UNIT_STATEMENT.search(cell.content) for cell in row.cells):
            continue  # the caption line ("部门：… 金额单位：万元") taken into the table names no column
        carried = ""
        for col, cell in enumerate(row.cells):
            text = _clean(cell.content)
            if text:
                carried = text
                names[col] = text
            elif not names[col] and carried:
                names[col] = carried
    return names


def _column_keys(names: Sequence[str], functional: bool) -> dict[int, str]:
    keys: dict[int, str] = {}
    for col, name in enumerate(names):
        if functional:
            key = GPB_COLUMN_LABELS.get(name)
        else:
            found = find_labels(name)
            key = found[0].keys[0] if len(found) == 1 and found[0].end - found[0].start == len(name) else None
        if key is not None and key not in keys.values():
            keys[col] = key
    return keys


def _code(texts: Sequence[str]) -> tuple[str, int] | None:
    """The functional code a row opens with (digits, possibly in groups over cells: 201 | 06 | 01) and the
    index of the cell after it."""
    joined, i = "", 0
    while i < len(texts) and (not texts[i] or re.fullmatch(r"\d{2,3}(?:\s*\d{2}){0,2}", texts[i])):
        joined += re.sub(r"\s+", "", texts[i])
        i += 1
        if len(joined) >= 7:
            break
    if FUNCTION_CODE.fullmatch(joined):
        return joined, i
    return None


def _columns(context: _Context, table: Table, functional: bool) -> Iterator[Candidate]:
    first_data = next((r for r, row in enumerate(table.rows) if _is_data(row)), None)
    if first_data is None:
        return
    header_rows = [row for row in table.rows[:first_data] if not any(number(c.text) is not None for c in row.cells)]
    names = _header_names(table, header_rows)
    groups = _column_groups(table, header_rows) if functional else []
    if len(set(groups) - {None}) >= 2:
        yield from _grouped_columns(context, table.rows[first_data:], names, groups)
        return
    keys = _column_keys(names, functional)
    total_column = next((col for col, name in enumerate(names) if name in SUBTOTAL_WORDS or
                         keys.get(col) in ("gpb_expenditure", "expenditure_current_year")), None)  # fmt: skip
    for row in table.rows[first_data:]:
        texts = [cell.text for cell in row.cells]
        filled = [text for text in texts if text]
        if not filled:
            continue
        if _clean(filled[0]) in TOTAL_ROW_WORDS:
            yield from _total_row(context, row, names, keys)
        elif functional:
            yield from _function_row(context, row, texts, total_column)


def _column_groups(table: Table, header_rows: list[Row]) -> list[str | None]:
    """Each column's measure from the header cells above it ("年初预算" → budget, "决算数" → actual, "完成年初预算%"
    → execution rate), a merged cell's empty slots taking the group to their left in that row."""
    groups: list[str | None] = [None] * table.width
    for row in header_rows:
        carried: str | None = None
        for col, cell in enumerate(row.cells):
            text = _SPACES.sub("", cell.content)
            found = next((measure for word, measure in GPB_COLUMN_GROUPS if word in text), None) if text else None
            carried = found if text else carried
            if groups[col] is None and (found or carried):
                groups[col] = found or carried
    return groups


def _grouped_columns(context: _Context, rows: Sequence[Row], names: Sequence[str],
                     groups: Sequence[str | None]) -> Iterator[Candidate]:  # fmt: skip
    """A 一般公共预算财政拨款支出决算表 whose header groups its columns by measure: the total row gives each group's
    totals, an item row its budget, actual and execution rate (a class row its actual), each from its group's 小计."""
    keys: dict[int, str] = {}
    for col, (name, group) in enumerate(zip(names, groups, strict=False)):
        key = "gpb_expenditure" if group == "execution_rate_pct" else GPB_COLUMN_LABELS.get(name)
        if group is not None and key is not None and (key, group) not in {(keys[c], groups[c]) for c in keys}:
            keys[col] = key
    totals = {groups[col]: col for col, key in keys.items() if key == "gpb_expenditure"}
    for row in rows:
        texts = [cell.text for cell in row.cells]
        filled = [text for text in texts if text]
        if filled and _clean(filled[0]) in TOTAL_ROW_WORDS:
            for col, key in keys.items():
                value = number(texts[col]) if col < len(texts) else None
                if value is not None:
                    yield _figure(context, key, groups[col] or "actual", value, row)
            continue
        found = _code(texts)
        if found is None or len(found[0]) == 5:
            continue
        code, after = found
        subject = next((_clean(text) for text in texts[after:] if text and number(text) is None), None)
        key = "function_class_expenditure" if len(code) == 3 else "function_item_expenditure"
        for measure, col in totals.items():
            value = number(texts[col]) if col < len(texts) else None
            if subject and measure and value is not None and (measure == "actual" or len(code) == 7):
                yield _figure(context, key, measure, value, row, subject=subject)


def _total_row(context: _Context, row: Row, names: Sequence[str], keys: dict[int, str]) -> Iterator[Candidate]:
    numeric = [(col, number(cell.text)) for col, cell in enumerate(row.cells) if cell.text and number(cell.text) is not None]
    aligned = numeric and all(names[col] and names[col] not in COLUMN_HEAD_SKIP for col, _ in numeric)
    if aligned:
        for col, value in numeric:
            if col in keys and value is not None:
                yield _figure(context, keys[col], "actual", value, row)
        return
    # columns not aligned with the header (a layout that drops empty cells): the named columns in order
    named = [keys.get(col) for col, name in enumerate(names) if name and name not in COLUMN_HEAD_SKIP]
    for key, (_, value) in zip(named, numeric, strict=False):
        if key is not None and value is not None:
            yield _figure(context, key, "actual", value, row)


def _function_row(context: _Context, row: Row, texts: Sequence[str], total_column: int | None) -> Iterator[Candidate]:
    found = _code(texts)
    if found is None:
        return
    code, after = found
    if len(code) == 5:
        return  # a 款: no catalog key
    subject = next((_clean(text) for text in texts[after:] if text and number(text) is None), None)
    if total_column is not None and total_column < len(texts) and number(texts[total_column]) is not None:
        value = number(texts[total_column])
    else:
        value = next((number(text) for text in texts[after:] if text and number(text) is not None), None)
    if subject is None or value is None:
        return
    key = "function_class_expenditure" if len(code) == 3 else "function_item_expenditure"
    yield _figure(context, key, "actual", value, row, subject=subject)


def _basic_detail(context: _Context, table: Table) -> Iterator[Candidate]:
    for row in table.rows:
        texts = [cell.text for cell in row.cells]
        for i, text in enumerate(texts):
            key = BASIC_DETAIL_LABELS.get(_clean(text))
            if key:
                value = _amount_after(texts, i)
                if value is not None:
                    yield _figure(context, key, "actual", value, row)


# ---- the 三公 table ---------------------------------------------------------------------------------------


def _three_public(context: _Context, table: Table) -> Iterator[Candidate]:
    sparse = list(_three_public_sparse(context, table))
    if sparse:
        yield from sparse
        return
    first_data = next((r for r, row in enumerate(table.rows) if _twelve_amounts(row) or _is_data(row)), None)
    if first_data is None:
        return
    header_rows = [row for row in table.rows[:first_data] if not any(number(c.text) is not None for c in row.cells)]
    columns = _three_public_columns(table, header_rows)
    for row in table.rows[first_data:]:
        numeric = [(col, number(cell.text)) for col, cell in enumerate(row.cells) if cell.text]
        if numeric and numeric[0][1] is None and columns and numeric[0][0] not in columns:
            numeric = numeric[1:]  # the row's label in a column the header names no item of (合计, the unit's name)
        values = [(col, value) for col, value in numeric if value is not None]
        if len(values) < 2 or len(values) != len(numeric) or _column_numbers([v for _, v in values]):
            continue
        beside = _beside_columns(table, header_rows, columns)
        if columns and all(col in columns or col in beside for col, _ in values):
            for col, value in values:
                key, measure = columns[col] if col in columns else beside[col]
                yield _figure(context, key, measure, value, row)  # type: ignore[arg-type]
            return
        if len(values) == 12:  # no header words to go by: the standard 6 + 6 order (budget, then actual)
            keys = [key for key, _ in THREE_PUBLIC_ITEMS]
            for k, key in enumerate(keys):
                yield _figure(context, key, "budget", values[k][1], row)  # type: ignore[arg-type]
                yield _figure(context, key, "actual", values[6 + k][1], row)  # type: ignore[arg-type]
            return
    by_columns = list(_three_public_by_columns(context, table))
    yield from by_columns if by_columns else _three_public_by_rows(context, table)


_THREE_PUBLIC_KEYS = frozenset(key for key, _ in THREE_PUBLIC_ITEMS)
_MAX_SLOTS = 16  # placements of left-out cells are tried up to this many columns (C(16, 8) = 12870)
_SUM_TOLERANCE = 0.015  # amounts are written to two decimals: a sum may differ by rounding


def _three_public_sparse(context: _Context, table: Table) -> Iterator[Candidate]:
    """A 三公 table whose header lost its spans (each merged cell written once, from the left) and whose amount row
    left its empty cells out (8 amounts under 12 columns). The measure row (预算数 | 决算数 | …, one word a column)
    counts the columns; the header's item words in reading order name them (a group's parts right after it:
    公务用车购置及运行费, then 购置费 and 运行费). The amounts keep their order, so each placement of them in the columns
    that the table's sums allow (合计 = its items, a group = its parts, empty cells nothing) is tried; an amount is read
    only where every such placement puts it in the same column, and nothing is read where none does."""
    found = _measure_row(table)
    if found is None:
        return
    at, measures = found
    slots = _slots(_header_items(table.rows[:at]), measures)
    row = next((r for r in table.rows[at + 1 :] if _is_data(r)), None)
    if slots is None or row is None:
        return
    yield from _beside_the_items(context, table.rows[: at + 1], len(measures))
    values = [number(cell.text) for cell in row.filled()]
    amounts = [v for v in values if v is not None]
    if len(amounts) != len(values) or not 2 <= len(amounts) < len(slots) <= _MAX_SLOTS:
        return  # a full row is read column by column (by the header's words) elsewhere
    for index, slot in _settled(slots, amounts).items():
        key, measure = slots[slot]
        yield _figure(context, key, measure, amounts[index], row, rule="table_sparse")


def _column_numbers(values: list[float]) -> bool:
    """Whether a row's numbers are the columns' numbers (栏次 1, 2, … of a table of up to 12 columns, or 1 … n)."""
    whole = all(v.is_integer() for v in values)
    return whole and (all(v <= _THREE_PUBLIC_COLUMNS for v in values) or sorted(values) == list(range(1, len(values) + 1)))


_THREE_PUBLIC_COLUMNS = 12  # the national 三公 table's columns: budget and actual of its six items


def _beside_columns(table: Table, header_rows: list[Row], columns: dict[int, tuple[str, str]]) -> dict[int, tuple[str, str]]:
    """column -> (key, measure) of the columns a 三公 table's header names beside the items: a cell over a column of no
    item that names another catalog figure and a measure ("机关运行经费决算数" after the 12 columns)."""
    beside: dict[int, tuple[str, str]] = {}
    for col in range(table.width):
        if col in columns:
            continue
        texts = [row.cells[col].text for row in header_rows if col < len(row.cells) and row.cells[col].text]
        if len(texts) != 1:
            continue
        match = next(iter(find_labels(texts[0])), None)
        measure = next((m for word, m in THREE_PUBLIC_MEASURES if word in _SPACES.sub("", texts[0])), None)
        if match is not None and match.keys[0] not in _THREE_PUBLIC_KEYS and measure is not None:
            beside[col] = (match.keys[0], measure)
    return beside


def _beside_the_items(context: _Context, rows: Sequence[Row], count: int) -> Iterator[Candidate]:
    """The one column a collapsed 三公 header names beside the items (机关运行经费决算数), whose amount the lost spans
    left at the end of the measure row: read where the header names exactly one such column by a catalog label."""
    beside = [(match.keys[0], cell.text) for row in rows[:-1] for cell in row.filled()
              if (match := next(iter(find_labels(cell.text)), None)) is not None
              and match.keys[0] not in _THREE_PUBLIC_KEYS]  # fmt: skip
    trailing = [number(cell.text) for cell in rows[-1].filled()[count:]]
    if len(beside) != 1 or len(trailing) != 1 or trailing[0] is None:
        return
    key, text = beside[0]
    measure = next((m for word, m in THREE_PUBLIC_MEASURES if word in _SPACES.sub("", text)), None)
    if measure is not None:
        yield _figure(context, key, measure, trailing[0], rows[-1], rule="table_sparse")


def _measure_row(table: Table) -> tuple[int, list[str]] | None:
    """The row of measure words, one a column (预算数 | 决算数 | …), and its measures, left to right."""
    for at, row in enumerate(table.rows):
        measures = []
        for cell in row.filled():
            text = _SPACES.sub("", cell.text)
            measure = next((m for word, m in THREE_PUBLIC_MEASURES if word in text), None)
            if measure is None:
                break
            measures.append(measure)
        if len(measures) >= 4:
            return at, measures
    return None


def _header_items(rows: Sequence[Row]) -> list[str]:
    """The 三公 items a header names, in reading order: the first row that names enough of them, then the parts a
    lower row names right after their group (公务用车购置及运行费, then 购置费, 运行费)."""
    items: list[str] = []
    for row in rows:
        keys = [key for cell in row.filled() if (key := _item_key(_SPACES.sub("", cell.text))) is not None]
        if not items:
            items = list(dict.fromkeys(keys)) if len(set(keys)) >= THREE_PUBLIC_MIN_ITEMS else []
            continue
        for group in reversed(items[1:]):  # (the first item is the whole)
            parts = [key for key in keys if key in THREE_PUBLIC_PARTS.get(group, ()) and key not in items]
            at = items.index(group) + 1
            items[at:at] = parts
    return items


def _slots(items: list[str], measures: list[str]) -> list[tuple[str, str]] | None:
    """Each column's (item, measure): measures paired under each item (预算数 | 决算数 per item), or one group of
    columns per measure (all 预算数, then all 决算数)."""
    count = len(items)
    if not count or len(measures) != 2 * count:
        return None
    pair = measures[:2]
    if pair[0] != pair[1] and measures == pair * count:
        return [(items[j // 2], measures[j]) for j in range(len(measures))]
    if measures == [measures[0]] * count + [measures[-1]] * count and measures[0] != measures[-1]:
        return [(items[j % count], measures[j]) for j in range(len(measures))]
    return None


def _settled(slots: list[tuple[str, str]], amounts: list[float]) -> dict[int, int]:
    """amount index -> column, for the amounts every placement that keeps the table's sums puts in one column."""
    places: list[set[int]] = [set() for _ in amounts]
    for placement in combinations(range(len(slots)), len(amounts)):
        if _sums_hold(slots, dict(zip(placement, amounts, strict=True))):
            for index, slot in enumerate(placement):
                places[index].add(slot)
    return {index: next(iter(found)) for index, found in enumerate(places) if len(found) == 1}


def _sums_hold(slots: list[tuple[str, str]], placed: dict[int, float]) -> bool:
    """Whether amounts placed in columns keep the 三公 table's sums for every measure: a whole (合计, or a group such as
    公务用车购置及运行费) equals its parts that the table has columns for; an empty column is nothing."""
    value = {slot: placed.get(col, 0.0) for col, slot in enumerate(slots)}
    present = {key for key, _ in slots}
    for measure in {m for _, m in slots}:
        for whole, parts in THREE_PUBLIC_PARTS.items():
            if whole not in present:
                continue
            nested = {p for other in parts if other in present and other in THREE_PUBLIC_PARTS for p in THREE_PUBLIC_PARTS[other]}
            direct = [p for p in parts if p in present and p not in nested]
            if direct and abs(value[(whole, measure)] - sum(value[(p, measure)] for p in direct)) > _SUM_TOLERANCE:
                return False
    return True


def _three_public_by_columns(context: _Context, table: Table) -> Iterator[Candidate]:
    """A 三公 table with the items as its rows (合计, 因公出国（境）费, …) and one column per measure, named by its
    header words (本年决算数, 预算数, 增减金额, 增减幅度; 上年决算数 is last year's, no figure of the report)."""
    item_rows = [(row, key) for row in table.rows if (key := _row_item(row)) is not None]
    if len(item_rows) < 2:
        return
    first = item_rows[0][0].index
    header_rows: list[Row] = []
    for row in reversed(table.rows[:first]):
        if len(row.filled()) < 2 or any(_amount_like(cell.text) for cell in row.filled()):
            break  # a title, the unit line or the 行次 row: the header is above it, or there is none
        header_rows.insert(0, row)
    measures = _measure_columns(table, header_rows)
    if not measures:
        return
    seen: set[tuple[str, str]] = set()
    for row, key in item_rows:
        for col, measure in measures.items():
            if col >= len(row.cells) or (key, measure) in seen:
                continue
            found = _cell_figure(context, key, measure, row.cells[col].text, row, rule="table_columns")
            if found is not None:
                seen.add((key, measure))
                yield found


def _cell_figure(context: _Context, key: str, measure: str, text: str, row: Row, rule: str) -> Candidate | None:
    """The figure a cell states; for a cell of two amounts run together, its first amount flagged `glued_number`
    (a reading for the reviewer, never one number made of both)."""
    value = number(text)
    if value is not None:
        return _figure(context, key, measure, value, row, rule=rule)
    squeezed = _SPACES.sub("", text)
    first = _FIRST_AMOUNT.match(squeezed) if _GLUED.match(squeezed) else None
    if first is None:
        return None
    candidate = _figure(context, key, measure, float(first.group()), row, rule=rule)
    candidate.flags.append("glued_number")
    return candidate


def _amount_like(text: str) -> bool:
    return number(text) is not None or _GLUED.match(_SPACES.sub("", text)) is not None


def _row_item(row: Row) -> str | None:
    """The 三公 item a row's label names when amounts follow it."""
    filled = row.filled()
    if len(filled) < 2 or number(filled[0].text) is not None:
        return None
    if not any(_amount_like(cell.text) for cell in filled[1:]):
        return None
    return _item_key(_SPACES.sub("", _clean(filled[0].text)))


def _measure_columns(table: Table, header_rows: list[Row]) -> dict[int, str]:
    """column -> measure from the header's words (`_column_names`)."""
    if not header_rows:
        return {}
    names = _column_names(header_rows)
    found: dict[int, str] = {}
    years: dict[int, int] = {}
    for col, name in enumerate(names):
        label = _SPACES.sub("", name).replace("、", "")
        measure = _row_measure(label) if label and col > 0 else None
        if measure is None and col > 0 and YEAR_ONLY_COLUMN.match(label):
            measure = "actual"  # a year's column: the latest year's amounts are the actual, an earlier year's no figure
        if measure is None:
            continue
        if not measure.startswith("yoy") and THREE_PUBLIC_PRIOR_ROW.search(label):
            continue  # last year's amounts
        if measure.startswith("yoy") and BUDGET_WORD in label:
            continue  # a comparison with the budget
        found[col] = measure
        stated = THREE_PUBLIC_ROW_YEAR.search(label)
        if stated and not measure.startswith("yoy"):
            years[col] = int(stated.group(1))
    latest = max(years.values(), default=None)
    return {col: m for col, m in found.items() if col not in years or years[col] == latest}


def _column_names(header_rows: list[Row]) -> list[str]:
    """Each column's name in the header; a lower header row written without the spans (its cells from the left)
    fills the slots of the upper row's group cells (比上年增减情况 over 增减金额 | 增减幅度) in order."""
    names = [cell.content for cell in header_rows[0].cells]
    if len(header_rows) > 1:
        groups = [col for col, cell in enumerate(header_rows[0].cells) if cell.text and _span_of(header_rows[0], col) > 1]
        slots = [c for col in groups for c in range(col, col + _span_of(header_rows[0], col))]
        lower = [cell.text for cell in header_rows[1].filled()]
        if len(lower) == len(slots):
            for col, text in zip(slots, lower, strict=True):
                names[col] = text
        else:
            names = [low.content or up for low, up in zip(header_rows[1].cells, names, strict=False)]
    return names


def _span_of(row: Row, col: int) -> int:
    """How many slots a cell of a header row stands over: itself and the empty slots after it."""
    span = 1
    while col + span < len(row.cells) and not row.cells[col + span].content:
        span += 1
    return span


def _names_three_public_items(table: Table) -> bool:
    """Whether a row above the table's first amounts names at least `THREE_PUBLIC_MIN_ITEMS` of the 三公 items."""
    for row in table.rows:
        if sum(1 for cell in row.cells if number(cell.text) is not None) >= 2:
            return False
        keys = {_item_key(_SPACES.sub("", cell.content)) for cell in row.cells if cell.content}
        if len(keys - {None}) >= THREE_PUBLIC_MIN_ITEMS:
            return True
    return False


def _row_measure(label: str) -> str | None:
    return next((measure for pattern, measure in _ROW_MEASURES if pattern.search(label)), None)


def _three_public_by_rows(context: _Context, table: Table) -> Iterator[Candidate]:
    """A 三公 table with the items as columns and one row per measure ("2031年度预算数", "决算对比", "增减%")."""
    rows = []  # (row, label column, measure, year) of the rows that a label names the measure of
    for row in table.rows:
        filled = [(col, cell.text) for col, cell in enumerate(row.cells) if cell.text]
        if not filled or number(filled[0][1]) is not None or _clean(filled[0][1]) in ROW_NUMBER_HEAD:
            continue
        label = _SPACES.sub("", filled[0][1])
        measure = _row_measure(label)
        if measure is None or sum(1 for _, text in filled[1:] if number(text) is not None) < 2:
            continue
        changes = measure.startswith("yoy")
        if THREE_PUBLIC_PRIOR_ROW.search(label) or (changes and BUDGET_WORD in label):
            continue  # last year's amounts; a comparison with the budget
        stated = THREE_PUBLIC_ROW_YEAR.search(label)
        rows.append((row, filled[0][0], measure, int(stated.group(1)) if stated and not changes else None))
    if not rows:
        return
    latest = max((year for *_, year in rows if year is not None), default=None)
    first = table.rows.index(rows[0][0])
    header_rows = [row for row in table.rows[:first] if not any(number(c.text) is not None for c in row.cells)]
    label_column = rows[0][1]
    for row, _, measure, year in rows:
        if year is not None and year != latest:
            continue  # an earlier year's row
        for col, cell in enumerate(row.cells):
            value = number(cell.text) if col > label_column else None
            names = [_SPACES.sub("", r.cells[col].content) for r in header_rows if col < len(r.cells)]
            key = _three_public_key(table, header_rows, col, names) if value is not None else None
            if key is not None and value is not None:
                yield _figure(context, key, measure, value, row, rule="table_rows")


def _twelve_amounts(row: Row) -> bool:
    parsed = [number(cell.text) for cell in row.cells if cell.text]
    values = [v for v in parsed if v is not None]
    return len(values) == 12 == len(parsed) and not all(v.is_integer() and v <= 12 for v in values)


def _three_public_columns(table: Table, header_rows: list[Row]) -> dict[int, tuple[str, str]]:
    """column -> (key, measure): the measure from the top row's group (预算数 / 决算数, a merged cell's empty slots
    taking the group to their left), the key from the lowest row that names the column; 小计 under a group is
    that group's total."""
    if len(header_rows) < 2:
        return {}
    measures: list[str | None] = []
    carried: str | None = None
    for cell in header_rows[0].cells:
        text = re.sub(r"\s+", "", cell.content)
        found = next((measure for word, measure in THREE_PUBLIC_MEASURES if word in text), None)
        carried = found or (carried if not text else None)
        measures.append(carried)
    columns: dict[int, tuple[str, str]] = {}
    for col in range(table.width):
        names = [re.sub(r"\s+", "", row.cells[col].content) for row in header_rows[1:] if col < len(row.cells)]
        key = _three_public_key(table, header_rows[1:], col, names)
        measure = measures[col] if col < len(measures) else None
        if key and measure:
            columns[col] = (key, measure)
    return columns


def _three_public_key(table: Table, rows: list[Row], col: int, names: list[str]) -> str | None:
    for depth in range(len(names) - 1, -1, -1):
        name = names[depth]
        if not name:
            continue
        if depth == 0:
            return _item_key(name)
        above = next((re.sub(r"\s+", "", rows[depth - 1].cells[c].content) for c in range(col, -1, -1)
                      if c < len(rows[depth - 1].cells) and rows[depth - 1].cells[c].content), "")  # fmt: skip
        parent = _item_key(above)
        if name in SUBTOTAL_WORDS:
            return parent
        key = _item_key(name)
        if parent is not None and name != above and key not in THREE_PUBLIC_PARTS.get(parent, ()):
            return None  # "行政运行" under 公务接待费: a part the catalog has no key for
        return key
    return None


def _item_key(name: str) -> str | None:
    return next((key for key, words in THREE_PUBLIC_ITEMS if any(word in name for word in words)), None)


def _items_by_columns(context: _Context, table: Table) -> Iterator[Candidate]:
    """A table of catalog figures as its rows (总收入, 财政拨款收入, 其他收入, 总支出 …, a unit's or a hospital's comparison
    with last year) and one column per measure named by its header words, as a 三公 table's items by columns:
    本期 / 本年决算数 the actual, 增加额 / 增减值 the change, 增长率 / 增减% its percent; 上年同期 and an earlier year's column
    are last year's (no figure). A row counts only where its label cell is one catalog label and nothing more."""
    item_rows = [(row, keys) for row in table.rows if (keys := _catalog_row(row))]
    if len(item_rows) < 2:
        return
    first = next(row.index for row in table.rows if any(_amount_like(c.text) for c in row.filled()[1:]))
    header_rows: list[Row] = []
    for row in reversed(table.rows[:first]):
        if len(row.filled()) < 2 or any(_amount_like(cell.text) for cell in row.filled()):
            break
        header_rows.insert(0, row)
    measures = _measure_columns(table, header_rows)
    if len(measures) < 2:
        return  # one measure column is a year-columns or an account table's business
    named = {col for col, name in enumerate(_column_names(header_rows)) if name}
    for row, keys in item_rows:
        if any(_amount_like(cell.text) and cell.col not in named for cell in row.filled()[1:]):
            continue  # an amount under no column's head: the row's cells do not stand where the header's do
        for col, measure in measures.items():
            found = _cell_figure(context, keys[0], measure, row.cells[col].text, row, "table_items") if col < len(row.cells) else None
            if found is not None:
                yield found


def _catalog_row(row: Row) -> tuple[str, ...]:
    """The catalog keys a row's label cell names, the whole cell a label (its numbering and 其中 aside), when amounts
    follow it."""
    filled = row.filled()
    if len(filled) < 2 or number(filled[0].text) is not None or not any(_amount_like(c.text) for c in filled[1:]):
        return ()
    label = _clean(filled[0].text)
    matches = find_labels(label)
    if len(matches) != 1 or matches[0].end - matches[0].start != len(label):
        return ()
    return matches[0].keys


# ---- tables of year columns ------------------------------------------------------------------------------


def _year_columns(context: _Context, table: Table, measures: list[str | None]) -> Iterator[Candidate]:
    """Rows under a header of year columns: a row whose label cell is a catalog label (nothing more) and whose
    value cells (numbers or dashes) are as many as the header's columns. `measures` is the header's reading,
    updated in place, so the table's next piece under the same heading reads on under it."""
    for row in table.rows:
        cells = [cell.text for cell in row.cells]
        years = [(int(m.group(1)), m.group(2)) for c in cells if (m := YEAR_COLUMN.search(c))]
        if len(years) >= 2:
            latest = max(year for year, _ in years)
            measures[:] = [YEAR_COLUMN_MEASURES[word] if year == latest else None for year, word in years]
            continue
        filled = [c for c in cells if c]
        if not measures or not filled:
            continue
        label = _clean(filled[0])
        matches = find_labels(label)
        values = filled[1:]
        if len(matches) != 1 or matches[0].end - matches[0].start != len(label) or len(values) != len(measures):
            continue
        if not all(number(c) is not None or _DASH.match(c) for c in values):
            continue
        for measure, cell in zip(measures, values, strict=True):
            value = number(cell)
            if measure and value is not None:
                yield _figure(context, matches[0].keys[0], measure, value, row, rule="table_years", specificity=0.8)
