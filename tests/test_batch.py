"""Batch extraction under faults: colliding names, unwritable output, leftovers of a killed run.

Records are named uniquely and stably (a second run writes nothing), the output folder is checked
before anything is extracted, and a write that fails names the record, not the input. The
interrupt and kill -9 cases run the real CLI in a subprocess: see test_batch_signals.py.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path, PurePosixPath

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.outputs import Input, plan_outputs, remove_stale_temps
from schemas import Record
from tests.review_helpers import MINI

runner = CliRunner()


def _report(units: str, total: str) -> str:
    """A small report of our own: one sentence with a grand total, under a heading."""
    return f"{units}2023年度部门决算\n\n一、收入支出决算总体情况说明\n2023年度收、支总计{total}万元。\n"


def _extract(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["extract", *args, "--no-llm"])
    return result.exit_code, result.output


def test_inputs_with_one_stem_get_records_of_their_own_and_a_second_run_writes_nothing(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "report.txt").write_text(_report("甲单位", "11.10"), encoding="utf-8")
    (inputs / "report.md").write_text(_report("乙单位", "22.20"), encoding="utf-8")
    (inputs / "sub" / "report.txt").write_text(_report("丙单位", "33.30"), encoding="utf-8")
    (inputs / "alone.txt").write_text(_report("丁单位", "44.40"), encoding="utf-8")
    out = tmp_path / "out"

    code, output = _extract(str(inputs), "--out", str(out))
    assert code == 0, output
    assert "4 written" in output
    assert "share the name report" in output and "report.md.json" in output  # said, not silent
    totals = {}
    for path in sorted(out.rglob("*.json")):
        record = Record.model_validate_json(path.read_text(encoding="utf-8"))
        totals[path.relative_to(out).as_posix()] = [f.value for f in record.figures if f.key == "grand_total_revenue"]
    assert totals == {
        "alone.json": [44.4],  # a unique stem keeps <stem>.json
        "report.md.json": [22.2],
        "report.txt.json": [11.1],
        "sub/report.json": [33.3],
    }

    code, output = _extract(str(inputs), "--out", str(out))
    assert code == 0 and "0 written, 4 current" in output


def test_the_same_name_from_two_folders_is_refused_by_name_and_the_rest_go_on(tmp_path: Path) -> None:
    for folder, total in (("a", "1.00"), ("b", "2.00")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(_report("某单位", total), encoding="utf-8")
    (tmp_path / "a" / "other.txt").write_text(_report("某单位", "3.00"), encoding="utf-8")
    out = tmp_path / "out"
    code, output = _extract(str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(out))
    assert code == 1
    assert output.count("would all write") == 2 and "Traceback" not in output
    assert sorted(p.name for p in out.iterdir()) == ["other.json"]


def test_names_are_unique_on_a_case_insensitive_disk_and_stable() -> None:
    inputs = [
        Input(Path("in/Report.txt"), PurePosixPath("Report.txt")),
        Input(Path("in/report.md"), PurePosixPath("report.md")),
        Input(Path("in/x/y.txt"), PurePosixPath("x/y.txt")),
    ]
    first = plan_outputs(inputs, Path("out"))
    assert [j.target.as_posix() for j in first.jobs] == ["out/Report.txt.json", "out/report.md.json", "out/x/y.json"]
    again = plan_outputs(list(reversed(inputs)), Path("out"))
    assert {j.source: j.target for j in again.jobs} == {j.source: j.target for j in first.jobs}


def test_temporary_files_of_a_killed_run_are_removed_and_a_live_one_is_not(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    dead = out / "sub" / "a.json.tmp999999999"  # no such process
    dead.write_text("{half", encoding="utf-8")
    old = out / f"b.json.tmp{os.getppid()}"  # a live process, but an hour old: nobody is writing it
    old.write_text("{half", encoding="utf-8")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    live = out / f"c.json.tmp{os.getpid()}"
    live.write_text("{being written", encoding="utf-8")
    assert sorted(p.name for p in remove_stale_temps(out)) == [dead.name, old.name]
    assert live.exists() and not dead.exists() and not old.exists()

    live.unlink()
    dead.write_text("{half", encoding="utf-8")
    (tmp_path / "r.txt").write_text(_report("某单位", "5.00"), encoding="utf-8")
    code, output = _extract(str(tmp_path / "r.txt"), "--out", str(out))
    assert code == 0, output
    assert "removed 1 temporary file" in output and not dead.exists()


@pytest.mark.parametrize(
    ("make_out", "message"),
    [
        (lambda base: (base / "file").write_text("x") and base / "file", "is a file, not a folder"),
        (lambda base: (base / "file").write_text("x") and base / "file" / "out", "cannot create the folder"),
        (lambda base: Path("/proc/self/records"), "cannot"),
    ],
    ids=["out-is-a-file", "parent-is-a-file", "unwritable"],
)
def test_an_unusable_output_folder_is_one_line_before_anything_is_extracted(
    tmp_path: Path, make_out, message: str  # type: ignore[no-untyped-def]
) -> None:
    out = make_out(tmp_path)
    source = tmp_path / "r.txt"
    source.write_text(_report("某单位", "5.00"), encoding="utf-8")
    code, output = _extract(str(source), "--out", str(out))
    assert code == 2
    assert message in output and str(out) in output
    assert "Traceback" not in output and "written" not in output  # nothing was extracted


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through a read-only mode; /proc covers it above")
def test_a_read_only_output_folder_is_refused_before_extracting(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o500)
    source = tmp_path / "r.txt"
    source.write_text(_report("某单位", "5.00"), encoding="utf-8")
    try:
        code, output = _extract(str(source), "--out", str(out))
    finally:
        out.chmod(0o700)
    assert code == 2 and "cannot write records there" in output


def test_a_record_that_cannot_be_written_is_named_not_its_input(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "sub" / "r.txt").write_text(_report("某单位", "5.00"), encoding="utf-8")
    (inputs / "ok.txt").write_text(_report("某单位", "6.00"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").write_text("a file where the records' folder should be", encoding="utf-8")
    code, output = _extract(str(inputs), "--out", str(out))
    assert code == 1
    assert f"cannot write {out / 'sub' / 'r.json'}" in output
    assert (out / "ok.json").exists()
    assert not list(out.rglob("*.tmp*"))


def test_load_warnings_reach_the_record_and_the_summary(tmp_path: Path) -> None:
    data = MINI.read_bytes()
    cut = data.index("收".encode()) + 1  # inside a character: the character and the bad byte are one bad run
    (tmp_path / "bad.txt").write_bytes(data[:cut] + b"\xff" + data[cut:])
    out = tmp_path / "out"
    code, output = _extract(str(tmp_path / "bad.txt"), "--out", str(out))
    assert code == 0, output
    assert "warning: bad.txt: invalid UTF-8 at bytes" in output
    record = json.loads((out / "bad.json").read_text(encoding="utf-8"))
    (warning,) = record["meta"]["run"]["load_warnings"]
    assert f"invalid UTF-8 at bytes {cut - 1:,}-{cut + 2:,} (line 3)" in warning
    assert record["figures"], "the rest of the report is read"


def _square(n: int) -> int:
    return n * n


def _broken(n: int) -> int:
    raise ValueError(f"a bug on item {n}")


@pytest.mark.parametrize("threads", [True, False], ids=["threads", "processes"])
def test_workers_give_every_result_and_a_bug_in_a_worker_stays_loud(threads: bool) -> None:
    from extractor.workers import run_workers

    assert sorted(run_workers(_square, [1, 2, 3, 4], 2, threads=threads)) == [(1, 1), (2, 4), (3, 9), (4, 16)]
    with pytest.raises(ValueError, match="a bug on item"):
        list(run_workers(_broken, [1, 2, 3], 2, threads=threads))


def test_a_bug_met_on_one_document_fails_that_document_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extractor.pipeline

    real = extractor.pipeline.extract_file

    def broken_on_b(source, settings):  # type: ignore[no-untyped-def]
        if Path(source).stem == "b":
            raise IndexError("list index out of range")
        return real(source, settings)

    monkeypatch.setattr(extractor.pipeline, "extract_file", broken_on_b)
    inputs = tmp_path / "in"
    inputs.mkdir()
    for stem in "abc":
        shutil.copy(MINI, inputs / f"{stem}.txt")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(inputs), "--out", str(out), "--no-llm", "--jobs", "1"])
    assert result.exit_code != 0
    assert sorted(p.name for p in out.glob("*.json")) == ["a.json", "c.json"]
    assert "b.txt" in result.output and "internal error IndexError: list index out of range" in result.output
    assert "Traceback" not in result.output
