"""Tables: the model, the layout readers and the column roles found from header words.

Fixtures are invented forms (invented projects, units and numbers)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_a_tab_row_broken_inside_its_cells_is_put_back_together() -> None:
    text = (
        "某某表\n项目\n名称\t河道巡护经费\t\t\n"  # a label broken before a whole row
        "绩效\n指标\t一级\n指标\t二级\n指标\t得分\n"  # every header cell broken over two lines
        "\t产出指标\t数量指标\t20\n"
        "年度总体\n目标\t完成巡护\n任务\t\t\n"
    )
    table = tables_in(normalize(text).text)[0]
    assert [row.texts for row in table.rows] == [
        ["项目名称", "河道巡护经费", "", ""], ["绩效指标", "一级指标", "二级指标", "得分"], ["", "产出指标", "数量指标", "20"],
        ["年度总体目标", "完成巡护任务", "", ""],
    ]  # fmt: skip
    assert table.rows[0].cells[0].start == normalize(text).text.index("项目")  # the span holds the broken cell


def test_rows_of_a_narrower_table_are_not_joined_into_one() -> None:
    text = "丙\t七\t八\n丁\t九\t十\n甲\t1\t2\t3\t4\n乙\t4\t5\t6\t7"  # two rows of two tabs, then rows of four
    assert [row.texts[0] for row in tables_in(text)[0].rows] == ["丙", "丁", "甲", "乙"]


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


# ---- one form, three layouts ---------------------------------------------------------------------

GRID = [
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "巡护里程", "≥30公里", "32公里", "20", "20"],
    ["", "", "巡护次数", "≥12次", "11次", "20", "18"],
]


def _tabbed(grid: list[list[str]]) -> str:
    return "\n".join("\t".join(row) for row in grid)


def _pipe(grid: list[list[str]], outer: bool = True) -> str:
    rows = [" | ".join(row) for row in grid]
    if outer:
        rows = [f"| {row} |" for row in rows]
        rows.insert(1, "|" + "---|" * len(grid[0]))
    return "\n".join(rows)


def _html(grid: list[list[str]]) -> str:
    return "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in grid) + "</table>"


def _aligned(grid: list[list[str]]) -> str:
    def width(text: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

    widths = [max(width(row[c]) for row in grid) + 3 for c in range(len(grid[0]))]
    return "\n".join(
        "".join(cell + " " * (widths[c] - width(cell)) for c, cell in enumerate(row)).rstrip() for row in grid
    )


def _grid(text: str) -> tuple[str, list[list[str]]]:
    doc = normalize("表前的说明。\n" + text + "\n表后的说明。")
    tables = tables_in(doc.text)
    assert len(tables) == 1
    table = tables[0]
    for row in table.rows:  # every cell's span holds its text
        assert all(doc.text[c.start : c.end] == c.text for c in row.cells)
    return table.layout, [row.texts for row in table.rows]


def test_every_layout_reads_the_same_grid() -> None:
    layouts = {
        "tabbed": _tabbed(GRID), "pipe": _pipe(GRID), "pipe without outer bars": _pipe(GRID, outer=False),
        "html": _html(GRID), "aligned": _aligned(GRID),
    }  # fmt: skip
    for name, text in layouts.items():
        layout, grid = _grid(text)
        assert grid == GRID, name
        assert layout == name.split()[0]


def test_a_pipe_row_without_outer_bars_is_a_row_of_cells() -> None:
    table = tables_in("项目名称 | 数据服务经费 | 主管部门 | 某某厅")[0]
    assert table.layout == "pipe" and table.rows[0].texts == ["项目名称", "数据服务经费", "主管部门", "某某厅"]


def test_html_rowspan_and_colspan_fill_the_slots_they_cover() -> None:
    text = normalize(
        "<table><tr><th rowspan='2'>一级指标</th><th colspan=\"2\">指标</th></tr>"
        "<tr><td>数量指标</td><td>&nbsp;</td></tr>"
        "<tr><td>效益指标</td><td>社会效益指标</td><td>好</td></tr></table>"
    ).text
    table = tables_in(text)[0]
    assert [row.texts for row in table.rows] == [
        ["一级指标", "指标", "指标"], ["一级指标", "数量指标", ""], ["效益指标", "社会效益指标", "好"],
    ]  # fmt: skip
    covered = table.cell(1, 0)
    assert covered is not None and covered.covered and covered.text == "" and covered.origin == table.cell(0, 0)
    right = table.cell(0, 2)
    assert right is not None and right.origin == table.cell(0, 1)
    nbsp = table.cell(1, 2)
    assert nbsp is not None and nbsp.text == "" and not nbsp.covered


def test_an_html_table_mid_document_keeps_its_first_cell() -> None:
    text = normalize("正文。\n<table><tr><td>基本支出</td><td>12.5</td></tr></table>\n正文。").text
    table = tables_in(text)[0]
    assert table.rows[0].texts == ["基本支出", "12.5"]


def test_chunk_keeps_an_html_table_at_the_end_whole() -> None:
    rows = "".join(f"<tr><td>第{k}项</td><td>{k}.5</td></tr>" for k in range(12))
    doc = normalize("一、说明\n正文。\n<table>" + rows + "</table>")
    tables = [c for c in chunk(doc) if c.kind == "table"]
    assert len(tables) == 1 and tables[0].text.count("<tr>") == 12


# ---- round trips: a grid rendered in a layout and read back ---------------------------------------

_CELL = st.text(alphabet="数量指标产出效益万元个≥≤%0123456789.ABC", min_size=0, max_size=6)


@st.composite
def _grids(draw: st.DrawFn) -> list[list[str]]:
    width = draw(st.integers(2, 6))
    rows = draw(st.lists(st.lists(_CELL, min_size=width, max_size=width), min_size=1, max_size=6))
    for row in rows:  # a row ends with a filled cell: trailing empty cells are whitespace to a text tool
        if not row[-1]:
            row[-1] = "9"
    return rows


@settings(max_examples=150, deadline=None)
@given(_grids(), st.sampled_from(["tabbed", "pipe", "bare pipe", "html"]))
def test_a_grid_rendered_in_a_layout_reads_back_the_same(grid: list[list[str]], layout: str) -> None:
    render = {"tabbed": _tabbed, "pipe": _pipe, "bare pipe": lambda g: _pipe(g, outer=False), "html": _html}
    if layout == "bare pipe" and all(not row[0] for row in grid):
        grid[0][0] = "9"  # when every row starts with a bar, the bars are outer ones: one row must have a first cell
    if layout == "bare pipe" and len(grid) == 1 and len(grid[0]) == 2:
        grid.append(["9", "9"])  # "a | b" alone is no table
    _, read = _grid(render[layout](grid))
    assert read == grid


@st.composite
def _merged(draw: st.DrawFn) -> tuple[list[list[tuple[str, int, int]]], list[list[str]]]:
    """Rows of (text, rowspan, colspan) as HTML writes them, and the grid of slot contents they mean."""
    height, width = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    slots: list[list[str | None]] = [[None] * width for _ in range(height)]
    written: list[list[tuple[str, int, int]]] = [[] for _ in range(height)]
    for r in range(height):
        for c in range(width):
            if slots[r][c] is not None:
                continue
            text = draw(st.text(alphabet="甲乙丙丁12", min_size=1, max_size=3))
            rowspan = draw(st.integers(1, height - r))
            colspan = 1
            while c + colspan < width and slots[r][c + colspan] is None and draw(st.booleans()):
                colspan += 1
            free = all(slots[rr][cc] is None for rr in range(r, r + rowspan) for cc in range(c, c + colspan))
            rowspan = rowspan if free else 1
            for rr in range(r, r + rowspan):
                for cc in range(c, c + colspan):
                    slots[rr][cc] = text
            written[r].append((text, rowspan, colspan))
    return written, [[s or "" for s in row] for row in slots]


@settings(max_examples=150, deadline=None)
@given(_merged())
def test_html_merged_cells_expand_into_the_slots_they_cover(
    case: tuple[list[list[tuple[str, int, int]]], list[list[str]]],
) -> None:
    written, expected = case
    html = "<table>" + "".join(
        "<tr>" + "".join(f'<td rowspan="{rs}" colspan="{cs}">{t}</td>' for t, rs, cs in row) + "</tr>" for row in written
    ) + "</table>"  # fmt: skip
    _, read = _grid(html)
    assert read == expected


def test_row_at_finds_the_row_a_linear_scan_finds() -> None:
    from extractor.tables import row_at, tables_in

    text = "前言\n名称\t数值\n甲\t1\n乙\t2\n\n正文一行\n\n项目\t金额\n丙\t3\n丁\t4\n尾"
    tables = tables_in(text)
    assert len(tables) == 2
    for offset in range(len(text) + 1):
        expected = next((row for table in tables if table.start <= offset <= table.end
                         for row in table.rows if row.start <= offset <= row.end), None)  # fmt: skip
        assert row_at(tables, offset) == expected, offset


def test_one_line_of_sentences_set_apart_by_double_spaces_is_prose() -> None:
    """A news page that separates its sentences by two spaces on one line holds no table; a line of short cells does."""
    news = "测试记者 某某  近期，各部门发布了决算。从汇总数据来看，支出合计5亿元。  另据统计，这一数据下降了。\n"
    assert tables_in(news) == []
    row = "项目  预算数  决算数\n公务接待费  10.00  8.00\n"
    assert [t.layout for t in tables_in(row)] == ["aligned"]
