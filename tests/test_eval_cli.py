"""`extractor eval`: terminal tables, the JSON summary, the HTML report and the errors file."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from eval.cli import register
from schemas import Assessment, DocumentRef, Evidence, Figure, Narrative, Record, Review

runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    app.command("other")(lambda: None)  # with one command typer would drop the command name
    register(app)
    return app


def _record(values: list[float], text: str = "负责全省交通物流发展。<b>") -> Record:
    keys = ["grand_total_revenue", "expenditure_basic", "expenditure_project"]
    return Record(
        document=DocumentRef(name="a.txt", sha256="0"),
        figures=[
            Figure(key=k, measure="actual", value=v, evidence=Evidence(quote=f"{k} {v}万元"))
            for k, v in zip(keys, values, strict=True)
        ],
        narratives=[Narrative(kind="functions", text=text, evidence=Evidence(quote="负责全省"))],
    )


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    pred.mkdir()
    for stem in ("a", "b"):
        (gold / f"{stem}.json").write_text(_record([10.0, 6.0, 4.0]).model_dump_json(), encoding="utf-8")
    predicted = _record([10.0, 6.0, 5.0])
    predicted.assessments = {
        "/figures/2/value": Assessment(confidence=0.3),
        "/figures/0/value": Assessment(confidence=0.9),
    }
    predicted.review = Review(threshold=0.8)
    (pred / "a.json").write_text(predicted.model_dump_json(), encoding="utf-8")
    return gold, pred


def test_eval_writes_the_summary_the_report_and_the_errors(
    app: typer.Typer, folders: tuple[Path, Path], tmp_path: Path
) -> None:
    gold, pred = folders
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "eval",
            "--gold",
            str(gold),
            "--pred",
            str(pred),
            "--json",
            str(out / "s.json"),
            "--html",
            str(out / "r.html"),
            "--errors",
            str(out / "e.jsonl"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "accuracy by family" in result.output and "missing predictions" in result.output

    summary = json.loads((out / "s.json").read_text(encoding="utf-8"))
    for family in ("figures", "projects", "indicators", "narratives"):
        assert {"precision", "recall", "f1"} <= set(summary[family])
    assert "cell_accuracy" in summary["indicators"] and "rouge_l" in summary["narratives"]
    assert {"flag_rate", "unflagged_accuracy", "flag_recall"} <= set(summary["review"])
    assert set(summary["documents"]) == {"a", "b"} and summary["documents"]["b"]["status"] == "missing"
    assert summary["documents"]["a"]["figures"]["f1"] == pytest.approx(2 / 3)
    assert summary["figures"]["recall"] == pytest.approx(2 / 6)
    assert summary["review"]["flag_recall"] == 1.0  # the one wrong predicted value was flagged

    lines = [json.loads(line) for line in (out / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    wrong = [line for line in lines if line["document"] == "a"]
    assert len(wrong) == 1 and (wrong[0]["pointer"], wrong[0]["gold"], wrong[0]["predicted"]) == (
        "/figures/2/value",
        4.0,
        5.0,
    )
    assert wrong[0]["flagged"] is True and wrong[0]["evidence"]["predicted"]["quote"] == "expenditure_project 5.0万元"
    assert len(lines) == 1 + 4  # document b: three figures and a narrative omitted

    html = (out / "r.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=|<link|@import|url\(""", html)  # no external assets
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svgs) == 5
    for svg in svgs:
        ET.fromstring(svg)  # well-formed
    assert "Reliability" in html and "&lt;b&gt;" in html  # text from records is escaped


def test_a_malformed_prediction_is_named_and_fails_the_run(app: typer.Typer, folders: tuple[Path, Path]) -> None:
    gold, pred = folders
    (pred / "b.json").write_text(
        '{"document": {"name": "b.txt", "sha256": "0"}, "figures": [{"key": "nope"}]}', encoding="utf-8"
    )
    result = runner.invoke(app, ["eval", "--gold", str(gold), "--pred", str(pred)])
    assert result.exit_code == 1
    assert "b.json /figures/0/key" in result.output and "unknown figure key" in result.output
    assert "Traceback" not in result.output


def test_no_gold_is_a_clear_error(app: typer.Typer, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["eval", "--gold", str(tmp_path / "empty"), "--pred", str(tmp_path)])
    assert result.exit_code == 2 and "no gold records" in result.output
    result = runner.invoke(app, ["eval", "--gold", str(tmp_path / "absent"), "--pred", str(tmp_path)])
    assert result.exit_code == 2 and "not a folder" in result.output


def test_the_project_cli_has_the_eval_command() -> None:
    from extractor.cli import app as project_app

    result = runner.invoke(project_app, ["eval", "--help"])
    assert result.exit_code == 0 and "--gold" in result.output
