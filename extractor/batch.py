"""Batch extraction: many input files to one `<stem>.json` record each, resumable.

In: input paths (files or folders), an output folder, settings. Out: records written atomically
(a temporary file renamed into place, so a kill never leaves half a record); an input whose record
is current for the same source and configuration is skipped; every failure is named and the rest
go on.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from extractor.extract.llm.client import LLMError
from extractor.load import LoadError
from extractor.settings import Settings

INPUT_SUFFIXES = {".txt", ".md", ".text", ".csv", ".tsv", ".html", ".htm"}


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    failed: dict[Path, str] = field(default_factory=dict)
    usage: dict[str, int] = field(default_factory=dict)


def collect_inputs(paths: list[Path]) -> list[Path]:
    """Files named, and the report files inside folders named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES))
        else:
            found.append(path)
    seen: set[Path] = set()
    return [p for p in found if not (p.resolve() in seen or seen.add(p.resolve()))]  # type: ignore[func-returns-value]


def record_path(out_dir: Path, source: Path) -> Path:
    return out_dir / f"{source.stem}.json"


def is_current(out_dir: Path, source: Path, settings: Settings) -> bool:
    """Whether the record for `source` exists and was made from the same bytes and configuration."""
    target = record_path(out_dir, source)
    if not target.exists():
        return False
    try:
        run = json.loads(target.read_text(encoding="utf-8"))["meta"]["run"]
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return run.get("source_sha256") == digest and run.get("configuration") == settings.fingerprint() and not run.get("failures")


def extract_one(source: Path, out_dir: Path, settings: Settings) -> dict[str, int]:
    """Extract one file and write its record atomically; returns the LLM usage counters."""
    from extractor.pipeline import extract_file

    record = extract_file(source, settings)
    target = record_path(out_dir, source)
    tmp = target.with_suffix(f".json.tmp{os.getpid()}")
    tmp.write_text(record.to_json() + "\n", encoding="utf-8")
    os.replace(tmp, target)
    return dict((record.meta.run or {}).get("usage") or {})


def run_batch(
    inputs: list[Path],
    out_dir: Path,
    settings: Settings,
    jobs: int = 1,
    on_done: Callable[[Path, str], None] | None = None,
) -> BatchResult:
    out_dir.mkdir(parents=True, exist_ok=True)
    result = BatchResult()
    todo = []
    for source in inputs:
        if is_current(out_dir, source, settings):
            result.skipped.append(source)
            if on_done:
                on_done(source, "skipped")
        else:
            todo.append(source)
    for source, outcome in _execute(todo, out_dir, settings, jobs):
        if isinstance(outcome, dict):
            result.written.append(record_path(out_dir, source))
            for key, value in outcome.items():
                result.usage[key] = result.usage.get(key, 0) + int(value)
            status = "written"
        else:
            result.failed[source] = outcome
            status = "failed"
        if on_done:
            on_done(source, status)
    return result


def _execute(todo: list[Path], out_dir: Path, settings: Settings, jobs: int) -> Iterator[tuple[Path, dict | str]]:
    if jobs <= 1 or len(todo) <= 1:
        for source in todo:
            yield source, _guarded(source, out_dir, settings)
        return
    # Rules are CPU-bound (processes); with a model, calls are I/O-bound (threads share the cache).
    pool_type = ThreadPoolExecutor if settings.llm_enabled else ProcessPoolExecutor
    with pool_type(max_workers=jobs) as pool:
        futures: dict[Future, Path] = {pool.submit(_guarded, s, out_dir, settings): s for s in todo}
        from concurrent.futures import as_completed

        for future in as_completed(futures):
            yield futures[future], future.result()


def _guarded(source: Path, out_dir: Path, settings: Settings) -> dict | str:
    try:
        return extract_one(source, out_dir, settings)
    except LoadError as exc:
        return str(exc)
    except LLMError as exc:  # a bad key, model or endpoint: one line, the batch goes on
        return f"{source}: {exc}"
    except OSError as exc:
        return f"{source}: {exc.strerror or exc}"
