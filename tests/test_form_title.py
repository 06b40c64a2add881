"""A project named only by its form's title: a form whose 项目名称 cell is missing or empty, under a title that says
"某某项目绩效自评表" or "关于某某的绩效评价", gives its project that name (rows are paired with projects by name). Every
text here is invented."""

from __future__ import annotations

import pytest

from extractor.chunk import chunk
from extractor.extract.rules import RulesExtractor
from extractor.extract.rules.form_title import title_project
from extractor.normalize import normalize
from extractor.tables import lines_of
from schemas import Project


def _projects(text: str) -> list[Project]:
    doc = normalize(text + "\n")
    return [c.item for c in RulesExtractor().extract(doc, chunk(doc)).candidates if isinstance(c.item, Project)]


def _title(text: str) -> str | None:
    lines = lines_of(text)
    found = title_project(lines, len(lines))
    if found is not None:
        name, start, end = found
        assert text[start:end] == name  # the span is the name's own
        return name
    return None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("附件3：\n河湾镇公共绿地养护项目绩效自评表\n", "河湾镇公共绿地养护项目"),
        ("2031年度溪口县路灯维修项目支出绩效评价报告\n", "2031年度溪口县路灯维修项目"),
        ("关于2031年青石乡饮水工程补助资金的绩效评价报告\n", "2031年青石乡饮水工程补助资金"),
        ("2031年度部门预算项目支出绩效自评表\n", None),  # the form's kind, no project of its own
        ("2031年XX单位XX项目绩效自评表\n", None),  # a blank template's title
        ("项目支出绩效自评表\n", None),
    ],
)
def test_a_title_names_its_project_or_none(text: str, name: str | None) -> None:
    assert _title(text) == name


def test_the_search_stops_at_another_forms_name_label() -> None:
    text = "河湾镇公共绿地养护项目绩效自评表\n项目名称\t河湾镇公共绿地养护\n一级指标\t二级指标\n"
    assert _title(text) is None


_HEADER = "一级指标\t二级指标\t三级指标\t指标值\t实际完成值\t分值\t得分"
_ROWS = (
    "产出指标\t数量指标\t养护面积\t≥12公顷\t12.5公顷\t20\t20",
    "效益指标\t社会效益指标\t群众满意度\t≥90%\t93%\t20\t19",
)


def test_a_form_with_an_empty_name_cell_is_named_by_its_title() -> None:
    text = "\n".join(("河湾镇公共绿地养护项目绩效自评表", "项目名称\t", "主管部门\t河湾镇人民政府", _HEADER, *_ROWS))
    projects = _projects(text)
    assert [p.name for p in projects] == ["河湾镇公共绿地养护项目"]
    assert [r.name for r in projects[0].indicators] == ["养护面积", "群众满意度"]


def test_a_form_without_a_name_cell_is_named_by_its_title() -> None:
    text = "\n".join(("河湾镇公共绿地养护项目绩效自评表", "主管部门\t河湾镇人民政府", _HEADER, *_ROWS))
    names = [p.name for p in _projects(text) if p.indicators]
    assert names == ["河湾镇公共绿地养护项目"]


def test_a_name_cell_wins_over_the_title() -> None:
    text = "\n".join(("河湾镇公共绿地养护项目绩效自评表", "项目名称\t公共绿地养护", _HEADER, *_ROWS))
    assert [p.name for p in _projects(text)] == ["公共绿地养护"]
