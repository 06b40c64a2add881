"""The budget block of a project form read from its cells in order, whatever the layout (fixtures written for
the tests: invented amounts)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.extract.rules.budget_block import block_budget
from extractor.normalize import normalize
from extractor.tables import lines_of
from schemas import Budget

HEADER = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")  # 分值 before 执行率, as many forms have it


def _read(text: str) -> Budget | None:
    return block_budget(lines_of(normalize(text).text))


def _fields(budget: Budget | None) -> dict[str, float | None]:
    assert budget is not None
    return budget.model_dump()


def test_one_cell_per_line_with_trailing_bars_and_a_group_label_named_twice() -> None:
    # "年度预算数（万元）" is the label over the columns; the empty score cell is a lone bar; the reason cell is text
    text = "\n".join(
        f"{cell} |"
        for cell in ["预算执行情况（10分）", "年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率",
                     "权重", "得分", "原因", "总额", "61.5", "70.25", "70.25", "100.00%", "10"]
    ) + "\n|\n1.执行率未达到90%的需说明原因 |\n其中：财政资金 |\n61.5 |\n"  # fmt: skip
    assert _fields(_read(text)) == {"initial": 61.5, "adjusted": 70.25, "executed": 70.25,
                                    "execution_rate_pct": 100.0, "weight": 10.0, "score": None}  # fmt: skip


def test_cells_parted_by_blank_lines_with_a_torn_header_word_and_a_space_for_an_empty_cell() -> None:
    cells = ["项目资金", "（万元）", " ", "年初", "预算数", "全年", "预算数", "全年", "执行数", "分值", "执行率", "得分",
             "年度资金总额", "12.6", "12.6", "11.34", "10", "90%", "9", "其中：当年财政拨款", "12.6", "12.6", "11.34", " "]  # fmt: skip
    budget = _read("\n\n".join(cells))
    assert _fields(budget) == {"initial": 12.6, "adjusted": 12.6, "executed": 11.34, "execution_rate_pct": 90.0,
                               "weight": 10.0, "score": 9.0}  # fmt: skip


def test_a_form_flattened_into_one_line() -> None:
    text = (
        "附件 项目支出绩效自评表 项目名称 示例项目 主管部门 示例局 项目资金 (万元) " + " ".join(HEADER)
        + " 年度资金总额: 8 8 7.2 10 90% 9 其中:本年财政拨款 8 8 7.2 上年结转资金 其他资金 年度总体目标 预期目标"
    )  # fmt: skip
    assert _fields(_read(text)) == {"initial": 8.0, "adjusted": 8.0, "executed": 7.2, "execution_rate_pct": 90.0,
                                    "weight": 10.0, "score": 9.0}  # fmt: skip


def test_numbers_glued_to_the_header_are_split_where_the_arithmetic_holds() -> None:
    # OCR ran the cells together: the one split with at most two decimals where 19.5 / 20.5 = 95.12%
    text = "项目资金(万元)年度资金总额年初预算数调整预算数(A)全年执行数(B)执行率(B/A)20.520.519.595.12%年度总体目标"
    assert _fields(_read(text)) == {"initial": 20.5, "adjusted": 20.5, "executed": 19.5, "execution_rate_pct": 95.12,
                                    "weight": None, "score": None}  # fmt: skip


def test_fewer_values_than_columns_are_placed_only_where_one_placement_holds() -> None:
    # three values under six columns, flattened (empty cells left no trace): no placement can be told apart
    assert _read("项目资金 " + " ".join(HEADER) + " 年度资金总额 30 28 10 其中:财政拨款 30 年度总体目标") is None
    # two amounts and a rate: 40 may be the initial or the adjusted budget (both hold), 36 is executed in both
    budget = _read("项目资金 " + " ".join(HEADER) + " 年度资金总额 40 36 90% 其中:财政拨款 40 年度总体目标")
    assert _fields(budget) == {"initial": None, "adjusted": None, "executed": 36.0, "execution_rate_pct": 90.0,
                               "weight": None, "score": None}  # fmt: skip
    # the percentage stands in the rate column and executed / budget = rate: one placement holds
    budget = _read("项目资金 " + " ".join(HEADER) + " 年度资金总额 40 40 36 90% 其中:财政拨款 40 年度总体目标")
    assert _fields(budget) == {"initial": 40.0, "adjusted": 40.0, "executed": 36.0, "execution_rate_pct": 90.0,
                               "weight": None, "score": None}  # fmt: skip


def test_a_glued_row_past_its_rate_and_a_formula_in_the_score_header() -> None:
    # "得分（20分*执行率）" explains the score column (its 执行率 names no column); the score is glued after the rate
    text = "预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)年度财政资金总额3535100%20年度绩效目标1(40分)一级指标"
    assert _fields(_read(text)) == {"initial": None, "adjusted": 35.0, "executed": 35.0, "execution_rate_pct": 100.0,
                                    "weight": None, "score": 20.0}  # fmt: skip
    # the formula rules out the split 3535|10|0% (a rate of 0% would give a score of 0)


def test_the_rates_weight_and_score_columns_and_a_row_without_amounts() -> None:
    # "执行率权重" and "执行率得分" are the weight and the score of the rate; OCR lost the amounts: the score is the
    # weight times the rate, the only reading of "88%108.8"
    text = "部门预算执行情况年初预算数全年(调整)预算数全年执行数执行率(%)执行率权重执行率得分(分)88%108.8当年绩效目标"
    assert _fields(_read(text)) == {"initial": None, "adjusted": None, "executed": None, "execution_rate_pct": 88.0,
                                    "weight": 10.0, "score": 8.8}  # fmt: skip


def test_a_total_label_written_before_its_header() -> None:
    # PDF text scatters the block: the total's label stands before the header words, its values right after them
    text = ("预算执行 情况(万元) (20 分) 一级指标 年度财政 资金总额 项目实施单位 示例中心 □ 预算数 (A) 执行数(B) "
            "执行率(B/A) 得分 (20 分*执行率) 40.5 36.45 90% 18 三级指标")  # fmt: skip
    assert _fields(_read(text)) == {"initial": None, "adjusted": 40.5, "executed": 36.45, "execution_rate_pct": 90.0,
                                    "weight": None, "score": 18.0}  # fmt: skip


def test_amounts_written_with_their_unit() -> None:
    text = "\n".join(["年初预算数\t全年预算数\t全年执行数\t执行率", "年度资金总额\t6万元\t6.5万元\t6.5万元\t100%"])
    assert _fields(_read(text)) == {"initial": 6.0, "adjusted": 6.5, "executed": 6.5, "execution_rate_pct": 100.0,
                                    "weight": None, "score": None}  # fmt: skip


def test_no_block_and_no_total_row_give_nothing() -> None:
    assert _read("一级指标 二级指标 三级指标 分值 得分\n产出指标 数量指标 培训人次 10 10") is None
    assert _read(" ".join(HEADER) + "\n其中：财政拨款 5 5 5 10 100% 10") is None  # a part row is not the total


_AMOUNT = st.integers(min_value=1, max_value=99999).map(lambda n: n / 100)


@st.composite
def _blocks(draw: st.DrawFn) -> tuple[dict[str, float], str]:
    adjusted = draw(_AMOUNT)
    executed = round(adjusted * draw(st.integers(min_value=50, max_value=100)) / 100, 2)
    rate = round(executed / adjusted * 100, 2)
    weight = float(draw(st.sampled_from([5, 10, 20])))
    score = float(draw(st.integers(min_value=0, max_value=int(weight))))
    values = {"initial": draw(_AMOUNT), "adjusted": adjusted, "executed": executed, "weight": weight,
              "execution_rate_pct": rate, "score": score}  # fmt: skip
    cells = [f"{values[f]:g}" for f in ("initial", "adjusted", "executed", "weight")] + [f"{rate:g}%", f"{score:g}"]
    rows = [list(HEADER), ["年度资金总额", *cells], ["其中：财政拨款", *cells[:3]]]
    layout = draw(st.sampled_from(["cells", "bars", "blank_parted", "flat", "tabs"]))
    if layout == "flat":
        text = " ".join(" ".join(row) for row in rows)
    elif layout == "tabs":
        text = "\n".join("\t".join(row) for row in rows)
    else:
        flat = [cell for row in rows for cell in row]
        text = {"cells": "\n".join(flat), "bars": "\n".join(f"{c} |" for c in flat), "blank_parted": "\n\n".join(flat)}[layout]
    return values, "项目资金（万元）\n" + text + "\n年度总体目标"


@settings(max_examples=60, derandomize=True, deadline=None)
@given(_blocks())
def test_round_trip_over_layouts(block: tuple[dict[str, float], str]) -> None:
    values, text = block
    assert _fields(_read(text)) == values
