"""Benchmark of the batch engines (`make bench`): the local batch against `--engine ray` on this machine.

1. Throughput, rules only: N documents (the bundled samples under different names, made in a temporary folder)
   through each engine, documents per second for both, and whether their records are identical byte for byte.
2. Latency-bound: M distinct documents against the simulated model server (eval/openai_server.py) answering
   every call after `--latency` seconds; the wall time of each engine against the ideal, calls × latency ÷
   concurrency (the model-call bound is the whole run's, so no engine can beat it).

    python -m eval.scale_bench            # short: 100 documents, 12 at 1 s latency
    python -m eval.scale_bench --full     # 1,000 documents, 60 at 1 s latency

Ray's start-up (a local cluster) is timed apart: a cluster that is already running does not pay it.
"""

from __future__ import annotations

import argparse
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


def make_documents(folder: Path, count: int, distinct: bool = False) -> Path:
    """`count` documents: the samples in turn under names of their own (`<stem>-0001.txt`); `distinct` adds a
    line naming each copy, so that no two ask the model the same question (no call is answered by the cache)."""
    samples = sorted(samples_dir().glob("*.txt"))
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


def same_records(a: Path, b: Path) -> tuple[bool, int]:
    left = {p.relative_to(a).as_posix(): p.read_bytes() for p in a.rglob("*.json")}
    right = {p.relative_to(b).as_posix(): p.read_bytes() for p in b.rglob("*.json")}
    return left == right, len(left)


def throughput(scratch: Path, documents: int, jobs: int) -> Table:
    inputs = make_documents(scratch / "in", documents)
    rules = Settings(cache_dir=scratch / "cache").without_llm()
    local = run_local(inputs, scratch / "local", rules, jobs)
    ray_run = run_ray(inputs, scratch / "ray", rules, jobs)
    identical, count = same_records(scratch / "local", scratch / "ray")
    table = Table(title=f"{documents} documents, rules only, {jobs} at once")
    for column in ("engine", "seconds", "documents/s", "written", "failed"):
        table.add_column(column, justify="left" if column == "engine" else "right")
    for timed in (local, ray_run):
        table.add_row(timed.engine, f"{timed.seconds:.1f}", f"{timed.per_second:.2f}", str(len(timed.result.written)),
                      str(len(timed.result.failed)))  # fmt: skip
    table.caption = f"records identical byte for byte: {'yes' if identical else 'NO'} ({count} each)"
    return table


def latency_bound(scratch: Path, documents: int, latency: float, concurrency: int, jobs: int) -> Table:
    inputs = make_documents(scratch / "llm-in", documents, distinct=True)

    def answer(request: Recorded) -> Reply:
        return Reply.json({request_family(request.body): []}, usage=(1000, 10), delay_s=latency)

    table = Table(title=f"{documents} documents against the simulated model at {latency:g} s a call, "
                        f"concurrency {concurrency}, {jobs} documents at once")  # fmt: skip
    for column in ("engine", "calls", "wall s", "ideal s", "wall ÷ ideal", "most calls at once"):
        table.add_column(column, justify="left" if column == "engine" else "right")
    with OpenAIServer(answer) as server:
        for name, runner in (("local", run_local), ("ray", run_ray)):
            settings = Settings.model_validate({
                "llm_base_url": server.url, "llm_model": "simulated", "llm_api_key": "none",
                "llm_concurrency": concurrency, "cache_dir": scratch / f"cache-{name}", "llm_max_retries": 0,
            })  # fmt: skip
            before, server.max_in_flight = len(server.requests), 0
            timed = runner(inputs, scratch / f"llm-{name}", settings, jobs)
            calls = len(server.requests) - before
            ideal = calls * latency / concurrency
            table.add_row(name, str(calls), f"{timed.seconds:.1f}", f"{ideal:.1f}",
                          f"{timed.seconds / ideal:.2f}" if ideal else "-", str(server.max_in_flight))  # fmt: skip
            if name == "local":
                from extractor.extractors import model_client

                model_client.cache_clear()
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="1,000 documents, 60 at the model's latency")
    parser.add_argument("--documents", type=int, help="documents for the throughput run (default 100; --full 1000)")
    parser.add_argument("--latency-documents", type=int, help="documents for the latency run (default 12; --full 60)")
    parser.add_argument("--latency", type=float, default=1.0, help="seconds the simulated model takes a call")
    parser.add_argument("--concurrency", type=int, default=16, help="model calls at once, for the whole run")
    parser.add_argument("--jobs", type=int, default=2, help="documents at once, rules only (default: 2, the cores)")
    parser.add_argument("--llm-jobs", type=int, default=8, help="documents at once against the model")
    args = parser.parse_args(argv)
    documents = args.documents or (1000 if args.full else 100)
    latency_documents = args.latency_documents or (60 if args.full else 12)
    console = Console()
    with tempfile.TemporaryDirectory(prefix="scale-bench-") as folder:
        scratch = Path(folder)
        started = start_ray()
        try:
            console.print(f"Ray: a local cluster started in {started:.1f} s (not counted below)")
            console.print(throughput(scratch, documents, args.jobs))
            console.print(latency_bound(scratch, latency_documents, args.latency, args.concurrency, args.llm_jobs))
        finally:
            import ray

            ray.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
