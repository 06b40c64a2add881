"""The flat reader on forms whose cells nothing parts (a document-sharing site's or an OCR tool's text): the header's
words glued, the rows cut by the kinds of their words, the site's page fragments and furniture no cells, every row
held for review. Fixtures written for the tests: invented units, projects and numbers."""

from __future__ import annotations

from extractor.extract.rules.indicator_table import indicator_rows
from extractor.normalize import normalize
from extractor.pipeline import extract_text
from extractor.repair import substitute
from extractor.tables import find_tables, lines_of
from extractor.tables.glued import glued_tokens

SCRAPED = (
    "《示例县专项资金绩效目标自评表.docx》由会员分享,可在线阅读,更多相关《示例县专项资金绩效目标自评表.docx(2页珍藏版)》"
    "请在示例文库上搜索。\n"
    "1、2031年度县级专项资金绩效目标自评表专项资金名称示例河道保洁负责人及电话某某县级主管部门示例县水利局实施单位"
    "示例县河道站项目资金(万元)全年预算数(A)全年执行数(B)执行率(B/A)年度资金总额12.512.5100%其他资金"
    "一级 指标二级 指标三级指标年度指标 值全年 完成值未完成原因和 改进措施产 出 指 标数量 指标保洁河 道长度"
    "30公里30公里清运垃圾 次数120次118次天气原因停运两次质量 指标保洁达标率95%2、96%时效 指标"
    "日常保洁及时率100%100%\n"
    "3、效益 指标社会效益 指标河道环境改善程度明显明显满意度 指标服务对象 满意度指标沿岸群众满意度90%93%说明无\n"
)


def _rows(text: str):  # noqa: ANN202 (the rules' Row)
    doc = normalize(text)
    return indicator_rows(find_tables(lines_of(doc.text)))


def test_a_scraped_glued_form_is_cut_into_rows_by_its_header_and_the_kinds_of_its_words() -> None:
    rows = _rows(SCRAPED)
    got = [(r.level1, r.level2, r.name, r.target, r.unit, r.actual, r.reason) for r in rows]
    assert got == [
        ("产出指标", "数量指标", "保洁河道长度", "30", "公里", "30", None),
        ("产出指标", "数量指标", "清运垃圾次数", "120", "次", "118", "天气原因停运两次"),
        ("产出指标", "质量指标", "保洁达标率", "95", "%", "96", None),
        ("产出指标", "时效指标", "日常保洁及时率", "100", "%", "100", None),
        ("效益指标", "社会效益指标", "河道环境改善程度", "明显", None, "明显", None),
        ("满意度指标", "服务对象满意度指标", "沿岸群众满意度", "90", "%", "93", None),
    ]
    # nothing parted the cells: a row is sure only where the text marks each cell's end, here a name of words and a
    # value written twice (target and actual agree); "120次118次" and "95%96%" may have lost or taken a digit
    assert [row.sure for row in rows] == [True, False, False, True, True, False]


def test_page_fragment_numbers_and_site_furniture_are_no_cells() -> None:
    doc = normalize(SCRAPED)
    lines = lines_of(doc.text)
    at = next(k for k, line in enumerate(lines) if line.text.startswith("1、"))
    tokens, last = glued_tokens(lines, at)  # type: ignore[misc]
    assert lines[last].text.startswith("3、")  # the next page's fragment is read on
    texts = [t.text for t in tokens]
    assert not any(t.startswith(("2、", "3、")) or t.endswith("、") for t in texts[1:])
    assert "96%" in texts and texts.count("96%") == 1  # "95%2、96%": the fragment number is no cell and not glued to a value
    assert "由会员分享" not in "".join(texts)  # the site's line is before the table's line


def test_a_weight_glued_before_a_doubled_target_and_actual_is_a_cell_of_its_own() -> None:
    text = (
        "1、示例表项目名称示例校舍维护一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因"
        "产出指标数量指标维护面积102400平方米2400平方米10维护次数512次12次5"
        "质量指标验收标准5符合规定符合规定5"
    )
    rows = _rows(text)
    got = [(r.name, r.weight, r.target, r.unit, r.actual, r.score) for r in rows]
    assert got == [
        ("维护面积", 10.0, "2400", "平方米", "2400", 10.0),
        ("维护次数", 5.0, "12", "次", "12", 5.0),
        ("验收标准", 5.0, "符合规定", None, "符合规定", 5.0),
    ]


def test_a_number_whose_unit_runs_on_into_words_is_part_of_a_name() -> None:
    text = (
        "一级指标二级指标三级指标年度指标值全年完成值未完成原因产出指标数量指标"
        "300吨示例物资储备到位率100%100%示例物资轮换率95%97%"
    )
    names = [r.name for r in _rows(text)]
    assert names == ["300吨示例物资储备到位率", "示例物资轮换率"]


def test_ocr_letters_alone_between_words_are_digits_but_roman_numerals_stay() -> None:
    assert substitute("示例人数2370人IO指标") == "示例人数2370人10指标"
    assert substitute("水质达到II类标准") == "水质达到II类标准"
    assert substitute("使用IOS系统") == "使用IOS系统"
    assert len(substitute("得分lO分")) == len("得分lO分")  # one character for one: the offset map holds


def test_a_scraped_special_fund_form_gives_its_project_with_its_guessed_rows_flagged() -> None:
    record = extract_text("scraped.txt", SCRAPED)
    (project,) = record.projects
    assert (project.name, project.department) == ("示例河道保洁", "示例县水利局")
    assert len(project.indicators) == 6
    threshold = record.review.threshold  # type: ignore[union-attr]
    for k in range(6):
        for field in ("name", "target", "actual"):
            assessment = record.assessments[f"/projects/0/indicators/{k}/{field}"]
            flagged = assessment.confidence < threshold and "unsure_split" in assessment.flags
            assert flagged == (k in (1, 2, 5))  # the rows whose target and actual differ: a digit may have moved


_HEAD = "1、示例表项目名称示例巡护项目主管部门示例局一级指标二级指标三级指标"


def _glued_form(columns: str, rows: str) -> list[tuple[object, ...]]:
    (project,) = extract_text("form.txt", _HEAD + columns + rows).projects
    return [(i.name, i.comparator, i.target, i.unit, i.actual, i.weight, i.score, i.deviation_reason)
            for i in project.indicators] + [("total", project.total_score)]  # fmt: skip


_EXPECTED = [
    ("巡护里程", "≥", "30", "公里", "32", 20.0, 20.0, None),
    ("巡护次数", "≥", "12", "次", "11", 10.0, 9.0, "天气原因"),
    ("巡查合格率", "≥", "95", "%", "96", 10.0, 10.0, None),
    ("水面保洁效果", None, "达到预期", None, "达到预期", 30.0, 30.0, None),
    ("total", 97.0),
]


def test_a_weight_glued_before_a_signed_target_and_a_score_before_words() -> None:
    # 分值 before 指标值: "20≥30公里" is a weight, then a target (the comparator parts them); "11次9天气原因" an actual,
    # a score, then words (天 is no unit of the 次 the row counts in); "合计10097": the weights' total and the score
    got = _glued_form("分值年度指标值实际完成值得分偏差原因分析及改进措施",
                      "产出指标数量指标巡护里程20≥30公里32公里20巡护次数10≥12次11次9天气原因质量指标巡查合格率10≥95%96%10"
                      "效益指标社会效益指标水面保洁效果30达到预期达到预期30合计10097")  # fmt: skip
    assert got == _EXPECTED


def test_a_weight_and_a_score_run_together_after_the_target_and_the_actual() -> None:
    # the national order: "11次109天气原因" holds 10 and 9 (no score is above 100, a score is not above its weight)
    got = _glued_form("年度指标值实际完成值分值得分偏差原因分析及改进措施",
                      "产出指标数量指标巡护里程≥30公里32公里2020巡护次数≥12次11次109天气原因质量指标巡查合格率≥95%96%1010"
                      "效益指标社会效益指标水面保洁效果达到预期达到预期3030合计10097")  # fmt: skip
    assert got == _EXPECTED


def test_goal_blocks_titled_between_their_tables_a_range_of_years_in_a_name_and_a_score_after_a_doubled_value() -> None:
    # "年度绩效目标2(40分)" titles the next block (no cell of the row before it); "2031-2033" is part of a name;
    # "96%96%19.2" is a target, an actual and the score (no weight column)
    text = (
        "1、2031年度示例监测项目绩效自评表项目名称示例监测年度绩效目标1(40分)一级指标二级指标三级指标年初目标值(A)"
        "实际完成值(B)得分产出指标质量指标样品检测合格率100%100%20进度指标完成2031-2033监测方案100%100%20"
        "年度绩效目标2(40分)一级指标二级指标三级指标年初目标值(A)实际完成值(B)得分满意度指标服务对象满意度指标"
        "使用单位满意度96%96%19.2总分99.2"
    )
    rows = _rows(text)
    got = [(r.level1, r.level2, r.name, r.target, r.unit, r.actual, r.score) for r in rows]
    assert got == [
        ("产出指标", "质量指标", "样品检测合格率", "100", "%", "100", 20.0),
        ("产出指标", "进度指标", "完成2031-2033监测方案", "100", "%", "100", 20.0),
        ("满意度指标", "服务对象满意度指标", "使用单位满意度", "96", "%", "96", 19.2),
    ]


def test_a_glued_row_is_sure_where_the_text_marks_each_cells_end() -> None:
    text = (_HEAD + "分值年度指标值实际完成值得分偏差原因分析及改进措施"
            "产出指标数量指标巡护里程20≥30公里32公里20巡护次数10≥12次11次9天气原因巡查合格率10≥95%96%10"
            "质量指标设备完好率1098%97%9效益指标社会效益指标水面保洁效果30达到预期达到预期30"
            "满意度指标服务对象满意度指标巡查员满意度10≥90%93%10")  # fmt: skip
    rows = _rows(text)
    assert [(r.name, r.sure) for r in rows] == [
        ("巡护里程", True),  # a comparator opens the target, its unit ends it, the actual's unit ends that
        ("巡护次数", True),  # the row before met its target: no reason was written between
        ("天气原因巡查合格率", False),  # after a missed target: its reason ran on into this name, a guess kept flagged
        ("设备完好率", False),  # "1098%": the target's first digits may be the weight's
        ("水面保洁效果", True),  # its level cells stand before it; a value written twice
        ("巡查员满意度", True),
    ]
