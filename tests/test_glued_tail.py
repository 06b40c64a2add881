"""The tail of a flat or glued form whose header is on a page the text does not hold: level names glued before the
names, "name≥target weight" runs, then the total and the closing cells. Read under the national template's columns
and held for review. Invented forms, units and numbers (and the layout zoo's)."""

from __future__ import annotations

import pytest

from eval.zoo import render
from eval.zoo.synthetic import synthetic_record
from extractor.chunk import chunk
from extractor.extract.rules import RulesExtractor
from extractor.extract.rules.indicator_table import indicator_rows
from extractor.normalize import normalize
from extractor.tables import lines_of, tables_in
from extractor.tables.glued import headerless_tokens
from schemas import Project

_TAIL = (
    "产出指标数量指标路灯修复率=100% 25 巡查次数≥24次 25 时效指标报修响应时长≤2小时 25 "
    "效益指标社会效益指标群众投诉率≤3% 15 合计100 评价结论按期完成。存在问题无改进措施无项目负责人:"
)


def test_a_glued_tail_is_read_under_the_templates_columns() -> None:
    rows = indicator_rows(tables_in(normalize(_TAIL).text))
    got = [
        (r.level1, r.level2, r.name, r.comparator, r.target, r.unit, r.actual, r.weight, r.score, r.sure) for r in rows
    ]
    assert got == [
        ("产出指标", "数量指标", "路灯修复率", "=", "100", "%", None, 25, None, False),
        ("产出指标", "数量指标", "巡查次数", "≥", "24", "次", None, 25, None, False),
        ("产出指标", "时效指标", "报修响应时长", "≤", "2", "小时", None, 25, None, False),
        ("效益指标", "社会效益指标", "群众投诉率", "≤", "3", "%", None, 15, None, False),
    ]


def test_the_tail_becomes_a_nameless_project_held_for_review() -> None:
    doc = normalize(_TAIL + "\n")
    projects = [c for c in RulesExtractor().extract(doc, chunk(doc)).candidates if isinstance(c.item, Project)]
    assert len(projects) == 1
    assert projects[0].item.name == ""
    assert [r.name for r in projects[0].item.indicators] == ["路灯修复率", "巡查次数", "报修响应时长", "群众投诉率"]


def test_a_line_that_is_no_glued_tail_gives_no_tokens() -> None:
    for text in (
        "产出指标和效益指标均已完成,群众满意度较高。",  # prose: no values opened by a comparator
        "一级指标二级指标三级指标指标值完成值分值得分产出指标数量指标路灯修复率=100%100%2525",  # a header: not a tail
        "路灯修复率=100% 25 巡查次数≥24次 25",  # no level name to open it
    ):
        assert headerless_tokens(lines_of(text), 0) is None, text


@pytest.mark.parametrize("seed", range(6))
def test_a_zoo_forms_rows_come_back_from_a_flat_page_below_its_header(seed: int) -> None:
    """Layout zoo: a form written `flat`, the page cut below its indicator header (its rows alone, then 总分)."""
    rendered = render(synthetic_record(seed, figures=False), "flat", "standard", seed=seed)
    expected = rendered.expected.projects[0].indicators
    line = next(line for line in rendered.text.split("\n") if "一级指标" in line)
    first = expected[0]
    start = line.index(f"{first.level1} {first.level2} {first.name}", line.index("一级指标"))
    doc = normalize(line[start:] + "\n")
    found = [c.item for c in RulesExtractor().extract(doc, chunk(doc)).candidates if isinstance(c.item, Project)]
    assert len(found) == 1
    got = [(r.level1, r.level2, r.name, r.target, r.actual, r.weight, r.score) for r in found[0].indicators]
    assert got == [(r.level1, r.level2, r.name, r.target, r.actual, r.weight, r.score) for r in expected]
