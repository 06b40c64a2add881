"""The labeled-rows reader: one cell a line, each row a label and its amounts, a header merged over two rows
written without its spans. Invented tables."""

from __future__ import annotations

import pytest

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
