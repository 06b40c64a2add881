"""Hand-labeled gold for 004_d3fbde7961496598 (四川省大数据中心 2023 单位决算 + 12 项目自评表).

Figures and the unit's narratives are typed here by a person reading lines 1–467 and the appended
outline (4438–4521: titles and two repeated sentences, nothing new). The 12 project forms are
typed in `004_forms.txt` beside this file (format in `forms.py`). Rebuild with `python eval/gold/build/004.py`, then `python -m eval.gold_check fill` and `check`.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from forms import fig, joined, parse_forms, read_sample, write_gold  # noqa: E402

STEM = "004_d3fbde7961496598"
RAW, SOURCE, LINES = read_sample(STEM)


def lines(a: int, b: int) -> str:
    return joined(LINES, a, b)


F = []
for key in ("grand_total_revenue", "grand_total_expenditure"):
    F += [fig(key, "actual", 20685.29, "2023 年度收、支总计均为 20685.29 万元"),
          fig(key, "yoy_delta", -0.91, "收、支总计各减少 0.91 万元")]
F += [
    fig("revenue_current_year", "actual", 20685.29, "2023 年度本年收入合计 20685.29 万元"),
    fig("revenue_gpb", "actual", 20685.29, "一般公共预算财政拨款收入 20685.29 万元"),
    fig("revenue_gpb", "share_pct", 100, "一般公共预算财政拨款收入 20685.29 万元，占 100%", "%"),
    fig("expenditure_current_year", "actual", 20685.29, "2023 年度本年支出合计 20685.29 万元"),
    fig("expenditure_basic", "actual", 4733.08, "基本支出 4733.08 万元"),
    fig("expenditure_basic", "share_pct", 22.88, "基本支出 4733.08 万元，占 22.88%", "%"),
    fig("expenditure_project", "actual", 15952.21, "项目支出 15952.21 万元"),
    fig("expenditure_project", "share_pct", 77.12, "项目支出 15952.21 万元，占 77.12%", "%"),
    fig("fiscal_grand_total", "actual", 20685.29, "2023 年度财政拨款收、支总计均为 20685.29 万元"),
    fig("fiscal_grand_total", "yoy_delta", -0.91, "财政拨款收、支总计各减少 0.91 万元"),
    fig("gpb_expenditure", "actual", 20685.29, "2023 年度一般公共预算财政拨款支出 20685.29 万元，占本年支出合计的 100%"),
    fig("gpb_expenditure", "share_pct", 100, "2023 年度一般公共预算财政拨款支出 20685.29 万元，占本年支出合计的 100%", "%"),
    fig("gpb_expenditure", "yoy_delta", -0.91, "一般公共预算财政拨款支出减少 0.91 万元"),
    fig("gpb_expenditure", "execution_rate_pct", 95.98, "2023 年度一般公共预算支出决算数为 20685.29 万元，完成预算 95.98%", "%"),
]
for subject, value, share in (("一般公共服务支出", 19644.36, 94.97), ("教育支出", 46.49, 0.22),
                              ("社会保障和就业支出", 495.68, 2.40), ("卫生健康支出", 252.23, 1.22),
                              ("住房保障支出", 246.53, 1.19)):
    quote = f"{subject} {value:.2f} 万元，占 {share:.2f}%"
    F += [fig("function_class_expenditure", "actual", value, quote, subject=subject),
          fig("function_class_expenditure", "share_pct", share, quote, "%", subject=subject)]
ITEMS = (
    ("事业运行", 3692.16, 97.01, "事业运行（项）: 支出决算为 3692.16 万元，完成预算 97.01%"),
    ("其他政府办公厅（室）及相关机构事务支出", 15952.21, 96.17,
     "其他政府办公厅（室）及相关机构事务支出（项）: 支出决算为 15952.21 万元，完成预算 96.17%"),
    ("培训支出", 46.49, 92.98, "培训支出（项）: 支出决算为 46.49 万元，完成预算 92.98%"),
    ("事业单位离退休", 18.16, 99.89, "事业单位离退休（项）: 支出决算为 18.16 万元，完成预算 99.89%"),
    ("机关事业单位基本养老保险缴费支出", 317.66, 100, "机关事业单位基本养老保险缴费支出（项）: 支出决算为 317.66 万元，完成预算 100%"),
    ("机关事业单位职业年金缴费支出", 144.84, 92.92, "机关事业单位职业年金缴费支出（项）: 支出决算为 144.84 万元，完成预算 92.92%"),
    ("其他社会保障和就业支出", 15.01, 70.39, "其他社会保障和就业支出（项）: 支出决算为 15.01 万元，完成预算 70.39%"),
    ("事业单位医疗", 252.23, 92.07, "疗（项）:支出决算为 252.23 万元，完成预算 92.07%"),
    ("住房公积金", 246.53, 77.66, "（项）:支出决算为 246.53 万元，完成预算 77.66%"),
)
for subject, value, rate, quote in ITEMS:
    F += [fig("function_item_expenditure", "actual", value, quote, subject=subject),
          fig("function_item_expenditure", "execution_rate_pct", rate, quote, "%", subject=subject)]
F += [
    fig("gpb_basic_expenditure", "actual", 4733.09, "2023年度一般公共预算财政拨款基本支出4733.09万元"),
    fig("personnel_expenses", "actual", 3258, "人员经费 3258 万元"),
    fig("public_expenses", "actual", 1475.09, "公用经费 1475.09 万元"),
    fig("three_public_total", "actual", 17.25, "2023 年度“三公”经费财政拨款支出决算为 17.25 万元"),
    fig("three_public_total", "execution_rate_pct", 49.31, "决算为 17.25 万元，完成预算 49.31%", "%"),
    fig("three_public_total", "yoy_delta", -0.32, "较上年度减少 0.32 万元"),
    fig("three_public_total", "yoy_pct", -1.82, "较上年度减少 0.32 万元，下降 1.82%", "%"),
    fig("outbound_travel", "actual", 0, "因公出国（境）费支出决算 0 万元"),
    fig("vehicle_total", "actual", 14.44, "公务用车购置及运行维护费支出决算 14.44 万元"),
    fig("vehicle_total", "share_pct", 83.71, "公务用车购置及运行维护费支出决算 14.44 万元，占 83.71%", "%"),
    fig("vehicle_total", "execution_rate_pct", 62.78, "公务用车购置及运行维护费支出 14.44 万元,完成预算 62.78%", "%"),
    fig("vehicle_total", "yoy_delta", -1.81, "公务用车购置及运行维护费支出决算比 2022 年度减少 1.81 万元"),
    fig("vehicle_total", "yoy_pct", -11.14, "公务用车购置及运行维护费支出决算比 2022 年度减少 1.81 万元，下降 11.14%", "%"),
    fig("vehicle_purchase", "actual", 0, "公务用车购置支出 0 万元"),
    fig("vehicle_operation", "actual", 14.44, "公务用车运行维护费支出 14.44 万元"),
    fig("official_reception", "actual", 2.81, "公务接待费支出决算 2.81 万元"),
    fig("official_reception", "share_pct", 16.29, "公务接待费支出决算 2.81 万元，占 16.29%", "%"),
    fig("official_reception", "execution_rate_pct", 23.42, "公务接待费支出 2.81 万元，完成预算 23.42%", "%"),
    fig("official_reception", "yoy_delta", 1.48, "接待费支出决算比 2022 年度增加 1.48 万元"),
    fig("official_reception", "yoy_pct", 111.28, "接待费支出决算比 2022 年度增加 1.48 万元，增长 111.28%", "%"),
    fig("vehicles_count", "count", 4, "截至 2023 年 12 月 31 日，单位共有公务用车 4 辆", "辆"),
    fig("large_equipment_count", "count", 0, "单价100万元以上设备（不含车辆）0台（套）", "台"),
    fig("procurement_total", "actual", 16064.69, "政府采购支出总额 16064.69 万元"),
    fig("procurement_goods", "actual", 0, "政府采购货物支出 0 万元"),
    fig("procurement_works", "actual", 0, "政府采购工程支出 0 万元"),
    fig("procurement_services", "actual", 16064.69, "政府采购服务支出 16064.69 万元"),
    fig("procurement_sme", "actual", 9310.32, "授予中小企业合同金额 9310.32 万元"),
    fig("procurement_sme", "share_pct", 57.96, "授予中小企业合同金额 9310.32 万元，占政府采购支出总额的 57.96%", "%"),
    fig("procurement_small_micro", "actual", 9310.32, "授予小微企业合同金额 9310.32 万元"),
    fig("procurement_small_micro", "share_pct", 57.96, "授予小微企业合同金额 9310.32 万元，占政府采购支出总额的 57.96%", "%"),
    fig("perf_prior_assessment_projects", "count", 7, "安全支撑服务等 7 个项目开展了预算事前绩效评估", "个"),
    fig("perf_target_projects", "count", 42, "对 42 个项目编制了绩效目标", "个"),
    fig("perf_monitored_projects", "count", 42, "选取 42 个项目开展绩效监控", "个"),
    fig("perf_self_evaluated_projects", "count", 12, "组织对 12 个项目开展绩效自评", "个"),
]

N = [
    {"kind": "functions", "scope": None, "text": lines(5, 52),
     "evidence": {"quote": "一是贯彻执行国家大数据发展方针政策，开展全省大数据发展战略、地方性法规、规章草案和标准规范的基础性研究工作"}},
    {"kind": "organization", "scope": None, "text": lines(56, 62),
     "evidence": {"quote": "中心本级内部设立机构 16 个，分别为：办公室、政研处"}},
]

P, goals = parse_forms((HERE / "004_forms.txt").read_text(encoding="utf-8"), SOURCE)
N += goals

write_gold(STEM, RAW, {"unit": "四川省大数据中心", "fiscal_year": 2023,
                      "kinds": ["final_accounts", "project_self_evaluation"]}, F, P, N)
