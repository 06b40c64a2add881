"""Self-evaluation forms in layouts the dev forms did not have (issue 16, session 10): a table drawn with box-drawing
characters, a form split over pages with its header printed again, a regional transfer form named by its unit, a
project named by a title "…项目自评结果", a note glued before the header, a list under the indicator table, a
unit-wide form one cell a line with its reason header torn over lines. Every form here is invented (names, numbers),
written in the shapes real ones take."""

from __future__ import annotations

from extractor.chunk import chunk
from extractor.extract.rules import RulesExtractor
from extractor.normalize import normalize
from extractor.pipeline import extract_text
from extractor.repair import repair
from schemas import Figure, Narrative, Project


def _items(text: str) -> list[object]:
    doc = normalize(text + "\n")
    return [c.item for c in RulesExtractor().extract(doc, chunk(doc)).candidates]


def _projects(text: str) -> list[Project]:
    return [item for item in _items(text) if isinstance(item, Project)]


def _one(text: str) -> Project:
    found = [p for p in _projects(text) if p.indicators]
    assert len(found) == 1, found
    return found[0]


def _rows(project: Project) -> list[tuple[object, ...]]:
    return [(r.level1, r.level2, r.name, r.comparator, r.target, r.unit, r.actual, r.weight, r.score)
            for r in project.indicators]  # fmt: skip


# ---- box-drawn tables ----------------------------------------------------------------------------------------------

BOXED = """项目支出绩效自评表
┏━━━━━━┳━━━━━━━━━━━━┓
┃项目名称┃东湾街道绿地养护经费┃
┣━━━━━━╋━━━━━━━━━━━━┫
┃主管部门┃东湾区园林局┃实施单位┃东湾区园林所┃
├──────┼──────┼──────┼──────┤
│项目资金（万元）│年初预算数│全年预算数│全年执行数│分值│执行率│得分│
│年度资金总额│64│62│60│10│96.77%│9│
├──────┼──────┼──────┼──────┤
│一级指标│二级指标│三级指标│年度指标值│实际完成值│分值│得分│偏差原因分析及改进措施│
│产出指标│数量指标│养护面积│≥12万平方米│13万平方米│30│30││
│        │时效指标│养护完成及时率│100%│97%│20│18│雨季延误│
│效益指标│社会效益指标│绿地环境改善│明显改善│明显改善│20│20││
│满意度指标│服务对象满意度指标│居民满意度│≥90%│92%│20│20││
└──────┴──────┴──────┴──────┘"""


def test_a_box_drawn_form_reads_as_its_bars_say() -> None:
    project = _one(BOXED)
    assert project.name == "东湾街道绿地养护经费"
    assert (project.budget.initial, project.budget.adjusted, project.budget.executed) == (64, 62, 60)
    assert _rows(project) == [
        ("产出指标", "数量指标", "养护面积", "≥", "12", "万平方米", "13", 30, 30),
        ("产出指标", "时效指标", "养护完成及时率", None, "100", "%", "97", 20, 18),
        ("效益指标", "社会效益指标", "绿地环境改善", None, "明显改善", None, "明显改善", 20, 20),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥", "90", "%", "92", 20, 20),
    ]
    assert project.indicators[1].deviation_reason == "雨季延误"


def test_rule_lines_go_and_box_bars_become_bars() -> None:
    repaired = repair("甲\n├──┼──┤\n│乙│丙│\n┗━━┛\n│\n丁")
    assert repaired.text == "甲\n|乙|丙|\n|\n丁"
    assert repaired.index is not None and repaired.index[repaired.text.index("乙")] == 11  # offsets kept exact


def test_a_line_with_words_after_a_box_corner_stays() -> None:
    assert repair("└─ 附注：单位万元").text == "└─ 附注：单位万元"


# ---- a form split over pages ---------------------------------------------------------------------------------------

PAGED = """项目支出绩效自评表
项目名称\t西岭镇农村道路养护经费
主管部门\t西岭镇人民政府\t实施单位\t西岭镇建设办
项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
年度资金总额\t30\t30\t29\t10\t96.67%\t9
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
产出指标\t数量指标\t养护里程\t≥40公里\t41公里\t20\t20\t
\t质量指标\t路面完好率\t≥95%\t96%\t20\t20\t
第 1 页，共 2 页
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
\t时效指标\t养护及时率\t100%\t98%\t10\t9\t个别路段汛期延误
效益指标\t社会效益指标\t群众出行改善\t明显改善\t明显改善\t20\t20\t
满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t93%\t20\t20\t"""


def test_a_level_cell_merged_over_a_page_break_holds_on_the_next_page() -> None:
    rows = _rows(_one(PAGED))
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("产出指标", "数量指标", "养护里程"),
        ("产出指标", "质量指标", "路面完好率"),
        ("产出指标", "时效指标", "养护及时率"),
        ("效益指标", "社会效益指标", "群众出行改善"),
        ("满意度指标", "服务对象满意度指标", "群众满意度"),
    ]


TORN = PAGED.replace("\t质量指标\t路面完好率\t≥95%\t96%\t20\t20\t\n第 1 页，共 2 页\n", "\t质量指标\t路面完好率\t≥95%\n- 1 -\n")
TORN = TORN.replace("偏差原因分析及改进措施\n\t时效指标", "偏差原因分析及改进措施\n96%\t20\t20\t\n\t时效指标", 1)


def test_a_row_torn_by_the_page_break_is_joined_and_held_for_review() -> None:
    assert "≥95%\n- 1 -" in TORN and "\n96%\t20\t20" in TORN
    project = _one(TORN)
    rows = _rows(project)
    assert len(rows) == 5
    assert rows[1] == ("产出指标", "质量指标", "路面完好率", "≥", "95", "%", "96", 20, 20)
    assert rows[2][:3] == ("产出指标", "时效指标", "养护及时率")
    record = extract_text("torn.txt", TORN)
    assert record.assessments is not None
    assert "unsure_split" in record.assessments["/projects/0/indicators/1/actual"].flags
    assert "unsure_split" not in record.assessments["/projects/0/indicators/2/actual"].flags


# ---- a regional transfer form, rows a line -------------------------------------------------------------------------

REGIONAL = """2031年中央对地方专项转移支付区域绩效目标自评表
填报类型:整体□  区域√  项目□
单位名称 北川县药品监督分局 联系人及电话 某某,10000000000
一级
指标
二级指标 三级指标 指标值 完成值
数量指标 指标1.药品抽检批次 ≥30 34
指标2.化妆品抽检批次 ≥12 12
质量指标 指标1.抽检完成率 100% 100%
时效指标 任务完成时间 2031年底 2031年底"""


def test_a_regional_transfer_form_is_named_by_its_unit_and_its_names_lose_their_numbers() -> None:
    project = _one(REGIONAL)
    assert project.name == "北川县药品监督分局"
    assert [(r[1], r[2], r[3], r[4], r[6]) for r in _rows(project)] == [
        ("数量指标", "药品抽检批次", "≥", "30", "34"),
        ("数量指标", "化妆品抽检批次", "≥", "12", "12"),
        ("质量指标", "抽检完成率", None, "100", "100"),
        ("时效指标", "任务完成时间", None, "2031年底", "2031年底"),
    ]


# ---- a budget amount written with its unit ----------------------------------------------------------------------------

TRANSFER = """医疗救助补助资金转移支付项目绩效目标自评表 | |||
转移支付(项目)名称 | 医疗救助补助资金 | ||
资金投入情况(万元) | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) |
年度资金总额: | 812.5万 | 790.1万 | 97.24% |
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 全年实际完成值 | 未完成原因和改进措施 |
| 产出指标 | 数量指标 | 救助人次 | ≥3000人次 | 3120 | |
| 产出指标 | 质量指标 | 救助合规率 | 100% | 100% | |"""


def test_budget_amounts_written_with_their_unit_are_read() -> None:
    budget = _one(TRANSFER).budget
    assert (budget.adjusted, budget.executed, budget.execution_rate_pct) == (812.5, 790.1, 97.24)


# ---- a project named by a title "…项目自评结果" ------------------------------------------------------------------------

RESULT = """2031年度困难学生资助项目自评结果
一、自评结论
经自评,综合评价得分为 98分。
一级指标 |
二级指标 |
指标名称 |
目标值 |
实际完成值 |
|
产出指标 |
数量指标 |
资助学生人数 |
820 |
836 |
|
产出指标 |
质量指标 |
资助标准达标率 |
100% |
100% |
|
效益指标 |
服务对象满意度指标 |
受助学生满意度 |
95% |
97% |"""


def test_a_title_of_a_projects_self_evaluation_result_names_it() -> None:
    project = _one(RESULT)
    assert project.name == "困难学生资助项目"  # a report's title: the words after the year it reports on
    assert [r[2] for r in _rows(project)] == ["资助学生人数", "资助标准达标率", "受助学生满意度"]


# ---- a note before the header, a list under the table ----------------------------------------------------------------

NOTED = """(注:以下内容为附件图片识别,请以附件为准)一级指标 | 二级指标 | 指标名称 | 目标值 | 完成值 |
产出指标 | 产出数量 | 完成护理培训任务 | 800名 | 812名 |
| | 完成考核验收 | 6所 | 6所 |
效益指标 | 社会效益 | 参训学员就业率 | 60% | 64% |
序号 | 学校性质 | 培训机构 | 补助标准(元/人) | 培训人数 | 合格人数 | 补助资金 | 备注 |
1 | 民办 | 某某职业培训学校 | 2600 | 400 | 398 | 103.48 | |
2 | 民办 | 某某技能培训学校 | 2600 | 412 | 410 | 106.6 | |"""


def test_a_note_glued_before_the_header_and_a_list_after_the_rows() -> None:
    rows = _rows(_one(NOTED))
    assert [(r[0], r[1], r[2], r[4], r[5], r[6]) for r in rows] == [
        ("产出指标", "产出数量", "完成护理培训任务", "800", "名", "812"),
        ("产出指标", "产出数量", "完成考核验收", "6", "所", "6"),
        ("效益指标", "社会效益", "参训学员就业率", "60", "%", "64"),
    ]


# ---- a unit-wide form one cell a line, blank lines between cells --------------------------------------------------------

_UNIT_CELLS = [
    "部门整体支出绩效自评表", "一级预算单位名称", "南塘区水务局",
    "一级指标", "二级指标", "三级指标", "年度", "指标值", "实际", "完成值", "分值", "得分",
    "偏差原因", "分析及", "改进措施",
    "产出指标", "数量", "指标", "河道清淤长度", "12公里", "12公里", "20", "20", " ",
    "堤防巡查次数", "48次", "50次", "20", "20", " ",
    "质量", "指标", "工程验收合格率", "100%", "100%", "20", "20", " ",
    "效益指标", "社会", "效益指标", "防洪能力提升", "显著", "显著", "20", "20", " ",
]
UNIT_CELLS = "\n\n".join(_UNIT_CELLS)


def test_a_unit_form_a_cell_a_line_with_its_reason_header_torn_and_its_unit_under_its_label() -> None:
    project = _one(UNIT_CELLS)
    assert project.name == "南塘区水务局"
    assert [(r[0], r[1], r[2], r[4], r[5], r[6], r[7], r[8]) for r in _rows(project)] == [
        ("产出指标", "数量指标", "河道清淤长度", "12", "公里", "12", 20, 20),
        ("产出指标", "数量指标", "堤防巡查次数", "48", "次", "50", 20, 20),
        ("产出指标", "质量指标", "工程验收合格率", "100", "%", "100", 20, 20),
        ("效益指标", "社会效益指标", "防洪能力提升", "显著", None, "显著", 20, 20),
    ]


# ---- a form's money is no final accounts -----------------------------------------------------------------------------

FORM_MONEY = "\n".join([
    "2031年档案局部门整体支出绩效自评表", "一级预算单位名称", "东岭区档案局", "年度预算申请(万元)",
    "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
    "年度资金总额", "210万元", "210万元", "205万元", "10", "97.62%", "9.8",
    "按支出性质分:", "其中:基本支出:150万元", "项目支出:55万元", "年度总体目标",
])


def test_the_money_a_self_evaluation_form_states_is_no_final_accounts_figure() -> None:
    assert not [item for item in _items(FORM_MONEY) if isinstance(item, Figure)]


# ---- a fund's regional form: named by its title, its score column headed above the indicator header ---------------

_FUND_CELLS = [
    "农机购置补贴资金区域绩效目标自评表", "专项名称", "农机购置补贴资金", "自评得分", "96",
    "年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成指标值", "40",
    "产出指标", "数量指标", "指标1:补贴机具台数", "≥600台", "615台", "20",
    "指标2:受益农户数", "≥450户", "452户", "16",
    "质量指标", "指标1:补贴资金兑付率", "100%", "100%", "4",
]
FUND_CELLS = "\n\n".join(_FUND_CELLS)


def test_a_funds_form_is_named_by_its_title_and_its_rows_close_with_their_scores() -> None:
    project = _one(FUND_CELLS)
    assert project.name == "农机购置补贴资金"
    assert [(r[1], r[2], r[3], r[4], r[5], r[6], r[8]) for r in _rows(project)] == [
        ("数量指标", "补贴机具台数", "≥", "600", "台", "615", 20),
        ("数量指标", "受益农户数", "≥", "450", "户", "452", 16),
        ("质量指标", "补贴资金兑付率", None, "100", "%", "100", 4),
    ]


# ---- a template's slot labels glued to the names ------------------------------------------------------------------

SLOTS = """项目支出绩效自评表
项目名称
西坡镇小学操场改造
一级指标
二级指标
三级指标
年度指标值
实际完成值
分值
得分
偏差原因分析及改进措施
产出指标
数量指标
指标1项目改造面积
1800
1800
20
20

质量指标
★指标1验收合格率
100
100
20
20

指标2返工率
0
0
10
10

效益指标
社会效益指标
指标1师生活动条件改善……
明显
明显
30
30
"""


def test_a_templates_slot_label_a_core_mark_and_a_glued_ellipsis_are_no_part_of_a_name() -> None:
    project = _one(SLOTS)
    assert [(r[1], r[2], r[4], r[6], r[7]) for r in _rows(project)] == [
        ("数量指标", "项目改造面积", "1800", "1800", 20),
        ("质量指标", "验收合格率", "100", "100", 20),
        ("质量指标", "返工率", "0", "0", 10),
        ("社会效益指标", "师生活动条件改善", "明显", "明显", 30),
    ]


# ---- a pipe header broken over lines, a unit named after a bare 部门 cell ----------------------------------------------

TORN_PIPE_HEADER = """部门整体支出绩效自评表 | |||||||
(2031年度) | |||||||
部门 | 北岭县河道养护服务站 | ||||||
预算资金 (万元) |
年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | ||
年度资金总额 | 120 | 118 | 112 | 10 | 94.92% | 9 |
绩 效 指 标 |
一级指标 | 二级指标 | 三级指标 | 年度 指标值 |
实际 完成值 |
分值 | 得分 | 偏差原因分析及改进措施 | |||||
产出指标 | 数量指标 | 指标1:清淤河道长度 | ≥40公里 | 42公里 | 20 | 20 | |||
指标2:巡查次数 | ≥50次 | 55次 | 20 | 20 | ||||
…… | |||||||
质量指标 | 指标1:验收合格率 | ≥95% | 100% | 20 | 20 | ||||
满意度指标 | 服务对象满意度指标 | 沿岸居民满意度 | ≥90% | 93% | 30 | 30 | |||
"""


def test_a_pipe_header_broken_over_lines_a_budget_header_without_a_label_cell_and_a_bare_unit_cell() -> None:
    project = _one(TORN_PIPE_HEADER)
    assert project.name == "北岭县河道养护服务站"
    # the budget header has no cell over the labels' column: the total row's amounts stand one cell off its words
    assert project.budget.model_dump() == {"initial": 120, "adjusted": 118, "executed": 112,
                                           "execution_rate_pct": 94.92, "weight": 10, "score": 9}  # fmt: skip
    assert [(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]) for r in _rows(project)] == [
        ("产出指标", "数量指标", "清淤河道长度", "≥", "40", "公里", "42", 20, 20),
        ("产出指标", "数量指标", "巡查次数", "≥", "50", "次", "55", 20, 20),
        ("产出指标", "质量指标", "验收合格率", "≥", "95", "%", "100", 20, 20),
        ("满意度指标", "服务对象满意度指标", "沿岸居民满意度", "≥", "90", "%", "93", 30, 30),
    ]


SPACED_RATE_LEFT_BLANK = """项目支出绩效自评表
（2031年度）
项目名称 南湾水库巡护经费
主管部门 实施单位 南湾县水利局
项目资金
（万元）
年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分
年度资金总额: 60 60 54 10 9
 其中:本年财政拨款 60 60 54 - -
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
产出指标 数量指标 巡护次数 ≥100次 104次 40 40
效益指标 社会效益指标 防汛安全 无事故 无事故 40 40
满意度指标 服务对象满意度指标 群众满意度 ≥90% 92% 10 10
"""


def test_a_budget_row_whose_rate_cell_is_blank_gives_its_numbers_to_the_other_columns() -> None:
    budget = _one(SPACED_RATE_LEFT_BLANK).budget
    assert budget.model_dump() == {"initial": 60, "adjusted": 60, "executed": 54, "execution_rate_pct": None,
                                   "weight": 10, "score": 9}  # fmt: skip (54 / 60 is 90%: 10 is no rate)


LEVELED_DEPARTMENT = """绩效目标表(一般公共预算资金) | |||||
项目名称 |
东岭区助残康复补助资金(一般公共预算) | ||||
区级主管部门 |
区残联 | ||||
"""


def test_a_department_label_with_its_government_level_ends_the_name_above_it() -> None:
    assert [(p.name, p.department) for p in _projects(LEVELED_DEPARTMENT)] == [
        ("东岭区助残康复补助资金(一般公共预算)", "区残联")
    ]


UNIT_FORM_CELLS = [
    "部门整体支出绩效自评表", "(2031年度)", "一级预算单位名称", "东岭区园林局", "年度预", "算申请", "(万元)",
    "年初", "预算数", "全年预算数", "全年", "执行数", "分值", "执行率", "得分",
    "年度资金总额", "512.5万元", "512.5万元", "498.2万元", "10", "97.21%", "9",
    "一级指标", "二级指标", "三级指标", "年度", "指标值", "实际", "完成值", "分值", "得分", "偏差原因", "分析及", "改进措施",
    "产出指标", "数量指标", "绿地养护面积", "120万平方米", "121万平方米", "20", "20", " ",
    "质量指标", "养护达标率", "≥95%", "96%", "20", "20", " ",
    "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", "20", "20",
]  # fmt: skip


def test_a_unit_form_named_by_its_budget_units_label_one_cell_a_line_reads_its_block() -> None:
    project = _one("\n\n".join(UNIT_FORM_CELLS))
    assert project.name == "东岭区园林局"
    assert project.budget.model_dump() == {"initial": 512.5, "adjusted": 512.5, "executed": 498.2,
                                           "execution_rate_pct": 97.21, "weight": 10, "score": 9}  # fmt: skip
    assert [(r[1], r[2], r[4], r[6], r[8]) for r in _rows(project)] == [
        ("数量指标", "绿地养护面积", "120", "121", 20),
        ("质量指标", "养护达标率", "95", "96", 20),
        ("服务对象满意度指标", "群众满意度", "90", "92", 20),
    ]


# ---- a budget block in 元, a goal in its label's row (session 11, forms8) --------------------------------------------

IN_YUAN = """项目支出绩效自评表
| 项目名称 | 西岭小学课后服务补助 | 主管部门 | 西岭县教育局 | 实施单位 | 西岭小学 |
| 项目资金（元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
| 年度资金总额 | 250000 | 240000 | 228000 | 10 | 95% | 9 |
| 年度总体目标 | 预期目标 | 实际完成情况 | 为全校学生提供课后托管服务 | 全年提供课后服务180天 |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
| 产出指标 | 数量指标 | 服务学生人数 | ≥600人 | 612人 | 40 | 40 | |
| 效益指标 | 社会效益指标 | 家长负担减轻 | 有效 | 有效 | 30 | 30 | |
| 满意度指标 | 服务对象满意度指标 | 家长满意度 | ≥90% | 95% | 20 | 20 | |
"""


def test_a_budget_block_labeled_in_yuan_gives_its_amounts_in_wan() -> None:
    project = _one(IN_YUAN)
    assert project.name == "西岭小学课后服务补助"
    assert (project.budget.initial, project.budget.adjusted, project.budget.executed) == (25, 24, 22.8)
    assert (project.budget.execution_rate_pct, project.budget.weight, project.budget.score) == (95, 10, 9)


def test_a_goal_in_its_labels_row_is_read_there_and_an_indicator_word_is_no_goal() -> None:
    goals = [item for item in _items(IN_YUAN) if isinstance(item, Narrative)]
    assert [(g.kind, g.text) for g in goals] == [("performance_goal", "为全校学生提供课后托管服务")]
    empty = IN_YUAN.replace(" 为全校学生提供课后托管服务 | 全年提供课后服务180天 |", "")  # the goal left unfilled
    assert not [item for item in _items(empty) if isinstance(item, Narrative) and item.kind == "performance_goal"]


# a budget row one amount short (年初预算数 left empty, its cell lost in the text): read in order every amount would
# stand a column off and the rate "96.00%" would be read as the weight; the row is read only where its percentage is
# the rate and 执行数 / 预算数 is that rate, and the base it cannot place (初 or 全年) is left out
SHORT_ROW = """项目支出绩效自评表 |
项目名称 | 北沟村护林防火通道维修 |
主管部门 | 北沟县林业局 | 实施单位 | 北沟县林业局 |
项目资金 (万元) |
| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
年度资金总额 |
| 50 | 48 | 10 | 96.00% | 9 |
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
产出指标 | 数量指标 | 维修通道长度 | ≥12公里 | 12.5公里 | 40 | 40 | 无 |
效益指标 | 社会效益指标 | 火灾扑救到场时间缩短 | ≥20% | 22% | 40 | 40 | 无 |
满意度指标 | 服务对象满意度指标 | 护林员满意度 | ≥90% | 93% | 10 | 10 | 无 |
"""


def test_a_budget_row_one_amount_short_is_read_only_where_its_percentage_and_arithmetic_agree() -> None:
    budget = _one(SHORT_ROW).budget
    assert (budget.executed, budget.execution_rate_pct, budget.weight, budget.score) == (48, 96, 10, 9)
    assert (budget.initial, budget.adjusted) == (None, None)


# a web page's table whose rows ran together: the goal block, the indicator header over two rows and the first
# indicator row in one long row (| 年度总体目标 | 预期目标 | 实际完成情况 | goal | done | 绩效指标 | 年度指标值 | … |
# 一级指标 | 二级指标 | … | 产出指标 | 数量指标 | first row … |), the later rows each a row of their own
RUN_ON = """2031年度项目支出绩效自评表 | 单位:南岗镇中心小学 |
| 项目名称 | 南岗镇中心小学校舍维修 | 主管部门 | 南岗县教育局 | 实施单位 | 南岗镇中心小学 | 项目资金 (万元) |
| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | 年度资金总额 |
| 80 | 80 | 78 | 10 | 97.5% | 9 |
| 年度 总体 目标 | 预期目标 | 实际完成情况 | 完成教学楼屋面维修 | 已完成教学楼屋面维修 | 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 产出指标 | 数量指标 | 维修屋面面积 | ≥ | 1200 | 平方米 | 1260 | 20 | 20 |
| 质量指标 | 验收合格率 | = | 100 | % | 100% | 20 | 20 |
| 效益指标 | 社会效益指标 | 漏雨教室减少 | ≥ | 6 | 间 | 6 | 20 | 20 |
| 满意度指标 | 服务对象满意度指标 | 师生满意度 | ≥ | 90 | % | 96% | 20 | 19 |
| 总分 | 100 | 98 |
"""


def test_a_header_run_into_the_goal_row_and_the_first_indicator_row_is_cut_out_of_it() -> None:
    project = _one(RUN_ON)
    assert project.name == "南岗镇中心小学校舍维修"
    assert _rows(project) == [
        ("产出指标", "数量指标", "维修屋面面积", "≥", "1200", "平方米", "1260", 20, 20),
        ("产出指标", "质量指标", "验收合格率", "=", "100", "%", "100", 20, 20),
        ("效益指标", "社会效益指标", "漏雨教室减少", "≥", "6", "间", "6", 20, 20),
        ("满意度指标", "服务对象满意度指标", "师生满意度", "≥", "90", "%", "96", 20, 19),
    ]
    goals = [item for item in _items(RUN_ON) if isinstance(item, Narrative)]
    assert [g.text for g in goals] == ["完成教学楼屋面维修"]


# ---- a comparator written "<" is no markup ------------------------------------------------------------------------

# targets with ASCII comparators (">=", "<="; a full-width "＜" becomes "<" too): a "<" that opens no tag is a value's
# comparator, and the layouts read without tags (one line flattened, one cell a line) read past it
FLAT_LT = (
    "项目支出绩效自评表 项目名称 西坡村道路保洁经费 主管部门 西坡镇人民政府 实施单位 西坡镇环卫所 项目资金 (万元) "
    "年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 40 40 38 10 95% 9 "
    "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 "
    "产出指标 数量指标 保洁道路长度 >=16公里 16公里 30 30 成本指标 保洁单价 <=2.5万元/公里 2.4万元/公里 20 20 "
    "效益指标 社会效益指标 道路整洁率 >=95% 96% 30 30 满意度指标 服务对象满意度指标 村民满意度 >=90% 93% 10 10"
)

CELLS_LT = """绩效目标自评表 |
项目名称 |
北滩救助站运转补助 |
主管部门 |
北滩县民政局 |
一级指标 |
二级指标 |
三级指标 |
分值 |
年度指标值 |
全年实际值 |
得分 |
产出指标 |
数量指标 |
救助人次 |
30 |
>=120人次 |
131人次 |
30 |
成本指标 |
人均救助成本 |
30 |
<=800元/人次 |
760元/人次 |
30 |
效益指标 |
社会效益指标 |
救助对象回归率 |
30 |
>=85% |
88% |
30 |
"""


def test_a_target_compared_by_less_than_is_read_in_a_flattened_form_and_one_cell_a_line() -> None:
    flat = _one(FLAT_LT)
    assert [(r.name, r.comparator, r.target, r.unit, r.actual, r.weight) for r in flat.indicators] == [
        ("保洁道路长度", "≥", "16", "公里", "16", 30),
        ("保洁单价", "≤", "2.5", "万元/公里", "2.4", 20),
        ("道路整洁率", "≥", "95", "%", "96", 30),
        ("村民满意度", "≥", "90", "%", "93", 10),
    ]
    cells = _one(CELLS_LT)
    assert [(r.level2, r.name, r.comparator, r.target, r.actual, r.score) for r in cells.indicators] == [
        ("数量指标", "救助人次", "≥", "120", "131", 30),
        ("成本指标", "人均救助成本", "≤", "800", "760", 30),
        ("社会效益指标", "救助对象回归率", "≥", "85", "88", 30),
    ]


# a transfer payment's goal block heads its two columns "年初设定目标 | 年度总体目标完成情况综述": header words, no goal
TRANSFER_GOAL = """绩效目标自评表 |
项目名称 | 东岭村养蜂补贴到户项目 | 主管部门 | 东岭县农业农村局 | 实施单位 | 东岭镇人民政府 |
资金情况 (万元) | 全年预算数(A) | 全年执行数(B) | 分值 | 执行率(B/A) | 得分 |
年度资金总额: | 6.5 | 6.5 | 10 | 100% | 10 |
年度总体目标 | 年初设定目标 | 年度总体目标完成情况综述 |
补助28户养蜂户,增加脱贫户收入 | 已补助28户养蜂户 |
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分 |
产出指标 | 数量指标 | 补助蜂箱数量 | 40 | 300箱 | 312箱 | 40 |
效益指标 | 经济效益指标 | 户均增收 | 40 | ≥1500元 | 1620元 | 40 |
满意度指标 | 服务对象满意度指标 | 受益户满意度 | 10 | ≥90% | 95% | 10 |
"""


def test_a_transfer_forms_goal_header_words_are_no_goal() -> None:
    goals = [item for item in _items(TRANSFER_GOAL) if isinstance(item, Narrative)]
    assert [(g.kind, g.text) for g in goals] == [("performance_goal", "补助28户养蜂户,增加脱贫户收入")]


# a form a row a line whose 主管部门 is left empty: its label stands right before the 实施单位 label and its value, and
# the lines below it (项目资金 / (万元)) are the budget block's, no department
EMPTY_DEPARTMENT = """项目支出绩效自评表
(2031年度)
项目名称 南河堤防巡查经费
主管部门 实施单位 南河县水务局
项目资金
(万元)
年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分
年度资金总额: 120 120 114 10 95% 9
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
产出指标 数量指标 巡查堤防长度 ≥36公里 38公里 40 40
效益指标 社会效益指标 险情及时发现率 ≥95% 97% 40 40
满意度指标 服务对象满意度指标 沿岸群众满意度 ≥90% 94% 10 10
总分 100 99
"""


def test_an_empty_department_cell_before_the_implementers_label_is_no_department() -> None:
    project = _one(EMPTY_DEPARTMENT)
    assert (project.name, project.department, project.implementer) == ("南河堤防巡查经费", None, "南河县水务局")
    assert len(project.indicators) == 3


# a form a row a line whose qualitative rows write a weight and a score alone, and whose one row glued its target to its
# name ("指标1:资金支付完成率100% 10 10"): that row is held for review, the others are not
GLUED_TARGET = """项目支出绩效自评表
项目名称 西渠灌溉站运行经费
主管部门 西渠县水利局 实施单位 西渠县灌溉站
年度绩效指标完成情况 一级
指标
二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
(50分)
数量指标 指标1:维修泵站数量 3 3 20 20
质量指标 指标1:维修工程验收合格 15 15
时效指标 指标1:资金支付完成率100% 15 15
(30分)
社会效益
指标
指标1:保障农田灌溉 30 30
满意度指标
(10分)
服务对象
满意度指标
指标1:灌区农户满意度 90% 96% 10 10
总分 100 100
"""


def test_a_name_that_ends_in_the_rows_percentage_with_no_target_holds_the_row_for_review() -> None:
    record = extract_text("glued.txt", GLUED_TARGET)
    rows = record.projects[0].indicators
    at = next(k for k, row in enumerate(rows) if (row.name or "").startswith("资金支付完成率"))
    assert (rows[at].name, rows[at].target, rows[at].weight) == ("资金支付完成率100%", None, 15)
    assert record.assessments is not None
    assert "row_joined" in record.assessments[f"/projects/0/indicators/{at}/name"].flags
    assert not any("row_joined" in record.assessments[f"/projects/0/indicators/{k}/name"].flags
                   for k in range(len(rows)) if k != at)  # fmt: skip
