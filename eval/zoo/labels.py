"""The template's words the zoo writes: form labels, header words and their synonyms, table titles, the
statement sentences of the national 部门决算 template, and a few classes of the government functional
classification (政府收支分类科目) with their codes.

Data only, in one place (the zoo's vocabulary): the renderer's code holds no Chinese literal. Nothing here is
copied from a report; these are the printed labels of the forms and tables every report fills in.
"""

from __future__ import annotations

# ---- the project self-evaluation form (项目支出绩效自评表) ---------------------------------------------------
FORM_TITLE = "项目支出绩效自评表"
GOAL_FORM_TITLE = "项目支出绩效目标表"
# a unit's goal table that lists its projects (部门预算项目绩效目标申报表): its title, money unit and head columns
LIST_TITLE = "部门预算项目绩效目标申报表"
LIST_MONEY_UNIT = "金额单位：万元"
LIST_HEAD = ("单位名称", "项目名称", "预算数", "年度目标")
LIST_GOAL = "按计划完成年度工作任务"  # a goal form (申报表 / 目标表): targets alone, the year's money planned
FORM_YEAR = "（{year}年度）"
PROJECT_NAME = ("项目名称", "项目支出名称")
PROJECT_CODE = "项目编码"
DEPARTMENT = "主管部门"
IMPLEMENTER = "实施单位"
FUNDS = "项目资金（万元）"
FUNDS_TOTAL = "年度资金总额"
FUNDS_FISCAL = "其中：当年财政拨款"
FUNDS_OTHER = "其他资金"
GOALS = "年度总体目标"
GOAL_PLANNED = "预期目标"
GOAL_DONE = "实际完成情况"
INDICATORS = "绩效指标"
TOTAL = "总分"
DASH = "—"
# the whole unit's form (部门整体支出绩效自评表): its name label, its tasks' money before the block, its block's rows
UNIT_FORM_TITLE = "部门（单位）整体支出绩效自评表"
UNIT_NAME = "部门（单位）名称"
UNIT_TASKS = ("年度主要任务", "任务名称", "主要内容", "预算数", "执行数")
UNIT_TASK_NAMES = ("日常运转保障", "重点工作推进")
UNIT_TASK_CONTENT = "按年度计划开展"
UNIT_FUNDS = "年度部门整体支出预算（万元）"
UNIT_FUNDS_TOTAL = "资金总额"
UNIT_FUNDS_FISCAL = "其中：财政拨款"
INDICATOR_NUMBER = "指标{n}："  # the template numbers a unit form's indicators within their 二级指标

# budget block columns: field -> header words (the first is the template's, the rest regional synonyms)
BUDGET_HEADERS: dict[str, tuple[str, ...]] = {
    "initial": ("年初预算数",),
    "adjusted": ("全年预算数", "调整后预算数", "全年预算数（A）"),
    "executed": ("全年执行数", "预算执行数", "全年执行数（B）"),
    "weight": ("分值", "权重"),
    "execution_rate_pct": ("执行率", "执行率（B/A）"),
    "score": ("得分",),
}

# indicator table columns: field -> header words (the first is the template's, the rest regional synonyms)
INDICATOR_HEADERS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标",),
    "comparator": ("指标性质",),
    "target": ("年度指标值", "指标值", "目标值", "预期目标"),
    "unit": ("度量单位", "计量单位"),
    "actual": ("实际完成值", "完成值", "全年实际值"),
    "weight": ("分值", "权重"),
    "score": ("得分",),
    "reason": ("偏差原因分析及改进措施", "未完成原因分析", "偏差原因"),
}
# a scoring table's (评分表) own header words, and what it writes in its cells beside the form's
SCORING_HEADERS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标", "评价内容"),
    "name": ("三级指标", "评价指标", "考核指标"),
    "criteria": ("评分标准", "指标解释", "评价标准", "计分标准"),
    "score": ("自评得分", "得分", "评价得分"),
    "reason": ("扣分原因", "扣分原因和其他说明"),
}
SCORING_CRITERIA = "达到目标值的得满分，未达到的按完成比例计分，扣完为止。"  # a 评分标准 cell: prose, no number
GROUP_WEIGHT = "{level}（{weight}分）"
# a scoring table scores by its framework's levels, not the form's: one the vocabulary knows, one only its weight marks
SCORING_LEVEL1_NAMES: dict[str, str] = {"产出指标": "项目产出", "效益指标": "项目效益", "满意度指标": "服务满意情况"}  # a level cell with the weight of its rows
QUALITATIVE = "定性"  # the 指标性质 cell of a row whose target is words, not a number

# ---- final accounts (部门决算) --------------------------------------------------------------------------
REPORT_TITLE = "{unit}{year}年度部门决算"
PART_TABLES = "第二部分 {year}年度部门决算表"
PART_STATEMENTS = "第三部分 {year}年度部门决算情况说明"
SUMMARY_TITLE = "收入支出决算总表"
GPB_TITLE = "一般公共预算财政拨款支出决算表"
MONEY_NOTE = "单位：万元"

SUMMARY_SIDES = ("收入", "支出")
SUMMARY_HEADER = ("项目", "行次", "金额")
# the revenue side's rows: (label, figure key or None for rows the record does not keep)
SUMMARY_REVENUE: tuple[tuple[str, str | None], ...] = (
    ("一、一般公共预算财政拨款收入", "revenue_gpb"),
    ("二、政府性基金预算财政拨款收入", None),
    ("三、国有资本经营预算财政拨款收入", None),
    ("四、上级补助收入", None),
    ("五、事业收入", "revenue_business"),
    ("六、经营收入", None),
    ("七、附属单位上缴收入", None),
    ("八、其他收入", "revenue_other"),
)
SUMMARY_REVENUE_TOTAL = "本年收入合计"
SUMMARY_EXPENDITURE_TOTAL = "本年支出合计"
SUMMARY_CARRY_BEGIN = "年初结转和结余"
SUMMARY_CARRY_END = "年末结转和结余"
SUMMARY_GRAND = "总计"
CHINESE_ORDINALS = "一二三四五六七八九十"

GPB_HEADER_TOP = ("科目编码", "科目名称", "本年支出")
GPB_HEADER_CODES = ("类", "款", "项")
GPB_HEADER_COLUMNS = ("合计", "基本支出", "项目支出")
GPB_TOTAL = "合计"

# functional classes: code -> (class name, {款 code: (款 name, {项 code: 项 name})})
FUNCTIONS: dict[str, tuple[str, dict[str, tuple[str, dict[str, str]]]]] = {
    "201": ("一般公共服务支出", {
        "20101": ("人大事务", {"2010101": "行政运行", "2010102": "一般行政管理事务"}),
        "20106": ("财政事务", {"2010601": "行政运行", "2010699": "其他财政事务支出"}),
        "20199": ("其他一般公共服务支出", {"2019999": "其他一般公共服务支出"}),
    }),
    "205": ("教育支出", {
        "20502": ("普通教育", {"2050201": "学前教育", "2050202": "小学教育"}),
        "20508": ("进修及培训", {"2050803": "培训支出"}),
    }),
    "206": ("科学技术支出", {
        "20601": ("科学技术管理事务", {"2060101": "行政运行"}),
        "20603": ("应用研究", {"2060302": "社会公益研究"}),
    }),
    "208": ("社会保障和就业支出", {
        "20805": ("行政事业单位养老支出", {"2080505": "机关事业单位基本养老保险缴费支出",
                                        "2080506": "机关事业单位职业年金缴费支出"}),
    }),
    "210": ("卫生健康支出", {
        "21011": ("行政事业单位医疗", {"2101101": "行政单位医疗", "2101102": "事业单位医疗"}),
    }),
    "214": ("交通运输支出", {
        "21401": ("公路水路运输", {"2140101": "行政运行", "2140104": "公路建设", "2140199": "其他公路水路运输支出"}),
    }),
    "221": ("住房保障支出", {
        "22102": ("住房改革支出", {"2210201": "住房公积金", "2210203": "购房补贴"}),
    }),
}  # fmt: skip
CLASS_SUFFIX = "支出"  # "一般公共服务支出" is written "一般公共服务（类）支出" in the class list
CLASS_MARK, SECTION_MARK, ITEM_MARK = "（类）", "（款）", "（项）"

# ---- the statement sentences (情况说明) of the national template ----------------------------------------
# "{up}" / "{rise}" take UP/DOWN and RISE/FALL by the sign of the change; amounts are in 万元.
UP, DOWN = "增加", "减少"
RISE, FALL = "增长", "下降"
S_HEAD_TOTALS = "一、收入支出决算总体情况说明"
S_HEAD_REVENUE = "二、收入决算情况说明"
S_HEAD_EXPENDITURE = "三、支出决算情况说明"
S_HEAD_FISCAL = "四、财政拨款收入支出决算总体情况说明"
S_HEAD_GPB = "五、一般公共预算财政拨款支出决算情况说明"
S_HEAD_BASIC = "六、一般公共预算财政拨款基本支出决算情况说明"
S_HEAD_THREE = "七、“三公”经费财政拨款支出决算情况说明"
S_HEAD_OTHER = "八、其他重要事项的情况说明"
S_SUB_GPB_TOTAL = "（一）一般公共预算财政拨款支出决算总体情况"
S_SUB_GPB_STRUCTURE = "（二）一般公共预算财政拨款支出决算结构情况"
S_SUB_GPB_ITEMS = "（三）一般公共预算财政拨款支出决算具体情况"
S_SUB_ADMIN = "（一）机关运行经费支出情况"
S_SUB_PROCUREMENT = "（二）政府采购支出情况"
S_SUB_ASSETS = "（三）国有资产占有使用情况"
S_SUB_PERFORMANCE = "（四）预算绩效管理情况"

S_TOTALS_EQUAL = "{year}年度收入、支出总计均为{value}万元。"
S_TOTALS_APART = "{year}年度收入总计{revenue}万元，支出总计{expenditure}万元。"
S_TOTALS_CHANGE = "与{last}年度相比，收、支总计各{up}{delta}万元，{rise}{pct}%。"
S_PART = "{label}{value}万元，占{share}%"
S_PART_NO_SHARE = "{label}{value}万元"
S_REVENUE = "{year}年度本年收入合计{value}万元，其中："
S_EXPENDITURE = "{year}年度本年支出合计{value}万元，其中："
S_REVENUE_LABELS = {"revenue_fiscal": "财政拨款收入", "revenue_business": "事业收入", "revenue_other": "其他收入"}
S_REVENUE_LABELS_OLD = {"revenue_fiscal": "财政补助收入", "revenue_business": "事业收入", "revenue_other": "其他收入"}
S_EXPENDITURE_LABELS = {"expenditure_basic": "基本支出", "expenditure_project": "项目支出"}
S_FISCAL = "{year}年度财政拨款收入、支出总计均为{value}万元。"
S_FISCAL_CHANGE = "与{last}年度相比，财政拨款收、支总计各{up}{delta}万元，{rise}{pct}%。"
S_GPB = "{year}年度一般公共预算财政拨款支出{value}万元，占本年支出合计的{share}%。"
S_GPB_NO_SHARE = "{year}年度一般公共预算财政拨款支出{value}万元。"
S_GPB_CHANGE = "与{last}年度相比，一般公共预算财政拨款支出{up}{delta}万元，{rise}{pct}%。"
S_GPB_BUDGET = "{year}年度一般公共预算财政拨款支出年初预算为{budget}万元，支出决算为{actual}万元，完成年初预算的{rate}%。"
S_STRUCTURE = "一般公共预算财政拨款支出{value}万元，主要用于以下方面："
S_CLASS = "{name}{value}万元，占{share}%"
S_CLASS_NO_SHARE = "{name}{value}万元"
S_ITEM = "{number}. {path}：年初预算为{budget}万元，支出决算为{actual}万元，完成年初预算的{rate}%。"
S_ITEM_ACTUAL = "{number}. {path}：支出决算为{actual}万元。"
S_BASIC = "{year}年度一般公共预算财政拨款基本支出{value}万元，其中："
S_BASIC_PARTS = {"personnel_expenses": "人员经费", "public_expenses": "公用经费"}
S_THREE = "{year}年度“三公”经费财政拨款支出预算为{budget}万元，支出决算为{actual}万元，完成预算的{rate}%。"
S_THREE_ACTUAL = "{year}年度“三公”经费财政拨款支出决算为{actual}万元。"
S_THREE_PARTS = {
    "outbound_travel": "因公出国（境）费",
    "vehicle_total": "公务用车购置及运行维护费",
    "official_reception": "公务接待费",
}
S_THREE_PART = "{label}支出决算为{actual}万元"
S_VEHICLE_PARTS = {"vehicle_purchase": "公务用车购置费", "vehicle_operation": "公务用车运行维护费"}
S_ADMIN = "{year}年度本部门机关运行经费支出{value}万元。"
S_ADMIN_CHANGE = "比{last}年度{up}{delta}万元，{rise}{pct}%。"
S_PROCUREMENT = "{year}年度本部门政府采购支出总额{value}万元，其中："
S_PROCUREMENT_PARTS = {
    "procurement_goods": "政府采购货物支出",
    "procurement_works": "政府采购工程支出",
    "procurement_services": "政府采购服务支出",
}
S_SME = "授予中小企业合同金额{value}万元，占政府采购支出总额的{share}%"
S_SMALL_MICRO = "其中：授予小微企业合同金额{value}万元，占政府采购支出总额的{share}%"
S_VEHICLES = "截至{year}年12月31日，本部门共有车辆{count}辆"
S_EQUIPMENT = "单价100万元以上设备{count}台"
S_PERFORMANCE = {
    "perf_prior_assessment_projects": "对{count}个项目开展了事前绩效评估",
    "perf_target_projects": "编制绩效目标的项目{count}个",
    "perf_monitored_projects": "对{count}个项目开展了绩效监控",
    "perf_self_evaluated_projects": "组织对{count}个项目开展了绩效自评",
}
COMMA, SEMICOLON, PERIOD, ENUM_COMMA, COLON = "，", "；", "。", "、", "："
PAGE_NUMBERS = ("- {n} -", "{n}", "第 {n} 页", "— {n} —")
# What a document-sharing site writes above a scraped Word form (`scraped` layout): its own sentence about the file
# (invented site names), never a cell of the form.
SITE_FURNITURE = (
    "《{title}.docx》由会员分享,可在线阅读,更多相关《{title}.docx({pages}页珍藏版)》请在示例文库上搜索。",
    "{title}.docx 上传人:示例用户 文档格式:DOCX 页数:{pages} 下载积分:3 亲,该文档总共{pages}页,全部预览完了",
)
