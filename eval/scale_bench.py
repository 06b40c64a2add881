"""Benchmark of the batch engines (`make bench`): the local batch against `--engine ray` on this machine.

1. Throughput, rules only: N documents (the bundled samples under different names, made in a temporary folder)
   through each engine, documents per second for both, and whether their records are identical byte for byte.
2. Names: N small documents (each the head of a sample) under generated names that need the naming rules
   (nested folders, one stem under two extensions, the same name in several folders, spaces and accents), rules
   only, through both engines: whether every record is the same, byte for byte, under the same name.
3. Latency-bound: M distinct documents against the simulated model server (eval/openai_server.py) answering
   every call after `--latency` seconds; the wall time of each engine against the ideal, calls × latency ÷
   concurrency (the model-call bound is the whole run's, so no engine can beat it). The documents are copies of
   the samples whose rules are quick beside their calls (`--latency-samples`, the self-evaluation forms 001 and 003: a
   few calls each, about 0.1 s of rules), so that the model is the bound, as the table's name says: the caption
   gives the rules' CPU time per document, which is the bound instead when it exceeds calls × latency ÷
   concurrency (on the local batch over one core: its threads share one interpreter). The local batch runs as
   `extractor extract` in a process of its own, as Ray's workers do, so the simulated server's own work is not
   counted against it.

    python -m eval.scale_bench            # short: 100 documents, 1,000 names, 60 at 1 s latency
    python -m eval.scale_bench --full     # 1,000 documents, 1,000 names, 240 at 1 s latency

Ray's start-up (a local cluster) is timed apart: a cluster that is already running does not pay it.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from eval.openai_server import OpenAIServer, Recorded, Reply
from eval.simulate import request_family
from extractor.batch import BatchResult, plan_batch, run_batch
from extractor.bench import samples_dir
from extractor.outputs import collect_inputs
from extractor.settings import Settings


@dataclass
class Timed:
    engine: str
    documents: int
    seconds: float
    result: BatchResult
    calls: int = 0

    @property
    def per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def make_documents(folder: Path, count: int, distinct: bool = False, only: tuple[str, ...] = ()) -> Path:
    """`count` documents: the samples (those whose names start with one of `only`, when given) in turn under names
    of their own (`<stem>-0001.txt`); `distinct` adds a line naming each copy, so that no two ask the model the
    same question (no call is answered by the cache)."""
    samples = [p for p in sorted(samples_dir().glob("*.txt")) if not only or p.name.startswith(only)]
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(count):
        sample = samples[k % len(samples)]
        target = folder / f"{sample.stem}-{k:04d}.txt"
        if distinct:
            target.write_text(sample.read_text(encoding="utf-8") + f"\n\nref {k:04d}\n", encoding="utf-8")
        else:
            shutil.copy(sample, target)
    return folder


def run_local(inputs: Path, out: Path, settings: Settings, jobs: int) -> Timed:
    start = time.perf_counter()
    plan = plan_batch(collect_inputs([inputs]), out)
    result = run_batch(plan, settings, jobs)
    return Timed("local", len(plan.jobs), time.perf_counter() - start, result)


def run_local_cli(inputs: Path, out: Path, settings: Settings, jobs: int) -> Timed:
    """The local batch as a user runs it, `extractor extract` in a process of its own: in this process its threads
    would share one interpreter with the simulated model server's, and the server's work would count against the
    batch (Ray's workers are processes of their own, so the comparison would not be fair)."""
    import os
    import subprocess
    import sys

    env = dict(os.environ)
    env.update({
        "EXTRACTOR_LLM_BASE_URL": settings.llm_base_url or "", "EXTRACTOR_LLM_MODEL": settings.llm_model or "",
        "EXTRACTOR_LLM_API_KEY": settings.llm_api_key.get_secret_value() if settings.llm_api_key else "",
        "EXTRACTOR_LLM_CONCURRENCY": str(settings.llm_concurrency), "EXTRACTOR_LLM_MAX_RETRIES": str(settings.llm_max_retries),
        "EXTRACTOR_CACHE_DIR": str(settings.cache_dir),
    })  # fmt: skip
    command = [sys.executable, "-c", "from extractor.cli import app; app()", "extract", str(inputs), "--out", str(out),
               "--jobs", str(jobs)]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    result = BatchResult(written=sorted(out.rglob("*.json")))
    if done.returncode != 0:
        result.failed[inputs] = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
    return Timed("local", len(collect_inputs([inputs])), seconds, result)


def start_ray() -> float:
    import ray

    start = time.perf_counter()
    ray.init(include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR,
             object_store_memory=256 * 1024 * 1024)  # fmt: skip
    return time.perf_counter() - start


def run_ray(inputs: Path, out: Path, settings: Settings, jobs: int) -> Timed:
    from extractor.engines import places
    from extractor.engines.ray import run_batch_ray

    start = time.perf_counter()
    found, _missing = places.collect([str(inputs)])
    placed = places.plan(found, str(out))
    result = run_batch_ray(placed, settings, jobs)
    return Timed("ray", len(placed.jobs), time.perf_counter() - start, result)


def same_records(a: Path, b: Path, *, but_usage: bool = False) -> tuple[bool, int]:
    """Whether two folders hold the same records byte for byte (`but_usage`: apart from each record's usage
    counters, which say how many of its calls the run's cache answered: timing decides that when copies of one
    document ask the same question at once)."""

    def read(folder: Path) -> dict[str, bytes]:
        records = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.json")}
        if not but_usage:
            return records
        stripped = {}
        for name, data in records.items():
            record = json.loads(data)
            record["meta"]["run"].pop("usage", None)
            stripped[name] = json.dumps(record, sort_keys=True).encode("utf-8")
        return stripped

    left, right = read(a), read(b)
    return left == right, len(left)


def throughput(scratch: Path, documents: int, jobs: int) -> Table:
    inputs = make_documents(scratch / "in", documents)
    return _both_engines(inputs, scratch, "", jobs, f"{documents} documents, rules only, {jobs} at once", "")


def _both_engines(inputs: Path, scratch: Path, prefix: str, jobs: int, title: str, same: str) -> Table:
    """Run the inputs rules-only on the local batch and on Ray; a table of both and whether their records agree."""
    rules = Settings(cache_dir=scratch / "cache").without_llm()
    local = run_local(inputs, scratch / f"{prefix}local", rules, jobs)
    ray_run = run_ray(inputs, scratch / f"{prefix}ray", rules, jobs)
    identical, count = same_records(scratch / f"{prefix}local", scratch / f"{prefix}ray")
    table = Table(title=title.format(documents=local.documents))
    for column in ("engine", "seconds", "documents/s", "written", "failed"):
        table.add_column(column, justify="left" if column == "engine" else "right")
    for timed in (local, ray_run):
        table.add_row(timed.engine, f"{timed.seconds:.1f}", f"{timed.per_second:.2f}", str(len(timed.result.written)),
                      str(len(timed.result.failed)))  # fmt: skip
    table.caption = f"records identical byte for byte{same}: {'yes' if identical else 'NO'} ({count} each)"
    return table


def rules_cpu(inputs: Path) -> float:
    """The rules' CPU seconds per document, on one core, over the distinct samples among `inputs` (one each)."""
    from extractor.pipeline import extract_file

    rules = Settings(cache_dir=inputs / ".rules-cache").without_llm()
    firsts = {p.name.rsplit("-", 1)[0]: p for p in sorted(inputs.glob("*.txt"))}
    extract_file(next(iter(firsts.values())), rules)  # the imports and first-use costs are not a document's
    start = time.process_time()
    for path in firsts.values():
        extract_file(path, rules)
    return (time.process_time() - start) / max(1, len(firsts))


def make_names(folder: Path, count: int) -> Path:
    """`count` small documents (the first 5-40 lines of a sample, a line naming the copy) under generated names:
    folders two deep, every tenth stem also under a second extension, stems repeated across folders, spaces and
    accented letters."""
    samples = [p.read_text(encoding="utf-8").splitlines() for p in sorted(samples_dir().glob("*.txt"))]
    for k in range(count):
        lines = samples[k % len(samples)][: 5 + k % 36]
        place = folder / f"unit {k % 7}" / (f"sub\u00e9{k % 3}" if k % 2 else "")
        stem = f"report {k // 3:04d}" if k % 3 else f"r\u00e9sum\u00e9-{k:04d}"
        extension = ".md" if k % 10 == 9 else ".txt"
        place.mkdir(parents=True, exist_ok=True)
        text = "\n".join([*lines, f"copy {k:04d}"]) + "\n"
        (place / f"{stem}{extension}").write_text(text, encoding="utf-8")
        if k % 10 == 9:  # the same stem under another extension: the plan names both records apart
            (place / f"{stem}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def names(scratch: Path, count: int, jobs: int) -> Table:
    inputs = make_names(scratch / "names-in", count)
    title = f"{{documents}} small documents under generated names, rules only, {jobs} at once"
    return _both_engines(inputs, scratch, "names-", jobs, title, ", under the same names")


def latency_bound(
    scratch: Path, documents: int, latency: float, concurrency: int, jobs: int, only: tuple[str, ...] = ()
) -> Table:
    inputs = make_documents(scratch / "llm-in", documents, distinct=True, only=only)

    def answer(request: Recorded) -> Reply:
        return Reply.json({request_family(request.body): []}, usage=(1000, 10), delay_s=latency)

    table = Table(title=f"{documents} documents against the simulated model at {latency:g} s a call, "
                        f"concurrency {concurrency}, {jobs} documents at once")  # fmt: skip
    columns = ("engine", "calls", "wall s", "ideal s", "wall ÷ ideal", "first call at s", "from it ÷ ideal",
               "most calls at once", "failed")  # fmt: skip
    for column in columns:
        table.add_column(column, justify="left" if column == "engine" else "right")
    from extractor.extractors import model_client

    with OpenAIServer(answer) as server:
        for name, runner in (("local", run_local_cli), ("ray", run_ray)):
            settings = Settings.model_validate({
                "llm_base_url": server.url, "llm_model": "simulated", "llm_api_key": "none",
                "llm_concurrency": concurrency, "cache_dir": scratch / f"cache-{name}", "llm_max_retries": 0,
            })  # fmt: skip
            model_client.cache_clear()
            before, server.max_in_flight, started = len(server.requests), 0, time.monotonic()
            timed = runner(inputs, scratch / f"llm-{name}", settings, jobs)
            sent = server.requests[before:]
            calls = len(sent)
            ideal = calls * latency / concurrency
            first = min(r.at for r in sent) - started if sent else 0.0  # the engine's start-up, mostly
            table.add_row(name, str(calls), f"{timed.seconds:.1f}", f"{ideal:.1f}",
                          f"{timed.seconds / ideal:.2f}" if ideal else "-", f"{first:.1f}",
                          f"{(timed.seconds - first) / ideal:.2f}" if ideal else "-", str(server.max_in_flight),
                          str(len(timed.result.failed)))  # fmt: skip
        model_client.cache_clear()
    identical, count = same_records(scratch / "llm-local", scratch / "llm-ray", but_usage=True)
    per_document = calls * latency / concurrency / max(1, documents)
    table.caption = (
        f"records identical but for their usage counters: {'yes' if identical else 'NO'} ({count} each); "
        f"rules {rules_cpu(inputs):.2f} CPU s a document against {per_document:.2f} s of the model's time"
    )
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="1,000 documents, 60 at the model's latency")
    parser.add_argument("--documents", type=int, help="documents for the throughput run (default 100; --full 1000)")
    parser.add_argument("--names", type=int, default=1000, help="documents under generated names (default 1,000)")
    parser.add_argument("--latency-documents", type=int, help="documents for the latency run (default 60; --full 240)")
    parser.add_argument("--latency-samples", default="001,003",
                        help="the samples the latency run copies (name prefixes; empty: all of them)")
    parser.add_argument("--latency", type=float, default=1.0, help="seconds the simulated model takes a call")
    parser.add_argument("--concurrency", type=int, default=4, help="model calls at once, for the whole run (default 4)")
    parser.add_argument("--jobs", type=int, default=2, help="documents at once, rules only (default: 2, the cores)")
    parser.add_argument("--llm-jobs", type=int, default=16, help="documents at once against the model")
    args = parser.parse_args(argv)
    documents = args.documents or (1000 if args.full else 100)
    latency_documents = args.latency_documents or (240 if args.full else 60)
    only = tuple(p for p in args.latency_samples.split(",") if p)
    console = Console()
    with tempfile.TemporaryDirectory(prefix="scale-bench-") as folder:
        scratch = Path(folder)
        started = start_ray()
        try:
            console.print(f"Ray: a local cluster started in {started:.1f} s (not counted below)")
            console.print(throughput(scratch, documents, args.jobs))
            console.print(names(scratch, args.names, args.jobs))
            console.print(latency_bound(scratch, latency_documents, args.latency, args.concurrency, args.llm_jobs, only))
        finally:
            import ray

            ray.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
