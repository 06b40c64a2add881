"""Goal forms in the layouts the rules were not written for before session 10: a goal table that lists several projects
(项目名称 | 预算数 | 年度目标 | levels …, one project's rows under its name), goals stated as sentences ("1、数量指标:…"), a
template's hint left in a name ("(≥**%)"), a transfer goal form named by its 专项名称 and naming the 主管部门 of each
government level. Fixtures written for the tests: invented units, names and amounts."""

from __future__ import annotations

import pytest

from extractor.extract.rules.indicator_cells import indicator_name
from extractor.pipeline import extract_text
from schemas import Record

# A unit's projects in one table, pipe rows as a web page writes them: the unit's cell merged down (left out of the rows
# after its first), a project's levels written once per project, a department's subtotal row above its projects.
LIST_PIPES = """| 部门预算项目绩效目标申报表(2031年度) | ||||||||||||
| 金额单位:元 | ||||||||||||
| 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 权重 | 指标方向性 | |
| 301-青松乡部门 | 1,250,000.00 | |||||||||||
| 301001-青松乡人民政府 | 河道保洁经费 | 800,000.00 | 保持辖区河道整洁 | 产出指标 | 数量指标 | 保洁河道长度 | ≥ | 12 | 公里 | 40 | 正向指标 | |
| 产出指标 | 质量指标 | 河面漂浮物清理率 | ≥ | 98 | % | 40 | 正向指标 | |||||
| 满意度指标 | 服务对象满意度指标 | 沿岸群众满意度 | ≥ | 90 | % | 20 | 正向指标 | |||||
| 老年协会活动经费 | 450,000.00 | 组织老年人文体活动 | 产出指标 | 数量指标 | 开展活动次数 | ≥ | 6 | 次 | 60 | 正向指标 | ||
| 效益指标 | 社会效益指标 | 参与老人人数 | ≥ | 300 | 人 | 40 | 正向指标 | |||||
"""

_HEAD = ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位",
         "权重", "指标方向性"]  # fmt: skip
_ROWS = [
    ["301001-青松乡人民政府", "河道保洁经费", "800,000.00", "保持辖区河道整洁", "产出指标", "数量指标", "保洁河道长度", "≥", "12",
     "公里", "40", "正向指标"],
    ["", "", "", "", "产出指标", "质量指标", "河面漂浮物清理率", "≥", "98", "%", "40", "正向指标"],
    ["", "", "", "", "满意度指标", "服务对象满意度指标", "沿岸群众满意度", "≥", "90", "%", "20", "正向指标"],
    ["", "老年协会活动经费", "450,000.00", "组织老年人文体活动", "产出指标", "数量指标", "开展活动次数", "≥", "6", "次", "60",
     "正向指标"],
    ["", "", "", "", "效益指标", "社会效益指标", "参与老人人数", "≥", "300", "人", "40", "正向指标"],
]  # fmt: skip


def _list_text(layout: str) -> str:
    title = "部门预算项目绩效目标申报表(2031年度)\n金额单位:元\n"
    if layout == "pipes":
        return LIST_PIPES
    if layout == "tabs":  # a spreadsheet saved as text: every slot kept, merged cells empty
        return title + "\n".join("\t".join(row) for row in [_HEAD, *_ROWS]) + "\n"
    cells = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in row)}</tr>" for row in [_HEAD, *_ROWS])
    return title + f"<table>{cells}</table>\n"


def _record(text: str) -> Record:
    return extract_text("list.txt", text)


@pytest.mark.parametrize("layout", ["pipes", "tabs", "html"])
def test_a_table_listing_projects_gives_each_project_its_own_rows_money_and_goal(layout: str) -> None:
    record = _record(_list_text(layout))
    assert [p.name for p in record.projects] == ["河道保洁经费", "老年协会活动经费"]
    first, second = record.projects
    assert [r.name for r in first.indicators] == ["保洁河道长度", "河面漂浮物清理率", "沿岸群众满意度"]
    assert [r.name for r in second.indicators] == ["开展活动次数", "参与老人人数"]
    assert first.budget.initial == pytest.approx(80.0) and second.budget.initial == pytest.approx(45.0)  # 元 → 万元
    row = second.indicators[1]
    assert (row.level1, row.level2, row.comparator, row.target, row.unit, row.weight) == (
        "效益指标", "社会效益指标", "≥", "300", "人", 40.0)  # fmt: skip
    assert row.actual is None and row.score is None and row.deviation_reason is None  # 指标方向性 is no field
    goals = {n.scope: n.text for n in record.narratives if n.kind == "performance_goal"}
    assert goals == {"河道保洁经费": "保持辖区河道整洁", "老年协会活动经费": "组织老年人文体活动"}


def test_a_listed_projects_unit_is_its_department_without_its_code_and_a_subtotal_is_no_row() -> None:
    record = _record(LIST_PIPES)
    assert {p.department for p in record.projects} == {"青松乡人民政府"}
    names = [r.name for p in record.projects for r in p.indicators]
    assert not any("部门" in name for name in names)  # the department's subtotal row "301-青松乡部门 | 1,250,000.00"


def _held(record: Record, prefix: str) -> dict[str, bool]:
    """pointer -> whether the field is held for review, for the record's fields under `prefix`."""
    threshold = record.review.threshold if record.review is not None else 0.8
    return {p: a.confidence < threshold for p, a in (record.assessments or {}).items() if p.startswith(prefix)}


def test_a_listed_projects_rows_are_not_held_for_their_projects_name() -> None:
    held = _held(_record(LIST_PIPES), "/projects/1/indicators/")
    assert held and not any(held.values())


def test_a_single_projects_form_is_no_list() -> None:
    text = LIST_PIPES.replace("| 单位名称 | 项目名称 | 预算数 | 年度目标 |", "| 单位名称 | 项目类别 | 预算数 | 年度目标 |")
    record = _record(text)
    assert [p.name for p in record.projects] != ["河道保洁经费", "老年协会活动经费"]


# Goals stated as sentences: a project announcement whose 绩效目标 are numbered lines.
STATEMENTS = """示例县第二中学项目情况公示
根据示例县财政局文件,2031年普通高中助学补助资金项目由示例县第二中学实施完成,涉及资金88.5万元,现将有关情况公示如下:
一、实施地点
示例县第二中学
二、绩效目标
总体目标:按标准资助家庭经济困难学生。
(一)产出指标
1、数量指标:资助家庭经济困难学生420人次,资助金额88.5万元。
2、质量指标:资助标准100%达标。
3、时效指标:资助经费发放率≥95%。
4、成本指标:资助标准为每生每年2000元、1000元两个档次。
(二)效益指标
1、社会效益指标:受助学生满意度不低于90%。
"""


def test_goals_stated_as_sentences_give_a_projects_target_only_rows() -> None:
    record = _record(STATEMENTS)
    (project,) = record.projects
    assert project.name == "2031年普通高中助学补助资金项目"
    assert project.implementer == "示例县第二中学"
    assert project.budget.initial == pytest.approx(88.5)
    rows = [(r.level1, r.level2, r.name, r.comparator, r.target, r.unit) for r in project.indicators]
    assert rows == [
        ("产出指标", "数量指标", "资助家庭经济困难学生", None, "420", "人次"),
        ("产出指标", "数量指标", "资助金额", None, "88.5", "万元"),
        ("产出指标", "质量指标", "资助标准", None, "100", "%"),
        ("产出指标", "时效指标", "资助经费发放率", "≥", "95", "%"),
        ("效益指标", "社会效益指标", "受助学生满意度", "≥", "90", "%"),
    ]  # the cost line states two standards at once: no row the reader can tell
    assert all(r.actual is None and r.weight is None and r.score is None for r in project.indicators)


def test_goals_stated_as_sentences_are_held_for_review() -> None:
    held = _held(_record(STATEMENTS), "/projects/0/")
    assert held and all(held.values())


def test_an_account_of_how_the_goals_went_is_no_goal_statement() -> None:
    text = STATEMENTS.replace("二、绩效目标", "二、绩效目标完成情况")
    assert _record(text).projects == []


GOAL_CELL_STATEMENTS = """项目支出绩效目标申报表
(2031年度)
项目名称 | 示例镇农技培训项目 |
主管部门 | 示例县农业农村局 | 实施单位 | 示例镇农业服务中心 |
年度资金总额 | 36万元 |
年度绩效目标 | 数量指标:培训农民人数不少于600人次,举办培训班12期;质量指标:培训合格率≥95%;满意度指标:参训农民满意度≥90%。 |
"""


def test_a_goal_form_with_no_indicator_table_reads_the_goals_its_goal_cell_states() -> None:
    record = _record(GOAL_CELL_STATEMENTS)
    (project,) = record.projects
    assert (project.name, project.department, project.budget.initial) == ("示例镇农技培训项目", "示例县农业农村局", 36.0)
    assert [(r.level2, r.name, r.comparator, r.target, r.unit) for r in project.indicators] == [
        ("数量指标", "培训农民人数", "≥", "600", "人次"),
        ("数量指标", "举办培训班", None, "12", "期"),
        ("质量指标", "培训合格率", "≥", "95", "%"),
        ("满意度指标", "参训农民满意度", "≥", "90", "%"),
    ]
    held = _held(record, "/projects/0/indicators/")
    assert held and all(held.values())  # the sentence's grammar alone parted the cells


def test_a_self_evaluations_account_in_sentences_gives_no_goal_rows() -> None:
    text = GOAL_CELL_STATEMENTS.replace("年度资金总额 | 36万元 |", "年度资金总额 | 36万元 | 执行数 | 35万元 |")
    assert _record(text).projects[0].indicators == []


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("小区居民满意度(≥**%)", "小区居民满意度"),
        ("景点开发数量( ≥**个 )", "景点开发数量"),
        ("补助成本(≤**元/株)", "补助成本"),
        ("受益人口数≥**人", "受益人口数"),
        ("指标1:项目总成本(≤**万元)", "项目总成本"),
        ("设施达标率(≥95%)", "设施达标率(≥95%)"),  # a number in the brackets: the name's own words
        ("完成率(100%)", "完成率(100%)"),
    ],
)
def test_a_goal_templates_hint_is_no_part_of_a_name(written: str, name: str) -> None:
    assert indicator_name(written) == name


TRANSFER_LEVELS = """中等职业学校助学补助资金绩效目标表
(2031年度)
专项名称 | 学生资助补助经费(示例补助资金) | |||||
中央主管部门 | 财政部、教育部 | |||||
省级财政部门 | 示例省财政厅 | 省级主管部门 | 示例省教育厅 | |||
市级财政部门 | 示例市财政局 | 市级主管部门 | 示例市教育局 | |||
绩效指标 | 一级目标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 未达到指标值原因 |
产出指标 | 数量指标 | 示例学校应受助学生数 | 100% | |||
示例学校免学费受助学生数 | 100% | |
"""


def test_a_transfer_goal_form_named_by_its_special_fund_names_no_department_of_one_level() -> None:
    record = _record(TRANSFER_LEVELS)
    (project,) = record.projects
    assert project.name == "学生资助补助经费(示例补助资金)"
    assert project.department is None  # 省级 and 市级 主管部门 side by side: neither is the form's own
    assert [(r.level1, r.level2, r.name, r.target, r.unit) for r in project.indicators] == [
        ("产出指标", "数量指标", "示例学校应受助学生数", "100", "%"),
        ("产出指标", "数量指标", "示例学校免学费受助学生数", "100", "%"),
    ]
    assert "project_self_evaluation" in record.meta.kinds


# A goal form that sets its indicators for the whole period first, then for the year (长期绩效指标 … 年度绩效指标 …).
LONG_THEN_YEAR = """项目支出绩效目标申报表(2031年度)
项目名称\t示例县乡村道路提升项目
主管部门\t示例县交通运输局\t实施单位\t示例县公路建设中心
年度资金总额\t420万元
长期绩效指标
一级指标\t二级指标\t指标内容\t指标值\t备注
产出指标\t数量指标\t道路提升里程\t≥50公里\t
满意度指标\t服务对象满意度指标\t沿线群众满意度\t≥85%\t
年度绩效指标
一级指标\t二级指标\t指标内容\t指标值\t备注
产出指标\t数量指标\t道路提升里程\t≥12公里\t
满意度指标\t服务对象满意度指标\t沿线群众满意度\t≥90%\t
"""


def test_a_goal_forms_targets_are_its_years_where_it_sets_long_term_ones_first() -> None:
    (project,) = _record(LONG_THEN_YEAR).projects
    assert [(r.name, r.comparator, r.target, r.unit) for r in project.indicators] == [
        ("道路提升里程", "≥", "12", "公里"),
        ("沿线群众满意度", "≥", "90", "%"),
    ]


# One row per project, a column per level 1 whose cell states that level's indicators as sentences.
LEVEL_COLUMNS = """2031年部门预算项目绩效目标表
单位:万元
项目名称\t项目金额\t年度绩效目标\t产出指标\t效益指标\t满意度指标
社区养老服务补助\t120.00\t为辖区老人提供助餐服务\t数量指标:服务老人不少于300人;质量指标:服务合格率≥95%\t社会效益指标:老人助餐覆盖率≥80%\t服务对象满意度指标:老人满意度≥90%
校园安保经费\t80.00\t保障校园安全\t数量指标:配备保安12人;时效指标:巡查及时率100%\t社会效益指标:安全事故发生率≤1%\t服务对象满意度指标:师生满意度≥92%
"""


def test_a_table_of_a_row_per_project_and_a_column_per_level_gives_each_project_its_stated_rows() -> None:
    record = _record(LEVEL_COLUMNS)
    assert [(p.name, p.budget.initial) for p in record.projects] == [("社区养老服务补助", 120.0), ("校园安保经费", 80.0)]
    first, second = record.projects
    assert [(r.level1, r.level2, r.name, r.comparator, r.target, r.unit) for r in first.indicators] == [
        ("产出指标", "数量指标", "服务老人", "≥", "300", "人"),
        ("产出指标", "质量指标", "服务合格率", "≥", "95", "%"),
        ("效益指标", "社会效益指标", "老人助餐覆盖率", "≥", "80", "%"),
        ("满意度指标", "服务对象满意度指标", "老人满意度", "≥", "90", "%"),
    ]
    assert [r.name for r in second.indicators] == ["配备保安", "巡查及时率", "安全事故发生率", "师生满意度"]
    held = _held(record, "/projects/1/indicators/")
    assert held and all(held.values())  # cells parted by the sentences' grammar alone


# A goal approval form whose level-1 cells carry the range of weight the level may take ("成本指标(0-20)分").
WEIGHT_RANGES = """2031年示例村道路硬化项目支出绩效目标审批表
项目名称 2031年示例村道路硬化项目 项目分类 基础设施类
业务主管部门 示例县交通局
当年年度预算 48
年度绩效目标(90分) 一级指标 二级指标 三级指标 指标值 分值 指标解释
成本指标(0-20)分 经济成本指标 道路硬化成本 ≤48万元 10
产出指标(40-50)分 数量指标 硬化道路长度 ≥1.2公里 30
"""


def test_a_level_cell_with_the_range_of_weight_it_may_take_is_that_level() -> None:
    (project,) = _record(WEIGHT_RANGES).projects
    assert [(r.level1, r.level2, r.name, r.comparator, r.target, r.unit, r.weight) for r in project.indicators] == [
        ("成本指标", "经济成本指标", "道路硬化成本", "≤", "48", "万元", 10.0),
        ("产出指标", "数量指标", "硬化道路长度", "≥", "1.2", "公里", 30.0),
    ]
