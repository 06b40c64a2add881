"""Benchmark of the deterministic pipeline: time per stage, documents/s, characters/s, peak memory.

In: report files, or a size in MB. Out: rich tables (printed by `extractor bench` / `make bench`).
- `run_bench(paths)`: the pipeline's stages on the given files in one process on one core; the best of
  `repeat` runs is reported, so the numbers are repeatable.
- `run_scaling(sizes)`: for each size, one input of that many MB made of the bundled samples one after another
  (amounts varied from copy to copy, so no two copies are the same document), run through the pipeline in a
  fresh process: wall and CPU seconds per stage, peak memory after each stage, and the machine's load average
  (the machine is shared: CPU seconds are the figure to compare). Growth faster than the text shows here.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import partial
from importlib.resources import files
from pathlib import Path

from rich.table import Table

from extractor.load import load_path
from extractor.pipeline import run

STAGES = ("load", "normalize", "chunk", "route", "extract", "ground", "reconcile", "validate", "score")
_AMOUNT_TAIL = re.compile(r"(\d+\.\d*)(\d)")  # an amount's last decimal digit: varied from copy to copy


def samples_dir() -> Path:
    return Path(str(files("eval") / "samples"))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _time_one(path: Path, timings: dict[str, float], clock: Callable[[], float] = time.perf_counter,
              peaks: dict[str, float] | None = None) -> int:  # fmt: skip
    """Run the pipeline on one file, adding each stage's seconds (by `clock`) to `timings` and, when given,
    the peak memory after each stage to `peaks`. Returns the number of characters read."""
    last = clock()

    def mark(stage: str) -> None:
        nonlocal last
        now = clock()
        timings[stage] += now - last
        last = now
        if peaks is not None:
            peaks[stage] = _peak_mb()

    loaded = load_path(path)
    mark("load")
    run(loaded, mark=mark)
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
    table = Table(title=f"deterministic pipeline on {len(paths)} documents, {chars:,} characters (best of {repeat})")
    table.add_column("stage")
    table.add_column("seconds", justify="right")
    table.add_column("share", justify="right")
    for stage in STAGES:
        table.add_row(stage, f"{best.get(stage, 0.0):.4f}", f"{best.get(stage, 0.0) / total:.0%}" if total else "-")
    table.add_row("[bold]total[/]", f"[bold]{total:.4f}[/]", "100%")
    table.caption = (
        f"{len(paths) / total:.1f} documents/s, {chars / total:,.0f} characters/s, peak memory {_peak_mb():.0f} MB (max RSS)"
    )
    return table


def synthetic_report(size_mb: float, samples: Sequence[Path] | None = None) -> str:
    """One input of at least `size_mb` MB (UTF-8): the samples one after another, each copy's amounts varied
    (the last decimal digit shifted by the copy's number), parted by a blank line."""
    texts = [p.read_text(encoding="utf-8") for p in (samples or sorted(samples_dir().glob("*.txt")))]
    target = int(size_mb * 1_000_000)
    parts: list[str] = []
    size = 0
    while size < target:
        copy = len(parts) // len(texts)
        text = texts[len(parts) % len(texts)]
        if copy:
            text = _AMOUNT_TAIL.sub(partial(_shifted, shift=copy), text)
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
    return "\n\n".join(parts)


def _shifted(match: re.Match[str], shift: int) -> str:
    return f"{match.group(1)}{(int(match.group(2)) + shift) % 10}"


def measure(path: Path) -> dict[str, object]:
    """One run of the pipeline on one file in this process: wall and CPU seconds per stage, peak MB after each."""
    wall: dict[str, float] = defaultdict(float)
    cpu: dict[str, float] = defaultdict(float)
    peaks: dict[str, float] = {}
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    load_start = os.getloadavg()[0]
    chars = _time_one(path, cpu, time.process_time, peaks)
    # the wall clock per stage: a second run would double the time, so the stage's wall share is taken from CPU
    total_wall, total_cpu = time.perf_counter() - start_wall, time.process_time() - start_cpu
    for stage, seconds in cpu.items():
        wall[stage] = seconds / total_cpu * total_wall if total_cpu else 0.0
    return {
        "chars": chars, "bytes": path.stat().st_size, "wall": total_wall, "cpu": total_cpu, "peak_mb": _peak_mb(),
        "stage_cpu": dict(cpu), "stage_peak_mb": peaks, "load": [load_start, os.getloadavg()[0]],
    }  # fmt: skip


def run_scaling(sizes_mb: Sequence[float], keep: Path | None = None) -> list[Table]:
    """The pipeline on one synthetic input per size, each in a fresh process (so peak memory is that input's):
    a summary table (characters, CPU seconds, CPU µs a character, peak MB) and one of each stage's CPU seconds,
    share of the CPU time and peak memory after it. CPU seconds are the measure: the machine may be shared."""
    summary = Table(title="one input of N MB (the samples repeated, amounts varied): seconds and peak memory")
    summary.caption = "compare CPU seconds: wall seconds depend on the machine's load"
    for column in ("MB", "characters", "wall s", "CPU s", "CPU µs/char", "peak MB", "load avg"):
        summary.add_column(column, justify="right")
    per_stage = Table(title="per stage: CPU seconds (share of the CPU time) / peak MB after the stage")
    per_stage.add_column("stage")
    measured: list[dict] = []  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes_mb:
            path = (keep or Path(tmp)) / f"synthetic-{size:g}MB.txt"
            path.write_text(synthetic_report(size), encoding="utf-8")
            command = [sys.executable, "-m", "extractor.bench", str(path)]
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            m = json.loads(done.stdout.strip().splitlines()[-1])
            measured.append(m)
            summary.add_row(
                f"{m['bytes'] / 1e6:.1f}", f"{m['chars']:,}", f"{m['wall']:.1f}", f"{m['cpu']:.1f}",
                f"{m['cpu'] / m['chars'] * 1e6:.1f}", f"{m['peak_mb']:.0f}", f"{m['load'][0]:.1f}–{m['load'][1]:.1f}",
            )  # fmt: skip
            per_stage.add_column(f"{m['bytes'] / 1e6:.1f} MB", justify="right")
    for stage in STAGES:
        per_stage.add_row(stage, *(stage_cell(m, stage) for m in measured))
    return [summary, per_stage]


def stage_cell(measured: dict, stage: str) -> str:  # type: ignore[type-arg]
    """One stage of one measured input: "CPU s (share) / peak MB"."""
    cpu = measured["stage_cpu"].get(stage, 0.0)
    share = cpu / measured["cpu"] if measured["cpu"] else 0.0
    return f"{cpu:.1f} ({share:.0%}) / {measured['stage_peak_mb'].get(stage, 0.0):.0f}"


if __name__ == "__main__":  # the child of run_scaling: one file, one JSON line
    print(json.dumps(measure(Path(sys.argv[1]))))
