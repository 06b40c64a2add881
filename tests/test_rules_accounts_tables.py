"""Final-accounts tables read by their titles and header words, whatever the column order or the layout.

Fixtures are invented (units, names and amounts); each table is written as a grid and rendered in every
layout the table readers know, so a consumer test is also a test that the layouts agree.
"""

from __future__ import annotations

import pytest

from extractor.extract.rules.figures_table import table_candidates, table_kind
from extractor.load import load_bytes
from extractor.pipeline import prepare, run

Grid = list[list[str]]


def _tabbed(grid: Grid) -> str:
    return "\n".join("\t".join(row) for row in grid)


def _piped(grid: Grid) -> str:
    return "\n".join("| " + " | ".join(row) + " |" for row in grid)


def _bare_piped(grid: Grid) -> str:
    return "\n".join(" | ".join(row) for row in grid)


def _html(grid: Grid) -> str:
    rows = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in grid)
    return f"<table>{rows}</table>"


LAYOUTS = {"tabbed": _tabbed, "piped": _piped, "bare_piped": _bare_piped, "html": _html}


def _figures(title: str, unit_line: str, grid: Grid, layout: str) -> dict[tuple[str, str, str | None], tuple[float, str]]:
    text = f"## {title}\n\n{unit_line}\n\n{LAYOUTS[layout](grid)}\n\n## 说明\n\n本表为测试数据。\n"
    prepared = prepare(load_bytes(text.encode("utf-8"), name="t.txt"))
    found = {}
    for candidate in table_candidates(prepared.normalized, prepared.chunks):
        figure = candidate.item
        found[(figure.key, figure.measure, figure.subject)] = (figure.value, figure.unit)
        quote = prepared.loaded.text[figure.evidence.start : figure.evidence.end]
        assert str(figure.value).rstrip("0").rstrip(".") in quote.replace(",", ""), (figure, quote)
    return found


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("财政拨款“三公”经费支出决算表", "three_public"),
        ("一般公共预算财政拨款支出决算表", "gpb"),
        ("一般公共预算财政拨款基本支出决算表", "basic_detail"),
        ("财政拨款收入支出决算总表", "fiscal_total"),
        ("收入支出决算总表", "summary"),
        ("收入支出决算表", "summary"),
        ("收 入 决 算 表", "revenue"),
        ("支出决算表", "expenditure"),
        ("政府采购情况表", None),
    ],
)
def test_a_table_is_known_by_its_title(title: str, kind: str | None) -> None:
    assert table_kind(title) == kind


GPB = [
    ["项目", "", "", "", "本年支出", "", ""],
    ["类", "款", "项", "科目名称", "基本支出", "项目支出", "小计"],
    ["合计", "", "", "", "310.50", "89.25", "399.75"],
    ["208", "", "", "社会保障和就业支出", "40.00", "0.00", "40.00"],
    ["208", "05", "", "行政事业单位养老支出", "40.00", "0.00", "40.00"],
    ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "40.00", "0.00", "40.00"],
    ["213", "", "", "农林水支出", "270.50", "89.25", "359.75"],
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_gpb_table_reads_columns_by_header_words_and_codes_split_over_cells(layout: str) -> None:
    found = _figures("一般公共预算财政拨款支出决算表", "金额单位：万元", GPB, layout)
    # 小计 stands last and 基本支出 first: the header's words, not the positions, say which is which
    assert found[("gpb_expenditure", "actual", None)] == (399.75, "万元")
    assert found[("gpb_basic_expenditure", "actual", None)] == (310.50, "万元")
    assert found[("function_class_expenditure", "actual", "社会保障和就业支出")] == (40.0, "万元")
    assert found[("function_class_expenditure", "actual", "农林水支出")] == (359.75, "万元")
    assert found[("function_item_expenditure", "actual", "机关事业单位基本养老保险缴费支出")] == (40.0, "万元")
    assert not any(subject == "行政事业单位养老支出" for _, _, subject in found)  # a 款 has no catalog key


def test_amounts_are_in_the_unit_the_table_states() -> None:
    found = _figures("一般公共预算财政拨款支出决算表", "单位：元", GPB, "tabbed")
    assert found[("gpb_expenditure", "actual", None)] == (399.75, "元")


THREE_PUBLIC = [
    ["决算数", "", "", "", "", "", "预算数", "", "", "", "", ""],
    ["合计", "公务接待费", "因公出国（境）费", "公务用车购置及运行维护费", "", "",
     "合计", "公务接待费", "因公出国（境）费", "公务用车购置及运行维护费", "", ""],
    ["", "", "", "小计", "公务用车购置费", "公务用车运行维护费", "", "", "", "小计", "公务用车购置费", "公务用车运行维护费"],
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
    ["3.70", "1.20", "0.00", "2.50", "0.00", "2.50", "5.00", "2.00", "0.00", "3.00", "0.00", "3.00"],
]  # fmt: skip


@pytest.mark.parametrize("layout", LAYOUTS)
def test_three_public_table_reads_groups_and_items_by_words_in_any_order(layout: str) -> None:
    found = _figures("财政拨款“三公”经费支出决算表", "金额单位：万元", THREE_PUBLIC, layout)
    assert found[("three_public_total", "actual", None)][0] == 3.70
    assert found[("three_public_total", "budget", None)][0] == 5.00
    assert found[("official_reception", "actual", None)][0] == 1.20
    assert found[("official_reception", "budget", None)][0] == 2.00
    assert found[("vehicle_total", "actual", None)][0] == 2.50
    assert found[("vehicle_operation", "budget", None)][0] == 3.00
    assert found[("outbound_travel", "actual", None)][0] == 0.0
    assert len(found) == 12


SUMMARY = [
    ["收入", "", "", "支出", "", ""],
    ["项目", "行次", "金额", "项目", "行次", "金额"],
    ["一、财政补助收入", "1", "120.40", "一、一般公共服务支出", "30", "100.00"],
    ["二、事业收入", "2", "8.00", "二、教育支出", "31", "28.40"],
    ["三、其他收入", "3", "", "", "", ""],
    ["本年收入合计", "20", "128.40", "本年支出合计", "50", "128.40"],
    ["年初结转和结余", "21", "3.10", "年末结转和结余", "51", "3.10"],
    ["总计", "25", "131.50", "总计", "55", "131.50"],
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_summary_table_pairs_labels_with_amounts_after_the_row_number(layout: str) -> None:
    found = _figures("收入支出决算总表", "金额单位：万元", SUMMARY, layout)
    assert found[("revenue_fiscal", "actual", None)][0] == 120.40  # the older name of 财政拨款收入
    assert found[("revenue_current_year", "actual", None)][0] == 128.40
    assert found[("grand_total_revenue", "actual", None)][0] == 131.50
    assert found[("grand_total_expenditure", "actual", None)][0] == 131.50
    assert found[("carryover_end", "actual", None)][0] == 3.10
    assert ("revenue_other", "actual", None) not in found  # its amount cell is empty: the 行次 3 is no amount


REVENUE = [
    ["项目", "", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "其他收入"],
    ["科目代码", "科目名称", "", "", "", "", ""],
    ["栏次", "", "1", "2", "3", "4", "5"],
    ["合计", "", "58.20", "50.00", "0.00", "7.70", "0.50"],
    ["201", "一般公共服务支出", "58.20", "50.00", "0.00", "7.70", "0.50"],
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_revenue_table_total_row_by_header_words(layout: str) -> None:
    found = _figures("收入决算表", "金额单位：万元", REVENUE, layout)
    assert found[("revenue_current_year", "actual", None)][0] == 58.20
    assert found[("revenue_fiscal", "actual", None)][0] == 50.00
    assert found[("revenue_business", "actual", None)][0] == 7.70
    assert found[("revenue_other", "actual", None)][0] == 0.50
    assert not any(key == "function_class_expenditure" for key, _, _ in found)  # classes only in the fiscal table


THREE_PUBLIC_HTML = """<table>
<tr><td colspan="6">预算数</td><td colspan="6">决算数</td></tr>
<tr><td rowspan="2">合计</td><td rowspan="2">因公出国（境）费</td><td colspan="3">公务用车购置及运行维护费</td>
<td rowspan="2">公务接待费</td><td rowspan="2">合计</td><td rowspan="2">因公出国（境）费</td>
<td colspan="3">公务用车购置及运行维护费</td><td rowspan="2">公务接待费</td></tr>
<tr><td>小计</td><td>公务用车购置费</td><td>公务用车运行维护费</td><td>小计</td><td>公务用车购置费</td><td>公务用车运行维护费</td></tr>
<tr><td>6.00</td><td>0.00</td><td>4.00</td><td>0.00</td><td>4.00</td><td>2.00</td><td>4.10</td><td>0.00</td><td>3.30</td><td>0.00</td><td>3.30</td><td>0.80</td></tr>
</table>"""


def test_three_public_html_table_with_merged_header_cells() -> None:
    text = f"前言。\n\n## 财政拨款“三公”经费支出决算表\n\n金额单位：万元\n\n{THREE_PUBLIC_HTML}\n\n## 说明\n\n本表为测试数据。\n"
    prepared = prepare(load_bytes(text.encode("utf-8"), name="t.html.txt"))
    found = {(c.item.key, c.item.measure): c.item.value for c in table_candidates(prepared.normalized, prepared.chunks)}
    assert found[("three_public_total", "budget")] == 6.00
    assert found[("vehicle_total", "actual")] == 3.30
    assert found[("official_reception", "actual")] == 0.80
    assert found[("outbound_travel", "budget")] == 0.0
    assert len(found) == 12


def test_mid_document_html_accounts_table_keeps_its_first_cell() -> None:
    grid_html = _html(REVENUE)
    text = f"一、概况\n\n本单位为测试单位。\n\n## 收入决算表\n\n{grid_html}\n\n## 二、说明\n\n其余见正文。\n"
    prepared = prepare(load_bytes(text.encode("utf-8"), name="t.txt"))
    found = {(c.item.key, c.item.measure): c.item.value for c in table_candidates(prepared.normalized, prepared.chunks)}
    assert found[("revenue_current_year", "actual")] == 58.20
    assert found[("revenue_business", "actual")] == 7.70


def test_a_title_line_above_the_table_names_it_under_any_heading() -> None:
    text = ("第二部分 部门决算表\n\n一般公共预算财政拨款支出决算表\n金额单位：万元\n" + _tabbed(GPB)
            + "\n\n收入决算表\n金额单位：元\n" + _tabbed(REVENUE) + "\n")  # fmt: skip
    prepared = prepare(load_bytes(text.encode("utf-8"), name="t.txt"))
    found = {(c.item.key, c.item.measure): (c.item.value, c.item.unit) for c in table_candidates(prepared.normalized, prepared.chunks)}
    assert found[("gpb_expenditure", "actual")] == (399.75, "万元")
    assert found[("revenue_business", "actual")] == (7.70, "元")


def test_a_sentence_that_mentions_a_table_is_not_its_title() -> None:
    text = "## 附表\n\n详见收入决算表，本表不再列示。\n" + _tabbed(GPB) + "\n"
    prepared = prepare(load_bytes(text.encode("utf-8"), name="t.txt"))
    assert not any(c.item.key.startswith("revenue") for c in table_candidates(prepared.normalized, prepared.chunks))


# A 三公 table turned the other way, as some units publish it: the items are the columns (the vehicle and reception
# groups split under merged header cells), one row per measure named by its label cell, a 行次 row under the header.
THREE_PUBLIC_BY_ROWS = [
    ["“三公”经费项目", "合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费", "", ""],
    ["", "", "", "小计", "公务用车购置费", "公务用车运行维护费", "小计", "行政运行", "其他接待"],
    ["行次", "1", "2", "3", "4", "5", "6", "7", "8"],
    ["2031年度预算数", "7.40", "0.00", "5.20", "0.00", "5.20", "2.20", "1.00", "1.20"],
    ["2031年度决算数", "6.10", "0.00", "4.60", "0.00", "4.60", "1.50", "0.70", "0.80"],
    ["2030年度决算数", "6.50", "1.00", "4.30", "0.00", "4.30", "1.20", "0.50", "0.70"],
    ["决算对比", "-0.40", "-1.00", "0.30", "0.00", "0.30", "0.30", "0.20", "0.10"],
    ["2031年比2030年增减%", "-6.15", "-100", "6.98", "0", "6.98", "25.00", "40.00", "14.29"],
]  # fmt: skip


@pytest.mark.parametrize("layout", LAYOUTS)
def test_three_public_table_with_items_as_columns_and_measures_as_rows(layout: str) -> None:
    found = _figures("2031年度“三公”经费支出决算表", "单位：万元", THREE_PUBLIC_BY_ROWS, layout)
    assert found[("three_public_total", "budget", None)][0] == 7.40
    assert found[("three_public_total", "actual", None)][0] == 6.10
    assert found[("vehicle_total", "actual", None)][0] == 4.60
    assert found[("vehicle_operation", "budget", None)][0] == 5.20
    assert found[("official_reception", "actual", None)][0] == 1.50  # the group's 小计, not its parts
    assert found[("three_public_total", "yoy_delta", None)][0] == -0.40
    assert found[("outbound_travel", "yoy_pct", None)][0] == -100
    assert found[("official_reception", "yoy_pct", None)][0] == 25.00
    assert 6.50 not in {value for value, _ in found.values()}  # last year's row is no figure of the report
    assert 0.70 not in {value for value, _ in found.values()}  # 行政运行 under 接待费 is not vehicle_operation
    assert len(found) == 6 * 4


def _one_cell_a_line(grid: Grid, parted: bool) -> str:
    """The grid one cell a line, its merged header written without the spans (the upper row's cells, then the lower
    row's): each cell closed by a bar, or cells parted by lines of a lone bar."""
    header = [cell for row in grid[:2] for cell in row if cell]
    cells = header + [cell for row in grid[2:] for cell in row]
    if parted:
        return "\n|\n".join(cells) + "\n|"
    return "\n".join(f"{cell} |" if cell else "|" for cell in cells)


@pytest.mark.parametrize("parted", [False, True])
def test_three_public_table_turned_sideways_one_cell_a_line_reads_as_its_grid(parted: bool) -> None:
    text = f"## 2031年度“三公”经费支出决算表\n\n单位：万元\n\n{_one_cell_a_line(THREE_PUBLIC_BY_ROWS, parted)}\n"
    prepared = prepare(load_bytes(text.encode("utf-8"), name="t.txt"))
    found = {(c.item.key, c.item.measure): c.item.value for c in table_candidates(prepared.normalized, prepared.chunks)}
    grid = _figures("2031年度“三公”经费支出决算表", "单位：万元", THREE_PUBLIC_BY_ROWS, "tabbed")
    assert found == {(key, measure): value for (key, measure, _), (value, _) in grid.items()}
    assert len(found) == 6 * 4


@pytest.mark.parametrize("parted", [False, True])
@pytest.mark.parametrize("spans", [False, True])
def test_summary_table_one_cell_a_line_reads_its_two_halves(parted: bool, spans: bool) -> None:
    """收入 | 支出 over 项目 行次 金额 twice: written with its merged cells' empty slots or without them."""
    grid = SUMMARY if not spans else [row[:] for row in SUMMARY]
    text = _one_cell_a_line(grid, parted) if not spans else _every_cell_a_line(grid, parted)
    prepared = prepare(load_bytes(f"## 收入支出决算总表\n\n金额单位：万元\n\n{text}\n".encode(), name="t.txt"))
    found = {(c.item.key, c.item.measure): c.item.value for c in table_candidates(prepared.normalized, prepared.chunks)}
    assert found == {
        ("revenue_fiscal", "actual"): 120.40, ("revenue_business", "actual"): 8.00,
        ("revenue_current_year", "actual"): 128.40, ("expenditure_current_year", "actual"): 128.40,
        ("carryover_begin", "actual"): 3.10, ("carryover_end", "actual"): 3.10,
        ("grand_total_revenue", "actual"): 131.50, ("grand_total_expenditure", "actual"): 131.50,
    }  # fmt: skip


def _every_cell_a_line(grid: Grid, parted: bool) -> str:
    cells = [cell for row in grid for cell in row]
    if parted:
        return "\n|\n".join(cells) + "\n|"
    return "\n".join(f"{cell} |" if cell else "|" for cell in cells)


@pytest.mark.parametrize("parted", [False, True])
@pytest.mark.parametrize("numbers", [False, True])
def test_three_public_table_one_cell_a_line_with_its_header_over_three_rows(parted: bool, numbers: bool) -> None:
    """The national template's 三公 table one cell a line: 决算数 | 预算数, each over 合计 … 公务用车购置及运行维护费
    (小计 | 购置费 | 运行维护费) …, written without the spans; the 行次 row or not; an empty cell in the amounts."""
    header = [cell for row in THREE_PUBLIC[:3] for cell in row if cell]
    amounts = THREE_PUBLIC[4][:4] + [""] + THREE_PUBLIC[4][5:]  # the actual purchase left empty
    body = (THREE_PUBLIC[3] if numbers else []) + amounts
    cells = header + body
    text = "\n|\n".join(cells) + "\n|" if parted else "\n".join(f"{c} |" if c else "|" for c in cells)
    prepared = prepare(load_bytes(f"## 财政拨款“三公”经费支出决算表\n\n金额单位：万元\n\n{text}\n".encode(), name="t.txt"))
    found = {(c.item.key, c.item.measure): c.item.value for c in table_candidates(prepared.normalized, prepared.chunks)}
    grid = _figures("财政拨款“三公”经费支出决算表", "金额单位：万元", THREE_PUBLIC, "tabbed")
    expected = {(key, measure): value for (key, measure, _), (value, _) in grid.items()}
    del expected[("vehicle_purchase", "actual")]
    assert found == expected


def test_a_sideways_three_public_table_without_a_title_is_known_by_its_items() -> None:
    text = f"决算数与上年对比情况\n{_one_cell_a_line(THREE_PUBLIC_BY_ROWS, True)}\n"
    prepared = prepare(load_bytes(text.encode("utf-8"), name="t.txt"))
    found = {(c.item.key, c.item.measure): c.item.value for c in table_candidates(prepared.normalized, prepared.chunks)}
    assert found[("vehicle_purchase", "budget")] == 0.00
    assert found[("official_reception", "yoy_pct")] == 25.00


def test_a_table_whose_header_names_the_three_public_items_is_read_as_one_without_a_title() -> None:
    grid = [row[:3] + row[6:7] for row in THREE_PUBLIC_BY_ROWS if row[0] != "行次"]
    grid[0][3] = "公务接待费"
    found = _figures("决算数与上年对比情况", "单位：万元", grid, "tabbed")
    assert found[("outbound_travel", "actual", None)][0] == 0.00
    assert found[("official_reception", "yoy_pct", None)][0] == 25.00


# A 三公 table with the items as its rows and one column per measure (a region's summary), its title and unit
# taken into the table, a header over two rows whose lower row is written from the left (no spans).
THREE_PUBLIC_ITEM_ROWS = [
    ["某县2031年“三公”经费决算情况统计表", "", "", "", ""],
    ["单位：万元", "", "", "", ""],
    ["项目", "上年决算数", "本年决算数", "比上年增、减情况", ""],
    ["增、减金额", "增、减幅度", "", "", ""],
    ["合计", "300.00", "270.00", "-30.00", "-10%"],
    ["1.因公出国（境）费", "20.00", "10.00", "-10.00", "-50%"],
    ["2.公务接待费", "100.00", "110.00", "10.00", "10%"],
    ["3.公务用车购置及运行费", "180.00", "150.00", "-30.00", "-16.67%"],
    ["其中：（1）公务用车购置费", "40.00", "0", "-40.00", "-100%"],
    ["（2）公务用车运行费", "140.00", "150.00", "10.00", "7.14%"],
]  # fmt: skip


@pytest.mark.parametrize("layout", LAYOUTS)
def test_three_public_table_with_items_as_rows_reads_each_column_by_its_measure_word(layout: str) -> None:
    found = _figures("附件", "", THREE_PUBLIC_ITEM_ROWS, layout)
    assert found[("three_public_total", "actual", None)][0] == 270.00
    assert found[("three_public_total", "yoy_delta", None)][0] == -30.00
    assert found[("outbound_travel", "yoy_pct", None)][0] == -50
    assert found[("vehicle_total", "actual", None)][0] == 150.00
    assert found[("vehicle_purchase", "actual", None)][0] == 0
    assert found[("vehicle_operation", "yoy_pct", None)][0] == 7.14
    assert 300.00 not in {value for value, _ in found.values()}  # 上年决算数 is last year's
    assert len(found) == 6 * 3


def test_items_as_rows_with_budget_and_actual_columns_of_two_years_keep_the_latest() -> None:
    grid = [
        ["项目", "2030年决算数", "2031年预算数", "2031年决算数", "比预算增减"],
        ["合计", "8.00", "9.00", "7.50", "-1.50"],
        ["公务接待费", "3.00", "4.00", "2.50", "-1.50"],
        ["公务用车运行维护费", "5.00", "5.00", "5.00", "0.00"],
    ]
    found = _figures("2031年度“三公”经费支出决算表", "单位：万元", grid, "tabbed")
    assert found[("official_reception", "budget", None)][0] == 4.00
    assert found[("official_reception", "actual", None)][0] == 2.50
    assert 3.00 not in {value for value, _ in found.values()}  # the earlier year's column
    assert not any(measure.startswith("yoy") for _, measure, _ in found)  # a change against the budget


def test_items_as_rows_under_a_column_of_the_years_expenditure() -> None:
    # a summary of a district's 三公: one column of the year's spending, then decreases the catalog keeps no field for
    grid = [
        ["经费项目", "2031年度支出（万元）", "支出减少情况（万元）", "支出减少率"],
        ["因公出国（境）费", "0", "0", "0%"],
        ["公务接待费", "12.50", "-", "-"],
        ["公务用车购置及运行维护费", "30.00", "-", "-"],
        ["总“三公”经费支出", "42.50", "-", "-"],
    ]
    found = _figures("2031年度全区“三公”经费决算情况", "", grid, "piped")
    assert found[("official_reception", "actual", None)][0] == 12.50
    assert found[("vehicle_total", "actual", None)][0] == 30.00
    assert found[("three_public_total", "actual", None)][0] == 42.50
    assert {measure for _, measure, _ in found} == {"actual"}


def _table_figures(text: str) -> dict[tuple[str, str, str | None], float]:
    prepared = prepare(load_bytes(text.encode("utf-8"), name="t.txt"))
    return {(c.item.key, c.item.measure, c.item.subject): c.item.value  # type: ignore[union-attr]
            for c in table_candidates(prepared.normalized, prepared.chunks)}  # fmt: skip


# A 三公 table whose header lost its spans (each merged cell written once, from the left) and whose amount row left
# its empty cells out: 8 amounts under the 12 columns of 6 items x (预算数, 决算数).
_COLLAPSED_HEADER = (
    "2031年度一般公共预算财政拨款“三公”经费支出决算表\n单位:万元\n"
    "一般公共预算财政拨款“三公”经费 | |||||||||||\n"
    "合计 | 因公出国 (境)费 | 公务用车购置及运行费 | 公务接待费 | ||||||||\n"
    "小计 | 公务用车 购置费 | 公务用车 运行费 | |||||||||\n"
    "预算数 | 决算数 | 预算数 | 决算数 | 预算数 | 决算数 | 预算数 | 决算数 | 预算数 | 决算数 | 预算数 | 决算数 |\n"
)


def test_amounts_left_out_of_a_collapsed_three_public_table_go_where_the_sums_put_them() -> None:
    # 出国 and 购置 left empty: 30 = 0 + 20 + 10 and 20 = 0 + 20 settle every amount
    found = _table_figures(_COLLAPSED_HEADER + "30.00 | 25.00 | 20.00 | 16.00 | 20.00 | 16.00 | 10.00 | 9.00 |\n")
    assert found[("three_public_total", "budget", None)] == 30.00
    assert found[("three_public_total", "actual", None)] == 25.00
    assert found[("vehicle_total", "budget", None)] == 20.00
    assert found[("official_reception", "actual", None)] == 9.00
    # the vehicles' second pair is their purchase or their running cost: the sums allow both, so neither is read
    assert ("vehicle_purchase", "budget", None) not in found and ("vehicle_operation", "budget", None) not in found
    assert ("outbound_travel", "budget", None) not in found  # an empty cell states nothing


def test_the_column_beside_the_items_of_a_collapsed_three_public_table_keeps_its_amount() -> None:
    # 机关运行经费决算数 spans the header: with the spans lost, its amount ends the measure row
    text = (
        "2031年度一般公共预算财政拨款“三公”经费及机关运行经费支出决算表\n单位:万元\n"
        "一般公共预算财政拨款“三公”经费 | 机关运行 经费决算数 | |||||||||||\n"
        "合计 | 因公出国 (境)费 | 公务用车购置及运行费 | 公务接待费 | |||||||||\n"
        "小计 | 公务用车 购置费 | 公务用车 运行费 | ||||||||||\n"
        "预算数 | 决算数 | 预算数 | 决算数 | 预算数 | 决算数 | 预算数 | 决算数 | 预算数 | 决算数 | 预算数 | 决算数 | 140.50 |\n"
        "30.00 | 25.00 | 20.00 | 16.00 | 20.00 | 16.00 | 10.00 | 9.00 |\n"
    )
    found = _table_figures(text)
    assert found[("admin_operating_expenses", "actual", None)] == 140.50
    assert found[("three_public_total", "budget", None)] == 30.00


def test_a_collapsed_three_public_table_whose_sums_allow_no_placement_gives_nothing() -> None:
    found = _table_figures(_COLLAPSED_HEADER + "31.00 | 25.00 | 20.00 | 16.00 | 20.00 | 16.00 | 10.00 | 9.00 |\n")
    assert found == {}


def test_a_cell_of_two_amounts_run_together_is_flagged_never_read_as_one_number() -> None:
    grid = [
        ["项目", "预算数", "决算数"],
        ["合计", "30.00", "24.0012.00"],
        ["公务接待费", "10.00", "8.00"],
        ["公务用车运行维护费", "20.00", "16.00"],
    ]
    text = f"## 2031年度“三公”经费支出决算表\n\n单位：万元\n\n{_tabbed(grid)}\n"
    prepared = prepare(load_bytes(text.encode("utf-8"), name="t.txt"))
    found = {(c.item.key, c.item.measure): c for c in table_candidates(prepared.normalized, prepared.chunks)}
    glued = found[("three_public_total", "actual")]
    assert glued.flags == ["glued_number"] and glued.item.value == 24.00
    assert found[("three_public_total", "budget")].flags == []
    assert found[("official_reception", "actual")].item.value == 8.00
    record = run(load_bytes(text.encode("utf-8"), name="t.txt")).record
    assert record.review is not None and record.assessments is not None
    at = next(i for i, f in enumerate(record.figures) if (f.key, f.measure) == ("three_public_total", "actual"))
    assert record.assessments[f"/figures/{at}/value"].confidence < record.review.threshold


ECONOMIC_DETAIL = [
    ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
    ["合计", "", "96.40", "80.00", "16.40"],
    ["301", "工资福利支出", "70.00", "70.00", "0.00"],
    ["30101", "基本工资", "30.00", "30.00", "0.00"],
    ["302", "商品和服务支出", "26.40", "10.00", "16.40"],
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_economic_classification_rows_are_no_functional_classes(layout: str) -> None:
    found = _figures("一般公共预算财政拨款支出决算明细表", "金额单位：万元", ECONOMIC_DETAIL, layout)
    assert found[("gpb_expenditure", "actual", None)][0] == 96.40
    assert not any(key.startswith("function_") for key, _, _ in found)  # 301 工资福利支出 is an economic class


def test_a_summary_table_whose_amounts_stand_off_their_column_reads_the_number_after_the_row_number() -> None:
    grid = [
        ["收入", "", "", "支出", "", ""],
        ["项目", "行次", "金额", "项目", "行次", "金额"],
        ["本年收入合计", "20", "", "128.40", "本年支出合计", "50", "128.40"],  # the amount one cell to the right
        ["年初结转和结余", "21", "", "", "年末结转和结余", "51", "3.10"],  # no amount: the 行次 is none
    ]
    found = _figures("收入支出决算总表", "金额单位：万元", grid, "tabbed")
    assert found[("revenue_current_year", "actual", None)][0] == 128.40
    assert found[("expenditure_current_year", "actual", None)][0] == 128.40
    assert ("carryover_begin", "actual", None) not in found


GPB_BUDGET_AND_ACTUAL = [
    ["科目编码", "科目名称", "年初预算", "", "", "决算数", "", "", "完成年初预算%"],
    ["", "", "小计", "基本支出", "项目支出", "小计", "基本支出", "项目支出", ""],
    ["合计", "", "300.00", "250.00", "50.00", "320.00", "250.00", "70.00", "106.67"],
    ["213", "农林水支出", "300.00", "250.00", "50.00", "320.00", "250.00", "70.00", "106.67"],
    ["2130201", "行政运行", "250.00", "250.00", "", "250.00", "250.00", "", "100"],
    ["2130234", "林业草原防灾减灾", "50.00", "", "50.00", "70.00", "", "70.00", "140"],
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_gpb_table_with_budget_and_actual_groups_reads_each_group_by_its_header_word(layout: str) -> None:
    found = _figures("一般公共预算财政拨款支出决算表", "金额单位：万元", GPB_BUDGET_AND_ACTUAL, layout)
    assert found[("gpb_expenditure", "actual", None)] == (320.0, "万元")  # the 决算数 group, not the budget's
    assert found[("gpb_expenditure", "budget", None)] == (300.0, "万元")
    assert found[("gpb_expenditure", "execution_rate_pct", None)] == (106.67, "%")
    assert found[("function_class_expenditure", "actual", "农林水支出")] == (320.0, "万元")
    item = "林业草原防灾减灾"
    assert found[("function_item_expenditure", "budget", item)] == (50.0, "万元")
    assert found[("function_item_expenditure", "actual", item)] == (70.0, "万元")
    assert found[("function_item_expenditure", "execution_rate_pct", item)] == (140.0, "%")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_three_public_table_with_a_label_column_reads_its_total_row(layout: str) -> None:
    """The national 三公 table with a label column (项目 over the header, 栏次 before the column numbers, 合计 before
    the amounts): the row's label is no amount, the other cells are read by the header's words."""
    labels = ["项目", "", "", "栏次", "合计"]
    grid = [[label, *row] for label, row in zip(labels, THREE_PUBLIC, strict=True)]
    found = _figures("财政拨款“三公”经费支出决算表", "金额单位：万元", grid, layout)
    assert found == _figures("财政拨款“三公”经费支出决算表", "金额单位：万元", THREE_PUBLIC, layout)
    assert len(found) == 12


BUDGET_AND_ACTUAL_BY_ITEM = [
    ["项目", "预算数", "决算数"],
    ["合计", "9.00", "7.50"],
    ["因公出国（境）费", "1.00", "0.00"],
    ["公务接待费", "3.00", "2.50"],
    ["公务用车购置及运行维护费", "5.00", "5.00"],
    ["其中：公务用车运行维护费", "5.00", "5.00"],
    ["公务用车购置费", "0.00", "0.00"],
]


def test_three_public_table_one_cell_a_line_with_each_rows_opening_bar_on_a_line_of_its_own() -> None:
    """A markdown row written one cell a line ("|", "合计 |", "9.00 |", "7.50 |"): the lone bar opens the row, it is
    no empty cell, and the last row has none after it."""
    cells = "\n".join("|\n" + "\n".join(f"{cell} |" for cell in row) for row in BUDGET_AND_ACTUAL_BY_ITEM)
    text = f"## 2031年度“三公”经费支出决算表\n\n单位：万元\n\n{cells}\n二、“三公”经费支出情况说明\n本段为测试用的说明文字。\n"
    prepared = prepare(load_bytes(text.encode("utf-8"), name="t.txt"))
    found = {(c.item.key, c.item.measure): c.item.value for c in table_candidates(prepared.normalized, prepared.chunks)}
    grid = _figures("2031年度“三公”经费支出决算表", "单位：万元", BUDGET_AND_ACTUAL_BY_ITEM, "tabbed")
    assert found == {(key, measure): value for (key, measure, _), (value, _) in grid.items()}
    assert found[("vehicle_purchase", "actual")] == 0.0 and len(found) == 12


def test_summary_table_one_cell_a_line_with_a_blank_line_after_each_cell() -> None:
    """收入 | 支出 over 项目 行次 金额 twice, a blank line after every cell: an empty cell adds two blank lines."""
    text = "\n\n".join(cell for row in SUMMARY for cell in row)
    prepared = prepare(load_bytes(f"## 收入支出决算总表\n\n金额单位：万元\n\n{text}\n\n注：测试数据。\n".encode(), name="t.txt"))
    found = {(c.item.key, c.item.measure): c.item.value for c in table_candidates(prepared.normalized, prepared.chunks)}
    grid = _figures("收入支出决算总表", "金额单位：万元", SUMMARY, "tabbed")
    assert found == {(key, measure): value for (key, measure, _), (value, _) in grid.items()}
    assert found[("grand_total_revenue", "actual")] == 131.50


def test_three_public_table_with_the_actual_group_first_and_a_column_beside_the_items() -> None:
    """决算数 before 预算数, and a 13th column the header names beside the items (机关运行经费决算数): each column by the
    words over it, the one beside the items as the figure its header names."""
    for layout in LAYOUTS:
        grid = [[*row[6:12], *row[0:6], extra] for row, extra in zip(THREE_PUBLIC, ["", "", "", "13", "30.00"], strict=True)]
        grid[0][-1] = "机关运行经费决算数"
        grid[3] = [str(n) for n in range(1, 14)]  # the column numbers in order
        found = _figures("财政拨款“三公”经费支出决算表", "金额单位：万元", grid, layout)
        expected = _figures("财政拨款“三公”经费支出决算表", "金额单位：万元", THREE_PUBLIC, layout)
        assert found == {**expected, ("admin_operating_expenses", "actual", None): (30.0, "万元")}, layout


# A county's 三公 table in its own words: the vehicles' total named 公务用车费 with its parts under it, and the
# statistics rows below the amounts whose labels carry the counter word.
THREE_PUBLIC_COUNTY_ROWS = [
    ["项目", "2031年预算数"],
    ["一、支出合计", "26.5"],
    ["1、因公出国(境)费用", ""],
    ["2、公务接待费", "8.5"],
    ["3、公务用车费", "18"],
    ["其中:(1)公务用车运行维护费", "18"],
    ["(2)公务用车购置", ""],
    ["二、相关统计数", ""],
    ["3.公务用车购置数(辆)", ""],
    ["4.公务用车保有量(辆)", "3"],
    ["5.公务接待批次(批)", "60"],
]  # fmt: skip


@pytest.mark.parametrize("layout", LAYOUTS)
def test_three_public_table_names_the_vehicles_total_by_its_cost_and_counts_the_vehicles_held(layout: str) -> None:
    found = _figures("某单位2031年度“三公”经费预算情况表", "单位：万元", THREE_PUBLIC_COUNTY_ROWS, layout)
    assert found[("three_public_total", "budget", None)][0] == 26.5
    assert found[("vehicle_total", "budget", None)][0] == 18
    assert found[("vehicle_operation", "budget", None)][0] == 18
    assert ("vehicle_purchase", "budget", None) not in found  # its cell is empty
    text = f"## 某单位2031年度“三公”经费预算情况表\n\n{LAYOUTS[layout](THREE_PUBLIC_COUNTY_ROWS)}\n"
    record = run(load_bytes(text.encode("utf-8"), name="t.txt")).record
    counts = {(f.key, f.value) for f in record.figures if f.measure == "count"}
    assert counts == {("vehicles_count", 3)}


# A comparison with last year of the unit's totals and sources (a hospital's), the catalog figures as rows: the year's
# column, last year's, and the change in amount and percent; rows of no catalog figure (医疗收入) give nothing.
COMPARISON_BY_PERIOD = [
    ["单位:元", "", "", "", "", ""],
    ["项目", "行号", "本 期", "上年同期", "增加额", "增长率"],
    ["1、总收入", "1", "5000.00", "4000.00", "1000.00", "25.00%"],
    ["其中:医疗收入", "2", "3000.00", "2600.00", "400.00", "15.38%"],
    ["财政拨款收入", "3", "1500.00", "1200.00", "300.00", "25.00%"],
    ["其他收入", "4", "500.00", "200.00", "300.00", "150.00%"],
    ["2、总支出", "5", "4800.00", "4100.00", "700.00", "17.07%"],
]  # fmt: skip
COMPARISON_BY_YEAR = [
    ["项目及编号", "2030年度", "2031年度", "2031比2030增减", ""],
    ["增减值", "增减%", "", "", ""],
    ["(一) 收入总计", "4000.00", "5000.00", "1000.00", "25.00%"],
    ["1. 财政补助收入", "1200.00", "1500.00", "300.00", "25.00%"],
    ["(二) 支出总计", "4100.00", "4800.00", "700.00", "17.07%"],
]  # fmt: skip


@pytest.mark.parametrize("grid", [COMPARISON_BY_PERIOD, COMPARISON_BY_YEAR], ids=["period", "year"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_catalog_figures_as_rows_of_a_comparison_table_read_each_column_by_its_measure(layout: str, grid: Grid) -> None:
    found = _figures("某医院财务信息公示", "", grid, layout)
    assert found[("grand_total_revenue", "actual", None)][0] == 5000.00
    assert found[("grand_total_revenue", "yoy_delta", None)][0] == 1000.00
    assert found[("grand_total_revenue", "yoy_pct", None)][0] == 25.00
    assert found[("revenue_fiscal", "yoy_delta", None)][0] == 300.00
    assert found[("grand_total_expenditure", "yoy_pct", None)][0] == 17.07
    assert 4000.00 not in {value for value, _ in found.values()}  # last year's column
    assert 3000.00 not in {value for value, _ in found.values()}  # 医疗收入 is no catalog figure


def test_a_three_public_row_one_amount_short_is_read_flagged_and_the_rows_after_it_are_read() -> None:
    cells = ["项 目", "预算数", "决算数", "合 计", "20.00", "16.50", "因公出国(境)费", "0.00", "公务接待费", "8.00",
             "6.50", "公务用车购置及运行费", "12.00", "10.00"]  # fmt: skip
    text = "## 某单位2031年度“三公”经费决算情况表\n\n(单位:万元)\n" + "\n".join(cells) + "\n\n## 说明\n\n本表为测试数据。\n"
    prepared = prepare(load_bytes(text.encode("utf-8"), name="t.txt"))
    found = {(c.item.key, c.item.measure): (c.item.value, c.flags) for c in table_candidates(prepared.normalized, prepared.chunks)}
    assert found[("official_reception", "budget")] == (8.00, [])
    assert found[("vehicle_total", "actual")] == (10.00, [])
    assert found[("outbound_travel", "budget")] == (0.00, ["unsure_split"])  # the short row's lone amount: a guess


def test_a_comparison_table_whose_cells_single_spaces_part_is_read_by_its_header() -> None:
    rows = [" ".join(cell for cell in row if cell) for row in COMPARISON_BY_YEAR]
    text = "## 某医院财务信息公示\n\n单位:元\n" + "\n".join(rows) + "\n\n## 说明\n\n本表为测试数据。\n"
    prepared = prepare(load_bytes(text.encode("utf-8"), name="t.txt"))
    found = {(c.item.key, c.item.measure): c.item.value for c in table_candidates(prepared.normalized, prepared.chunks)}
    assert found[("grand_total_revenue", "actual")] == 5000.00
    assert found[("revenue_fiscal", "yoy_delta")] == 300.00
    assert found[("grand_total_expenditure", "yoy_pct")] == 17.07
    assert 4000.00 not in found.values()
