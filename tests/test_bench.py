"""`extractor bench --sizes`: one synthetic input per size, measured in a fresh process."""

from __future__ import annotations

from rich.console import Console

from extractor.bench import STAGES, run_scaling, stage_cell


def test_a_stage_cell_gives_cpu_seconds_its_share_and_the_peak() -> None:
    measured = {"cpu": 8.0, "stage_cpu": {"normalize": 2.0}, "stage_peak_mb": {"normalize": 310.4}}
    assert stage_cell(measured, "normalize") == "2.0 (25%) / 310"
    assert stage_cell(measured, "score") == "0.0 (0%) / 0"


def test_scaling_prints_characters_cpu_per_character_peak_and_every_stage() -> None:
    summary, per_stage = run_scaling([0.02])
    console = Console(width=200, record=True)
    console.print(summary)
    console.print(per_stage)
    out = console.export_text()
    for column in ("characters", "CPU s", "CPU µs/char", "peak MB"):
        assert column in out
    assert all(stage in out for stage in STAGES)
    assert "%) /" in out  # each stage's share of the CPU time beside its seconds and peak
