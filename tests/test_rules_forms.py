"""Rules for project forms: a torn PDF form and a tab-separated form, written for the tests."""

from __future__ import annotations

from extractor.chunk import chunk
from extractor.extract.rules import RulesExtractor
from extractor.normalize import normalize
from schemas import Project

TORN = """第四部分 附件
项目名称 51000099T000000000001-道路巡查经费

主管部门 某某厅
实施单

位
某某中心
预算

执行

情况
年度预算

数（万元）

年初预

算

调整后预算

数
预算执行数

预算执

行率

权

重
得分 原因

总额 40.00 40.00 38.00 95.00% 10 9.5

绩效

指标
一级指标
二级指

标
三级指标

指

标

性

质

指标值

度

量

单

位

完成值
权

重
得分

未完成原因分析

产出指标

数量指

标

巡查路段

数量
≥ 12 段 15 30 30

时效指

标
完成时限 = 12 月 12 20 20
效益指标
社会效

益指标

通行保障

效果
定

性

好 好 40 39.5

合计 100 99

评价

结论

项目自评得分 99 分，完成年度目标。
存在

问题
巡查频次有待提高。
改进

措施
增加巡查人员。
"""

TABBED = (
    "## 附件 3-1:\n## 2022 年度项目支出绩效自评表\n"
    "项目支出名称\t数据服务经费\n"
    "主管部门\t某某厅\t\t\t实施单位\t某某信息中心\n"
    "项目资金(万元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
    "\t年度资金总额\t200\t220\t198\t10\t90%\t9\n"
    "\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    "绩效指标\t产出指标 (50 分)\t数量指标\t接入系统数量\t≥ 5 个\t6 个\t25\t25\n"
    "\t\t质量指标\t数据准确率\t≥98%\t97%\t25\t20\t个别数据延迟\n"
    "\t满意度指标(40 分)\t服务对象满意度指标\t用户满意度\t大于90%\t95%\t40\t40\n"
    "总分\t\t\t\t100\t94\n"
)


def _project(text: str) -> Project:
    doc = normalize(text)
    projects = [c.item for c in RulesExtractor().extract(doc, chunk(doc)).candidates if isinstance(c.item, Project)]
    assert len(projects) == 1
    return projects[0]


def test_torn_form() -> None:
    project = _project(TORN)
    assert (project.code, project.name) == ("51000099T000000000001", "道路巡查经费")
    assert (project.department, project.implementer) == ("某某厅", "某某中心")
    assert project.budget.model_dump() == {
        "initial": 40.0, "adjusted": 40.0, "executed": 38.0, "execution_rate_pct": 95.0, "weight": 10.0, "score": 9.5,
    }  # fmt: skip
    rows = [(i.level1, i.level2, i.name, i.comparator, i.target, i.unit, i.actual, i.weight, i.score) for i in project.indicators]
    assert rows == [
        ("产出指标", "数量指标", "巡查路段数量", "≥", "12", "段", "15", 30.0, 30.0),
        ("产出指标", "时效指标", "完成时限", "=", "12", "月", "12", 20.0, 20.0),
        ("效益指标", "社会效益指标", "通行保障效果", None, "好", None, "好", 40.0, 39.5),
    ]
    assert project.total_score == 99.0
    assert project.conclusion == "项目自评得分 99 分，完成年度目标。"
    assert (project.problems, project.measures) == ("巡查频次有待提高。", "增加巡查人员。")


def test_tab_separated_form() -> None:
    project = _project(TABBED)
    assert project.name == "数据服务经费"
    assert project.implementer == "某某信息中心"
    assert project.budget.model_dump() == {
        "initial": 200.0, "adjusted": 220.0, "executed": 198.0, "execution_rate_pct": 90.0, "weight": 10.0, "score": 9.0,
    }  # fmt: skip
    rows = [(i.level1, i.level2, i.name, i.comparator, i.target, i.unit, i.actual, i.weight, i.score, i.deviation_reason)
            for i in project.indicators]  # fmt: skip
    assert rows == [
        ("产出指标", "数量指标", "接入系统数量", "≥", "5", "个", "6", 25.0, 25.0, None),
        ("产出指标", "质量指标", "数据准确率", "≥", "98", "%", "97", 25.0, 20.0, "个别数据延迟"),
        ("满意度指标", "服务对象满意度指标", "用户满意度", ">", "90", "%", "95", 40.0, 40.0, None),
    ]
    assert project.total_score == 94.0


def _torn(body: str) -> list:
    from extractor.extract.rules.indicator_rows import Line, torn_rows

    lines, at = [], 0
    for text in body.split("\n"):
        lines.append(Line(at, text))
        at += len(text) + 1
    return torn_rows(lines)


def test_a_level_label_cut_at_the_row_line_takes_its_end_from_the_wrapped_line() -> None:
    rows = _torn(
        "产出指标\n数量指标\n巡检次数 ≥ 6 次 6 20 20\n"
        "成本指 单次巡检 ≤ 0.8 万 0.75 20 20\n标 平均成本 元\n"
        "效益指标\n社会效益指标\n群众知晓率 ≥ 90 % 93 10 10"
    )
    assert [(r.level1, r.level2, r.name, r.target, r.unit, r.actual) for r in rows] == [
        ("产出指标", "数量指标", "巡检次数", "6", "次", "6"),
        ("产出指标", "成本指标", "单次巡检平均成本", "0.8", "万元", "0.75"),
        ("效益指标", "社会效益指标", "群众知晓率", "90", "%", "93"),
    ]


def test_a_level_label_torn_around_the_name_is_not_part_of_the_name() -> None:
    rows = _torn(
        "效益指标\n社会效益指标\n群众知晓率 ≥ 90 % 93 10 10\n"
        "满意度指标\n服务对\n象满意\n来访群众满\n意度\n≥ 90 % 95 10 10\n度指标"
    )
    assert (rows[1].level1, rows[1].level2, rows[1].name) == ("满意度指标", "服务对象满意度指标", "来访群众满意度")
    # a name that merely starts like a label stays the name
    rows = _torn("满意度指标\n服务对象满意度指标\n服务对象满\n意度\n≥ 90 % 95 10 10")
    assert (rows[0].level1, rows[0].level2, rows[0].name) == ("满意度指标", "服务对象满意度指标", "服务对象满意度")


REPORT = """某某县公路养护中心2031年度道路巡查经费项目支出绩效自评报告
一、项目基本情况
（一）项目概况
该项目涉及项目总资金12.5万元，用于道路巡查。
二、绩效目标完成情况分析
1. 项目资金执行情况分析。至年底使用12.5万元，预算执行率100%。
三、绩效自评结果及下一步工作措施
自评结果表明，项目管理规范，较好地完成了各项任务。项目支出总体得分96分。
一是完善巡查制度，明确巡查责任。
二是加强资金监管，提高使用效益。
"""


def test_a_project_report_in_prose() -> None:
    doc = normalize(REPORT)
    extraction = RulesExtractor().extract(doc, chunk(doc))
    projects = [c.item for c in extraction.candidates if isinstance(c.item, Project)]
    merged = {k: v for p in projects for k, v in p.model_dump().items() if v not in (None, [], {})}
    budget = {k: v for p in projects for k, v in p.budget.model_dump().items() if v is not None}
    assert budget["adjusted"] == 12.5 and budget["executed"] == 12.5 and budget["execution_rate_pct"] == 100
    assert merged["total_score"] == 96
    assert merged["conclusion"].startswith("自评结果表明") and merged["conclusion"].endswith("总体得分96分。")
    assert merged["measures"].startswith("一是完善巡查制度") and merged["measures"].endswith("提高使用效益。")


def test_torn_cells_of_pdf_forms_are_put_back_together() -> None:
    rows = _torn(  # as the normalizer leaves them: full-width signs already folded
        "指标性质指标值度量单位完成值 权重 得分 未完成原因分析\n"
        "产出 数 巡查路段 ≥ 4 条 4 10 10\n指标 量\n指\n标\n"
        "归集档案数量\n=\n125\n000\n份 118000 10 9.44\n今年档案来源减少，按实际归集。\n"
        "质量指标 抽检合格率 ≥ 95 % 97 10 10\n"
        "效益指标\n社会效益指标\n服务效果\n定性\n好\n坏\n好 10 10\n"
        "按期完成\n定性\n年内\n完成\n年内\n完成\n10 10\n"
        "决策支持（高：重大决策；低：一般决\n≥ 0 项 高 10 10\n策）\n"
        "可持续\n影响\n成果持续\n发挥\n定性\n好 好 10 10\n指标 作用\n"
    )
    got = [(r.level1, r.level2, r.name, r.comparator, r.target, r.unit, r.actual, r.weight, r.score, r.reason) for r in rows]
    assert got == [
        ("产出指标", "数量指标", "巡查路段", "≥", "4", "条", "4", 10, 10, None),
        ("产出指标", "数量指标", "归集档案数量", "=", "125000", "份", "118000", 10, 9.44, "今年档案来源减少，按实际归集。"),
        ("产出指标", "质量指标", "抽检合格率", "≥", "95", "%", "97", 10, 10, None),
        ("效益指标", "社会效益指标", "服务效果", None, "好坏", None, "好", 10, 10, None),
        ("效益指标", "社会效益指标", "按期完成", None, "年内完成", None, "年内完成", 10, 10, None),
        ("效益指标", "社会效益指标", "决策支持（高：重大决策；低：一般决策）", "≥", "0", "项", "高", 10, 10, None),
        ("效益指标", "可持续影响指标", "成果持续发挥作用", None, "好", None, "好", 10, 10, None),
    ]


def test_form_texts_under_torn_labels() -> None:
    from extractor.extract.rules.indicator_rows import Line
    from extractor.extract.rules.project_forms import _goal_span, _text_after

    lines, at = [], 0
    for text in ["项目基 1.项目年 项目年度目标 年度目标完成情况", "本情况 年度目", "标完成", "- 7 -",
                 "完成全年巡查任务，保障道路安全。", "已完成。", "存在", "问题", "无", "改进 无", "措施", "项目负责人：某某"]:
        lines.append(Line(at, text))
        at += len(text) + 1
    span = _goal_span(lines)
    assert span is not None and span[0] == lines[4].start and span[1] == lines[4].end
    assert span[2] is False  # cut at a sentence's end with more lines after it: the reviewer looks
    assert _text_after(lines, "改进措施") == "无"
    ended = lines[:5] + [Line(at, "2.项目实施内容及过程概述")]
    assert _goal_span(ended)[2] is True  # type: ignore[index]


def test_a_tab_separated_goal_cell_keeps_its_paragraphs() -> None:
    from extractor.extract.rules.indicator_rows import Line
    from extractor.extract.rules.project_forms import _goal_span

    lines, at = [], 0
    for text in ["年度总体目标\t预期目标\t\t实际完成情况", "\t完成平台运维，保障系统运行。", "完成等保测评。",
                 "完成尾款支付。", "\t\t已完成全年运维。", "一级指标\t二级指标\t三级指标"]:
        lines.append(Line(at, text))
        at += len(text) + 1
    span = _goal_span(lines)
    assert span is not None and span[0] == lines[1].start + 1 and span[1] == lines[3].end and span[2] is True
    two_cells = lines[:1] + [Line(lines[1].start, "\t完成平台运维。\t\t已完成。"), Line(lines[2].start, "完成等保测评。")]
    assert _goal_span(two_cells)[1] == lines[1].start + len("\t完成平台运维。")  # type: ignore[index]


def test_numbers_with_qualifiers_stay_whole_and_cut_level_scores_are_read() -> None:
    from extractor.extract.rules.indicator_cells import level_of, split_unit
    from extractor.extract.rules.indicator_rows import Line, tsv_rows

    assert split_unit("12 份") == ("12", "份") and split_unit("95%") == ("95", "%")
    for whole in ("3次及以上", "1小时内", "2个人工", "2023年", "2023 年底", "95%以上"):
        assert split_unit(whole) == (whole, None)
    assert level_of("产出指标(50)") == (1, "产出指标") and level_of("效益指标（30分）") == (1, "效益指标")
    text = "\t产出指标(50)\t数量指标\t巡查次数\t≥ 12 次\t12 次\t5\t5\t\n分)\t巡查里程\t100公里\t120公里\t5\t5\t"
    lines, at = [], 0
    for piece in text.split("\n"):
        lines.append(Line(at, piece))
        at += len(piece) + 1
    rows = tsv_rows(lines)
    assert [(r.level1, r.level2, r.name) for r in rows] == [("产出指标", "数量指标", "巡查次数"), ("产出指标", "数量指标", "巡查里程")]


def test_subsections_of_the_same_kind_make_one_narrative() -> None:
    from extractor.extract.rules.narratives import narrative_candidates
    from schemas import Narrative

    doc = normalize("二、机构设置及决算单位构成\n（一）内设机构设置。中心设有 3 个部门：综合部、业务部、技术部。\n"
                    "（二）决算单位构成。本单位无二级预算单位。\n三、部门职责\n负责全省公路养护的技术支持。\n")
    found = [c.item for c in narrative_candidates(doc, chunk(doc)) if isinstance(c.item, Narrative)]
    assert [(n.kind, n.text[:6]) for n in found] == [("organization", "（一）内设机"), ("functions", "负责全省公路")]


def test_word_comparators_need_a_number_and_wrapped_cells_rejoin_their_row() -> None:
    from extractor.extract.rules.indicator_cells import split_comparator
    from extractor.extract.rules.indicator_rows import Line, tsv_rows

    assert split_comparator("不低于90%") == ("≥", "90%") and split_comparator("≥ 95%") == ("≥", "95%")
    assert split_comparator("不超过预算费用（80万元）") == (None, "不超过预算费用（80万元）")
    text = ("\t产出指标\t数量指标\t采集报送客票数\t>1500 万条\t3500 万条\t0.5\t0.5\n\t\t据\n"
            "\t\t服务时间(评审咨询)\t2023年全年\t合同约定服务期(或累计合同费用达到20\t1\t1\n\t\t\t\t万)\n"
            "\t\t养护成本\t降低养护成本\t项目成果可辅助路面执法，专家对项目成果进行\t3\t3\n\t\t\t\t了高度肯定。\n")
    lines, at = [], 0
    for piece in text.split("\n"):
        lines.append(Line(at, piece))
        at += len(piece) + 1
    rows = tsv_rows(lines)
    assert [r.name for r in rows] == ["采集报送客票数据", "服务时间(评审咨询)", "养护成本"]
    assert rows[1].actual == "合同约定服务期(或累计合同费用达到20万)"
    assert rows[2].actual == "项目成果可辅助路面执法，专家对项目成果进行了高度肯定。"
