"""Eval metric formulas: undefined ratios stay undefined; AUROC, calibration and the flag curve by hand."""

from __future__ import annotations

import pytest

from eval.match import greedy_pairs, maximum_pairs
from eval.metrics import (
    calibration_bins,
    error_detection_auroc,
    expected_calibration_error,
    f1,
    flag_curve,
    lowest_threshold_meeting_bars,
    precision,
    recall,
)


def test_ratios_with_nothing_to_count_are_undefined_not_zero_or_one() -> None:
    assert precision(0, 0) is None
    assert recall(0, 0) is None
    assert f1(0, 0, 0) is None
    assert precision(0, 0) is None and recall(0, 5) == 0.0 and f1(0, 5, 0) == 0.0  # nothing predicted


def test_f1_is_the_harmonic_mean_of_precision_and_recall() -> None:
    p, r = precision(5, 7), recall(5, 9)
    assert f1(5, 9, 7) == pytest.approx(2 * p * r / (p + r))  # type: ignore[operator]


def test_auroc_counts_pairs_a_wrong_field_ranks_below_a_right_one() -> None:
    assert error_detection_auroc([(0.1, False), (0.9, True)]) == 1.0
    assert error_detection_auroc([(0.9, False), (0.1, True)]) == 0.0
    assert error_detection_auroc([(0.5, False), (0.5, True)]) == 0.5  # ties count half
    # wrong 0.3 < 2 rights, 0.8 < 1 right (0.9), tie with 0.8 counts ½: (2 + 1.5) / 4
    assert error_detection_auroc([(0.3, False), (0.8, False), (0.8, True), (0.9, True)]) == pytest.approx(3.5 / 4)
    assert error_detection_auroc([(0.3, True), (0.8, True)]) is None  # nothing wrong to detect


def test_expected_calibration_error_by_hand() -> None:
    points = [(0.95, True), (0.95, True), (0.95, False), (0.15, False)]
    bins = calibration_bins(points)
    assert [b.count for b in bins] == [0, 1, 0, 0, 0, 0, 0, 0, 0, 3]
    top = bins[9]
    assert top.accuracy == pytest.approx(2 / 3) and top.mean_confidence == pytest.approx(0.95)
    # (3/4)·|2/3 − 0.95| + (1/4)·|0 − 0.15|
    assert expected_calibration_error(bins) == pytest.approx(0.75 * (0.95 - 2 / 3) + 0.25 * 0.15)
    assert calibration_bins([(1.0, True)])[9].count == 1  # 1.0 falls in the last bin
    assert calibration_bins([(0.3, True)])[3].count == 1  # 0.3·10 is 3.0000000000000004 in floats


def test_flag_curve_flags_fields_under_each_threshold() -> None:
    points = [(0.2, False), (0.5, True), (0.5, False), (0.9, True)]
    curve = {p.threshold: p for p in flag_curve(points)}
    assert set(curve) == {0.0, 0.2, 0.5, 0.9, 1.001}
    assert (curve[0.0].flagged, curve[0.0].escaped) == (0, 2)
    assert (curve[0.5].flagged, curve[0.5].escaped) == (1, 1)  # only 0.2 is under 0.5
    assert curve[0.5].unflagged_accuracy == pytest.approx(2 / 3)
    assert (curve[0.9].flagged, curve[0.9].escaped, curve[0.9].flag_recall) == (3, 0, 1.0)
    assert curve[1.001].flag_rate == 1.0 and curve[1.001].unflagged_accuracy is None
    bar = lowest_threshold_meeting_bars(flag_curve(points))
    assert bar is not None and bar.threshold == 0.9


def test_maximum_pairs_finds_the_matching_a_greedy_choice_would_miss() -> None:
    # gold 0 can pair with pred 0 or 1; gold 1 only with pred 0. The best-ranked pair (0, 0) blocks gold 1.
    candidates = [(0, 0, 0), (1, 0, 1), (1, 1, 0)]
    assert greedy_pairs(candidates) == [(0, 0)]
    assert maximum_pairs(candidates) == [(0, 1), (1, 0)]


def test_greedy_pairs_respect_pairs_already_taken() -> None:
    assert greedy_pairs([(0, 0, 0), (1, 1, 1)], used_gold={0}) == [(1, 1)]
