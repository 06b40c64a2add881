"""Final-accounts figures (部门决算) as the report states them: the standard tables or the template's sentences.

In: a record's figures (the first scope's), and whether to write sentences or tables. Out: `Accounts`: the
blocks of the report (heading lines, paragraphs and `Grid`s) and the figures they state, each with the pieces
of text its evidence quote is found by (resolved against the rendered text by `eval.zoo.quotes`).

Tables: the 收入支出决算总表 (revenue rows with their line numbers on the left, expenditure by functional class on
the right, the totals, carry-overs and grand totals) and the 一般公共预算财政拨款支出决算表 (the total row, class
rows with 3-digit codes, 款 rows, 项 rows with 7-digit codes; codes written `2010601` or `201 06 01`; basic and
project columns). Items whose 项 name is not in `labels.FUNCTIONS` cannot be placed in the table and are left out.
Sentences: the national template's explanation (收入支出决算总体情况, 收入/支出决算, 财政拨款, 一般公共预算财政拨款支出
总体/结构/具体情况 with "X（类）Y（款）Z（项）" item lines, 基本支出, 三公, 机关运行经费, 政府采购 with 中小企业, 国有资产 and
绩效 counts); a figure no sentence of the template carries is left out.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from eval.zoo import labels as L
from eval.zoo.forms import money_text
from eval.zoo.grid import Cell, Grid
from eval.zoo.quotes import pieces_quote
from schemas import Figure, Record

CODE_STYLES: tuple[str, ...] = ("joined", "spaced")
_Slot = tuple[str, str, str | None]


@dataclass
class Accounts:
    blocks: list[str | Grid] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


class _Figures:
    """The record's figures by slot; `take` hands one out and keeps it as stated."""

    def __init__(self, record: Record) -> None:
        scopes = [f.scope for f in record.figures]
        scope = scopes[0] if scopes else None
        self.by_slot: dict[_Slot, Figure] = {}
        for f in record.figures:
            if f.scope == scope and (f.unit in ("万元", "%") or f.measure == "count"):
                self.by_slot.setdefault((f.key, f.measure, f.subject), f)
        self.stated: list[Figure] = []
        self._seen: set[_Slot] = set()

    def value(self, key: str, measure: str = "actual", subject: str | None = None) -> float | None:
        f = self.by_slot.get((key, measure, subject))
        return f.value if f is not None else None

    def subjects(self, key: str, measure: str = "actual") -> list[str]:
        return [s for (k, m, s) in self.by_slot if k == key and m == measure and s is not None]

    def state(self, key: str, measure: str, value: float, *pieces: str, subject: str | None = None,
              unit: str = "万元") -> None:  # fmt: skip
        """Keep a figure the text states (once per slot), its quote found by `pieces`."""
        slot = (key, measure, subject)
        if slot in self._seen:
            return
        self._seen.add(slot)
        self.stated.append(Figure(key=key, measure=measure, subject=subject, value=value, unit=unit,  # type: ignore[arg-type]
                                  evidence=pieces_quote(*pieces)))  # fmt: skip


def accounts_blocks(record: Record, statements: bool, rng: random.Random, wrap: bool = False) -> Accounts:
    figures = _Figures(record)
    if not figures.by_slot:
        return Accounts()
    unit, year = record.meta.unit or "", record.meta.fiscal_year or 2023
    blocks: list[str | Grid]
    if statements:
        from eval.zoo.statements import statement_blocks

        blocks = list(statement_blocks(figures, unit, year, rng, wrap))
    else:
        blocks = [L.REPORT_TITLE.format(unit=unit, year=year), L.PART_TABLES.format(year=year)]
        summary = _summary(figures)
        if summary is not None:
            blocks.append(summary)
        gpb = _gpb(figures, rng.choice(CODE_STYLES), rng)
        if gpb is not None:
            blocks.append(gpb)
    return Accounts(blocks=[b for b in blocks if b], figures=figures.stated)


# ---- 收入支出决算总表 ---------------------------------------------------------------------------------------
def _summary(figures: _Figures) -> Grid | None:
    left: list[tuple[str, str, str | None]] = []  # (label, line number, key)
    for n, (label, key) in enumerate(L.SUMMARY_REVENUE, start=1):
        left.append((label, str(n), key))
    classes = _classes(figures)
    right = [(f"{L.CHINESE_ORDINALS[i] if i < 10 else i + 1}、{name}", str(32 + i), name)
             for i, (_, name) in enumerate(classes)]  # fmt: skip
    height = max(len(left), len(right))
    grid = Grid(title=f"{L.SUMMARY_TITLE}\n{L.MONEY_NOTE}")
    grid.add(Cell(L.SUMMARY_SIDES[0], colspan=3, header=True), Cell(L.SUMMARY_SIDES[1], colspan=3, header=True))
    grid.add(*(Cell(h, header=True) for h in L.SUMMARY_HEADER * 2))
    stated_any = False
    for i in range(height):
        cells: list[Cell] = []
        if i < len(left):
            label, line, key = left[i]
            value = figures.value(key) if key else None
            if key and value is not None:
                figures.state(key, "actual", value, label, money_text(value))
                stated_any = True
            cells += [Cell(label, header=True), Cell(line), Cell(money_text(value))]
        else:
            cells += [Cell(""), Cell(""), Cell("")]
        if i < len(right):
            label, line, name = right[i]
            cells += [Cell(label, header=True), Cell(line), Cell(money_text(figures.value("function_class_expenditure", subject=name)))]
        else:
            cells += [Cell(""), Cell(""), Cell("")]
        grid.rows.append(cells)
    for (left_label, left_key), (right_label, right_key) in (
        ((L.SUMMARY_REVENUE_TOTAL, "revenue_current_year"), (L.SUMMARY_EXPENDITURE_TOTAL, "expenditure_current_year")),
        ((L.SUMMARY_CARRY_BEGIN, "carryover_begin"), (L.SUMMARY_CARRY_END, "carryover_end")),
        ((L.SUMMARY_GRAND, "grand_total_revenue"), (L.SUMMARY_GRAND, "grand_total_expenditure")),
    ):
        lv, rv = figures.value(left_key), figures.value(right_key)
        if lv is not None:
            figures.state(left_key, "actual", lv, left_label, money_text(lv))
        if rv is not None:
            figures.state(right_key, "actual", rv, right_label, money_text(rv))
        stated_any = stated_any or lv is not None or rv is not None
        grid.add(Cell(left_label, header=True), Cell(""), Cell(money_text(lv)),
                 Cell(right_label, header=True), Cell(""), Cell(money_text(rv)))  # fmt: skip
    return grid if stated_any else None


# ---- 一般公共预算财政拨款支出决算表 ------------------------------------------------------------------------------
def _classes(figures: _Figures) -> list[tuple[str, str]]:
    """(code, name) of each class the record states, by code; a class not in the classification gets a code
    of its own after the known ones."""
    known = {name: code for code, (name, _) in L.FUNCTIONS.items()}
    out, spare = [], 290
    for name in figures.subjects("function_class_expenditure"):
        code = known.get(name)
        if code is None:
            code, spare = str(spare), spare + 1
        out.append((code, name))
    return sorted(out)


_Item = tuple[str, str, str, str, float]  # 款 code, 款 name, 项 code, 项 name, amount


def _place_items(classes: list[tuple[str, str]], figures: _Figures) -> dict[str, list[_Item]]:
    """The record's items under the classes' 款, each item once (the first class whose 款 hold its name)."""
    wanted = set(figures.subjects("function_item_expenditure"))
    out: dict[str, list[_Item]] = {}
    for class_code, _ in classes:
        out[class_code] = []
        for section_code, (section_name, items) in L.FUNCTIONS.get(class_code, ("", {}))[1].items():
            for item_code, item_name in items.items():
                value = figures.value("function_item_expenditure", subject=item_name)
                if item_name in wanted and value is not None:
                    out[class_code].append((section_code, section_name, item_code, item_name, value))
                    wanted.discard(item_name)
    return out


def _code(code: str, style: str) -> str:
    if style == "joined" or len(code) == 3:
        return code
    return " ".join(code[i:j] for i, j in ((0, 3), (3, 5), (5, 7)) if code[i:j])


def _split(value: float, rng: random.Random) -> tuple[str, str]:
    """Basic and project parts of a row's amount (not figures of the record: any split the row adds up to)."""
    share = rng.choice((0.0, 0.35, 1.0))
    basic = round(value * share, 2)
    return money_text(basic), money_text(round(value - basic, 2))


def _gpb(figures: _Figures, style: str, rng: random.Random) -> Grid | None:
    classes = _classes(figures)
    total = figures.value("gpb_expenditure")
    if not classes and total is None:
        return None
    grid = Grid(title=f"{L.GPB_TITLE}\n{L.MONEY_NOTE}")
    grid.add(Cell(L.GPB_HEADER_TOP[0], header=True), Cell(L.GPB_HEADER_TOP[1], rowspan=2, header=True),
             Cell(L.GPB_HEADER_TOP[2], colspan=3, header=True))  # fmt: skip
    grid.add(Cell("".join(L.GPB_HEADER_CODES) if style == "joined" else " ".join(L.GPB_HEADER_CODES), header=True),
             *(Cell(h, header=True) for h in L.GPB_HEADER_COLUMNS))  # fmt: skip
    if total is not None:
        basic = figures.value("gpb_basic_expenditure")
        basic = basic if basic is not None else round(total * 0.4, 2)
        figures.state("gpb_expenditure", "actual", total, L.GPB_TOTAL, money_text(total))
        figures.state("gpb_basic_expenditure", "actual", basic, L.GPB_TOTAL, money_text(total), money_text(basic))
        grid.add(Cell(""), Cell(L.GPB_TOTAL, header=True), Cell(money_text(total)), Cell(money_text(basic)),
                 Cell(money_text(round(total - basic, 2))))  # fmt: skip
    placed = _place_items(classes, figures)
    for code, name in classes:
        value = figures.value("function_class_expenditure", subject=name)
        assert value is not None
        figures.state("function_class_expenditure", "actual", value, code, name, money_text(value), subject=name)
        grid.add(Cell(code), Cell(name), Cell(money_text(value)), *map(Cell, _split(value, rng)))
        section = None
        for section_code, section_name, item_code, item_name, amount in placed[code]:
            if section_code != section:
                section = section_code
                subtotal = round(sum(a for s, _, _, _, a in placed[code] if s == section_code), 2)
                grid.add(Cell(_code(section_code, style)), Cell(section_name), Cell(money_text(subtotal)),
                         *map(Cell, _split(subtotal, rng)))  # fmt: skip
            figures.state("function_item_expenditure", "actual", amount, _code(item_code, style), item_name,
                          money_text(amount), subject=item_name)  # fmt: skip
            grid.add(Cell(_code(item_code, style)), Cell(item_name), Cell(money_text(amount)), *map(Cell, _split(amount, rng)))
    return grid
