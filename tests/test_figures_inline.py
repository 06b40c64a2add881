"""A final-accounts table flattened into one line of prose (extractor/extract/rules/figures_inline.py).

Texts written for the test, with an invented unit and invented numbers, in the shape a PDF tool gives the 三公 table:
the caption, the head (项目 and the measure columns), then each row's label and amounts, all parted by spaces.
"""

from __future__ import annotations

from extractor.chunk import chunk
from extractor.extract.rules.figures_inline import inline_table_candidates
from extractor.normalize import normalize
from schemas import Figure


def _read(text: str) -> dict[tuple[str, str], tuple[float, str]]:
    doc = normalize(text)
    found = {}
    for c in inline_table_candidates(doc, chunk(doc)):
        assert isinstance(c.item, Figure)
        f = c.item
        assert doc.text[f.evidence.start : f.evidence.end] == f.evidence.quote
        found[(f.key, f.measure)] = (f.value, f.unit)
    return found


_LINE = (
    "测试局 2031 年一般公共预算财政拨款“三公”经费支出决算情况说明 一、2031 年“三公”经费支出决算表 单位:万元 项 目 "
    "预算数 决算数 合 计 30.00 27.50 0 0 公务接待费 10.00 9.50 公务用车购置及运行费 20.00 18.00 其中:公务用车运行维护费 "
    "20.00 18.00 公务用车购置 0 0 因公出国(境)费 二、2031 年“三公”经费支出情况说明 测试局支出决算为 27.50 万元。"
)


def test_rows_are_read_by_the_heads_measure_words() -> None:
    found = _read(_LINE)
    assert found[("official_reception", "budget")] == (10.0, "万元")
    assert found[("official_reception", "actual")] == (9.5, "万元")
    assert found[("vehicle_total", "budget")] == (20.0, "万元")
    assert found[("vehicle_operation", "actual")] == (18.0, "万元")
    assert found[("vehicle_purchase", "budget")] == (0.0, "万元")


def test_a_row_whose_amounts_are_not_one_a_column_is_not_placed() -> None:
    """合计 holds four amounts (the outbound row's "0 0" slid beside it), the outbound row none: neither is read."""
    found = _read(_LINE)
    assert not {key for key, _ in found} & {"three_public_total", "outbound_travel"}


def test_the_table_ends_at_the_next_heading() -> None:
    """The sentence after "二、" is prose: its amount is the prose reader's, not the table's."""
    assert ("three_public_total", "actual") not in _read(_LINE)


def test_a_column_of_last_years_figures_gives_nothing_and_the_caption_gives_the_unit() -> None:
    found = _read("单位:元 项 目 上年决算数 本年决算数 公务接待费 5000 4200 公务用车运行维护费 8000 7600 。")
    assert found == {("official_reception", "actual"): (4200.0, "元"), ("vehicle_operation", "actual"): (7600.0, "元")}


def test_a_line_without_the_head_is_not_a_table() -> None:
    assert _read("公务接待费 10.00 9.50 公务用车购置及运行费 20.00 18.00 预算数 决算数") == {}
