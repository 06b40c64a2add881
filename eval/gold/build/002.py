"""Hand-labeled gold for 002_faefb3db964ed0a2 (湖南省交通运输厅科技信息中心 2023 部门决算, its 整体支出绩效
自评报告 and five 绩效自评表).

Figures and narratives are typed here by a person reading lines 1–632; the five forms are typed in
`002_forms.txt` (format in `forms.py`). Rebuild with `python eval/gold/build/002.py`, then
`python -m eval.gold_check fill` and `check`.
"""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from forms import fig, joined, parse_forms, read_sample, write_gold  # noqa: E402

STEM = "002_faefb3db964ed0a2"
RAW, SOURCE, LINES = read_sample(STEM)


def lines(a: int, b: int) -> str:
    return joined(LINES, a, b)


F = [
    fig("grand_total_revenue", "actual", 9234.69, "2023 年度资金来源总计 9234.69 万元"),
    fig("grand_total_revenue", "yoy_delta", -9817.03, "资金来源和资金占用较 2022 年减少 9817.03 万元"),
    fig("grand_total_revenue", "yoy_pct", -51.53, "资金来源和资金占用较 2022 年减少 9817.03 万元，减少 51.53%", "%"),
    fig("grand_total_expenditure", "actual", 9234.69, "2023 年支出总计 9234.69 万元"),
    fig("grand_total_expenditure", "yoy_delta", -9817.03, "资金来源和资金占用较 2022 年减少 9817.03 万元"),
    fig("grand_total_expenditure", "yoy_pct", -51.53, "资金来源和资金占用较 2022 年减少 9817.03 万元，减少 51.53%", "%"),
    fig("carryover_begin", "actual", 1328.67, "年初结转和结余 1328.67 万元"),
    fig("carryover_end", "actual", 1295.27, "年末结转和结余 1295.27 万元"),
    fig("revenue_current_year", "actual", 7906.02, "2023 年度收入合计 7906.02 万元"),
    fig("revenue_fiscal", "actual", 7905.95, "财政拨款收入 7905.95 万元"),
    fig("revenue_fiscal", "share_pct", 99.99, "财政拨款收入 7905.95 万元，占 99.99%", "%"),
    fig("revenue_other", "actual", 0.07, "其他收入 0.07 万元"),
    fig("revenue_other", "share_pct", 0.01, "其他收入 0.07 万元，占 0.01%", "%"),
    # stated only in 公开01表 (收入支出决算总表)
    fig("revenue_gpb", "actual", 7905.95, "一、一般公共预算财政拨款收入	1	7,905.95"),
    fig("revenue_business", "actual", 0.0, "五、事业收入	5	0.00"),
    fig("expenditure_current_year", "actual", 7939.42, "2023 年度支出合计 7939.42 万元"),
    fig("expenditure_basic", "actual", 945.35, "基本支出 945.35 万元"),
    fig("expenditure_basic", "share_pct", 11.91, "基本支出 945.35 万元，占 11.91%", "%"),
    fig("gpb_basic_expenditure", "budget", 1020.03, "财政资金年初基本支出预算安排 1020.03 万元"),
    fig("expenditure_project", "actual", 6994.07, "项目支出 6994.07 万元"),
    fig("expenditure_project", "share_pct", 88.09, "项目支出 6994.07 万元，占 88.09%", "%"),
    fig("fiscal_grand_total", "actual", 9226.33, "2023 年度财政拨款资金来源总计 9226.33 万元"),
    fig("fiscal_grand_total", "yoy_delta", -9825.30, "财政拨款资金来源和资金占用较 2022 年减少 9825.30 万元"),
    fig("fiscal_grand_total", "yoy_pct", -48.43, "财政拨款资金来源和资金占用较 2022 年减少 9825.30 万元，减少 48.43%", "%"),
    fig("gpb_expenditure", "actual", 7931.13, "2023年度财政拨款支出7931.13万元，占本年支出合计的99.90%"),
    fig("gpb_expenditure", "share_pct", 99.90, "2023年度财政拨款支出7931.13万元，占本年支出合计的99.90%", "%"),
    fig("gpb_expenditure", "yoy_delta", -9647.72, "财政拨款支出减少9647.72万元"),
    fig("gpb_expenditure", "yoy_pct", -54.88, "财政拨款支出减少9647.72万元，减少54.88%", "%"),
    fig("gpb_expenditure", "budget", 3161.50, "2023年度财政拨款支出年初预算数为3161.50万元"),
    fig("gpb_expenditure", "execution_rate_pct", 250.87, "完成年初预算的250.87%", "%"),
]
for subject, value, share in (("一般公共服务支出", 40.37, 0.51), ("社会保障和就业支出", 64.57, 0.81),
                              ("交通运输支出", 7744.30, 97.65), ("住房保障支出", 81.89, 1.03)):
    quote = f"{subject}{value:.2f}万元，占{share:.2f}%"
    F += [fig("function_class_expenditure", "actual", value, quote, subject=subject),
          fig("function_class_expenditure", "share_pct", share, quote, "%", subject=subject)]
ITEMS = (  # (项, budget, actual, rate or None, quote)
    ("其他一般公共服务支出", 20, 12.74, 63.7, "其他一般公共服务支出（项）。年初预算为20万元，支出决算为12.74万元，完成年初预算的63.7%"),
    ("其他发展与改革事务支出", 74.85, 27.63, 36.91, "其他发展与改革事务支出（项）。年初预算为74.85万元，支出决算为27.63万元，完成年初预算的36.91%"),
    ("机关事业单位基本养老保险缴费支出", 64.57, 64.57, 100,
     "机关事业单位基本养老保险缴费支出（项），年初预算为64.57万元，支出决算为64.57万元，完成年初预算的100%"),
    ("公路养护", 0, 170.98, None, "公路养护(项)年初预算为0万元,支出决算为170.98万元"),
    ("交通运输信息化建设", 0, 509.37, None, "交通运输信息化建设(项)年初预算为0万元,支出决算为509.37万元"),
    ("其他公路水路运输支出", 2920.19, 7063.95, None, "其他公路水路运输支出(项)年初预算2920.19万元,支出决算为7063.95万元"),
    ("住房公积金", 81.89, 81.89, 100, "住房公积金(项)年初预算81.89万元,支出决算为81.89万元,完成年初预算的100%"),
)
for subject, budget, actual, rate, quote in ITEMS:
    F += [fig("function_item_expenditure", "budget", budget, quote, subject=subject),
          fig("function_item_expenditure", "actual", actual, quote, subject=subject)]
    if rate is not None:
        F.append(fig("function_item_expenditure", "execution_rate_pct", rate, quote, "%", subject=subject))
F += [
    fig("gpb_basic_expenditure", "actual", 945.35, "2023年度财政拨款基本支出945.35万元"),
    fig("personnel_expenses", "actual", 804.92, "人员经费804.92万元"),
    fig("personnel_expenses", "share_pct", 85.15, "人员经费804.92万元,占基本支出的85.15%", "%"),
    fig("public_expenses", "actual", 140.43, "公用经费140.43万元"),
    fig("public_expenses", "share_pct", 14.85, "公用经费140.43万元,占基本支出的14.85%", "%"),
    # stated only in 附件1's 经费控制情况 (2022 决算 / 2023 预算 / 2023 决算): the 2023 预算数 (second pass)
    fig("public_expenses", "budget", 164.87, "公用经费	97.64		164.87		140.43"),
    fig("three_public_total", "budget", 6.6, "“三公”经费财政拨款支出预算为 6.6 万元"),
    fig("three_public_total", "actual", 1.18, "“三公”经费财政拨款支出预算为 6.6 万元，支出决算为 1.18 万元"),
    fig("three_public_total", "execution_rate_pct", 17.88, "支出决算为 1.18 万元，完成预算的 17.88%", "%"),
    fig("three_public_total", "yoy_delta", -0.83, "“三公”经费支出减少 0.83 万元"),
    fig("three_public_total", "yoy_pct", -41.29, "“三公”经费支出减少 0.83 万元，减少 41.29%", "%"),
    fig("outbound_travel", "budget", 0, "因公出国（境）费支出预算为 0 万元"),
    fig("outbound_travel", "actual", 0, "因公出国（境）费支出预算为 0 万元，支出决算为 0 万元"),
    fig("outbound_travel", "execution_rate_pct", 0, "因公出国（境）费支出预算为 0 万元，支出决算为 0 万元，完成预算的 0%", "%"),
    fig("outbound_travel", "share_pct", 0, "因公出国（境）费支出决算0万元，占0%", "%"),
    fig("official_reception", "budget", 3, "公务接待费支出预算为 3 万元"),
    fig("official_reception", "actual", 0.33, "公务接待费支出预算为 3 万元，支出决算为 0.33 万元"),
    fig("official_reception", "execution_rate_pct", 11, "公务接待费支出预算为 3 万元，支出决算为 0.33 万元，完成预算的 11%", "%"),
    fig("official_reception", "yoy_delta", -0.08, "公务接待费与上年相比减少 0.08 万元"),
    fig("official_reception", "yoy_pct", -19.51, "公务接待费与上年相比减少 0.08 万元，减少 19.51%", "%"),
    fig("official_reception", "share_pct", 27.97, "公务接待费支出决算0.33万元，占27.97%", "%"),
    fig("vehicle_purchase", "budget", 0, "公务用车购置费支出预算为 0 万元"),
    fig("vehicle_purchase", "actual", 0, "公务用车购置费支出预算为 0 万元，支出决算为 0 万元"),
    fig("vehicle_purchase", "execution_rate_pct", 0, "公务用车购置费支出预算为 0 万元，支出决算为 0 万元，完成预算的 0%", "%"),
    fig("vehicle_operation", "budget", 3.6, "公务用车运行维护费支出预算为 3.6 万元"),
    fig("vehicle_operation", "actual", 0.85, "公务用车运行维护费支出预算为 3.6 万元，支出决算为 0.85 万元"),
    fig("vehicle_operation", "execution_rate_pct", 23.61, "支出决算为 0.85 万元，完成预算的 23.61%", "%"),
    fig("vehicle_operation", "yoy_delta", -0.75, "公务用车运行维护费支出与上年相比减少 0.75 万元"),
    fig("vehicle_total", "actual", 0.85, "公务用车购置费及运行维护费支出决算0.85万元，占72.03%"),
    fig("vehicle_total", "share_pct", 72.03, "公务用车购置费及运行维护费支出决算0.85万元，占72.03%", "%"),
    # stated only in 公开09表: 预算数 小计 of 公务用车购置及运行维护费
    fig("vehicle_total", "budget", 3.6, "6.60	0.00	3.60	0.00	3.60	3.00	1.17	0.00	0.85	0.00	0.85	0.33"),
    fig("vehicles_count", "count", 1, "单位开支财政拨款的公务用车保有量为 1 辆", "辆"),
    fig("large_equipment_count", "count", 4, "单位价值100万元以上设备（不含车辆）4台（套）", "台"),
    fig("procurement_total", "actual", 2979.23, "政府采购支出总额2979.23万元"),
    # 附件1 again: 2023 预算数 2060.57 (its 决算数 2718.37 disagrees with the prose's 2979.23: the prose is labeled)
    fig("procurement_total", "budget", 2060.57, "政府采购金额	---		2060.57		2718.37"),
    fig("procurement_goods", "actual", 222.9, "政府采购货物支出222.9万元"),
    fig("procurement_works", "actual", 0, "政府采购工程支出0万元"),
    fig("procurement_services", "actual", 2756.33, "政府采购服务支出2756.33万元"),
    fig("procurement_sme", "actual", 0.87, "授予中小企业合同金额0.87万元"),
    fig("procurement_sme", "share_pct", 0.03, "授予中小企业合同金额0.87万元，占政府采购支出总额的0.03%", "%"),
    fig("procurement_small_micro", "actual", 0.87, "授予小微企业合同金额0.87万元"),
    fig("procurement_small_micro", "share_pct", 100, "授予小微企业合同金额0.87万元，占授予中小企业合同金额的100%", "%"),
]

N = [
    {"kind": "functions", "scope": None, "text": lines(53, 53),
     "evidence": {"quote": "负责厅机关交通运输信息化项目建设、运维和数据资源管理等相关工作"}},
    {"kind": "organization", "scope": None, "text": lines(57, 59),
     "evidence": {"quote": "（一）内设机构设置。中心设有 5 个部门：综合部、政务服务部、数据资源部、运行监测部、技术发展部。"}},
    {"kind": "key_work", "scope": None, "text": lines(457, 457),
     "evidence": {"quote": "中心致力于推动全省行业信息化发展工作，以数字化信息化智能化推动发展新质生产力"}},
    {"kind": "problems", "scope": None, "text": lines(461, 465),
     "evidence": {"quote": "1.绩效目标设置容易被高估，部分绩效目标设置不合理，难以制定出详细的绩效考核制度和完备的指标体系。"}},
    {"kind": "key_work", "scope": None, "text": lines(567, 587),
     "evidence": {"quote": "中心高度重视绩效评价工作，由综合部牵头，认真对照年初制定的绩效目标，进行绩效评价工作。以数字化信息化智能化推动发展新质生产力"}},
    {"kind": "problems", "scope": None, "text": lines(591, 611),
     "evidence": {"quote": "(一)绩效目标设置容易被高估,部分绩效目标设置不合理,难以制定"}},
    {"kind": "measures", "scope": None, "text": lines(615, 619),
     "evidence": {"quote": "(一)我中心将在厅财务处的指导下积极建立科学的评价指标体系，提高预算绩效目标编制合理性"}},
]

P, goals = parse_forms((HERE / "002_forms.txt").read_text(encoding="utf-8"), SOURCE)
N += goals
for narrative in N:
    narrative["text"] = re.sub(r"</?p>", "", str(narrative["text"]))

write_gold(STEM, RAW, {"unit": "湖南省交通运输厅科技信息中心", "fiscal_year": 2023,
                      "kinds": ["final_accounts", "department_self_evaluation", "project_self_evaluation"]}, F, P, N)
