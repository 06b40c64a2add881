"""Rules for figures in the standard final-accounts tables (公开01表 … 公开09表), tab-separated.

In: table chunks outside project reports. Out: figure candidates. Two table shapes recur:
- label/amount pairs across the row (收入支出决算总表): each catalog label takes the last number
  before the next label;
- column tables (收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表): header cells name the
  columns; the 合计 row gives the totals, rows with a 3-digit functional code give the class (类) and
  rows with a 7-digit code the item (项).
The 三公 table has the standard 6 + 6 layout (budget, then actual).
Any other table whose header names year columns ("2022 年决算数 | 2023 年预算数 | 2023 年决算数", the basic-data
tables of 整体支出绩效评价) gives, for each row labeled with a catalog label, the latest year's 预算数 (budget) and
决算数 (actual); earlier years' columns are not this report's figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extractor.chunk import Chunk
from extractor.extract.base import Candidate
from extractor.extract.evidence import evidence_for
from extractor.extract.rules.indicator_cells import number
from extractor.extract.rules.labels import find_labels
from extractor.normalize import Normalized
from schemas import Figure

_PREFIX = re.compile(r"^[一二三四五六七八九十]+、\s*|[*\s]")
# Row labels of the summary table, left (revenue) side and right (expenditure) side.
_PAIR_LABELS: dict[str, str] = {
    "一般公共预算财政拨款收入": "revenue_gpb",
    "财政拨款收入": "revenue_fiscal",
    "事业收入": "revenue_business",
    "其他收入": "revenue_other",
    "本年收入合计": "revenue_current_year",
    "本年支出合计": "expenditure_current_year",
    "年初结转和结余": "carryover_begin",
    "年末结转和结余": "carryover_end",
}
_COLUMN_LABELS: dict[str, str] = {
    "本年收入合计": "revenue_current_year",
    "财政拨款收入": "revenue_fiscal",
    "事业收入": "revenue_business",
    "其他收入": "revenue_other",
    "本年支出合计": "expenditure_current_year",
    "基本支出": "expenditure_basic",
    "项目支出": "expenditure_project",
}
_GPB_COLUMNS = {"小计": "gpb_expenditure", "合计": "gpb_expenditure", "基本支出": "gpb_basic_expenditure"}
_THREE_PUBLIC = ("three_public_total", "outbound_travel", "vehicle_total", "vehicle_purchase", "vehicle_operation",
                 "official_reception")  # fmt: skip


def table_candidates(doc: Normalized, chunks: list[Chunk]) -> Iterator[Candidate]:
    year_headers: dict[tuple[str, ...], list[str | None]] = {}  # a table cut by one-cell rows keeps its header
    for chunk in chunks:
        if chunk.kind != "table" or chunk.project is not None:
            continue
        title = " ".join(chunk.trail[-1:])
        rows = _rows(chunk)
        if "三公" in title:
            yield from _three_public(doc, rows, chunk.id)
        elif "收入支出决算总表" in title and "财政拨款" not in title:
            yield from _pairs(doc, rows, chunk.id)
        elif "财政拨款收入支出决算总表" in title:
            yield from _fiscal_total(doc, rows, chunk.id)
        elif "一般公共预算财政拨款支出决算表" in title:
            yield from _columns(doc, rows, chunk.id, _GPB_COLUMNS, functional=True)
        elif re.search(r"(?<!财政拨款)(?:收入|支出)决算表", title):
            yield from _columns(doc, rows, chunk.id, _COLUMN_LABELS, functional=False)
        elif "基本支出决算明细表" in title:
            yield from _basic_detail(doc, rows, chunk.id)
        else:
            yield from _year_columns(doc, rows, chunk.id, year_headers.setdefault(chunk.trail, []))


def _rows(chunk: Chunk) -> list[tuple[int, int, list[str]]]:
    rows, at = [], chunk.start
    for line in chunk.text.split("\n"):
        rows.append((at, at + len(line), [c.strip() for c in line.split("\t")]))
        at += len(line) + 1
    return rows


def _figure(doc: Normalized, key: str, measure: str, value: float, start: int, end: int, chunk_id: int,
            subject: str | None = None) -> Candidate:  # fmt: skip
    figure = Figure(key=key, measure=measure, subject=subject, value=value, unit="万元", evidence=evidence_for(doc, start, end))  # type: ignore[arg-type]
    return Candidate(item=figure, source="rules", rule="table", specificity=0.85, chunk_id=chunk_id)


def _clean(cell: str) -> str:
    return _PREFIX.sub("", cell)


def _pairs(doc: Normalized, rows: list[tuple[int, int, list[str]]], chunk_id: int) -> Iterator[Candidate]:
    for start, end, cells in rows:
        totals_seen = 0
        for i, cell in enumerate(cells):
            label = _clean(cell)
            key = _PAIR_LABELS.get(label)
            if label == "总计":
                key = "grand_total_revenue" if totals_seen == 0 else "grand_total_expenditure"
                totals_seen += 1
            if key is None:
                continue
            value = _amount_after(cells, i)
            if value is not None:
                yield _figure(doc, key, "actual", value, start, end, chunk_id)


def _amount_after(cells: list[str], i: int) -> float | None:
    """The last number between label i and the next non-numeric cell."""
    value = None
    for cell in cells[i + 1 :]:
        if not cell:
            continue
        parsed = number(cell)
        if parsed is None:
            break
        value = parsed
    return value


def _fiscal_total(doc: Normalized, rows: list[tuple[int, int, list[str]]], chunk_id: int) -> Iterator[Candidate]:
    for start, end, cells in rows:
        if cells and _clean(cells[0]) == "总计":
            value = _amount_after(cells, 0)
            if value is not None:
                yield _figure(doc, "fiscal_grand_total", "actual", value, start, end, chunk_id)
                return


def _columns(doc: Normalized, rows: list[tuple[int, int, list[str]]], chunk_id: int, labels: dict[str, str],
             functional: bool) -> Iterator[Candidate]:  # fmt: skip
    header: list[str] = []
    for start, end, cells in rows:
        names = [_clean(c) for c in cells if c and number(c) is None]
        numbers = [number(c) for c in cells if c and number(c) is not None]
        if not numbers:
            known = [n for n in names if n in labels or n in ("小计", "合计")]
            if known and not header:
                header = [n for n in names if n not in ("项目", "科目代码", "科目名称", "栏次")]
            continue
        first = cells[0] if cells else ""
        if _clean(first) in ("合计", "总计") and header:
            for column, value in zip(header, numbers, strict=False):
                key = labels.get(column)
                if key:
                    yield _figure(doc, key, "actual", value, start, end, chunk_id)  # type: ignore[arg-type]
        elif functional and re.fullmatch(r"\d{3}|\d{7}", first) and len(cells) > 2 and numbers:
            key = "function_class_expenditure" if len(first) == 3 else "function_item_expenditure"
            amounts = [number(c) for c in cells[2:] if c and number(c) is not None]
            if amounts:
                yield _figure(doc, key, "actual", amounts[0], start, end, chunk_id, subject=_clean(cells[1]))  # type: ignore[arg-type]


def _basic_detail(doc: Normalized, rows: list[tuple[int, int, list[str]]], chunk_id: int) -> Iterator[Candidate]:
    for start, end, cells in rows:
        for i, cell in enumerate(cells):
            key = {"人员经费合计": "personnel_expenses", "公用经费合计": "public_expenses"}.get(_clean(cell))
            if key:
                value = _amount_after(cells, i)
                if value is not None:
                    yield _figure(doc, key, "actual", value, start, end, chunk_id)


_YEAR_COLUMN = re.compile(r"(\d{4})\s*年度?\s*(预算数|决算数|年初预算|执行数)")
_YEAR_MEASURES = {"预算数": "budget", "年初预算": "budget", "决算数": "actual", "执行数": "actual"}
_ROW_PREFIX = re.compile(r"^(?:\d+[、.．]|[一二三四五六七八九十]+、|其中[:：])\s*")
_DASH = re.compile(r"^[-—–/]+$")


def _year_columns(doc: Normalized, rows: list[tuple[int, int, list[str]]], chunk_id: int,
                  measures: list[str | None]) -> Iterator[Candidate]:  # fmt: skip
    """Rows under a header of year columns: a row whose label cell is a catalog label (nothing more) and whose
    value cells (numbers or dashes) are as many as the header's columns. `measures` is the header's reading,
    updated in place, so the table's next piece under the same heading reads on under it."""
    for start, end, cells in rows:
        years = [(int(m.group(1)), m.group(2)) for c in cells if (m := _YEAR_COLUMN.search(c))]
        if len(years) >= 2:
            latest = max(year for year, _ in years)
            measures[:] = [_YEAR_MEASURES[word] if year == latest else None for year, word in years]
            continue
        if not measures or not cells:
            continue
        label = _ROW_PREFIX.sub("", _clean(cells[0])).strip("“”\"")
        matches = find_labels(label)
        values = [c for c in cells[1:] if c]
        if len(matches) != 1 or matches[0].end - matches[0].start != len(label) or len(values) != len(measures):
            continue
        if not all(number(c) is not None or _DASH.match(c) for c in values):
            continue
        for measure, cell in zip(measures, values, strict=True):
            value = number(cell)
            if measure and value is not None:
                yield Candidate(item=Figure(key=matches[0].keys[0], measure=measure, value=value, unit="万元",  # type: ignore[arg-type]
                                            evidence=evidence_for(doc, start, end)),
                                source="rules", rule="table_years", specificity=0.8, chunk_id=chunk_id)


def _three_public(doc: Normalized, rows: list[tuple[int, int, list[str]]], chunk_id: int) -> Iterator[Candidate]:
    for start, end, cells in rows:
        parsed = [number(c) for c in cells if c]
        values = [v for v in parsed if v is not None]
        if len(values) == 12 == len(parsed) and not all(v.is_integer() and v <= 12 for v in values):
            for k, key in enumerate(_THREE_PUBLIC):
                yield _figure(doc, key, "budget", values[k], start, end, chunk_id)
                yield _figure(doc, key, "actual", values[6 + k], start, end, chunk_id)
            return
