"""A unit-wide form (部门整体支出绩效自评表) in pipe rows whose budget block puts 分值 before 执行率 (年初预算数 | 全年预算数 |
全年执行数 | 分值 | 执行率 | 得分), a 年度资金总额 row then 其中：当年财政拨款 rows, after the year's tasks and their own 预算数 |
执行数: the block is the 年度资金总额 row's. Invented units, names and numbers."""

from __future__ import annotations

import pytest

from extractor.chunk import chunk
from extractor.extract.rules import RulesExtractor
from extractor.normalize import normalize
from schemas import Project

_BLOCK = """部门整体支出绩效自评表
| 部门（单位）名称 | 某县文化馆 | | | | | |
| 年度主要任务 | 任务名称 | 主要内容 | 预算数 | 执行数 | | |
| | 群众文化活动 | 组织演出 | 30 | 28 | | |
| 年度部门整体支出预算（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
| 年度资金总额 | 300 | 320 | 310.4 | 10 | 97% | 9.7 |
| 其中：当年财政拨款 | 280 | 300 | 291 | — | 97% | — |
| 上年结转资金 | 20 | 20 | 19.4 | — | 97% | — |
| 其他资金 | 0 | 0 | 0 | — | — | — |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 演出场次 | ≥20场 | 22场 | 20 | 20 |
| 效益指标 | 社会效益指标 | 观众人数 | ≥5000人 | 5200人 | 20 | 20 |
"""


@pytest.mark.parametrize("bars", [True, False])
def test_a_unit_forms_budget_block_with_its_weight_before_the_rate(bars: bool) -> None:
    text = _BLOCK if bars else "\n".join(line.strip("| ") for line in _BLOCK.splitlines())
    doc = normalize(text)
    found = [c.item for c in RulesExtractor().extract(doc, chunk(doc)).candidates if isinstance(c.item, Project)]
    assert [p.name for p in found] == ["某县文化馆"]
    budget = found[0].budget
    got = (budget.initial, budget.adjusted, budget.executed, budget.weight, budget.execution_rate_pct, budget.score)
    assert got == (300, 320, 310.4, 10, 97, 9.7)
    assert [(r.name, r.weight, r.score) for r in found[0].indicators] == [("演出场次", 20, 20), ("观众人数", 20, 20)]


_ROWS = [
    (
        "指标名称",
        "计量单位",
        "指标性质",
        "年初指标值",
        "调整指标值",
        "全年完成值",
        "得分系数(%)",
        "指标权重(分)",
        "指标得分(分)",
        "是否核心指标",
    ),
    ("馆藏修复率", "%", "定量指标", "95%", "", "96%", "100%", "4", "4", "否"),
    ("展览开放天数", "天", "定量指标", "280天", "", "300天", "100%", "12", "12", "是"),
    ("服务规范性", "", "定性指标", "好", "", "好", "100%", "5", "5", "否"),
]
_HEAD = (
    "部门整体绩效自评表\n| 部门名称 | 桐川县博物馆 | | | | | | | | |\n"
    "| 部门预算执行情况（万元） | 年初预算数 | 全年（调整）预算数 | 全年执行数 | 执行率(%) | 执行率权重 | 执行率得分(分) | | | |\n"
    "| | 100 | 120 | 96 | 80% | 10 | 8 | | | |\n"
)


@pytest.mark.parametrize("sep", [" | ", "\t"])
def test_a_unit_forms_own_columns_and_its_blocks_unlabeled_row(sep: str) -> None:
    """The block's amounts in the row right under its header (its label merged down over both), 执行率权重 and 执行率得分
    the rate's weight and score; the rows' 调整指标值, 得分系数 and 是否核心指标 no field of the record."""
    bar = "| " if sep == " | " else ""
    text = _HEAD + "\n".join(bar + sep.join(row) + (" |" if bar else "") for row in _ROWS)
    doc = normalize(text + "\n")
    found = [c.item for c in RulesExtractor().extract(doc, chunk(doc)).candidates if isinstance(c.item, Project)]
    assert [p.name for p in found] == ["桐川县博物馆"]
    budget = found[0].budget
    assert (
        budget.initial,
        budget.adjusted,
        budget.executed,
        budget.execution_rate_pct,
        budget.weight,
        budget.score,
    ) == (100, 120, 96, 80, 10, 8)
    rows = [(r.name, r.target, r.unit, r.actual, r.weight, r.score) for r in found[0].indicators]
    assert rows == [("馆藏修复率", "95", "%", "96", 4, 4), ("展览开放天数", "280", "天", "300", 12, 12),
                    ("服务规范性", "好", None, "好", 5, 5)]  # fmt: skip
