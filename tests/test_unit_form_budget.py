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
