"""A unit-wide form (部门整体绩效自评表) scraped whole with every cell glued: its own columns (计量单位 | 指标性质 | 年初指标值 |
调整指标值 | 全年完成值 | 得分系数 | 指标权重 | 指标得分 | 是否核心指标), a header word an OCR tool wrote out of order, a
weight and a score run together that the coefficient parts, no name label. Invented units, names and numbers."""

from __future__ import annotations

import pytest

from extractor.chunk import chunk
from extractor.extract.rules import RulesExtractor
from extractor.normalize import normalize
from extractor.tables.glued import unscrambled
from schemas import Project

_FORM = (
    "部门整体绩效自评表主管部门某区文旅局自评总分(分)96.5联系电话"
    "指标名称计量单位指标性质年初指标值调整指标值年成值全完值得分系数(%)指标权重(分)指标得分(分)是否核心指标"
    "馆藏修复率%定量指标95%96%100%44否"
    "展览开放天数天280天300天100%1212是"
    "预算执行率%80%60%75%86否"  # 8 × 75% = 6
    "服务规范性性标定指好好100%55否"
)


def _project(text: str) -> Project:
    doc = normalize(text + "\n")
    found = [c.item for c in RulesExtractor().extract(doc, chunk(doc)).candidates if isinstance(c.item, Project)]
    assert len(found) == 1, found
    return found[0]


def test_a_glued_unit_form_gives_its_rows() -> None:
    project = _project(_FORM)
    rows = [(r.name, r.target, r.unit, r.actual, r.weight, r.score) for r in project.indicators]
    assert rows == [
        ("馆藏修复率", "95", "%", "96", 4, 4),
        ("展览开放天数", "280", "天", "300", 12, 12),
        ("预算执行率", "80", "%", "60", 8, 6),
        ("服务规范性", "好", None, "好", 5, 5),
    ]
    assert project.name == ""
    assert project.total_score == 96.5


@pytest.mark.parametrize(
    ("junk", "word"),
    [("年成值全完值", "全年完成值"), ("成完值际实", "实际完成值"), ("标定指", None), ("某某某某某", None)],
)
def test_a_header_word_written_out_of_order_is_read(junk: str, word: str | None) -> None:
    assert unscrambled(junk) == word
