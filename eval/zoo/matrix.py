"""The zoo's measurement matrix: which renderings are measured, on which records, and their pooled scores.

In: the records (the gold records of a folder, and synthetic ones by seed), the cases (layout × column set ×
damage) and an extraction mode. Out: one `Row` per case: the pooled `Score` over every record rendered that
way, and how many of the records' values that rendering could not state (left out of the expected records).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eval.zoo.damage import DAMAGES, TEXT_DAMAGE
from eval.zoo.forms import COLUMN_SETS
from eval.zoo.layouts import LAYOUTS
from eval.zoo.measure import Score, extractor_for, score_pooled
from eval.zoo.render import STATEMENTS, Rendered, render
from eval.zoo.synthetic import synthetic_record
from schemas import Record


@dataclass(frozen=True)
class Case:
    layout: str
    columns: str = "standard"
    damage: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.layout} · {self.columns} · {'+'.join(self.damage) or 'none'}"


def default_cases() -> list[Case]:
    """Every layout plain; every column set in tsv and html; every damage in tsv, aligned and torn (forms and
    tables) and, for the text damage and wrapping, in the statements."""
    cases = [Case(layout) for layout in (*LAYOUTS, STATEMENTS)]
    cases += [Case(layout, columns) for columns in COLUMN_SETS[1:] for layout in ("tsv", "html")]
    cases += [Case(layout, damage=(d,)) for d in DAMAGES for layout in ("tsv", "aligned", "torn")]
    cases += [Case(STATEMENTS, damage=(d,)) for d in ("wrap", *TEXT_DAMAGE)]
    return cases


def all_cases() -> list[Case]:
    """Every layout × column set × (no damage or one damage); the statements with no damage or one."""
    cases = [Case(layout, columns, damage) for layout in LAYOUTS for columns in COLUMN_SETS
             for damage in [(), *((d,) for d in DAMAGES)]]  # fmt: skip
    return cases + [Case(STATEMENTS, damage=d) for d in [(), *((d,) for d in DAMAGES)]]


def load_records(gold_dir: Path | None, synthetic: int) -> list[Record]:
    records = []
    if gold_dir is not None:
        records += [Record.model_validate_json(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))]
    return records + [synthetic_record(seed) for seed in range(synthetic)]


@dataclass(frozen=True)
class Row:
    case: Case
    score: Score
    dropped: int


def measure(cases: list[Case], records: list[Record], mode: str,
            progress: Callable[[Case], None] | None = None) -> list[Row]:  # fmt: skip
    """Render every record in every case, extract it in `mode`, and score each case over all records."""
    rows = []
    with extractor_for(mode) as extract:
        for case in cases:
            rendered: list[Rendered] = [
                render(record, case.layout, case.columns, case.damage, seed=k, name=f"zoo_{k}.txt")
                for k, record in enumerate(records)
            ]
            rendered = [r for r in rendered if r.text.strip()]  # a record with nothing this rendering states
            pairs = [(r.expected, extract(r)) for r in rendered]
            rows.append(Row(case, score_pooled(pairs), sum(r.dropped for r in rendered)))
            if progress is not None:
                progress(case)
    return rows
