"""Domain vocabulary used by the text stages: form labels, heading patterns, indicator levels.

Data in one place; normalize, chunk and the rules read it. The record's own catalog (figure keys,
measures, narrative kinds) lives in `schemas.catalog`.
"""

from __future__ import annotations

import re

from schemas.catalog import DEFAULT_CURRENCY_UNIT

LEVEL1_INDICATORS: tuple[str, ...] = ("产出指标", "效益指标", "满意度指标", "成本指标")
LEVEL2_INDICATORS: tuple[str, ...] = (
    "数量指标",
    "质量指标",
    "时效指标",
    "进度指标",  # an older template's name for 时效指标
    "成本指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "生态环境指标",
    "可持续影响指标",
    "可持续发展指标",
    "服务对象满意度指标",
    "满意度指标",
)

# ---- goals stated as sentences (`extract.rules.goal_statements`) ---------------------------------------------
# A project's 绩效目标 written as lines of level, name and target ("1、数量指标:资助学生1966人。"): a level-2 label and
# its colon; the heading the lines stand under (and the words that make a heading an account of how a goal went); a
# clause's name, target and unit ("资助经费到位率100%达标", "种植数量>=17600株"); the sentence naming the project the text
# announces ("某某项目由某单位实施", "实施某某项目,", "下达的某某资金,"); its money ("涉及资金895.8万元").
GOAL_STATEMENT_LEVEL2 = re.compile(
    r"(?P<level2>" + "|".join(sorted(LEVEL2_INDICATORS, key=len, reverse=True)) + r")\s*[:：]"
)
GOAL_STATEMENT_HEADING = re.compile(r"绩效目标")
GOAL_STATEMENT_NOT_A_GOAL = re.compile(r"完成情况|实现情况|自评|评价")
GOAL_STATEMENT_VALUE = re.compile(
    r"^(?P<name>.*?[^\d.\s≥≤<>=＞＜])\s*(?P<comparator>>=|<=|≥|≤|>|<|=|不低于|不少于|不超过|不高于|达到)?\s*"
    r"(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>%|[^\d\s%]{1,4})?\s*(?:达标|以上|及以上|以内)?$"
)
GOAL_STATEMENT_PROJECT: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?P<name>[^,，。;；:：\n]{4,60}?项目)由(?P<implementer>[^,，。;；\n]{2,30}?)(?:负责)?实施"),
    re.compile(r"实施(?P<name>[^,，。;；:：\n]{4,60}?项目)[,，。]"),
    re.compile(r"下达的(?P<name>[^,，。;；:：\n]{4,60}?资金)[,，。]"),
)
GOAL_STATEMENT_MONEY = re.compile(r"涉及资金\s*(\d+(?:\.\d+)?)\s*万元")
# A goal form that sets its indicators twice, in blocks one after the other: the long-term (or whole-period) block, then
# the year's (长期绩效指标 … 年度绩效指标): the year's rows are the record's targets.
GOAL_LONG_TERM_BLOCK = re.compile(r"(?:长期|中期|实施期|总体|总目标)绩效指标")
GOAL_YEAR_BLOCK = re.compile(r"(?<!长期)(?<!中期)年度绩效指标")

# Labels of the project self-evaluation form (项目支出绩效自评表). PDF extraction tears them into
# pieces, one per line ("实施单" / "位"); the normalizer rejoins pieces that spell one of these.
FORM_LABELS: frozenset[str] = frozenset(
    {
        "项目名称", "项目支出名称", "专项名称", "主管部门", "实施单位", "项目基本情况", "项目年度目标",
        "年度目标完成情况", "项目实施内容及过程概述", "预算执行情况", "年度预算数", "年度预算数(万元)",
        "年度预算数（万元）", "年初预算数", "年初预算", "调整后预算数", "全年预算数", "预算执行数",
        "全年执行数", "预算执行率", "执行率", "权重", "分值", "得分", "原因", "总额", "其中：财政资金",
        "财政资金", "财政专户管理资金", "单位资金", "其他资金", "绩效指标", "一级指标", "二级指标",
        "三级指标", "指标性质", "指标值", "度量单位", "完成值", "实际完成值", "未完成原因分析",
        "偏差原因分析及改进措施", "产出指标", "效益指标", "满意度指标", "数量指标", "质量指标",
        "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标",
        "服务对象满意度指标", "经济成本指标", "社会成本指标", "生态环境成本指标", "评价结论",
        "存在问题", "改进措施", "合计", "总分", "定性", "定量", "1.项目年度目标完成情况", "2.项目实施内容及过程概述",
        "年度主要任务", "任务名称", "主要内容", "资金总额",
        # the heads of goal declaration forms (绩效目标申报表, 项目支出绩效目标表) and central transfer payments' forms
        "项目负责人", "项目负责人及电话", "项目主管单位", "项目实施单位", "主管部门及编码", "预算部门", "业务主管部门", "项目属性", "项目分类", "项目起止时间",
        "资金情况(万元)", "资金情况（万元）", "年度资金总额", "当年资金总额", "总体目标", "年度目标", "中期目标", "实施期目标",
        "年度绩效目标", "本年度绩效目标", "实施期绩效目标", "转移支付(项目)名称", "转移支付（项目）名称", "中央主管部门",
        "地方主管部门", "地方财政部门", "资金使用单位", "资金投入情况(万元)", "资金投入情况（万元）", "项目支出实施期",
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
# A form opens with its name label: a project's, or a whole unit's (部门整体支出绩效自评表: "部门（单位）名称"), or the project
# a scoring table scores (评价项目名称).
# A special fund's or a central transfer payment's form names its project so (专项资金名称, 转移支付（项目）名称).
FORM_START = re.compile(
    r"^\s*(?:\*\*)?(?:评价项目名称|项目名称|项目支出名称|部门[（(]单位[）)]名称|(?:[一二三]?级)?预算单位名称|专项资金名称|专项名称"
    r"|转移支付[（(]项目[）)]名称)(?:\*\*)?\s*[:：\t ]?"
)
# a whole unit's form (部门（单位）名称, 一级预算单位名称, its 一 lost by OCR): it needs a block or rows
FORM_UNIT_LABEL = re.compile(r"^\s*(?:\*\*)?(?:部门[（(]单位[）)]名称|(?:[一二三]?级)?预算单位名称)")

# ---- chunk: titles of forms and project reports (extractor.chunk) ---------------------------------------
# Title lines just above a form belong to it ("附件2：", "2031年度项目支出绩效自评表").
FORM_TITLE = re.compile(r"^(?:#+\s*)?(?:附件\s*[\d\-－—]*[:：]?\s*$|.{0,30}绩效(?:自评|目标(?:申报|审批|批复)?)表)")  # (or a goal form's)
# A project (or whole-department) self-evaluation report's title ends so, spaces allowed between characters (the
# result of a project's self-evaluation, "某某项目自评结果", is such a report too).
REPORT_TITLE = re.compile(r"(?:绩\s*效\s*自\s*评\s*报\s*告|项\s*目\s*自\s*评\s*结\s*果)\s*$")
# A report title with this word is about the whole unit (整体支出), not a project.
WHOLE_UNIT_WORD = "整体"
# A heading that names its project in quotes: "“某某服务项目”绩效自评情况".
PROJECT_IN_HEADING = re.compile(r"[“\"](?P<name>[^”\"]{4,80}?项目)[”\"]\s*绩效自评")
# The project a report title names: the words after the year, before (项目支出)绩效自评报告 (or 自评结果).
REPORT_TITLE_END = re.compile(r"(项目支出)?绩效自评报告$|(?<=项目)自评结果$")
REPORT_TITLE_AFTER_YEAR = re.compile(r"\d{4}年度?(.+)$")

# Units of measure that PDF text tears one character per line ("小" / "时/" / "天").
UNITS: frozenset[str] = frozenset(
    {
        "万元", "亿元", "元", "小时", "小时/天", "分钟", "平方米", "平方公里", "立方米", "公里", "千米", "人次", "万人次",
        "工作日", "个工作日", "个月", "次/年", "份/年", "万条", "万件", "万单", "万张", "万个", "万次", "%",
    }
)  # fmt: skip
UNIT_PREFIXES: frozenset[str] = frozenset(u[:i] for u in UNITS for i in range(1, len(u) + 1))

# A page number as a page prints it ("- 7 -", "第 7 页", "第7页/共20页"): never a table's cell.
PAGE_DECORATION = re.compile(r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页.*)\s*$")
# a line that may be a page number: decorated ("- 7 -", "第 7 页 / 共 20 页") or a bare number (normalize tells
# a bare one from a table's cell by the blank lines around it)
PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[/／共]\s*\d+\s*页?)?|\d{1,3})\s*$")

# ---- tables: column roles by header words -------------------------------------------------------
# A header cell takes the role of the longest of these words it contains ("年初预算数" is `initial`, not
# `adjusted` by its "预算数"); in a header merged over two rows the lower row's word decides. One
# vocabulary per kind of table; a row is a header of the kind whose words it holds most (two at least).
INDICATOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标", "一级目标"),  # (一级目标: a transfer goal form's word for its level 1)
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称", "指标内容", "绩效内容"),  # (指标内容, 绩效内容: a goal form's names of its indicators)
    "comparator": ("指标性质", "指标值类型", "指标类型", "指标方向"),  # (指标方向性, 正向指标 / 反向指标: a note)
    "target": ("年度指标值", "指标值", "目标值", "预期目标", "年度目标值", "实现值", "年度工作目标"),
    "unit": ("度量单位", "计量单位"),
    "actual": ("实际完成值", "全年完成值", "完成值", "全年实际值", "实际值", "实际完成", "实施进度"),
    "weight": ("分值", "权重", "权数", "参考分值"),
    "score": ("得分",),
    "reason": ("偏差原因", "未完成原因"),
    "previous": ("实际实现值",),  # a year's actual shown for comparison (2021年实际实现值): no field of the record
    # what an indicator means, how it is scored, the standard its target is set by (绩效标准: 计划标准, 历史标准): no field
    "note": ("指标解释", "分标准", "备注", "绩效标准", "指标方向性"),  # (指标方向性: 正向指标 / 反向指标)
    # a unit-wide form's columns beside the national ones (部门整体绩效自评表): the target as adjusted during the year, the
    # share of the weight a row earned (得分 = 指标权重 × 得分系数), whether the row is a core indicator; no fields
    "adjusted_target": ("调整指标值", "调整后指标值"),
    "coefficient": ("得分系数",),
    "core": ("是否核心指标",),
}
# The words a scoring table (项目支出绩效评价评分表, 绩效评价指标体系及评分表) names its columns with beside the national form's:
# its level and indicator columns (评价内容 | 评价指标(分值) | 指标说明 | 评分标准; 考核内容 | 分值 | 计分标准 | 分数), its
# prose columns (how an indicator is scored or what it means: no field of the record) and its score column. Where a
# header names the indicator column twice (项目 | 考核内容 | 考核指标), the right-most is the indicator's name and those
# before it are its levels (`extractor.tables.roles`).
SCORING_COLUMNS: dict[str, tuple[str, ...]] = {
    "level1": ("评价内容", "一级评价指标"),
    "level2": ("评价类别", "二级评价指标"),
    "name": ("评价指标", "考核指标", "考核内容"),
    "score": ("分数", "评价得分", "自评分"),
    "reason": ("扣分原因", "扣分说明", "扣分理由"),
    "note": ("评价标准", "评价要点", "评分细则", "评分依据", "指标说明", "考核要点", "评价依据", "评价内容(标准)", "评价内容（标准）", "内容(标准)",
             "内容（标准）", "评价办法"),
}  # fmt: skip
# Goal tables that list several projects (部门预算项目绩效目标申报表 of a unit's projects, `extract.rules.project_lists`): the
# head columns left of the indicator header's levels, per project: its name, its unit, its money, its year's goal. A
# header cell takes the role of the longest word it holds; a table with a "project" column lists projects.
PROJECT_LIST_HEAD: dict[str, tuple[str, ...]] = {
    "project": ("项目名称", "项目支出名称"),
    "unit": ("单位名称", "预算单位", "部门名称", "主管部门"),
    "amount": ("预算数", "预算金额", "项目金额", "资金总额", "年度预算", "预算资金", "金额"),
    "goal": ("年度目标", "年度绩效目标", "绩效目标", "项目目标"),
}
# 万元 per unit of a money-unit statement above such a table ("金额单位:元").
PROJECT_LIST_SCALE: dict[str, float] = {"元": 0.0001, "万元": 1.0, "亿元": 10000.0}
# A form's budget block labeled with the unit of its money ("项目资金（元）", "资金情况(万元)", "年度预算数（万元）"): the
# amounts are in that unit (scaled by `PROJECT_LIST_SCALE`).
FORM_BUDGET_MONEY_UNIT = re.compile(r"(?:项目资金|资金情况|年度预算数|资金投入情况|预算执行情况)\s*[（(]\s*(元|万元|亿元)\s*[)）]")
# A scoring table's first column headed by a generic word before its name columns (项目 | 考核内容 | 考核指标): level 1.
SCORING_LEVEL_HEADS: frozenset[str] = frozenset({"项目", "类别", "项目类别"})
for _role, _words in SCORING_COLUMNS.items():
    INDICATOR_COLUMNS[_role] = (*INDICATOR_COLUMNS[_role], *_words)
# A 分值/权重 column right after a level column holds that level's weight, not an indicator's (一级指标 | 分值 | 二级指标 |
# 分值 | 三级指标 | 分值): these roles name such columns; their cells are no field of an indicator row.
LEVEL_WEIGHT_ROLES: dict[str, str] = {"level1": "level1_weight", "level2": "level2_weight"}
# The levels evaluation frameworks score by (财预〔2020〕10号 and the provinces' schemes before it), beside the national
# form's 产出指标 / 数量指标 …: a scoring table's level cells.
SCORING_LEVEL1: tuple[str, ...] = (
    "决策", "过程", "产出", "效益", "投入", "效果", "管理", "项目决策", "项目过程", "项目管理", "项目产出", "项目效益",
    "项目绩效", "部门决策", "部门管理", "部门过程", "部门产出", "部门效益", "综合管理", "履职效能", "业务指标", "财务指标",
    "共性指标", "个性指标", "实施效果", "项目实施",
)  # fmt: skip
SCORING_LEVEL2: tuple[str, ...] = (
    "项目立项", "绩效目标", "资金投入", "资金管理", "组织实施", "产出数量", "产出质量", "产出时效", "产出成本",
    "项目效益", "实施效益", "社会效益", "经济效益", "生态效益", "预算配置",
    "预算执行", "预算管理", "资产管理", "项目目标", "决策过程", "资金分配", "资金到位", "财务管理", "业务管理",
    "目标任务", "预算编制", "目标管理", "项目执行", "项目完成", "目标设定情况", "目标完成情况",
)  # fmt: skip
# Framework levels that are also the first piece of a national level name torn by a line break ("满意度" / "指标"): read
# as levels only in a scoring table's level column, never elsewhere.
SCORING_COLUMN_LEVELS: frozenset[str] = frozenset({"满意度", "服务对象满意度", "可持续影响", "项目投入", "项目效果"})
# The enumerators a scoring table numbers its cells with: a section ("一、", "（一）") opens a level, a number ("1.",
# "2、") an indicator; neither is part of the name.
SECTION_ENUMERATOR = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}\s*[、.．])\s*")
# The weight a scoring table writes after an indicator's name ("资金落实(10分)").
INDICATOR_GLUED_WEIGHT = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]\s*$")
ITEM_ENUMERATOR = re.compile(r"^\s*(?:\d{1,2}\s*[、.．](?!\d)|[（(]\d{1,2}[）)])\s*")
BUDGET_COLUMNS: dict[str, tuple[str, ...]] = {
    "initial": ("年初预算数", "年初预算"),
    "adjusted": ("全年预算数", "调整后预算数", "调整后预算", "预算数"),
    "executed": ("全年执行数", "预算执行数", "执行数", "实际支出"),
    "rate": ("执行率",),
    "weight": ("分值", "权重", "执行率权重"),  # (执行率权重 / 执行率得分: the rate's weight and score, not the rate)
    "score": ("得分", "执行率得分"),
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
# What a 指标性质 (comparator) cell says for a row with no comparator: its target is qualitative or quantitative.
QUALITATIVE_MARKS: tuple[str, ...] = ("定性", "定量", "定性指标", "定量指标")
# Roles whose cells hold amounts or scores (a number, a percentage, a dash), and roles whose cells never are
# a bare number: how a reader that must find the rows itself (one cell per line) checks a row's cells.
NUMERIC_ROLES: dict[str, frozenset[str]] = {
    "indicators": frozenset({"weight", "score", "level1_weight", "level2_weight"}),
    "budget": frozenset({"initial", "adjusted", "executed", "rate", "weight", "score"}),
    "accounts": frozenset({"total", "basic", "project", "budget", "actual"}),
}
TEXT_ROLES: dict[str, frozenset[str]] = {
    "indicators": frozenset({"level1", "level2", "name"}),
    "budget": frozenset(),
    "accounts": frozenset({"name"}),
}
TABLE_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "indicators": INDICATOR_COLUMNS,
    "budget": BUDGET_COLUMNS,
    "accounts": ACCOUNTS_COLUMNS,
}
# Words that label a form's cells, head its columns or title its sections: never a project's name. A small model
# names a project by one of them ("项目名称", "二级指标", "项目概况") when it finds no name; such a name is held for review.
SECTION_TITLE_WORDS: frozenset[str] = frozenset(
    {"项目概况", "项目情况", "基本情况", "部门概况", "单位概况", "绩效目标", "年度绩效目标", "项目绩效目标", "绩效自评",
     "自评情况", "绩效自评情况", "项目绩效目标完成情况", "指标名称", "项目支出绩效自评表", "绩效自评表"}
)  # fmt: skip
NOT_A_PROJECT_NAME: frozenset[str] = (
    FORM_LABELS
    | SECTION_TITLE_WORDS
    | {word for columns in TABLE_COLUMNS.values() for words in columns.values() for word in words}
)

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
SUMMARY_AMOUNT_HEADS: tuple[str, ...] = ("金额", "决算数", "本年数")  # the summary table's amount columns
SUMMARY_GRAND_TOTAL: frozenset[str] = frozenset({"总计", "收入总计", "支出总计"})
TOTAL_ROW_WORDS: frozenset[str] = frozenset({"合计", "总计"})
SUBTOTAL_WORDS: frozenset[str] = frozenset({"小计", "合计"})
ROW_NUMBER_HEAD: frozenset[str] = frozenset({"栏次", "行次"})
# header cells that name no amount column (the label columns, the column-number row)
COLUMN_HEAD_SKIP: frozenset[str] = frozenset({"项目", "科目代码", "科目编码", "科目名称", "栏次", "行次", "类", "款", "项"})
# columns of 一般公共预算财政拨款支出决算表
GPB_COLUMN_LABELS: dict[str, str] = {"小计": "gpb_expenditure", "合计": "gpb_expenditure", "本年支出": "gpb_expenditure",
                                     "基本支出": "gpb_basic_expenditure"}  # fmt: skip
# Groups of columns a 一般公共预算财政拨款支出决算表 may hold side by side under a merged header cell ("年初预算 | 决算数 |
# 完成年初预算%", each split into 小计 / 基本支出 / 项目支出): the measure each group's columns state, tried in order.
GPB_COLUMN_GROUPS: tuple[tuple[str, str], ...] = (
    ("完成", "execution_rate_pct"), ("执行率", "execution_rate_pct"), ("决算", "actual"), ("本年支出", "actual"),
    ("实际支出", "actual"), ("预算", "budget"),
)  # fmt: skip
BASIC_DETAIL_LABELS: dict[str, str] = {"人员经费合计": "personnel_expenses", "公用经费合计": "public_expenses",
                                       "人员经费": "personnel_expenses", "公用经费": "public_expenses"}  # fmt: skip
# functional classification codes: 类 201, 款 20106, 项 2010601 (written 201 06 01 in some tables). Expenditure
# functions are coded 2xx; the economic classification's 301 / 30101 (工资福利支出…, in 基本支出 and 明细 tables) are not.
FUNCTION_CODE = re.compile(r"2\d{2}(?:\d{2}){0,2}")
# the 三公 table: its groups (top header row) and its six items (key, words that name the column)
THREE_PUBLIC_MEASURES: tuple[tuple[str, str], ...] = (("预算", "budget"), ("决算", "actual"))
THREE_PUBLIC_ITEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("three_public_total", ("合计", "三公")),
    ("outbound_travel", ("出国",)),
    ("vehicle_total", ("购置及运行", "购置和运行", "购置及运维", "公务用车费")),
    ("vehicle_purchase", ("购置",)),
    ("vehicle_operation", ("运行",)),
    ("official_reception", ("接待",)),
)
# A 三公 table turned the other way: the items are its columns, its rows are measures, each named by its label
# cell ("2031年度预算数", "2031年度决算数", "2030年度决算数", "决算对比", "2031年比2030年增减%"). Tried in order; a row
# of another year than the latest the rows name is last year's (not a figure of the report), and a change row
# that names the budget compares with the budget (no figure either).
THREE_PUBLIC_ROW_MEASURES: tuple[tuple[str, str], ...] = (
    (r"增减\s*[%％]|增减率|增长率|增幅|变动率|增减幅度|增减比例", "yoy_pct"),
    (r"增减|增加额|减少额|对比|变动|差额|差异", "yoy_delta"),
    (r"预算", "budget"),
    # (a comparison table's "本期" is the year's amount beside "上年同期")
    (r"决算|实际支出|支出数|年度支出|^本期$", "actual"),
)
THREE_PUBLIC_ROW_YEAR = re.compile(r"(20\d{2})\s*年")
# The header words of a final-accounts table written a row a line with single spaces between its cells
# (`extractor.tables.readers.spaced`): a column of a year, a budget, an actual or a change ("项目 2030年度 2031年度 …");
# a form's indicator table (指标, 分值) is another reader's.
SPACED_TABLE_HEAD = re.compile(r"年度|预算|决算|本期|本年|上年|增减|增长|执行数")
# A column a comparison table names by its year alone ("2030年度 | 2031年度 | 2031比2030增减"): that year's amounts, the
# latest year's the actual.
YEAR_ONLY_COLUMN = re.compile(r"^20\d{2}\s*年度?$")
THREE_PUBLIC_PRIOR_ROW = re.compile(r"上年|上一年|去年|以前年度")
# A column under an item's merged header cell is that item's 小计 or one of its parts; under another item (接待费
# split into 行政运行 / 其他…) it names none of the catalog's items.
THREE_PUBLIC_PARTS: dict[str, tuple[str, ...]] = {
    "three_public_total": ("outbound_travel", "vehicle_total", "vehicle_purchase", "vehicle_operation", "official_reception"),
    "vehicle_total": ("vehicle_purchase", "vehicle_operation"),
}
# A header merged over two rows that a text writes without its spans (one cell a line): the upper cell that
# names a group word stands over the lower cells that name its parts (公务用车购置及运行费 over 购置费 | 运行费).
MERGED_HEADER_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("购置及运行", ("购置", "运行")), ("购置和运行", ("购置", "运行")), ("购置及运维", ("购置", "运维")),
)  # fmt: skip
# The heads of a table's label columns (项目, 科目名称, 年度): where its rows' words stand, the other columns holding amounts.
LABEL_COLUMN_HEADS: tuple[str, ...] = ("项目", "科目", "名称", "年度")
# The first cell of a final-accounts table written one cell a line without bars (an empty cell a blank line): one of
# these words, or a cell ending in 项目 ("“三公”经费项目"); a form's 项目名称 / 项目资金（万元） opens none.
PLAIN_TABLE_HEADS: tuple[frozenset[str], tuple[str, ...]] = (
    frozenset({"收入", "支出", "预算数", "决算数", "年度", "科目编码", "科目名称"}), ("项目",),
)  # fmt: skip
# A table whose header names this many of the items is a 三公 table, whatever its title.
THREE_PUBLIC_MIN_ITEMS = 3
# A final-accounts table a PDF tool flattened into one line of prose: its label head and the words of its measure
# columns, then each row's label and one amount a column, parted by spaces ("单位:万元 项 目 预算数 决算数 合 计 65.00
# 64.87 … 公务接待费 21.00 21.00 …"); the table ends at a numbered heading or a sentence's end. A row is read only where
# its label is a catalog label and its amounts are as many as the columns (a row whose amounts slid next to another's
# label is not placed); a column of last year's figures is read as no figure.
INLINE_TABLE_HEAD = re.compile(r"项\s*目((?:\s+(?:年初预算数|预算数|本年决算数|上年决算数|决算数))+)(?=\s)")
INLINE_TABLE_MEASURES: dict[str, str | None] = {
    "年初预算数": "budget", "预算数": "budget", "本年决算数": "actual", "决算数": "actual", "上年决算数": None,
}  # fmt: skip
INLINE_TABLE_END = re.compile(r"[一二三四五六七八九十]+、|[。；;，,:：]$")
INLINE_TABLE_UNIT_REACH = 40  # characters before the head where the table's caption states its unit
# the unit a table states above it ("金额单位：万元", "单位:元"), and the unit when it states none
DEFAULT_MONEY_UNIT = DEFAULT_CURRENCY_UNIT
MONEY_UNIT_STATEMENT = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|亿元|元)")
# numbering and decoration before a row label ("一、", "1.", "（二）", "其中：", quotes, spaces)
ROW_LABEL_DECORATION = re.compile(
    rf"^(?:[{_CN_NUM}]+、|\d+[、.．]|[（(][{_CN_NUM}\d]+[）)]|其中\s*[:：])\s*|[*\s“”\"]"
)
# a header of year columns: "2023 年预算数", "2022年度决算数"
YEAR_COLUMN = re.compile(r"(\d{4})\s*年度?\s*(预算数|决算数|年初预算|执行数)")
YEAR_COLUMN_MEASURES: dict[str, str] = {"预算数": "budget", "年初预算": "budget", "决算数": "actual", "执行数": "actual"}


# ---- routing: what sends a chunk to a family (extractor.route) ---------------------------------------------
# "其他一般公共服务支出（项）。年初预算为20万元，支出决算为12.74万元": the items of 支出决算具体情况.
ITEM_FIGURE_STATEMENT = re.compile(r"[（(]项[）)].{0,30}?(?:预算|决算)\D{0,6}\d+(?:\.\d+)?\s*万元")
# Words that a chunk of a project's text must hold, beside a number, to be asked for the project's data.
PROJECT_DATA_WORDS: tuple[str, ...] = ("预算", "执行", "得分", "分值", "权重", "指标值", "完成值", "万元", "总分")


# ------------------------------------------------------------------------------------------------------------------
# Statement grammar: how the final-accounts explanation (决算情况说明) states its figures. The national template's
# sentences and their regional variants, as data; `extract/rules/labels.py`, `figures_prose.py` and
# `figures_counts.py` read them. Each pattern below has its own case in tests/test_statement_grammar.py.
# ------------------------------------------------------------------------------------------------------------------

# Wordings of catalog figures beyond the catalog's own labels (schemas.catalog.FIGURE_KEYS), with the keys they state.
STATEMENT_LABELS: dict[str, tuple[str, ...]] = {
    "财政拨款支出": ("gpb_expenditure",),
    "一般公共预算支出": ("gpb_expenditure",),
    "公务用车购置费及运行维护费": ("vehicle_total",),
    "公务用车购置及运维费": ("vehicle_total",),
    "公务用车及运行维护费": ("vehicle_total",),
    "公车购置及运行费": ("vehicle_total",),
    "公车购置及运行维护费": ("vehicle_total",),
    "公务用车购置及运行维护费用": ("vehicle_total",),
    # the vehicles' total named after the vehicles themselves, without repeating 公务用车 ("公务用车保有量2辆，购置及运行
    # 维护费5万元"): no other 三公 item is bought and run
    "购置及运行维护费": ("vehicle_total",),
    "购置及运行费": ("vehicle_total",),
    "公务用车运行维护费用": ("vehicle_operation",),
    "公务用车运行维护": ("vehicle_operation",),
    "车辆运行费": ("vehicle_operation",),
    "车辆运行维护费": ("vehicle_operation",),
    "车辆运行维护费用": ("vehicle_operation",),
    "公车运行费": ("vehicle_operation",),
    "公车运行及维护费": ("vehicle_operation",),
    "公车运行及维护": ("vehicle_operation",),
    "公车运行维护费": ("vehicle_operation",),
    "公车购置费": ("vehicle_purchase",),
    # the vehicles' total as a county's 三公 table names it, its parts under it ("3、公务用车费 | 4 |" then "其中：(1)公务用车
    # 运行维护费 | 4 |")
    "公务用车费": ("vehicle_total",),
    "公务接待费用": ("official_reception",),
    "公务接待": ("official_reception",),
    "因公出国（境）经费": ("outbound_travel",),
    "因公出国（境）费用": ("outbound_travel",),
    "因公出国（境）支出": ("outbound_travel",),
    "收入总计": ("grand_total_revenue",),
    "总收入": ("grand_total_revenue",),
    "总支出": ("grand_total_expenditure",),
    "收入支出总计": ("grand_total_revenue", "grand_total_expenditure"),
    "收入、支出总计": ("grand_total_revenue", "grand_total_expenditure"),
    "收入支出总体": ("grand_total_revenue", "grand_total_expenditure"),
    # "收入、支出决算总计各为A万元", "收、支决算总计" (the 决算 word inside the label)
    "收入支出决算总计": ("grand_total_revenue", "grand_total_expenditure"),
    "收支决算总计": ("grand_total_revenue", "grand_total_expenditure"),
    "支出合计": ("expenditure_current_year",),
    "上年结转和结余": ("carryover_begin",),
    "上年结转结余": ("carryover_begin",),
    "年初结转结余": ("carryover_begin",),
    "年末结转结余": ("carryover_end",),
    "财政补助收入": ("revenue_fiscal",),
    # 一般公共财政 is the general budget's older name (一般公共预算 since 2015): "一般公共财政拨款收入较上年增加A万元"
    "一般公共财政拨款收入": ("revenue_gpb",),
    # stated alone, the fiscal revenue total is the year's fiscal revenue: its parts add up to it without the carryover,
    # and it differs from the fiscal expenditure total beside it ("财政拨款收入总计X万元；财政拨款支出总计Y万元")
    "财政拨款收入总计": ("revenue_fiscal",),
    "政府采购金额": ("procurement_total",),
    # news-style wording of the total ("全国政府采购规模为A亿元"); a scale of one kind of unit is no total (below)
    "政府采购规模": ("procurement_total",),
    "政府采购支出总金额": ("procurement_total",),
    "授予中小微企业合同金额": ("procurement_sme",),
    "中小企业合同金额": ("procurement_sme",),
    "授予中小企业预留合同金额": ("procurement_sme",),
    "预留中小企业合同金额": ("procurement_sme",),
    "预留给中小企业的合同金额": ("procurement_sme",),
    "面向中小企业预留合同金额": ("procurement_sme",),
    "小微企业合同金额": ("procurement_small_micro",),
    "授予小微企业预留合同金额": ("procurement_small_micro",),
    "预留小微企业合同金额": ("procurement_small_micro",),
    "预留给小微企业的合同金额": ("procurement_small_micro",),
    "财政拨款收入支出总计": ("fiscal_grand_total",),
    "财政拨款收入、支出总计": ("fiscal_grand_total",),
    "财政拨款收入支出决算总计": ("fiscal_grand_total",),
    "财政拨款收支决算总计": ("fiscal_grand_total",),
    "机关运行费": ("admin_operating_expenses",),
    "机构运行经费": ("admin_operating_expenses",),
    "车辆购置费": ("vehicle_purchase",),
    "车辆购置支出": ("vehicle_purchase",),
    # the basic expenditure of the general budget, in sections named "一般公共预算基本支出决算情况说明"
    "一般公共预算基本支出": ("gpb_basic_expenditure",),
    "本单位收入": ("revenue_current_year",),
    "本单位支出": ("expenditure_current_year",),
    "本部门收入": ("revenue_current_year",),
    "本部门支出": ("expenditure_current_year",),
    # the unit named before it: "某某卫生院单位支出为A万元"
    "单位收入": ("revenue_current_year",),
    "单位支出": ("expenditure_current_year",),
}

# Wordings read as a catalog figure only in a section whose heading names the figure: "与上年相比，一般公共预算财政拨款
# 增加…" under 一般公共预算财政拨款支出 (outside it the same words may name the revenue).
SECTION_LABELS: tuple[tuple[str, dict[str, tuple[str, ...]]], ...] = (
    ("一般公共预算财政拨款支出", {"一般公共预算财政拨款": ("gpb_expenditure",)}),
)

# Catalog labels too generic to be read alone in a sentence (read as sub-labels or counts instead).
GENERIC_LABELS: frozenset[str] = frozenset(
    {"货物", "工程", "服务", "车辆", "公务用车", "绩效目标", "事前绩效评估", "绩效监控", "绩效自评"}
)

# Sub-labels valid only right after their parent figure, e.g. "其中：货物x万元、工程y万元".
SUB_LABELS: dict[str, dict[str, str]] = {
    "procurement_total": {"货物": "procurement_goods", "工程": "procurement_works", "服务": "procurement_services"},
    # "公务用车购置及运行费30万元，其中公务用车购置费10万元、运行维护费20万元", "（其中：购置费10万元，运行费20万元）"
    "vehicle_total": {"购置费": "vehicle_purchase", "运行维护费": "vehicle_operation", "运行费": "vehicle_operation"},
}
# A sub-label word right after these words is part of another phrase ("政府采购工程" is a catalog label itself).
SUB_LABEL_NOT_AFTER = "采购"

# A label read after one of these qualifiers names another budget's figure, not the catalog's.
OTHER_BUDGET_QUALIFIERS: tuple[str, ...] = ("政府性基金预算", "国有资本经营预算", "非", "基金预算", "经营预算", "预算单位")

# Lines of the same statements that are not catalog figures: an amount after one of them is theirs, not the figure
# named before ("…收入1008.64万元；政府性基金预算财政拨款收入605.99万元" is not a budget of the first).
OTHER_ITEMS: tuple[str, ...] = (
    "政府性基金预算财政拨款收入", "政府性基金预算财政拨款支出", "国有资本经营预算财政拨款收入",
    "国有资本经营预算财政拨款支出", "政府性基金预算拨款", "上级补助收入", "经营收入", "附属单位上缴收入",
    "使用非财政拨款结余", "使用专用结余", "结余分配", "上缴上级支出", "经营支出", "对附属单位补助支出",
    "财政拨款支出总计", "财政拨款结转结余", "非财政拨款结余", "用事业基金弥补收支差额",
    # the project expenditure of the fiscal funds or the general budget (the catalog keeps only the unit's)
    "一般公共预算项目支出", "一般公共预算财政拨款项目支出", "财政拨款项目支出",
    # the share of SMEs within one kind of purchase ("货物采购授予中小企业合同金额占货物支出金额的70%") is not the total's
    "货物采购授予中小企业合同金额", "工程采购授予中小企业合同金额", "服务采购授予中小企业合同金额",
    # news: the kinds' scales listed at once ("货物、工程、服务政府采购规模分别为A亿元、B亿元和C亿元"), no total
    "货物、工程、服务政府采购规模", "货物、工程、服务采购规模",
)  # fmt: skip

# The opening of a reason ("…增加的主要原因是购置设备支出12万元", "原因为…"): a number after it, before the next label,
# is the reason's, not the figure's.
REASON_OPENER = re.compile(r"原因(?:主要)?(?:是|为|在于)|主要是由于|主要由于|是因为")
# A clause that names another cost than the label's ("，另外劳务费增加 3 万元", "，差旅费支出增加 2.10 万元").
OTHER_COST = re.compile(r"[，,；;]\s*(?:另外|其中|同时|此外)?\s*[\u4e00-\u9fff]{1,14}?(?:费用?|经费)(?:支出)?\s*(?:增加|减少|为|是|支出|共)?\s*$")

# Numbers of a statement: amounts in a money unit, percentages, and two of either listed for two figures at once.
NUMBER = r"-?\d+(?:\.\d+)?"
MONEY_UNIT = r"万元|亿元|元|万(?=[，,。；;、\s]|$)"
# A money unit written short, as its record unit: "经营收入 0.00 万，…".
MONEY_UNIT_SHORT: dict[str, str] = {"万": "万元"}
AMOUNT = re.compile(rf"({NUMBER})\s*({MONEY_UNIT})")
PERCENT = re.compile(rf"({NUMBER})\s*%")
# "各是4125.49,4143.91万元", "分别为12万元、15万元": the first of two figures named by one label, then the second.
PAIRED_AMOUNTS = re.compile(rf"({NUMBER})\s*(?:{MONEY_UNIT})?\s*[,，、和]\s*({NUMBER})\s*({MONEY_UNIT})")
PAIRED_PERCENTS = re.compile(rf"({NUMBER})\s*%?\s*[,，、和]\s*({NUMBER})\s*%")
PAIRED_CUE = re.compile(r"(?:各|分别)(?:是|为|增加|减少|增长|下降|降低|减|增)?了?\s*$")
# An amount in 亿元 written with 万 inside it, as news writes large sums ("3万4993.1亿元" = 34993.1亿元, "1万301.5亿元" =
# 10301.5亿元): the 万 part and the rest, one number.
WAN_IN_YI = re.compile(r"(\d{1,4})万(\d{1,4}(?:\.\d+)?)\s*(?=亿元)")
WAN_PART = r"(\d{1,4})万"  # the 万 part of such an amount, before the rest of its digits

STATEMENT_SENTENCE_END = re.compile(r"[。！？]")
CLAUSE_BREAK = re.compile(r"[，,。；;：:]")
# A figure's clause starts after one of these (the quote of a figure begins there).
CLAUSE_STARTS = "，；：,;:、\n"

# Measures read from the words just before a number. Words of a change, up and down.
CHANGE_UP: tuple[str, ...] = ("增加", "增长", "上升", "提高", "多")
CHANGE_DOWN: tuple[str, ...] = ("减少", "下降", "降低", "节约", "少", "减")
# A comparison with an earlier year: a change after it is year on year.
YEAR_COMPARISON = re.compile(r"上年|上一年|去年|相比|比\s*\d{4}|较|同比")
# What a change is compared with, read from the words of its comparison; the last comparison before a number decides
# ("比上年预算数下降p%，比上年决算数下降q%": the first against last year's budget, the second year on year):
#   "last_year"        — last year's actual ("比上年", "与上年决算数相比", "较2030年度决算数", "同比"): year on year;
#   "last_year_budget" — last year's budget ("比上年预算数", "比上年预算数字"): the catalog has no field for it;
#   "budget"           — this year's budget ("与预算相比", "比年初预算", "较预算数", "与年初预算相比", "决算数大于预算数",
#                        "差值为", "超支"): the difference between budget and actual, no catalog field either.
# A year named before the budget ("与2031年度预算相比") is last year's budget before the year reported on, else this
# year's ("named_year_budget"). Ratios to this year's budget are no change: "完成年初预算的95%", "占年初预算的95%" are
# execution rates (EXECUTION_RATE).
_COMPARED = r"(?:比|较|与|同比|同|对比)"  # the words that open a comparison ("同上年相比", "同年初预算相比")
_BUDGET_OF = r"(?:年初|全年|调整后?|年度)?预算"
COMPARISON_BASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("last_year_budget", re.compile(rf"{_COMPARED}(?:上年|上一年|去年)度?(?:同期)?{_BUDGET_OF}")),
    ("named_year_budget", re.compile(rf"{_COMPARED}(20\d{{2}})年度?{_BUDGET_OF}")),
    # this year's budget, also where the actual is said to be above or below it ("低于年初预算A万元", "超预算A万元")
    ("budget", re.compile(rf"{_COMPARED}(?:本年|当年|本年度)?{_BUDGET_OF}|决算数?[大小]于{_BUDGET_OF}|[高低]于{_BUDGET_OF}"
                          rf"|超(?:出|过)?{_BUDGET_OF}|差值为?|超支")),
    # a named year is last year's only where it is the year before the one reported on ("2015年较2014年下降20%" in a
    # 2031 news page compares two other years: "other_year", no figure)
    ("named_year", re.compile(rf"{_COMPARED}(20\d{{2}})年")),
    ("last_year", re.compile(rf"{_COMPARED}(?:上年|上一年|去年|20\d{{2}}年)")),
)
# The words a comparison may leave between itself and its number ("…相比，增加", "…数字下降", "…度决算数减少").
COMPARISON_REACH = re.compile(r"[^，。；;\d]{0,6}(?:相比|比较|对比)?[，,]?[^，。；;\d]{0,6}")
# The measure of a change by what it is compared with: amounts and percentages; None where the catalog has no field.
COMPARISON_MEASURES: dict[str, tuple[str, str] | None] = {
    "last_year": ("yoy_delta", "yoy_pct"),
    "last_year_budget": None,
    "budget": None,
    "other_year": None,
}
# A change word this near before an amount states a change; with nothing it is compared with, it is no figure.
CHANGE_REACH = 4
# Last year's amount stated before the change: "比上年累计支出433万元减少2万元" (433 is no figure of this report).
PRIOR_VALUE = re.compile(r"(?:比|较|同比)\s*(?:上年|上一年|去年|\d{4}\s*年度?)(?:同期)?[^，。；\d]{0,10}$")
# An amount the words give to last year ("上年决算数为6万元，本年决算数为5万元", "上年为18万元", "去年同期为3万元", and in the
# 2031 report "2030年决算数为6万元"): no figure of the report. A named year counts only before the year reported on.
PRIOR_AMOUNT = re.compile(r"(?:上年度?|上一年度?|去年|(20\d{2})年度?)(?:同期)?(?:决算|实际|支出)?数?(?:为|是|共)?\s*$")
# A label named with last year ("上年“三公”经费支出决算为6万元", "2030年度收、支总计100万元" in the 2031 report): its
# amount is last year's, no figure of the report; a change stated after it is still the figure's year-on-year change.
PRIOR_YEAR_LABEL = re.compile(r"(?:上年度?|上一年度?|去年)(?:同期)?的?\s*$")
NAMED_YEAR_LABEL = re.compile(r"(20\d{2})\s*年度?的?\s*$")
# Words before an amount that make it a budget (预算数), unless 决算 or 完成 stands there too.
BUDGET_WORD = "预算"
NOT_BUDGET_WORDS: tuple[str, ...] = ("决算", "完成", "执行")  # "预算执行数为A亿元" is the actual
# An adjusted budget before an amount ("调整数32万元", "调整后预算数为32万元"): not the budget the catalog keeps (预算数, the
# initial one), no figure. A change after a figure's budget and actual with no comparison ("预算数A万元，调整数B万元，决算数C
# 万元，增加D万元") compares the two: no figure either.
ADJUSTED_BUDGET = re.compile(r"调整(?:后)?(?:预算)?数?(?:为|是)?\s*$")
# An amount "arranged" right before it is a budget too: "公务接待费安排10万元", "年初预算安排" (never a 决算).
BUDGET_ALLOCATION = re.compile(r"安排(?:了|资金)?(?:为|是)?\s*$")
# Percent measures: the execution rate against the budget, a share of a whole.
# ("完成年初预算的95%", "完成调整预算的95%", "为年初预算的105%", "占年初预算的95%", "占调整预算105%", "预算完成率为95%",
# "执行率95%": this year's actual against this year's budget)
EXECUTION_RATE = re.compile(
    r"完成(?:年初|全年|调整后?|年度)?预算(?:数)?的?\s*$|(?:为|是|达到?)(?:年初|全年|调整后?|年度)?预算(?:数)?的\s*$"
    r"|占(?:年初|全年|调整后?|年度)?预算(?:数)?的?\s*$|预算完成率为?\s*$|执行率为?\s*$"
)
SHARE = re.compile(r"占[^，。；]{0,25}?\s*$")
# A ratio to last year's amount ("占上年决算数的90%", "为上年的90%"): no share of a whole, no change; no catalog field.
PRIOR_RATIO = re.compile(r"(?:占|为|是)(?:上年|上一年|去年|20\d{2}年)度?(?:同期)?(?:决算|预算|实际|支出)?数?的\s*$")
# The budget stated inside the rate ("完成全年预算84.00万元的75%", "完成预算0万元的--%"): the amount is the figure's budget,
# the percent after it its execution rate.
BUDGET_IN_RATE = re.compile(r"完成(?:年初|全年|调整后?|年度)?预算(?:数)?$")
BUDGET_IN_RATE_AFTER = re.compile(r"^\s*-?\d+(?:\.\d+)?\s*(?:万元|亿元|元)\s*的\s*(?:-?\d[\d,]*(?:\.\d+)?|-+)\s*%")
BUDGET_IN_RATE_LINK = "的"  # the word between the budget stated inside a rate and the rate
# A ratio to a budget that the words name ("占公务接待费年初预算的95%"): the figure's own budget makes it the execution
# rate; another figure's ("占全年“三公”经费预算的30%") or one the words do not name as a figure gives no catalog field.
NAMED_BUDGET_RATIO = re.compile(r"(?:占|为|是)([^，。；,;\d%]{1,24}?)(?:年初|全年|调整后?|年度)?预算(?:数)?的?\s*$")
# A ratio to the economy or to a government's whole spending ("占全国财政支出和GDP的比重分别为10%和3%", news about
# procurement): no share of the unit's whole; no catalog field.
ECONOMY_RATIO = re.compile(r"占(?:全国|全省|全市|全区|全县)?(?:财政支出|GDP|国内生产总值|地区生产总值)")
# "占本年支出合计的98.29%": the words naming the whole are not a new figure.
SHARE_SPAN = re.compile(r"占[^，。；\d%]{0,25}?的")
# A chart caption inside the text: "（图1：收、支决算总计变动情况图）".
CAPTION = re.compile(r"[（(]\s*图\s*\d+\s*[：:][^）)]*[）)]")
# A sentence that continues the previous one's figure: "较上年增加…" with no label of its own.
CONTINUES_FIGURE = re.compile(r"^\s*(?:较|与|比|同比)")
# A sentence that goes on with the previous one's comparison: "其中：公务接待费减少0.26万元".
CONTINUES_COMPARISON = re.compile(r"^\s*其中")
# A change whose subject is one side of the accounts, named by the bare word right before its verb ("与上年决算数相比，
# 收入增加A万元…。支出增加B万元…", or with the comparison between: "收入较上年减少A万元"): it is the figure of that side
# stated last (the side's keys: the catalog's revenue and expenditure topics); "收支" names both sides at once ("收入总计
# A万元，支出总计A万元。收支较上年决算数增加B万元": each side's figure stated last). Not inside a label ("其他收入增加",
# "本年支出减少": a character before the word), and only before its number ("支出增加的主要原因是…" names no change).
SIDE_SUBJECT = re.compile(
    r"(?<![\u4e00-\u9fff])(收入|支出|收支)(?=\s*(?:(?:较|比|同比)(?:上年|上一年|去年)(?:决算数?)?|与上年相比)?\s*[，,]?\s*"
    r"(?:增加|减少|增长|下降|降低|上升)了?\s*\d)"
)
SIDE_TOPICS: dict[str, str] = {"收入": "revenue", "支出": "expenditure", "收支": "revenue expenditure"}
# A sentence that only names a figure, as a heading does: "（3）公务接待费支出情况。" (its figures follow).
HEADING_SENTENCE = re.compile(r"^\s*[（(]?[一二三四五六七八九十\d]{1,2}[)）.、．]?\s*[^，,；;\d]{2,24}?情况(?:说明)?\s*[。]?\s*$")
# Basic expenditure qualified by fiscal funds is the fiscal one: "财政资金年初基本支出预算安排…".
FISCAL_QUALIFIER = re.compile(r"财政(?:资金|拨款)")
# An aside inside a figure's clause: "公车购置及运行费995万元（其中公务用车购置费38万元…），比上年下降26.24%" (the
# change after it is the figure's before the aside).
ASIDE = re.compile(r"[（(]\s*(?:其中|包括|含)[^（）()]{0,80}[)）]")  # (or what a total includes: "（包括基本支出和项目支出安排的经费）")
# The parts a figure's "其中" names, when they are another figure's parts than the catalog's: "财政拨款支出X万元。
# 其中：基本支出A万元，项目支出B万元" are the fiscal expenditure's (None: a part the catalog has no key for).
PARTS_OF: dict[str, dict[str, str | None]] = {
    "gpb_expenditure": {"expenditure_basic": "gpb_basic_expenditure", "expenditure_project": None},
}
PARTS_WORD = "其中"
# A budget that contains the figures named after it ("2031年“三公”经费财政拨款预算中，因公出国(境)费A万元…", "…预算B亿元
# 中，因公出国(境)费C亿元"): their amounts are budgets too, like the parts after a budget and its "其中".
BUDGET_CONTAINER = re.compile(r"预算(?:数|安排)?(?:为|是)?\s*(?:-?\d+(?:\.\d+)?\s*(?:万元|亿元|元))?\s*中\s*[，,:：]?\s*$")
# Words before a part's amount that make it an actual even where its whole is a budget.
ACTUAL_WORDS: tuple[str, ...] = ("决算", "执行", "实际")
# A label named with a year after the one reported on ("2032年中央本级“三公”经费财政拨款预算…" on the 2031 决算's page,
# a few words between): that year's figure, no figure of the report; the parts its "其中" names are that year's too.
# A year before the one reported on named so ("2028年中央行政单位“三公”支出合计…" in 2031 news) is last year's label.
LATER_YEAR_LABEL = re.compile(r"(20\d{2})\s*年度?[^，。；,;\d]{0,8}$")
# A sentence on part of a year ("1-6月，全市“三公”经费累计支出A万元", "上半年…", "前三季度…"): no figure of the year's 决算.
PART_YEAR = re.compile(r"\d{1,2}\s*[-—~至]\s*\d{1,2}\s*月(?!\s*\d{1,2}\s*日)|上半年|前三季度|第[一二三四]季度|[一二三四]季度")
# The parts of a whole named together, joined only by these, name the whole: "因公出国（境）费、公务用车购置及运行费和公务接待
# 费的预算数A万元" states the 三公 total (unless a "分别" after them lists each part's own amount).
WHOLE_OF_PARTS: dict[frozenset[str], str] = {
    frozenset({"outbound_travel", "vehicle_total", "official_reception"}): "three_public_total",
}
PARTS_JOIN = re.compile(r"^[、，,和及与\s]*$")
# A unit named right before a figure's label ("北京市公安局的“三公”经费…决算数为A万元；北京市环境保护局“三公”经费…为B万元"):
# in a text that names two units or more so, each figure is its unit's (its scope), and so are the parts its "其中" names.
SCOPE_UNIT = re.compile(r"(?:今年|本年|去年|其中)?([\u4e00-\u9fa5]{2,14}?(?:局|委员会|委|厅|检察院|法院|署|办公室))(?:的|今年|本年|本级)?\s*$")
MIN_SCOPED_UNITS = 2
# A bare total wording in a sentence that was about one topic's figure names that topic's total, not the unit's: "自2011
# 年公布“三公”经费以来，该项支出已五连降：…2031年支出合计5.1亿元，较上一年减少0.3亿元" (the 三公 total of each year).
TOPIC_TOTAL_WORDINGS: tuple[str, ...] = ("支出合计",)
TOPIC_TOTALS: dict[str, str] = {"three_public": "three_public_total", "procurement": "procurement_total"}
# The parts of a figure listed with each its amount: "货物、工程、服务政府采购规模分别为A亿元、B亿元和C亿元", then "，占全国政府
# 采购规模比例为p%、q%和r%" (each part's share). The parts' words are the figure's SUB_LABELS; the words after them name
# the figure (here the procurement's scale or spending); an amount or percent list of as many values follows "分别为".
LISTED_PARTS_OF: dict[str, str] = {"procurement_total": r"(?:政府)?采购(?:规模|支出|合同金额|金额)?"}
LISTED_JOIN = r"\s*[、，,和及与]\s*"
LISTED_CUE = r"\s*(?:分别|各)(?:为|是|达到?)?\s*"
LISTED_SHARES = re.compile(r"\s*[，,；;]?\s*占[^，。；\d%]{0,20}?(?:比例|比重)?\s*(?:分别)?(?:为|是)?\s*(?=\d)")
EACH_CUE = re.compile(r"^[^，。；,;\d]{0,12}?(?:分别|各)")
# A catalog word inside a clause that says what money was used for ("主要用于…人员经费和办公经费") names no figure.
PURPOSE_CLAUSE = re.compile(r"主要用于[^，。；：:,;]*$")
# Such a clause inside a figure's sentence is an aside: the figure's next number may stand after it, however long.
PURPOSE_SPAN = re.compile(r"主要用于[^，。；：:,;]+")
# A figure named only as the scope of something else ("涉及一般公共预算支出0万元" of the evaluated projects), or a rate
# per head ("生均公用经费…1000元", "人均公用经费"): no total of the unit's.
NOT_A_FIGURE_BEFORE = re.compile(r"(?:涉及(?:资金)?|[生人户亩]均)\s*$")

# The functional structure of 一般公共预算财政拨款支出: the list of classes (类) and the item-by-item lines (项).
CLASS_LIST_START = re.compile(r"主要用于以下方面|主要用于[:：]|按(?:支出)?功能分类(?:科目)?[，,:：]?")
CLASS_LIST_END = re.compile(r"按(?:支出)?经济分类")
# The functional classes (类) of the government expenditure classification, current and older names. Named before an
# amount where the general budget's expenditure is stated ("其中：教育支出20万元，占66.67%"), a class is a figure of
# the structure even without the "主要用于以下方面" list cue; not in the item-by-item section, where a class heading
# carries the sum of its items' budgets.
FUNCTIONAL_CLASSES: tuple[str, ...] = (
    "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出",
    "文化体育与传媒支出", "社会保障和就业支出", "卫生健康支出", "医疗卫生与计划生育支出", "医疗卫生支出", "节能环保支出",
    "环境保护支出", "城乡社区支出", "农林水支出", "交通运输支出", "资源勘探工业信息等支出", "资源勘探信息等支出",
    "商业服务业等支出", "金融支出", "援助其他地区支出", "自然资源海洋气象等支出", "国土海洋气象等支出", "住房保障支出",
    "粮油物资储备支出", "灾害防治及应急管理支出", "债务付息支出", "债务发行费用支出", "债务还本支出", "其他支出",
    "抗疫特别国债安排的支出",
)  # fmt: skip
CLASS_CONTEXT = re.compile(r"一般公共预算(?:财政拨款)?支出|财政拨款支出")
ITEM_SECTION = "具体情况"
# A section on another budget than the general one: its functional classes are not the structure's.
OTHER_BUDGET_SECTION = re.compile(r"政府性基金|国有资本经营")
# The class's name before its amount, without its mark: "交通运输支出", "交通运输支出（类）", "交通运输（类）支出".
CLASS_NAME = re.compile(r"([\u4e00-\u9fa5]{2,20}支出)\s*$|([\u4e00-\u9fa5]{2,20})\s*$")
CLASS_MARK = re.compile(r"\s*[（(]类[)）]\s*")
ITEM_CONTEXT: tuple[str, ...] = ("具体情况", "公共预算财政拨款支出")
# "农林水支出（类）农业农村（款）事业运行（项）": the item (项) and its heading (款) by their marks.
ITEM_MARK = re.compile(r"[（(]项[)）]")
KUAN_MARK = re.compile(r"[（(]款[)）]\s*$")
LEVEL_MARKS: tuple[str, ...] = ("款", "类", "项")
OPENING_PARENTHESES = "（("
CLOSING_PARENTHESES = ")）"
ITEM_NAME_STOPS = "，。；：:\n)）"
ITEM_NAME_PREFIX = re.compile(r"^[（(]?\d+[）)]?\s*|^\d+[.、]\s*")
# "事业运行（项）。年初预算为…": the item's figures follow its name across the full stop.
ITEM_BEFORE_STOP = re.compile(r"[（(]项[)）]\s*$")
# Items written by their 7-digit functional code: "2010601行政运行：", "201 06 01 行政运行，".
ITEM_CODE = re.compile(r"(?<!\d)2\d{2}\s?\d{2}\s?\d{2}(?![\d.])\s*[-－—、.]?\s*([\u4e00-\u9fa5（）()、]{2,30}?)(?:[（(]项[)）])?\s*(?=[：:，,]|年初|支出决算|决算)")
# "支出决算为45万元" in the item-by-item section: an item's actual even where its name was lost.
ITEM_ACTUAL = re.compile(r"支出\s*决算(?:数)?为?\s*$")
ITEM_SETTLED = "完成"
# An item of the item-by-item section written without its （项） mark: an enumerator, the item's name (its 7-digit code
# in parentheses left out), then its figures ("2.群众文化：年初预算为…", "（3）行政运行（2070101）。支出决算为…").
_ENUMERATOR = r"(?:\d{1,2}\s*[.、．]|[（(]\d{1,2}[)）])"
_ITEM_CODE_NOTE = r"(?:[（(]\s*2\d{2}\s?\d{2}\s?\d{2}\s*[)）])?"
ENUMERATED_ITEM = re.compile(
    rf"(?:^|[\n：:])\s*{_ENUMERATOR}\s*(?P<name>[\u4e00-\u9fa5][\u4e00-\u9fa5、]{{1,30}}?)\s*{_ITEM_CODE_NOTE}\s*[：:。，,]?\s*"
    r"(?=年初预算|支出决算|决算数?为)"
)
# the same line cut at its full stop: the sentence goes on across it ("3.群众文化。年初预算为…")
ENUMERATED_ITEM_BEFORE_STOP = re.compile(
    rf"(?:^|[\n：:])\s*{_ENUMERATOR}\s*[\u4e00-\u9fa5][\u4e00-\u9fa5、]{{1,30}}\s*{_ITEM_CODE_NOTE}\s*$"
)
ITEM_FIGURES_AHEAD = re.compile(r"\s*(?:年初预算|支出决算|决算数?为)")
# Sections whose enumerated lines are the 三公 items, not functional items ("（二）“三公”经费财政拨款支出决算具体情况").
NOT_ITEM_SECTION = re.compile(r"三公")

LINK_MAX = 30  # characters between a label (or the figure's last number) and its next number
# Labels are compared loosely: these characters may stand between any two characters of a label or be missing
# ("三公”经费", "“三公”经费", "三公经费"); full- and half-width parentheses are the same.
LABEL_OPTIONAL_CHARS = "“”\"、 "
# A qualifier in parentheses that may interrupt a label: "公务用车（含执勤执法用车）运行支出" names the running costs.
LABEL_QUALIFIER = re.compile(r"[（(](?:含|包括|不含)[^（()）]{1,16}[）)]")
LABEL_EQUIVALENT_CHARS: dict[str, str] = {"（": "[（(]", "(": "[（(]", "）": "[）)]", ")": "[）)]"}

# Counts of the statements (国有资产占用情况, 预算绩效管理情况): the performance-management project counts by their
# words, vehicles held (not bought) and equipment of 100万元 or more.
PERF_COUNT_WORDS: tuple[tuple[str, str], ...] = (
    (r"事前绩效评估", "perf_prior_assessment_projects"),
    (r"(?:编制|确定|设定|设置|申报|填报)了?(?:项目)?绩效目标|绩效目标(?:编制|管理)", "perf_target_projects"),
    (r"绩效(?:运行)?监控", "perf_monitored_projects"),
    (r"绩效自评|自评", "perf_self_evaluated_projects"),
)
# "对13个项目编制了绩效目标": the count before the project word; "编制绩效目标的项目15个", "自评项目 0 个": after it.
PROJECT_COUNT = re.compile(r"(\d+)\s*个(?:一级|二级)?项目")
PROJECT_COUNT_AFTER = re.compile(r"项目(?:数量?)?(?:为|共|有|共计)?\s*(\d+)\s*个")
COUNT_CLAUSE_STOPS = "，。；：\n"
COUNT_WINDOW_STOP = re.compile(r"[，。；]")
# a count may be written in Chinese numerals, financial ones included ("保有量为壹辆")
CHINESE_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3, "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5,
    "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_COUNT = r"(\d{1,3}(?:,\d{3})+|\d+|[零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖])"
# (or the vehicles' total as a noun: "公务用车总数1,763辆")
VEHICLES = re.compile(
    rf"(?:共有|现有|保有量为?|保有|拥有|实有|(?:公务用车|车辆)(?:总数|总量)(?:为|共|共计)?)\s*(?:公务用车|车辆|公务车辆|各类车辆)?\s*"
    rf"{_COUNT}\s*(辆|台)"
)
# A table row whose label carries the counter word, the count alone in the next cell ("4.公务用车保有量(辆) | 1 |",
# "公务用车保有量（辆）   1"): the unit first, then the count.
_VEHICLES_HELD_LABEL = r"保有量\s*[（(](辆|台)[）)]"
VEHICLES_UNIT_IN_LABEL = re.compile(rf"{_VEHICLES_HELD_LABEL}[\s|｜:：]*{_COUNT}(?![\d.,])")
# the same row read through a table's cells: the label cell, then the count's cell
VEHICLES_HELD_ROW_LABEL = re.compile(rf"{_VEHICLES_HELD_LABEL}\s*$")
VEHICLES_HELD_ROW_COUNT = re.compile(rf"^\s*{_COUNT}\s*$")
# "购置数及保有量分别为1辆和130辆": the held count is the one in the place of 保有量.
VEHICLES_PAIRED = re.compile(r"(购置数?|保有量)[及和、](购置数?|保有量)分别为\s*(\d+)\s*辆?\s*[和、,，]\s*(\d+)\s*辆")
VEHICLES_HELD_WORD = "保有量"
VEHICLES_BOUGHT_WORD = "购置"
EQUIPMENT = re.compile(
    r"(?:单价|单位价值)\s*100\s*万元(?:以上|\(含\)以上|（含）以上)[^，。；\d]{0,16}?设备[^，。；\d]{0,12}?(\d+)\s*(?:台|套|件|台\(套\)|台（套）)"
)
# The counter word each count is recorded in.
COUNT_UNITS: dict[str, str] = {"vehicles_count": "辆", "large_equipment_count": "台", "projects": "个"}

# A sentence stating the budget of a later year than the one reported on ("2032年度“三公”经费预算总计…" on the page of
# the 2031 决算) is not the report's; nor is the rest of its paragraph.
LEADING_YEAR = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]\s*)?(20\d{2})\s*年度?")
# A numbered line naming the current year's revenue or expenditure by a bare word: "1、收入：792.22万元".
BARE_LABEL = re.compile(r"^\s*\d{1,2}\s*[、.．]\s*(收入|支出)\s*[:：]", re.MULTILINE)
BARE_LABEL_KEYS: dict[str, str] = {"收入": "revenue_current_year", "支出": "expenditure_current_year"}

# ------------------------------------------------------------------------------------------------------------------
# Report meta: the words `extract/rules/meta.py` reads the reporting unit, the year reported on and the kinds by.
# ------------------------------------------------------------------------------------------------------------------
# A calendar date ("2020年7月1日起") names a day, not a year reported on.
YEAR = re.compile(r"(20\d{2})\s*年度?(?!\s*\d{1,2}\s*月)")
# A year the report compares with ("较2022年度决算数", "与2021年相比") is not the year reported on.
COMPARED_YEAR_BEFORE = re.compile(r"(?:较|比|与|同比|相比|同|对比)\s*$")
# A year the report settles ("2021年“三公”经费决算情况", "2023年度部门决算"): the year reported on, where stated.
SETTLED_YEAR = re.compile(r"(20\d{2})\s*年度?[^。，；,;\d\n]{0,16}?决算")
# Where no year is settled near its 决算, the year of a sentence that goes on to a 决算 or 执行数 with no other year
# between ("2030年因公出国(境)费、…的预算数A万元、决算数B万元"; "2030年…预算执行数为A亿元" in news that also gives the
# next year's budget): such a year is reported on, before the year named most.
SETTLED_YEAR_FAR = re.compile(r"(20\d{2})\s*年度?(?:(?!20\d{2})[^。\n]){0,60}?(?:决算|执行数)")
ORGANISATION_SUFFIXES: tuple[str, ...] = (
    "中心", "局", "厅", "委员会", "委", "办公室", "队", "院", "所", "站", "馆", "处", "集团", "公司", "学校", "大学", "医院",
)  # fmt: skip
_ORG = "|".join(ORGANISATION_SUFFIXES)
_ORG_SHORT = "中心|局|厅|委员会|委|办公室|队|院|所|站|馆"
UNIT_BEFORE_TITLE = re.compile(
    rf"([\u4e00-\u9fa5（）()]{{2,40}}?(?:{_ORG}))"
    r"\s*(?:\d{4}\s*年度?)?\s*(?:部门|单位)?(?:决算|整体支出绩效|部门整体|预算|项目支出|.{0,30}绩效自评)"
)
# (a seal mark after the label, "填报单位:(盖章)", is no unit)
UNIT_LINE = re.compile(r"^(?:部门|单位|填报单位|实施单位)[:：]\s*(?![（(]盖章[）)])([\u4e00-\u9fa5（）()]{2,40})")
UNIT_DESCRIBED = re.compile(rf"([\u4e00-\u9fa5（）()]{{4,40}}?(?:{_ORG_SHORT}))(?:是|主要职责|主要职能|的主要职责)")
UNIT_TITLE_LINE = re.compile(r"(中心|局|厅|委员会|队)$")
UNIT_DUTIES = re.compile(r"([\u4e00-\u9fa5]{2,30}(?:中心|局|厅|委员会))(?:主要职责|是|的)")
UNIT_NAMED = re.compile(r"[\u4e00-\u9fa5]{1,8}?(?:省|市|自治区|州|县)[\u4e00-\u9fa5]{2,16}?(?:中心|局|厅|委员会|办公室)")
KIND_FINAL_ACCOUNTS = (re.compile(r"决算"), re.compile(r"收入支出决算|收、支总计|收支总计|资金来源总计"))
KIND_DEPARTMENT_EVALUATION = re.compile(r"整体支出绩效|部门整体")
# A form that names a central transfer payment or a special fund as its project (转移支付（项目）名称, 专项资金名称): a
# project's form, whatever the chunker made of it (its kind is the project forms': project_self_evaluation).
KIND_PROJECT_FORM = re.compile(r"转移支付[（(]项目[）)]名称|专项(?:资金)?名称|绩效目标(?:申报|审批|批复)?表")

# ---- narratives and project reports in prose ---------------------------------------------------------
# headings that name how a goal went, not the goal itself
NOT_A_GOAL: tuple[str, ...] = ("完成情况", "完成情况分析", "偏离")
# A paragraph that opens with a label names its own kind: "存在问题：…", "下一步改进措施主要是：…".
PARAGRAPH_LABEL = re.compile(
    r"^(?P<label>存在(?:的)?问题|发现的问题及原因(?:主要是)?|(?:下一步)?改进措施(?:主要是)?|自评结论|评价结论"
    r"|(?:项目)?绩效目标完成情况及效益(?:主要是)?)\s*[:：]"
)
# A heading that names the evaluation's result and the next steps ("四、绩效自评结果及下一步工作措施").
RESULT_AND_NEXT = re.compile(r"(?:评价|自评)结果.{0,4}(?:下一步|改进措施|工作措施)")
# the first of enumerated steps ("一是", "（一）", "1.")
STEP_START = re.compile(r"^\s*(?:一是|[（(]一[）)]|1\s*[、.．](?!\d))")
_REPORT_NUM = r"(\d+(?:\.\d+)?)"
# a project report's budget stated in prose, field by field
REPORT_BUDGET_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("initial", re.compile(r"年初预算(?:安排|数|资金)?(?:为|是)?\s*" + _REPORT_NUM + r"\s*万元")),
    ("adjusted", re.compile(r"(?:全年|调整后)预算(?:数|合计|资金)?(?:为|是)?\s*" + _REPORT_NUM + r"\s*万元")),
    ("adjusted", re.compile(r"(?<![年初全整后])预算(?:资金|经费|数)?(?:为|是)?\s*" + _REPORT_NUM + r"\s*万元")),
    ("adjusted", re.compile(r"项目总(?:资金|预算|投资)(?:为|是)?\s*" + _REPORT_NUM + r"\s*万元")),
    ("executed", re.compile(r"(?:执行数|实际支出|实际使用|使用|支付|支出)(?:为|了)?(?:项目)?(?:实施)?(?:资金)?\s*"
                            + _REPORT_NUM + r"\s*万元")),
    ("execution_rate_pct", re.compile(r"(?:预算执行率|执行率|完成预算的?)(?:为|达)?\s*" + _REPORT_NUM + r"\s*%")),
)  # fmt: skip
REPORT_TOTAL_ROW = re.compile(r"^\s*总分")
# the score stated in prose: "项目支出总体得分97分", "自评得分为95.5分", "综合得分 90 分"
REPORT_TOTAL_PROSE = re.compile(r"(?:总体|综合|自评|总)得分(?:为|是)?\s*(\d+(?:\.\d+)?)\s*分")
INDICATOR_WORD = "指标"  # a table of a report's indicators names them
FUNDING_WORD = "资金"  # the funding sections (资金投入/资金到位/资金执行) state the year's budget

# ---- project self-evaluation forms (extract/rules/project_forms.py) --------------------------------------------
# A budget block's amount written with the form's own unit after it ("3359.62万", "4753.66万元"): the unit goes.
BUDGET_CELL_UNIT = re.compile(r"(?<=\d)\s*万元?\s*$")
# A note a scraper or an OCR tool glued before a table's first header cell, ended by a bracket, a colon or a full
# stop: the header word is the rest ("详情见附件(注：…请以附件为准)一级指标").
HEADER_AFTER_NOTE = re.compile(r"[。)）:：]([^。)）:：]{2,24})$")
# The row of a form's budget block that carries the project's whole money ("年度资金总额", "（10分）合计 …").
FORM_BUDGET_ROW = re.compile(r"^\s*(?:[（(]\s*\d+\s*分\s*[）)]\s*)?(?:年度资金总额|资金总额|总额|合计)(?=[\s\t\d])")
# The same label as a table cell of its own (the cell holds the label alone, a colon after it or not).
FORM_BUDGET_ROW_CELL = re.compile(r"^\s*(?:年度资金总额|资金总额|总额)\s*[:：]?\s*$")
# Header words of the budget block as torn text writes them (no table found): each word names a budget field; a
# lone "全年" names the adjusted budget first, then the executed amount.
FORM_BUDGET_HEADER_WORD = re.compile(r"年初[^\s\t]*|调整后[^\s\t]*|全年[^\s\t]*|[^\s\t]*执行数|[^\s\t]*执行率|权重|分值|得分")
FORM_BUDGET_HEADER_FIELDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"年初"), "initial"),
    (re.compile(r"调整后|全年预算"), "adjusted"),
    (re.compile(r"执行数|全年执行|实际支出"), "executed"),
    (re.compile(r"执行率"), "execution_rate_pct"),
    (re.compile(r"权重|分值"), "weight"),
    (re.compile(r"得分"), "score"),
)
FORM_BUDGET_YEAR_WORD = "全年"
# The form's parties, each a label followed by its value; a seal mark after a label is no part of the value.
# Each party's labels, tried in order (the first the form writes is its label): a central transfer payment's form names
# the central ministry and the local department (中央主管部门 | 地方主管部门), the local one is the form's; a goal form may
# name the budget unit (预算部门) where others name the 主管部门; a transfer payment's implementer is the unit that uses the
# money (资金使用单位). A label may carry its code's name ("主管部门及编码 | [015001]某局").
FORM_DEPARTMENT_LABELS: tuple[re.Pattern[str], ...] = (
    re.compile(r"地方主管部门"), re.compile(r"(?<!中央)主管部门"), re.compile(r"预算部门"),
)
# A transfer goal form that names the 主管部门 of two government levels or more (省级 | 市级 | 县级) names none its own.
FORM_LEVELED_DEPARTMENT = re.compile(r"(省级|市级|县级|区级)主管部门")
FORM_IMPLEMENTER_LABELS: tuple[re.Pattern[str], ...] = (re.compile(r"实施单位"), re.compile(r"资金使用单位"))
FORM_PARTY_LABEL_TAIL = re.compile(r"^\s*(?:及编码|及代码)")
FORM_PARTY_LABELS = re.compile(r"实施单位|主管部门")
FORM_NAME_END = re.compile(
    r"\s*(?:中央主管部门|主管部门|项目负责人|负责人|项目分类|项目属性|项目类别|项目类型|预算部门|部门预算编码|预算编码|单位编码)"
)  # the department's label ends a name written on the same line
# What follows an empty 项目名称 label when a scraping site glues the form's title after it ("项目名称:某某项目绩效评价指标表评价
# 单位:填报日期:"): the title of a form, not a name (a name may end with 绩效自评表, then no other label follows it).
FORM_TITLE_AS_NAME = re.compile(r"绩效[^\t]{0,10}表(?:评价单位|填报单位|填报日期)")
FORM_SEAL = re.compile(r"（盖章）|\(盖章\)")
FORM_SEAL_MARK = re.compile(r"^[（(]盖章[）)]")  # a cell that opens with the seal mark names nothing
FORM_NOT_A_PARTY = re.compile(r"项目|实施单位|主管部门")  # a line after an empty party label that is another label
# The closing text cells of a form, each by its label, and the words that end one (the next label, the signatures).
FORM_TEXT_LABELS: dict[str, str] = {"评价结论": "conclusion", "存在问题": "problems", "改进措施": "measures"}
FORM_TEXT_STOP = re.compile(r"^\s*(?:评价结论|存在问题|改进措施|改进(?=\s|$)|存在(?=\s|$)|项目负责人|填表人|备注|单位负责人)")
# The total row of the form, and the total score stated in its conclusion ("自评总分为92分").
FORM_TOTAL = re.compile(r"^\s*(?:合计|总分)\b|^\s*(?:合计|总分)")
FORM_SCORE_TOTAL = re.compile(r"^\s*总分")  # a total that is a score (合计 may add up the weights alone)
FORM_SELF_SCORE = re.compile(r"自评(?:总分|得分)\s*(?:为|是|:|：)?\s*(\d+(?:\.\d+)?)\s*分")
# The year's goal (年度目标): its label, the label as a cell inside a line, the form's block after it, and the torn
# pieces of the labels beside it ("本情况 年度目", "标完成") or a page number, skipped before the goal's text.
FORM_GOAL_LABEL = re.compile(r"^(?:年度总体目标|项目年度目标)")
FORM_GOAL_CELL = "项目年度目标"
FORM_GOAL_INSIDE = re.compile(r"\s(?:项目年度目标)\s")
FORM_GOAL_NEXT_BLOCK = re.compile(r"^\s*(?:\d\s*[.．、]\s*)?(?:项目实施|预算执行)")
# The goal block's own header cells ("预期目标 | 实际完成情况"; a transfer payment's "年初设定目标 | 年度总体目标完成情况综述",
# "年初设定目标 | 全年实际完成情况"), no goal; what the goal's text cannot run into.
FORM_GOAL_HEADERS: frozenset[str] = frozenset({
    "预期目标", "实际完成情况", "年度目标完成情况", "年度总体目标完成情况", "目标完成情况", "年初设定目标", "全年实际完成情况",
    "年度总体目标完成情况综述",
})  # fmt: skip
FORM_GOAL_STOP = re.compile(r"^\s*(?:绩效指标|一级指标|二级指标|三级指标)")
FORM_GOAL_LABEL_PIECE = re.compile(r"^(?:[-—\s]*\d+[-—\s]*|[项目基本情况年度总体目标完成1.．、\s]{1,10})$")
# The indicator table's header where no table was found: by its name column, or torn ("绩效 一级 二级 三级 …").
FORM_INDICATOR_HEADER = "三级指标"
FORM_TORN_INDICATOR_HEADER: tuple[str, ...] = ("一级", "二级")

# The budget block read as a stream of cells, whatever the layout (one cell per line, a form flattened into one
# line, cells torn or glued by OCR): its header words in the order they stand, each naming a field (a field named
# twice was a group label the first time: "年度预算数（万元）" over 年初预算 / 调整后预算数), the label of the row of the
# year's whole money, and the labels of its part rows.
FORM_BUDGET_HEADER = re.compile(
    r"(?P<initial>年初(?:预算数?|预\S数)?)"
    r"|(?P<adjusted>调整后?(?:预算数?)?|全年预算数?|预算数)"
    r"|(?P<executed>(?:全年|预算)?执行数|实际支出)"
    r"|(?P<execution_rate_pct>(?:预算)?执行率)"
    r"|(?P<weight>分值|权重)"
    r"|(?P<score>得分)"
)
FORM_BUDGET_AMOUNT_FIELDS: tuple[str, ...] = ("initial", "adjusted", "executed")
# A value cell of the block: a number, a percentage, or an amount with its money unit ("43.2万元").
FORM_BUDGET_VALUE = re.compile(r"^(-?\d+(?:\.\d+)?)\s*(%|万元|万|元)?$")
FORM_BUDGET_TOTAL_LABEL = re.compile(r"(?:年度资金总额|资金总额|总额)\s*[:：]?$")
FORM_BUDGET_TOTAL_WORD = re.compile(r"年度资金总额|资金总额")  # a header that names the total row's column
# The label of a part row under the total (其中:中央财政资金, 其中：当年财政拨款): values right after the block's header and
# before such a label are the total row's, its label displaced (a spreadsheet flattened cell by cell writes it later).
FORM_BUDGET_PART_LABEL = re.compile(r"^其中")
# The score's formula written in its header cell ("得分（20分*执行率）"): the block's weight, for its arithmetic.
FORM_BUDGET_SCORE_FORMULA = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[*×xX]\s*(?:预算)?执行率\s*[）)]")
# Where the budget block ends: the year's goal, the indicator table's header, the form's closing cells.
FORM_BUDGET_BLOCK_END = re.compile(r"年度总体目标|项目年度目标|绩效指标|一级指标|三级指标|评价结论")
# A goal form's money (绩效目标申报表, 绩效目标表, 目标批复表): labeled amounts, no executed amount beside them, the
# year's budget as planned. The labels tried in order: those of the year's money (年度资金总额, 当年资金总额, "年度本级
# 预算金额"), then those of the project's (项目金额, 资金总额: a project of several years states its whole money so).
# The amount follows its label on its line or in the next cell ("854万(…)": a note after it is no part of it).
FORM_FUND_LABELS: tuple[re.Pattern[str], ...] = (
    re.compile(r"年度资金总额|当年资金总额|当年年度预算|年度本级预算金额|年度预算金额|本年度预算金额"),
    re.compile(r"项目金额|项目总金额|项目资金总额|资金总额|项目总预算"),
)
FORM_FUND_VALUE = re.compile(r"^[:：\s|]*(\d+(?:\.\d+)?)\s*(?:万元|万)?(?![\d.%])")  # in 万元, the forms' unit
FORM_EXECUTED_AMOUNT = re.compile(r"执行数|实际支出|执行金额")  # a self-evaluation's block: no goal form's money
# A goal approval form's planned execution rate and the weight it is scored with ("年度预算执行率 100% 分值 10分").
FORM_FUND_RATE = re.compile(r"预算执行率[:：|]*(\d+(?:\.\d+)?)%(?:[|]*(?:分值|权重)[:：|]*(\d+(?:\.\d+)?)分?)?")

# A form's name label where the chunker did not cut a form (a form flattened into a line of other text, a
# department's goal form that names its unit): "项目名称", "项目支出名称", "部门（单位）名称".
# A special fund's or a transfer payment's goal form names its project so (专项资金名称, 转移支付（项目）名称).
_FORM_NAME_WORDS = r"(?:评价项目名称|项目名称|项目支出名称|部门[（(]单位[）)]名称|(?:[一二三]?级)?预算单位名称|专项资金名称|专项名称|转移支付[（(]项目[）)]名称)"
FORM_NAME_LABEL = re.compile(r"^\s*(?:\*\*)?" + _FORM_NAME_WORDS + r"(?:\*\*)?\s*[:：\t ]?")
FORM_NAME_INSIDE = re.compile(_FORM_NAME_WORDS)
# Where a document names a project (the places a model's project name is looked for; a name the text writes only
# elsewhere, in an indicator's cell, a budget label or a sentence about something else, is held for review):
# right after a name label, the label folded (no spaces) and a code before the name allowed ("项目名称 | 5109…-某某");
NAME_AFTER_LABEL = re.compile(_FORM_NAME_WORDS + r"[|:*()（）\-]*(?:[A-Za-z0-9]{6,}[-_]*)?$")
# or the cell after a unit's label in a unit-wide form ("部门 | 某某中心"), the cell compared whole;
UNIT_NAME_LABELS = frozenset({"部门", "单位", "部门名称", "单位名称", "部门（单位）名称", "部门(单位)名称"})
CELL_BREAK = re.compile(r"\t|\||\s{2,}|\u3000")
# or followed by the kind of a title ("某某项目绩效评价报告", "某局2031年度部门整体绩效自评表", "关于某某的绩效评价"), folded;
NAME_BEFORE_TITLE_KIND = re.compile(r"^的?(?:\d{4}年度?)?(?:部门整体|整体|部门|单位)?(?:项目)?(?:支出)?(?:绩效)?(?:自评|评价)")
# or a title line: no cells, no sentence punctuation, not longer than a title (a title torn over lines joined).
TITLE_LINE_EDGE = " \t|*#\u3000"
NOT_A_TITLE_LINE = re.compile(r"\t|\||\s{2,}|\u3000|[，。；;,]")
# The label inside a sentence ("项目名称为…，年初预算数为…"): prose about a project, not a form.
FORM_NAME_IN_PROSE = re.compile(r"^\s*(?:项目名称|项目支出名称)\s*(?:为|是)")
# What ends a party's value on a flattened line: the next label of the form's head (the implementer's label
# may be cut or misread past its first two characters).
FORM_PARTY_STOP = re.compile(
    r"实施|(?:[省市县区]级)?主管部门|项目资金|项目基本情况|预算执行情况|年度预算数|自评得分|项目负责人|项目属性|预算部门|资金使用单位|联系电话"
    r"|项目分类|建设周期|地方财政部门|资金投入情况|资金情况"
)
# The total score stated as a labeled cell of the form's head ("自评得分 | 98").
FORM_SCORE_CELL = re.compile(r"自评(?:总分|得分)\s*(?:[（(]\s*分\s*[）)])?[\s|:：]*(\d+(?:\.\d+)?)(?![\d.])")
# A text cell that still holds the template's instructions ("…（200字以内）"): the form left it unfilled.
FORM_TEMPLATE_HINT = re.compile(r"[（(]\s*\d+\s*字以内\s*[）)]\s*[。.]?\s*$")

# ---- validation ----------------------------------------------------------------------------------------
# "产出指标(50分)", "效益指标 （30 分）": the weight a form gives a group of indicators
GROUP_WEIGHT = re.compile("(" + "|".join(LEVEL1_INDICATORS) + r")[（(](\d+(?:\.\d+)?)分?[）)]")
UNIT_MAGNITUDES: tuple[str, ...] = ("万", "千")  # 万人次, 千米: a unit may open with a magnitude
# answers that mean "not stated"
EMPTY_ANSWERS: frozenset[str] = frozenset({"", "-", "—", "/", "无", "null", "None", "N/A"})
# A deviation-reason cell that states none: empty answers and a lone 0 ("no deviation"), no reason to record.
NO_REASON_ANSWERS: frozenset[str] = EMPTY_ANSWERS | {"0"}

# ---- indicator tables: the words `extract/rules/indicator_*.py` read rows and cells by ------------------------
# The score unit written after a weight or score ("10分"), and a level's group weight after its name ("产出指标(50分)",
# cut by a line break as "(50)" or "(50"); the end of such a weight cut onto the next row ("分)").
SCORE_UNIT = "分"
SCORE_CELL = re.compile(r"^\d+(?:\.\d+)?\s*分?$")
# What a level column's cell holds when it names a level no vocabulary knows ("一般公共预算支出管理(60分)"): a short name
# without digits or a sentence's punctuation, its group weight after it; read as a level only where cells keep their slots.
LEVEL_CELL_TEXT = re.compile(r"^[^\d\s。；;，,]{2,16}(?:[（(]\s*\d+(?:\.\d+)?\s*分?\s*[）)])?$")
LEVEL_SCORE_SUFFIX = re.compile(r"[（(]\s*(?:\d+(?:\.\d+)?\s*[-－~～]\s*)?\d+(?:\.\d+)?\s*分?\s*[）)]?\s*分?\s*$")  # (or a range: "(0-20)分")
LEVEL_GROUP_WEIGHT = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]")
SCORE_PIECE = re.compile(r"^\d*\s*分\s*[)）]$")
# A comparator written as a sign or as words at the start of a target, with the sign it means; longest first where
# one word starts another (大于等于 before 大于).
COMPARATOR_WORDS: tuple[tuple[str, str], ...] = (
    (">=", "≥"), ("<=", "≤"), ("≥", "≥"), ("≤", "≤"), ("≠", "≠"), ("=", "="), (">", ">"), ("<", "<"),
    ("不低于", "≥"), ("不少于", "≥"), ("不小于", "≥"), ("大于等于", "≥"), ("不高于", "≤"), ("不超过", "≤"),
    ("不大于", "≤"), ("小于等于", "≤"), ("大于", ">"), ("高于", ">"), ("超过", ">"), ("小于", "<"), ("低于", "<"),
    ("等于", "="),
)  # fmt: skip
COMPARATOR_START = re.compile("|".join(re.escape(word) for word, _ in COMPARATOR_WORDS))
# A comparator sign (full-width ones too) or a 指标性质 mark at the start of a torn row's tail.
SIGN_OR_MARK_START = re.compile(r"^\s*(?:[≥≤=<>≠＝＞＜]|" + "|".join(QUALITATIVE_MARKS) + ")")
QUALITATIVE_MARK = QUALITATIVE_MARKS[0]  # 定性: the target is a scale or words, not a number
# "指标 3:" before an indicator's name in some tables.
INDICATOR_NUMBERING = re.compile(
    r"^\s*指标\s*\d{1,2}\s*(?:[:：]|[.．、](?!\d)|(?=[\u4e00-\u9fff]))\s*"
)  # "指标1：", "指标2." (not "指标1.5"), "指标1工程完工率" (a template's slot label glued to its name)
# A mark some provinces put before a core indicator's name ("★补助种植面积"): no part of the name.
INDICATOR_MARK = re.compile(r"^\s*[★☆▲△※]+\s*")
# The template's hint a goal form leaves in a name it filled ("小区居民满意度(≥**%)", "开发数量( ≥**个 )", "补助成本(≤**元/株)"):
# a comparator, the blanks (** dropped by some converters) and a unit in brackets, no number: no part of the name.
INDICATOR_NAME_HINT = re.compile(
    r"\s*[（(]\s*[≥≤><＞＜=＝]=?\s*\**\s*(?:%|[^\d\s（）()]{1,5})?\s*[）)]|\s*[≥≤]\s*\*{2,}\s*(?:%|[^\d\s（）()]{1,5})?$"
)  # (or unbracketed at the name's end with its blanks: "受益人口数≥**人")
# Words that make "3次及以上", "1小时内", "2个人工", "2023年底" a phrase to keep whole, not a number and a unit.
QUANTITY_QUALIFIERS: tuple[str, ...] = ("以上", "以下", "以内", "及", "左右", "全年", "底", "内", "前", "后", "人工")
YEAR_WORD = "年"  # "2023年" is a year, not 2023 of the unit 年
# How the names of level-2 indicators end beyond those of LEVEL2_INDICATORS (可持续影响指标, 可持续发展指标...), and
# the word a short level-2 name of benefits ends with (社会效益, 经济效益).
LEVEL2_EXTRA_ENDINGS: tuple[str, ...] = ("影响指标", "发展指标")
BENEFIT_WORD = "效益"
# Header cells that name the indicator levels' columns or the whole block, never a level of a row.
# A template's level name ending in "etc." ("服务对象满意度指标等") names that level.
LEVEL_TEMPLATE_ETC = "等"
# The word an indicator header's lower row starts with, in a header over two rows written inside one row.
HEADER_LOWER_ROW_START = "一级指标"
LEVEL_HEADER_CELLS: frozenset[str] = frozenset({"一级指标", "二级指标", "三级指标", "绩效指标", "年度绩效指标"})
# Cells that title the indicator block beside its rows (a merged 绩效指标 cell down the left): no row's cell.
INDICATOR_BLOCK_CELLS: frozenset[str] = frozenset({"绩效指标", "年度绩效指标"})
# Where an indicator table ends: the total row, the conclusion and the signatures below it (torn: "评价结").
# (a goal form's reviewers' cells below its rows: 财政部门审核意见, 主管部门审核意见)
INDICATOR_END_OF_TABLE = re.compile(r"^\s*(?:合计|总分|评价结论|评价结|存在问题|改进措施|项目负责人|填表人|备注|其他需要说明|[^\s|]{0,8}审核意见)")
# Cells that make a row of a tab-separated indicator table its header row.
INDICATOR_HEADER_CELLS: frozenset[str] = frozenset({"三级指标", "指标值", "年度指标值", "实际完成值", "分值", "权重"})
# The column titles of an indicator table torn over lines ("指标性质指标值度量单位完成值 权重 得分").
INDICATOR_TITLE_WORDS: tuple[str, ...] = (
    "指标性质", "指标值", "度量单位", "实际完成值", "完成值", "未完成原因分析", "未完成原因", "偏差原因", "权重", "分值",
    "得分", "一级指标", "二级指标", "三级指标",
)  # fmt: skip
# A header cell merged over several columns of the row below it names a group of them: 年度指标值 over 指标性质 |
# 指标值 | 度量单位. Text layouts drop the merge's span; the lower row's parts of a group are these roles.
HEADER_GROUP_PARTS: dict[str, tuple[str, ...]] = {"target": ("comparator", "target", "unit", "previous")}
# The national template's indicator columns in order (一级指标 二级指标 三级指标 指标性质 指标值 度量单位 完成值 权重 得分
# 未完成原因分析): how a table whose header the text does not hold (a page that starts below it) is read.
INDICATOR_TEMPLATE_COLUMNS: tuple[str, ...] = (
    "level1", "level2", "name", "comparator", "target", "unit", "actual", "weight", "score", "reason",
)  # fmt: skip
# A cell that signs the form off ("财政资金管理科室（盖章） 年 月 日") ends its indicator table wherever it stands.
INDICATOR_END_CELL = re.compile(r"[（(]\s*盖章\s*[）)]|年\s+月\s+日\s*$")
# A cell that holds a template's placeholder, not a value: an unfilled numbered indicator ("指标2") or an ellipsis for
# rows left out ("……").
PLACEHOLDER_CELL = re.compile(r"^(?:指标\s*\d+\s*[:：]?|[…⋯.．·]{2,})$")

# ---- forms read where nothing marks a cell's end (glued or headerless text) ----------------------------------
# The flag a row carries when its reader guessed where its cells part: its fields are held for review.
UNSURE_SPLIT = "unsure_split"
# The titles forms of indicators go by beside 绩效自评表 (spaces removed): a chunk with one and a level name is a form's.
INDICATOR_FORM_TITLE = re.compile(r"绩效(?:自评|评价|评分|目标自评|目标|考核)(?:评分|得分)?表|自评得分表|评分表|得分表")
# Glued forms (a scraping site's or an OCR tool's text with no separator between cells, `extractor.tables.glued`):
# the one-character units a value may end with beside UNITS ("2370人", "0起", "50个"), where the table's body
# ends, the page fragments a document-sharing site numbers its pages with ("2、" where a page starts), and an
# unfilled numbered indicator inside the text ("指标2:", OCR "指标L").
COUNTER_UNITS: tuple[str, ...] = (
    "人", "次", "个", "吨", "起", "户", "元", "天", "年", "月", "日", "家", "件", "台", "套", "辆", "所", "篇",
    "场", "份", "批", "条", "张", "名", "处", "座", "亩", "株", "头", "只", "本", "册", "期", "类", "支", "间", "栋",
    "周", "分", "米", "公斤", "千克", "万人", "万户",
)  # fmt: skip
GLUED_TABLE_END = re.compile(r"合计|总分|评价结论|存在问题|项目负责人|填表人|说明|注[:：]")
PAGE_FRAGMENT = re.compile(r"^\s*(\d{1,2})、")
PLACEHOLDER_IN_TEXT = re.compile(r"指标\d{1,2}[:：]|指标[LlI](?=指标)")
# A goal's block title glued before its indicator header ("年度绩效目标2(40分)一级指标…"): the title of the next block, no
# cell of the row before it.
# The rest of the reason column's header word after 偏差原因 / 未完成原因 ("…分析及改进措施", "…和改进措施"): part of it.
REASON_HEADER_TAIL = re.compile(r"(?:分析)?(?:及|和)?改进措施|分析")
GOAL_BLOCK_TITLE = re.compile(r"年度绩效目标\d{0,2}(?:[（(]\d+(?:\.\d+)?分[）)])?(?=一级指标|[\s|]|$)")
# A note under a table ("说明：…", "注：1、…"): the table's rows end before it.
TABLE_NOTE = re.compile(r"^\s*(?:说明|注\s*[:：])")
# A level's group weight written right after its name ("数量指标(10分)").
# Where the name before a glued weight starts in a glued scoring framework ("…不相符:0分工作目标的明确度(3分)"): after the
# criteria's last punctuation or score piece.
CRITERIA_CUT = re.compile(r"[:：;；,，。]|\d+(?:\.\d+)?分")
# A score a scoring table's criteria give for a case ("明确:3分", "每低一个百分点扣1分"): no name holds two.
CRITERIA_SCORE = re.compile(r"[:：得扣]\s*\d+(?:\.\d+)?分")
GROUP_SCORE_AFTER = re.compile(r"[（(]\d+(?:\.\d+)?分?[）)]")

# ---- a project named only by its form's title (session 8, forms6) ------------------------------------------------
# A form whose 项目名称 cell is missing or empty names its project in its title: "某某项目绩效自评表", "某某项目支出绩效评价
# 报告", "关于某某的绩效评价". The name is the title's words before the form's kind (with its 项目); a title that names no
# project of its own ("2031年度部门预算项目支出绩效自评表", "某某单位XX项目…" of a blank template) names none.
TITLE_NAMED_PROJECT = re.compile(r"(?P<name>[^\s|:：，。,；;《》“”\"]{2,60}?项目)(?:支出)?(?:绩效)?(?:自评|评价)(?:表|报告|结果)")
# a special fund's or a transfer payment's form titled by the fund: "某某补助资金区域绩效目标自评表", "某某经费绩效自评表"
TITLE_NAMED_FUND = re.compile(r"(?P<name>[^\s|:：，。,；;《》“”\"]{2,40}?(?:资金|经费))(?:区域|项目)?绩效(?:目标)?自评表")
TITLE_ABOUT_PROJECT = re.compile(r"关于(?P<name>[^\s|:：，。,；;《》“”\"]{2,60}?)的(?:绩效自评|绩效评价|自评)")
TITLE_NAME_YEAR = re.compile(r"^\d{4}\s*年度?")
TITLE_GENERIC_PROJECT = re.compile(
    r"^(?:部门预算|部门|单位|财政支出|省级财政支出|市级财政支出|县级财政支出|区级财政支出|项目支出|财政|专项|预算)?项目(?:支出)?$"
)
TITLE_PLACEHOLDER = re.compile(r"[XＸ×某]{2}|XX|某某")
# A unit's report on its projects of a year ("某局2031年度项目支出绩效自评报告", "关于某县2031年度项目支出的绩效评价"): the
# title of a report on all of them, naming none.
TITLE_KIND_OF_YEAR = re.compile(r"\d{4}\s*年度?(?:部门预算|部门|单位)?项目(?:支出)?$|(?:项目|整体|部门|财政)?支出$")
FORM_TITLE_LINE_MAX = 80  # characters of a title line (a flattened form's line opens with its title and runs on)
FORM_TITLE_REACH = 160  # lines above a form searched for its title (a head written one cell a line is long)
# A header cell's note written apart from its words by a flattening tool: the letter a formula names the column by
# ("预算数 (A)", "执行率(B/A)") or a bracketed explanation ("得分 (20 分*执行率)"). It names no column of its own.
HEADER_COLUMN_NOTE = re.compile(r"^[（(]\s*[A-Za-z](?:\s*[/／*×]\s*[A-Za-z])?\s*[）)]$")
HEADER_NOTE_OPEN = re.compile(r"^[（(][^）)]*$")  # a bracketed note that runs on over the next pieces
HEADER_NOTE_CLOSE = re.compile(r"[）)]$")
# The unit a form writes after an indicator's name when its values are bare numbers ("服务外包额(万美元) | 200 | 210"):
# the row's unit, no part of the name.
NAME_UNIT_SUFFIX = re.compile(
    r"[（(]\s*(?P<unit>(?:万|亿|千|百)?(?:美元|元|吨|公里|千米|平方米|立方米|公顷|亩|人次|人|户|个|次|家|项|篇|件|台|套|场|所|%))\s*[）)]\s*$"
)
# A unit-wide form's answer cell (是否核心指标: 是 / 否), glued before the next row's name by a scraping tool.
YES_NO_ANSWERS: tuple[str, ...] = ("是", "否")
# The words of a qualitative scale a target or an actual is written in ("好", "较高", "达标"): a value, never a 度量单位.
QUALITATIVE_SCALE: frozenset[str] = frozenset({
    "好", "较好", "良好", "很好", "优", "优良", "优秀", "高", "较高", "中", "低", "较低", "差", "较差", "满意", "达标",
    "合格", "显著", "明显", "有效", "完成", "已完成", "达到", "健全", "完善", "规范", "及时", "准确", "明显改善", "有效提升",
    "显著提升", "逐步提升", "按计划完成", "达到预期", "基本达到", "符合要求", "符合标准", "达标率高",
})  # fmt: skip
# Words that open a statement of what was done ("已建立", "未完成", "基本达到", "按期完成"): a value, never a 度量单位.
ACHIEVEMENT_START = re.compile(r"^(?:已|未|基本|按期|按时|全部|均已)")
HEADER_NOTE_OPENING = re.compile(r"[（(]")  # a piece that opens a bracket: no closing piece of the note before it

# ---- OCR look-alikes (session 8, forms7) ------------------------------------------------------------------------
# Words an OCR tool writes with a look-alike character, each for the word it stands for (same length: the offset map
# holds one character for one): "顼目产出" is 项目产出, "资金(万兀)" is 万元.
# The cell an OCR'd form's dash for an empty cell stands for.
EMPTY_CELL = "—"
# A dash for an empty cell as OCR writes it (often the character 一), before the next cell's words or number.
OCR_DASH = re.compile(r"[一\-—–](?=[\u4e00-\u9fff\d])")
OCR_LOOKALIKE_WORDS: dict[str, str] = {"顼目": "项目", "万兀": "万元", "预匏数": "预算数"}
# ---- Spun text (session 9, accounts6) ----------------------------------------------------------------------------
# Pages copied through a synonym-replacing "spinner" write budget terms by their synonyms ("财务拨款" for 财政拨款, "开销算计"
# for 支出合计, "公事招待费" for 公务接待费, "中心部分" for 中央部门, "车辆置办及运转费" for 车辆购置及运行费). A text that holds
# SPUN_MIN of these phrases or more is spun: each is put back (same length: the offset map holds one for one). One such
# phrase alone changes nothing (a unit may be named "…中心").
SPUN_WORDS: dict[str, str] = {
    "财务拨款": "财政拨款", "开销算计": "支出合计", "公事招待": "公务接待", "公事用车": "公务用车", "中心部分": "中央部门",
    "置办及运转": "购置及运行", "其间": "其中",
}  # fmt: skip
SPUN_MIN = 2
# A whole unit's form names its unit in a cell the form rules do not read as a name label (the project forms' head has
# 单位名称 too): 部门名称 / 单位名称 / 单位（盖章）, or in its title ("某县文化馆2031年度部门整体支出绩效自评表").
# (a transfer payment's regional self-evaluation, 区域绩效目标自评表, is filed by the unit its 单位名称 cell names)
UNIT_FORM_TITLE = re.compile(r"整体支出绩效|部门整体绩效|单位整体支出|区域绩效目标自评")
UNIT_FORM_LABEL = re.compile(
    r"^(?:部门名称|(?:[一二三]?级)?(?:预算)?单位名称|部门[（(]单位[）)]名称|单位[（(]盖章[）)]|部门[（(]盖章[）)]|填报单位|(?:部门|单位)(?=\s*[|｜:：\t]))[\s|｜:：]*"
    r"(?P<unit>[^\s|｜\t:：]{2,40})?"
)  # (预算单位名称, 一级预算单位名称, its 一 lost; the unit on the next line where the label stands alone; a bare 部门 / 单位
#    cell before the unit's: "部门 | 某县某中心")
UNIT_FORM_LEADING = "| \t"  # a pipe row's opening bar before its first cell

# ---- score: what no project name is (extractor.score) ----------------------------------------------------------------
# Digits and numerals of every script: a "name" made of them alone (a section's 二, a page's 3, Ⅲ) is no project's.
NUMERAL_CHARACTERS = "0123456789０１２３４５６７８９一二三四五六七八九十百千零〇ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"
# A project "name" that holds a table's cells: a column head's money unit in brackets ("分配金额（万元）1某某委…": a list's
# header and rows read as one name), or longer than any name a form writes (a paragraph or a row run together).
NAME_HOLDS_CELLS = re.compile(r"[（(]\s*(?:万元|亿元|元)\s*[)）]")
NAME_MAX_CHARS = 60
