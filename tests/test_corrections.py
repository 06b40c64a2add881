"""Decisions applied to a record: validation of corrections, rejections that remove items, renumbering."""

from __future__ import annotations

import pytest

from extractor.corrections import CorrectionError, Decision, apply, check
from schemas import Record


def _record() -> dict:
    ev = {"quote": "q", "start": 0, "end": 1}
    return {
        "document": {"name": "x.txt", "sha256": "0" * 64},
        "meta": {"unit": None, "fiscal_year": 2023, "kinds": [], "currency_unit": "万元", "run": None},
        "figures": [
            {
                "key": "expenditure_basic",
                "measure": "actual",
                "subject": None,
                "value": 1.0,
                "unit": "万元",
                "scope": None,
                "evidence": ev,
            },
            {
                "key": "expenditure_project",
                "measure": "actual",
                "subject": None,
                "value": 2.0,
                "unit": "万元",
                "scope": None,
                "evidence": ev,
            },
            {
                "key": "expenditure_current_year",
                "measure": "actual",
                "subject": None,
                "value": 3.0,
                "unit": "万元",
                "scope": None,
                "evidence": ev,
            },
        ],
        "projects": [
            {
                "name": "P",
                "budget": {
                    "initial": 10.0,
                    "adjusted": None,
                    "executed": 9.0,
                    "execution_rate_pct": None,
                    "weight": None,
                    "score": None,
                },
                "indicators": [
                    {"name": "A", "target": "1", "actual": "1", "weight": 5.0, "score": 5.0, "evidence": ev},
                    {"name": "B", "target": "2", "actual": "2", "weight": 5.0, "score": 4.0, "evidence": ev},
                ],
                "evidence": ev,
            }
        ],
        "narratives": [],
        "assessments": {
            "/figures/0/value": {"confidence": 0.9, "flags": []},
            "/figures/1/value": {"confidence": 0.3, "flags": ["sum_mismatch"]},
            "/figures/2/value": {"confidence": 0.4, "flags": ["sum_mismatch"]},
            "/projects/0/indicators/1/score": {"confidence": 0.2, "flags": ["x"]},
        },
        "review": {"threshold": 0.8},
    }


def test_a_number_is_due_where_the_schema_says_so() -> None:
    record = _record()
    assert check(record, "/figures/1/value", "correct", "2.5") == 2.5
    with pytest.raises(CorrectionError, match="refused"):
        check(record, "/figures/1/value", "correct", "两万")
    with pytest.raises(CorrectionError, match="refused"):
        check(record, "/projects/0/budget/initial", "correct", "ten")
    assert check(record, "/projects/0/indicators/0/actual", "correct", " 1.5 ") == "1.5"


def test_unknown_pointers_actions_and_empty_corrections_are_refused() -> None:
    record = _record()
    with pytest.raises(CorrectionError, match="names no reviewable value"):
        check(record, "/figures/9/value", "accept", None)
    with pytest.raises(CorrectionError, match="action must be"):
        check(record, "/figures/0/value", "delete", None)
    with pytest.raises(CorrectionError, match="needs a value"):
        check(record, "/figures/0/value", "correct", "  ")


def test_latest_decision_wins_and_reviewed_fields_are_certain() -> None:
    out = apply(
        _record(),
        [
            Decision("/figures/1/value", "correct", 2.5, "ann"),
            Decision("/figures/1/value", "correct", 2.25, "bo"),
            Decision("/figures/0/value", "accept", None, "ann"),
        ],
    )
    assert out["figures"][1]["value"] == 2.25
    assert out["assessments"]["/figures/1/value"] == {
        "confidence": 1.0,
        "flags": [],
        "source": "review",
        "reasons": ["correct by bo"],
    }
    assert out["assessments"]["/figures/0/value"]["source"] == "review"
    Record.model_validate(out)


def test_rejecting_a_required_value_removes_its_item_and_renumbers() -> None:
    out = apply(_record(), [Decision("/figures/1/value", "reject", None, "ann")])
    assert [f["value"] for f in out["figures"]] == [1.0, 3.0]
    assert out["assessments"]["/figures/1/value"]["confidence"] == 0.4  # the former /figures/2
    assert "/figures/2/value" not in out["assessments"]


def test_rejecting_a_nullable_value_empties_it() -> None:
    out = apply(_record(), [Decision("/projects/0/budget/executed", "reject", None, "ann")])
    assert out["projects"][0]["budget"]["executed"] is None
    out = apply(_record(), [Decision("/projects/0/indicators/0/name", "reject", None, "ann")])
    assert [i["name"] for i in out["projects"][0]["indicators"]] == ["B"]
    assert out["assessments"]["/projects/0/indicators/0/score"]["confidence"] == 0.2
