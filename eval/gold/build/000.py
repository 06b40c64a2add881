"""Hand-labeled gold for 000_f1aa96ebeba396ad (四川省交通物流发展中心 2022 单位决算 + 4 项目自评表).

Every value below was read from the source by a person and typed here; the quotes are copied from
the source. Text fields (narratives, conclusion, problems, measures) are the source lines of the
section joined, which is what "copied from the source" means for a passage. Rebuild the JSON with
`python eval/gold/build/000.py` (then `python -m eval.gold_check fill` and `check`).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from forms import fig, joined, read_sample, write_gold  # noqa: E402

STEM = "000_f1aa96ebeba396ad"
RAW, _SOURCE, LINES = read_sample(STEM)


def lines(a: int, b: int, skip: tuple[int, ...] = ()) -> str:
    return joined(LINES, a, b, skip)


F = []
for key in ("grand_total_revenue", "grand_total_expenditure"):
    F += [fig(key, "actual", 1519.86, "2022年度收、支总计1519.86万元"),
          fig(key, "yoy_delta", 2.31, "收、支总计各增加2.31万元"),
          fig(key, "yoy_pct", 0.15, "收、支总计各增加2.31万元，增长0.15%", "%")]
F += [
    fig("revenue_current_year", "actual", 1519.86, "2022年本年收入合计1519.86万元"),
    fig("revenue_gpb", "actual", 1493.90, "一般公共预算财政拨款收入1493.90万元"),
    fig("revenue_gpb", "share_pct", 98.29, "一般公共预算财政拨款收入1493.90万元，占98.29%", "%"),
    fig("revenue_other", "actual", 25.96, "其他收入（事业基金弥补收支差额）25.96万元"),
    fig("revenue_other", "share_pct", 1.71, "其他收入（事业基金弥补收支差额）25.96万元，占1.71%", "%"),
    fig("expenditure_current_year", "actual", 1519.86, "2022年本年支出合计1519.86万元"),
    fig("expenditure_basic", "actual", 1306.65, "其中：基本支出1306.65万元"),
    fig("expenditure_basic", "share_pct", 85.97, "基本支出1306.65万元，占85.97%", "%"),
    fig("expenditure_project", "actual", 213.21, "项目支出213.21万元"),
    fig("expenditure_project", "share_pct", 14.03, "项目支出213.21万元，占14.03%", "%"),
    fig("fiscal_grand_total", "actual", 1493.90, "2022年财政拨款收、支总计1493.90万元"),
    fig("fiscal_grand_total", "yoy_delta", 10.87, "财政拨款收、支总计各增加10.87万元"),
    fig("fiscal_grand_total", "yoy_pct", 0.73, "财政拨款收、支总计各增加10.87万元，增长0.73%", "%"),
    fig("gpb_expenditure", "actual", 1493.90, "2022年一般公共预算财政拨款支出1493.90万元，占本年支"),
    fig("gpb_expenditure", "share_pct", 98.29, "一般公共预算财政拨款支出1493.90万元，占本年支出合计的98.29%", "%"),
    fig("gpb_expenditure", "yoy_delta", 10.87, "一般公共预算财政拨款支出增加10.87万元"),
    fig("gpb_expenditure", "yoy_pct", 0.73, "一般公共预算财政拨款支出增加10.87万元，增长0.73%", "%"),
]
# 主要用于以下方面: the class names were lost in extraction (GUIDE: subject null)
for value, share, quote in ((14.90, 1, "以下方面: 14.90万元，占1%"), (112.82, 7.55, "112.82万元，占7.55%"),
                            (77.93, 5.22, "77.93万元，占5.22%"), (1187.50, 79.49, "1187.50万元，占79.49%"),
                            (100.75, 6.74, "100.75万元，占6.74%")):
    F += [fig("function_class_expenditure", "actual", value, quote),
          fig("function_class_expenditure", "share_pct", share, quote, "%")]
# 支出决算具体情况: the item names were lost too (subject null); no budget amounts are stated
for value, rate, quote in ((14.9, 99.33, "决算为14.9万元，完成预算99.33%"),
                           (75.22, 96.77, "支出决算为75.22万元，完成预算96.77%"),
                           (37.61, 97.84, "支出决算为37.61万元，完成预算97.84%"),
                           (77.93, 100, "支出决算为77.93万元，完成预算100%，决算数等于预算数"),
                           (18.81, 99.63, "支出决算为18.81万元，完成预算99.63%"),
                           (1159.34, 97.85, "支出决算为1159.34万元，完成预算97.85%"),
                           (9.35, 100, "支出决算为9.35万元，完成预算100%"),
                           (76.62, 91.39, "支出决算为76.62万元，完成预算91.39%"),
                           (24.13, 100, "支出决算为24.13万元，完成预算100%")):
    F += [fig("function_item_expenditure", "actual", value, quote),
          fig("function_item_expenditure", "execution_rate_pct", rate, quote, "%")]
F += [
    fig("gpb_basic_expenditure", "actual", 1306.65, "2022年一般公共预算财政拨款基本支出1306.65万元"),
    fig("personnel_expenses", "actual", 1090.28, "人员经费1090.28万元"),
    fig("public_expenses", "actual", 216.37, "公用经费216.37万元"),
    fig("three_public_total", "actual", 14.78, "2022年“三公”经费财政拨款支出决算为14.78万元"),
    fig("three_public_total", "execution_rate_pct", 95.97, "支出决算为14.78万元，完成预算95.97%", "%"),
    fig("three_public_total", "yoy_delta", 1.24, "较上年增加1.24万元"),
    fig("three_public_total", "yoy_pct", 9.16, "较上年增加1.24万元，增长9.16%", "%"),
    fig("outbound_travel", "actual", 0, "因公出国（境）费支出决算0万元"),
    fig("outbound_travel", "share_pct", 0, "因公出国（境）费支出决算0万元，占0%", "%"),
    fig("vehicle_total", "actual", 14.78, "公务用车购置及运行维护费支出决算14.78万元"),
    fig("vehicle_total", "share_pct", 100, "公务用车购置及运行维护费支出决算14.78万元，占100%", "%"),
    fig("vehicle_total", "yoy_delta", 1.24, "公务用车购置及运行维护费支出决算比2021年增加1.24万元"),
    fig("vehicle_total", "yoy_pct", 9.16, "公务用车购置及运行维护费支出决算比2021年增加1.24万元，增长9.16%", "%"),
    fig("official_reception", "actual", 0, "公务接待费支出决算0万元，占0%"),
    fig("official_reception", "share_pct", 0, "公务接待费支出决算0万元，占0%", "%"),
    fig("vehicles_count", "count", 3, "截至2022年12月底，单位共有公务用车3辆", "辆"),
    fig("large_equipment_count", "count", 0, "单价100万元以上专用设备0台", "台"),
    fig("procurement_total", "actual", 63.67, "政府采购支出总额63.67万元"),
    fig("procurement_goods", "actual", 0.35, "政府采购货物支出0.35万元"),
    fig("procurement_works", "actual", 0, "政府采购工程支出0万元"),
    fig("procurement_services", "actual", 63.33, "政府采购服务支出63.33万元"),
    fig("procurement_sme", "actual", 55.66, "授予中小企业合同金额55.66万元"),
    fig("procurement_sme", "share_pct", 87.42, "授予中小企业合同金额55.66万元，占政府采购支出总额的87.42%", "%"),
    fig("procurement_small_micro", "actual", 0, "授予小微企业合同金额0万元"),
    fig("procurement_small_micro", "share_pct", 0, "授予小微企业合同金额0万元，占政府采购支出总额的0%", "%"),
    fig("perf_prior_assessment_projects", "count", 0, "组织对0个项目开展了预算事前绩效评估", "个"),
    fig("perf_target_projects", "count", 13, "对13个项目编制了绩效目标", "个"),
    fig("perf_monitored_projects", "count", 13, "选取13个项目开展绩效监控", "个"),
    fig("perf_self_evaluated_projects", "count", 13, "对13个项目开展绩效自评", "个"),
]


def row(l1, l2, name, comp, target, unit, actual, weight, score, quote):
    return {"level1": l1, "level2": l2, "name": name, "comparator": comp, "target": target, "unit": unit,
            "actual": actual, "weight": weight, "score": score, "deviation_reason": None, "evidence": {"quote": quote}}


OUT, QTY, QUA, TIME, COST = "产出指标", "数量指标", "质量指标", "时效指标", "成本指标"
BEN, SOC, SUS, SAT, SATO = "效益指标", "社会效益指标", "可持续发展指标", "满意度指标", "服务对象满意度指标"


def project(name, code, budget, total, indicators, conclusion, problems, measures, quote):
    keys = ("initial", "adjusted", "executed", "execution_rate_pct", "weight", "score")
    return {"name": name, "code": code, "department": "四川省交通运输厅部门", "implementer": "四川省交通物流发展中心",
            "budget": dict(zip(keys, budget, strict=True)), "indicators": indicators, "total_score": total,
            "conclusion": conclusion, "problems": problems, "measures": measures, "evidence": {"quote": quote}}


P = [
    project("12328 服务监管经费", "51000021T000000015046", (26.00, 26.00, 26.00, 100.0, 10, 10), 100, [
        row(OUT, QTY, "12328工单分期期数", "≥", "4", "期", "12", 13, 13, "12328 工单分期期数≥ 4 期 12 13 13"),
        row(OUT, QTY, "专项分析报告次数", "≥", "2", "次", "2", 13, 13, "专项分析报告次数≥ 2 次 2 13 13"),
        row(OUT, QUA, "分析报告合格率", "≥", "95", "%", "100", 13, 13, "分析报告合格率≥ 95 % 100 13 13"),
        row(OUT, TIME, "完成时限", "=", "12", "月", "12", 12, 12, "完成时限 = 12 月 12 12 12"),
        row(OUT, COST, "12328工单分期成本", "≤", "5.15", "万元", "1.83", 13, 13,
            "12328 工单 ≤ 5.15 万 1.83 13 13 标 分期成本 元"),
        row(OUT, COST, "专项分析报告成本", "≤", "2.7", "万元", "2", 13, 13, "专项分析报告成本≤ 2.7万元2 13 13"),
        row(BEN, SOC, "分析报告建议应用率", "=", "100", "%", "100", 13, 13, "分析报告建议应用率= 100 % 100 13 13"),
    ], lines(677, 681), lines(686, 686), lines(692, 694), "项目名称 51000021T000000015046-12328 服务监管经费"),
    project("大件公路桥梁调查工作经费", "51000021T000000015088", (53.00, 53.00, 50.80, 95.85, 10, 9.6), 99.6, [
        row(OUT, QTY, "检测大中小桥数量", "≤", "48", "座", "26", 15, 15, "检测大中小桥数量≤ 48 座 26 15 15"),
        row(OUT, QUA, "检测报告合格率", "≥", "95", "%", "100", 15, 15, "检测报告合格率≥ 95 % 100 15 15"),
        row(OUT, TIME, "完成时限", "≤", "11", "月", "8", 15, 15, "完成时限 ≤ 11 月 8 15 15"),
        row(OUT, COST, "单座桥梁检测成本", "≤", "1.09", "万元", "1.09", 15, 15, "单座桥梁检测成本≤ 1.09万元1.09 15 15"),
        row(BEN, SOC, "道路桥梁数据准确率", "≥", "95", "%", "100", 15, 15, "道路桥梁数据准确率≥ 95 % 100 15 15"),
        row(BEN, SUS, "对大件运输保通保畅效果", "≥", "90", "%", "100", 15, 15, "对大件运输保通保畅效果≥ 90 % 100 15 15"),
    ], lines(935, 939), lines(944, 944), lines(950, 952), "项目名称 51000021T000000015088-大件公路桥梁调查工作经费"),
    project("宣传业务经费", "51000021T000000015350", (24.00, 24.00, 24.00, 100.0, 10, 10), 100, [
        row(OUT, QTY, "大件运输业务宣传次数", "≥", "3", "次", "3", 13, 13, "大件运输业务宣传次数≥ 3 次 3 13 13"),
        row(OUT, QTY, "12328热线宣传活动次数", "≥", "4", "次", "4", 13, 13, "12328 热线宣传活动次数≥ 4 次 4 13 13"),
        row(OUT, QUA, "宣传活动完成率", "≥", "95", "%", "100", 12, 12, "宣传活动完成率≥ 95 % 100 12 12"),
        row(OUT, COST, "单次12328热线宣传活动成本", "≤", "3.75", "万元", "3.75", 13, 13,
            "单次 12328热线宣传活动成本≤ 3.75万元3.75 13 13"),
        row(OUT, COST, "单次大件运输业务宣传成本", "≤", "3", "万元", "3", 13, 13, "单次大件运输业务宣传成本≤ 3万元3 13 13"),
        row(BEN, SUS, "促进大件运输、12328管理效果", "≥", "95", "%", "100", 13, 13,
            "促进大件运输、12328 管理效果≥ 95 % 100 13 13"),
        row(SAT, SATO, "宣传对象满意度", "≥", "95", "%", "100", 13, 13, "宣传对象满意度≥ 95 % 100 13 13"),
    ], lines(1194, 1196), lines(1201, 1201), lines(1206, 1206), "项目名称 51000021T000000015350-宣传业务经费"),
    project("12328 系统数据分析报告专项经费", "51000022T000000268612", (12.00, 12.00, 12.00, 100.0, 10, 10), 100, [
        row(OUT, QTY, "统计分析报告次数", "≤", "7", "次", "7", 15, 15, "统计分析报告次数≤ 7 次 7 15 15"),
        row(OUT, QUA, "分析报告合格率", "≥", "95", "%", "100", 15, 15, "分析报告合格率≥ 95 % 100 15 15"),
        row(OUT, TIME, "完成时限", "=", "12", "月", "12", 15, 15, "完成时限 = 12 月 12 15 15"),
        row(OUT, COST, "单次统计分析报告控制成本", "≤", "1.74", "万元", "1.74", 15, 15,
            "单次统计分析报告控制成本≤ 1.74万元1.74 15 15"),
        row(BEN, SOC, "报告结果建议应用率", "=", "100", "%", "100", 15, 15, "报告结果建议应用率= 100 % 100 15 15"),
        row(SAT, SATO, "服务对象满意度", "≥", "95", "%", "98", 15, 15, "服务对象满意度≥ 95 % 98 15 15"),
    ], lines(1431, 1437), lines(1442, 1442), lines(1447, 1447),
        "项目名称 51000022T000000268612-12328 系统数据分析报告专项经费"),
]


def narrative(kind, scope, text, quote):
    return {"kind": kind, "scope": scope, "text": text, "evidence": {"quote": quote}}


N = [
    narrative("functions", None, lines(7, 13), "四川省交通物流发展中心主要职责是承担交通物流发展相关事务性、辅助性、技术性工作"),
    narrative("key_work", None, lines(17, 82), "2022年坚持“大物流”理念，紧紧围绕“汇聚数据、梳理政策、搭建平台、发布信息”基本要求"),
    narrative("organization", None, lines(85, 87), "本单位是隶属于四川省交通运输厅的二级预算单位，本单位无下属预算单位。"),
    narrative("performance_goal", "12328 服务监管经费", lines(486, 500),
              "1.对全省12328电话工单情况进行统计；2.分析各市（州）12328电话系统运行质量水平"),
    narrative("performance_goal", "大件公路桥梁调查工作经费", lines(722, 746),
              "1.对全线大中桥梁及重点桥梁进行初步筛查，确定需要调查的桥梁及重点检测项目；"),
    # the 年度目标 column is interleaved with the 完成情况 column (lines 980, 982) and a page number (986)
    narrative("performance_goal", "宣传业务经费", lines(976, 978) + lines(988, 996),
              "1、向企业、管理主体及公众宣传大件运输相关规程、规范大件公路运输管理，大件公路沿"),
    narrative("performance_goal", "12328 系统数据分析报告专项经费", lines(1230, 1246),
              "一、按月对全国 12328系统考评结果进行分析；1、分析每月考评指标失分情况及主要原因；"),
]

write_gold(STEM, RAW, {"unit": "四川省交通物流发展中心", "fiscal_year": 2022,
                      "kinds": ["final_accounts", "project_self_evaluation"]}, F, P, N)
