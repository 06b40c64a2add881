"""Eval value comparison: folding, subjects, cells, money units, ROUGE-L, numbers in the source."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eval.compare import (
    cells_equal,
    comparators_equal,
    figure_values_close,
    normalize_subject,
    parse_number,
    rouge_l,
)
from eval.source_numbers import SourceNumbers


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ("ABCDEFGHIJ", "ABCDEFGHIJ", 1.0),
        ("ABCDEFGHIJ", "ABCDEFGH", 2 * 8 / 18),  # LCS 8: P = 8/8, R = 8/10
        ("甲乙丙丁", "甲乙戊己", 2 * 2 / 8),
        ("甲乙丙丁", "丁丙乙甲", 2 * 1 / 8),  # a subsequence keeps order: LCS is one character
        ("负责 全省\n交通", "负责全省交通", 1.0),  # whitespace and line breaks removed
        ("收入（合计）", "收入(合计)", 1.0),  # full and half width folded
        ("abc", "", 0.0),
        ("", "", 1.0),
    ],
)
def test_rouge_l_on_known_strings(gold: str, pred: str, expected: float) -> None:
    assert rouge_l(gold, pred) == pytest.approx(expected)


@given(st.text(max_size=40), st.text(max_size=40))
def test_rouge_l_is_symmetric_and_bounded(a: str, b: str) -> None:
    assert 0.0 <= rouge_l(a, b) <= 1.0
    assert rouge_l(a, b) == pytest.approx(rouge_l(b, a))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("交通运输支出（类）", "交通运输支出"),
        ("公路水路运输 （款）", "公路水路运输"),
        ("事业运行(项)", "事业运行"),
        ("ｔｅｓｔ （项）", "test"),
        ("类别", "类别"),  # only the trailing level marker goes
        (None, None),
        ("  ", None),
    ],
)
def test_subjects_are_normalized(raw: str | None, expected: str | None) -> None:
    assert normalize_subject(raw) == expected


@pytest.mark.parametrize(
    ("gold", "pred", "equal"),
    [
        ("95", "95.00", True),  # numeric equality when both parse
        ("95", "95%", True),  # a trailing % is a form of the same number
        ("95％", "９５", True),  # full width
        ("1,000", "1000", True),  # thousands separator
        ("95", "96", False),
        ("0.5", "0.51", False),  # numbers in cells must be equal, no rounding allowed
        ("成效明显", "成效 明显", True),
        ("成效明显", "成效显著", False),
        (13.0, "13", True),
        (None, None, True),
        ("4", None, False),
    ],
)
def test_cells_are_compared_after_normalization(
    gold: str | float | None, pred: str | float | None, equal: bool
) -> None:
    assert cells_equal(gold, pred) is equal


def test_comparators_in_words_or_ascii_are_signs() -> None:
    assert comparators_equal("≥", ">=")
    assert comparators_equal("≤", "不高于")
    assert comparators_equal("＝", "=")
    assert not comparators_equal("≥", "≤")


def test_parse_number_takes_only_whole_cells() -> None:
    assert parse_number("12") == 12.0
    assert parse_number("-3.5%") == -3.5
    assert parse_number("12期") is None
    assert parse_number("2022年12月") is None


def test_figure_values_agree_after_money_conversion_within_a_cent_of_wan() -> None:
    assert figure_values_close(1519.86, "万元", 15198600.0, "元")
    assert figure_values_close(15000.0, "万元", 1.5, "亿元")
    assert figure_values_close(1519.86, "万元", 1519.87, "万元")  # 0.01 万元 rounding allowed
    assert not figure_values_close(1519.86, "万元", 1519.88, "万元")
    assert not figure_values_close(3.0, "辆", 3.0, "万元")  # a count is not an amount
    assert figure_values_close(65.8, "%", 65.8, None)
    assert not figure_values_close(65.8, "%", 65.81, "%")  # only money has the rounding allowance


def test_source_numbers_know_what_the_text_states() -> None:
    numbers = SourceNumbers("收、支总计1,519.86万元，其中三公经费14900元，占1.71%，减少2.31万元。")
    assert numbers.contains(1519.86)
    assert numbers.contains(1.49)  # 14900 元 read as 万元
    assert numbers.contains(-2.31)  # a signed delta of a stated decrease
    assert numbers.contains(1.71)
    assert not numbers.contains(1520.86)
    assert not numbers.contains(2.3)
