"""Forms in layouts read since session 8 (issue 16): a goal table whose cells are opened by bars with a row's empty
last cells as a line of bars ("| |"), a spreadsheet saved as CSV with quoted cells whose rows run on in one line, and
the level cells such tables write. Every table here is invented (names, numbers), written in the shapes real ones take."""

from __future__ import annotations

from extractor.chunk import chunk
from extractor.extract.rules import RulesExtractor
from extractor.normalize import normalize
from extractor.pipeline import extract_text
from extractor.tables import find_tables, lines_of
from extractor.tables.parted import bar_parted, bar_parted_tokens
from extractor.tables.readers.quoted import QuotedReader
from schemas import Project


def _projects(text: str) -> list[Project]:
    doc = normalize(text + "\n")
    return [c.item for c in RulesExtractor().extract(doc, chunk(doc)).candidates if isinstance(c.item, Project)]


def _rows(text: str) -> list[tuple[object, ...]]:
    found = [p for p in _projects(text) if p.indicators]
    assert len(found) == 1, found
    return [(r.level1, r.level2, r.name, r.target, r.unit, r.actual, r.weight) for r in found[0].indicators]


# ---- cells opened by bars, a row's empty last cells a line of bars ----------------------------------------------

GOAL_LED = """绩效
       指标
        | 一级指标
        | 二级指标
        | 三级指标
        | 指标值
        | 实施进度
        |
产出指标
        | 数量指标
        | 巡河次数
        | 全年巡河不少于12次
        | 已完成100%
        | |
质量指标
        | 巡河台账
        | 台账完整
        | 已完成100%
        | ||
成本指标
        | 巡河经费
        | 6万元
        | 已完成100%
        | ||
效益指标
        | 生态效益
       指标
        | 河面保洁程度
        | 持续改善
        | 已完成90%
        | |
2.分析评价巡河工作的开展情况,申报目标合理可行
评价巡河工作按计划开展。
"""


def test_a_line_of_bars_alone_closes_a_row_like_a_lone_bar() -> None:
    lines = lines_of(GOAL_LED)
    assert bar_parted(lines, 0)
    texts = [t.text for t in bar_parted_tokens(lines, 0)]
    assert texts[:6] == ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "实施进度"]
    assert "生态效益指标" in texts  # a cell opened by a bar and wrapped over a line without one
    assert not any("分析评价" in t for t in texts)  # prose after the last row's closing bar is no cell


def test_a_goal_table_opened_by_bars_gives_its_rows_the_block_cell_before_the_header_aside() -> None:
    assert _rows(GOAL_LED) == [
        ("产出指标", "数量指标", "巡河次数", "全年巡河不少于12次", None, "已完成100%", None),
        ("产出指标", "质量指标", "巡河台账", "台账完整", None, "已完成100%", None),
        ("产出指标", "成本指标", "巡河经费", "6", "万元", "已完成100%", None),  # alone before a name: the level 2
        ("效益指标", "生态效益指标", "河面保洁程度", "持续改善", None, "已完成90%", None),
    ]


def test_an_either_level_name_before_a_level_2_is_that_ones_level_1() -> None:
    text = GOAL_LED.replace("成本指标\n        | 巡河经费", "满意度指标\n        | 服务对象满意度指标\n        | 巡河经费")
    rows = _rows(text)
    assert rows[2][:3] == ("满意度指标", "服务对象满意度指标", "巡河经费")


# ---- comma-separated rows with quoted cells ---------------------------------------------------------------------

CSV_RUN_ON = (
    '更新: 某某 | 2031-02-03 |\n,,\n,,\n'
    ', "项目","考核内容","考核指标","指标说明","年度工作目标","评分标准","权数","考评得分" '
    '"河道管护支出管理(50分)","河道管护支出","管护支出完成率","管护支出完成率=完成数*100%/年初预算数,用以反映完成情况.\n'
    '","1","按完成比例计算得分,满分为止.","30", ,"结余情况","结余率","结余率=结余总额*100%/完成数.","0.05",'
    '"二者择其一进行考核.","20", ,,\n'
    '"结余变动率","结余变动率=(本年结余-上年结余)*100%/上年结余.","-0.2",,\n'
    ', ,"管护台账","台账完整率","台账完整率=完整台账数/台账总数.","0.95","按完成比例计算得分.","10", \n'
)

CSV_LINES = (
    '"项目","考核内容","考核指标","权数","考评得分"\n'
    '"河道管护(40分)","管护支出","管护支出完成率","30","28"\n'
    ',,"管护台账完整率","10","9"\n'
)


def test_csv_rows_run_on_in_one_line_are_parted_at_the_spaces_between_them() -> None:
    lines = lines_of(CSV_RUN_ON)
    at = next(k for k, line in enumerate(lines) if '"项目"' in line.text)
    table = QuotedReader().read(lines, at)
    assert table is not None and table.layout == "quoted"
    assert [row.texts[:3] for row in table.rows] == [
        ["项目", "考核内容", "考核指标"],
        ["河道管护支出管理(50分)", "河道管护支出", "管护支出完成率"],
        ["", "结余情况", "结余率"],
        ["", "", "结余变动率"],
        ["", "管护台账", "台账完整率"],
    ]
    assert table.rows[1].texts[3].endswith("完成情况.")  # a line break inside quotes stays in its cell
    assert [row.texts[6] for row in table.rows[1:]] == ["30", "20", "", "10"]
    header = table.header("indicators")
    assert header is not None
    assert {r: header.roles[r] for r in ("level1", "level2", "name", "target", "weight", "score")} == {
        "level1": 0, "level2": 1, "name": 2, "target": 4, "weight": 6, "score": 7,
    }  # fmt: skip


def test_csv_rows_run_on_give_indicator_rows_with_levels_no_vocabulary_knows() -> None:
    assert _rows(CSV_RUN_ON) == [
        ("河道管护支出管理", "河道管护支出", "管护支出完成率", "1", None, None, 30.0),
        ("河道管护支出管理", "结余情况", "结余率", "0.05", None, None, 20.0),
        ("河道管护支出管理", "结余情况", "结余变动率", "-0.2", None, None, None),
        ("河道管护支出管理", "管护台账", "台账完整率", "0.95", None, None, 10.0),
    ]


def test_csv_rows_one_a_line_are_read_as_written() -> None:
    tables = [t for t in find_tables(lines_of(CSV_LINES)) if t.layout == "quoted"]
    assert len(tables) == 1
    assert [row.texts for row in tables[0].rows][2] == ["", "", "管护台账完整率", "10", "9"]


def test_text_with_a_few_quoted_words_is_no_csv_table() -> None:
    text = '他说"甲","乙"和"丙"都已完成。\n下一段。'
    assert QuotedReader().read(lines_of(text), 0) is None
    no_header = '"甲","乙","丙","丁"\n"1","2","3","4"\n'
    assert QuotedReader().read(lines_of(no_header), 0) is None


# ---- a scoring framework glued, its weights inside its names, no 分值 column -----------------------------------------

FRAMEWORK_GLUED = (
    "1、某河道管护资金绩效评价指标表基本指标具体指标评价内容(标准)评分一级指标二级指标三级指标"
    "业务指标(60分)目标设定情况(20分)依据的充分性(8分)管护资金设立的依据是否充分,充分:8分;一般:4分;没有:0分"
    "工作目标的明确度(12分)管护目标是否明确,明确:12分;基本明确:6分;不明确:0分"
    "目标完成情况(40分)巡河计划完成率(25分)巡河计划完成率,100%:25分;90-100%:15分;90%以下:0分"
    "管护台账完整性(15分)完整:15分;基本完整:8分;不完整:0分"
)


def test_a_glued_framework_parts_each_name_with_its_weight_from_the_criteria_before_it() -> None:
    rows = [(r[0], r[1], r[2], r[6]) for r in _rows(FRAMEWORK_GLUED)]
    assert rows == [
        ("业务指标", "目标设定情况", "依据的充分性", 8.0),
        ("业务指标", "目标设定情况", "工作目标的明确度", 12.0),
        ("业务指标", "目标完成情况", "巡河计划完成率", 25.0),
        ("业务指标", "目标完成情况", "管护台账完整性", 15.0),
    ]


def test_a_glued_frameworks_names_are_held_for_review() -> None:
    record = extract_text("framework.txt", FRAMEWORK_GLUED)
    (project,) = [p for p in record.projects if p.indicators]
    k = record.projects.index(project)
    threshold = record.review.threshold  # type: ignore[union-attr]
    for r in range(len(project.indicators)):
        assert record.assessments[f"/projects/{k}/indicators/{r}/name"].confidence < threshold


# ---- pipe rows of a web page's table whose merged cells were left out, then the next form --------------------------

PIPE_MERGED_OUT = """
| 一级指标 | 二级指标 | 三级指标 | 得分 |
| 单位决策(20分) | 目标设定(12分) | 目标相关性(6分) |
|
| 目标明确性(6分) |
| ||
| 预算编制(8分) | 测算依据(8分) |
| |
| 河道管护(80分) | 巡河成效(50分) | 巡河覆盖率(30分) |
|
| 问题整改率(20分) |
| ||
| 满意度(30分) | 群众满意度(30分) |
| |
| 单位名称/ 项目名称 |
| |||
| 一级 指标 | 二级 指标 | 三级指标 | 分值 | 得分 |
| (40分) | (20分) | 巡河次数 | 20 |
|
| 巡河里程 | 20 |
| ||
"""


def test_pipe_rows_whose_merged_cells_were_left_out_give_their_cells_to_the_columns_they_fit() -> None:
    rows = [(r[0], r[1], r[2], r[6]) for r in _rows(PIPE_MERGED_OUT.split("| 单位名称")[0])]
    assert rows == [
        ("单位决策", "目标设定", "目标相关性", 6.0),
        ("单位决策", "目标设定", "目标明确性", 6.0),
        ("单位决策", "预算编制", "测算依据", 8.0),
        ("河道管护", "巡河成效", "巡河覆盖率", 30.0),
        ("河道管护", "巡河成效", "问题整改率", 20.0),
        ("河道管护", "满意度", "群众满意度", 30.0),
    ]


def test_a_row_labeled_with_a_forms_name_opens_another_table_and_the_rows_above_are_a_nameless_form() -> None:
    tables = find_tables(lines_of(normalize(PIPE_MERGED_OUT).text))
    assert len(tables) == 2 and all(t.header("indicators") for t in tables)
    found = [p for p in _projects(PIPE_MERGED_OUT) if p.indicators]
    assert found and found[0].name == ""
    assert [r.name for r in found[0].indicators][:6] == ["目标相关性", "目标明确性", "测算依据", "巡河覆盖率", "问题整改率", "群众满意度"]


def test_a_header_word_an_ocr_tool_scrambled_names_a_weight_column() -> None:
    text = ("1、示例自评表一级指标二级指标三级指标考值参分指标值(A)全年实际值(B)得分未完成原因分析"
            "产出指标数量指标巡河次数1012次12次10质量指标巡河台账完整率10100%100%9")  # fmt: skip
    found = [p for p in _projects(text) if p.indicators]
    assert found
    assert [(r.name, r.weight, r.score) for r in found[0].indicators] == [("巡河次数", 10.0, 10.0), ("巡河台账完整率", 10.0, 9.0)]


# ---- an OCR'd glued form: look-alike characters, a framework's levels with their weights ---------------------------


def test_words_ocr_writes_with_a_look_alike_character_are_read_as_the_words() -> None:
    from extractor.repair import substitute

    assert substitute("顼目产出(30分)") == "项目产出(30分)"
    assert substitute("资金(万兀)") == "资金(万元)"
    assert substitute("顼羽") == "顼羽"  # the character alone is kept


OCR_GLUED = (
    "1、示例自评表一级指标二级指标三级指标参考分值指标值(A)全年实际值(B)得分未完成原因分析"
    "顼目决策(10分)可行性论证6论证充分6程序规范性4程序规范4"
    "项目产出(40分)数量指标(20分)巡河次数2012次12次20成本指标(20分)巡河经费2060万元60万元18"
)


def test_a_frameworks_level_with_its_weight_opens_its_rows_in_glued_text_and_a_level_keeps_its_column() -> None:
    rows = [(r[0], r[1], r[2], r[6]) for r in _rows(OCR_GLUED)]
    assert rows == [
        ("项目决策", None, "可行性论证", 6.0),
        ("项目决策", None, "程序规范性", 4.0),
        ("项目产出", "数量指标", "巡河次数", 20.0),
        ("项目产出", "成本指标", "巡河经费", 20.0),  # (成本指标 with its weight, in the level-2 column: a level 2)
    ]


OCR_FRAMEWORK_ROWS = (
    "1、示例自评表一级指标二级指标三级指标参考分值指标值(A)全年实际值(B)得分未完成原因分析"
    "项目决策(10分)项目立项论证充分性6一论证报告齐全6资金分配分配依据4一依据充分3"
    "项目产出(40分)数量指标(40分)巡河次数4012次12次40"
)


def test_an_ocr_dash_is_an_empty_target_and_a_frameworks_level_2_parts_from_the_name_it_heads() -> None:
    found = [p for p in _projects(OCR_FRAMEWORK_ROWS) if p.indicators]
    rows = [(r.level1, r.level2, r.name, r.target, r.actual, r.weight, r.score) for r in found[0].indicators]
    assert rows == [
        ("项目决策", "项目立项", "论证充分性", None, "论证报告齐全", 6.0, 6.0),
        ("项目决策", "资金分配", "分配依据", None, "依据充分", 4.0, 3.0),
        ("项目产出", "数量指标", "巡河次数", "12", "12", 40.0, 40.0),
    ]


def test_a_name_written_before_the_project_leaders_label_ends_before_its_project_word() -> None:
    text = "项目支出绩效自评表项目名称示例河道保洁项目负责人及电话某某主管部门示例局"
    from extractor.vocabulary import FORM_NAME_END

    assert FORM_NAME_END.split(text.split("项目名称")[1])[0] == "示例河道保洁"


# ---- two forms that state no name; a framework's level word as an indicator's name ----------------------------

TWO_UNNAMED = PIPE_MERGED_OUT.replace(
    "| 巡河里程 | 20 |\n| ||\n",
    "| 巡河里程 | 20 |\n| ||\n| (10分) | (7分) | 资金分配 | 4 |\n|\n| 资金使用 | 3 |\n| ||\n",
)


def test_two_forms_that_state_no_name_stay_two_projects() -> None:
    record = extract_text("two.txt", TWO_UNNAMED)
    named = [[r.name for r in p.indicators] for p in record.projects if p.indicators]
    assert len(named) == 2, named
    assert named[0][:3] == ["目标相关性", "目标明确性", "测算依据"]
    assert named[1] == ["巡河次数", "巡河里程", "资金分配", "资金使用"]


def test_a_frameworks_level_word_under_lone_group_weights_is_the_rows_name_not_a_level() -> None:
    second = "| 单位名称" + TWO_UNNAMED.split("| 单位名称", 1)[1]
    rows = [(r[0], r[1], r[2], r[6]) for r in _rows(second)]
    assert rows == [
        (None, None, "巡河次数", 20.0),
        (None, None, "巡河里程", 20.0),
        (None, None, "资金分配", 4.0),
        (None, None, "资金使用", 3.0),
    ]
