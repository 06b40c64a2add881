"""Stopping a batch with --jobs 2, the real CLI in a subprocess and real signals.

- Ctrl-C (SIGINT) with worker processes (rules): the batch stops at once, keeps every record written,
  prints its summary, exits 130, and leaves no worker behind.
- kill -9 of the batch: its worker processes notice and exit.
- Ctrl-C with worker threads (a model endpoint that never answers): the same, and no call is made
  after the stop.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from eval.openai_server import OpenAIServer, Recorded, Reply
from schemas import Record

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads process trees from /proc")
EXTRACTOR = str(Path(sys.executable).with_name("extractor"))
DOCUMENTS = 24


def _big_report(k: int) -> str:
    """A report of our own, long enough (a few hundred sections) that extracting it takes a moment."""
    sections = [f"某某第{k}单位2023年度部门决算\n"]
    for i in range(1, 400):
        sections.append(
            f"\n（{i}）第{i}项工作情况说明\n2023年度本年支出合计{i + k}.50万元，其中：基本支出{i}.20万元，"
            f"占{(i % 90) + 5}.10%；项目支出{k}.30万元。与上年相比增加{i % 7}.25万元，增长{i % 9}.5%。\n"
        )
    return "".join(sections)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for k in range(DOCUMENTS):
        (folder / f"r{k:02d}.txt").write_text(_big_report(k), encoding="utf-8")
    return folder


def _start(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "EXTRACTOR_CACHE_DIR": str(cwd / "cache")}
    env.pop("EXTRACTOR_LLM_MODEL", None)
    return subprocess.Popen(
        [EXTRACTOR, "extract", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: cleaned up below whatever happens
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # a shell's background job ignores it
    )


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    todo = [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                children = {int(c) for c in (task / "children").read_text().split()}
            except OSError:
                continue
            todo.extend(children - found)
            found |= children
    return found


def _running(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _wait_for(condition, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.fixture()
def cleanup() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        process.communicate(timeout=10)


def test_ctrl_c_stops_worker_processes_at_once_and_keeps_every_record(
    inputs: Path, tmp_path: Path, cleanup: list[subprocess.Popen[str]]
) -> None:
    out = tmp_path / "out"
    batch = _start([str(inputs), "--out", str(out), "--no-llm", "--jobs", "2"], tmp_path)
    cleanup.append(batch)
    _wait_for(lambda: any(out.glob("*.json")), 120, "the first record")
    workers = _descendants(batch.pid)
    assert len(workers) >= 2

    batch.send_signal(signal.SIGINT)
    stopped = time.monotonic()
    stdout, stderr = batch.communicate(timeout=60)
    # promptly: the queue is not worked off (the record count below); the clock only has to tell a stop from the
    # rest of the queue, with room for a loaded machine
    assert time.monotonic() - stopped < 30, "the batch did not stop promptly"
    assert batch.returncode == 130, stderr
    assert "written" in stdout and "interrupted:" in stderr and "not done" in stderr
    assert "Traceback" not in stderr
    records = sorted(out.glob("*.json"))
    assert 1 <= len(records) < DOCUMENTS, "every queued document was extracted anyway"
    for path in records:  # written whole, and kept
        Record.model_validate_json(path.read_text(encoding="utf-8"))
    written = int(stdout.split(" written")[0].split()[-1])
    assert written == len(records)
    _wait_for(lambda: not _running(workers), 20, "the workers to end")


def test_workers_exit_when_the_batch_is_killed(
    inputs: Path, tmp_path: Path, cleanup: list[subprocess.Popen[str]]
) -> None:
    out = tmp_path / "out"
    batch = _start([str(inputs), "--out", str(out), "--no-llm", "--jobs", "2"], tmp_path)
    cleanup.append(batch)
    _wait_for(lambda: any(out.glob("*.json")), 120, "the first record")
    workers = _descendants(batch.pid)
    assert len(workers) >= 2
    batch.kill()
    batch.communicate(timeout=30)  # returns when every holder of its output pipes, the workers too, is gone
    _wait_for(lambda: not _running(workers), 20, "the orphaned workers to exit")
    assert len(list(out.glob("*.json"))) < DOCUMENTS


def test_ctrl_c_stops_worker_threads_waiting_on_a_model_and_no_call_follows(
    inputs: Path, tmp_path: Path, cleanup: list[subprocess.Popen[str]]
) -> None:
    # an OpenAI-compatible endpoint that answers the model check (the probe) and never finishes a completion
    release = threading.Event()
    calls: list[float] = []

    def never_answers(request: Recorded) -> Reply:
        calls.append(time.monotonic())
        release.wait(60)
        return Reply.failure(503)

    server = OpenAIServer(never_answers).start()
    few = tmp_path / "few"
    few.mkdir()
    for path in sorted(inputs.glob("*.txt"))[:4]:
        (few / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    args = [str(few), "--out", str(tmp_path / "out"), "--jobs", "2", "--llm-model", "slow-model", "--llm-base-url", server.url]
    try:
        batch = _start(args, tmp_path)
        cleanup.append(batch)
        _wait_for(lambda: len(calls) >= 2, 120, "the model calls")
        batch.send_signal(signal.SIGINT)
        stopped = time.monotonic()
        stdout, stderr = batch.communicate(timeout=60)
        assert time.monotonic() - stopped < 30, "the batch waited for its model calls"  # they would take 60 s
        assert batch.returncode == 130, stderr
        assert "0 written" in stdout and "interrupted: 4 not done" in stderr
        made = len(calls)
        time.sleep(1)
        assert len(calls) == made, "a model call was made after the stop"
    finally:
        release.set()
        server.stop()
