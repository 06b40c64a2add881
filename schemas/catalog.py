"""Domain vocabulary of the record: figure keys with their Chinese labels, measures, kinds.

This is data, in one place; parsers, prompts, gold checks and eval read it from here.
"""

from __future__ import annotations

# key -> Chinese labels, most specific first. Parsers match these labels; prompts list them.
FIGURE_KEYS: dict[str, tuple[str, ...]] = {
    "grand_total_revenue": ("收入总计", "资金来源总计", "收、支总计", "收支总计", "资金来源和资金占用"),
    "grand_total_expenditure": ("支出总计", "收、支总计", "收支总计", "资金来源和资金占用"),
    "revenue_current_year": ("本年收入合计", "收入合计", "本年收入"),
    "revenue_fiscal": ("财政拨款收入",),
    "revenue_gpb": ("一般公共预算财政拨款收入",),
    "revenue_business": ("事业收入",),
    "revenue_other": ("其他收入",),
    "expenditure_current_year": ("本年支出合计", "支出合计", "本年支出"),
    "expenditure_basic": ("基本支出",),
    "expenditure_project": ("项目支出",),
    "carryover_begin": ("年初结转和结余",),
    "carryover_end": ("年末结转和结余",),
    "fiscal_grand_total": ("财政拨款收、支总计", "财政拨款收支总计", "财政拨款资金来源总计", "财政拨款资金来源和资金占用"),
    "gpb_expenditure": ("一般公共预算财政拨款支出",),
    "gpb_basic_expenditure": ("一般公共预算财政拨款基本支出", "财政拨款基本支出"),
    "function_class_expenditure": ("支出决算结构",),
    "function_item_expenditure": ("支出决算具体情况",),
    "personnel_expenses": ("人员经费",),
    "public_expenses": ("公用经费",),
    "three_public_total": ("“三公”经费", "三公经费", "“三公”经费支出"),
    "outbound_travel": ("因公出国（境）费", "因公出国(境)费"),
    "vehicle_total": ("公务用车购置及运行维护费", "公务用车购置及运行费"),
    "vehicle_purchase": ("公务用车购置费", "公务用车购置"),
    "vehicle_operation": ("公务用车运行维护费", "公务用车运行费", "公务用车运行"),
    "official_reception": ("公务接待费",),
    "admin_operating_expenses": ("机关运行经费",),
    "procurement_total": ("政府采购支出总额", "政府采购支出"),
    "procurement_goods": ("政府采购货物支出", "货物"),
    "procurement_works": ("政府采购工程支出", "工程"),
    "procurement_services": ("政府采购服务支出", "服务"),
    "procurement_sme": ("授予中小企业合同金额",),
    "procurement_small_micro": ("授予小微企业合同金额",),
    "vehicles_count": ("车辆", "公务用车"),
    "large_equipment_count": ("单价100万元以上设备", "单价100万元以上专用设备", "单位价值100万元以上设备"),
    "perf_prior_assessment_projects": ("事前绩效评估",),
    "perf_target_projects": ("编制绩效目标", "绩效目标"),
    "perf_monitored_projects": ("绩效监控",),
    "perf_self_evaluated_projects": ("绩效自评",),
}

# The catalog's topics: each topic's keys and the words that show a text may state one of them. A prompt lists the
# keys of the topics its text touches, not all of them (a passage on 三公经费 need not read the procurement keys).
FIGURE_TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "revenue": (
        ("grand_total_revenue", "revenue_current_year", "revenue_fiscal", "revenue_gpb", "revenue_business",
         "revenue_other", "carryover_begin"),
        ("收入", "资金来源", "收、支总计", "收支总计", "结转"),
    ),
    "expenditure": (
        ("grand_total_expenditure", "expenditure_current_year", "expenditure_basic", "expenditure_project",
         "carryover_end"),
        ("支出", "资金占用", "结余"),
    ),
    "fiscal": (("fiscal_grand_total", "gpb_expenditure", "gpb_basic_expenditure"), ("财政拨款", "一般公共预算", "财政资金")),
    "functions": (("function_class_expenditure", "function_item_expenditure"), ("(类)", "(项)", "类)", "项)", "功能分类", "决算结构", "具体情况")),
    "economic": (("personnel_expenses", "public_expenses"), ("人员经费", "公用经费", "经济分类")),
    "three_public": (
        ("three_public_total", "outbound_travel", "vehicle_total", "vehicle_purchase", "vehicle_operation", "official_reception"),
        ("三公", "出国", "公务用车", "接待"),
    ),
    "admin": (("admin_operating_expenses",), ("机关运行", "运行经费")),
    "procurement": (
        ("procurement_total", "procurement_goods", "procurement_works", "procurement_services", "procurement_sme",
         "procurement_small_micro"),
        ("采购", "中小企业"),
    ),
    "assets": (("vehicles_count", "large_equipment_count"), ("车辆", "公务用车", "设备", "资产")),
    "performance": (
        ("perf_prior_assessment_projects", "perf_target_projects", "perf_monitored_projects", "perf_self_evaluated_projects"),
        ("绩效",),
    ),
}  # fmt: skip

# Keys whose figures are counts (a number of things, not money).
COUNT_KEYS: frozenset[str] = frozenset(
    {
        "vehicles_count",
        "large_equipment_count",
        "perf_prior_assessment_projects",
        "perf_target_projects",
        "perf_monitored_projects",
        "perf_self_evaluated_projects",
    }
)

# Keys that take a subject (the functional class or item the figure is about).
SUBJECT_KEYS: frozenset[str] = frozenset({"function_class_expenditure", "function_item_expenditure"})

MEASURES: tuple[str, ...] = (
    "actual",
    "budget",
    "execution_rate_pct",
    "yoy_delta",
    "yoy_pct",
    "share_pct",
    "count",
)

# Measures whose value is a percentage, not an amount.
PERCENT_MEASURES: frozenset[str] = frozenset({"execution_rate_pct", "yoy_pct", "share_pct"})

DOCUMENT_KINDS: tuple[str, ...] = (
    "final_accounts",
    "project_self_evaluation",
    "department_self_evaluation",
)

NARRATIVE_KINDS: dict[str, tuple[str, ...]] = {
    "functions": ("职能", "职责", "主要职责", "部门职责", "基本职能"),
    "organization": ("机构设置", "决算单位构成", "单位构成"),
    "key_work": ("重点工作", "履职效能", "工作绩效", "主要工作", "年度总体工作", "绩效目标完成情况", "整体支出绩效情况"),
    "performance_goal": ("绩效目标",),
    "problems": ("存在问题", "存在的问题", "偏离原因", "发现的问题", "偏离绩效目标的原因", "存在的主要问题"),
    "measures": ("改进措施", "下一步", "整改措施", "整改情况"),
    "conclusion": ("评价结论", "自评结论"),
    "result_application": ("自评结果应用", "结果应用", "公开情况", "结果拟应用"),
}

# The record's default currency unit (DESIGN §4), and money units with their factor to 万元, the record's default currency unit.
DEFAULT_CURRENCY_UNIT = "万元"
MONEY_UNITS: dict[str, float] = {"元": 0.0001, "万元": 1.0, "亿元": 10000.0}

COMPARATORS: tuple[str, ...] = ("≥", "≤", "=", ">", "<", "≠")

# ---- Labels a reviewer reads (the review UI): the record's keys in the reports' own words. -------------------------
# A figure key's name is its first label in FIGURE_KEYS; a narrative kind's, its first in NARRATIVE_KINDS.
MEASURE_LABELS: dict[str, str] = {
    "actual": "决算数",
    "budget": "预算数",
    "execution_rate_pct": "执行率",
    "yoy_delta": "同比增减",
    "yoy_pct": "同比增减率",
    "share_pct": "占比",
    "count": "数量",
}

# A field of a project, its budget or an indicator, as its form's column calls it.
FIELD_LABELS: dict[str, str] = {
    "value": "数值",
    "name": "名称",
    "code": "项目编码",
    "total_score": "总分",
    "conclusion": "评价结论",
    "problems": "存在问题",
    "measures": "改进措施",
    "initial": "年初预算数",
    "adjusted": "全年预算数",
    "executed": "执行数",
    "execution_rate_pct": "执行率%",
    "weight": "分值",
    "score": "得分",
    "level1": "一级指标",
    "level2": "二级指标",
    "comparator": "指标性质",
    "target": "指标值",
    "unit": "度量单位",
    "actual": "实际完成值",
    "deviation_reason": "偏差原因",
    "text": "文本",
}

# The items a field belongs to.
ITEM_LABELS: dict[str, str] = {"project": "项目", "indicator": "指标", "budget": "预算", "narrative": "文字说明"}

# Why a field is flagged: flag -> (Chinese, English), a short name and the reason in a sentence each.
FLAG_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "zh": {
        "ungrounded": ("原文未找到", "在原文中找不到依据引文"),
        "number_not_in_quote": ("数字不在引文中", "数值不在其依据引文中"),
        "values_disagree": ("多处数值不一致", "文中不同位置给出的数值不一致"),
        "extractors_disagree": ("规则与模型不一致", "规则与模型提取的数值不一致"),
        "llm_only": ("仅模型找到", "只有模型找到了这个数值"),
        "label_missing": ("缺少标签", "文本丢失了该数值所属的项目名称"),
        "sum_mismatch": ("合计不符", "各分项之和与合计数不一致"),
        "share_mismatch": ("占比不符", "所述占比与分项/合计不一致"),
        "rate_mismatch": ("执行率不符", "执行率与执行数/预算数不一致"),
        "yoy_mismatch": ("同比不符", "同比增减率与较上年增减额不一致"),
        "score_over_weight": ("得分超过分值", "得分高于该指标的分值"),
        "weak_rule": ("兜底规则", "由兜底规则找到，把握较低"),
        "unsure_split": ("单元格切分存疑", "该行取自未分隔单元格的文本，单元格边界是推断的，值可能属于相邻单元格"),
        "fuzzy_evidence": ("引文近似匹配", "依据引文与原文只是近似匹配"),
        "unknown_level": ("一级指标不明", "一级指标不是产出、效益、满意度或成本"),
        "unknown_unit": ("计量单位不明", "度量单位不像单位：指标值可能被截断"),
        "row_shape": ("行缺单元格", "该行缺了一个单元格：数值可能错位一列"),
        "cell_not_in_quote": ("单元格不在行内", "单元格文字不在该行引文中应在的位置"),
        "not_a_percent": ("不是百分数", "引文写有此数，但不是百分数"),
        "glued_number": ("两数粘连", "一个单元格里两个数字连在一起，此值只是其中一种读法"),
        "implausible_year": ("年度可疑", "年度不合常理"),
        "ocr_uncertain": ("识别存疑", "文字识别（OCR）对该数值的字符把握不足，或其旁边有未被识别的笔迹"),
        "row_joined": ("两行读成一行", "指标名称里含有另一行的单元格（指标级别或一串数字）：两行被读成了一行"),
        "row_name_unsure": ("行名待核", "该行的指标名称待核：该行其他单元格可能属于别的行"),
        "project_name_unsure": ("项目名待核", "项目名称只是标签、缺失或含有表格内容：表的栏目可能读错，该值可能属于别的项目或不属于任何项目"),
        "cell_cut": ("单元格被截断", "该行下方有未被任何一行读取的单元格文字：该行的单元格可能在换页处被截断"),
        "subject_guessed": ("归属存疑", "句中未说明是哪项数字：按前一句所述多项中的最后一项读取"),
        "basis_guessed": ("比较基准存疑", "句中未说明此增减与什么相比：按与上年相比读取"),
        "example_echo": ("照抄示例", "模型照抄了提示词里的示例，而不是读取原文"),
        "not_in_project_text": ("项目中无此值", "该值不在其所属项目的原文范围内"),
        "label_as_name": ("标签当作名称", "项目名称只是表中的标签、栏目或标题用语，不是名称"),
        "name_missing": ("缺项目名称", "未找到该项目的名称：其指标行可能属于别的项目或不属于任何项目"),
        "name_holds_cells": ("名称含表格内容", "项目名称含有表格的单元格（栏目的金额单位，或超出名称长度的文字）：其指标行和金额可能属于别的项目"),
        "cell_has_bar": ("含表格竖线", "该值含有表格竖线（|、│）：单元格边界未找到，文字可能混入相邻单元格"),
        "not_named_there": ("不在项目名称处", "原文只在指标单元格、标签或其他语句中写有此名称，从未写在“项目名称”之后或标题中"),
        "unassessed": ("未评估", "该字段没有置信度评估"),
    },
    "en": {
        "ungrounded": ("not in the source", "the evidence quote was not found in the source"),
        "number_not_in_quote": ("number not in quote", "the number is not in its evidence quote"),
        "values_disagree": ("places disagree", "places in the document state different values"),
        "extractors_disagree": ("rules and model disagree", "the rules and the model disagree"),
        "llm_only": ("model only", "only the model found this value"),
        "label_missing": ("label missing", "the text lost the label this value belongs to"),
        "sum_mismatch": ("sum mismatch", "parts and total do not add up"),
        "share_mismatch": ("share mismatch", "the stated share does not match part / total"),
        "rate_mismatch": ("rate mismatch", "the execution rate does not match executed / budget"),
        "yoy_mismatch": ("change mismatch", "the change in percent does not match the change in amount"),
        "score_over_weight": ("score over weight", "the score is higher than the weight"),
        "weak_rule": ("fallback rule", "found by a fallback rule"),
        "unsure_split": ("unsure cell split", "the row was cut from text that does not mark its cells: a value may belong to its neighbour"),
        "fuzzy_evidence": ("approximate quote", "the evidence quote matches the source only approximately"),
        "unknown_level": ("unknown level", "the first-level indicator is not 产出/效益/满意度/成本"),
        "unknown_unit": ("unknown unit", "the unit is not a unit: the target may have been cut"),
        "row_shape": ("row lost a cell", "the row lost a cell: its values may sit one column off"),
        "cell_not_in_quote": ("cell not in its row", "the cell's text is not in its row's quote where it stands"),
        "not_a_percent": ("not a percentage", "the quote writes this number, but not as a percentage"),
        "glued_number": ("numbers run together", "two numbers run together in one cell: the value is only one reading of them"),
        "implausible_year": ("implausible year", "the fiscal year is implausible"),
        "ocr_uncertain": ("OCR unsure", "the OCR engine was not sure of this value's characters, or left ink beside it unread"),
        "row_joined": ("rows joined", "the name holds cells of another row: two rows were read as one"),
        "row_name_unsure": ("row name unsure", "the row's name is held for review: its cells may be another row's"),
        "project_name_unsure": ("project name unsure", "the project's name is a label, missing or holds a table's cells: the form's columns may be mistaken and the value may belong to another project"),
        "cell_cut": ("cell cut", "a line below the row holds cell text no row took: a cell may be cut at a page break"),
        "subject_guessed": ("whose figure unsure", "the sentence does not say whose figure this is: read as the last of several the sentence before stated"),
        "basis_guessed": ("comparison unsure", "the sentence does not say what this change is compared with: read as the change on last year"),
        "example_echo": ("copied the example", "the model repeated its prompt's own example, not the text"),
        "not_in_project_text": ("not in the project's text", "the value is not written in its project's part of the source"),
        "label_as_name": ("a label as the name", "the project's name is a label, column or heading word of the form, not a name"),
        "name_missing": ("no project name", "no name was found for this project: its rows may belong to another project or to none"),
        "name_holds_cells": ("cells in the name", "the project's name holds a table's cells (a column head's money unit, or more text than a name): its rows and money may belong to another project"),
        "cell_has_bar": ("bar in the value", "the value holds a table's bar ('|', '│'): the cell's edge was not found, its text may run into the next cell's"),
        "not_named_there": ("not where projects are named", "the text writes this name only in an indicator's cell, a label or a sentence about something else, never after a 项目名称 label nor as a title"),
        "unassessed": ("unassessed", "the field has no assessment"),
    },
}
