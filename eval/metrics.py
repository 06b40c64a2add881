"""The metric formulas of eval/README.md: ratios, F1, AUROC, calibration, the flag curve.

In: counts, or (confidence, right) points, one per predicted field. Out: numbers, `None` where a
ratio's denominator is zero (undefined is reported as undefined, never as 0 or 1).
Matching and counting happen in the evaluators (score_*.py); this module only does arithmetic.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Point = tuple[float, bool]  # (confidence, right)

# DESIGN §7: unflagged fields ≥ 99.5 % right and ≥ 95 % of wrong fields flagged.
UNFLAGGED_ACCURACY_BAR = 0.995
FLAG_RECALL_BAR = 0.95


def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def precision(matched: int, predicted: int) -> float | None:
    return ratio(matched, predicted)


def recall(matched: int, gold: int) -> float | None:
    return ratio(matched, gold)


def f1(matched: int, gold: int, predicted: int) -> float | None:
    """2·matched / (gold + predicted): the harmonic mean of precision and recall, 0 when either is 0."""
    return ratio(2 * matched, gold + predicted)


def mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return ratio(sum(items), len(items))


def error_detection_auroc(points: Sequence[Point]) -> float | None:
    """P(a wrong field's confidence < a right field's), ties counting ½; None without both kinds."""
    right = sorted(c for c, ok in points if ok)
    wrong = [c for c, ok in points if not ok]
    if not right or not wrong:
        return None
    won = 0.0
    for c in wrong:
        above = len(right) - bisect_right(right, c)
        tied = bisect_right(right, c) - bisect_left(right, c)
        won += above + 0.5 * tied
    return won / (len(right) * len(wrong))


@dataclass(frozen=True)
class CalibrationBin:
    lower: float
    upper: float
    count: int
    mean_confidence: float | None
    accuracy: float | None


def calibration_bins(points: Sequence[Point], bins: int = 10) -> list[CalibrationBin]:
    """Equal-width confidence bins [k/bins, (k+1)/bins); the last bin also holds 1.0."""
    members: list[list[Point]] = [[] for _ in range(bins)]
    for confidence, ok in points:
        members[min(int(round(confidence * bins, 9)), bins - 1)].append((confidence, ok))
    return [
        CalibrationBin(
            lower=k / bins,
            upper=(k + 1) / bins,
            count=len(inside),
            mean_confidence=mean(c for c, _ in inside),
            accuracy=ratio(sum(1 for _, ok in inside if ok), len(inside)),
        )
        for k, inside in enumerate(members)
    ]


def expected_calibration_error(bins: Sequence[CalibrationBin]) -> float | None:
    """Σ (bin count / all) · |bin accuracy − bin mean confidence|."""
    total = sum(b.count for b in bins)
    if not total:
        return None
    return sum(
        b.count / total * abs(b.accuracy - b.mean_confidence)
        for b in bins
        if b.accuracy is not None and b.mean_confidence is not None
    )


@dataclass(frozen=True)
class CurvePoint:
    """What a threshold would do: fields under it are flagged, wrong fields over it escape."""

    threshold: float
    flagged: int
    flag_rate: float | None
    escaped: int  # wrong and not flagged
    flag_recall: float | None  # wrong fields flagged / wrong fields
    unflagged_accuracy: float | None


def flag_curve(points: Sequence[Point]) -> list[CurvePoint]:
    """One point per distinct confidence (flag those below it), plus 0 (flag none) and above all (flag all)."""
    ordered = sorted(points)
    confidences = [c for c, _ in ordered]
    wrong_before = [0]
    for _, ok in ordered:
        wrong_before.append(wrong_before[-1] + (not ok))
    total, wrong = len(ordered), wrong_before[-1]
    top = confidences[-1] if confidences else 1.0
    thresholds = sorted({0.0, *confidences, round(max(top, 1.0) + 0.001, 3)})
    curve = []
    for t in thresholds:
        flagged = bisect_left(confidences, t)
        escaped = wrong - wrong_before[flagged]
        unflagged = total - flagged
        curve.append(
            CurvePoint(
                threshold=t,
                flagged=flagged,
                flag_rate=ratio(flagged, total),
                escaped=escaped,
                flag_recall=ratio(wrong - escaped, wrong),
                unflagged_accuracy=ratio(unflagged - escaped, unflagged),
            )
        )
    return curve


def lowest_threshold_meeting_bars(curve: Sequence[CurvePoint]) -> CurvePoint | None:
    """The least flagging point where unflagged accuracy and flag recall meet the DESIGN §7 bars."""
    for point in curve:
        accurate = point.unflagged_accuracy is None or point.unflagged_accuracy >= UNFLAGGED_ACCURACY_BAR
        caught = point.flag_recall is None or point.flag_recall >= FLAG_RECALL_BAR
        if accurate and caught:
            return point
    return None
