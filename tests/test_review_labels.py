"""Names a reviewer reads: fields in the reports' own words with the key kept, flags in Chinese and English."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.pipeline import extract_text
from extractor.review.labels import field_label, flag_name, flag_reason, language
from extractor.score import _REASONS
from schemas.catalog import FLAG_LABELS, MEASURE_LABELS, MEASURES
from tests.review_helpers import MINI

RECORD = {
    "figures": [{"key": "three_public_total", "measure": "yoy_delta", "value": 1.0, "scope": "本级"}],
    "projects": [{"name": "道路养护", "budget": {"executed": 3.0}, "indicators": [{"name": "养护里程", "score": 9.0}]}],
    "narratives": [{"kind": "problems", "text": "…"}],
}


@pytest.mark.parametrize(
    ("pointer", "text", "key"),
    [
        ("/figures/0/value", "“三公”经费 · 同比增减 · 本级", "three_public_total · yoy_delta (/figures/0/value)"),
        ("/projects/0/budget/executed", "项目 1 道路养护 · 预算 · 执行数", "/projects/0/budget/executed"),
        ("/projects/0/indicators/0/score", "项目 1 道路养护 · 指标 1 养护里程 · 得分", "/projects/0/indicators/0/score"),
        ("/narratives/0/text", "文字说明 · 存在问题", "narrative · problems (/narratives/0/text)"),
    ],
)
def test_fields_are_named_in_the_reports_words_with_the_key_kept(pointer: str, text: str, key: str) -> None:
    label = field_label(RECORD, pointer)
    assert (label.text, label.key) == (text, key)


def test_every_measure_has_a_label() -> None:
    assert set(MEASURE_LABELS) == set(MEASURES)


def test_every_flag_the_pipeline_raises_is_named_in_both_languages(sample_paths: list[Path]) -> None:
    raised = set(_REASONS)
    for path in [*sample_paths, MINI]:
        record = extract_text(path.name, path.read_bytes())
        for assessment in (record.assessments or {}).values():
            raised.update(assessment.flags)
    for lang in ("zh", "en"):
        assert raised <= set(FLAG_LABELS[lang]), raised - set(FLAG_LABELS[lang])
    assert flag_name("sum_mismatch", "zh") != flag_name("sum_mismatch", "en")
    assert flag_reason("no_such_flag", "zh") == "no_such_flag"  # an unknown flag shows as itself


@pytest.mark.parametrize(
    ("chosen", "header", "expected"),
    [
        (None, "zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        (None, "en-US,en;q=0.9,zh-CN;q=0.8", "en"),
        (None, "fr-FR,zh-TW;q=0.5", "zh"),
        (None, "en;q=0.3,zh;q=0.7", "zh"),
        (None, None, "en"),
        ("en", "zh-CN", "en"),  # the reviewer's setting wins
        ("xx", "zh-CN", "zh"),
    ],
)
def test_the_language_is_the_reviewers_choice_or_the_browsers(chosen: str | None, header: str | None, expected: str) -> None:
    assert language(chosen, header) == expected
