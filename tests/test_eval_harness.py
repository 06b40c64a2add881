"""The eval harness on small synthetic records: gold against itself, planted errors scored by hand.

Every expected number below is counted by hand from the records built here, not from the code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eval.cases import Case
from eval.harness import evaluate, evaluate_case
from eval.mismatches import mismatch_lines
from eval.summary import build_summary
from schemas import Budget, DocumentRef, Evidence, Figure, Indicator, Narrative, Project, Record
from schemas.pointers import reviewable_pointers


def _fig(key: str, measure: str, value: float, quote: str, unit: str = "万元", subject: str | None = None) -> Figure:
    return Figure(key=key, measure=measure, subject=subject, value=value, unit=unit, evidence=Evidence(quote=quote))


def _row(
    level1: str,
    level2: str,
    name: str,
    comparator: str | None,
    target: str,
    unit: str | None,
    actual: str,
    weight: float,
    score: float,
    reason: str | None = None,
) -> Indicator:
    quote = f"{name}{comparator or ''}{target}{unit or ''} {actual} {weight:g} {score:g}"
    return Indicator(
        level1=level1,
        level2=level2,
        name=name,
        comparator=comparator,
        target=target,
        unit=unit,
        actual=actual,
        weight=weight,
        score=score,
        deviation_reason=reason,
        evidence=Evidence(quote=quote),
    )


def gold_record(name: str = "a") -> Record:
    return Record(
        document=DocumentRef(name=f"{name}.txt", sha256="0" * 64),
        figures=[
            _fig("grand_total_revenue", "actual", 1519.86, "2022年度收、支总计1519.86万元"),
            _fig("grand_total_expenditure", "actual", 1519.86, "2022年度收、支总计1519.86万元"),
            _fig("expenditure_basic", "actual", 1200.5, "基本支出1200.50万元"),
            _fig("expenditure_project", "actual", 319.36, "项目支出319.36万元"),
            _fig(
                "function_class_expenditure", "actual", 1000.0, "交通运输支出（类）1000.00万元", subject="交通运输支出"
            ),
            _fig("function_class_expenditure", "share_pct", 65.8, "占65.8%", unit="%", subject="交通运输支出"),
            _fig("vehicles_count", "count", 3, "车辆3辆", unit="辆"),
        ],
        projects=[
            Project(
                name="12328服务监管经费",
                code="51000021T000000015046",
                budget=Budget(initial=26, adjusted=26, executed=26, execution_rate_pct=100, weight=10, score=10),
                indicators=[
                    _row("产出指标", "数量指标", "工单分期期数", "≥", "4", "期", "12", 13, 13),
                    _row("产出指标", "质量指标", "报告合格率", "≥", "95", "%", "100", 12, 12),
                    _row(
                        "效益指标",
                        "社会效益指标",
                        "服务水平提升",
                        None,
                        "明显",
                        None,
                        "明显",
                        20,
                        18,
                        "部分指标未达预期",
                    ),
                    _row("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "95", 10, 10),
                ],
                total_score=100,
                conclusion="项目完成较好",
                evidence=Evidence(quote="项目名称 51000021T000000015046-12328服务监管经费"),
            ),
            Project(
                name="大件公路桥梁调查工作经费",
                budget=Budget(initial=50, adjusted=48, executed=45.5, execution_rate_pct=94.79),
                indicators=[
                    _row("产出指标", "数量指标", "调查桥梁数", "≥", "30", "座", "32", 20, 20),
                    _row("产出指标", "时效指标", "完成时间", None, "2022年12月", None, "2022年11月", 10, 10),
                ],
                total_score=95,
                evidence=Evidence(quote="项目名称 大件公路桥梁调查工作经费"),
            ),
        ],
        narratives=[
            Narrative(
                kind="functions", text="负责全省交通物流发展的研究和服务工作。", evidence=Evidence(quote="负责全省")
            ),
            Narrative(kind="key_work", text="一二三四五六七八九十", evidence=Evidence(quote="一二三")),
            Narrative(
                kind="performance_goal", scope="12328服务监管经费", text="甲乙丙丁", evidence=Evidence(quote="甲乙")
            ),
        ],
    )


def source_of(record: Record) -> str:
    """A source text stating every gold value (the quotes, one per line)."""
    quotes = [f.evidence.quote for f in record.figures] + [n.evidence.quote for n in record.narratives]
    for project in record.projects:
        quotes.append(project.evidence.quote)
        quotes.extend(row.evidence.quote for row in project.indicators)
    return "\n".join(quotes)


def planted(gold: Record) -> Record:
    """The gold record with the errors the tests count by hand."""
    pred = gold.model_copy(deep=True)
    figures = pred.figures
    figures[0] = figures[0].model_copy(update={"value": 15198600.0, "unit": "元"})  # same amount in 元: right
    figures[3] = figures[3].model_copy(update={"value": 320.36})  # shifted: wrong
    figures[4] = figures[4].model_copy(update={"subject": "交通运输支出（类）"})  # same subject: right
    del figures[2]  # dropped: omission
    figures.append(_fig("revenue_other", "actual", 5.0, "其他收入5.00万元"))  # spurious: hallucination
    p0, p1 = pred.projects
    p0.budget.executed = 25  # wrong cell
    p0.indicators[0] = p0.indicators[0].model_copy(update={"target": "4.0", "unit": "期 "})  # same after normalization
    p0.indicators[3] = p0.indicators[3].model_copy(update={"actual": "85"})  # wrong cell
    del p0.indicators[1]  # dropped row
    p1.total_score = 90  # wrong cell
    pred.narratives = [
        pred.narratives[1].model_copy(update={"text": "一二三四五六七八"}),  # ROUGE-L 16/18: right
        pred.narratives[2].model_copy(update={"text": "甲乙戊己"}),  # ROUGE-L 4/8: wrong
    ]  # functions dropped: omission
    return pred


def _scored(gold: Record, pred: Record | None, source: str | None = None, name: str = "a"):  # type: ignore[no-untyped-def]
    status = "scored" if pred is not None else "missing"
    return evaluate_case(Case(name, gold, pred, status, source))  # type: ignore[arg-type]


def test_gold_against_itself_scores_one_everywhere() -> None:
    gold = gold_record()
    summary = build_summary([_scored(gold, gold, source_of(gold))], [], [], [], [])
    for family in ("figures", "projects", "indicators", "narratives"):
        score = getattr(summary, family)
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0), family
        assert (score.omissions, score.hallucinations, score.mismatches) == (0, 0, 0), family
    assert summary.indicators.cell_accuracy == 1.0 and summary.projects.cell_accuracy == 1.0
    assert summary.narratives.rouge_l == 1.0 and summary.projects.text_rouge_l == 1.0
    assert summary.review.unflagged_accuracy == 1.0 and summary.review.flag_rate == 0.0
    assert summary.review.flag_recall is None  # nothing wrong: undefined, not 1.0
    assert summary.documents["a"].figures.f1 == 1.0


def test_planted_errors_score_what_is_counted_by_hand() -> None:
    gold = gold_record()
    summary = build_summary([_scored(gold, planted(gold))], [], [], [], [])
    figures = summary.figures
    # gold 7, predicted 7 (one dropped, one spurious), matched 5 (元 and （类） forms still match)
    assert (figures.gold, figures.predicted, figures.matched) == (7, 7, 5)
    assert figures.precision == pytest.approx(5 / 7) and figures.recall == pytest.approx(5 / 7)
    assert figures.f1 == pytest.approx(5 / 7)
    assert (figures.omissions, figures.hallucinations, figures.mismatches) == (
        1,
        1,
        1,
    )  # no source: shift is a mismatch

    projects = summary.projects
    assert (projects.precision, projects.recall) == (1.0, 1.0)  # p0 by code, p1 (no code) by name
    # cells stated in p0: code + 6 budget + total = 8; in p1: 4 budget + total = 5; wrong: p0 executed, p1 total
    assert (projects.cells_right, projects.cells_total) == (11, 13)
    assert projects.by_field["budget/executed"].total == 2 and projects.by_field["budget/executed"].right == 1
    assert (projects.omissions, projects.hallucinations, projects.mismatches) == (0, 0, 2)

    rows = summary.indicators
    assert (rows.gold, rows.predicted, rows.matched) == (6, 5, 5)
    assert rows.precision == 1.0 and rows.recall == pytest.approx(5 / 6) and rows.f1 == pytest.approx(10 / 11)
    # cells of matched rows: 8 + 6 + 8 (p0 rows 0, 2, 3) + 8 + 6 (p1) = 36, one wrong (p0 row 3 actual)
    assert (rows.cells_right, rows.cells_total) == (35, 36)
    assert rows.cell_accuracy == pytest.approx(35 / 36)
    assert rows.omissions == 9  # the dropped row's stated values: level1..score, no reason
    assert (rows.hallucinations, rows.mismatches) == (0, 1)

    narratives = summary.narratives
    assert (narratives.gold, narratives.predicted, narratives.matched) == (3, 2, 1)
    assert narratives.precision == 0.5 and narratives.recall == pytest.approx(1 / 3)
    assert narratives.by_kind["key_work"].rouge_l == pytest.approx(16 / 18)
    assert narratives.by_kind["performance_goal"].rouge_l == pytest.approx(0.5)
    assert narratives.by_kind["functions"].rouge_l == 0.0
    assert narratives.rouge_l == pytest.approx((16 / 18 + 0.5 + 0.0) / 3)
    assert (narratives.omissions, narratives.hallucinations, narratives.mismatches) == (1, 0, 1)


def test_a_shifted_value_written_nowhere_in_the_source_is_a_hallucination() -> None:
    gold = gold_record()
    summary = build_summary([_scored(gold, planted(gold), source_of(gold))], [], [], [], [])
    assert (summary.figures.omissions, summary.figures.hallucinations, summary.figures.mismatches) == (1, 2, 0)
    # executed 25 is written nowhere; total 90 is (群众满意度≥90%), so that wrong total stays a mismatch
    assert (summary.projects.hallucinations, summary.projects.mismatches) == (1, 1)
    assert (summary.indicators.hallucinations, summary.indicators.mismatches) == (1, 0)  # 85 is nowhere
    # the precision and recall do not depend on the source
    assert summary.figures.matched == 5


def test_a_missing_document_counts_as_all_misses() -> None:
    gold = gold_record()
    other = Record(
        document=DocumentRef(name="b.txt", sha256="1" * 64),
        figures=[
            _fig("three_public_total", "actual", 2.0, "三公经费2.00万元"),
            _fig("official_reception", "actual", 0.5, "公务接待费0.50万元"),
        ],
        narratives=[Narrative(kind="functions", text="职能", evidence=Evidence(quote="职能"))],
    )
    summary = build_summary([_scored(gold, planted(gold)), _scored(other, None, name="b")], ["b"], [], [], [])
    b = summary.documents["b"]
    assert b.status == "missing"
    assert (b.figures.recall, b.figures.precision, b.figures.f1) == (0.0, None, 0.0)
    assert b.figures.omissions == 2 and b.narratives.omissions == 1
    # pooled: gold 7 + 2, predicted 7, matched 5
    assert summary.figures.recall == pytest.approx(5 / 9) and summary.figures.precision == pytest.approx(5 / 7)
    assert summary.figures.f1 == pytest.approx(10 / 16)
    assert summary.missing == ["b"]


def test_every_predicted_value_has_one_outcome_at_its_pointer() -> None:
    gold = gold_record()
    pred = planted(gold)
    result = _scored(gold, pred)
    predicted = sorted(o.predicted.pointer for o in result.outcomes if o.predicted is not None)
    stated = sorted(p for p, v in reviewable_pointers(pred.model_dump(mode="json")) if v is not None)
    assert predicted == stated
    gold_side = sorted(o.gold.pointer for o in result.outcomes if o.gold is not None)
    assert gold_side == sorted(p for p, v in reviewable_pointers(gold.model_dump(mode="json")) if v is not None)


def test_mismatch_lines_name_the_pointer_and_both_values() -> None:
    gold = gold_record()
    lines = list(mismatch_lines([_scored(gold, planted(gold))]))
    shifted = next(line for line in lines if line["gold"] == 319.36)
    assert shifted["status"] == "mismatch" and shifted["predicted"] == 320.36
    assert shifted["pointer"] == "/figures/2/value" and shifted["gold_pointer"] == "/figures/3/value"
    assert shifted["evidence"]["gold"]["quote"] == "项目支出319.36万元"
    cell = next(line for line in lines if line["pointer"] == "/projects/0/indicators/2/actual")
    assert (cell["gold"], cell["predicted"], cell["status"]) == ("95", "85", "mismatch")
    assert {line["status"] for line in lines} == {"mismatch", "omission", "hallucination"}


@settings(max_examples=30, deadline=None)
@given(st.sets(st.integers(min_value=0, max_value=6)))
def test_dropping_figures_lowers_recall_only(dropped: set[int]) -> None:
    gold = gold_record()
    pred = gold.model_copy(deep=True)
    pred.figures = [f for i, f in enumerate(gold.figures) if i not in dropped]
    figures = build_summary([_scored(gold, pred)], [], [], [], []).figures
    assert figures.recall == pytest.approx((7 - len(dropped)) / 7)
    assert figures.precision == (1.0 if len(dropped) < 7 else None)
    assert figures.omissions == len(dropped) and figures.hallucinations == 0


def _write(folder: Path, name: str, record: Record | str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = record if isinstance(record, str) else record.model_dump_json(indent=1)
    (folder / f"{name}.json").write_text(text, encoding="utf-8")


def test_folders_pair_by_stem_and_name_missing_extra_and_malformed_records(tmp_path: Path) -> None:
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold = gold_record()
    for name in ("a", "b", "c"):
        _write(gold_dir, name, gold)
    _write(pred_dir, "a", gold)
    broken = json.loads(gold.model_dump_json())
    broken["figures"][3]["value"] = "lots"
    _write(pred_dir, "b", json.dumps(broken))
    _write(pred_dir, "z", gold)  # no gold: reported, not scored
    _write(pred_dir, "eval", '{"figures": {"f1": 1.0}}')  # a summary written beside the records: not a record
    evaluation = evaluate(gold_dir, pred_dir)
    summary = evaluation.summary
    assert summary.missing == ["c"] and summary.extra == ["z"]
    assert [(Path(e.file).name, e.pointer) for e in summary.errors] == [("b.json", "/figures/3/value")]
    assert "valid number" in summary.errors[0].message
    assert {n: d.status for n, d in summary.documents.items()} == {"a": "scored", "b": "malformed", "c": "missing"}
    assert summary.documents["a"].figures.f1 == 1.0 and summary.documents["b"].figures.recall == 0.0
    assert summary.figures.recall == pytest.approx(7 / 21)
    assert summary.source_checked is False  # no samples/ beside the gold folder


def test_a_file_that_is_not_json_is_named_with_line_and_column(tmp_path: Path) -> None:
    _write(tmp_path / "gold", "a", gold_record())
    _write(tmp_path / "pred", "a", '{"document": {"name": "a.txt",\n "sha256": }')
    errors = evaluate(tmp_path / "gold", tmp_path / "pred").summary.errors
    assert len(errors) == 1 and errors[0].file.endswith("a.json") and "line 2 column" in errors[0].message


def test_sources_beside_the_gold_folder_are_used_for_the_invented_number_check(tmp_path: Path) -> None:
    gold = gold_record()
    _write(tmp_path / "gold", "a", gold)
    _write(tmp_path / "pred", "a", planted(gold))
    (tmp_path / "samples").mkdir()
    (tmp_path / "samples" / "a.txt").write_text(source_of(gold), encoding="utf-8")
    summary = evaluate(tmp_path / "gold", tmp_path / "pred").summary
    assert summary.source_checked is True
    assert (summary.figures.hallucinations, summary.figures.mismatches) == (2, 0)


def test_a_project_with_a_misread_name_pairs_by_its_rows_and_only_its_name_counts_wrong() -> None:
    gold = gold_record()
    gold.projects[0].indicators.append(_row("产出指标", "时效指标", "按时完成率", "=", "100", "%", "100", 5, 5))
    pred = gold.model_copy(deep=True)
    pred.projects[0].name, pred.projects[0].code = "|", None  # a torn name label and no code
    summary = build_summary([_scored(gold, pred)], [], [], [], [])
    assert (summary.projects.gold, summary.projects.predicted, summary.projects.matched) == (2, 2, 2)
    assert summary.indicators.cell_accuracy == 1.0 and summary.indicators.recall == 1.0
    assert summary.projects.mismatches == 1  # the name; the missing code is an omission
    assert summary.projects.omissions == 1
    # two rows in common are too few to call two differently named projects the same
    pred.projects[0].indicators = pred.projects[0].indicators[:2]
    gold.projects[0].indicators = gold.projects[0].indicators[:2]
    summary = build_summary([_scored(gold, pred)], [], [], [], [])
    assert summary.projects.matched == 1 and summary.indicators.recall == pytest.approx(2 / 4)
