"""Evaluator for the review load: which predicted fields were flagged, and were they the wrong ones.

In: a document's outcomes and its predicted record (`assessments` keyed by JSON Pointer,
`review.threshold`). Out: `ReviewField`s, one per predicted value (right when its outcome is
right), and `score_review(fields) -> ReviewScore`: flag rate, unflagged accuracy, flag recall,
error-detection AUROC, expected calibration error, the reliability bins and the flag curve.
A field is flagged when its confidence is under its record's threshold; a field without an
assessment is counted as unassessed, with confidence 1 (nobody would be asked to look at it).
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from eval.metrics import (
    CalibrationBin,
    CurvePoint,
    calibration_bins,
    error_detection_auroc,
    expected_calibration_error,
    flag_curve,
    lowest_threshold_meeting_bars,
    ratio,
)
from eval.outcomes import FAMILIES, Outcome
from extractor.score import DEFAULT_THRESHOLD
from schemas import Record


@dataclass(frozen=True)
class ReviewField:
    document: str
    pointer: str
    family: str
    confidence: float
    assessed: bool
    flagged: bool
    right: bool


def threshold_of(predicted: Record) -> float:
    """The record's own review threshold; the extractor's default when it states none."""
    return predicted.review.threshold if predicted.review is not None else DEFAULT_THRESHOLD


def review_fields(outcomes: list[Outcome], predicted: Record) -> tuple[list[ReviewField], int]:
    """(one field per predicted value, count of assessments that name no predicted value)."""
    assessments = predicted.assessments or {}
    threshold = threshold_of(predicted)
    fields = []
    for outcome in outcomes:
        if outcome.predicted is None:
            continue
        assessment = assessments.get(outcome.predicted.pointer)
        confidence = assessment.confidence if assessment is not None else 1.0
        fields.append(
            ReviewField(
                document=outcome.document,
                pointer=outcome.predicted.pointer,
                family=outcome.family,
                confidence=confidence,
                assessed=assessment is not None,
                flagged=confidence < threshold,
                right=outcome.status == "right",
            )
        )
    orphans = len(set(assessments) - {f.pointer for f in fields})
    return fields, orphans


class ReviewCounts(BaseModel):
    """The three numbers a reviewer lives by, with the counts behind them."""

    flag_rate: float | None
    unflagged_accuracy: float | None
    flag_recall: float | None
    fields: int
    flagged: int
    unflagged: int
    unflagged_right: int
    wrong: int
    flagged_wrong: int


class ReviewScore(ReviewCounts):
    thresholds: list[float]
    unassessed: int
    orphan_assessments: int
    auroc: float | None
    ece: float | None
    reliability: list[CalibrationBin]
    curve: list[CurvePoint]
    bar_threshold: float | None
    bar_flag_rate: float | None
    by_family: dict[str, ReviewCounts]


def review_counts(fields: list[ReviewField]) -> ReviewCounts:
    flagged = sum(f.flagged for f in fields)
    unflagged_right = sum(f.right and not f.flagged for f in fields)
    wrong = sum(not f.right for f in fields)
    flagged_wrong = sum(f.flagged and not f.right for f in fields)
    return ReviewCounts(
        flag_rate=ratio(flagged, len(fields)),
        unflagged_accuracy=ratio(unflagged_right, len(fields) - flagged),
        flag_recall=ratio(flagged_wrong, wrong),
        fields=len(fields),
        flagged=flagged,
        unflagged=len(fields) - flagged,
        unflagged_right=unflagged_right,
        wrong=wrong,
        flagged_wrong=flagged_wrong,
    )


def score_review(fields: list[ReviewField], thresholds: set[float], orphans: int = 0) -> ReviewScore:
    points = [(f.confidence, f.right) for f in fields]
    bins = calibration_bins(points)
    curve = flag_curve(points)
    bar = lowest_threshold_meeting_bars(curve) if fields else None
    return ReviewScore(
        **review_counts(fields).model_dump(),
        thresholds=sorted(thresholds),
        unassessed=sum(not f.assessed for f in fields),
        orphan_assessments=orphans,
        auroc=error_detection_auroc(points),
        ece=expected_calibration_error(bins),
        reliability=bins,
        curve=curve,
        bar_threshold=bar.threshold if bar else None,
        bar_flag_rate=bar.flag_rate if bar else None,
        by_family={family: review_counts([f for f in fields if f.family == family]) for family in FAMILIES},
    )
