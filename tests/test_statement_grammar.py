"""The statement grammar (extractor/vocabulary.py, "Statement grammar" section): one case per pattern.

Every case is a sentence written for the test, with an invented unit and invented numbers, in the shape the national
决算 template or one of its regional variants gives it. A case names the grammar entries it exercises; the last test
checks that every entry of the section is exercised by some case.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from extractor.chunk import chunk
from extractor.extract.rules import RulesExtractor
from extractor.normalize import normalize
from schemas import Figure

FigureKey = tuple[str, str, str | None, float]


def _figures(text: str) -> set[FigureKey]:
    doc = normalize(text)
    out = set()
    for candidate in RulesExtractor().extract(doc, chunk(doc)).candidates:
        if isinstance(candidate.item, Figure):
            f = candidate.item
            assert f.evidence.quote, f  # every figure stands on a quote of the source
            out.add((f.key, f.measure, f.subject, round(f.value, 4)))
    return out


@dataclass(frozen=True)
class Case:
    id: str
    entries: tuple[str, ...]  # the grammar entries the case exercises
    text: str
    expected: frozenset[FigureKey]  # figures the text must give
    exact: bool = False  # the text gives these figures and no other
    absent: frozenset[FigureKey] = field(default_factory=frozenset)  # figures it must not give
    absent_values: tuple[float, ...] = ()  # values no figure may take


def case(id: str, entries: str, text: str, expected: set[FigureKey], *, exact: bool = False,
         absent: set[FigureKey] | None = None, absent_values: tuple[float, ...] = ()) -> Case:  # fmt: skip
    return Case(id, tuple(entries.split()), text, frozenset(expected), exact, frozenset(absent or ()), absent_values)


GT_R, GT_E = "grand_total_revenue", "grand_total_expenditure"

CASES = [
    case(
        "totals_under_other_names",
        "STATEMENT_LABELS",
        "一、收入支出决算总体情况说明\n2031年度总收入88.80万元，总支出90.10万元。收入支出总体与上年相比，增加8.8万元，增长10.83%。",
        {(GT_R, "actual", None, 88.8), (GT_E, "actual", None, 90.1), (GT_R, "yoy_delta", None, 8.8),
         (GT_E, "yoy_delta", None, 8.8), (GT_R, "yoy_pct", None, 10.83), (GT_E, "yoy_pct", None, 10.83)},
        exact=True,
    ),
    case(
        "fiscal_total_named_in_full",
        "STATEMENT_LABELS",
        "四、财政拨款收入支出决算总体情况说明\n2031年度财政拨款收入支出总计61.20万元，比上年减少2.40万元，下降3.77%。",
        {("fiscal_grand_total", "actual", None, 61.2), ("fiscal_grand_total", "yoy_delta", None, -2.4),
         ("fiscal_grand_total", "yoy_pct", None, -3.77)},
        exact=True,
    ),  # fmt: skip
    case(
        "older_name_of_fiscal_revenue",
        "STATEMENT_LABELS",
        "（一）收入决算情况\n2031年度本年收入合计70万元，其中：财政补助收入63万元，占90%；事业收入7万元，占10%。",
        {("revenue_current_year", "actual", None, 70.0), ("revenue_fiscal", "actual", None, 63.0),
         ("revenue_fiscal", "share_pct", None, 90.0), ("revenue_business", "actual", None, 7.0),
         ("revenue_business", "share_pct", None, 10.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "three_public_parts_under_short_names",
        "STATEMENT_LABELS",
        "“三公”经费决算数41万元，比上年决算数下降5.2 %。分项情况是：因公出国（境）经费3万元，与上年决算数下降10%；"
        "公务接待12万元；车辆运行费26万元。",
        {("three_public_total", "actual", None, 41.0), ("three_public_total", "yoy_pct", None, -5.2),
         ("outbound_travel", "actual", None, 3.0), ("outbound_travel", "yoy_pct", None, -10.0),
         ("official_reception", "actual", None, 12.0), ("vehicle_operation", "actual", None, 26.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "procurement_with_small_and_micro_firms",
        "STATEMENT_LABELS",
        "十、政府采购情况\n2031年度政府采购支出总额50万元，其中：政府采购货物支出10万元、政府采购工程支出0万元、"
        "政府采购服务支出40万元。授予中小企业合同金额45万元，占政府采购支出总额的90%，其中：授予小微企业合同金额"
        "30万元，占授予中小企业合同金额的66.67%。",
        {("procurement_total", "actual", None, 50.0), ("procurement_sme", "actual", None, 45.0),
         ("procurement_sme", "share_pct", None, 90.0), ("procurement_small_micro", "actual", None, 30.0),
         ("procurement_small_micro", "share_pct", None, 66.67)},
    ),  # fmt: skip
    case(
        "section_wording_of_the_general_budget",
        "SECTION_LABELS",
        "五、一般公共预算财政拨款支出决算情况说明\n2031年一般公共预算财政拨款支出80.5万元。与2030年相比，"
        "一般公共预算财政拨款增加3.3万元，增长4.27%。",
        {("gpb_expenditure", "actual", None, 80.5), ("gpb_expenditure", "yoy_delta", None, 3.3),
         ("gpb_expenditure", "yoy_pct", None, 4.27)},
        exact=True,
    ),  # fmt: skip
    case(
        "section_wording_is_not_read_elsewhere",
        "SECTION_LABELS",
        "二、收入决算情况说明\n与2030年相比，一般公共预算财政拨款增加3.3万元，增长4.27%。",
        set(),
        exact=True,
    ),
    case(
        "generic_words_alone_are_no_figure",
        "GENERIC_LABELS",
        "九、其他说明\n本单位购买服务12万元，工程维修3万元。",
        set(),
        exact=True,
    ),
    case(
        "procurement_parts_after_their_total",
        "SUB_LABELS SUB_LABEL_NOT_AFTER",
        "十、政府采购情况\n政府采购支出总额20万元，其中：货物5万元、工程6万元、服务9万元。",
        {("procurement_total", "actual", None, 20.0), ("procurement_goods", "actual", None, 5.0),
         ("procurement_works", "actual", None, 6.0), ("procurement_services", "actual", None, 9.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "another_budgets_figure_is_not_the_general_budgets",
        "OTHER_BUDGET_QUALIFIERS",
        "八、政府性基金预算支出情况\n2031年政府性基金预算财政拨款支出4万元。",
        set(),
        exact=True,
    ),
    case(
        "lines_that_are_no_catalog_figure",
        "OTHER_ITEMS",
        "二、收入决算情况说明\n2031年本年收入合计50万元，其中：一般公共预算财政拨款收入40万元，占80%；政府性基金预算"
        "财政拨款收入2万元，占4%；上级补助收入4万元，占8%；经营收入4万元，占8%。",
        {("revenue_current_year", "actual", None, 50.0), ("revenue_gpb", "actual", None, 40.0),
         ("revenue_gpb", "share_pct", None, 80.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "the_fiscal_expenditure_total_is_no_general_budget_figure",
        "OTHER_ITEMS",
        "四、财政拨款收入支出决算总体情况说明\n2031年财政拨款收入总计30万元；财政拨款支出总计32万元。",
        {("revenue_fiscal", "actual", None, 30.0)},
        exact=True,
    ),
    case(
        "another_cost_named_in_a_clause",
        "OTHER_COST",
        "公用经费12.50万元，较上年增加1.20万元，主要是另外劳务费增加 3 万元。",
        {("public_expenses", "actual", None, 12.5), ("public_expenses", "yoy_delta", None, 1.2)},
        exact=True,
    ),
    case(
        "two_totals_with_a_value_each",
        "PAIRED_AMOUNTS PAIRED_PERCENTS PAIRED_CUE NUMBER MONEY_UNIT",
        "一、收入支出决算总体情况说明\n2031年度收、支总计各是1300.5,1310.25万元。与2030年相比，收、支总计各减少20.1,30.2万元，"
        "各下降6.27%、8.87%。",
        {(GT_R, "actual", None, 1300.5), (GT_E, "actual", None, 1310.25), (GT_R, "yoy_delta", None, -20.1),
         (GT_E, "yoy_delta", None, -30.2), (GT_R, "yoy_pct", None, -6.27), (GT_E, "yoy_pct", None, -8.87)},
        exact=True,
    ),  # fmt: skip
    case(
        "two_totals_parted_by_a_comma_before_three_digits",
        "PAIRED_AMOUNTS",
        "一、收入支出决算总体情况说明\n2031年度收、支总计分别为1234,567万元。",
        {(GT_R, "actual", None, 1234.0), (GT_E, "actual", None, 567.0)},
        exact=True,
    ),
    case(
        "one_change_for_two_totals",
        "YEAR_COMPARISON CHANGE_UP AMOUNT PERCENT",
        "一、收入支出决算总体情况说明\n2031年度收、支总计均为120万元，均比上年增加5万元，增长4.35%。",
        {(GT_R, "actual", None, 120.0), (GT_E, "actual", None, 120.0), (GT_R, "yoy_delta", None, 5.0),
         (GT_E, "yoy_delta", None, 5.0), (GT_R, "yoy_pct", None, 4.35), (GT_E, "yoy_pct", None, 4.35)},
        exact=True,
    ),  # fmt: skip
    case(
        "a_change_against_the_budget_is_not_year_on_year",
        "COMPARISON_BASES COMPARISON_REACH COMPARISON_MEASURES",
        "（二）“三公”经费支出具体情况\n2.公务接待费支出1.2万元，与2031年度预算相比，增加0.2万元，增长20%。",
        {("official_reception", "actual", None, 1.2)},
        exact=True,
    ),
    case(
        "a_percent_against_the_budget_is_not_year_on_year",
        "COMPARISON_BASES COMPARISON_REACH COMPARISON_MEASURES",
        "七、“三公”经费支出情况\n2031年“三公”经费决算总额为40万元，较年初预算减少20%。其中：公务接待费决算支出12万元，较年初预算下降4%。",
        {("three_public_total", "actual", None, 40.0), ("official_reception", "actual", None, 12.0)},
        exact=True,
    ),
    case(
        "last_years_budget_is_no_year_on_year_but_last_years_actual_is",
        "COMPARISON_BASES COMPARISON_MEASURES",
        "七、“三公”经费支出情况\n2031年“三公”经费决算数共计30.5万元，比上年预算数字下降10.5%，比上年决算数字下降8.25%；"
        "其中公务接待费12.5万元，比上年预算数下降5.5%，比上年决算数下降4.25%。",
        {("three_public_total", "actual", None, 30.5), ("three_public_total", "yoy_pct", None, -8.25),
         ("official_reception", "actual", None, 12.5), ("official_reception", "yoy_pct", None, -4.25)},
        exact=True,
    ),  # fmt: skip
    case(
        "a_budget_of_a_named_earlier_year_is_last_years_budget",
        "COMPARISON_BASES COMPARISON_REACH",
        "2031年度部门决算情况说明\n九、机关运行经费支出情况\n2031年度机关运行经费支出20万元，比2030年度预算增加2万元，"
        "比2030年度决算增加3万元，增长17.65%。",
        {("admin_operating_expenses", "actual", None, 20.0), ("admin_operating_expenses", "yoy_delta", None, 3.0),
         ("admin_operating_expenses", "yoy_pct", None, 17.65)},
        exact=True,
    ),  # fmt: skip
    case(
        "a_percent_against_the_budget_then_against_last_year",
        "COMPARISON_BASES COMPARISON_MEASURES",
        "（二）“三公”经费支出具体情况\n3.公务接待费支出4万元，较预算数增长25%，比上年增长10%。",
        {("official_reception", "actual", None, 4.0), ("official_reception", "yoy_pct", None, 10.0)},
        exact=True,
    ),
    case(
        "a_ratio_to_the_initial_budget_is_an_execution_rate",
        "EXECUTION_RATE",
        "五、一般公共预算财政拨款支出决算情况说明\n2031年度一般公共预算财政拨款支出决算为33.00万元，占年初预算的95.5%。",
        {("gpb_expenditure", "actual", None, 33.0), ("gpb_expenditure", "execution_rate_pct", None, 95.5)},
        exact=True,
    ),
    case(
        "the_rate_of_a_label_named_with_last_year_is_no_figure",
        "NAMED_YEAR_LABEL EXECUTION_RATE",
        "2031年度部门决算情况说明\n七、“三公”经费支出情况\n2030年“三公”经费支出决算为6.00万元，完成预算100%。"
        "2031年“三公”经费支出决算为5.00万元，完成预算90%。",
        {("three_public_total", "actual", None, 5.0), ("three_public_total", "execution_rate_pct", None, 90.0)},
        exact=True,
    ),
    case(
        "budget_adjusted_budget_actual_and_their_difference",
        "ADJUSTED_BUDGET",
        "三、一般公共预算财政拨款支出决算情况\n2031年度一般公共预算财政拨款支出预算数30万元，调整数32万元，决算数32万元，增加2万元。",
        {("gpb_expenditure", "budget", None, 30.0), ("gpb_expenditure", "actual", None, 32.0)},
        exact=True,
    ),
    case(
        "the_vehicles_total_named_after_the_vehicles",
        "STATEMENT_LABELS",
        "七、“三公”经费支出情况\n2031年“三公”经费支出合计20万元，比上年减少2万元。其中：公务用车保有量3辆，购置及运行维护费8万元，"
        "比上年减少0.5万元；公务接待费12万元，比上年减少1.5万元。",
        {("three_public_total", "actual", None, 20.0), ("three_public_total", "yoy_delta", None, -2.0),
         ("vehicles_count", "count", None, 3.0), ("vehicle_total", "actual", None, 8.0),
         ("vehicle_total", "yoy_delta", None, -0.5), ("official_reception", "actual", None, 12.0),
         ("official_reception", "yoy_delta", None, -1.5)},
        exact=True,
    ),  # fmt: skip
    case(
        "comparisons_opened_by_tong_and_an_actual_above_or_below_the_budget",
        "COMPARISON_BASES COMPARISON_REACH",
        "七、“三公”经费支出情况\n2031年“三公”经费支出决算5万元，同年初预算相比减少1万元，下降16.67%；同上年相比增加0.5万元，"
        "增长11.11%。\n九、机关运行经费支出情况\n2031年度机关运行经费支出20万元，低于年初预算2万元，超预算0万元，比上年增加3万元。",
        {("three_public_total", "actual", None, 5.0), ("three_public_total", "yoy_delta", None, 0.5),
         ("three_public_total", "yoy_pct", None, 11.11), ("admin_operating_expenses", "actual", None, 20.0),
         ("admin_operating_expenses", "yoy_delta", None, 3.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "a_ratio_to_last_years_amount_is_no_share",
        "PRIOR_RATIO",
        "七、“三公”经费支出情况\n2031年“三公”经费支出决算5万元，占上年决算数的90%；其中公务接待费2万元，占40%。",
        {("three_public_total", "actual", None, 5.0), ("official_reception", "actual", None, 2.0),
         ("official_reception", "share_pct", None, 40.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "a_change_right_after_a_budget_is_the_budgets",
        "BUDGET_WORD COMPARISON_BASES",
        "七、“三公”经费支出情况\n2031年“三公”经费年初预算数10万元，比上年增加1万元，增长11.11%；支出决算8万元，比上年减少0.5万元，"
        "下降5.88%。",
        {("three_public_total", "budget", None, 10.0), ("three_public_total", "actual", None, 8.0),
         ("three_public_total", "yoy_delta", None, -0.5), ("three_public_total", "yoy_pct", None, -5.88)},
        exact=True,
    ),  # fmt: skip
    case(
        "an_amount_given_to_last_year_is_no_figure",
        "PRIOR_AMOUNT",
        "2031年度部门决算情况说明\n七、“三公”经费支出情况\n“三公”经费上年决算数为6万元，本年决算数为5万元，减少1万元，下降16.67%。"
        "公务接待费2030年决算数为3万元，2031年决算数为2万元，减少1万元。",
        {("three_public_total", "actual", None, 5.0), ("three_public_total", "yoy_delta", None, -1.0),
         ("three_public_total", "yoy_pct", None, -16.67), ("official_reception", "actual", None, 2.0),
         ("official_reception", "yoy_delta", None, -1.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "parts_in_a_sentence_that_compares_with_last_year",
        "YEAR_COMPARISON CHANGE_DOWN CHANGE_UP",
        "七、“三公”经费支出情况\n2031年度“三公”经费财政拨款支出决算数比2030年度减少0.28万元，降低3.09%，其中：因公出国（境）费支出决算"
        "减少0万元，降低0%；公务用车购置及运行维护费支出决算减少0.29万元，降低3.31%；公务接待费支出决算增加0.01万元，增长3.45%。",
        {("three_public_total", "yoy_delta", None, -0.28), ("three_public_total", "yoy_pct", None, -3.09),
         ("outbound_travel", "yoy_delta", None, 0.0), ("outbound_travel", "yoy_pct", None, 0.0),
         ("vehicle_total", "yoy_delta", None, -0.29), ("vehicle_total", "yoy_pct", None, -3.31),
         ("official_reception", "yoy_delta", None, 0.01), ("official_reception", "yoy_pct", None, 3.45)},
        exact=True,
    ),  # fmt: skip
    case(
        "last_years_amount_before_the_change",
        "PRIOR_VALUE",
        "七、“三公”经费支出情况\n2031年“三公”经费支出43万元，比上年累计支出45万元减少2万元，下降4.44%。其中，因公出国（境）费用没有；"
        "公务用车及运行维护费支出25万元，比上年累计支出28万元下降3万元，下降10.71%。",
        {("three_public_total", "actual", None, 43.0), ("three_public_total", "yoy_delta", None, -2.0),
         ("three_public_total", "yoy_pct", None, -4.44), ("vehicle_total", "actual", None, 25.0),
         ("vehicle_total", "yoy_delta", None, -3.0), ("vehicle_total", "yoy_pct", None, -10.71)},
        exact=True,
    ),  # fmt: skip
    case(
        "words_of_what_the_money_was_used_for",
        "PURPOSE_CLAUSE PURPOSE_SPAN",
        "三、一般公共预算财政拨款支出决算情况\n2031年度一般公共预算财政拨款支出总计80万元。其中：\n1. 教育支出60万元，"
        "主要用于完成全县学前教育保教和校园安全管理工作发生的人员经费和办公经费，完成年初预算100%。",
        {("gpb_expenditure", "actual", None, 80.0), ("function_class_expenditure", "actual", "教育支出", 60.0),
         ("function_class_expenditure", "execution_rate_pct", "教育支出", 100.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "what_basic_expenditure_was_used_for_is_still_its_parts",
        "PURPOSE_CLAUSE",
        "六、一般公共预算财政拨款基本支出决算情况说明\n2031年度一般公共预算财政拨款基本支出50万元，其中：用于人员经费40万元，"
        "用于公用经费10万元。",
        {("gpb_basic_expenditure", "actual", None, 50.0), ("personnel_expenses", "actual", None, 40.0),
         ("public_expenses", "actual", None, 10.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "a_money_unit_written_short",
        "MONEY_UNIT_SHORT",
        "（一）收入决算情况\n5.其他收入 0.50 万，为单位取得的其他收入。",
        {("revenue_other", "actual", None, 0.5)},
        exact=True,
    ),
    case(
        "a_count_in_chinese_numerals",
        "CHINESE_DIGITS",
        "七、“三公”经费支出情况\n无车辆购置费支出，公务车辆现保有量为壹辆。",
        {("vehicles_count", "count", None, 1.0)},
        exact=True,
    ),
    case(
        "a_change_written_negative_keeps_its_sign",
        "CHANGE_DOWN",
        "七、“三公”经费支出情况\n2031年度“三公”经费支出决算数比2030年减少5.5万元，下降-40.5%。",
        {("three_public_total", "yoy_delta", None, -5.5), ("three_public_total", "yoy_pct", None, -40.5)},
        exact=True,
    ),
    case(
        "settled_above_the_budget_is_no_change",
        "COMPARISON_BASES COMPARISON_REACH COMPARISON_MEASURES",
        "三、一般公共预算财政拨款支出决算情况\n2031年度一般公共预算财政拨款支出总计90万元，与上年相比减少3万元，降低3.23%；"
        "完成年初预算100%，决算数大于预算数5万元，主要原因是人员增加。",
        {("gpb_expenditure", "actual", None, 90.0), ("gpb_expenditure", "yoy_delta", None, -3.0),
         ("gpb_expenditure", "yoy_pct", None, -3.23), ("gpb_expenditure", "execution_rate_pct", None, 100.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "less_than_the_initial_budget",
        "COMPARISON_BASES COMPARISON_REACH CHANGE_DOWN",
        "九、机关运行经费支出情况\n2031年度机关运行经费支出20万元，比年初预算减少1.5万元，比上年减少2万元，下降9.09%。",
        {("admin_operating_expenses", "actual", None, 20.0), ("admin_operating_expenses", "yoy_delta", None, -2.0),
         ("admin_operating_expenses", "yoy_pct", None, -9.09)},
        exact=True,
    ),  # fmt: skip
    case(
        "a_change_compared_with_nothing_is_no_figure",
        "CHANGE_UP CHANGE_REACH",
        "三、支出决算情况说明\n项目支出增加10万元，主要用于设备更新。",
        set(),
        exact=True,
    ),
    case(
        "a_percent_only_change",
        "CHANGE_DOWN PERCENT",
        "七、“三公”经费支出情况\n“三公”经费决算数8万元，比上年决算数下降12.5%。",
        {("three_public_total", "actual", None, 8.0), ("three_public_total", "yoy_pct", None, -12.5)},
        exact=True,
    ),
    case(
        "a_sentence_going_on_with_the_previous_figure",
        "CONTINUES_FIGURE STATEMENT_SENTENCE_END",
        "（一）收入决算情况\n6.其他收入 1.50 万元，为单位在“财政拨款收入”“事业收入”之外取得的收入。较 2030 年度决算数"
        "增加 0.50 万元，增长 50%。",
        {("revenue_other", "actual", None, 1.5), ("revenue_other", "yoy_delta", None, 0.5),
         ("revenue_other", "yoy_pct", None, 50.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "parts_going_on_with_the_previous_comparison",
        "CONTINUES_COMPARISON",
        "七、“三公”经费支出情况\n“三公”经费支出8万元，较2030年增加2万元。其中：公务接待费减少0.5万元，"
        "公务用车运行维护费增加2.5万元。",
        {("three_public_total", "actual", None, 8.0), ("three_public_total", "yoy_delta", None, 2.0),
         ("official_reception", "yoy_delta", None, -0.5), ("vehicle_operation", "yoy_delta", None, 2.5)},
        exact=True,
    ),  # fmt: skip
    case(
        "a_heading_sentence_names_the_next_ones_figure",
        "HEADING_SENTENCE",
        "二、“三公”经费支出情况\n（3）公务接待费支出情况。\n2031年公务接待3批次，支出1.2万元，较上年减少0.3万元，下降20%。",
        {("official_reception", "actual", None, 1.2), ("official_reception", "yoy_delta", None, -0.3),
         ("official_reception", "yoy_pct", None, -20.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "the_scope_of_evaluated_projects_is_no_figure",
        "NOT_A_FIGURE_BEFORE",
        "十一、绩效管理情况\n本单位自评项目3个，涉及一般公共预算支出 12 万元。",
        {("perf_self_evaluated_projects", "count", None, 3.0)},
        exact=True,
    ),
    case(
        "what_a_total_includes_is_an_aside",
        "ASIDE",
        "七、“三公”经费支出情况\n本级“三公”经费支出合计312.40万元（包括基本支出和项目支出安排的经费），同比减少20.15万元。",
        {("three_public_total", "actual", None, 312.4), ("three_public_total", "yoy_delta", None, -20.15)},
        exact=True,
    ),
    case(
        "the_vehicles_total_as_a_noun_with_a_thousands_separator",
        "VEHICLES",
        "一、基本情况\n本级共12个一级预算部门。公务用车总数1,203辆，其中：执法执勤用车40辆。",
        {("vehicles_count", "count", None, 1203.0)},
        exact=True,
    ),
    case(
        "a_rate_per_head_is_no_total",
        "NOT_A_FIGURE_BEFORE",
        "一、收入支出决算总体情况\n我校按生均公用经费900元的标准拨付公用经费。本年公用经费支出决算为56.20万元。",
        {("public_expenses", "actual", None, 56.2)},
        exact=True,
    ),
    case(
        "an_aside_inside_a_figures_clause",
        "ASIDE",
        "七、“三公”经费支出情况\n公车购置及运行费95万元（其中公务用车购置费8万元，公务用车运行费87万元），比上年下降6.5%。",
        {("vehicle_total", "actual", None, 95.0), ("vehicle_total", "yoy_pct", None, -6.5),
         ("vehicle_purchase", "actual", None, 8.0), ("vehicle_operation", "actual", None, 87.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "parts_of_the_fiscal_expenditure",
        "PARTS_OF PARTS_WORD",
        "（一）财政拨款支出决算情况\n财政拨款支出60万元，与上年相比，增加6万元，增长11.11%。其中：基本支出45万元，项目支出15万元。",
        {("gpb_expenditure", "actual", None, 60.0), ("gpb_expenditure", "yoy_delta", None, 6.0),
         ("gpb_expenditure", "yoy_pct", None, 11.11), ("gpb_basic_expenditure", "actual", None, 45.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "basic_expenditure_of_fiscal_funds",
        "FISCAL_QUALIFIER CLAUSE_BREAK",
        "二、一般公共预算支出情况\n2031年财政资金年初基本支出预算安排 820.50 万元，全年基本支出900.00万元。",
        {("gpb_basic_expenditure", "budget", None, 820.5), ("expenditure_basic", "actual", None, 900.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "an_item_line_by_its_marks",
        "ITEM_MARK ITEM_NAME_STOPS LEVEL_MARKS OPENING_PARENTHESES CLOSING_PARENTHESES ITEM_NAME_PREFIX EXECUTION_RATE "
        "BUDGET_WORD NOT_BUDGET_WORDS",
        "（三）一般公共预算财政拨款支出决算具体情况\n1.一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）"
        "行政运行（项）：年初预算为20万元，支出决算为18万元，完成年初预算的90%。",
        {("function_item_expenditure", "budget", "行政运行", 20.0),
         ("function_item_expenditure", "actual", "行政运行", 18.0),
         ("function_item_expenditure", "execution_rate_pct", "行政运行", 90.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "an_item_with_no_name_of_its_own",
        "KUAN_MARK",
        "（三）一般公共预算财政拨款支出决算具体情况\n卫生健康（类）行政事业单位医疗（款）（项）：支出决算为5万元，完成预算100%。",
        {("function_item_expenditure", "actual", "行政事业单位医疗", 5.0),
         ("function_item_expenditure", "execution_rate_pct", "行政事业单位医疗", 100.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "an_item_name_before_its_full_stop",
        "ITEM_BEFORE_STOP",
        "（三）一般公共预算财政拨款支出决算具体情况\n农林水支出（类）农业农村（款）事业运行（项）。年初预算为50万元，"
        "支出决算为45万元，完成年初预算的90%。",
        {("function_item_expenditure", "budget", "事业运行", 50.0),
         ("function_item_expenditure", "actual", "事业运行", 45.0),
         ("function_item_expenditure", "execution_rate_pct", "事业运行", 90.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "items_by_their_functional_codes",
        "ITEM_CODE",
        "（三）一般公共预算财政拨款支出决算具体情况\n1.2010601行政运行：年初预算为20万元，支出决算为18万元，完成年初预算的90%。\n"
        "2.208 05 05 机关事业单位基本养老保险缴费支出，年初预算为6万元，支出决算为6万元，完成年初预算的100%。",
        {("function_item_expenditure", "budget", "行政运行", 20.0),
         ("function_item_expenditure", "actual", "行政运行", 18.0),
         ("function_item_expenditure", "execution_rate_pct", "行政运行", 90.0),
         ("function_item_expenditure", "budget", "机关事业单位基本养老保险缴费支出", 6.0),
         ("function_item_expenditure", "actual", "机关事业单位基本养老保险缴费支出", 6.0),
         ("function_item_expenditure", "execution_rate_pct", "机关事业单位基本养老保险缴费支出", 100.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "an_items_actual_where_its_name_was_lost",
        "ITEM_ACTUAL ITEM_SETTLED ITEM_CONTEXT",
        "（三）一般公共预算财政拨款支出决算具体情况\n2031年度一般公共预算支出决算数为100万元，完成预算95%。其中：\n"
        "支出决算为45万元，完成预算90%。",
        {("gpb_expenditure", "actual", None, 100.0), ("gpb_expenditure", "execution_rate_pct", None, 95.0),
         ("function_item_expenditure", "actual", None, 45.0), ("function_item_expenditure", "execution_rate_pct", None, 90.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "the_class_structure_and_where_it_ends",
        "CLASS_LIST_START CLASS_LIST_END CLASS_NAME SHARE",
        "（二）一般公共预算支出决算情况\n2031年度一般公共预算财政拨款支出30万元。其中：按功能分类科目，教育支出20万元，占66.67%，"
        "卫生健康支出10万元，占33.33%；按经济分类科目，工资福利支出25万元，商品和服务支出5万元。",
        {("gpb_expenditure", "actual", None, 30.0), ("function_class_expenditure", "actual", "教育支出", 20.0),
         ("function_class_expenditure", "share_pct", "教育支出", 66.67),
         ("function_class_expenditure", "actual", "卫生健康支出", 10.0),
         ("function_class_expenditure", "share_pct", "卫生健康支出", 33.33)},
        exact=True,
    ),  # fmt: skip
    case(
        "classes_named_without_the_list_cue",
        "FUNCTIONAL_CLASSES CLASS_CONTEXT ITEM_SECTION",
        "（二）一般公共预算财政拨款支出决算情况\n2031年度一般公共预算财政拨款支出90万元，其中：教育支出60万元，占66.67%；"
        "卫生健康支出30万元，占33.33%。\n（三）一般公共预算财政拨款支出决算具体情况\n1、教育支出（类）50万元：\n"
        "普通教育（款）小学教育（项）年初预算为50万元，支出决算为60万元。",
        {("gpb_expenditure", "actual", None, 90.0), ("function_class_expenditure", "actual", "教育支出", 60.0),
         ("function_class_expenditure", "share_pct", "教育支出", 66.67),
         ("function_class_expenditure", "actual", "卫生健康支出", 30.0),
         ("function_class_expenditure", "share_pct", "卫生健康支出", 33.33),
         ("function_item_expenditure", "budget", "小学教育", 50.0), ("function_item_expenditure", "actual", "小学教育", 60.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "class_names_with_their_mark",
        "CLASS_MARK",
        "（二）一般公共预算财政拨款支出决算结构情况\n一般公共预算财政拨款支出60万元，主要用于以下方面：教育（类）支出40万元，"
        "占66.67%；卫生健康支出（类）15万元，占25%；科学技术（类）5万元，占8.33%。",
        {("gpb_expenditure", "actual", None, 60.0), ("function_class_expenditure", "actual", "教育支出", 40.0),
         ("function_class_expenditure", "share_pct", "教育支出", 66.67),
         ("function_class_expenditure", "actual", "卫生健康支出", 15.0),
         ("function_class_expenditure", "share_pct", "卫生健康支出", 25.0),
         ("function_class_expenditure", "actual", "科学技术", 5.0),
         ("function_class_expenditure", "share_pct", "科学技术", 8.33)},
        exact=True,
    ),  # fmt: skip
    case(
        "a_number_wrapped_over_two_lines_is_no_number_of_its_own",
        "AMOUNT PERCENT",
        "二、收入决算情况说明\n2031年度本年收入合计120.50万元，其中：财政拨款收入100.61万元，占83.49%；其他收入19.8\n9万元，占16.5\n1%。",
        {("revenue_current_year", "actual", None, 120.5), ("revenue_fiscal", "actual", None, 100.61),
         ("revenue_fiscal", "share_pct", None, 83.49)},
        absent_values=(9.0, 1.0),
    ),  # fmt: skip
    case(
        "another_years_budget_on_the_same_page",
        "LEADING_YEAR",
        "一、2032年“三公”经费预算安排情况\n2032年度“三公”经费预算总计9.5万元，其中：公务接待5万元。\n"
        "二、2031年“三公”经费决算情况\n2031年度“三公”经费合计支出8.2万元，其中：公务接待费4.1万元。\n"
        "2032年度“三公”经费预算较2031年度增加1.3万元。公务接待费较上年同期增加0.9万元，增长21.95%。",
        {("three_public_total", "actual", None, 8.2), ("official_reception", "actual", None, 4.1)},
        exact=True,
    ),  # fmt: skip
    case(
        "numbered_bare_revenue_and_expenditure",
        "BARE_LABEL BARE_LABEL_KEYS",
        "一、部门整体支出概况\n2031年部门决算收支完成情况。\n1、收入：300.5万元。同比上年度增加20.5万元，增加7.32%。\n"
        "2、支出：290万元。其中：人员经费支出200万元，公用经费支出30万元，项目支出60万元。",
        {("revenue_current_year", "actual", None, 300.5), ("revenue_current_year", "yoy_delta", None, 20.5),
         ("revenue_current_year", "yoy_pct", None, 7.32), ("expenditure_current_year", "actual", None, 290.0),
         ("personnel_expenses", "actual", None, 200.0), ("public_expenses", "actual", None, 30.0),
         ("expenditure_project", "actual", None, 60.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "classes_of_another_budget",
        "OTHER_BUDGET_SECTION",
        "四、政府性基金预算支出决算情况说明\n2031年度政府性基金预算支出5万元。其中：按功能分类科目，城乡社区支出5万元。",
        set(),
        exact=True,
    ),
    case(
        "the_whole_a_share_is_of_and_a_caption",
        "SHARE_SPAN CAPTION CLAUSE_STARTS LINK_MAX",
        "三、支出决算情况说明\n2031年本年支出合计40万元，其中：基本支出30万元，占本年支出合计的75%；项目支出10万元，占25%。"
        "（图3：支出决算结构图）",
        {("expenditure_current_year", "actual", None, 40.0), ("expenditure_basic", "actual", None, 30.0),
         ("expenditure_basic", "share_pct", None, 75.0), ("expenditure_project", "actual", None, 10.0),
         ("expenditure_project", "share_pct", None, 25.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "performance_counts",
        "PERF_COUNT_WORDS PROJECT_COUNT PROJECT_COUNT_AFTER COUNT_CLAUSE_STOPS COUNT_WINDOW_STOP COUNT_UNITS",
        "十二、预算绩效管理情况\n本单位组织对4个项目开展了事前绩效评估，对11个项目编制了绩效目标，开展绩效监控的项目9个，"
        "其中，自评项目 7 个。",
        {("perf_prior_assessment_projects", "count", None, 4.0), ("perf_target_projects", "count", None, 11.0),
         ("perf_monitored_projects", "count", None, 9.0), ("perf_self_evaluated_projects", "count", None, 7.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "vehicles_and_equipment_held",
        "VEHICLES VEHICLES_BOUGHT_WORD EQUIPMENT",
        "十三、国有资产占用情况\n截至2031年12月31日，本单位共有车辆2 台，本年购置车辆1辆；单价100万元以上设备（不含车辆）3台（套）。",
        {("vehicles_count", "count", None, 2.0), ("large_equipment_count", "count", None, 3.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "vehicles_bought_and_held_in_one_clause",
        "VEHICLES_PAIRED VEHICLES_HELD_WORD",
        "七、“三公”经费支出情况\n2031年公务用车购置数及保有量分别为1辆和13辆。",
        {("vehicles_count", "count", None, 13.0)},
        exact=True,
    ),
    case(
        "vehicles_held_without_the_measure_word",
        "VEHICLES",
        "四、其他说明\n截至年末，某县现保有12台公务车，比上年减少3台。",
        {("vehicles_count", "count", None, 12.0)},
        exact=True,
    ),
    case(
        "vehicles_held_in_a_statistics_row_whose_label_carries_the_counter",
        "VEHICLES_UNIT_IN_LABEL",
        "二、相关统计数\n3.公务用车购置数(辆)   0\n4.公务用车保有量(辆)   7\n5.公务接待批次(批)   40",
        {("vehicles_count", "count", None, 7.0)},
        exact=True,
    ),
    case(
        "vehicles_held_in_a_table_row_read_through_its_cells",
        "VEHICLES_HELD_ROW_LABEL VEHICLES_HELD_ROW_COUNT",
        "某单位2031年度“三公”经费预算情况表\n| 项目 | 2031年预算数 |\n| 一、支出合计 | 6 |\n| 2、公务接待费 | 6 |\n"
        "| 二、相关统计数 | |\n| 4.公务用车保有量(辆) | 2 |\n| 5.公务接待批次(批) | 30 |\n",
        {("vehicles_count", "count", None, 2.0)},
        absent_values=(30.0,),
    ),
    case(
        "vehicles_total_named_by_its_cost",
        "STATEMENT_LABELS",
        "七、“三公”经费支出情况\n2031年“三公”经费支出26.5万元，其中：公务接待费8.5万元，公务用车费18万元。",
        {("three_public_total", "actual", None, 26.5), ("official_reception", "actual", None, 8.5),
         ("vehicle_total", "actual", None, 18.0)},
        exact=True,
    ),
    case(
        "totals_with_the_settlement_word_inside_the_label",
        "STATEMENT_LABELS",
        "一、收入支出决算总体情况说明\n2031年度收入、支出决算总计各为71.20万元。与上年相比，收、支决算总计各减少3.40万元，"
        "下降4.56%。\n二、财政拨款收入支出决算总体情况说明\n2031年度财政拨款收入、支出决算总计均为60.50万元。",
        {(GT_R, "actual", None, 71.2), (GT_E, "actual", None, 71.2), (GT_R, "yoy_delta", None, -3.4),
         (GT_E, "yoy_delta", None, -3.4), (GT_R, "yoy_pct", None, -4.56), (GT_E, "yoy_pct", None, -4.56),
         ("fiscal_grand_total", "actual", None, 60.5)},
        exact=True,
    ),
    case(
        "sme_share_within_one_kind_of_purchase_is_not_the_total_share",
        "OTHER_ITEMS",
        "（二）政府采购支出情况\n2031年度本单位政府采购支出总额20.00万元，其中：政府采购货物支出5.00万元。授予中小企业合同"
        "金额16.00万元，占政府采购支出总额的80%。货物采购授予中小企业合同金额占货物支出金额的60%，服务采购授予中小企业"
        "合同金额占服务支出金额的86.67%。",
        {("procurement_sme", "share_pct", None, 80.0), ("procurement_sme", "actual", None, 16.0)},
        absent_values=(60.0, 86.67),
    ),
    case(
        "performance_target_counts_by_other_verbs",
        "PERF_COUNT_WORDS PROJECT_COUNT",
        "（四）预算绩效管理情况\n本单位对7个项目确定了绩效目标，对6个项目开展了绩效运行监控。",
        {("perf_target_projects", "count", None, 7.0), ("perf_monitored_projects", "count", None, 6.0)},
        exact=True,
    ),
    case(
        "performance_target_count_after_the_project_word",
        "PERF_COUNT_WORDS PROJECT_COUNT_AFTER",
        "（四）预算绩效管理情况\n纳入绩效目标管理的项目共5个。",
        {("perf_target_projects", "count", None, 5.0)},
        exact=True,
    ),
    case(
        "execution_rate_written_as_a_share_of_the_budget",
        "EXECUTION_RATE",
        "五、一般公共预算财政拨款支出决算情况说明\n2031年度一般公共预算财政拨款支出决算为33.00万元，为年初预算的110%。",
        {("gpb_expenditure", "actual", None, 33.0), ("gpb_expenditure", "execution_rate_pct", None, 110.0)},
        exact=True,
    ),
    case(
        "items_enumerated_without_their_mark",
        "ENUMERATED_ITEM ENUMERATED_ITEM_BEFORE_STOP ITEM_FIGURES_AHEAD",
        "（三）一般公共预算财政拨款支出决算具体情况\n2031年度一般公共预算财政拨款支出决算为41.00万元。其中：\n"
        "1.行政运行（2070101）：年初预算为30.00万元，支出决算为31.00万元，完成年初预算的103.33%。\n"
        "2.群众文化。年初预算为8.00万元，支出决算为10.00万元，完成年初预算的125%。\n"
        "3.文化旅游体育与传媒支出：年初预算为38.00万元，支出决算为41.00万元。",
        {("gpb_expenditure", "actual", None, 41.0),
         ("function_item_expenditure", "budget", "行政运行", 30.0), ("function_item_expenditure", "actual", "行政运行", 31.0),
         ("function_item_expenditure", "execution_rate_pct", "行政运行", 103.33),
         ("function_item_expenditure", "budget", "群众文化", 8.0), ("function_item_expenditure", "actual", "群众文化", 10.0),
         ("function_item_expenditure", "execution_rate_pct", "群众文化", 125.0)},
        absent_values=(38.0,),  # the class line heads its items: it is no item
    ),  # fmt: skip
    case(
        "enumerated_three_public_lines_are_no_functional_items",
        "NOT_ITEM_SECTION",
        "（二）“三公”经费财政拨款支出决算具体情况说明\n1.国内接待：支出决算为0.60万元。\n2.公务接待费：支出决算为0.60万元。",
        {("official_reception", "actual", None, 0.6)},
        absent={("function_item_expenditure", "actual", "国内接待", 0.6)},
    ),
    case(
        "a_label_named_with_last_year_states_no_figure_but_its_change",
        "PRIOR_YEAR_LABEL NAMED_YEAR_LABEL",
        "一、收入支出决算总体情况说明\n2031年度收、支总计120.00万元，2030年度收、支总计100.00万元，增加20.00万元，增长20%。\n"
        "七、“三公”经费支出情况\n2031年“三公”经费支出决算为5.00万元，上年“三公”经费支出决算为6.00万元，减少1.00万元。",
        {(GT_R, "actual", None, 120.0), (GT_E, "actual", None, 120.0), (GT_R, "yoy_delta", None, 20.0),
         (GT_E, "yoy_delta", None, 20.0), (GT_R, "yoy_pct", None, 20.0), (GT_E, "yoy_pct", None, 20.0),
         ("three_public_total", "actual", None, 5.0), ("three_public_total", "yoy_delta", None, -1.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "two_values_right_after_a_label_that_names_two_figures",
        "PAIRED_AMOUNTS PAIRED_PERCENTS",
        "一、收入支出决算总体情况说明\n2031年度收、支总计88.50,90.20万元。与上年相比，收、支总计增加1.50、2.20万元，增长1.72%、2.5%。",
        {(GT_R, "actual", None, 88.5), (GT_E, "actual", None, 90.2), (GT_R, "yoy_delta", None, 1.5),
         (GT_E, "yoy_delta", None, 2.2), (GT_R, "yoy_pct", None, 1.72), (GT_E, "yoy_pct", None, 2.5)},
        exact=True,
    ),  # fmt: skip
    case(
        "the_class_of_other_expenditure",
        "FUNCTIONAL_CLASSES",
        "（二）一般公共预算财政拨款支出决算结构情况\n2031年度一般公共预算财政拨款支出40万元，其中：农林水支出36万元，占90%；"
        "其他支出4万元，占10%。",
        {("function_class_expenditure", "actual", "农林水支出", 36.0), ("function_class_expenditure", "actual", "其他支出", 4.0),
         ("function_class_expenditure", "share_pct", "其他支出", 10.0)},
    ),  # fmt: skip
    case(
        "the_general_budgets_basic_and_project_expenditure_are_not_the_units",
        "STATEMENT_LABELS OTHER_ITEMS",
        "三、支出决算情况说明\n2031年度本年支出合计80.00万元，其中：基本支出60.00万元，项目支出20.00万元。\n"
        "六、一般公共预算基本支出决算情况说明\n2031年度一般公共预算基本支出58.00万元。\n"
        "七、一般公共预算项目支出决算情况说明\n2031年度一般公共预算项目支出18.00万元，比上年减少2.00万元。\n"
        "十二、机构运行经费支出决算情况说明\n2031年度机构运行经费支出8.00万元；车辆购置费0万元。",
        {("expenditure_current_year", "actual", None, 80.0), ("expenditure_basic", "actual", None, 60.0),
         ("expenditure_project", "actual", None, 20.0), ("gpb_basic_expenditure", "actual", None, 58.0),
         ("admin_operating_expenses", "actual", None, 8.0), ("vehicle_purchase", "actual", None, 0.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "labels_with_loose_quotes_and_parentheses",
        "LABEL_OPTIONAL_CHARS LABEL_EQUIVALENT_CHARS",
        "七、三公经费支出情况\n三公经费财政拨款支出决算为9万元，其中：因公出国(境)费支出决算0万元，占0%。",
        {("three_public_total", "actual", None, 9.0), ("outbound_travel", "actual", None, 0.0),
         ("outbound_travel", "share_pct", None, 0.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "an_amount_arranged_is_a_budget_not_an_actual",
        "BUDGET_ALLOCATION",
        "（二）“三公”经费支出具体情况\n3.公务接待费安排6.50万元，实际支出4.20万元，比上年减少0.30万元。"
        "机关运行经费年初预算安排12.00万元，支出决算11.00万元。",
        {("official_reception", "budget", None, 6.5), ("official_reception", "actual", None, 4.2),
         ("official_reception", "yoy_delta", None, -0.3), ("admin_operating_expenses", "budget", None, 12.0),
         ("admin_operating_expenses", "actual", None, 11.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "procurement_total_in_news_wording_and_a_scale_of_one_kind_of_unit",
        "STATEMENT_LABELS OTHER_BUDGET_QUALIFIERS ECONOMY_RATIO OTHER_ITEMS",
        "记者获悉：2031年某省政府采购规模为120.5亿元，较上年减少6.5亿元，下降5.12%，占全省财政支出的比重为9.1%。"
        "省级预算单位、市县预算单位政府采购规模分别为20.5亿元和100.0亿元。货物、工程、服务政府采购规模分别为40.5亿元、"
        "30.0亿元和50.0亿元。全省政府采购授予中小微企业合同金额为90.0亿元，占全省政府采购规模的74.69%。",
        {("procurement_total", "actual", None, 120.5), ("procurement_total", "yoy_delta", None, -6.5),
         ("procurement_total", "yoy_pct", None, -5.12), ("procurement_sme", "actual", None, 90.0),
         ("procurement_sme", "share_pct", None, 74.69),
         # the kinds listed at once are no total, but each kind's own amount (LISTED_PARTS_OF)
         ("procurement_goods", "actual", None, 40.5), ("procurement_works", "actual", None, 30.0),
         ("procurement_services", "actual", None, 50.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "the_vehicles_parts_by_short_names_after_their_total_and_ratios_to_a_budget",
        "SUB_LABELS EXECUTION_RATE NAMED_BUDGET_RATIO",
        "七、“三公”经费支出决算情况说明\n2031年全县“三公”经费决算支出60.00万元，为预算的75%，比上年减少4.00万元，下降6.25%。"
        "其中：因公出国（境）费0万元；公务用车购置及运行费40.00万元，其中公务用车购置费10.00万元、运行维护费30.00万元，"
        "占公务用车购置及运行费年初预算的80%；公务接待费20.00万元，占全年“三公”经费预算的25%。"
        "机关运行经费支出8.00万元，其中办公设备购置费2.00万元。",
        {("three_public_total", "actual", None, 60.0), ("three_public_total", "execution_rate_pct", None, 75.0),
         ("three_public_total", "yoy_delta", None, -4.0), ("three_public_total", "yoy_pct", None, -6.25),
         ("outbound_travel", "actual", None, 0.0), ("vehicle_total", "actual", None, 40.0),
         ("vehicle_purchase", "actual", None, 10.0), ("vehicle_operation", "actual", None, 30.0),
         ("official_reception", "actual", None, 20.0), ("admin_operating_expenses", "actual", None, 8.0)},
        absent_values=(80.0, 25.0, 2.0),  # 80% is the total's rate, not the running costs'; 25% no field
    ),  # fmt: skip
    case(
        "the_budget_stated_inside_the_rate",
        "BUDGET_IN_RATE BUDGET_IN_RATE_AFTER BUDGET_IN_RATE_LINK",
        "（一）“三公”经费财政拨款支出决算总体情况说明\n某某测试院2031年度“三公”经费财政拨款支出决算为30.00万元，完成全年预算"
        "40.00万元的75%，比上年决算数增加6.00万元，增长25%；比2028年决算数减少2.00万元，降低6.25%。其中：公务用车购置支出决算"
        "为0万元，完成预算0万元的--%，比上年决算数增加0万元，增长--（基数为0，不可比）。",
        {("three_public_total", "actual", None, 30.0), ("three_public_total", "budget", None, 40.0),
         ("three_public_total", "execution_rate_pct", None, 75.0), ("three_public_total", "yoy_delta", None, 6.0),
         ("three_public_total", "yoy_pct", None, 25.0), ("vehicle_purchase", "actual", None, 0.0),
         ("vehicle_purchase", "budget", None, 0.0), ("vehicle_purchase", "yoy_delta", None, 0.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "the_vehicles_parts_in_an_aside",
        "SUB_LABELS ASIDE",
        "七、“三公”经费支出情况\n公务用车购置及运行费40.00万元（其中：购置费10.00万元，运行费30.00万元），占预算的80%。",
        {("vehicle_total", "actual", None, 40.0), ("vehicle_purchase", "actual", None, 10.0),
         ("vehicle_operation", "actual", None, 30.0), ("vehicle_total", "execution_rate_pct", None, 80.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "vehicle_purchase_written_as_the_vehicles_spending",
        "STATEMENT_LABELS",
        "三、公务用车购置及运行维护费\n2031年公务用车购置及运行维护费共计7.20万元。2031年按规定更新购置公务用车0辆，"
        "车辆购置支出0万元。2031年车辆运行维护费支出7.20万元。",
        {("vehicle_total", "actual", None, 7.2), ("vehicle_purchase", "actual", None, 0.0),
         ("vehicle_operation", "actual", None, 7.2)},
        exact=True,
    ),  # fmt: skip
    # news about a government's 三公 and procurement (session 9, accounts6)
    case(
        "a_budget_comparison_carried_to_bare_changes",
        "COMPARISON_BASES",
        "报告显示，2031年某测试局“三公”经费支出合计6.00万元，比预算数减少1.00万元。其中，因公出国（境）费1.00万元，比预算数"
        "减少0.50万元；公务用车购置及运行费3.00万元，减少0.30万元；公务接待费2.00万元，减少0.20万元。",
        {("three_public_total", "actual", None, 6.0), ("outbound_travel", "actual", None, 1.0),
         ("vehicle_total", "actual", None, 3.0), ("official_reception", "actual", None, 2.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "a_later_years_budget_and_its_parts",
        "LATER_YEAR_LABEL",
        "某测试局公布了2030年决算和2031年预算：2031年本级“三公”经费财政拨款预算9.00万元。其中，因公出国（境）经费1.00万元，"
        "公务用车购置及运行费5.00万元，公务接待费3.00万元。经汇总，2030年本级“三公”经费决算支出8.00万元。其中，因公出国（境）"
        "经费2.00万元，公务用车购置及运行费4.00万元，公务接待费2.00万元。",
        {("three_public_total", "actual", None, 8.0), ("outbound_travel", "actual", None, 2.0),
         ("vehicle_total", "actual", None, 4.0), ("official_reception", "actual", None, 2.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "parts_named_inside_a_budget",
        "BUDGET_CONTAINER ACTUAL_WORDS",
        "2031年某测试署“三公”经费财政拨款预算中，因公出国（境）费6万元，公务用车购置及运行费12万元，公务接待费8万元，实际支出7万元。",
        {("outbound_travel", "budget", None, 6.0), ("vehicle_total", "budget", None, 12.0),
         ("official_reception", "budget", None, 8.0), ("official_reception", "actual", None, 7.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "the_parts_named_together_name_the_total",
        "WHOLE_OF_PARTS PARTS_JOIN",
        "据报道，2031年某测试署因公出国（境）费、公务用车购置及运行费和公务接待费的财政拨款预算数30.5万元、决算数28.25万元。",
        {("three_public_total", "budget", None, 30.5), ("three_public_total", "actual", None, 28.25)},
        exact=True,
    ),  # fmt: skip
    case(
        "parts_listed_with_each_their_amount",
        "EACH_CUE",
        "2031年某测试署因公出国（境）费、公务用车购置及运行费、公务接待费分别为1万元、2万元和3万元。",
        set(),
        absent={("three_public_total", "actual", None, 1.0), ("three_public_total", "actual", None, 3.0)},
    ),  # fmt: skip
    case(
        "the_kinds_listed_with_each_their_amount_and_share",
        "LISTED_PARTS_OF LISTED_JOIN LISTED_CUE LISTED_SHARES WAN_PART",
        "据测试部消息，2031年全国政府采购规模为300.0亿元。从结构来看，货物、工程、服务政府采购规模分别为60.0亿元、1万90.0亿元"
        "和150.0亿元，占全国政府采购规模比例为20.0%、30.0%和50.0%。中央预算单位、地方预算单位政府采购规模分别为30亿元和270亿元。",
        {("procurement_total", "actual", None, 300.0), ("procurement_goods", "actual", None, 60.0),
         ("procurement_works", "actual", None, 10090.0), ("procurement_services", "actual", None, 150.0),
         ("procurement_goods", "share_pct", None, 20.0), ("procurement_works", "share_pct", None, 30.0),
         ("procurement_services", "share_pct", None, 50.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "kinds_listed_for_another_year_or_with_too_few_amounts",
        "LISTED_PARTS_OF",
        "2031年度政府采购支出总额30万元。2030年货物、服务采购支出分别为1万元、2万元。工程、服务采购支出分别为5万元。",
        {("procurement_total", "actual", None, 30.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "a_bare_total_in_a_sentence_about_one_topic",
        "TOPIC_TOTAL_WORDINGS TOPIC_TOTALS",
        "记者注意到，自2027年首次公布“三公”经费以来，该项支出已实现五连降：2030年支出合计5.3亿元，较上一年减少0.4亿元；"
        "2031年支出合计5.1亿元，较上一年减少0.2亿元。",
        {("three_public_total", "actual", None, 5.1), ("three_public_total", "yoy_delta", None, -0.2)},
        exact=True,
    ),  # fmt: skip
    case(
        "figures_of_several_units_named_before_them",  # their scopes: test_figures_of_several_units_named_before_them…
        "SCOPE_UNIT MIN_SCOPED_UNITS",
        "据测试社报道，2031年某市市级部门“三公”经费财政拨款决算500万元。其中，今年某市测试局的“三公”经费财政拨款决算数为"
        "30.5万元，其中公车购置费为0元；某市样例委员会“三公”经费财政拨款决算数为12.25万元。",
        {("three_public_total", "actual", None, 500.0), ("three_public_total", "actual", None, 30.5),
         ("vehicle_purchase", "actual", None, 0.0), ("three_public_total", "actual", None, 12.25)},
        exact=True,
    ),  # fmt: skip
    case(
        "part_of_a_year_and_an_earlier_year_a_few_words_before_the_label",
        "PART_YEAR LATER_YEAR_LABEL",
        "2031年某市“三公”经费决算支出900万元。1-6月，全市“三公”经费累计支出400万元，同比下降6%。"
        "2028年中央行政单位“三公”经费支出合计990万元。经汇总，2029年中央行政单位、事业单位和其他单位“三公”支出合计980万元。"
        "同2030年相比，公务接待费减少5万元。",
        {("three_public_total", "actual", None, 900.0), ("official_reception", "yoy_delta", None, -5.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "a_comparison_of_two_other_years_and_parts_of_an_earlier_years_total",
        "COMPARISON_MEASURES",
        "据报道，2031年某市“三公”经费支出合计9.00亿元，较上年减少1.00亿元。经汇总，2027年某市行政单位“三公”经费支出合计"
        "20.00亿元。其中，因公出国（境）经费3.00亿元，公务接待费5.00亿元。某市“三公”经费逐年下降，2029年较2028年下降超过20%。",
        {("three_public_total", "actual", None, 9.0), ("three_public_total", "yoy_delta", None, -1.0)},
        exact=True,
    ),  # fmt: skip
    case(
        "a_bare_side_word_names_the_side_of_the_totals",
        "SIDE_SUBJECT SIDE_TOPICS",
        "（一）收入支出决算总体情况说明\n本部门2031年度收入总计120.00万元，支出总计110.00万元。与2030年决算数相比，收入增加"
        "12.00万元、增长11.11%，主要原因是项目增加。支出增加8.00万元，增长7.84%，主要原因是增人增资。",
        {(GT_R, "actual", None, 120.0), (GT_E, "actual", None, 110.0), (GT_R, "yoy_delta", None, 12.0),
         (GT_R, "yoy_pct", None, 11.11), (GT_E, "yoy_delta", None, 8.0), (GT_E, "yoy_pct", None, 7.84)},
        exact=True,
    ),  # fmt: skip
    case(
        "a_side_word_before_its_comparison_and_both_sides_at_once",
        "SIDE_SUBJECT SIDE_TOPICS",
        "1.总体情况。2031年度收入总计500.50万元，支出总计500.50万元。收支较上年决算数增加40.25万元，增长8.75%。\n"
        "2.收入支出总体情况。2031年度某所收入总计800.25万元，支出总计810.25万元。收入较上年减少20.50万元，降低2.50%，"
        "主要原因为某某。支出较上年减少10.50万元，降低1.28%。",
        {(GT_R, "actual", None, 500.5), (GT_E, "actual", None, 500.5), (GT_R, "yoy_delta", None, 40.25),
         (GT_E, "yoy_delta", None, 40.25), (GT_R, "yoy_pct", None, 8.75), (GT_E, "yoy_pct", None, 8.75),
         (GT_R, "actual", None, 800.25), (GT_E, "actual", None, 810.25), (GT_R, "yoy_delta", None, -20.5),
         (GT_R, "yoy_pct", None, -2.5), (GT_E, "yoy_delta", None, -10.5), (GT_E, "yoy_pct", None, -1.28)},
        exact=True,
    ),  # fmt: skip
    case(
        "older_and_shorter_names_of_the_general_budget_and_the_cars",
        "STATEMENT_LABELS",
        "收入合计300.00万元，主要原因是一般公共财政拨款收入较上年增加30.10万元。“三公”经费中，公务用车购置30.00万元；"
        "公车运行及维护60.00万元，较上年下降12%。",
        {("revenue_gpb", "yoy_delta", None, 30.1), ("vehicle_operation", "actual", None, 60.0),
         ("vehicle_operation", "yoy_pct", None, -12.0)},
        absent={("revenue_fiscal", "yoy_delta", None, 30.1), ("vehicle_purchase", "actual", None, 60.0)},
    ),  # fmt: skip
    case(
        "a_side_word_inside_a_label_is_the_label",
        "SIDE_SUBJECT REASON_OPENER",
        "本部门2031年度支出总计80.00万元。与上年相比，支出增加的主要原因是购置设备支出12.00万元。2031年本年收入合计50.00万元，"
        "其中：其他收入增加2.00万元。",
        {("revenue_current_year", "actual", None, 50.0), (GT_E, "actual", None, 80.0)},
        absent={(GT_R, "yoy_delta", None, 2.0), ("revenue_current_year", "yoy_delta", None, 2.0)},
        absent_values=(12.0,),
    ),  # fmt: skip
    case(
        "the_unit_named_before_its_revenue_and_expenditure",
        "STATEMENT_LABELS",
        "二、测试卫生院2031年度部门决算情况说明\n2031年度，测试卫生院单位支出为88.1234万元。其中：基本支出50.0000万元。",
        {("expenditure_current_year", "actual", None, 88.1234), ("expenditure_basic", "actual", None, 50.0)},
    ),  # fmt: skip
    case(
        "a_label_split_by_a_quote_and_a_space",
        "STATEMENT_LABELS",
        "测试法院 2031 年度一般公共预算财政拨款“三公” 经费支出预算为 30 万元，支出决算为 27.5 万元，完成预算的 91.7%。",
        {("three_public_total", "budget", None, 30.0), ("three_public_total", "actual", None, 27.5),
         ("three_public_total", "execution_rate_pct", None, 91.7)},
    ),  # fmt: skip
    case(
        "a_label_a_qualifier_interrupts",
        "LABEL_QUALIFIER",
        "（二）公务用车购置及运行费支出12.00万元。其中：公务用车购置支出0万元，年末公务用车保有量5辆。公务用车（含执勤执法用车）"
        "运行支出12.00万元，主要用于机要文件交换。",
        {("vehicle_total", "actual", None, 12.0), ("vehicle_purchase", "actual", None, 0.0),
         ("vehicle_operation", "actual", None, 12.0)},
    ),  # fmt: skip
    case(
        "an_amount_in_yi_written_with_wan",
        "WAN_IN_YI",
        "据财政部消息，2031年全国政府采购规模为3万4993.1亿元，较上年减少1405.9亿元，下降3.9%。",
        {("procurement_total", "actual", None, 34993.1), ("procurement_total", "yoy_delta", None, -1405.9),
         ("procurement_total", "yoy_pct", None, -3.9)},
        exact=True,
    ),  # fmt: skip
]


def _scoped(text: str) -> set[tuple[str, str, float, str | None]]:
    doc = normalize(text)
    return {
        (c.item.key, c.item.measure, round(c.item.value, 4), c.item.scope)
        for c in RulesExtractor().extract(doc, chunk(doc)).candidates
        if isinstance(c.item, Figure)
    }


def test_figures_of_several_units_named_before_them_are_each_units() -> None:
    """News naming units before their figures gives each unit's figure its scope."""
    found = _scoped(
        "据测试社报道，2031年某市市级部门“三公”经费财政拨款决算500万元。其中，今年某市测试局的“三公”经费财政拨款决算数为"
        "30.5万元，其中公车购置费为0元；某市样例委员会“三公”经费财政拨款决算数为12.25万元。"
    )
    assert ("three_public_total", "actual", 500.0, None) in found
    assert ("three_public_total", "actual", 30.5, "某市测试局") in found
    assert ("vehicle_purchase", "actual", 0.0, "某市测试局") in found
    assert ("three_public_total", "actual", 12.25, "某市样例委员会") in found


def test_one_unit_named_before_its_figures_gives_no_scope() -> None:
    found = _scoped("2031年某市测试局“三公”经费财政拨款决算数为30.5万元，其中公务接待费为2万元。")
    assert {scope for *_, scope in found} == {None}


def test_a_change_compared_with_nothing_is_read_but_flagged() -> None:
    """"公务接待费5万元，减少1万元" says not what the change is against: the rules read it as year on year and flag it
    `basis_guessed` (the scorer caps it under the threshold); "比上年减少" says it, and is read as before."""
    doc = normalize("（三）公务接待费\n2031年某测试局公务接待费5.00万元，减少1.00万元。因公出国（境）费2.00万元，比上年减少0.50万元。")
    changes = {
        c.item.key: c.flags
        for c in RulesExtractor().extract(doc, chunk(doc)).candidates
        if isinstance(c.item, Figure) and c.item.measure == "yoy_delta"
    }
    assert changes["official_reception"] == ["basis_guessed"]
    assert changes["outbound_travel"] == []


def test_a_change_carried_from_a_sentence_of_several_figures_is_flagged() -> None:
    """"收入总计A，支出总计B。与上年相比，增加C" does not say which total grew: the change is read for the last one
    (as before) and flagged `subject_guessed` (the scorer caps it under the threshold); after a sentence of one figure
    it is read as before."""
    doc = normalize(
        "（一）收入支出决算总体情况\n2031年度收入总计60.00万元，支出总计58.00万元。与上年相比，增加3.00万元，增长5.45%。"
        "\n（二）公务接待费\n2031年度公务接待费2.00万元。与上年相比，减少0.40万元。"
    )
    changes = {
        c.item.key: c.flags
        for c in RulesExtractor().extract(doc, chunk(doc)).candidates
        if isinstance(c.item, Figure) and c.item.measure == "yoy_delta"
    }
    assert changes[GT_E] == ["subject_guessed"]
    assert changes["official_reception"] == []


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_statement_pattern(case: Case) -> None:
    found = _figures(case.text)
    if case.exact:
        assert found == case.expected
    else:
        assert case.expected <= found
    assert not (found & case.absent)
    assert not {f for f in found if f[3] in case.absent_values}


_SECTION_START = "# Statement grammar"
_SECTION_END = "# Report meta"


def _grammar_entries() -> set[str]:
    """The names the statement-grammar section of extractor/vocabulary.py defines."""
    path = Path(__file__).resolve().parents[1] / "extractor" / "vocabulary.py"
    source = path.read_text(encoding="utf-8")
    first_line = source[: source.index(_SECTION_START)].count("\n") + 1
    last_line = source[: source.index(_SECTION_END)].count("\n") + 1
    names = set()
    for node in ast.parse(source).body:
        if not first_line < node.lineno < last_line:
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        names.update(t.id for t in targets if isinstance(t, ast.Name) and not t.id.startswith("_"))
    return names


def test_every_grammar_entry_has_a_case() -> None:
    exercised = {entry for c in CASES for entry in c.entries}
    assert exercised <= _grammar_entries(), "a case names an entry the grammar does not define"
    assert _grammar_entries() - exercised == set()
