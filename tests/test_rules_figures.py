"""Rules for figures: sentence and table cases written for the tests (not copied from the samples)."""

from __future__ import annotations

import pytest

from extractor.chunk import chunk
from extractor.extract.rules import RulesExtractor
from extractor.normalize import normalize
from schemas import Figure


def _figures(text: str) -> set[tuple[str, str, str | None, float]]:
    doc = normalize(text)
    extraction = RulesExtractor().extract(doc, chunk(doc))
    out = set()
    for candidate in extraction.candidates:
        if isinstance(candidate.item, Figure):
            f = candidate.item
            assert doc.source[f.evidence.start : f.evidence.end].replace("\n", "") .replace(" ", "") != ""
            out.add((f.key, f.measure, f.subject, round(f.value, 4)))
    return out


CASES = [
    (  # the vehicle items named with 支出 for 费: "公务用车购置支出", "公务用车运行支出"
        "（二）公务用车购置及运行费支出 6.40万元。其中：\n公务用车购置支出0万元。\n公务用车运行支出 6.40万元。主要用于下乡。",
        {
            ("vehicle_total", "actual", None, 6.4), ("vehicle_purchase", "actual", None, 0.0),
            ("vehicle_operation", "actual", None, 6.4),
        },
    ),
    (
        "一、收入支出决算总体情况说明\n2021年度收、支总计3,210.50万元。与2020年相比，收、支总计各减少120.25万元，下降3.61%。",
        {
            ("grand_total_revenue", "actual", None, 3210.5), ("grand_total_expenditure", "actual", None, 3210.5),
            ("grand_total_revenue", "yoy_delta", None, -120.25), ("grand_total_expenditure", "yoy_delta", None, -120.25),
            ("grand_total_revenue", "yoy_pct", None, -3.61), ("grand_total_expenditure", "yoy_pct", None, -3.61),
        },
    ),
    (
        "三、支出决算情况说明\n2021年本年支出合计500万元，其中：基本支出400万元，占80%；项目支出100万元，占20%。",
        {
            ("expenditure_current_year", "actual", None, 500.0), ("expenditure_basic", "actual", None, 400.0),
            ("expenditure_basic", "share_pct", None, 80.0), ("expenditure_project", "actual", None, 100.0),
            ("expenditure_project", "share_pct", None, 20.0),
        },
    ),
    (
        "七、“三公”经费支出情况\n“三公”经费财政拨款支出预算为10万元，支出决算为8.5万元，完成预算的85%，比上年增加0.5万元，增长6.25%。",
        {
            ("three_public_total", "budget", None, 10.0), ("three_public_total", "actual", None, 8.5),
            ("three_public_total", "execution_rate_pct", None, 85.0), ("three_public_total", "yoy_delta", None, 0.5),
            ("three_public_total", "yoy_pct", None, 6.25),
        },
    ),
    (
        "十、政府采购情况\n本单位政府采购支出总额120万元，其中：政府采购货物支出20万元、政府采购工程支出0万元、政府采购服务支出100万元。"
        "授予中小企业合同金额90万元，占政府采购支出总额的75%。",
        {
            ("procurement_total", "actual", None, 120.0), ("procurement_goods", "actual", None, 20.0),
            ("procurement_works", "actual", None, 0.0), ("procurement_services", "actual", None, 100.0),
            ("procurement_sme", "actual", None, 90.0), ("procurement_sme", "share_pct", None, 75.0),
        },
    ),
    (
        "（三）一般公共预算财政拨款支出决算具体情况\n农林水支出（类）农业农村（款）事业运行（项）。年初预算为50万元，支出决算为45万元，完成年初预算的90%。",
        {
            ("function_item_expenditure", "budget", "事业运行", 50.0),
            ("function_item_expenditure", "actual", "事业运行", 45.0),
            ("function_item_expenditure", "execution_rate_pct", "事业运行", 90.0),
        },
    ),
    (
        "十二、预算绩效情况说明\n本单位组织对5个项目开展了事前绩效评估，对20个项目编制了绩效目标，对18个项目开展绩效自评。截至年底，单位共有车辆2辆。",
        {
            ("perf_prior_assessment_projects", "count", None, 5.0), ("perf_target_projects", "count", None, 20.0),
            ("perf_self_evaluated_projects", "count", None, 18.0), ("vehicles_count", "count", None, 2.0),
        },
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentence_figures(text: str, expected: set) -> None:
    assert _figures(text) == expected


def test_other_budgets_are_not_read_as_the_general_budget() -> None:
    figures = _figures("八、政府性基金预算支出情况\n2021年政府性基金预算财政拨款支出0万元。")
    assert not any(f[0] == "gpb_expenditure" for f in figures)


def test_a_summary_table_gives_its_labeled_amounts() -> None:
    text = (
        "## 收入支出决算总表\n"
        "项目\t行次\t金额\t项目\t行次\t金额\n"
        "一、一般公共预算财政拨款收入\t1\t1,200.00\t一、一般公共服务支出\t32\t100.00\n"
        "<b>本年收入合计</b>\t27\t1,250.00\t<b>本年支出合计</b>\t58\t1,240.00\n"
        "<b>总计</b>\t31\t1,300.00\t<b>总计</b>\t62\t1,300.00\n"
    )
    assert _figures(text) == {
        ("revenue_gpb", "actual", None, 1200.0),
        ("revenue_current_year", "actual", None, 1250.0),
        ("expenditure_current_year", "actual", None, 1240.0),
        ("grand_total_revenue", "actual", None, 1300.0),
        ("grand_total_expenditure", "actual", None, 1300.0),
    }


def test_a_change_against_a_year_written_with_spaces_is_signed() -> None:
    found = _figures("2.公务接待费支出 3.20 万元。公务接待费支出决算比 2030 年度减少 0.45 万元，下降 12.33%。")
    assert ("official_reception", "yoy_delta", None, -0.45) in found
    assert ("official_reception", "yoy_pct", None, -12.33) in found


def test_an_amount_of_another_cost_is_not_the_labels() -> None:
    found = _figures("公用经费120.50万元，较上年增加10.20万元，主要是会议费在公用经费中列支，另外劳务费增加 3 万元，差旅费支出增加 2.10 万元。")
    assert ("public_expenses", "actual", None, 120.5) in found
    assert ("public_expenses", "yoy_delta", None, 10.2) in found
    assert not any(value in (3.0, 2.1) for *_, value in found)


def test_sources_and_uses_of_funds_name_both_totals() -> None:
    found = _figures("2031 年资金来源和资金占用较 2030 年减少 97.03 万元，减少 5.53%。")
    assert {("grand_total_revenue", "yoy_delta", None, -97.03), ("grand_total_expenditure", "yoy_pct", None, -5.53)} <= found


def test_a_table_of_year_columns_gives_the_latest_years_budget_and_actual() -> None:
    text = (
        "附件1 基础数据表\n"
        "经费控制情况（万元）\t2030 年决算数\t2031 年预算数\t2031 年决算数\n"
        "“三公”经费\t4.20\t5.5\t3.10\n"
        "其中：办公经费\t8\t8\t8\n"
        "部门基本支出预算调整\t---\t12\n"
        "公用经费\t51.00\t\t60.25\t\t58.75\n"
        "政府采购金额\t---\t\t300.5\t\t280\n"
    )
    found = _figures(text)
    assert {
        ("three_public_total", "budget", None, 5.5), ("three_public_total", "actual", None, 3.1),
        ("public_expenses", "budget", None, 60.25), ("public_expenses", "actual", None, 58.75),
        ("procurement_total", "budget", None, 300.5), ("procurement_total", "actual", None, 280.0),
    } <= found  # fmt: skip
    assert not {f for f in found if f[3] in (4.2, 51.0, 12.0)}  # the earlier year's column and a longer label are not read


def test_basic_expenditure_qualified_by_fiscal_funds_is_the_fiscal_one() -> None:
    found = _figures("二、一般公共预算支出情况\n2031年财政资金年初基本支出预算安排 820.50 万元，全年基本支出900.00万元。")
    assert ("gpb_basic_expenditure", "budget", None, 820.5) in found
    assert ("expenditure_basic", "actual", None, 900.0) in found


def test_project_counts_written_after_the_projects() -> None:
    found = _figures("十一、预算绩效管理情况说明\n本部门对12个项目开展了绩效自评，编制绩效目标的项目15个，开展绩效监控的项目10个。")
    assert {("perf_self_evaluated_projects", "count", None, 12.0), ("perf_target_projects", "count", None, 15.0),
            ("perf_monitored_projects", "count", None, 10.0)} <= found  # fmt: skip
