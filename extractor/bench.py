"""Benchmark of the deterministic pipeline: time per stage, documents/s, characters/s, peak memory.

In: report files. Out: a rich table (printed by `extractor bench` / `make bench`). Runs in one
process on one core; the best of `repeat` runs is reported, so the numbers are repeatable.
"""

from __future__ import annotations

import resource
import time
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

from rich.table import Table

from extractor.chunk import chunk
from extractor.extract.rules import RulesExtractor
from extractor.extract.rules.meta import detect_meta
from extractor.families import FAMILIES
from extractor.ground import SourceIndex
from extractor.ground_candidates import ground_candidates
from extractor.load import load_path
from extractor.normalize import normalize
from extractor.reconcile import reconcile
from extractor.route import route
from extractor.score import score
from extractor.validate import validate
from schemas import DocumentRef, Record

STAGES = ("load", "normalize", "chunk", "route", "extract", "ground", "reconcile", "validate", "score")


def samples_dir() -> Path:
    return Path(str(files("eval") / "samples"))


def _time_one(path: Path, timings: dict[str, float]) -> int:
    def timed(stage: str, fn, *args):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        value = fn(*args)
        timings[stage] += time.perf_counter() - start
        return value

    loaded = timed("load", load_path, path)
    normalized = timed("normalize", normalize, loaded.text)
    chunks = timed("chunk", chunk, normalized)
    routes = timed("route", route, chunks, FAMILIES)
    extraction = timed("extract", RulesExtractor().extract, normalized, chunks, routes)
    index = timed("ground", SourceIndex, loaded.text)
    timed("ground", ground_candidates, extraction.candidates, index, {c.id: c for c in chunks})
    merged = timed("reconcile", reconcile, extraction.candidates, FAMILIES)
    record = Record(document=DocumentRef(name=loaded.name, sha256=loaded.sha256))
    merged.fill(record)
    record.meta = detect_meta(normalized, chunks)
    findings = timed("validate", validate, record)
    timed("score", score, record, merged, findings, index)
    return len(loaded.text)


def run_bench(paths: list[Path], repeat: int = 3) -> Table:
    best: dict[str, float] | None = None
    chars = 0
    for _ in range(max(1, repeat)):
        timings: dict[str, float] = defaultdict(float)
        chars = sum(_time_one(p, timings) for p in paths)
        if best is None or sum(timings.values()) < sum(best.values()):
            best = dict(timings)
    assert best is not None
    total = sum(best.values())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    table = Table(title=f"deterministic pipeline on {len(paths)} documents, {chars:,} characters (best of {repeat})")
    table.add_column("stage")
    table.add_column("seconds", justify="right")
    table.add_column("share", justify="right")
    for stage in STAGES:
        table.add_row(stage, f"{best.get(stage, 0.0):.4f}", f"{best.get(stage, 0.0) / total:.0%}" if total else "-")
    table.add_row("[bold]total[/]", f"[bold]{total:.4f}[/]", "100%")
    table.caption = (
        f"{len(paths) / total:.1f} documents/s, {chars / total:,.0f} characters/s, peak memory {peak_mb:.0f} MB (max RSS)"
    )
    return table
