"""A form's indicator part written a row a line, cells parted by single spaces, its header torn over lines or lost
(`extractor.tables.readers.rowlines`), and the columns a headerless table is read under (`extractor.tables.typed`).
Invented forms, units and numbers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.chunk import chunk
from extractor.extract.rules import RulesExtractor
from extractor.extract.rules.indicator_table import indicator_rows
from extractor.normalize import normalize
from extractor.tables import tables_in
from extractor.tables.typed import named_roles, template_columns
from schemas import Project

ROWS_A_LINE = """绩效指标完成情况 一级
指标
二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因

(40分)
数量指标 指标1:维修水闸座数 3 3 20 20
指标2:清淤河道长度 12公里 11公里 20 18 汛期延误
……
满意度指标
(20分)
服务对象
满意度指标
指标1:沿岸居民满意度 90% 93% 20 20
总分 60 58
"""


def _read(text: str) -> list[tuple[object, ...]]:
    rows = indicator_rows(tables_in(normalize(text).text))
    return [(r.level1, r.level2, r.name, r.target, r.unit, r.actual, r.weight, r.score, r.reason, r.sure) for r in rows]


def test_rows_a_line_under_a_header_torn_over_lines_come_back() -> None:
    assert _read(ROWS_A_LINE) == [
        (None, "数量指标", "维修水闸座数", "3", None, "3", 20, 20, None, True),  # "(40分)": a level 1 that lost its name
        (None, "数量指标", "清淤河道长度", "12", "公里", "11", 20, 18, "汛期延误", True),
        ("满意度指标", "服务对象满意度指标", "沿岸居民满意度", "90", "%", "93", 20, 20, None, True),
    ]
    assert tables_in(normalize(ROWS_A_LINE).text)[0].layout == "rowlines"


def test_a_row_cut_where_no_line_ends_is_held_for_review() -> None:
    text = ROWS_A_LINE.replace("指标2:清淤河道长度 12公里 11公里 20 18 汛期延误", "指标2:清淤河道长度 12公里\n11公里 20 18 汛期延误")
    sure = {row[2]: row[-1] for row in _read(text)}
    assert sure["清淤河道长度"] is False


def test_torn_pdf_text_a_header_word_a_line_is_not_read_as_rows_a_line() -> None:
    torn = "一级指标\n二级指\n标\n三级指标\n指标值\n完成值\n分值\n得分\n产出指标\n数量指\n标\n巡查路段\n≥ 12 段 15 30 30\n"
    assert all(table.layout != "rowlines" for table in tables_in(normalize(torn).text))


def test_rows_a_line_below_a_header_the_text_does_not_hold_are_read_by_their_kinds_and_held() -> None:
    text = (
        "产出指标 数量指标 巡查次数 ≥12次 12次 30 30\n"
        "质量指标 整改合格率 ≥95% 96% 30 30\n"
        "效益指标 社会效益指标 投诉下降率 ≥10% 12% 30 28 个别区域回升\n"
    )
    rows = _read(text)
    assert [(r[2], r[3], r[5], r[6], r[7], r[8]) for r in rows] == [
        ("巡查次数", "12", "12", 30, 30, None),
        ("整改合格率", "95", "96", 30, 30, None),
        ("投诉下降率", "10", "12", 30, 28, "个别区域回升"),
    ]
    assert not any(r[-1] for r in rows)  # no header: every row waits for a reviewer


def test_header_words_name_the_order_of_the_value_columns() -> None:
    assert named_roles("三级指标 分值 年度 指标值 全年实际值 得分") == ["name", "weight", "target", "actual", "score"]
    assert template_columns(named_roles("分值 年度指标值 全年实际值 得分")) == (
        "level1", "level2", "name", "comparator", "weight", "target", "unit", "actual", "score", "reason",
    )  # fmt: skip
    # the levels and the name lead whatever the words' order; one word alone says nothing about an order
    assert template_columns(["actual", "level1", "target"])[:3] == ("level1", "level2", "name")
    assert template_columns(["actual"]) == template_columns()


def test_a_header_over_two_rows_written_as_one_line_is_read_in_its_columns_order() -> None:
    # the upper row first (分值 before 指标值), the levels and the name after the values: the stream reader's group
    text = (
        "分值 年度指标值 实际完成值 得分 一级指标 二级指标 三级指标 "
        "产出指标 数量指标 检测批次 20 ≥20批 25批 20 质量指标 检测合格率 30 ≥95% 98% 30 "
        "时效指标 报告及时率 20 =100% 100% 20 效益指标 社会效益指标 抽检覆盖率 30 ≥90% 88% 27\n"
    )
    rows = {r[2]: r for r in _read(text)}
    assert (rows["检测批次"][3], rows["检测批次"][4], rows["检测批次"][5], rows["检测批次"][6]) == ("20", "批", "25", 20)
    assert (rows["抽检覆盖率"][3], rows["抽检覆盖率"][5], rows["抽检覆盖率"][6], rows["抽检覆盖率"][7]) == ("90", "88", 30, 27)


def test_a_header_in_no_form_order_is_no_header_its_rows_are_read_by_their_kinds_and_held() -> None:
    # header words a converter scrambled (the name between the values, a level after the scores): 分值 still before 得分
    text = (
        "年度指标值 三级指标 实际完成值 分值 一级指标 得分 二级指标 "
        "产出指标 数量指标 检测批次 ≥20批 25批 20 20 质量指标 检测合格率 ≥95% 98% 30 30 "
        "时效指标 报告及时率 =100% 100% 20 20 效益指标 社会效益指标 抽检覆盖率 ≥90% 88% 30 27\n"
    )
    rows = {r[2]: r for r in _read(text)}
    assert (rows["检测批次"][3], rows["检测批次"][5], rows["检测批次"][6], rows["检测批次"][7]) == ("20", "25", 20, 20)
    assert (rows["抽检覆盖率"][3], rows["抽检覆盖率"][5], rows["抽检覆盖率"][6], rows["抽检覆盖率"][7]) == ("90", "88", 30, 27)
    assert not any(r[-1] for r in rows.values())  # read by the cells' kinds: every row waits for a reviewer


def test_a_scrambled_header_row_of_a_pipe_table_is_no_header() -> None:
    text = (
        "| 三级指标 | 年度指标值 | 一级指标 | 实际完成值 | 二级指标 | 分值 | 得分 |\n"  # two rows merged: values in order
        "| 产出指标 | 数量指标 | 检测批次 | ≥20批 | 25批 | 20 | 20 |\n"
        "| 效益指标 | 社会效益指标 | 抽检覆盖率 | ≥90% | 88% | 30 | 27 |\n"
    )
    tables = tables_in(normalize(text).text)
    assert not any(h.kind == "indicators" for t in tables for h in t.headers)
    rows = _read(text)
    assert [(r[2], r[3], r[5], r[6], r[7], r[-1]) for r in rows] == [
        ("检测批次", "20", "25", 20, 20, False), ("抽检覆盖率", "90", "88", 30, 27, False),
    ]  # fmt: skip


_NAMES = ("巡查次数", "保洁面积", "检测合格率", "设备完好率", "培训人次", "投诉办结率")
_LEVELS = (("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标"))


@st.composite
def _forms(draw: st.DrawFn) -> list[tuple[str, str, str, int, int, int, int]]:
    rows = []
    for k in range(draw(st.integers(2, 5))):
        level1, level2 = draw(st.sampled_from(_LEVELS))
        target = draw(st.integers(1, 999))
        rows.append((level1, level2, f"{_NAMES[k]}{k}", target, draw(st.integers(1, 999)), draw(st.integers(5, 30)), 0))
    return [(a, b, n, t, x, w, draw(st.integers(0, w))) for a, b, n, t, x, w, _ in rows]


@settings(max_examples=25, deadline=None, derandomize=True)
@given(form=_forms())
def test_any_form_written_a_row_a_line_comes_back(form: list[tuple[str, str, str, int, int, int, int]]) -> None:
    lines = ["一级", "指标", "二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因"]
    previous = (None, None)
    for level1, level2, name, target, actual, weight, score in form:
        levels = [x for x, before in zip((level1, level2), previous, strict=True) if x != before or level1 != previous[0]]
        lines.append(" ".join([*levels, name, f"≥{target}次", f"{actual}次", str(weight), str(score)]))
        previous = (level1, level2)
    read = [(r[0], r[1], r[2], r[3], r[5], r[6], r[7]) for r in _read("\n".join(lines) + "\n")]
    assert read == [(a, b, n, str(t), str(x), w, s) for a, b, n, t, x, w, s in form]


def test_a_budget_block_a_row_a_line_is_read_with_the_indicator_rows_after_it() -> None:
    text = (
        "项目支出绩效自评表\n项目名称 河道巡护经费\n主管部门 某县水务局 实施单位 某县河道所\n"
        "年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
        "年度资金总额 50 48 45 10 93.75% 9.4\n"
        "其中:财政拨款 50 48 45 - - -\n"
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因\n"
        "产出指标 数量指标 巡护河段 ≥8段 8段 40 40\n"
        "效益指标 社会效益指标 河道整洁率 ≥90% 92% 50 50\n"
        "总分 100 99.4\n"
    )
    doc = normalize(text)
    projects = [c.item for c in RulesExtractor().extract(doc, chunk(doc)).candidates if isinstance(c.item, Project)]
    assert len(projects) == 1
    budget = projects[0].budget
    assert (budget.initial, budget.adjusted, budget.executed, budget.execution_rate_pct, budget.weight, budget.score) == (
        50, 48, 45, 93.75, 10, 9.4,
    )  # fmt: skip
    assert [(r.name, r.target, r.actual, r.weight, r.score) for r in projects[0].indicators] == [
        ("巡护河段", "8", "8", 40, 40), ("河道整洁率", "90", "92", 50, 50),
    ]  # fmt: skip
