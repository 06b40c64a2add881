"""Goal declaration forms (绩效目标申报表, 项目支出绩效目标表), central transfer payments' forms (转移支付（项目）名称,
中央主管部门 | 地方主管部门) and a department's goal form (部门整体支出绩效目标表), as web pages and converters lay them out:
one cell a line, cells closed by bars, pipe rows, labels spaced on a line. A goal form's rows state a target alone: the
record holds the target (its comparator and unit) with actual, weight and score null. Fixtures written for the tests:
invented units, names and amounts."""

from __future__ import annotations

import pytest

from extractor.extract.rules.goal_funds import goal_funds
from extractor.pipeline import extract_text
from extractor.tables import lines_of
from extractor.tables.readers.cells import cell_tokens
from extractor.tables.stream import Token, header_at
from schemas import Record

# One cell a line, a blank line after each (a web page's table copied as text); merged level cells written once.
GOAL_CELLS = """绩效目标申报表(公共服务类)

(2031年度)

项目名称

示例县2031年乡村道路养护项目

项目负责人及电话

张某

主管部门

示例县交通运输局

实施单位

示例县公路养护站

资金情况 (万元)

年度资金总额:

320万(路面修补200万元,边沟清理120万元)

其中:财政拨款

320万

其他资金

总体目标

年度目标

完成乡村道路养护里程80公里

绩效指标

一级指标

二级指标

三级指标

指标值

产出指标

数量指标

养护道路里程

≥80公里

修补坑槽数量

≥300处

质量指标

养护验收合格率

100%

时效指标

养护完成及时率

≥95%

效益指标

社会效益

指标

受益群众人数

≥12000人

满意度指标

服务对象满意度指标

沿线群众满意度

≥90%
"""


def _record(text: str) -> Record:
    return extract_text("form.txt", text)


def _target_row(level1: str, level2: str, name: str, comparator: str | None, target: str, unit: str | None) -> dict:
    return {"level1": level1, "level2": level2, "name": name, "comparator": comparator, "target": target, "unit": unit,
            "actual": None, "weight": None, "score": None, "deviation_reason": None}  # fmt: skip


def test_a_goal_form_one_cell_a_line_gives_the_whole_project_with_target_only_rows() -> None:
    record = _record(GOAL_CELLS)
    assert record.meta.kinds == ["project_self_evaluation"]
    (project,) = record.projects
    got = project.model_dump(exclude={"evidence": True, "indicators": {"__all__": {"evidence"}}})
    assert got == {
        "name": "示例县2031年乡村道路养护项目",
        "code": None,
        "department": "示例县交通运输局",
        "implementer": "示例县公路养护站",
        "budget": {"initial": 320.0, "adjusted": None, "executed": None, "execution_rate_pct": None,
                   "weight": None, "score": None},  # fmt: skip
        "indicators": [
            _target_row("产出指标", "数量指标", "养护道路里程", "≥", "80", "公里"),
            _target_row("产出指标", "数量指标", "修补坑槽数量", "≥", "300", "处"),
            _target_row("产出指标", "质量指标", "养护验收合格率", None, "100", "%"),
            _target_row("产出指标", "时效指标", "养护完成及时率", "≥", "95", "%"),
            _target_row("效益指标", "社会效益指标", "受益群众人数", "≥", "12000", "人"),
            _target_row("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥", "90", "%"),
        ],
        "total_score": None,
        "conclusion": None,
        "problems": None,
        "measures": None,
    }
    assert project.evidence.quote.startswith("项目名称")
    for row in project.indicators:  # each row's evidence is its row: its cells up to its target, none of the next row's
        assert row.name in row.evidence.quote and row.evidence.quote.endswith(row.unit or "")


def test_cells_closed_by_bars_with_a_standard_column_and_the_reviewers_cell_after_the_rows() -> None:
    text = (
        "2031年项目支出绩效目标申报表\n|\n填报单位:(盖章) 单位:万元 |\n||||||\n|\n项目支出名称 |\n河湖巡查服务 |\n"
        "预算部门 |\n示例市水利事务中心 |\n|||\n|\n年度本级 预算金额 |\n48万 |\n该项目支出上级资金 |\n0 |\n|||\n|\n"
        "本年度 绩效指标 |\n一级指标 |\n二级指标 |\n三级指标 |\n指标值及单位 |\n绩效标准 |\n|\n|\n"
        "产出指标 |\n数量指标 |\n巡查河段数 |\n12条 |\n计划标准 |\n||\n|\n"
        "巡查频次 |\n≥2次/周 |\n计划标准 |\n||||\n|\n"
        "质量指标 |\n问题整改率 |\n≥95% |\n计划标准 |\n|||\n|\n"
        "效益指标 |\n生态效益指标 |\n河湖水质达标率 |\n≥90% |\n计划标准 |\n|||\n|\n"
        "财政部门审核意见 |\n|\n|||||\n填表人: 李某\n"
    )
    record = _record(text)
    (project,) = record.projects
    assert (project.name, project.department, project.budget.initial) == ("河湖巡查服务", "示例市水利事务中心", 48.0)
    assert record.meta.unit == "示例市水利事务中心"  # not the seal mark after 填报单位
    rows = [(r.level1, r.level2, r.name, r.comparator, r.target, r.unit) for r in project.indicators]
    assert rows == [
        ("产出指标", "数量指标", "巡查河段数", None, "12", "条"),
        ("产出指标", "数量指标", "巡查频次", "≥", "2", "次/周"),
        ("产出指标", "质量指标", "问题整改率", "≥", "95", "%"),
        ("效益指标", "生态效益指标", "河湖水质达标率", "≥", "90", "%"),
    ]
    assert all(r.actual is None and r.weight is None and r.score is None for r in project.indicators)


TRANSFER = (
    "示例补助资金绩效自评表 | |||||||\n"
    "(2031年度) | |||||||\n"
    "转移支付(项目)名称 | 示例农机购置补助资金 | ||||||\n"
    "中央主管部门 | 示例部 | ||||||\n"
    "地方主管部门 | 示例县农业农村局 |\n"
    "资金使用单位 | 示例县农机服务中心 | ||||\n"
    "资金投入情况 (万元) |\n"
    "全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | ||||\n"
    "年度资金总额: | 250 | 225 | 90% | ||||\n"
    "其中:中央财政资金 | 250 | 225 | 90% | ||||\n"
    "其他资金 | |||||||\n"
    "总体目标完成情况 | 总体目标 | 全年实际完成情况 | |||||\n"
    "按时发放补助资金。 | 补助资金按时发放。 | ||||||\n"
    "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 全年实际值 | 未完成原因和改进措施 |\n"
    "| 产出指标 | 数量指标 | 补助农机具数量 | ≥500台 | 520台 | |\n"
    "| 效益指标 | 社会效益指标 | 受益农户数 | ≥400户 | 410户 | |\n"
)


def test_a_transfer_payments_form_names_the_local_department_and_the_unit_that_uses_the_money() -> None:
    record = _record(TRANSFER)
    assert record.meta.kinds == ["project_self_evaluation"]
    (project,) = record.projects
    assert project.name == "示例农机购置补助资金"
    assert (project.department, project.implementer) == ("示例县农业农村局", "示例县农机服务中心")  # not the ministry
    assert (project.budget.initial, project.budget.adjusted, project.budget.executed) == (None, 250.0, 225.0)
    assert project.budget.execution_rate_pct == 90.0
    rows = [(r.name, r.comparator, r.target, r.unit, r.actual, r.weight) for r in project.indicators]
    assert rows == [("补助农机具数量", "≥", "500", "台", "520", None), ("受益农户数", "≥", "400", "户", "410", None)]


_TRANSFER_CELLS = [
    "转移支付(项目)名称", "示例农机购置补助资金", "中央主管部门", "示例部", "地方主管部门", "示例县农业农村局", "资金使用单位",
    "示例县农机服务中心", "资金投入情况(万元)", "全年预算数(A)", "全年执行数(B)", "预算执行率(B/A)", "年度资金总额:", "250", "225",
    "90%", "其中:中央财政资金", "250", "225", "90%", "一级指标", "二级指标", "三级指标", "指标值", "全年实际值", "产出指标",
    "数量指标", "补助农机具数量", "≥500台", "520台", "效益指标", "社会效益指标", "受益农户数", "≥400户", "410户",
]  # fmt: skip


@pytest.mark.parametrize("layout", ["one cell a line", "flattened"])
def test_a_transfer_payments_form_one_cell_a_line_or_flattened(layout: str) -> None:
    title = "示例补助资金绩效自评表"
    text = title + "\n\n" + "\n\n".join(_TRANSFER_CELLS) if layout == "one cell a line" else " ".join([title, *_TRANSFER_CELLS])
    (project,) = _record(text).projects
    assert (project.name, project.department, project.implementer) == ("示例农机购置补助资金", "示例县农业农村局", "示例县农机服务中心")
    assert (project.budget.adjusted, project.budget.executed, project.budget.execution_rate_pct) == (250.0, 225.0, 90.0)
    assert [(r.name, r.target, r.actual) for r in project.indicators] == [("补助农机具数量", "500", "520"), ("受益农户数", "400", "410")]


def test_a_form_that_names_only_the_central_department_names_no_department() -> None:
    text = TRANSFER.replace("地方主管部门 | 示例县农业农村局 |\n", "")
    (project,) = _record(text).projects
    assert project.department is None


def test_a_departments_goal_form_is_its_units_project_with_the_years_money() -> None:
    text = (
        "部门整体支出绩效目标表\n2031年度)\n部门(单位)名称 示例市档案馆 部门预算编码 908001\n年度\n预算\n安排\n(万元)\n"
        "        资金总额 86.5\n  项目支出 20\n  基本支出 66.5\n年度\n总体\n目标\n 目标1:保障档案馆日常运转;\n"
    )
    record = _record(text)
    (project,) = record.projects
    assert (project.name, project.budget.initial) == ("示例市档案馆", 86.5)
    assert record.meta.unit == "示例市档案馆"
    assert "department_self_evaluation" in record.meta.kinds


def test_a_goal_approval_forms_name_ends_at_the_next_label_and_a_departments_code_is_no_part_of_it() -> None:
    text = (
        "2031年示例乡仓储设施建设项目支出绩效目标审批表\n"
        "项目名称 2031年示例乡仓储设施建设项目 项目分类 资产资源类--房屋类\n"
        "建设周期 2031年4月-2032年2月 业务主管部门 县商务委\n"
        "实施单位 示例乡 项目负责人 王某\n"
        "项目总预算 40 财政资金预算分类 一般公共预算\n"
        "当年年度预算 30\n"
        "年度绩效目标(90分) 一级指标 二级指标 三级指标 指标值 分值 指标解释\n"
    )
    (project,) = _record(text).projects
    assert (project.name, project.department, project.implementer) == ("2031年示例乡仓储设施建设项目", "县商务委", "示例乡")
    assert project.budget.initial == 30.0  # the year's money before the project's whole money
    assert (project.budget.execution_rate_pct, project.budget.weight) == (None, None)  # the form states none


def test_a_goal_approval_forms_planned_execution_rate_and_its_weight() -> None:
    lines = _lines("项目总预算 40", "当年年度预算 30", "其中:财政资金 30", "年度预算执行率 100% 分值 10分")
    budget = goal_funds(lines)
    assert budget is not None
    assert (budget.initial, budget.execution_rate_pct, budget.weight, budget.executed) == (30.0, 100.0, 10.0, None)


def test_a_departments_label_with_its_code_word_and_the_code_in_brackets() -> None:
    text = GOAL_CELLS.replace("主管部门\n\n示例县交通运输局", "主管部门\n\n及编码\n\n[305001]示例县交通运输局")
    (project,) = _record(text).projects
    assert project.department == "示例县交通运输局"


_HEAD = ["项目名称", "示例社区养老服务项目", "主管部门", "示例区民政局", "实施单位", "示例区养老服务中心"]
_ROWS = [
    ["产出指标", "数量指标", "服务老人人次", "≥3000人次"],
    ["", "", "助餐点数量", "≥4个"],
    ["", "质量指标", "服务合格率", "≥95%"],
    ["满意度指标", "服务对象满意度指标", "老人满意度", "≥90%"],
]
_HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]


def _goal_form(layout: str) -> str:
    if layout == "tabs":
        return "\n".join(["项目支出绩效目标表", "\t".join(_HEAD[:2]), "\t".join(_HEAD[2:]), "资金情况（万元）\t年度资金总额：\t60",
                          "\t".join(_HEADER), *("\t".join(row) for row in _ROWS)])  # fmt: skip
    if layout == "pipes":
        rows = [_HEAD[:2] + ["", ""], _HEAD[2:], ["资金情况（万元）", "年度资金总额：", "60", ""], _HEADER, *_ROWS]
        return "\n".join("| " + " | ".join(row) + " |" for row in rows)
    if layout == "html":
        cells = [_HEAD[:2] + ["", ""], _HEAD[2:], ["资金情况（万元）", "年度资金总额：", "60", ""], _HEADER, *_ROWS]
        return "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in cells) + "</table>"
    # flattened: the non-empty cells in reading order, parted by spaces
    cells = ["附件", "项目支出绩效目标表", *_HEAD, "资金情况(万元)", "年度资金总额:", "60", *_HEADER]
    return " ".join(cells + [c for row in _ROWS for c in row if c])


@pytest.mark.parametrize("layout", ["tabs", "pipes", "html", "flattened"])
def test_a_goal_form_reads_the_same_whatever_its_layout(layout: str) -> None:
    (project,) = _record(_goal_form(layout)).projects
    assert (project.name, project.department, project.implementer) == ("示例社区养老服务项目", "示例区民政局", "示例区养老服务中心")
    assert project.budget.initial == 60.0
    rows = [(r.level1, r.level2, r.name, r.comparator, r.target, r.unit, r.actual, r.weight) for r in project.indicators]
    assert rows == [
        ("产出指标", "数量指标", "服务老人人次", "≥", "3000", "人次", None, None),
        ("产出指标", "数量指标", "助餐点数量", "≥", "4", "个", None, None),
        ("产出指标", "质量指标", "服务合格率", "≥", "95", "%", None, None),
        ("满意度指标", "服务对象满意度指标", "老人满意度", "≥", "90", "%", None, None),
    ]


def test_a_goal_forms_name_column_may_be_headed_by_its_content_word() -> None:
    text = (
        "项目支出绩效目标申报表\n项目名称\t示例乡村学校营养餐项目\n主管部门\t示例县教育局\n项目资金(万元)\t资金总额:\t45\n"
        "年度绩效指标\n一级指标\t二级指标\t指标内容\t指标值\t备注\n产出指标\t数量指标\t受益学生人数\t≥1200人\t\n"
        "\t质量指标\t食品抽检合格率\t100%\t\n效益指标\t社会效益指标\t学生营养状况\t持续改善\t\n"
    )
    (project,) = _record(text).projects
    assert [(r.level2, r.name, r.target) for r in project.indicators] == [
        ("数量指标", "受益学生人数", "1200"), ("质量指标", "食品抽检合格率", "100"), ("社会效益指标", "学生营养状况", "持续改善"),
    ]  # fmt: skip


def test_a_forms_row_of_head_cells_names_no_unit() -> None:
    unit = _record(_goal_form("tabs")).meta.unit  # (the row "主管部门 | 示例区民政局 | 实施单位 | 示例区养老服务中心" ends as a unit does)
    assert unit is None or "\t" not in unit


# ---- the pieces --------------------------------------------------------------------------------------------------


def _lines(*texts: str) -> list:
    return lines_of("\n".join(texts))


def test_goal_funds_read_the_years_money_after_its_label_on_its_line_or_the_next() -> None:
    assert goal_funds(_lines("资金情况(万元)", "年度资金总额:", "", "54万(其中设备20万元)")).initial == 54.0  # type: ignore[union-attr]
    assert goal_funds(_lines("项目资金\t资金总额\t900万元", "当年资金总额:\t300万元")).initial == 300.0  # type: ignore[union-attr]
    assert goal_funds(_lines("年度本级 预算金额", "12.5万")).initial == 12.5  # type: ignore[union-attr]
    assert goal_funds(_lines("项目名称\t示例项目", "年度资金总额:")) is None  # no amount stated


def test_goal_funds_leave_a_self_evaluations_block_to_the_block_readers() -> None:
    lines = _lines("年初预算数\t全年预算数\t全年执行数", "年度资金总额:\t30\t30\t28")
    assert goal_funds(lines) is None


def test_a_header_of_levels_name_and_target_is_an_indicator_header_a_name_and_target_alone_is_not() -> None:
    def tokens(*texts: str) -> list[Token]:
        return [Token(t, 0, len(t)) for t in texts]

    found = header_at(tokens("一级指标", "二级指标", "三级指标", "指标值", "产出指标"), 0)
    assert found is not None and found.kind == "indicators"
    assert found.columns == ("level1", "level2", "name", "target")
    assert header_at(tokens("三级指标", "指标值", "产出指标"), 0) is None


def test_a_line_of_bars_alone_is_an_empty_cell() -> None:
    lines = _lines("一级指标 |", "二级指标 |", "三级指标 |", "指标值 |", "||", "产出指标 |", "数量指标 |", "巡查次数 |", "12次 |", "|||")
    texts = [token.text for token in cell_tokens(lines, 0)]
    assert texts == ["一级指标", "二级指标", "三级指标", "指标值", "", "产出指标", "数量指标", "巡查次数", "12次", ""]
