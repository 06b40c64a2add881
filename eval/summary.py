"""The summary: per-family and per-document scores with the counts behind every ratio.

In: `DocumentResult`s, what the evaluators found in each document (outcomes, item tallies, review
fields). Out: the pydantic `Summary` written by `--json`: top-level `figures`, `projects`,
`indicators`, `narratives`, `review` and `documents` (the same per document). Totals are micro
averages: counts are summed over documents, then divided.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from eval.cases import DocumentStatus, RecordError
from eval.metrics import f1, mean, precision, ratio, recall
from eval.outcomes import Outcome, Tally
from eval.score_indicators import CELL_FIELDS as INDICATOR_CELLS
from eval.score_projects import CELL_FIELDS as PROJECT_CELLS
from eval.score_projects import TEXT_FIELDS
from eval.score_review import ReviewField, ReviewScore, score_review


@dataclass
class DocumentResult:
    """What the evaluators found in one document."""

    name: str
    status: DocumentStatus
    source_checked: bool
    outcomes: list[Outcome] = field(default_factory=list)
    tallies: dict[str, Tally] = field(default_factory=dict)
    review: list[ReviewField] = field(default_factory=list)
    thresholds: set[float] = field(default_factory=set)
    orphan_assessments: int = 0


class FamilyScore(BaseModel):
    precision: float | None
    recall: float | None
    f1: float | None
    gold: int  # items: figures, projects, indicator rows, narratives
    predicted: int
    matched: int
    values_gold: int  # values a reviewer may correct (schemas.pointers)
    values_predicted: int
    values_right: int
    omissions: int
    hallucinations: int
    mismatches: int


class CellScore(BaseModel):
    accuracy: float | None
    right: int
    total: int


class TableScore(FamilyScore):
    cell_accuracy: float | None
    cells_right: int
    cells_total: int
    by_field: dict[str, CellScore]


class ProjectScore(TableScore):
    text_rouge_l: float | None  # conclusion, problems, measures


class KindScore(BaseModel):
    rouge_l: float | None
    gold: int
    predicted: int
    matched: int


class NarrativeScore(FamilyScore):
    rouge_l: float | None
    by_kind: dict[str, KindScore]


class DocumentScore(BaseModel):
    status: DocumentStatus
    source_checked: bool
    figures: FamilyScore
    projects: ProjectScore
    indicators: TableScore
    narratives: NarrativeScore
    review: ReviewScore


class Summary(BaseModel):
    figures: FamilyScore
    projects: ProjectScore
    indicators: TableScore
    narratives: NarrativeScore
    review: ReviewScore
    source_checked: bool  # hallucination includes "number nowhere in the source" only when true
    documents: dict[str, DocumentScore]
    missing: list[str]
    extra: list[str]
    errors: list[RecordError]
    warnings: list[str]
    definitions: str = "eval/README.md"


def _family(outcomes: list[Outcome], tally: Tally) -> dict[str, Any]:
    """The fields of `FamilyScore`: item precision/recall/F1 and the value outcomes by status."""
    return {
        "precision": precision(tally.matched, tally.predicted),
        "recall": recall(tally.matched, tally.gold),
        "f1": f1(tally.matched, tally.gold, tally.predicted),
        "gold": tally.gold,
        "predicted": tally.predicted,
        "matched": tally.matched,
        "values_gold": sum(o.gold is not None for o in outcomes),
        "values_predicted": sum(o.predicted is not None for o in outcomes),
        "values_right": sum(o.status == "right" for o in outcomes),
        "omissions": sum(o.status == "omission" for o in outcomes),
        "hallucinations": sum(o.status == "hallucination" for o in outcomes),
        "mismatches": sum(o.status == "mismatch" for o in outcomes),
    }


def _cells(outcomes: list[Outcome], fields: tuple[str, ...]) -> dict[str, Any]:
    """Cell accuracy over the cells of paired items that gold or the prediction states."""
    cells = [o for o in outcomes if o.paired and o.field in fields]
    right = sum(o.status == "right" for o in cells)
    by_field = {}
    for name in fields:
        mine = [o for o in cells if o.field == name]
        mine_right = sum(o.status == "right" for o in mine)
        by_field[name] = CellScore(accuracy=ratio(mine_right, len(mine)), right=mine_right, total=len(mine))
    return {
        "cell_accuracy": ratio(right, len(cells)),
        "cells_right": right,
        "cells_total": len(cells),
        "by_field": by_field,
    }


def _narratives(outcomes: list[Outcome], tally: Tally) -> NarrativeScore:
    by_kind = {}
    for kind in sorted({o.field for o in outcomes}):
        mine = [o for o in outcomes if o.field == kind]
        by_kind[kind] = KindScore(
            rouge_l=mean(o.similarity or 0.0 for o in mine),
            gold=sum(o.gold is not None for o in mine),
            predicted=sum(o.predicted is not None for o in mine),
            matched=sum(o.status == "right" for o in mine),
        )
    return NarrativeScore(
        **_family(outcomes, tally), rouge_l=mean(o.similarity or 0.0 for o in outcomes), by_kind=by_kind
    )


def score_results(
    results: list[DocumentResult], status: DocumentStatus = "scored", source_checked: bool = True
) -> DocumentScore:
    """One score over the given documents' results pooled (a single document, or all of them)."""
    outcomes = [o for r in results for o in r.outcomes]
    tallies: dict[str, Tally] = {}
    for r in results:
        for family, tally in r.tallies.items():
            tallies.setdefault(family, Tally())
            tallies[family] += tally

    def of(family: str) -> tuple[list[Outcome], Tally]:
        return [o for o in outcomes if o.family == family], tallies.get(family, Tally())

    projects, project_tally = of("projects")
    indicators, row_tally = of("indicators")
    texts = [o for o in projects if o.field in TEXT_FIELDS]
    return DocumentScore(
        status=status,
        source_checked=source_checked,
        figures=FamilyScore(**_family(*of("figures"))),
        projects=ProjectScore(
            **_family(projects, project_tally),
            **_cells(projects, PROJECT_CELLS),
            text_rouge_l=mean(o.similarity or 0.0 for o in texts),
        ),
        indicators=TableScore(**_family(indicators, row_tally), **_cells(indicators, INDICATOR_CELLS)),
        narratives=_narratives(*of("narratives")),
        review=score_review(
            [f for r in results for f in r.review],
            {t for r in results for t in r.thresholds},
            sum(r.orphan_assessments for r in results),
        ),
    )


def build_summary(
    results: list[DocumentResult],
    missing: list[str],
    extra: list[str],
    errors: list[RecordError],
    warnings: list[str],
) -> Summary:
    overall = score_results(results, source_checked=bool(results) and all(r.source_checked for r in results))
    return Summary(
        figures=overall.figures,
        projects=overall.projects,
        indicators=overall.indicators,
        narratives=overall.narratives,
        review=overall.review,
        source_checked=overall.source_checked,
        documents={r.name: score_results([r], r.status, r.source_checked) for r in results},
        missing=missing,
        extra=extra,
        errors=errors,
        warnings=warnings,
    )
