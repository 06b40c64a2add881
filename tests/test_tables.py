"""Tables: the model, the layout readers and the column roles found from header words.

Fixtures are invented forms (invented projects, units and numbers)."""

from __future__ import annotations

from extractor.chunk import chunk
from extractor.normalize import normalize
from extractor.tables import find_tables, lines_of, read_table, tables_in
from extractor.tables.roles import role_of

FORM_TSV = (
    "项目名称\t河道巡护经费\n"
    "项目资金(万元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
    "\t年度资金总额\t50\t60\t54\t10\t90%\t9\n"
    "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    "产出指标\t数量指标\t巡护里程\t≥ 30 公里\t32 公里\t20\t20\t\n"
    "\t\t巡护次数\t≥ 12 次\t11 次\t20\t18\t天气原因\n"
)


def test_tab_separated_rows_become_a_grid_with_spans() -> None:
    text = "前言。\n" + FORM_TSV + "结语。"
    tables = tables_in(text)
    assert len(tables) == 1
    table = tables[0]
    assert table.layout == "tabbed" and len(table.rows) == 6 and table.width == 8
    assert text[table.start : table.end] == FORM_TSV.rstrip("\n")
    cell = table.cell(4, 2)
    assert cell is not None and cell.text == "巡护里程" and text[cell.start : cell.end] == "巡护里程"
    empty = table.cell(5, 0)
    assert empty is not None and empty.text == "" and empty.start == empty.end
    assert table.rows[0].cells[-1].text == ""  # short rows are padded to the table's width


def test_column_roles_come_from_header_words_not_positions() -> None:
    table = tables_in(FORM_TSV)[0]
    budget, indicators = table.header("budget"), table.header("indicators")
    assert budget is not None and indicators is not None
    assert budget.rows == (1,) and indicators.rows == (3,)
    assert budget.roles == {"initial": 2, "adjusted": 3, "executed": 4, "weight": 5, "rate": 6, "score": 7}
    assert indicators.roles == {"level1": 0, "level2": 1, "name": 2, "target": 3, "actual": 4, "weight": 5,
                                "score": 6, "reason": 7}  # fmt: skip
    assert [r.index for r in table.body(budget)] == [2]
    assert [table.get(r, indicators, "name").text for r in table.body(indicators)] == ["巡护里程", "巡护次数"]  # type: ignore[union-attr]


def test_a_header_merged_over_two_rows_is_read_lower_row_first() -> None:
    text = "项目\t预算数\t\t执行数\n\t年初预算数\t全年预算数\t\n合计\t10\t12\t11"
    table = tables_in(text)[0]
    header = table.header("budget")
    assert header is not None and header.rows == (0, 1)
    assert header.roles == {"initial": 1, "adjusted": 2, "executed": 3}  # the upper 预算数 names no column


def test_role_words() -> None:
    cases = {
        ("年初预算数", "budget"): "initial", ("调整后预算数（万元）", "budget"): "adjusted", ("预算执行率", "budget"): "rate",
        ("全年执行数", "budget"): "executed", ("实际完成值", "indicators"): "actual", ("度量 单位", "indicators"): "unit",
        ("指标性质", "indicators"): "comparator", ("未完成原因分析", "indicators"): "reason",
        ("年度指标值", "indicators"): "target", ("产出指标", "indicators"): None, ("科目编码", "accounts"): "code",
    }  # fmt: skip
    for (text, kind), role in cases.items():
        assert role_of(text, kind) == role, text


def test_lines_without_a_table_read_nothing() -> None:
    lines = lines_of("一、概况\n本单位共有职工 12 人。")
    assert read_table(lines, 0) is None and find_tables(lines) == []


def test_chunk_finds_table_blocks_through_the_readers() -> None:
    doc = normalize("一、收入支出决算总表\n收入\t金额\n财政拨款收入\t120.5\n二、说明\n正文。")
    kinds = [(c.kind, c.text) for c in chunk(doc)]
    assert kinds == [
        ("table", "一、收入支出决算总表\n收入\t金额\n财政拨款收入\t120.5"),
        ("section", "二、说明\n正文。"),
    ]
