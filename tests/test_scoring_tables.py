"""Scoring tables (项目支出绩效评价评分表, 绩效评价指标体系及评分表) read as indicator rows: the evaluation framework's
levels (项目决策, 资金管理 … or any name written with its group weight), a 分值 after each level column that is the
level's, a 评分标准 column of prose left out of the rows, then 得分; in every layout the texts put them in. Every
table here is invented (names, numbers), written in the shapes the real ones take."""

from __future__ import annotations

import pytest

from extractor.chunk import chunk
from extractor.extract.rules import RulesExtractor
from extractor.extract.rules.indicator_cells import glued_weight, indicator_name
from extractor.normalize import normalize
from extractor.route import carries_project_table
from extractor.tables import find_tables, lines_of
from extractor.tables.kinds import group_of, level_of
from extractor.tables.parted import bar_parted, bar_parted_tokens
from extractor.tables.roles import resolved
from schemas import Project

Rows = list[tuple[object, ...]]


def _projects(text: str) -> list[Project]:
    doc = normalize(text + "\n")
    return [c.item for c in RulesExtractor().extract(doc, chunk(doc)).candidates if isinstance(c.item, Project)]


def _rows(text: str) -> Rows:
    found = _projects(text)
    assert len(found) == 1, found
    return [(r.level1, r.level2, r.name, r.weight, r.score) for r in found[0].indicators]


# ---- the words: levels, names, weights ----------------------------------------------------------------------


def test_a_frameworks_levels_are_levels_and_a_numbered_cell_is_an_indicator() -> None:
    assert level_of("项目决策") == (1, "项目决策")
    assert level_of("资金管理（12分）") == (2, "资金管理")
    assert level_of("过 程") == (1, "过程")
    assert level_of("8.经济效益(20分)") is None  # a numbered row of the table, named 经济效益
    assert level_of("1.产出指标") == (1, "产出指标")  # the national form's level stays one


def test_a_level_no_vocabulary_knows_is_told_by_its_group_weight_or_its_section_mark() -> None:
    assert group_of("水面保洁工作情况(25分)") == "水面保洁工作情况"
    assert group_of("二、巡护队伍建设") == "巡护队伍建设"
    assert group_of("（三）河长制落实（8分）") == "河长制落实"
    assert group_of("巡护里程") is None  # no mark: a name
    assert group_of("3.巡护次数(5分)") is None  # numbered: an indicator with its weight


def test_an_indicators_number_and_glued_weight_are_no_part_of_its_name() -> None:
    assert indicator_name("2.巡护台账完整性(6分)") == "巡护台账完整性"
    assert glued_weight("2.巡护台账完整性(6分)") == 6.0
    assert indicator_name("巡护里程(公里)") == "巡护里程(公里)"
    assert glued_weight("巡护里程(公里)") is None


def test_a_weight_after_a_level_column_is_the_levels_and_the_right_most_name_column_is_the_name() -> None:
    header = ["level1", "weight", "level2", "weight", "name", "weight", "note", "score"]
    assert resolved(list(header)) == ["level1", "level1_weight", "level2", "level2_weight", "name", "weight", "note", "score"]
    assert resolved([None, "name", "name", "note", "weight", "score"]) == [None, "level2", "name", "note", "weight", "score"]
    assert resolved(["level1", "name", "name", "weight"]) == ["level1", "level2", "name", "weight"]


# ---- layouts ----------------------------------------------------------------------------------------------------

FRAMEWORK = [
    ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评分标准", "得分"],
    ["项目决策", "20", "项目立项", "12", "立项依据充分性", "6", "依据充分的得满分，否则酌情扣分。", "6"],
    ["", "", "", "", "立项程序规范性", "6", "程序规范的得满分，否则酌情扣分。", "5"],
    ["", "", "绩效目标", "8", "绩效目标合理性", "8", "目标合理的得满分。", "7"],
    ["项目过程", "30", "资金管理", "30", "资金到位率", "30", "到位率乘以分值。", "28"],
]
FRAMEWORK_ROWS = [
    ("项目决策", "项目立项", "立项依据充分性", 6.0, 6.0),
    ("项目决策", "项目立项", "立项程序规范性", 6.0, 5.0),
    ("项目决策", "绩效目标", "绩效目标合理性", 8.0, 7.0),
    ("项目过程", "资金管理", "资金到位率", 30.0, 28.0),
]


def _pipe(grid: list[list[str]]) -> str:
    return "\n".join("| " + " | ".join(row) + " |" for row in grid)


def _tabbed(grid: list[list[str]]) -> str:
    return "\n".join("\t".join(row) for row in grid)


def _flat(grid: list[list[str]]) -> str:
    return " ".join(cell for row in grid for cell in row if cell)


def _cells(grid: list[list[str]]) -> str:
    return "\n".join(cell for row in grid for cell in row)


def _ragged(grid: list[list[str]]) -> str:  # one cell a line, the merged level cells written once
    return "\n".join(cell for row in grid for cell in row if cell)


def _aligned(grid: list[list[str]]) -> str:
    def width(text: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

    widths = [max(width(row[c]) for row in grid) + 3 for c in range(len(grid[0]))]
    return "\n".join("".join(cell + " " * (widths[c] - width(cell)) for c, cell in enumerate(row)).rstrip() for row in grid)


@pytest.mark.parametrize("render", [_pipe, _tabbed, _flat, _cells, _ragged, _aligned],
                         ids=["pipe", "tabbed", "flat", "cells", "ragged", "aligned"])  # fmt: skip
def test_a_frameworks_scoring_table_gives_its_rows_with_the_levels_weights_left_to_the_levels(render) -> None:  # type: ignore[no-untyped-def]
    text = "某某河道巡护项目支出绩效评价评分表\n" + render(FRAMEWORK)
    assert _rows(text) == FRAMEWORK_ROWS


def test_a_glued_scoring_table_is_parted_at_its_numbers_not_at_the_criterias() -> None:
    text = ("1、某某河道巡护项目支出绩效评价评分表一级指标分值二级指标分值三级指标分值评价标准得分"
            "项目决策20项目立项12立项依据充分性6依据充分(3分)程序完整(3分)6立项程序规范性6程序规范(6分)以上需提供资料。5"
            "绩效目标8绩效目标合理性8目标合理(8分)7项目过程30资金管理30资金到位率30到位率乘以分值。28")  # fmt: skip
    assert _rows(text) == FRAMEWORK_ROWS


def test_a_section_row_opens_a_level_and_its_weight_and_score_are_the_levels() -> None:
    text = _pipe([
        ["考核内容", "分值", "计分标准", "分数", "备注"],
        ["一、巡护队伍建设", "40", "", "37", ""],
        ["1、队员培训到位情况", "20", "培训到位的得满分。", "18", ""],
        ["2、队员值守情况", "20", "全年值守的得满分。", "19", ""],
        ["二、巡护成效", "60", "", "58", ""],
        ["1、河面漂浮物清理情况", "60", "清理及时的得满分。", "58", ""],
        ["合计", "", "", "95", ""],
    ])  # fmt: skip
    assert _rows("评价项目名称:某某河道巡护项目\n" + text) == [
        ("巡护队伍建设", None, "队员培训到位情况", 20.0, 18.0),
        ("巡护队伍建设", None, "队员值守情况", 20.0, 19.0),
        ("巡护成效", None, "河面漂浮物清理情况", 60.0, 58.0),
    ]
    project = _projects("评价项目名称:某某河道巡护项目\n" + text)[0]
    assert project.name == "某某河道巡护项目"
    assert project.total_score == 95.0  # the 合计 row's 分数 cell: the table's total, no budget block's score
    assert project.budget.score is None and project.budget.weight is None


def test_a_forms_title_glued_after_an_empty_name_label_is_no_projects_name() -> None:
    text = ("1、项目名称:某某河道巡护项目绩效评价指标表评价单位:填报日期:一级指标二级指标三级指标分值评分标准得分"
            "巡护投入资金保障资金到位情况30到位的得满分。27")  # fmt: skip
    assert all(p.name != "某某河道巡护项目绩效评价指标表" and "评价单位" not in p.name for p in _projects(text))


def test_several_name_columns_make_the_outer_ones_levels() -> None:
    text = _pipe([
        ["评价内容", "评价类别", "评价指标", "分值", "评分标准", "得分"],
        ["巡护投入(30分)", "资金保障(30分)", "资金到位情况", "30", "到位的得满分。", "27"],
        ["", "", "", "", "", ""],
        ["巡护成效(70分)", "河面保洁(70分)", "漂浮物清理率", "70", "按清理率计分。", "66"],
    ])  # fmt: skip
    assert _rows(text) == [
        ("巡护投入", "资金保障", "资金到位情况", 30.0, 27.0),
        ("巡护成效", "河面保洁", "漂浮物清理率", 70.0, 66.0),
    ]


# ---- cells parted by bars at line starts (a web page's table copied as text) ----------------------------------

PARTED_LONE = """一级指标
|
二级指标
|
三级指标
|
评分标准
|
分值
|
自评得分
|
扣分原因
|
投 入
(30分)
|
资金保障
(30分)
|
巡护经费
到位率
|
以100%为标准，每低一个百分点扣0.5分，扣完为止。
|
20
|
19
|
|
巡护装备配置率
|
配置到位的得满分。
|
10
|
10
|
|
效 果
(70分)
|
巡护成效
(70分)
|
漂浮物清理率
|
按清理率计分。
|
70
|
65
|
清理船检修
|"""

PARTED_LED = """评价
内容
| 评价指标
(分值)
| 指标说明
| 评分标准
|
(一)
巡
护
投
入
(30分)
| 1.巡护经费到位率(20分)
| 巡护经费到位的情况。
| 到位的得20分，每低一个百分点扣1分。
|
2.巡护装备配置率(10分)
| 巡护装备配置的情况。
| 配置到位的得10分。
|
(二)
巡
护
成
效
(70分)
| 3.漂浮物清理率(70分)
| 河面漂浮物清理的情况。
| 按清理率计分。
|"""


def test_cells_parted_by_lone_bars_are_read_as_a_scoring_tables_rows() -> None:
    lines = lines_of(PARTED_LONE)
    assert bar_parted(lines, 0)
    tokens = bar_parted_tokens(lines, 0)
    assert [t.text for t in tokens[:8]] == ["一级指标", "二级指标", "三级指标", "评分标准", "分值", "自评得分", "扣分原因", "投 入(30分)"]
    assert tokens[13].text == "" and PARTED_LONE[tokens[8].start : tokens[8].end] == "资金保障\n(30分)"
    assert _rows(PARTED_LONE) == [
        ("投入", "资金保障", "巡护经费到位率", 20.0, 19.0),
        ("投入", "资金保障", "巡护装备配置率", 10.0, 10.0),
        ("效果", "巡护成效", "漂浮物清理率", 70.0, 65.0),
    ]


def test_cells_opened_by_bars_with_a_level_written_a_character_a_line_are_read_as_rows() -> None:
    assert _rows(PARTED_LED) == [
        ("巡护投入", None, "巡护经费到位率", 20.0, None),
        ("巡护投入", None, "巡护装备配置率", 10.0, None),
        ("巡护成效", None, "漂浮物清理率", 70.0, None),
    ]


def test_one_cell_a_line_with_a_lone_bar_for_an_empty_cell_is_no_bar_parted_text() -> None:
    text = "\n".join(["一级指标", "二级指标", "三级指标", "分值", "得分", "产出指标", "数量指标", "巡护里程", "40", "38",
                      "|", "", "巡护次数", "20", "20", "效益指标", "社会效益指标", "水面保洁效果", "30", "30"])  # fmt: skip
    assert not bar_parted(lines_of(text), 0)
    assert not bar_parted(lines_of("甲 | 乙\n| 丙\n| 丁\n|\n| 戊\n| 己\n|"), 0)


def test_a_scoring_tables_chunk_goes_to_projects() -> None:
    text = _pipe(FRAMEWORK)
    assert carries_project_table(text)
    assert carries_project_table(PARTED_LED)
    assert any(table.header("indicators") for table in find_tables(lines_of(normalize(PARTED_LED).text)))


NATIONAL_2020 = [  # the 2020 national framework's levels (决策 / 过程 / 产出 / 效益), 满意度 as a level 2
    ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "自评分", "扣分原因"],
    ["决策", "项目立项", "立项依据充分性", "3", "依据充分得满分。", "3", ""],
    ["", "", "立项程序规范性", "3", "程序规范得满分。", "2", "程序欠规范"],
    ["过程", "资金管理", "资金到位率", "5", "到位率乘以分值。", "5", ""],
    ["效益", "项目效益", "河面保洁效果", "20", "效果明显得满分。", "19", ""],
    ["", "满意度", "群众满意度", "10", "满意度九成以上得满分。", "9", ""],
]


@pytest.mark.parametrize("render", [_pipe, _flat, _cells], ids=["pipe", "flat", "cells"])
def test_satisfaction_is_a_level_in_a_scoring_tables_level_column(render) -> None:  # type: ignore[no-untyped-def]
    found = _projects("某某项目绩效评价评分表\n" + render(NATIONAL_2020))
    assert len(found) == 1
    rows = [(r.level1, r.level2, r.name, r.weight, r.score, r.deviation_reason) for r in found[0].indicators]
    assert rows == [
        ("决策", "项目立项", "立项依据充分性", 3.0, 3.0, None),
        ("决策", "项目立项", "立项程序规范性", 3.0, 2.0, "程序欠规范"),
        ("过程", "资金管理", "资金到位率", 5.0, 5.0, None),
        ("效益", "项目效益", "河面保洁效果", 20.0, 19.0, None),
        ("效益", "满意度", "群众满意度", 10.0, 9.0, None),
    ]
    assert level_of("满意度") is None  # elsewhere the first piece of 满意度指标 torn by a line break


GROUPED = [  # 评价指标 merged over the three level columns, their own words in the row under it
    ["评价指标", "", "", "分值", "评分标准", "得分"],
    ["一级指标", "二级指标", "三级指标", "", "", ""],
    ["决策", "项目立项", "立项依据充分性", "3", "依据充分得满分。", "3"],
    ["", "", "立项程序规范性", "3", "程序规范得满分。", "2"],
    ["过程", "资金管理", "资金到位率", "5", "到位率乘以分值。", "5"],
]


@pytest.mark.parametrize("render", [_pipe, _flat, _ragged], ids=["pipe", "flat", "ragged"])
def test_a_group_cell_over_the_level_columns_stands_for_them_in_any_layout(render) -> None:  # type: ignore[no-untyped-def]
    assert _rows("某某项目绩效评价评分表\n" + render(GROUPED)) == [
        ("决策", "项目立项", "立项依据充分性", 3.0, 3.0),
        ("决策", "项目立项", "立项程序规范性", 3.0, 2.0),
        ("过程", "资金管理", "资金到位率", 5.0, 5.0),
    ]
