"""The final-accounts explanation (情况说明) in the national template's sentences, from a record's figures.

In: the record's figures by slot (`accounts._Figures`), the unit, the year, a random source (which regional
variant a sentence takes: 财政补助收入 for 财政拨款收入, "X（类）支出" or "X支出" in the class list), and whether to
hard-wrap paragraphs as PDF text does. Out: heading lines and paragraphs; every figure a sentence writes is
kept as stated (`_Figures.state`) with the clause it stands in as its quote.
"""

from __future__ import annotations

import random

from eval.zoo import labels as L
from eval.zoo.forms import money_text, number_text

_WRAP = 38  # characters per line of a hard-wrapped paragraph


def statement_blocks(figures: object, unit: str, year: int, rng: random.Random, wrap: bool) -> list[str]:
    from eval.zoo.accounts import _Figures

    assert isinstance(figures, _Figures)
    writer = _Writer(figures, year, rng)
    blocks = [L.REPORT_TITLE.format(unit=unit, year=year), L.PART_STATEMENTS.format(year=year)]
    for heading, paragraphs in (
        (L.S_HEAD_TOTALS, [writer.totals()]),
        (L.S_HEAD_REVENUE, [writer.parts("revenue_current_year", L.S_REVENUE, _revenue_labels(rng))]),
        (L.S_HEAD_EXPENDITURE, [writer.parts("expenditure_current_year", L.S_EXPENDITURE, L.S_EXPENDITURE_LABELS)]),
        (L.S_HEAD_FISCAL, [writer.fiscal()]),
        (L.S_HEAD_GPB, [L.S_SUB_GPB_TOTAL, writer.gpb(), L.S_SUB_GPB_STRUCTURE, writer.structure(),
                        L.S_SUB_GPB_ITEMS, *writer.items()]),
        (L.S_HEAD_BASIC, [writer.parts("gpb_basic_expenditure", L.S_BASIC, L.S_BASIC_PARTS)]),
        (L.S_HEAD_THREE, [writer.three_public()]),
        (L.S_HEAD_OTHER, [L.S_SUB_ADMIN, writer.admin(), L.S_SUB_PROCUREMENT, writer.procurement(),
                          L.S_SUB_ASSETS, writer.assets(), L.S_SUB_PERFORMANCE, writer.performance()]),
    ):  # fmt: skip
        if any(p and p not in _SUBHEADINGS for p in paragraphs):
            blocks.append(heading)
            blocks += [_wrapped(p) if wrap else p for p in paragraphs if p]
    return blocks


_SUBHEADINGS = {L.S_SUB_GPB_TOTAL, L.S_SUB_GPB_STRUCTURE, L.S_SUB_GPB_ITEMS, L.S_SUB_ADMIN, L.S_SUB_PROCUREMENT,
                L.S_SUB_ASSETS, L.S_SUB_PERFORMANCE}  # fmt: skip


def _revenue_labels(rng: random.Random) -> dict[str, str]:
    return rng.choice((L.S_REVENUE_LABELS, L.S_REVENUE_LABELS_OLD))


def _wrapped(paragraph: str) -> str:
    if paragraph in _SUBHEADINGS:
        return paragraph
    return "\n".join(paragraph[i : i + _WRAP] for i in range(0, len(paragraph), _WRAP))


def _pct(value: float) -> str:
    return number_text(round(abs(value), 2))


class _Writer:
    def __init__(self, figures: object, year: int, rng: random.Random) -> None:
        from eval.zoo.accounts import _Figures

        assert isinstance(figures, _Figures)
        self.f, self.year, self.last, self.rng = figures, year, year - 1, rng

    def _change(self, template: str, key: str, *also: str) -> str:
        """The year-on-year sentence of `key` (and of the keys in `also`, which the same words state)."""
        delta, pct = self.f.value(key, "yoy_delta"), self.f.value(key, "yoy_pct")
        if delta is None or pct is None or (delta < 0) != (pct < 0):
            return ""
        text = template.format(last=self.last, up=L.UP if delta >= 0 else L.DOWN, delta=money_text(abs(delta)),
                               rise=L.RISE if pct >= 0 else L.FALL, pct=_pct(pct))  # fmt: skip
        for k in (key, *also):
            self.f.state(k, "yoy_delta", delta, text)
            self.f.state(k, "yoy_pct", pct, text, unit="%")
        return text

    def totals(self) -> str:
        revenue, spent = self.f.value("grand_total_revenue"), self.f.value("grand_total_expenditure")
        if revenue is None or spent is None:
            return ""
        if abs(revenue - spent) < 0.005:
            text = L.S_TOTALS_EQUAL.format(year=self.year, value=money_text(revenue))
        else:
            text = L.S_TOTALS_APART.format(year=self.year, revenue=money_text(revenue), expenditure=money_text(spent))
        self.f.state("grand_total_revenue", "actual", revenue, text)
        self.f.state("grand_total_expenditure", "actual", spent, text)
        same = self.f.value("grand_total_revenue", "yoy_delta") == self.f.value("grand_total_expenditure", "yoy_delta")
        same = same and self.f.value("grand_total_revenue", "yoy_pct") == self.f.value("grand_total_expenditure", "yoy_pct")
        return text + (self._change(L.S_TOTALS_CHANGE, "grand_total_revenue", "grand_total_expenditure") if same else "")

    def parts(self, total_key: str, opening: str, parts: dict[str, str]) -> str:
        """'本年收入合计X万元，其中：财政拨款收入A万元，占B%；…' and the like."""
        total = self.f.value(total_key)
        if total is None:
            return ""
        head = opening.format(year=self.year, value=money_text(total))
        self.f.state(total_key, "actual", total, head)
        clauses = []
        for key, label in parts.items():
            value, share = self.f.value(key), self.f.value(key, "share_pct")
            if value is None:
                continue
            if share is None:
                clause = L.S_PART_NO_SHARE.format(label=label, value=money_text(value))
            else:
                clause = L.S_PART.format(label=label, value=money_text(value), share=_pct(share))
                self.f.state(key, "share_pct", share, clause, unit="%")
            self.f.state(key, "actual", value, clause)
            clauses.append(clause)
        return head + L.SEMICOLON.join(clauses) + L.PERIOD if clauses else head.rstrip(L.COMMA + L.COLON) + L.PERIOD

    def fiscal(self) -> str:
        total = self.f.value("fiscal_grand_total")
        if total is None:
            return ""
        text = L.S_FISCAL.format(year=self.year, value=money_text(total))
        self.f.state("fiscal_grand_total", "actual", total, text)
        return text + self._change(L.S_FISCAL_CHANGE, "fiscal_grand_total")

    def gpb(self) -> str:
        actual, share = self.f.value("gpb_expenditure"), self.f.value("gpb_expenditure", "share_pct")
        out = ""
        if actual is not None:
            if share is not None:
                out = L.S_GPB.format(year=self.year, value=money_text(actual), share=_pct(share))
                self.f.state("gpb_expenditure", "share_pct", share, out, unit="%")
            else:
                out = L.S_GPB_NO_SHARE.format(year=self.year, value=money_text(actual))
            self.f.state("gpb_expenditure", "actual", actual, out)
            out += self._change(L.S_GPB_CHANGE, "gpb_expenditure")
        budget, rate = self.f.value("gpb_expenditure", "budget"), self.f.value("gpb_expenditure", "execution_rate_pct")
        if actual is not None and budget is not None and rate is not None:
            line = L.S_GPB_BUDGET.format(year=self.year, budget=money_text(budget), actual=money_text(actual), rate=_pct(rate))
            self.f.state("gpb_expenditure", "budget", budget, line)
            self.f.state("gpb_expenditure", "execution_rate_pct", rate, line, unit="%")
            out += line
        return out

    def structure(self) -> str:
        names = self.f.subjects("function_class_expenditure")
        total = self.f.value("gpb_expenditure")
        if not names or total is None:
            return ""
        marked = self.rng.random() < 0.5  # "一般公共服务（类）支出" or "一般公共服务支出"
        clauses = []
        for name in names:
            value, share = self.f.value("function_class_expenditure", subject=name), self.f.value(
                "function_class_expenditure", "share_pct", name)  # fmt: skip
            assert value is not None
            written = name
            if marked and name.endswith(L.CLASS_SUFFIX):
                written = name.removesuffix(L.CLASS_SUFFIX) + L.CLASS_MARK + L.CLASS_SUFFIX
            if share is None:
                clause = L.S_CLASS_NO_SHARE.format(name=written, value=money_text(value))
            else:
                clause = L.S_CLASS.format(name=written, value=money_text(value), share=_pct(share))
                self.f.state("function_class_expenditure", "share_pct", share, clause, subject=name, unit="%")
            self.f.state("function_class_expenditure", "actual", value, clause, subject=name)
            clauses.append(clause)
        return L.S_STRUCTURE.format(value=money_text(total)) + L.SEMICOLON.join(clauses) + L.PERIOD

    def items(self) -> list[str]:
        paths = _item_paths(self.f.subjects("function_class_expenditure"))
        out = []
        for n, name in enumerate(self.f.subjects("function_item_expenditure"), start=1):
            actual = self.f.value("function_item_expenditure", subject=name)
            budget = self.f.value("function_item_expenditure", "budget", name)
            rate = self.f.value("function_item_expenditure", "execution_rate_pct", name)
            assert actual is not None
            path = paths.get(name, name + L.ITEM_MARK)
            if budget is not None and rate is not None:
                line = L.S_ITEM.format(number=n, path=path, budget=money_text(budget), actual=money_text(actual),
                                       rate=_pct(rate))  # fmt: skip
                self.f.state("function_item_expenditure", "budget", budget, line, subject=name)
                self.f.state("function_item_expenditure", "execution_rate_pct", rate, line, subject=name, unit="%")
            else:
                line = L.S_ITEM_ACTUAL.format(number=n, path=path, actual=money_text(actual))
            self.f.state("function_item_expenditure", "actual", actual, line, subject=name)
            out.append(line)
        return out

    def three_public(self) -> str:
        actual = self.f.value("three_public_total")
        if actual is None:
            return ""
        budget, rate = self.f.value("three_public_total", "budget"), self.f.value("three_public_total", "execution_rate_pct")
        if budget is not None and rate is not None:
            text = L.S_THREE.format(year=self.year, budget=money_text(budget), actual=money_text(actual), rate=_pct(rate))
            self.f.state("three_public_total", "budget", budget, text)
            self.f.state("three_public_total", "execution_rate_pct", rate, text, unit="%")
        else:
            text = L.S_THREE_ACTUAL.format(year=self.year, actual=money_text(actual))
        self.f.state("three_public_total", "actual", actual, text)
        clauses = []
        for key, label in L.S_THREE_PARTS.items():
            value = self.f.value(key)
            if value is None:
                continue
            clause = L.S_THREE_PART.format(label=label, actual=money_text(value))
            self.f.state(key, "actual", value, clause)
            if key == "vehicle_total":
                parts = [(k, lab, self.f.value(k)) for k, lab in L.S_VEHICLE_PARTS.items()]
                named = [L.S_PART_NO_SHARE.format(label=lab, value=money_text(v)) for _, lab, v in parts if v is not None]
                for k, lab, v in parts:
                    if v is not None:
                        self.f.state(k, "actual", v, L.S_PART_NO_SHARE.format(label=lab, value=money_text(v)))
                if named:
                    clause += L.COMMA + L.ENUM_COMMA.join(named)
            clauses.append(clause)
        return text + L.SEMICOLON.join(clauses) + (L.PERIOD if clauses else "")

    def admin(self) -> str:
        value = self.f.value("admin_operating_expenses")
        if value is None:
            return ""
        text = L.S_ADMIN.format(year=self.year, value=money_text(value))
        self.f.state("admin_operating_expenses", "actual", value, text)
        return text + self._change(L.S_ADMIN_CHANGE, "admin_operating_expenses")

    def procurement(self) -> str:
        text = self.parts("procurement_total", L.S_PROCUREMENT, L.S_PROCUREMENT_PARTS)
        sme, sme_share = self.f.value("procurement_sme"), self.f.value("procurement_sme", "share_pct")
        if not text or sme is None or sme_share is None:
            return text
        clause = L.S_SME.format(value=money_text(sme), share=_pct(sme_share))
        self.f.state("procurement_sme", "actual", sme, clause)
        self.f.state("procurement_sme", "share_pct", sme_share, clause, unit="%")
        small, small_share = self.f.value("procurement_small_micro"), self.f.value("procurement_small_micro", "share_pct")
        if small is not None and small_share is not None:
            more = L.S_SMALL_MICRO.format(value=money_text(small), share=_pct(small_share))
            self.f.state("procurement_small_micro", "actual", small, more)
            self.f.state("procurement_small_micro", "share_pct", small_share, more, unit="%")
            clause += L.COMMA + more
        return text + clause + L.PERIOD

    def assets(self) -> str:
        clauses = []
        vehicles, equipment = self.f.value("vehicles_count", "count"), self.f.value("large_equipment_count", "count")
        if vehicles is not None:
            clause = L.S_VEHICLES.format(year=self.year, count=number_text(vehicles))
            self.f.state("vehicles_count", "count", vehicles, clause, unit="辆")
            clauses.append(clause)
        if equipment is not None:
            clause = L.S_EQUIPMENT.format(count=number_text(equipment))
            self.f.state("large_equipment_count", "count", equipment, clause, unit="台")
            clauses.append(clause)
        return L.COMMA.join(clauses) + L.PERIOD if clauses else ""

    def performance(self) -> str:
        clauses = []
        for key, template in L.S_PERFORMANCE.items():
            count = self.f.value(key, "count")
            if count is not None:
                clause = template.format(count=number_text(count))
                self.f.state(key, "count", count, clause, unit="个")
                clauses.append(clause)
        return L.COMMA.join(clauses) + L.PERIOD if clauses else ""


def _item_paths(classes: list[str]) -> dict[str, str]:
    """项 name -> "X（类）Y（款）Z（项）" for the items of the classification: under the first of the record's classes
    that has the name, else the first class that has it."""
    paths: dict[str, str] = {}
    ordered = sorted(L.FUNCTIONS.values(), key=lambda c: c[0] not in classes)
    for class_name, sections in ordered:
        for section_name, items in sections.values():
            for item_name in items.values():
                paths.setdefault(item_name, class_name.removesuffix(L.CLASS_SUFFIX) + L.CLASS_MARK + section_name
                                 + L.SECTION_MARK + item_name + L.ITEM_MARK)  # fmt: skip
    return paths
