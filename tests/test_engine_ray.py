"""`extractor extract --engine ray`: the local batch's records, byte for byte, its resume rule, progress and summary,
one bound on model calls for the whole cluster and one call cache, fsspec URLs, and `--store`.

One local Ray cluster (2 CPUs) serves the whole module: the CLI finds Ray started and joins it. Inputs are small.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eval.openai_server import PROFILES, OpenAIServer, Recorded, Reply
from eval.simulate import request_family
from extractor.cli import app
from extractor.store import Store
from tests.review_helpers import MINI

ray = pytest.importorskip("ray")  # an optional extra; `make test` installs it
# Ray's driver leaves a file of its own to the garbage collector when its actors end: not ours to close
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module", autouse=True)
def cluster() -> Iterator[None]:
    import logging

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR,
             object_store_memory=128 * 1024 * 1024)  # fmt: skip
    yield
    ray.shutdown()


def _report(unit: str, total: str) -> str:
    """A small report of our own: one sentence with a grand total, under a heading."""
    return f"{unit}2023年度部门决算\n\n一、收入支出决算总体情况说明\n2023年度收、支总计{total}万元。\n"


def _inputs(folder: Path, count: int = 6) -> Path:
    """Reports under names that need the naming rules: a sub-folder, two stems shared by two extensions."""
    (folder / "sub").mkdir(parents=True)
    for k in range(count):
        (folder / f"unit{k:03d}.txt").write_text(_report(f"单位{k}", f"{100 + k}.50"), encoding="utf-8")
    (folder / "sub" / "unit000.txt").write_text(_report("子单位", "7.25"), encoding="utf-8")
    (folder / "same.txt").write_text(_report("甲", "1.00"), encoding="utf-8")
    (folder / "same.md").write_text(_report("乙", "2.00"), encoding="utf-8")
    return folder


def _extract(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["extract", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a bug, not an exit code
    return result.exit_code, result.output


def _records(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.json"))}


def test_the_samples_and_generated_names_give_the_local_batch_records_byte_for_byte(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(ROOT / "eval" / "samples", inputs)
    _inputs(inputs / "generated")
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    code, local_output = _extract(str(inputs), "--out", str(local), "--no-llm", "--jobs", "2")
    assert code == 0, local_output
    code, output = _extract(str(inputs), "--out", str(on_ray), "--no-llm", "--engine", "ray", "--jobs", "2")
    assert code == 0, output
    assert _records(on_ray) == _records(local) and len(_records(local)) == 14
    summary = next(line for line in output.splitlines() if " written, " in line)
    assert summary == next(line for line in local_output.splitlines() if " written, " in line).replace("local", "ray")
    assert "14 written, 0 current (skipped), 0 failed" in summary and "extracting" in output
    assert "share the name same" in output  # the plan's notices, as the local batch gives them


def test_a_finished_record_is_never_redone_and_a_half_written_one_never_appears(tmp_path: Path) -> None:
    inputs, out = _inputs(tmp_path / "in"), tmp_path / "out"
    code, output = _extract(str(inputs), "--out", str(out), "--no-llm", "--engine", "ray")
    assert code == 0 and "9 written" in output, output
    first = {p: p.stat().st_mtime_ns for p in out.rglob("*.json")}
    (out / "unit001.json").unlink()  # never finished
    (out / "unit002.json.tmp999999999").write_text("{half", encoding="utf-8")  # a killed worker's
    (inputs / "unit003.txt").write_text(_report("单位3", "999.00"), encoding="utf-8")  # changed since
    code, output = _extract(str(inputs), "--out", str(out), "--no-llm", "--engine", "ray")
    assert code == 0, output
    assert "2 written, 7 current (skipped), 0 failed" in output and "removed 1 temporary file" in output
    redone = {p for p, t in first.items() if p.exists() and p.stat().st_mtime_ns != t}
    assert redone == {out / "unit001.json", out / "unit003.json"}  # the missing one and the changed one
    assert not list(out.rglob("*.tmp*"))
    code, output = _extract(str(inputs), "--out", str(out), "--no-llm", "--engine", "ray")
    assert code == 0 and "0 written, 9 current (skipped)" in output


def test_a_killed_ray_batch_keeps_whole_records_and_the_next_run_goes_on(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    quick = [p for p in sorted((ROOT / "eval" / "samples").glob("*.txt")) if p.name.startswith(("001", "003"))]
    count = 40
    for k in range(count):  # the two samples whose rules take a tenth of a second: the run is long, not the test
        shutil.copy(quick[k % 2], inputs / f"doc{k:02d}.txt")
    out = tmp_path / "out"
    command = [str(Path(sys.executable).with_name("extractor")), "extract", str(inputs), "--out", str(out), "--no-llm",
               "--engine", "ray", "--jobs", "2",
               "--address", ray.get_runtime_context().gcs_address]  # the module's cluster: no start-up of its own
    # a test run started in the background by a shell ignores SIGINT, and so would the batch (an ignored signal is
    # inherited): the batch gets the default back, as a terminal's Ctrl-C finds it
    batch = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # fmt: skip
    deadline = time.monotonic() + 240
    while len(list(out.glob("*.json"))) < 3:
        assert batch.poll() is None and time.monotonic() < deadline, "the Ray batch wrote nothing"
        time.sleep(0.2)
    batch.send_signal(signal.SIGINT)
    output, _ = batch.communicate(timeout=120)
    assert batch.returncode == 130, output
    assert "interrupted:" in output and "not done" in output and "Traceback" not in output
    kept = sorted(out.glob("*.json"))
    assert 3 <= len(kept) < count
    for path in kept:  # every record there is whole
        assert json.loads(path.read_text(encoding="utf-8"))["meta"]["run"]["source_sha256"]
    code, output = _extract(str(inputs), "--out", str(out), "--no-llm", "--engine", "ray", "--jobs", "2")
    assert code == 0, output
    assert f"{count - len(kept)} written, {len(kept)} current (skipped), 0 failed" in output


def _empty_answers(request: Recorded) -> Reply:
    """A model that finds nothing, slowly enough for calls to overlap."""
    return Reply.json({request_family(request.body): []}, usage=(1000, 10), delay_s=1.0)


def test_model_calls_share_one_bound_and_one_cache_across_the_cluster(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    inputs = _inputs(tmp_path / "in", count=4)
    with OpenAIServer(_empty_answers) as server:
        monkeypatch.setenv("EXTRACTOR_LLM_BASE_URL", server.url)
        monkeypatch.setenv("EXTRACTOR_LLM_API_KEY", "test")
        model = ["--llm-model", "m", "--concurrency", "2"]
        code, local_output = _extract(str(inputs), "--out", str(tmp_path / "local"), *model, "--jobs", "3",
                                      "--cache-dir", str(tmp_path / "c1"))  # fmt: skip
        assert code == 0, local_output
        local_calls = len(server.requests)
        server.max_in_flight = 0
        code, output = _extract(str(inputs), "--out", str(tmp_path / "ray"), *model, "--jobs", "3",
                                "--cache-dir", str(tmp_path / "c2"), "--engine", "ray")  # fmt: skip
        assert code == 0, output
        assert len(server.requests) == 2 * local_calls and local_calls >= 7  # a call per document at least
        assert server.max_in_flight == 2  # three workers, one bound of two for all of them
        assert _records(tmp_path / "ray") == _records(tmp_path / "local")
        assert f"LLM: {local_calls} calls, 0 cache hits" in output
        # the driver found the mode (auto) once and told the workers: none of them probed, so every cache key
        # names the mode found (a worker that probed for itself keyed its first calls `auto`, lost to a warm run)
        assert len(server.probes) == 2  # the local run's and the Ray driver's
        # the cache the first Ray run filled answers a second one: no call reaches the server
        code, output = _extract(str(inputs), "--out", str(tmp_path / "again"), *model, "--jobs", "3",
                                "--cache-dir", str(tmp_path / "c2"), "--engine", "ray")  # fmt: skip
        assert code == 0, output
        assert len(server.requests) == 2 * local_calls
        assert f"LLM: 0 calls, {local_calls} cache hits" in output
        for record in _records(tmp_path / "again").values():  # a worker that only met the cache names the mode too
            assert json.loads(record)["meta"]["run"]["llm"]["mode"] == "json_schema"


def test_a_server_that_cuts_an_answer_when_another_arrives_gets_one_call_at_a_time_from_the_cluster(
    tmp_path: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    inputs = _inputs(tmp_path / "in", count=4)
    cutting = replace(PROFILES["llama-cpp-python"], token_delay_s=0.05)  # cuts what it streams when one arrives
    with OpenAIServer(_empty_answers, profile=cutting) as server:
        monkeypatch.setenv("EXTRACTOR_LLM_BASE_URL", server.url)
        monkeypatch.setenv("EXTRACTOR_LLM_API_KEY", "test")
        code, output = _extract(str(inputs), "--out", str(tmp_path / "ray"), "--llm-model", "m", "--concurrency", "2",
                                "--jobs", "2", "--cache-dir", str(tmp_path / "c"), "--engine", "ray")  # fmt: skip
    assert code == 0, output
    assert server.cut >= 1  # two workers' calls met on the server once at least, and the bound then went to one
    assert f"LLM: {len(server.requests)} calls" in output and "0 failed" in output
    for record in _records(tmp_path / "ray").values():
        assert not json.loads(record)["meta"]["run"].get("failures")


def test_an_endpoint_that_goes_down_opens_one_breaker_for_the_cluster_and_the_exit_says_incomplete(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    inputs = _inputs(tmp_path / "in", count=6)
    with OpenAIServer(lambda request: Reply.failure(503, "upstream gone")) as server:  # probes answer, calls fail
        for name, value in {"EXTRACTOR_LLM_BASE_URL": server.url, "EXTRACTOR_LLM_API_KEY": "test",
                            "EXTRACTOR_LLM_BREAKER_FAILURES": "2", "EXTRACTOR_LLM_MAX_RETRIES": "0"}.items():  # fmt: skip
            monkeypatch.setenv(name, value)
        code, output = _extract(str(inputs), "--out", str(tmp_path / "ray"), "--llm-model", "m", "--concurrency", "1",
                                "--jobs", "3", "--cache-dir", str(tmp_path / "c"), "--engine", "ray")  # fmt: skip
    assert code == 1, output
    assert "9 written" in output  # every record written, with what the rules found
    assert "the rest of the run was rules-only" in output and "upstream gone" in output
    # one breaker for the three workers: it opened at the second failure in the cluster, nothing was sent after
    assert len(server.requests) == 2
    refused = int(output.split(" calls not sent")[0].rsplit("(", 1)[1])
    assert refused >= 9 - 2  # at least a call per document still to do was refused unsent
    assert f"incomplete: {2 + refused} model calls failed" in output  # the two sent and every one refused
    for record in _records(tmp_path / "ray").values():
        assert json.loads(record)["meta"]["run"]["failures"]  # each record says what the model did not do


def test_inputs_and_records_at_fsspec_urls(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in", count=3)
    code, local_output = _extract(str(inputs), "--out", str(tmp_path / "local"), "--no-llm")
    assert code == 0, local_output
    url_in, url_out = f"file://{inputs}", f"file://{tmp_path / 'at-url'}"
    code, output = _extract(url_in, "--out", url_out, "--no-llm", "--engine", "ray")
    assert code == 0, output
    assert "6 written" in output and "share the name same" in output
    assert _records(tmp_path / "at-url") == _records(tmp_path / "local")
    code, output = _extract(url_in, "--out", url_out, "--no-llm", "--engine", "ray")
    assert code == 0 and "0 written, 6 current (skipped)" in output, output
    code, output = _extract(f"file://{tmp_path / 'nowhere'}", "--out", url_out, "--no-llm", "--engine", "ray")
    assert code == 1 and "nowhere: no such file" in output


@pytest.mark.parametrize("engine", ["local", "ray"])
def test_store_puts_every_record_into_the_review_queue_once(tmp_path: Path, engine: str) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(MINI, inputs / "mini.txt")
    (inputs / "other.txt").write_text(_report("某单位", "12.00"), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'review.db'}"
    args = [str(inputs), "--out", str(tmp_path / "out"), "--no-llm", "--engine", engine, "--store", url]
    code, output = _extract(*args)
    assert code == 0, output
    assert "2 record(s) put into the review store" in output
    store = Store(url)
    try:
        documents = {d.name: d for d in store.documents()}
        assert set(documents) == {"mini.txt", "other.txt"} and all(d.status == "done" for d in documents.values())
        on_disk = json.loads((tmp_path / "out" / "mini.json").read_text(encoding="utf-8"))
        assert store.record(documents["mini.txt"].id) == on_disk
        assert store.fields(documents["mini.txt"].id)  # flagged fields wait in the queue
    finally:
        store.close()
    code, output = _extract(*args)  # again: nothing new for the store
    assert code == 0 and "0 record(s) put into the review store" in output, output


def test_ray_asked_for_but_not_installed_is_one_line(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "ray.data", None)  # an import of it now fails, as without the extra
    (tmp_path / "r.txt").write_text(_report("某单位", "5.00"), encoding="utf-8")
    code, output = _extract(str(tmp_path / "r.txt"), "--out", str(tmp_path / "out"), "--no-llm", "--engine", "ray")
    assert code == 2
    assert "pip install 'budget-extractor[ray]'" in output and "Traceback" not in output
    assert not (tmp_path / "out").exists()
    code, output = _extract(str(tmp_path / "r.txt"), "--no-llm", "--address", "ray://head:10001")
    assert code == 2 and "--address names a Ray cluster: use it with --engine ray" in output
