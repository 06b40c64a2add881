"""The labeled-rows reader: one cell a line, each row a label and its amounts, a header merged over two rows
written without its spans. Invented tables."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.normalize import normalize
from extractor.tables import tables_in

UPPER = ["项目", "合计", "甲类费", "乙类购置及运行费", "丙类费"]
LOWER = ["小计", "乙类购置费", "乙类运行费", "小计", "子项一", "子项二"]
ROWS = [
    ["行次", "1", "2", "3", "4", "5", "6", "7", "8"],
    ["2031年度预算数", "9.10", "1.00", "5.10", "2.00", "3.10", "3.00", "1.00", "2.00"],
    ["2031年度决算数", "8.40", "0.00", "5.00", "1.50", "3.50", "3.40", "", "3.40"],
]
GRID = [
    ["项目", "合计", "甲类费", "乙类购置及运行费", "", "", "丙类费", "", ""],
    ["", "", "", "小计", "乙类购置费", "乙类运行费", "小计", "子项一", "子项二"],
    *ROWS,
]


def _barred(cells: list[str]) -> str:
    return "\n".join(f"{cell} |" if cell else "|" for cell in cells)


def _parted(cells: list[str]) -> str:
    return "\n|\n".join(cell for cell in cells) + "\n|"


def _cells() -> list[str]:
    return UPPER + LOWER + [cell for row in ROWS for cell in row]


def _grid(text: str) -> list[list[str]]:
    tables = tables_in(normalize(text).text)
    assert len(tables) == 1
    assert tables[0].layout == "labeled"
    table = tables[0]
    return [[cell.text if not cell.covered else "" for cell in row.cells] for row in table.rows]


@pytest.mark.parametrize("write", [_barred, _parted])
def test_a_header_merged_over_two_rows_spreads_its_groups_over_their_parts(write) -> None:  # type: ignore[no-untyped-def]
    grid = _grid("（单位：万元）\n" + write(_cells()) + "\n注：本表为测试数据，金额为虚构，仅供读表测试之用，不代表任何单位的数字。")
    assert grid == GRID


def test_a_cell_wrapped_over_two_lines_is_one_cell_and_the_last_bar_may_be_cut_off() -> None:
    text = _barred(_cells()).replace("乙类购置费 |", "乙类\n购置费 |")
    assert _grid(text)[1][4] == "乙类购置费"
    parted = _parted(_cells()[:-1] + ["2.00"]).removesuffix("\n|")
    assert _grid(parted)[-1][-1] == "2.00"


def test_the_column_that_names_a_group_word_takes_the_parts_whatever_its_place() -> None:
    upper = ["年度", "合计", "乙类购置及运行费", "甲类费", "丙类费"]
    lower = ["合计", "乙类购置", "乙类运行"]
    rows = [["2030年", "10", "6", "1", "3", "2", "4"], ["2031年", "12", "7", "2", "3", "3", "4"]]
    grid = _grid(_parted(upper + lower + [c for row in rows for c in row]))
    assert grid[0] == ["年度", "合计", "乙类购置及运行费", "", "", "甲类费", "丙类费"]
    assert grid[1] == ["", "", "合计", "乙类购置", "乙类运行", "", ""]


def test_rows_with_words_after_the_label_are_no_such_table() -> None:
    form = ["三级指标", "指标值", "完成值", "分值", "得分", "巡护里程", "30", "32公里", "40", "40", "保洁", "好", "好", "30", "30"]
    assert not [t for t in tables_in(normalize(_barred(form)).text) if t.layout == "labeled"]


SUMMARY = [
    ["收入", "", "", "支出", "", ""],
    ["项目", "行次", "金额", "项目", "行次", "金额"],
    ["一、甲类收入", "1", "50.00", "一、乙类支出", "30", "48.00"],
    ["二、丙类收入", "2", "", "", "", ""],
    ["本年收入合计", "", "50.00", "本年支出合计", "", "48.00"],
]


def test_without_bars_an_empty_cell_is_a_blank_line() -> None:
    text = "某某表\n单位：万元\n" + "\n".join(cell for row in SUMMARY for cell in row) + "\n\n注：测试用的虚构数字。"
    tables = [t for t in tables_in(normalize(text).text) if t.layout == "labeled"]
    assert len(tables) == 1
    assert [[cell.text for cell in row.cells] for row in tables[0].rows] == SUMMARY


def test_without_bars_a_form_head_is_no_such_table() -> None:
    cells = ["项目名称", "示例经费", "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
             "年度资金总额", "30", "32", "32", "10", "100%", "10", "其他资金", "0", "0", "0", "", "", ""]  # fmt: skip
    assert not [t for t in tables_in(normalize("\n".join(cells)).text) if t.layout == "labeled"]


_CELLS = st.sampled_from(["项目", "收入", "预算数", "决算数", "合计", "小计", "甲类购置及运行费", "甲类购置费", "甲类运行费",
                          "行次", "金额", "一、甲类收入", "2031年度决算数", "注：说明", "1", "2", "3.50", "-0.40", "12%",
                          "-", "", "|"])  # fmt: skip


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(_CELLS, min_size=3, max_size=60), st.sampled_from(["barred", "parted", "plain", "spaced", "opened"]))
def test_any_run_of_short_cells_reads_or_not_without_failing(cells: list[str], way: str) -> None:
    if way == "barred":
        text = "\n".join(f"{c} |" if c else "|" for c in cells)
    elif way == "parted":
        text = "\n|\n".join(cells)
    elif way == "spaced":
        text = "\n\n".join(cells)
    elif way == "opened":
        text = "\n".join(f"|\n{c} |" if c else "|" for c in cells)
    else:
        text = "\n".join(cells)
    for table in tables_in(normalize(text).text):
        assert table.rows and all(len(row.cells) == table.width for row in table.rows)


def test_a_blank_line_after_each_cell_parts_the_cells_and_two_more_make_an_empty_one() -> None:
    text = "某某表\n单位：万元\n" + "\n\n".join(cell for row in SUMMARY for cell in row) + "\n\n注：测试用的虚构数字。"
    tables = [t for t in tables_in(normalize(text).text) if t.layout == "labeled"]
    assert len(tables) == 1
    assert [[cell.text for cell in row.cells] for row in tables[0].rows] == SUMMARY


def test_a_rows_opening_bar_on_a_line_of_its_own_is_no_cell() -> None:
    rows = [["项目", "预算数", "决算数"], ["合计", "9.00", "7.50"], ["甲类费", "4.00", "3.50"], ["乙类费", "5.00", "4.00"]]
    text = "单位：万元\n" + "\n".join("|\n" + "\n".join(f"{c} |" for c in row) for row in rows) + "\n说明：测试用的虚构数字。"
    tables = [t for t in tables_in(normalize(text).text) if t.layout == "labeled"]
    assert len(tables) == 1
    assert [[cell.text for cell in row.cells] for row in tables[0].rows] == rows


HALF_EMPTY = [
    ["收入", "", "", "支出", "", ""],
    ["项目", "行次", "金额", "项目", "行次", "金额"],
    ["一、甲类收入", "1", "50.00", "", "", ""],
    ["二、丙类收入", "2", "", "", "", ""],
    ["本年收入合计", "", "50.00", "本年支出合计", "", "48.00"],
    ["年初结转和结余", "", "", "年末结转和结余", "", ""],
    ["总计", "", "50.00", "总计", "", "50.00"],
]


@pytest.mark.parametrize("joiner", ["\n", "\n\n"])
def test_words_under_a_label_head_and_a_row_of_empty_amounts_stay_in_the_table(joiner: str) -> None:
    """The first row leaves the 支出 half empty (its 项目 head still names a label column), and a labeled row with its
    amounts left empty stands between rows that have them."""
    text = "某某表\n单位：万元\n" + joiner.join(cell for row in HALF_EMPTY for cell in row) + "\n\n注：测试用的虚构数字。"
    tables = [t for t in tables_in(normalize(text).text) if t.layout == "labeled"]
    assert len(tables) == 1
    assert [[cell.text for cell in row.cells] for row in tables[0].rows] == HALF_EMPTY


PAIRS = [
    ["收入", "", "支出", ""],
    ["项目", "决算数", "项目", "决算数"],
    ["一、甲类收入", "80.00", "一、乙类支出", "70.00"],
    ["二、丙类收入", "10.00", "二、丁类支出", "12.00"],
    ["收入总计", "90.00", "支出总计", "82.00"],
]


@pytest.mark.parametrize("joiner", ["\n", "\n\n"])
def test_groups_over_the_same_words_twice_part_label_and_amount_pairs(joiner: str) -> None:
    """收入 | 支出 written once each (the spans lost) over 项目 决算数 twice: rows of label and amount pairs would fit a
    row of six cells too; the header's groups say four."""
    cells = ["收入", "支出"] + [cell for row in PAIRS[1:] for cell in row]
    text = "某某表\n单位：万元\n" + joiner.join(cells) + "\n\n注：测试用的虚构数字。"
    tables = [t for t in tables_in(normalize(text).text) if t.layout == "labeled"]
    assert len(tables) == 1
    assert [[cell.text if not cell.covered else "" for cell in row.cells] for row in tables[0].rows] == PAIRS


def test_a_row_one_cell_short_ends_before_the_next_label_and_is_unsure() -> None:
    cells = ["项目", "预算数", "决算数", "合计", "50.00", "40.00", "甲类费", "0.00", "乙类费", "20.00", "15.00",
             "丙类费", "30.00", "25.00"]  # fmt: skip
    text = "某某表\n单位：万元\n" + "\n".join(cells) + "\n\n二、说明\n本表为测试数据，数字均为虚构。"
    tables = [t for t in tables_in(normalize(text).text) if t.layout == "labeled"]
    assert len(tables) == 1
    rows = [[cell.text for cell in row.cells] for row in tables[0].rows]
    assert rows == [["项目", "预算数", "决算数"], ["合计", "50.00", "40.00"], ["甲类费", "0.00", ""],
                    ["乙类费", "20.00", "15.00"], ["丙类费", "30.00", "25.00"]]  # fmt: skip
    assert tables[0].unsure_rows == {2}  # which of its two amounts the row lacks is not said
