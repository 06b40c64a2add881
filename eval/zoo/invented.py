"""Words the synthetic records are made of: invented place names, unit kinds, project topics, indicator names,
targets and reasons. Data only (the zoo's code holds no Chinese literal); no name here is a real unit's.
"""

from __future__ import annotations

PLACES = ("青岚", "云溪", "南屏", "石渠", "白鹭", "桐川", "雁湖", "松阳", "临澜", "北沅")
UNIT_KINDS = ("市交通运输局", "县农业农村局", "区卫生健康委员会", "市教育局", "县水利局", "市生态环境局", "区文化和旅游局")
UNIT_SUFFIXES = ("", "信息中心", "事务服务中心", "综合执法支队")
PROJECT_TOPICS = ("农村公路养护", "智慧平台运维", "水质监测", "基层医疗设备更新", "职业技能培训", "非遗保护传承",
                  "河道清淤整治", "校舍安全改造", "公共文化服务", "应急物资储备")  # fmt: skip
PROJECT_KINDS = ("专项经费", "运行维护经费", "建设项目", "补助资金")

# (level 1, level 2) pairs of the indicator system
LEVELS = (
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("产出指标", "时效指标"),
    ("成本指标", "经济成本指标"),
    ("效益指标", "社会效益指标"),
    ("效益指标", "可持续影响指标"),
    ("满意度指标", "服务对象满意度指标"),
)
# indicator names by level 2, each with how its target is written: (name, comparator, unit) — unit None for
# a target in words (then the targets below are used)
INDICATORS: dict[str, tuple[tuple[str, str | None, str | None], ...]] = {
    "数量指标": (("养护里程", "≥", "公里"), ("培训人次", "≥", "人次"), ("采购设备数量", "=", "台"),
                 ("监测点位覆盖数", "≥", "个"), ("巡查频次", "≥", "次/年")),
    "质量指标": (("设备完好率", "≥", "%"), ("验收合格率", "=", "%"), ("数据准确率", "≥", "%"),
                 ("整改完成情况", None, None)),
    "时效指标": (("资金支付及时率", "≥", "%"), ("问题响应时间", "≤", "小时"), ("项目完成时间", None, None)),
    "经济成本指标": (("单位养护成本", "≤", "万元"), ("预算控制情况", None, None)),
    "社会效益指标": (("群众出行便利程度", None, None), ("安全事故发生次数", "≤", "次"), ("服务覆盖人口", "≥", "万人")),
    "可持续影响指标": (("长效管护机制", None, None), ("设施使用年限", "≥", "年")),
    "服务对象满意度指标": (("群众满意度", "≥", "%"), ("受训人员满意度", "≥", "%")),
}
WORD_TARGETS = ("按计划完成", "有效提升", "建立健全", "达到预期", "明显改善")
WORD_ACTUALS = ("已完成", "有效提升", "已建立", "基本达到", "明显改善")
REASONS = ("受天气影响工期顺延", "部分资金年底拨付", "设备到货延迟", "招标流程较长")
