"""Project-level fields of self-evaluation forms laid out as real reports lay them out: a form flattened into a line
after other text, a department's goal form, a goal approval form's one amount, a form whose head is not in the text,
a template's instructions left in an unfilled cell. Fixtures written for the tests: invented units and amounts."""

from __future__ import annotations

import pytest

from extractor.pipeline import extract_text
from schemas import Project, Record


def _projects(text: str) -> list[Project]:
    return _record(text).projects


def _record(text: str) -> Record:
    return extract_text("form.txt", text)


FLAT = (
    "作者 某某 2031-01-02 附件: 项目支出绩效自评表 (2031年度) 项目名称 河道保洁服务项目 主管部门 305-示例县水务局 "
    "实施单位 305002-示例县河道管理站 项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
    "年度资金总额: 18 18 16.2 10 90% 9 其中:本年财政拨款 18 18 16.2 上年结转资金 其他资金 年度总体目标 预期目标 "
    "实际完成情况 完成河道保洁。 完成河道保洁。 绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
    "偏差原因分析及改进措施 产出指标(50分) 数量指标 保洁河道长度 ≥12公里 12公里 50 50"
)


def test_a_form_flattened_into_a_line_of_other_text() -> None:
    (project,) = _projects(FLAT)
    assert project.name == "河道保洁服务项目"
    assert (project.department, project.implementer) == ("示例县水务局", "示例县河道管理站")  # unit codes dropped
    assert project.budget.model_dump() == {"initial": 18.0, "adjusted": 18.0, "executed": 16.2,
                                           "execution_rate_pct": 90.0, "weight": 10.0, "score": 9.0}  # fmt: skip


def test_values_run_on_into_the_next_label_without_spaces_and_a_labeled_total_score() -> None:
    text = (
        "1、示例市部门项目支出绩效自评表(2031年)项目名称校舍维护经费主管部门示例市教育局实施单位示例市第九小学"
        "自评得分93项目资金(万元)年度资金总额年初预算数调整预算数(A)全年执行数(B)执行率(B/A)25.525.524.696.47%"
        "年度总体目标保障校舍安全一级指标二级指标三级指标"
    )
    (project,) = _projects(text)
    assert (project.name, project.department) == ("校舍维护经费", "示例市教育局")
    assert project.total_score == 93
    budget = project.budget
    assert (budget.initial, budget.adjusted, budget.executed, budget.execution_rate_pct) == (25.5, 25.5, 24.6, 96.47)


def test_a_template_instruction_left_in_a_cell_is_no_value() -> None:
    text = (
        "项目名称\t示例培训经费\n主管部门\t示例局\t实施单位\t示例中心\n"
        "预算执行情况\t年初预算数\t全年预算数\t全年执行数\t执行率\t分值\t得分\n"
        "年度资金总额\t5\t5\t5\t100%\t10\t10\n"
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
        "产出指标\t数量指标\t培训人次\t≥100人次\t120人次\t90\t90\n"
        "总分\t\t\t\t\t100\t100\n"
        "评价结论\t结合自评情况，说明项目自评总分，说明项目实施取得的成效。（200字以内）\n"
        "存在问题\t培训场地偏小。\n"
    )
    (project,) = _projects(text)
    assert project.conclusion is None
    assert project.problems == "培训场地偏小。"


def test_a_goal_approval_form_states_the_project_amount() -> None:
    text = (
        "项目支出绩效目标批复表 | |||\n"
        "项目名称 | 青年干部培训班 | 项目负责人 | |\n"
        "项目金额 | 86万元 | 其中:当年市级财政资金 | 60万元 |\n"
        "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
        "产出指标 | 数量指标 | 培训人次 | 300人次 |\n"
    )
    (project,) = _projects(text)
    assert project.name == "青年干部培训班"
    assert project.budget.initial == 86.0 and project.budget.adjusted is None


def test_the_end_of_a_form_whose_head_is_not_in_the_text_is_a_project_without_a_name_flagged() -> None:
    text = (
        "满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥ | 90 | % | 93 | 10 | |\n"
        "合计 | 100 | ||||\n"
        "评价结论 | 完成年度目标，资金使用规范。 | ||||\n"
        "存在问题 | 无 | ||||\n"
        "改进措施 | 无 | ||||\n"
        "部门预算项目支出绩效自评表(2031年度) | ||||\n"
        "项目名称 | 示例设备购置项目 | ||||\n"
        "主管部门 | 示例局 | 实施单位 | 示例中心 | ||\n"
        "预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 |\n"
        "总额 | 3 | 3 | 3 | 100.00% | 10 | 10 |\n"
    )
    record = _record(text)
    tail, form = record.projects
    assert (tail.name, tail.conclusion, tail.problems, tail.measures) == ("", "完成年度目标，资金使用规范。", "无", "无")
    assert all(record.assessments[f"/projects/0/{field}"].confidence < record.review.threshold  # type: ignore[union-attr]
               for field in ("name", "conclusion"))  # fmt: skip
    assert form.name == "示例设备购置项目"
    assert (form.budget.initial, form.budget.executed, form.budget.score) == (3.0, 3.0, 10.0)


def test_a_department_goal_form_names_its_unit() -> None:
    text = (
        "示例价格服务中心2031年度整体绩效目标表 | ||||\n"
        "部门(单位)名称 | 示例价格服务中心 | ||||\n"
        "年度总体绩效目标 | 做好价格认定工作。 | ||||\n"
        "一级指标 | 二级指标 | 三级指标 | 指标值类型 | 指标值 | 计量单位 |\n"
        "产出指标 | 数量指标 | 认定件数 | 定量 | 120 | 件 |\n"
        "产出指标 | 质量指标 | 认定准确率 | 定量 | 98 | % |\n"
    )
    (project,) = _projects(text)
    assert project.name == "示例价格服务中心"
    assert [(i.name, i.target, i.unit) for i in project.indicators] == [("认定件数", "120", "件"), ("认定准确率", "98", "%")]


def test_prose_that_names_a_project_is_no_form() -> None:
    text = "一、项目概况\n项目名称为示例宣传经费，年初预算数为5万元，全年执行数为5万元。\n二、绩效目标\n完成宣传任务。\n"
    assert all(p.budget.initial is None or p.name != "" for p in _projects(text))
    assert not any(p.name.startswith("为") for p in _projects(text))


def test_the_goal_is_the_cell_after_the_goal_blocks_own_header_cells() -> None:
    cells = ["部门预算项目支出绩效自评表(2031年度)", "项目名称", "示例路灯维护经费", "主管部门", "示例局", "实施单位",
             "示例所", "项目基本情况", "项目年度目标", "年度目标完成情况", "完成全区路灯的日常维护。",
             "对照年度目标,说明相关任务目标的完成情况(100字以内)", "预算执行情况(10分)", "年度预算数(万元)", "年初预算",
             "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "总额", "4", "4", "4", "100.00%", "10", "10"]  # fmt: skip
    record = _record("\n".join(f"{cell} |" for cell in cells) + "\n")
    (goal,) = [n for n in record.narratives if n.kind == "performance_goal"]
    assert (goal.scope, goal.text) == ("示例路灯维护经费", "完成全区路灯的日常维护。")
    assert record.projects[0].budget.model_dump() == {"initial": 4.0, "adjusted": 4.0, "executed": 4.0,
                                                      "execution_rate_pct": 100.0, "weight": 10.0, "score": 10.0}  # fmt: skip


def test_a_goal_of_numbers_only_is_no_goal() -> None:
    cells = ["项目名称", "示例修缮经费", "主管部门", "示例局", "年度总体目标", "预期目标", "实际完成情况", "6.5", "6.1",
             "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]  # fmt: skip
    record = _record("\n\n".join(cells) + "\n")
    assert not [n for n in record.narratives if n.kind == "performance_goal"]


def test_head_cells_wrapped_over_lines_in_torn_pdf_text() -> None:
    cells = ["项目支出绩效自评表", "项目支出名称", "示例河湖巡查保洁运", "行经费", "主管部门", "示例县水利和湖",
             "泊局", "实施单位", "示例县河湖管理", "服务站", "项目资金（万元）", "年初预算数", "全年预算数", "预算执行数",
             "权重", "执行率（B/A", "）", "得分", "年度资金总额", "30", "32", "32", "10", "100%", "10"]  # fmt: skip
    (project,) = _projects("\n".join(cells) + "\n")
    assert (project.name, project.department, project.implementer) == (
        "示例河湖巡查保洁运行经费", "示例县水利和湖泊局", "示例县河湖管理服务站")
    assert project.budget.model_dump() == {"initial": 30.0, "adjusted": 32.0, "executed": 32.0,
                                           "execution_rate_pct": 100.0, "weight": 10.0, "score": 10.0}  # fmt: skip


def test_a_form_tail_without_its_header_or_name_still_gives_its_rows_flagged_for_review() -> None:
    # the page holding the form's head and header is not in the text; its 得分 column left empty by the unit
    text = (
        "示例设备巡检率 | = | 100 | % | 100 | 5 |\n"
        "成本指标 | 示例维护成本 | ≤ | 6 | 万元 | 5.5 | 5 |\n"
        "效益指标 | 社会效益指标 | 示例问题处置率 | ≥ | 90 | % | 92 | 10 |\n"
        "满意度指标 | 服务对象满意度指标 | 示例群众满意度 | ≥ | 95 | % | 96 | 10 |\n"
        "合计 | 100 | ||||\n"
        "评价结论 | 完成年度目标。 | ||||\n"
    )
    record = _record(text)
    (tail,) = record.projects
    assert tail.name == ""
    rows = [(i.name, i.target, i.unit, i.actual, i.weight, i.score) for i in tail.indicators]
    # the weights of one form add up to 100 at most: the number after the 完成值 is the 分值, not a 得分
    assert rows == [
        ("示例设备巡检率", "100", "%", "100", 5.0, None),
        ("示例维护成本", "6", "万元", "5.5", 5.0, None),
        ("示例问题处置率", "90", "%", "92", 10.0, None),
        ("示例群众满意度", "95", "%", "96", 10.0, None),
    ]
    assessments = record.assessments
    for k in range(4):  # read under the template's columns, not a header's: every cell held for review
        for field in ("name", "target", "actual", "weight"):
            assessment = assessments[f"/projects/0/indicators/{k}/{field}"]
            assert assessment.confidence < record.review.threshold  # type: ignore[union-attr]
            assert "unsure_split" in assessment.flags


# A whole unit's form (部门整体支出绩效自评表), the national template's blocks: its tasks' money (预算数 | 执行数) before
# the budget block, the comparator and the unit inside the target cell, names numbered "指标1：". Invented values.
UNIT_FORM = [
    ["部门（单位）整体支出绩效自评表"],
    ["（2031年度）"],
    ["部门（单位）名称", "示例县文化馆"],
    ["年度主要任务", "任务名称", "", "主要内容", "", "预算数", "执行数"],
    ["", "群众文化活动", "", "组织文化下乡演出", "", "12", "11.5"],
    ["", "非遗保护", "", "开展非遗普查", "", "8", "8"],
    ["年度部门整体支出预算（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["资金总额", "120", "130", "117", "10", "90%", "9"],
    ["其中：财政拨款", "110", "120", "108", "—", "90%", "—"],
    ["其他资金", "10", "10", "9", "—", "90%", "—"],
    ["年度总体目标", "预期目标", "", "", "实际完成情况"],
    ["", "保障馆内运转，开展文化活动。", "", "", "全年开展文化活动40场。"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["", "产出指标", "数量指标", "指标1：文化下乡演出场次", "≥30场", "32场", "20", "20", ""],
    ["", "", "", "指标2：培训班期数", "=4期", "4期", "10", "10", ""],
    ["", "", "成本指标", "指标1：单场演出成本", "≤0.3万元", "0.28万元", "10", "10", ""],
    ["", "效益指标", "社会效益指标", "指标1：群众文化参与度", "达到预期", "达到预期", "20", "18", "宣传不足"],
    ["", "满意度指标", "服务对象满意度指标", "指标1：群众满意度", "≥90%", "93%", "10", "10", ""],
    ["总分", "", "", "", "", "", "100", "97", ""],
]  # fmt: skip
UNIT_ROWS = [
    ("产出指标", "数量指标", "文化下乡演出场次", "≥", "30", "场", "32", 20.0, 20.0),
    ("产出指标", "数量指标", "培训班期数", "=", "4", "期", "4", 10.0, 10.0),
    ("产出指标", "成本指标", "单场演出成本", "≤", "0.3", "万元", "0.28", 10.0, 10.0),
    ("效益指标", "社会效益指标", "群众文化参与度", None, "达到预期", None, "达到预期", 20.0, 18.0),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "93", 10.0, 10.0),
]


def _unit_form(layout: str) -> str:
    if layout == "bars":
        return "\n".join(" | ".join(row) + " |" for row in UNIT_FORM)
    cells = [cell for row in UNIT_FORM for cell in row]
    if layout == "cell_bars":  # one cell a line closed by a bar, an empty cell a lone bar
        return "\n".join(f"{cell} |" if cell else "|" for cell in cells)
    return "\n\n".join(cell or " " for cell in cells)  # one cell a line, blank lines between, a space for an empty cell


@pytest.mark.parametrize("layout", ["bars", "cell_bars", "blank_parted"])
def test_a_unit_form_reads_its_block_past_the_tasks_money_and_its_signed_targets(layout: str) -> None:
    (project,) = _projects(_unit_form(layout))
    assert project.name == "示例县文化馆"
    budget = project.budget
    assert (budget.initial, budget.adjusted, budget.executed, budget.execution_rate_pct, budget.weight, budget.score) == (
        120, 130, 117, 90, 10, 9)  # fmt: skip
    assert [(i.level1, i.level2, i.name, i.comparator, i.target, i.unit, i.actual, i.weight, i.score)
            for i in project.indicators] == UNIT_ROWS  # fmt: skip
    assert project.total_score == 97


def test_a_units_name_on_a_reports_cover_is_no_form() -> None:
    text = "示例县文化馆2031年度部门整体支出绩效自评报告\n部门（单位）名称：示例县文化馆\n评价方式：部门自评\n一、基本情况\n全年开展活动40场。\n"
    assert _projects(text) == []


def test_a_flattened_form_whose_cells_the_signs_part_inside_a_spaced_piece() -> None:
    # a spreadsheet flattened with spaces, some cells run together: "20≥30公里" (a weight, then a target), "96%10" (an
    # actual, then a score), "≥90%93%" (a target, then an actual); the signs part them, nothing else does
    text = ("附件 项目支出绩效自评表 项目名称 示例巡护项目 主管部门 示例局 一级指标 二级指标 三级指标 分值 年度指标值 实际完成值 得分 "
            "产出指标 数量指标 巡护里程 20≥30公里 32公里 20 巡护次数 10≥12次 11次 9 质量指标 巡查合格率 10 ≥95% 96%10 "
            "满意度指标 服务对象满意度指标 群众满意度 30 ≥90%93% 30 合计 100 97")  # fmt: skip
    (project,) = _projects(text)
    assert [(i.name, i.comparator, i.target, i.unit, i.actual, i.weight, i.score) for i in project.indicators] == [
        ("巡护里程", "≥", "30", "公里", "32", 20.0, 20.0),
        ("巡护次数", "≥", "12", "次", "11", 10.0, 9.0),
        ("巡查合格率", "≥", "95", "%", "96", 10.0, 10.0),
        ("群众满意度", "≥", "90", "%", "93", 30.0, 30.0),
    ]
    assert project.total_score == 97


def test_a_units_name_in_a_final_accounts_text_keeps_its_figures() -> None:
    # "部门（单位）名称" opens a form only where a form's table follows (its budget block or its indicators); a final
    # accounts text that names its unit so is read as before, its statements' figures kept
    text = ("示例县文化馆2031年度部门决算\n一、部门基本情况\n部门（单位）名称：示例县文化馆\n"
            "2031年度收入总计120.5万元，支出总计118.2万元。\n二、收入支出决算总体情况说明\n"
            "2031年度收、支总计各是120.5万元、118.2万元。\n")  # fmt: skip
    record = _record(text)
    assert record.projects == []
    assert {(f.key, f.value) for f in record.figures} >= {("grand_total_revenue", 120.5), ("grand_total_expenditure", 118.2)}
