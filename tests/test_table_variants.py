"""Pipe rows broken over lines, headers over two rows without their spans, and indicator tables read by their
content where the header does not say it all: a table whose header is not in the text, a level-1 cell written in
its group's middle row, a unit written in the value cell, a signed-off footer. Invented forms, units and numbers."""

from __future__ import annotations

from extractor.extract.rules.indicator_table import indicator_rows
from extractor.normalize import normalize
from extractor.tables import tables_in


def _rows(text: str) -> list[tuple[object, ...]]:
    rows = indicator_rows(tables_in(normalize(text).text))
    return [(r.level1, r.level2, r.name, r.comparator, r.target, r.unit, r.actual, r.weight, r.score) for r in rows]


def test_outer_bar_rows_broken_inside_a_cell_are_joined_and_a_two_row_header_spreads() -> None:
    text = "\n".join([
        "| 项目名称 |",
        "某某补助经费 |",
        "| 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |",
        "|",
        "一级 指标 |",
        "二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 |",
        "| 产出指标 | 数量指标 | 补助户数 | ≥ | 40 | 户 | 42 | 30 | 30 | |",
        "| 时效指标 | 发放及时率 | ＝ | 100 | % | 100 | 20 | 19 | |",
        "| 效益指标 | 社会效益指标 | 群众知晓率 | ≥ | 90 | % | 93 | 40 | 40 | |",
    ])  # fmt: skip
    table = tables_in(normalize(text).text)[0]
    assert table.rows[0].texts[:2] == ["项目名称", "某某补助经费"]  # one row over two lines
    header = table.header("indicators")
    assert header is not None
    assert list(header.roles) == [
        "level1", "level2", "name", "comparator", "target", "unit", "actual", "weight", "score", "reason",
    ]  # fmt: skip
    assert _rows(text) == [
        ("产出指标", "数量指标", "补助户数", "≥", "40", "户", "42", 30, 30),
        ("产出指标", "时效指标", "发放及时率", "=", "100", "%", "100", 20, 19),
        ("效益指标", "社会效益指标", "群众知晓率", "≥", "90", "%", "93", 40, 40),
    ]


def test_rows_without_outer_bars_take_their_broken_tail_lines() -> None:
    text = "\n".join([
        "一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析 | ||",
        "产出指标 | 数量指标 | 种植面积 | ≥ | 50 | 亩 | 52 | 20 | 20 |",
        "|",
        "| |",
        "质量指标 | 成活率 | ≥ | 85 | % | 88 | 20 | 20 |",
        "|",
        "| ||",
    ])  # fmt: skip
    table = tables_in(normalize(text).text)[0]
    assert len(table.rows) == 3
    assert [r[2] for r in _rows(text)] == ["种植面积", "成活率"]


def test_one_cell_a_line_closed_by_bars_leaves_its_table_to_the_cells_layout() -> None:
    cells = ["项目名称", "某某经费", "主管部门", "某某局", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
             "栽种株数", "≥300株", "320株", "50", "50", "养护次数", "≥6次", "6次", "50", "48"]  # fmt: skip
    text = "\n".join(f"{cell} |" for cell in cells)
    assert [t.layout for t in tables_in(normalize(text).text)] == ["pipe", "cells"]


def test_a_table_whose_header_is_not_in_the_text_is_read_by_the_template_columns() -> None:
    text = "\n".join([
        "巡查覆盖率 | = | 100 | % | 100 | 5 |",
        "成本指标 | 巡查成本 | ≤ | 3 | 万元 | 2.8 | 5 |",
        "效益指标 | 社会效益指标 | 隐患整改率 | ≥ | 90 | % | 95 | 10 |",
        "合计 | 100 |",
    ])  # fmt: skip
    names = [(r[2], r[3], r[4], r[5]) for r in _rows(text)]
    assert names == [("巡查覆盖率", "=", "100", "%"), ("巡查成本", "≤", "3", "万元"), ("隐患整改率", "≥", "90", "%")]


def test_prose_rows_with_numbers_are_no_template_table() -> None:
    text = "\n".join(["说明 | 第一季度 | 10 | 12 |", "说明 | 第二季度 | 11 | 13 |", "说明 | 第三季度 | 9 | 8 |"])
    assert _rows(text) == []


def test_a_level1_cell_in_its_groups_middle_row_labels_the_rows_above() -> None:
    text = "\n".join([
        "一级指标 | 二级指标 | 三级指标 | 指标值 | 指标标准或依据",
        "数量指标 | 培训人次 | 120人次 |",
        "产出指标 | 课程门数 | 30 |",
        "质量指标 | 结业率 | 95% |",
        "财务科室（盖章） 年 月 日 | 绩效科室（盖章） 年 月 日 |",
    ])  # fmt: skip
    assert [(r[0], r[1], r[2], r[4], r[5]) for r in _rows(text)] == [
        ("产出指标", "数量指标", "培训人次", "120", "人次"),
        ("产出指标", "数量指标", "课程门数", "30", None),
        ("产出指标", "质量指标", "结业率", "95", "%"),
    ]


def test_a_unit_written_with_the_value_is_the_cells_own() -> None:
    text = "\n".join([
        "一级指标 | 二级指标 | 三级指标 | 指标值类型 | 指标值 | 计量单位 | 指标解释",
        "产出指标 | 数量指标 | 补助资金 | 定量 | 8.5万元 | % | 考察资金安排",
        "产出指标 | 质量指标 | 到位率 | 定量 | 100 | % | 考察到位情况",
    ])  # fmt: skip
    assert [(r[2], r[3], r[4], r[5]) for r in _rows(text)] == [("补助资金", None, "8.5", "万元"), ("到位率", None, "100", "%")]
