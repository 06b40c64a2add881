"""Review-load metrics on a synthetic prediction whose flags and errors are known.

Gold: five figures and one narrative. Prediction: figures 1 and 3 wrong, a spurious sixth figure,
the narrative right. Confidences (threshold 0.8):

    field          right  confidence  flagged
    /figures/0     yes    0.95        no
    /figures/1     no     0.30        yes
    /figures/2     yes    0.85        no
    /figures/3     no     0.90        no      <- an error that escapes review
    /figures/4     yes    0.50        yes     <- a right field a reviewer looks at for nothing
    /figures/5     no     0.60        yes     (hallucinated)
    /narratives/0  yes    (none: unassessed, counted as 1.0, not flagged)
"""

from __future__ import annotations

import pytest

from eval.cases import Case
from eval.harness import evaluate_case
from eval.summary import build_summary
from schemas import Assessment, DocumentRef, Evidence, Figure, Narrative, Record, Review

CONFIDENCE = {0: 0.95, 1: 0.30, 2: 0.85, 3: 0.90, 4: 0.50, 5: 0.60}


def _fig(key: str, value: float) -> Figure:
    return Figure(key=key, measure="actual", value=value, evidence=Evidence(quote=f"{value:.2f}万元"))


def _records() -> tuple[Record, Record]:
    keys = ["grand_total_revenue", "expenditure_basic", "expenditure_project", "personnel_expenses", "public_expenses"]
    gold = Record(
        document=DocumentRef(name="r.txt", sha256="0"),
        figures=[_fig(key, 100.0 + i) for i, key in enumerate(keys)],
        narratives=[Narrative(kind="functions", text="负责全省交通物流发展。", evidence=Evidence(quote="负责全省"))],
    )
    pred = gold.model_copy(deep=True)
    pred.figures[1] = _fig(keys[1], 7.0)
    pred.figures[3] = _fig(keys[3], 8.0)
    pred.figures.append(_fig("revenue_other", 9.0))
    pred.assessments = {f"/figures/{i}/value": Assessment(confidence=c) for i, c in CONFIDENCE.items()}
    pred.assessments["/figures/9/value"] = Assessment(confidence=0.5)  # names no predicted value
    pred.review = Review(threshold=0.8)
    return gold, pred


def _review():  # type: ignore[no-untyped-def]
    gold, pred = _records()
    return build_summary([evaluate_case(Case("r", gold, pred, "scored"))], [], [], [], []).review


def test_the_three_numbers_a_reviewer_lives_by() -> None:
    review = _review()
    assert (review.fields, review.flagged, review.wrong, review.flagged_wrong) == (7, 3, 3, 2)
    assert review.flag_rate == pytest.approx(3 / 7)
    assert review.unflagged_accuracy == pytest.approx(3 / 4)  # unflagged: figures 0, 2, 3 and the narrative
    assert review.flag_recall == pytest.approx(2 / 3)
    assert review.thresholds == [0.8]
    assert (review.unassessed, review.orphan_assessments) == (1, 1)


def test_confidence_separation_and_calibration_by_hand() -> None:
    review = _review()
    # wrong 0.30 is below all 4 right; 0.90 below 0.95 and 1.0; 0.60 below 0.85, 0.95, 1.0 → 9 of 12 pairs
    assert review.auroc == pytest.approx(9 / 12)
    # bins: 0.3 (wrong) |0−.3|; 0.5 (right) |1−.5|; 0.6 (wrong) |0−.6|; 0.85 (right) |1−.85|;
    # [0.9, 1.0]: 0.90 wrong, 0.95 right, 1.0 right → 3·|2/3 − 0.95|
    expected = (0.3 + 0.5 + 0.6 + 0.15 + 3 * abs(2 / 3 - 0.95)) / 7
    assert review.ece == pytest.approx(expected)
    assert [b.count for b in review.reliability] == [0, 0, 0, 1, 0, 1, 1, 0, 1, 3]


def test_the_flag_curve_and_the_threshold_that_meets_the_bars() -> None:
    review = _review()
    at = {p.threshold: p for p in review.curve}
    assert (at[0.85].flagged, at[0.85].escaped) == (3, 1)  # same flags as 0.8: nothing between 0.6 and 0.85
    assert (at[0.95].flagged, at[0.95].escaped) == (5, 0)
    # the escaped error has confidence 0.90: the least flagging that catches it is threshold 0.95
    assert review.bar_threshold == 0.95 and review.bar_flag_rate == pytest.approx(5 / 7)


def test_review_counts_by_family() -> None:
    review = _review()
    figures, narratives = review.by_family["figures"], review.by_family["narratives"]
    assert (figures.fields, figures.flagged, figures.wrong, figures.flagged_wrong) == (6, 3, 3, 2)
    assert (narratives.fields, narratives.flagged, narratives.wrong) == (1, 0, 0)
    assert review.by_family["indicators"].flag_rate is None
