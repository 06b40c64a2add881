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
        ("青石县农业农村局2031年度项目支出绩效自评报告\n", None),  # a unit's report on all its projects of a year
        ("关于青石县2031年度项目支出的绩效评价报告\n", None),
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


_UNIT_FORM = """| 年度部门整体支出预算（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
| 年度资金总额 | 300 | 320 | 310.4 | 10 | 97% | 9.7 |
| 其中：当年财政拨款 | 280 | 300 | 291 | — | 97% | — |
| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| | 产出指标 | 数量指标 | 演出场次 | ≥20场 | 22场 | 20 | 20 |
| | 效益指标 | 社会效益指标 | 观众人数 | ≥5000人 | 5200人 | 20 | 20 |
"""


@pytest.mark.parametrize(
    "head",
    [
        "部门整体支出绩效自评表\n| 部门名称 | 桐川县文化馆 | | | | | |\n",
        "部门整体支出绩效自评表\n| 单位（盖章）：桐川县文化馆 | 填报日期：2032年2月3日 | | | | |\n",
        "桐川县文化馆2031年度部门整体支出绩效自评表\n",
    ],
)
def test_a_unit_form_without_a_name_label_is_named_by_its_unit(head: str) -> None:
    projects = _projects(head + _UNIT_FORM)
    assert [(p.name, p.budget.initial, p.budget.weight, len(p.indicators)) for p in projects] == [
        ("桐川县文化馆", 300, 10, 2)
    ]


def test_a_unit_form_that_states_no_unit_stays_nameless() -> None:
    projects = _projects("部门整体支出绩效自评表\n| 主管部门 | 某县文旅局 | | | | | |\n" + _UNIT_FORM)
    assert [p.name for p in projects] == [""]
