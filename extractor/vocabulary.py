"""Domain vocabulary used by the text stages: form labels, heading patterns, indicator levels.

Data in one place; normalize, chunk and the rules read it. The record's own catalog (figure keys,
measures, narrative kinds) lives in `schemas.catalog`.
"""

from __future__ import annotations

import re

LEVEL1_INDICATORS: tuple[str, ...] = ("产出指标", "效益指标", "满意度指标", "成本指标")
LEVEL2_INDICATORS: tuple[str, ...] = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "可持续发展指标",
    "服务对象满意度指标",
    "满意度指标",
)

# Labels of the project self-evaluation form (项目支出绩效自评表). PDF extraction tears them into
# pieces, one per line ("实施单" / "位"); the normalizer rejoins pieces that spell one of these.
FORM_LABELS: frozenset[str] = frozenset(
    {
        "项目名称", "项目支出名称", "主管部门", "实施单位", "项目基本情况", "项目年度目标",
        "年度目标完成情况", "项目实施内容及过程概述", "预算执行情况", "年度预算数", "年度预算数(万元)",
        "年度预算数（万元）", "年初预算数", "年初预算", "调整后预算数", "全年预算数", "预算执行数",
        "全年执行数", "预算执行率", "执行率", "权重", "分值", "得分", "原因", "总额", "其中：财政资金",
        "财政资金", "财政专户管理资金", "单位资金", "其他资金", "绩效指标", "一级指标", "二级指标",
        "三级指标", "指标性质", "指标值", "度量单位", "完成值", "实际完成值", "未完成原因分析",
        "偏差原因分析及改进措施", "产出指标", "效益指标", "满意度指标", "数量指标", "质量指标",
        "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标",
        "服务对象满意度指标", "经济成本指标", "社会成本指标", "生态环境成本指标", "评价结论",
        "存在问题", "改进措施", "合计", "总分", "定性", "定量", "1.项目年度目标完成情况", "2.项目实施内容及过程概述",
    }
    | set(LEVEL1_INDICATORS)
    | set(LEVEL2_INDICATORS)
)  # fmt: skip

_CN_NUM = "一二三四五六七八九十百零〇"

# Heading levels, outermost first: (level, pattern at the start of a line).
HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^第[{_CN_NUM}\d]+(?:部分|章|篇)")),
    (2, re.compile(rf"^[{_CN_NUM}]+\s*[、.．]")),
    (3, re.compile(rf"^[（(][{_CN_NUM}]+[）)]")),
    (4, re.compile(r"^\d{1,2}\s*[、.．](?!\d)")),
    (5, re.compile(r"^[（(]\d{1,2}[）)]")),
)

MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+")

# Any heading start; the normalizer does not join a prose line onto one of these.
HEADING_START = re.compile(
    rf"^(?:#{{1,6}}\s|第[{_CN_NUM}\d]+(?:部分|章|篇)|[{_CN_NUM}]+\s*[、.．]|[（(][{_CN_NUM}\d]+[）)]|\d{{1,2}}\s*[、.．](?!\d))"
)

# Where a project form starts: the name label, optionally followed by the code and the name.
FORM_START = re.compile(r"^\s*(?:\*\*)?(?:项目名称|项目支出名称)(?:\*\*)?\s*[:：\t ]?")

# Units of measure that PDF text tears one character per line ("小" / "时/" / "天").
UNITS: frozenset[str] = frozenset(
    {
        "万元", "亿元", "元", "小时", "小时/天", "分钟", "平方米", "平方公里", "立方米", "公里", "千米", "人次", "万人次",
        "工作日", "个工作日", "个月", "次/年", "份/年", "万条", "万件", "万单", "万张", "万个", "万次", "%",
    }
)  # fmt: skip
UNIT_PREFIXES: frozenset[str] = frozenset(u[:i] for u in UNITS for i in range(1, len(u) + 1))

# ---- tables: column roles by header words -------------------------------------------------------
# A header cell takes the role of the longest of these words it contains ("年初预算数" is `initial`, not
# `adjusted` by its "预算数"); in a header merged over two rows the lower row's word decides. One
# vocabulary per kind of table; a row is a header of the kind whose words it holds most (two at least).
INDICATOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称"),
    "comparator": ("指标性质",),
    "target": ("年度指标值", "指标值", "目标值", "预期目标", "年度目标值"),
    "unit": ("度量单位", "计量单位"),
    "actual": ("实际完成值", "完成值", "全年实际值", "实际值", "实际完成"),
    "weight": ("分值", "权重"),
    "score": ("得分",),
    "reason": ("偏差原因", "未完成原因"),
}
BUDGET_COLUMNS: dict[str, tuple[str, ...]] = {
    "initial": ("年初预算数", "年初预算"),
    "adjusted": ("全年预算数", "调整后预算数", "调整后预算", "预算数"),
    "executed": ("全年执行数", "预算执行数", "执行数", "实际支出"),
    "rate": ("执行率",),
    "weight": ("分值", "权重"),
    "score": ("得分",),
}
ACCOUNTS_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("科目编码", "科目代码"),
    "name": ("科目名称", "项目"),
    "total": ("合计", "小计"),
    "basic": ("基本支出",),
    "project": ("项目支出",),
    "budget": ("年初预算",),
    "actual": ("决算数",),
}
TABLE_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "indicators": INDICATOR_COLUMNS,
    "budget": BUDGET_COLUMNS,
    "accounts": ACCOUNTS_COLUMNS,
}

# ---- final-accounts tables (公开01表 … 公开09表) ------------------------------------------------------
# Which standard table a title names, tried in order (the most specific first); titles are compared with
# their spaces removed. A table whose title names none of them is read for year columns only.
ACCOUNT_TABLE_TITLES: tuple[tuple[str, str], ...] = (
    (r"三公", "three_public"),
    (r"财政拨款收入支出决算(?:总)?表", "fiscal_total"),
    (r"基本支出决算(?:明细)?表", "basic_detail"),
    (r"一般公共预算财政拨款支出决算(?:明细)?表", "gpb"),
    (r"(?<!财政拨款)收入支出决算(?:总)?表", "summary"),
    (r"(?<!财政拨款)收入决算表", "revenue"),
    (r"(?<!财政拨款)支出决算表", "expenditure"),
)
# a table's title stands on a short line of its own ("2023年度一般公共预算财政拨款支出决算表（公开05表）")
TITLE_LINE_MAX = 48
SENTENCE_END = re.compile(r"[。；;！？]")
# The rows of the summary table (收入支出决算总表), left (revenue) and right (expenditure) side; older and
# regional names included (财政补助收入 is what newer templates call 财政拨款收入).
SUMMARY_ROW_LABELS: dict[str, str] = {
    "一般公共预算财政拨款收入": "revenue_gpb",
    "财政拨款收入": "revenue_fiscal",
    "财政补助收入": "revenue_fiscal",
    "事业收入": "revenue_business",
    "其他收入": "revenue_other",
    "本年收入合计": "revenue_current_year",
    "本年支出合计": "expenditure_current_year",
    "年初结转和结余": "carryover_begin",
    "年末结转和结余": "carryover_end",
}
SUMMARY_GRAND_TOTAL: frozenset[str] = frozenset({"总计", "收入总计", "支出总计"})
TOTAL_ROW_WORDS: frozenset[str] = frozenset({"合计", "总计"})
SUBTOTAL_WORDS: frozenset[str] = frozenset({"小计", "合计"})
ROW_NUMBER_HEAD: frozenset[str] = frozenset({"栏次", "行次"})
# header cells that name no amount column (the label columns, the column-number row)
COLUMN_HEAD_SKIP: frozenset[str] = frozenset({"项目", "科目代码", "科目编码", "科目名称", "栏次", "行次", "类", "款", "项"})
# columns of 一般公共预算财政拨款支出决算表
GPB_COLUMN_LABELS: dict[str, str] = {"小计": "gpb_expenditure", "合计": "gpb_expenditure", "本年支出": "gpb_expenditure",
                                     "基本支出": "gpb_basic_expenditure"}  # fmt: skip
BASIC_DETAIL_LABELS: dict[str, str] = {"人员经费合计": "personnel_expenses", "公用经费合计": "public_expenses",
                                       "人员经费": "personnel_expenses", "公用经费": "public_expenses"}  # fmt: skip
# functional classification codes: 类 201, 款 20106, 项 2010601 (written 201 06 01 in some tables)
FUNCTION_CODE = re.compile(r"\d{3}(?:\d{2}){0,2}")
# the 三公 table: its groups (top header row) and its six items (key, words that name the column)
THREE_PUBLIC_MEASURES: tuple[tuple[str, str], ...] = (("预算", "budget"), ("决算", "actual"))
THREE_PUBLIC_ITEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("three_public_total", ("合计", "三公")),
    ("outbound_travel", ("出国",)),
    ("vehicle_total", ("购置及运行", "购置和运行", "购置及运维")),
    ("vehicle_purchase", ("购置",)),
    ("vehicle_operation", ("运行",)),
    ("official_reception", ("接待",)),
)
# the unit a table states above it ("金额单位：万元", "单位:元"), and the unit when it states none
DEFAULT_MONEY_UNIT = "万元"
MONEY_UNIT_STATEMENT = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|亿元|元)")
# numbering and decoration before a row label ("一、", "1.", "（二）", "其中：", quotes, spaces)
ROW_LABEL_DECORATION = re.compile(
    rf"^(?:[{_CN_NUM}]+、|\d+[、.．]|[（(][{_CN_NUM}\d]+[）)]|其中\s*[:：])\s*|[*\s“”\"]"
)
# a header of year columns: "2023 年预算数", "2022年度决算数"
YEAR_COLUMN = re.compile(r"(\d{4})\s*年度?\s*(预算数|决算数|年初预算|执行数)")
YEAR_COLUMN_MEASURES: dict[str, str] = {"预算数": "budget", "年初预算": "budget", "决算数": "actual", "执行数": "actual"}
