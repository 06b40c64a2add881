"""The `extractor` CLI: extract writes records, resumes, names failures and keeps the rest; chunk prints the tree."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from schemas import Record

runner = CliRunner()


def test_extract_writes_one_record_per_input_and_resumes(tmp_path: Path, sample_paths: list[Path]) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in sample_paths:
        shutil.copy(path, inputs / path.name)
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(inputs), "--out", str(out), "--no-llm"])
    assert result.exit_code == 0, result.output
    records = sorted(out.glob("*.json"))
    assert [p.stem for p in records] == [p.stem for p in sample_paths]
    for path in records:
        record = Record.model_validate_json(path.read_text(encoding="utf-8"))
        assert record.review is not None and record.assessments is not None
        assert record.meta.run and record.meta.run["source_sha256"] == record.document.sha256
    assert "5 written" in result.output
    again = runner.invoke(app, ["extract", str(inputs), "--out", str(out), "--no-llm"])
    assert again.exit_code == 0
    assert "0 written, 5 current" in again.output
    # a changed input is extracted again
    (inputs / sample_paths[0].name).write_text("第一部分 概况\n2023年度收、支总计10.00万元。\n", encoding="utf-8")
    third = runner.invoke(app, ["extract", str(inputs), "--out", str(out), "--no-llm"])
    assert "1 written, 4 current" in third.output


def test_bad_inputs_are_named_and_the_rest_still_finish(tmp_path: Path, sample_paths: list[Path]) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(sample_paths[3], inputs / sample_paths[3].name)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02\x03PK\x03\x04" * 100)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.json").write_text(json.dumps({"kept": True}), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(inputs), str(tmp_path / "absent.txt"), "--out", str(out), "--no-llm"])
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.output
    assert "binary.txt: binary file" in result.output
    assert "absent.txt: no such file" in result.output
    assert "Traceback" not in result.output
    assert (out / f"{sample_paths[3].stem}.json").exists()
    assert json.loads((out / "keep.json").read_text())["kept"] is True  # nothing already there is lost


def test_chunk_prints_the_section_tree(sample_paths: list[Path]) -> None:
    result = runner.invoke(app, ["chunk", str(sample_paths[3])])
    assert result.exit_code == 0, result.output
    assert "（一）部门职能" in result.output
    assert "source[" in result.output


def test_chunk_of_a_bad_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_bytes(b"")
    result = runner.invoke(app, ["chunk", str(tmp_path / "e.txt")])
    assert result.exit_code == 1
    assert "e.txt: empty file" in result.output


def test_a_wrong_setting_is_one_clear_line(tmp_path: Path, sample_paths: list[Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EXTRACTOR_LLM_CONCURRENCY", "lots")
    result = runner.invoke(app, ["extract", str(sample_paths[3]), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "llm_concurrency" in result.output
    assert "Traceback" not in result.output


def test_serve_refuses_a_public_address_without_a_token(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("EXTRACTOR_REVIEW_TOKEN", raising=False)
    db = f"sqlite:///{tmp_path / 'r.db'}"
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--db", db, "--llm-model", "m", "--llm-base-url", "http://127.0.0.1:9/v1"])
    assert result.exit_code == 2
    assert "EXTRACTOR_REVIEW_TOKEN" in result.output


def test_chunk_of_a_folder_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["chunk", str(tmp_path)])
    assert result.exit_code == 1
    assert "is a folder, not a report file" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--concurrency", "0"], {}, "(flag --concurrency)"),
        ([], {"EXTRACTOR_LLM_TIMEOUT_S": "nan"}, "EXTRACTOR_LLM_TIMEOUT_S"),
        ([], {"EXTRACTOR_LLM_TIMEOUT_S": "inf"}, "finite number"),
        ([], {"EXTRACTOR_MAX_INPUT_BYTES": "0"}, "EXTRACTOR_MAX_INPUT_BYTES"),
    ],
)
def test_an_impossible_number_setting_is_one_line(
    tmp_path: Path, monkeypatch, args: list[str], env: dict[str, str], message: str  # type: ignore[no-untyped-def]
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    (tmp_path / "r.txt").write_text("2023年度收、支总计10.00万元。\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "r.txt"), "--out", str(tmp_path / "out"), *args])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_serve_on_a_port_in_use_is_one_line_and_announces_nothing(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port), "--no-llm", "--db", f"sqlite:///{tmp_path / 'r.db'}"])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output and "another --port" in result.output
    assert "review UI on" not in result.output and "Traceback" not in result.output
    assert not (tmp_path / "r.db").exists()  # nothing was set up


def test_serve_on_an_impossible_port_is_refused() -> None:
    result = runner.invoke(app, ["serve", "--port", "99999", "--no-llm"])
    assert result.exit_code == 2
    assert "--port" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://ann:s3cret@127.0.0.1/reviews", "driver is not installed"),
        ("nonsense", "Could not parse"),
    ],
)
def test_serve_with_an_unusable_database_url_is_one_line_without_the_password(url: str, message: str) -> None:
    result = runner.invoke(app, ["serve", "--port", "0", "--no-llm", "--db", url])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert "s3cret" not in result.output


@pytest.mark.parametrize("where", ["parent-is-a-file", "unwritable"])
def test_eval_html_to_an_unwritable_path_is_one_line_before_scoring(tmp_path: Path, where: str) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    target = tmp_path / "file" / "report.html" if where == "parent-is-a-file" else Path("/proc/self/report.html")
    gold = Path(__file__).resolve().parent.parent / "eval" / "gold"
    result = runner.invoke(app, ["eval", "--gold", str(gold), "--pred", str(tmp_path), "--html", str(target)])
    assert result.exit_code == 2
    assert f"--html {target}" in result.output and "Traceback" not in result.output
    assert "figures" not in result.output  # nothing was scored
