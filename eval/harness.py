"""The eval harness: gold and predicted records in, a scored `Evaluation` out.

In: a gold folder and a prediction folder of `<stem>.json` records (and the `<stem>.txt` sources,
by default the `samples/` folder beside the gold folder, to tell invented numbers from wrong ones).
Out: `Evaluation`: the `Summary` (what `--json` writes) and each document's `DocumentResult`
(every value's outcome, for `--errors`).
Shaped like pydantic_evals: cases are the gold files validated by the production schema, run through
one evaluator per field kind (score_figures, score_projects with score_indicators,
score_narratives, score_review).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eval.cases import Case, load_cases
from eval.outcomes import Outcome, Outcomes
from eval.score_figures import evaluate_figures
from eval.score_narratives import evaluate_narratives
from eval.score_projects import evaluate_projects
from eval.score_review import review_fields, threshold_of
from eval.source_numbers import SourceNumbers
from eval.summary import DocumentResult, Summary, build_summary
from schemas import Record


@dataclass(frozen=True)
class Evaluation:
    summary: Summary
    results: list[DocumentResult]

    @property
    def outcomes(self) -> list[Outcome]:
        return [o for r in self.results for o in r.outcomes]


def evaluate_case(case: Case) -> DocumentResult:
    """Score one document; a missing or malformed prediction is scored as an empty record."""
    predicted = case.predicted or Record(document=case.gold.document)
    outcomes = Outcomes(case.name, SourceNumbers(case.source) if case.source is not None else None)
    figures = evaluate_figures(case.gold, predicted, outcomes)
    projects, rows = evaluate_projects(case.gold, predicted, outcomes)
    narratives = evaluate_narratives(case.gold, predicted, outcomes)
    fields, orphans = review_fields(outcomes.items, predicted)
    return DocumentResult(
        name=case.name,
        status=case.status,
        source_checked=case.source is not None,
        outcomes=outcomes.items,
        tallies={"figures": figures, "projects": projects, "indicators": rows, "narratives": narratives},
        review=fields,
        thresholds={threshold_of(predicted)} if case.predicted is not None else set(),
        orphan_assessments=orphans,
    )


def default_sources_dir(gold_dir: Path) -> Path | None:
    """`samples/` beside the gold folder (eval/gold → eval/samples), if there is one."""
    candidate = gold_dir.parent / "samples"
    return candidate if candidate.is_dir() else None


def evaluate(gold_dir: Path, pred_dir: Path, sources_dir: Path | None = None) -> Evaluation:
    """Score every gold record in `gold_dir` against its namesake in `pred_dir`."""
    found = load_cases(gold_dir, pred_dir, sources_dir or default_sources_dir(gold_dir))
    results = [evaluate_case(case) for case in found.cases]
    summary = build_summary(results, found.missing, found.extra, found.errors, found.warnings)
    return Evaluation(summary=summary, results=results)
