"""The record contract: round trips, validation errors, the exported JSON Schema, JSON Pointers."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from schemas import Assessment, Evidence, Figure, Indicator, Narrative, Project, Record, Review
from schemas.export import SCHEMA_PATH, schema_text
from schemas.pointers import assign, resolve, reviewable_pointers


def _record() -> Record:
    return Record.model_validate(
        {
            "document": {"name": "a.txt", "sha256": "0" * 64},
            "meta": {"unit": "某中心", "fiscal_year": 2022, "kinds": ["final_accounts"]},
            "figures": [
                {"key": "grand_total_revenue", "measure": "actual", "value": 1519.86,
                 "evidence": {"quote": "收、支总计1519.86万元", "start": 3, "end": 18}},
            ],
            "projects": [
                {"name": "服务监管经费", "code": "510000", "budget": {"initial": 26.0, "weight": 10},
                 "indicators": [{"level1": "产出指标", "name": "期数", "comparator": "≥", "target": "4", "unit": "期",
                                 "actual": "12", "weight": 13, "score": 13, "evidence": {"quote": "期数 ≥ 4 期 12 13 13"}}],
                 "evidence": {"quote": "项目名称 服务监管经费"}},
            ],
            "narratives": [{"kind": "functions", "text": "主要职责是……", "evidence": {"quote": "主要职责"}}],
            "assessments": {"/figures/0/value": {"confidence": 0.97, "flags": [], "source": "rules"}},
            "review": {"threshold": 0.8},
        }
    )  # fmt: skip


def test_round_trip_is_lossless() -> None:
    record = _record()
    again = Record.model_validate_json(record.to_json())
    assert again == record
    assert json.loads(record.to_json())["figures"][0]["evidence"]["start"] == 3


def test_unknown_figure_key_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown figure key"):
        Figure(key="grand_total", measure="actual", value=1, evidence=Evidence(quote="x"))


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (Figure, {"key": "grand_total_revenue", "measure": "sum", "value": 1, "evidence": {"quote": "x"}}),
        (Figure, {"key": "grand_total_revenue", "measure": "actual", "value": "many", "evidence": {"quote": "x"}}),
        (Narrative, {"kind": "poem", "text": "x", "evidence": {"quote": "x"}}),
        (Assessment, {"confidence": 1.5}),
        (Review, {"threshold": -0.1}),
        (Evidence, {"quote": "x", "start": 9, "end": 3}),
        (Indicator, {"name": "x", "evidence": {"quote": "x"}, "surprise": 1}),
    ],
)
def test_invalid_values_are_refused(model: type, data: dict) -> None:
    with pytest.raises(ValidationError):
        model.model_validate(data)


def test_exported_json_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), "run `python -m schemas.export`"


def test_pointers_name_every_stated_value_and_resolve() -> None:
    data = _record().model_dump()
    pointers = dict(reviewable_pointers(data))
    assert pointers["/figures/0/value"] == 1519.86
    assert pointers["/projects/0/budget/initial"] == 26.0
    assert pointers["/projects/0/indicators/0/actual"] == "12"
    assert "/projects/0/budget/adjusted" not in pointers  # not stated → not a field to review
    for pointer, value in pointers.items():
        assert resolve(data, pointer) == value
    assign(data, "/projects/0/indicators/0/actual", "11")
    assert Record.model_validate(data).projects[0].indicators[0].actual == "11"
    with pytest.raises(KeyError):
        assign(data, "/projects/0/nonsense", 1)


def test_gold_shape_has_no_assessments() -> None:
    gold = _record().model_copy(update={"assessments": None, "review": None})
    assert Record.model_validate(gold.model_dump()).assessments is None
    assert isinstance(gold.projects[0], Project)
