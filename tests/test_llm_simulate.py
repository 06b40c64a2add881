"""Simulated providers (eval/simulate.py) on a made-up report and its gold, through the real LLM path."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

import pytest

from eval.simulate import Oracle, find, inject_errors, main, predict
from schemas import Budget, DocumentRef, Evidence, Figure, Indicator, Narrative, Project, Record

REPORT = """一、收入支出决算总体情况
2031年度收、支总计326.40万元。本年支出合计286.40万元，其中基本支出250.00万元，项目支出36.40万元。
二、“三公”经费支出情况
“三公”经费支出决算为2.35万元，公务接待费0.85万元。
三、部门职责
示例中心主要负责全市公共交通数据的汇集、治理和共享服务。
第三部分 项目自评
项目支出绩效自评表
项目名称\t示例平台运维经费
项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
年度资金总额\t50\t48\t45.6\t10\t95%\t9.5
一级指标\t二级指标\t三级指标\t指标值\t实际完成值\t分值\t得分\t偏差原因
产出指标\t数量指标\t系统巡检次数\t≥12次\t12次\t20\t20
产出指标\t质量指标\t故障修复率\t≥95%\t98%\t20\t20
总分\t100\t92.5
"""


def figure(key: str, value: float, quote: str) -> Figure:
    return Figure(key=key, measure="actual", value=value, evidence=Evidence(quote=quote))


def indicator(name: str, level2: str, target: str, actual: str, unit: str, quote: str) -> Indicator:
    return Indicator(level1="产出指标", level2=level2, name=name, comparator="≥", target=target, unit=unit,
                     actual=actual, weight=20, score=20, evidence=Evidence(quote=quote))  # fmt: skip


GOLD = Record(
    document=DocumentRef(name="sim.txt", sha256=hashlib.sha256(REPORT.encode()).hexdigest()),
    figures=[
        figure("expenditure_current_year", 286.40, "本年支出合计286.40万元"),
        figure("expenditure_basic", 250.00, "基本支出250.00万元"),
        figure("expenditure_project", 36.40, "项目支出36.40万元"),
        figure("three_public_total", 2.35, "“三公”经费支出决算为2.35万元"),
        figure("official_reception", 0.85, "公务接待费0.85万元"),
    ],
    projects=[
        Project(
            name="示例平台运维经费",
            budget=Budget(initial=50, adjusted=48, executed=45.6, execution_rate_pct=95, weight=10, score=9.5),
            total_score=92.5,
            indicators=[
                indicator("系统巡检次数", "数量指标", "12", "12", "次", "系统巡检次数\t≥12次\t12次\t20\t20"),
                indicator("故障修复率", "质量指标", "95", "98", "%", "故障修复率\t≥95%\t98%\t20\t20"),
            ],
            evidence=Evidence(quote="项目名称\t示例平台运维经费"),
        )
    ],
    narratives=[
        Narrative(kind="functions", text="示例中心主要负责全市公共交通数据的汇集、治理和共享服务。",
                  evidence=Evidence(quote="示例中心主要负责全市公共交通数据的汇集"))  # fmt: skip
    ],
)


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    gold, samples = tmp_path / "gold", tmp_path / "samples"
    gold.mkdir()
    samples.mkdir()
    (gold / "sim.json").write_text(GOLD.to_json(), encoding="utf-8")
    (samples / "sim.txt").write_text(REPORT, encoding="utf-8")
    return gold, samples


def test_the_oracle_answers_only_what_the_chunk_holds() -> None:
    oracle = Oracle(GOLD)
    answer = oracle.answer("figures", ["“三公”经费支出决算为2.35万元，公务接待费0.85万元。"])
    assert [(f["key"], f["value"]) for f in answer["figures"]] == [("three_public_total", 2.35), ("official_reception", 0.85)]
    assert oracle.answer("figures", ["三、部门职责"]) == {"figures": []}
    rows = oracle.answer("projects", ["产出指标\t质量指标\t故障修复率\t≥95%\t98%\t20\t20"])["projects"]
    assert [r["name"] for r in rows[0]["indicators"]] == ["故障修复率"]
    assert rows[0]["budget"] == {} and rows[0]["total_score"] is None  # the row states neither


def test_oracle_predictions_recover_the_gold(folders: tuple[Path, Path], tmp_path: Path) -> None:
    gold, samples = folders
    documents = predict("oracle", gold, samples, tmp_path / "out")
    record = Record.model_validate_json((tmp_path / "out" / "sim.json").read_text(encoding="utf-8"))
    assert {(f.key, f.value) for f in record.figures} == {(f.key, f.value) for f in GOLD.figures}
    assert [i.name for i in record.projects[0].indicators] == ["系统巡检次数", "故障修复率"]
    assert record.projects[0].budget.executed == 45.6
    assert [n.text for n in record.narratives] == [GOLD.narratives[0].text]
    assert all(f.evidence.start is not None for f in record.figures)
    assert record.meta.run and record.meta.run["llm"]["model"] == "simulated-oracle"
    (document,) = documents
    assert document.usage.calls >= 3 and document.failures == 0 and not document.injected
    assert document.usage.prompt_tokens > document.document_tokens > 0


def test_noisy_predictions_carry_injected_errors(folders: tuple[Path, Path], tmp_path: Path) -> None:
    gold, samples = folders
    (document,) = predict("noisy", gold, samples, tmp_path / "out", rate=1.0, seed=3)
    assert sum(document.injected.values()) > 0
    record = Record.model_validate_json((tmp_path / "out" / "sim.json").read_text(encoding="utf-8"))
    predicted = {(f.key, f.value) for f in record.figures}
    assert predicted != {(f.key, f.value) for f in GOLD.figures}
    again = predict("noisy", gold, samples, tmp_path / "again", rate=1.0, seed=3)
    assert again[0].injected == document.injected  # seeded: the same errors every run


@pytest.mark.parametrize("seed", range(6))
def test_injected_errors_are_the_kinds_models_make(seed: int) -> None:
    text = "本年支出合计286.40万元，预算数300.00万元。基本支出250.00万元。"
    answer = {"figures": [
        {"key": "expenditure_current_year", "measure": "actual", "value": 286.40, "quote": "本年支出合计286.40万元"},
        {"key": "expenditure_current_year", "measure": "budget", "value": 300.00, "quote": "预算数300.00万元"},
        {"key": "expenditure_basic", "measure": "actual", "value": 250.00, "quote": "基本支出250.00万元"},
    ]}  # fmt: skip
    before = json.loads(json.dumps(answer))
    kinds = inject_errors(answer, text, random.Random(seed), rate=1.0)
    assert kinds and set(kinds) <= {"wrong_digit", "neighbour_value", "swapped_pair", "not_in_chunk", "dropped"}
    assert answer != before
    if "not_in_chunk" in kinds:
        assert any(str(f["value"]) not in text and f"{f['value']:.2f}" not in text for f in answer["figures"])


def test_find_ignores_whitespace_and_width() -> None:
    assert find("项目名称\t示例 平台", "项目名称示例平台") == (0, 10)
    assert find("合计１，２３４.５万元", "1234.5") is not None
    assert find("abc", "xyz") is None


def test_the_command_prints_accuracy_and_usage(folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    gold, samples = folders
    assert main(["--mode", "oracle", "--gold", str(gold), "--samples", str(samples)]) == 0
    out = capsys.readouterr().out
    assert "LLM usage" in out and "sim" in out and "figures" in out


def test_the_command_finds_a_source_rendered_as_another_kind_of_file(
    folders: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The oracle per input kind: the gold names `sim.txt`, the folder holds `sim.docx` (the scorer checks values
    against the text of --sources)."""
    import docx

    gold, samples = folders
    rendered = tmp_path / "docx"
    rendered.mkdir()
    document = docx.Document()
    for line in REPORT.splitlines():
        document.add_paragraph(line)
    document.save(str(rendered / "sim.docx"))
    assert main(["--mode", "oracle", "--gold", str(gold), "--samples", str(rendered), "--sources", str(samples)]) == 0
    out = capsys.readouterr().out
    assert "no gold record" not in out and "figures" in out and "sim" in out
