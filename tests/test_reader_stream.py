"""Layouts where nothing marks a row's end: a form flattened into one line (`flat`), one cell per line with merged
cells left out (`ragged`), and the stream rows both rest on (`extractor.tables.stream`). Invented forms, units and
numbers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.extract.rules.indicator_table import indicator_rows
from extractor.normalize import normalize
from extractor.tables import tables_in
from extractor.tables.stream import Token, header_at, rows_of

HEADER = "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因"


def _rows(text: str) -> list[tuple[str | None, str | None, str, str | None, str | None, str | None, float | None, float | None, str | None]]:  # fmt: skip
    doc = normalize(text)
    rows = indicator_rows(tables_in(doc.text))
    return [(r.level1, r.level2, r.name, r.comparator, r.target, r.actual, r.weight, r.score, r.reason) for r in rows]


def test_a_flattened_form_is_cut_into_rows_by_its_header_and_cell_kinds() -> None:
    line = (
        "项目名称 河道保洁经费 主管部门 某县水务局 项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
        "年度资金总额 12.5 12.5 12 10 96% 9.6 其中：财政拨款 12.5 12.5 12 其他资金 "
        f"绩效指标 {HEADER} "
        "产出指标(50分) 数量指标 保洁里程 ≥30公里 31公里 20 20 "
        "巡查次数 ≥12次 11次 30 27 人员调整 "  # a reason after the score, then the next row's name
        "效益指标 社会效益指标 河面整洁度 好 好 40 40 总分 100 97"
    )
    assert _rows(line) == [
        ("产出指标", "数量指标", "保洁里程", "≥", "30", "31", 20, 20, None),
        ("产出指标", "数量指标", "巡查次数", "≥", "12", "11", 30, 27, "人员调整"),
        ("效益指标", "社会效益指标", "河面整洁度", None, "好", "好", 40, 40, None),
    ]
    table = tables_in(normalize(line).text)[0]
    assert table.layout == "flat"
    budget = table.header("budget")
    assert budget is not None
    total = next(table.body(budget))
    assert [total.cells[budget.roles[r]].text for r in ("initial", "adjusted", "executed", "rate")] == [
        "12.5", "12.5", "12", "96%",
    ]  # fmt: skip


def test_a_row_without_its_reason_ends_at_its_score() -> None:
    line = f"{HEADER} 产出指标 数量指标 宣传场次 ≥8场 8场 10 10 发放资料 ≥500份 520份 10 10 合计 20 20"
    assert [r[2] for r in _rows(line)] == ["宣传场次", "发放资料"]


def test_a_header_word_torn_in_two_cells_is_read_whole() -> None:
    tokens = [Token(text, k * 10, k * 10 + len(text)) for k, text in enumerate(
        ["一级指标", "三级指标", "年度", "指标值", "实际", "完成值", "分值", "得分"])]  # fmt: skip
    header = header_at(tokens, 0)
    assert header is not None and header.kind == "indicators"
    assert header.columns == ("level1", "name", "target", "actual", "weight", "score")


def test_a_short_line_of_words_is_no_flat_table() -> None:
    assert tables_in(normalize("本单位 分值 得分 权重 说明 如下 年初预算数 执行率 合计").text) == []


# ---- one cell per line, merged cells left out ------------------------------------------------------------------
RAGGED = [
    "一级指标", "二级指标", "三级指标", "年度", "指标值", "实际完成值", "分值", "得分", "偏差原因分析",
    "产出指标", "数量指标", "指标1采购台数", "6", "6", "20", "20", "",
    "指标2", "", "", "", "", "",
    "……", "", "", "", "", "",
    "质量指标", "指标1验收合格率", "100", "98", "20", "18", "两台返修，已更换。",
    "效益指标", "经济效益", "指标", "指标1节约电费", "3", "3", "30", "30", "",
    "满意度指标", "服务对象满意度指标", "指标1师生满意度", "95", "96", "30", "30",
]  # fmt: skip


@pytest.mark.parametrize("empty", ["", " "])
def test_one_cell_a_line_with_ragged_rows_is_read_by_kinds(empty: str) -> None:
    text = "2031年度项目支出绩效自评表\n" + "\n\n".join(cell or empty for cell in RAGGED) + "\n\n填表人：某某"
    rows = _rows(text)
    assert [(r[0], r[1], r[2], r[4], r[5], r[6], r[7]) for r in rows] == [
        ("产出指标", "数量指标", "采购台数", "6", "6", 20, 20),  # (the template's slot label "指标1" is no name's)
        ("产出指标", "质量指标", "验收合格率", "100", "98", 20, 18),
        ("效益指标", "经济效益指标", "节约电费", "3", "3", 30, 30),
        ("满意度指标", "服务对象满意度指标", "师生满意度", "95", "96", 30, 30),
    ]
    assert rows[1][8] == "两台返修，已更换。"  # a sentence after the score is the row's reason, not a row
    assert {t.layout for t in tables_in(normalize(text).text)} == {"ragged"}


def test_torn_text_with_several_cells_a_line_is_not_read_as_ragged() -> None:
    text = "\n".join([
        "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分",
        "产出指标", "数量指标", "培训场", "≥ 4 场 5 10 10", "次", "质量指标", "合格率 ≥ 90 % 92 10 10",
        "效益指标 受益人 ≥ 300 人次 310 10 10",
    ])  # fmt: skip
    assert all(t.layout != "ragged" for t in tables_in(normalize(text).text))


# ---- a property: any rows written flat come back -----------------------------------------------------------------
_NAMES = st.sampled_from(["巡查次数", "保洁里程", "培训人次", "设备台数", "覆盖村数", "宣传场次"])
_ROW = st.tuples(_NAMES, st.integers(1, 900), st.integers(1, 900), st.integers(1, 30)).map(
    lambda t: (t[0], f"≥{t[1]}个", f"{t[2]}个", t[3], t[3] - t[3] // 5)
)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.lists(_ROW, min_size=2, max_size=6))
def test_rows_written_flat_come_back(rows: list[tuple[str, str, str, int, int]]) -> None:
    cells = " ".join(f"{n} {t} {a} {w} {s}" for n, t, a, w, s in rows)
    line = f"{HEADER} 产出指标 数量指标 {cells} 合计 100 90"
    tokens = [Token(p, 0, 0) for p in line.split()]
    header = header_at(tokens, 0)
    assert header is not None
    read = rows_of(tokens, header)
    names = [next(tok.text for col, tok in row if header.columns[col] == "name") for row in read
             if any(header.columns[col] == "name" for col, _ in row)]  # fmt: skip
    assert names == [n for n, *_ in rows]


def test_a_row_whose_cells_the_stream_could_not_all_fit_is_marked_unsure_and_the_others_are_not() -> None:
    from extractor.extract.rules.indicator_table import indicator_rows
    from extractor.normalize import normalize
    from extractor.tables import find_tables, lines_of

    text = (
        "一级指标 二级指标 三级指标 指标值 实际完成值 分值 得分 偏差原因 产出指标 数量指标 示例巡检次数 ≥12次 12次 20 19 "
        "质量指标 示例合格率 ≥95% 96% 20 20 时效指标 示例完成时间 2031年底 按期 10 10 3.5 "  # a stray number: no column's
        "效益指标 社会效益指标 示例覆盖率 ≥90% 93% 20 20"
    )
    rows = indicator_rows(find_tables(lines_of(normalize(text).text)))
    sure = {r.name: r.sure for r in rows}
    assert sure["示例巡检次数"] and sure["示例合格率"] and sure["示例覆盖率"]  # rows whose every cell fits its column
    # the stray number throws the cut of its row off: whatever the reader made of it, none of it is called sure
    assert [r.sure for r in rows if r.name not in ("示例巡检次数", "示例合格率", "示例覆盖率")] in ([False], [False, False])
