"""The worked example of eval/README.md, number by number: the README stays true."""

from __future__ import annotations

import pytest

from eval.cases import Case
from eval.harness import evaluate_case
from eval.summary import Summary, build_summary
from schemas import Assessment, DocumentRef, Evidence, Figure, Indicator, Narrative, Project, Record, Review

SOURCE = (
    "2022年度收入总计1519.86万元。基本支出1200.50万元，项目支出319.36万元。交通运输支出1000.00万元。\n"
    "项目名称 51000021T000000015046-12328服务监管经费\n"
    "工单分期期数 ≥4 期 12 13 13\n报告合格率 ≥95 % 100 12 12\n服务水平提升 明显 明显 20 18\n"
)
CODE = "51000021T000000015046"


def _fig(key: str, value: float, unit: str = "万元", subject: str | None = None) -> Figure:
    return Figure(
        key=key, measure="actual", subject=subject, value=value, unit=unit, evidence=Evidence(quote=str(value))
    )


def _row(
    name: str, comparator: str | None, target: str, unit: str | None, actual: str, weight: float, score: float
) -> Indicator:
    return Indicator(
        level1="产出指标",
        level2="数量指标",
        name=name,
        comparator=comparator,
        target=target,
        unit=unit,
        actual=actual,
        weight=weight,
        score=score,
        evidence=Evidence(quote=name),
    )


def _gold() -> Record:
    return Record(
        document=DocumentRef(name="x.txt", sha256="0"),
        figures=[
            _fig("grand_total_revenue", 1519.86),
            _fig("expenditure_basic", 1200.5),
            _fig("expenditure_project", 319.36),
            _fig("function_class_expenditure", 1000.0, subject="交通运输支出"),
        ],
        projects=[
            Project(
                name="12328服务监管经费",
                code=CODE,
                indicators=[
                    _row("工单分期期数", "≥", "4", "期", "12", 13, 13),
                    _row("报告合格率", "≥", "95", "%", "100", 12, 12),
                    _row("服务水平提升", None, "明显", None, "明显", 20, 18),
                ],
                evidence=Evidence(quote=CODE),
            )
        ],
        narratives=[
            Narrative(kind="key_work", text="一二三四五六七八九十", evidence=Evidence(quote="一二三")),
            Narrative(kind="functions", text="负责全省交通物流发展。", evidence=Evidence(quote="负责全省")),
        ],
    )


def _predicted_figures() -> list[Figure]:
    return [
        _fig("grand_total_revenue", 15198600.0, unit="元"),
        _fig("expenditure_project", 320.36),
        _fig("function_class_expenditure", 1000.0, subject="交通运输支出（类）"),
        _fig("revenue_other", 5.0),
    ]


def _predicted() -> Record:
    return Record(
        document=DocumentRef(name="x.txt", sha256="0"),
        figures=_predicted_figures(),
        projects=[
            Project(
                name="12328服务监管经费",
                code=CODE,
                indicators=[
                    _row("工单分期期数", ">=", "4.0", "期", "12", 13, 13),
                    _row("服务水平提升", None, "明显", None, "较明显", 20, 18),
                ],
                evidence=Evidence(quote=CODE),
            )
        ],
        narratives=[Narrative(kind="key_work", text="一二三四五六七八", evidence=Evidence(quote="一二三"))],
    )


def _summary(pred: Record, source: str | None = SOURCE) -> Summary:
    return build_summary([evaluate_case(Case("x", _gold(), pred, "scored", source))], [], [], [], [])


def test_figures() -> None:
    figures = _summary(_predicted()).figures
    assert (figures.matched, figures.gold, figures.predicted) == (2, 4, 4)
    assert (figures.precision, figures.recall, figures.f1) == (0.5, 0.5, 0.5)
    assert (figures.omissions, figures.hallucinations, figures.mismatches) == (1, 2, 0)
    without_source = _summary(_predicted(), source=None).figures
    assert (without_source.hallucinations, without_source.mismatches) == (1, 1)


def test_projects_and_indicators() -> None:
    summary = _summary(_predicted())
    assert (summary.projects.f1, summary.projects.cells_right, summary.projects.cells_total) == (1.0, 1, 1)
    rows = summary.indicators
    assert rows.precision == 1.0 and rows.recall == pytest.approx(2 / 3) and rows.f1 == pytest.approx(0.8)
    assert (rows.cells_right, rows.cells_total) == (13, 14)
    assert (rows.omissions, rows.mismatches) == (9, 1)


def test_narratives() -> None:
    narratives = _summary(_predicted()).narratives
    assert narratives.by_kind["key_work"].rouge_l == pytest.approx(2 * 8 / 18)
    assert narratives.rouge_l == pytest.approx((2 * 8 / 18 + 0) / 2)
    assert (narratives.precision, narratives.recall) == (1.0, 0.5)
    assert narratives.f1 == pytest.approx(2 / 3)


def test_review() -> None:
    pred = Record(document=DocumentRef(name="x.txt", sha256="0"), figures=_predicted_figures())
    pred.assessments = {f"/figures/{i}/value": Assessment(confidence=c) for i, c in enumerate((0.95, 0.40, 0.90, 0.85))}
    pred.review = Review(threshold=0.8)
    review = _summary(pred).review
    assert review.flag_rate == 0.25
    assert review.unflagged_accuracy == pytest.approx(2 / 3)
    assert review.flag_recall == 0.5
    assert review.auroc == 1.0
    assert (review.bar_threshold, review.bar_flag_rate) == (0.9, 0.5)
    assert review.ece == pytest.approx(0.35)
