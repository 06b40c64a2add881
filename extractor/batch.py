"""Batch extraction: many input files to one record each, resumable, stoppable.

In: input files (`outputs.collect_inputs`), an output folder, settings. Out: a record per input at
the path `outputs.plan_outputs` gives it (`<stem>.json` for unique names), written atomically; an
input whose record is current for the same source and configuration is skipped, so a second run
writes nothing; every failure is named and the rest go on. An interrupt stops at once, keeps every
record already written and returns what was done (`BatchResult.interrupted`).
"""

from __future__ import annotations

import hashlib
import json
import traceback
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from extractor.extract.llm.client import LLMError
from extractor.load import LoadError
from extractor.outputs import (
    Input,
    OutputError,
    OutputPlan,
    Planned,
    plan_outputs,
    prepare_out_dir,
    remove_stale_temps,
    write_record,
)
from extractor.settings import Settings
from extractor.workers import run_workers

if TYPE_CHECKING:
    from extractor.extractors import ModelHealth


@dataclass
class Outcome:
    usage: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    failed: dict[Path, str] = field(default_factory=dict)
    usage: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # what the run did besides extracting (the plan's are apart)
    not_done: list[Path] = field(default_factory=list)  # left by an interrupt
    interrupted: bool = False
    abandoned: bool = False  # interrupted with worker threads still in model calls (they end with the process)
    model: ModelHealth | None = None  # what an engine's workers' model stacks saw (Ray); None: ask this process's


def is_current(job: Planned, settings: Settings) -> bool:
    """Whether the record for `job.source` exists and was made from the same bytes and configuration."""
    if not job.target.exists():
        return False
    try:
        run = json.loads(job.target.read_text(encoding="utf-8"))["meta"]["run"]
        digest = hashlib.sha256(job.source.read_bytes()).hexdigest()
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return run.get("source_sha256") == digest and run.get("configuration") == settings.fingerprint() and not run.get("failures")


def extract_one(job: Planned, settings: Settings) -> Outcome:
    """Extract one file and write its record atomically; returns its usage counters and load warnings."""
    from extractor.pipeline import extract_file

    record = extract_file(job.source, settings)
    write_record(job.target, record.to_json() + "\n")
    run = record.meta.run or {}
    return Outcome(usage=dict(run.get("usage") or {}), warnings=list(run.get("load_warnings") or []))


def plan_batch(inputs: list[Input], out_dir: Path) -> OutputPlan:
    """Check the output folder (raises `OutputError` before anything is extracted) and name every record."""
    prepare_out_dir(out_dir)
    return plan_outputs(inputs, out_dir)


def run_batch(
    plan: OutputPlan,
    settings: Settings,
    jobs: int = 1,
    on_done: Callable[[Path, str], None] | None = None,
) -> BatchResult:
    """Extract what is not current, `jobs` documents at a time; an interrupt returns what was done."""
    result = BatchResult(failed=dict(plan.refused))
    removed = remove_stale_temps(plan.out_dir)
    if removed:
        result.notices.append(f"removed {len(removed)} temporary file(s) an interrupted run left in {plan.out_dir}")
    todo = []
    for job in plan.jobs:
        if is_current(job, settings):
            result.skipped.append(job.source)
            if on_done:
                on_done(job.source, "skipped")
        else:
            todo.append(job)
    remaining = {job.source for job in todo}
    work = partial(_guarded, settings=settings)
    try:
        with closing(run_workers(work, todo, jobs, threads=settings.llm_enabled)) as finished:
            for job, outcome in finished:
                remaining.discard(job.source)
                _count(result, job, outcome)
                if on_done:
                    on_done(job.source, "failed" if outcome.error else "written")
    except KeyboardInterrupt:
        result.interrupted = True
        result.abandoned = settings.llm_enabled
        for job in todo:
            if job.source not in remaining:
                continue
            if is_current(job, settings):  # a worker wrote it just before the stop
                result.written.append(job.target)
            else:
                result.not_done.append(job.source)
    return result


def _count(result: BatchResult, job: Planned, outcome: Outcome) -> None:
    if outcome.error is not None:
        result.failed[job.source] = outcome.error
        return
    result.written.append(job.target)
    result.warnings.extend(outcome.warnings)
    for key, value in outcome.usage.items():
        result.usage[key] = result.usage.get(key, 0) + int(value)


def _guarded(job: Planned, settings: Settings) -> Outcome:
    try:
        return extract_one(job, settings)
    except LoadError as exc:
        return Outcome(error=str(exc))
    except OutputError as exc:  # the record could not be written: name the record, not the input
        return Outcome(error=str(exc))
    except LLMError as exc:  # a bad key, model or endpoint: one line, the batch goes on
        return Outcome(error=f"{job.source}: {exc}")
    except OSError as exc:
        return Outcome(error=f"{job.source}: {exc.strerror or exc}")
    except Exception as exc:  # a bug met on one document fails that document; the batch goes on and says so
        return Outcome(error=f"{job.source}: {_bug(exc)}")


def _bug(exc: Exception) -> str:
    """One line for an unexpected exception: its type, message and the innermost place it was raised."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"internal error {type(exc).__name__}: {exc}{where} (a bug: please report it with this input)"
