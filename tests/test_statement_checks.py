"""The arithmetic that catches a statement read wrongly (extractor/validate.py): a year-on-year percentage against
the change in amount, a share stated of another whole the template allows. Figures invented for the test."""

from __future__ import annotations

from extractor.validate import validate
from schemas import DocumentRef, Evidence, Figure, Record

_E = Evidence(quote="x", start=0, end=1)


def _record(*figures: tuple[str, str, float]) -> Record:
    made = [Figure(key=k, measure=m, value=v, unit="%" if m.endswith("pct") else "万元", evidence=_E) for k, m, v in figures]  # type: ignore[arg-type]
    return Record(document=DocumentRef(name="t.txt", sha256="0"), figures=made)


def _held(record: Record, rule: str) -> list[bool]:
    return [f.held for f in validate(record) if f.rule == rule]


def test_a_change_in_percent_agrees_with_the_change_in_amount() -> None:
    record = _record(("grand_total_revenue", "actual", 120.0), ("grand_total_revenue", "yoy_delta", 5.0),
                     ("grand_total_revenue", "yoy_pct", 4.35))  # fmt: skip
    assert _held(record, "yoy:grand_total_revenue") == [True]


def test_a_percentage_paired_with_the_other_total_is_caught() -> None:
    # "收、支总计各减少20.1,30.2万元，各下降6.27%、8.87%" read with the first percentage for both totals
    record = _record(("grand_total_expenditure", "actual", 1310.25), ("grand_total_expenditure", "yoy_delta", -30.2),
                     ("grand_total_expenditure", "yoy_pct", -6.27))  # fmt: skip
    assert _held(record, "yoy:grand_total_expenditure") == [False]


def test_a_whole_percentage_is_allowed_its_rounding() -> None:
    record = _record(("admin_operating_expenses", "actual", 21.0), ("admin_operating_expenses", "yoy_delta", 1.0),
                     ("admin_operating_expenses", "yoy_pct", 5.0))  # fmt: skip
    assert _held(record, "yoy:admin_operating_expenses") == [True]


def test_a_small_firms_share_may_be_of_the_small_and_medium_firms_amount() -> None:
    record = _record(("procurement_total", "actual", 50.0), ("procurement_sme", "actual", 45.0),
                     ("procurement_small_micro", "actual", 30.0), ("procurement_small_micro", "share_pct", 66.67))  # fmt: skip
    assert _held(record, "share:procurement_small_micro") == [True]
    wrong = _record(("procurement_total", "actual", 50.0), ("procurement_sme", "actual", 45.0),
                    ("procurement_small_micro", "actual", 30.0), ("procurement_small_micro", "share_pct", 44.0))  # fmt: skip
    assert _held(wrong, "share:procurement_small_micro") == [False]
