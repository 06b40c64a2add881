"""Synthetic records: invented units, projects and numbers, consistent as a real report's are.

In: a seed (and how many projects, whether to state final-accounts figures). Out: a `schemas.Record` whose
figures add up (classes are the sums of their items, totals of their parts, shares and rates computed from
them, carry-overs balance the totals) and whose forms have weights summing to 100 with the budget block.
The names come from `eval.zoo.invented`; the functional classes and items from `eval.zoo.labels.FUNCTIONS`.
"""

from __future__ import annotations

import hashlib
import random

from eval.zoo import invented as W
from eval.zoo import labels as L
from schemas import Budget, DocumentRef, Evidence, Figure, Indicator, Meta, Project, Record

_NO_QUOTE = Evidence(quote="")


def synthetic_record(seed: int, projects: int | None = None, figures: bool = True) -> Record:
    rng = random.Random(seed)
    unit = rng.choice(W.PLACES) + rng.choice(W.UNIT_KINDS) + rng.choice(W.UNIT_SUFFIXES)
    year = rng.choice((2021, 2022, 2023, 2024))
    count = projects if projects is not None else rng.randint(1, 3)
    topics = rng.sample(W.PROJECT_TOPICS, count)
    record = Record(
        document=DocumentRef(name=f"synthetic_{seed}.txt", sha256=hashlib.sha256(str(seed).encode()).hexdigest()),
        meta=Meta(unit=unit, fiscal_year=year, kinds=["project_self_evaluation"]),
        projects=[_project(rng, unit, topic) for topic in topics],
    )
    if figures:
        record.figures = _figures(rng)
        record.meta.kinds = ["final_accounts", "project_self_evaluation"]
    return record


def _money(rng: random.Random, low: float, high: float) -> float:
    return round(rng.uniform(low, high), 2)


def _pct(part: float, whole: float) -> float:
    return round(part / whole * 100, 2) if whole else 0.0


def _project(rng: random.Random, unit: str, topic: str) -> Project:
    adjusted = _money(rng, 20, 3000)
    initial = adjusted if rng.random() < 0.5 else round(adjusted * rng.uniform(0.6, 1.0), 2)
    executed = round(adjusted * rng.choice((1.0, 1.0, rng.uniform(0.7, 1.0))), 2)
    rate = _pct(executed, adjusted)
    budget_score = round(10 * min(rate, 100.0) / 100, 2)
    indicators = _indicators(rng)
    total = round(budget_score + sum(i.score or 0 for i in indicators), 2)
    code = f"{rng.randint(10, 99)}{rng.randint(0, 10**6):06d}T{rng.randint(0, 10**11):012d}" if rng.random() < 0.6 else None
    return Project(
        name=topic + rng.choice(W.PROJECT_KINDS),
        code=code,
        department=unit,
        implementer=unit,
        budget=Budget(initial=initial, adjusted=adjusted, executed=executed, execution_rate_pct=rate, weight=10.0,
                      score=budget_score),  # fmt: skip
        indicators=indicators,
        total_score=total,
        evidence=_NO_QUOTE,
    )


def _indicators(rng: random.Random) -> list[Indicator]:
    chosen: list[tuple[str, str, tuple[str, str | None, str | None]]] = []
    for level1, level2 in W.LEVELS:
        pool = W.INDICATORS[level2]
        for spec in rng.sample(pool, rng.randint(0 if level2 != "数量指标" else 1, min(2, len(pool)))):
            chosen.append((level1, level2, spec))
    weights = _weights(rng, len(chosen), 90)
    rows = []
    for (level1, level2, (name, comparator, unit)), weight in zip(chosen, weights, strict=True):
        missed = rng.random() < 0.2
        score = float(weight - 1 if missed and weight > 1 else weight)
        if unit is None:
            target, actual, comparator = rng.choice(W.WORD_TARGETS), rng.choice(W.WORD_ACTUALS), None
        elif unit == "%":
            value = rng.choice((90, 95, 98, 100))
            target, actual = str(value), str(value - 2 if missed else min(100, value + rng.choice((0, 1))))
        else:
            value = rng.randint(2, 500)
            target = str(value)
            actual = str(value - 1 if missed else value + rng.randint(0, 9) * (1 if comparator == "≥" else 0))
        rows.append(Indicator(level1=level1, level2=level2, name=name, comparator=comparator, target=target,
                              unit=unit, actual=actual, weight=float(weight), score=score,
                              deviation_reason=rng.choice(W.REASONS) if missed else None, evidence=_NO_QUOTE))  # fmt: skip
    return rows


def _weights(rng: random.Random, n: int, total: int) -> list[int]:
    """n positive integers summing to `total`."""
    cuts = sorted(rng.sample(range(1, total), n - 1)) if n > 1 else []
    bounds = [0, *cuts, total]
    return [b - a for a, b in zip(bounds, bounds[1:], strict=False)]


def _fig(key: str, measure: str, value: float, subject: str | None = None, unit: str = "万元") -> Figure:
    return Figure(key=key, measure=measure, subject=subject, value=value, unit=unit, evidence=_NO_QUOTE)  # type: ignore[arg-type]


def _changes(rng: random.Random, key: str, value: float) -> list[Figure]:
    delta = _money(rng, -0.3 * value, 0.3 * value)
    return [_fig(key, "yoy_delta", delta), _fig(key, "yoy_pct", _pct(delta, value - delta), unit="%")]


def _figures(rng: random.Random) -> list[Figure]:
    out: list[Figure] = []
    classes = rng.sample(sorted(L.FUNCTIONS), rng.randint(2, 4))
    used: set[str] = set()
    gpb = 0.0
    for code in sorted(classes):
        name, sections = L.FUNCTIONS[code]
        items = [(item_name) for _, (_, its) in sections.items() for item_name in its.values() if item_name not in used]
        picked = rng.sample(items, min(len(items), rng.randint(1, 3)))
        class_total = 0.0
        for item in picked:
            used.add(item)
            actual = _money(rng, 5, 900)
            budget = round(actual * rng.uniform(0.8, 1.25), 2)
            class_total += actual
            out += [_fig("function_item_expenditure", "actual", actual, item),
                    _fig("function_item_expenditure", "budget", budget, item),
                    _fig("function_item_expenditure", "execution_rate_pct", _pct(actual, budget), item, "%")]  # fmt: skip
        class_total = round(class_total, 2)
        gpb += class_total
        out.append(_fig("function_class_expenditure", "actual", class_total, name))
    gpb = round(gpb, 2)
    for f in [f for f in out if f.key == "function_class_expenditure"]:
        out.append(_fig("function_class_expenditure", "share_pct", _pct(f.value, gpb), f.subject, "%"))
    out += _totals(rng, gpb)
    out += _other_matters(rng)
    return out


def _totals(rng: random.Random, gpb: float) -> list[Figure]:
    business, other = rng.choice((0.0, _money(rng, 10, 300))), _money(rng, 0, 20)
    revenue_gpb = round(gpb * rng.uniform(0.95, 1.05), 2)
    revenue = round(revenue_gpb + business + other, 2)
    spent = round(gpb + (business + other) * 0.8, 2)
    begin = _money(rng, 0, 400)
    if begin + revenue < spent:
        begin = round(spent - revenue + 1, 2)
    end = round(begin + revenue - spent, 2)
    grand = round(revenue + begin, 2)
    basic_gpb = round(gpb * rng.uniform(0.3, 0.6), 2)
    personnel = round(basic_gpb * rng.uniform(0.7, 0.9), 2)
    basic = round(basic_gpb + (business + other) * 0.5, 2)
    project = round(spent - basic, 2)
    budget = round(gpb * rng.uniform(0.8, 1.2), 2)
    fiscal = round(revenue_gpb + begin * 0.8, 2)
    out = [
        _fig("grand_total_revenue", "actual", grand), _fig("grand_total_expenditure", "actual", grand),
        _fig("revenue_current_year", "actual", revenue), _fig("revenue_gpb", "actual", revenue_gpb),
        _fig("revenue_fiscal", "actual", revenue_gpb), _fig("revenue_fiscal", "share_pct", _pct(revenue_gpb, revenue), unit="%"),
        _fig("revenue_business", "actual", business), _fig("revenue_business", "share_pct", _pct(business, revenue), unit="%"),
        _fig("revenue_other", "actual", other), _fig("revenue_other", "share_pct", _pct(other, revenue), unit="%"),
        _fig("expenditure_current_year", "actual", spent),
        _fig("expenditure_basic", "actual", basic), _fig("expenditure_basic", "share_pct", _pct(basic, spent), unit="%"),
        _fig("expenditure_project", "actual", project), _fig("expenditure_project", "share_pct", _pct(project, spent), unit="%"),
        _fig("carryover_begin", "actual", begin), _fig("carryover_end", "actual", end),
        _fig("fiscal_grand_total", "actual", fiscal),
        _fig("gpb_expenditure", "actual", gpb), _fig("gpb_expenditure", "share_pct", _pct(gpb, spent), unit="%"),
        _fig("gpb_expenditure", "budget", budget), _fig("gpb_expenditure", "execution_rate_pct", _pct(gpb, budget), unit="%"),
        _fig("gpb_basic_expenditure", "actual", basic_gpb),
        _fig("personnel_expenses", "actual", personnel), _fig("public_expenses", "actual", round(basic_gpb - personnel, 2)),
    ]  # fmt: skip
    change = _changes(rng, "grand_total_revenue", grand)
    out += change + [f.model_copy(update={"key": "grand_total_expenditure"}) for f in change]
    return out + _changes(rng, "fiscal_grand_total", fiscal) + _changes(rng, "gpb_expenditure", gpb)


def _other_matters(rng: random.Random) -> list[Figure]:
    travel, purchase, operation, reception = 0.0, rng.choice((0.0, _money(rng, 10, 40))), _money(rng, 1, 30), _money(rng, 0, 8)
    vehicles = round(purchase + operation, 2)
    three = round(travel + vehicles + reception, 2)
    three_budget = round(three * rng.uniform(1.0, 1.3), 2)
    goods, works, services = _money(rng, 0, 200), rng.choice((0.0, _money(rng, 50, 900))), _money(rng, 10, 400)
    procurement = round(goods + works + services, 2)
    sme = round(procurement * rng.uniform(0.6, 1.0), 2)
    small = round(sme * rng.uniform(0.4, 1.0), 2)
    admin = _money(rng, 10, 300)
    out = [
        _fig("three_public_total", "actual", three), _fig("three_public_total", "budget", three_budget),
        _fig("three_public_total", "execution_rate_pct", _pct(three, three_budget), unit="%"),
        _fig("outbound_travel", "actual", travel), _fig("vehicle_total", "actual", vehicles),
        _fig("vehicle_purchase", "actual", purchase), _fig("vehicle_operation", "actual", operation),
        _fig("official_reception", "actual", reception),
        _fig("admin_operating_expenses", "actual", admin),
        _fig("procurement_total", "actual", procurement), _fig("procurement_goods", "actual", goods),
        _fig("procurement_works", "actual", works), _fig("procurement_services", "actual", services),
        _fig("procurement_sme", "actual", sme), _fig("procurement_sme", "share_pct", _pct(sme, procurement), unit="%"),
        _fig("procurement_small_micro", "actual", small),
        _fig("procurement_small_micro", "share_pct", _pct(small, procurement), unit="%"),
        _fig("vehicles_count", "count", float(rng.randint(0, 12)), unit="辆"),
        _fig("large_equipment_count", "count", float(rng.randint(0, 5)), unit="台"),
    ]  # fmt: skip
    for key in L.S_PERFORMANCE:
        out.append(_fig(key, "count", float(rng.randint(1, 30)), unit="个"))
    return out + _changes(rng, "admin_operating_expenses", admin)
