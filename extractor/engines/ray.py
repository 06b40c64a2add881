"""The batch on Ray Data: `extractor extract PATH --engine ray [--address ADDR]`.

In: a plan of (input place, record place) pairs (`extractor.engines.places`: local paths or fsspec URLs), the
settings, the number of documents extracted at once, a progress callback. Out: the local batch's
`BatchResult`, and the same records byte for byte: each worker runs the same pipeline and writes each record
whole or not at all; a record that is current (same bytes, same configuration, no failures) is never redone.

Ray starts a local cluster when no address is given (and stops it after), or joins the cluster at `address`
(whose machines must have this version of budget-extractor installed, and reach the input and output places).
Each worker is an actor of a Ray Data map that extracts one document per row. Rules only, a worker per document
at once (CPU work); with a model, at most a worker per CPU of the cluster, each extracting several documents at
once on threads (they mostly wait on calls), and every worker's calls share one `Limiter` (the run's
`llm_concurrency`, for the whole cluster) and one call cache (`extractor.engines.ray_llm`). An interrupt (Ctrl-C, SIGTERM) stops the run at once: the workers are ended, the
records already written are kept, and the next run goes on from there.
"""

from __future__ import annotations

import json
import logging
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import ray
from ray.data import DataContext
from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

from extractor.batch import BatchResult, Outcome
from extractor.engines.places import (
    Placed,
    is_current,
    is_url,
    read_bytes,
    remove_stale,
    write_whole,
)
from extractor.engines.ray_llm import CallCache, Limiter, RunHealth, cluster_client, cluster_health, driver_mode
from extractor.extract.llm.client import LLMError
from extractor.load import LoadError, load_bytes, load_path
from extractor.outputs import OutputError
from extractor.settings import Settings

OBJECT_STORE_BYTES = 256 * 1024 * 1024  # a local cluster's shared memory: rows are file names and small outcomes


class ClusterMismatch(RuntimeError):
    """A worker runs another version of the extractor than the driver: its records would not be current."""


class _Extract:
    """A Ray Data worker: extracts the row's document and writes its record (or skips it when current)."""

    def __init__(
        self,
        settings: Settings,
        fingerprint: str,
        limiter: Any = None,
        cache: Any = None,
        health: Any = None,
        mode: str | None = None,
    ) -> None:
        if settings.fingerprint() != fingerprint:
            raise ClusterMismatch(
                f"a worker runs extractor {settings.fingerprint()}, the driver {fingerprint}: "
                "install the same version on every machine of the cluster"
            )
        self.settings = settings
        self.client = cluster_client(settings, limiter, cache, health, mode) if settings.llm_enabled else None

    def __call__(self, row: dict[str, Any]) -> dict[str, Any]:
        source, target = row["source"], row["target"]
        if is_current(source, target, self.settings):
            return {"source": source, "status": "skipped", "outcome": "{}"}
        outcome = self._guarded(source, target)
        status = "failed" if outcome.error is not None else "written"
        return {"source": source, "status": status, "outcome": json.dumps(vars(outcome), ensure_ascii=False)}

    def _guarded(self, source: str, target: str) -> Outcome:
        """As `extractor.batch._guarded`: every user-facing failure a line naming the input (or the record)."""
        try:
            return self._extract_one(source, target)
        except LoadError as exc:
            return Outcome(error=str(exc))
        except OutputError as exc:
            return Outcome(error=str(exc))
        except LLMError as exc:
            return Outcome(error=f"{source}: {exc}")
        except OSError as exc:
            return Outcome(error=f"{source}: {exc.strerror or exc}")

    def _extract_one(self, source: str, target: str) -> Outcome:
        from extractor.extractors import build_extractors
        from extractor.pipeline import run

        if is_url(source):
            name = source.rstrip("/").rsplit("/", 1)[-1]
            loaded = load_bytes(read_bytes(source), name=name, max_bytes=self.settings.max_input_bytes, ocr=self.settings.ocr)
        else:  # as `extractor.pipeline.extract_file` loads it
            loaded = load_path(Path(source), max_bytes=self.settings.max_input_bytes, ocr=self.settings.ocr)
        extractors = build_extractors(self.settings, self.client)  # per document, as the local batch: threads share a worker
        record = run(loaded, extractors, configuration=self.settings.fingerprint()).record
        write_whole(target, record.to_json() + "\n")
        meta = record.meta.run or {}
        return Outcome(usage=dict(meta.get("usage") or {}), warnings=list(meta.get("load_warnings") or []))


def run_batch_ray(
    placed: Placed,
    settings: Settings,
    jobs: int = 1,
    on_done: Callable[[str, str], None] | None = None,
    address: str | None = None,
) -> BatchResult:
    """Extract what is not current on Ray, `jobs` documents at a time; an interrupt returns what was done.

    `on_done(place, status)` is called on this machine as each document is done ("written", "skipped",
    "failed"), in the order they finish."""
    result = BatchResult(failed={Path(k): v for k, v in placed.refused.items()})
    removed = remove_stale(placed.out)
    if removed:
        result.notices.append(f"removed {len(removed)} temporary file(s) an interrupted run left in {placed.out}")
    todo = []
    for source, target in placed.jobs:  # local records are checked here, as the local batch does; URLs by workers
        if not is_url(source) and not is_url(target) and is_current(source, target, settings):
            result.skipped.append(Path(source))
            if on_done:
                on_done(source, "skipped")
        else:
            todo.append((source, target))
    if not todo:
        return result
    started = _connect(address)
    targets = dict(todo)
    remaining = dict(targets)
    health = RunHealth.remote(settings.llm_breaker_failures) if settings.llm_enabled else None  # type: ignore[attr-defined]
    try:
        for source, status, outcome in _run(todo, settings, jobs, health):
            remaining.pop(source, None)
            _count(result, source, Path(targets[source]), status, outcome)
            if on_done:
                on_done(source, status)
    except KeyboardInterrupt:
        result.interrupted = True
        for source, target in remaining.items():
            if is_current(source, target, settings):  # a worker wrote it just before the stop
                result.written.append(Path(target))
            else:
                result.not_done.append(Path(source))
    finally:
        if health is not None:
            result.model = cluster_health(settings, health, settings.llm_concurrency)
        if started:
            ray.shutdown()
    return result


def _connect(address: str | None) -> bool:
    """Join the cluster at `address`, or start a local one; True when this call started Ray (and must stop it)."""
    if ray.is_initialized():
        return False
    options: dict[str, Any] = {
        "include_dashboard": False,
        "log_to_driver": False,
        "logging_level": logging.ERROR,  # Ray's notes on its own set-up are not the batch's to show
        "configure_logging": True,
    }
    if address:
        ray.init(address=address, **options)
    else:
        ray.init(object_store_memory=OBJECT_STORE_BYTES, **options)
    return True


def _run(todo: list[tuple[str, str]], settings: Settings, jobs: int, health: Any) -> Iterator[tuple[str, str, Outcome]]:
    """(input place, status, outcome) of each job as its worker finishes it."""
    context = DataContext.get_current()
    logging.getLogger("ray.data").setLevel(logging.ERROR)  # the batch shows its own progress and summary
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    limiter = cache = mode = None
    if settings.llm_enabled:
        mode = driver_mode(settings)
        here = NodeAffinitySchedulingStrategy(node_id=ray.get_runtime_context().get_node_id(), soft=False)
        limiter = Limiter.remote(settings.llm_concurrency)  # type: ignore[attr-defined]
        cache = CallCache.options(scheduling_strategy=here).remote(  # type: ignore[attr-defined]
            str((settings.cache_dir / "llm").absolute())
        )
    rows = [{"source": source, "target": target} for source, target in todo]
    with warnings.catch_warnings():  # Ray Data calls its remote arguments deprecated, but has no other way to them
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = ray.data.from_items(rows, override_num_blocks=len(rows)).map(
            _Extract,  # type: ignore[arg-type]  # a class: Ray Data runs it as a pool of actors
            fn_constructor_kwargs={
                "settings": settings,
                "fingerprint": settings.fingerprint(),
                "limiter": limiter,
                "cache": cache,
                "health": health,
                "mode": mode,
            },
            compute=_pool(settings, min(jobs, len(rows))),
            num_cpus=1,
            max_restarts=0,  # a worker that dies fails the run loudly; the next run goes on from the records written
        )
    for row in dataset.iter_rows():
        yield row["source"], row["status"], Outcome(**json.loads(row["outcome"]))


def _pool(settings: Settings, at_once: int) -> ray.data.ActorPoolStrategy:
    """Rules only: a worker process per document at once (the work is CPU). With a model: at most a worker per
    CPU of the cluster, each extracting its share of the documents at once on threads, as the local batch does
    (a document mostly waits on its calls; a process per document would spend a core's start-up on each)."""
    if not settings.llm_enabled:
        return ray.data.ActorPoolStrategy(size=max(1, at_once))
    workers = max(1, min(at_once, int(ray.cluster_resources().get("CPU", 1))))
    threads = -(-max(1, at_once) // workers)
    return ray.data.ActorPoolStrategy(
        size=workers, max_concurrent_calls_per_actor=threads, enable_true_multi_threading=True
    )


def _count(result: BatchResult, source: str, target: Path, status: str, outcome: Outcome) -> None:
    if status == "skipped":
        result.skipped.append(Path(source))
        return
    if outcome.error is not None:
        result.failed[Path(source)] = outcome.error
        return
    result.written.append(target)
    result.warnings.extend(outcome.warnings)
    for key, value in outcome.usage.items():
        result.usage[key] = result.usage.get(key, 0) + int(value)
