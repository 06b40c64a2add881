"""A model that repeats its prompt's example: the project or row it copies is flagged `example_echo`, a reading that
shares an amount or two with the example by chance is not; every template's example is found."""

from __future__ import annotations

from extractor.extract.base import Candidate
from extractor.extract.llm.echo import ECHO, example_projects, flag_echoes
from extractor.extract.llm.prompts import load_prompt
from extractor.reconcile import Support
from extractor.score import _from_support
from schemas import Budget, Evidence, Indicator, Project

EXAMPLE = {"name": "例子项目", "budget": {"initial": 50, "adjusted": 48, "executed": 45.6, "execution_rate_pct": 95,
                                       "weight": 10, "score": 9.5},
           "indicators": [{"name": "例子指标", "target": "12", "actual": "11", "weight": 20, "score": 18}]}  # fmt: skip


def _project(name: str, budget: dict[str, float], rows: list[Indicator] | None = None) -> Candidate:
    item = Project(name=name, budget=Budget(**budget), indicators=rows or [], evidence=Evidence(quote=name))
    return Candidate(item=item, source="llm", rule="projects.v3", specificity=0.7)


def _row(name: str, **cells: object) -> Indicator:
    return Indicator(name=name, evidence=Evidence(quote=name), **cells)  # type: ignore[arg-type]


def test_a_project_with_the_examples_amounts_or_name_is_an_echo_and_a_reading_is_not() -> None:
    copied = _project("项目名称", {"initial": 50, "adjusted": 48, "executed": 45.6})
    named = _project("例子项目", {})
    read = _project("河道巡查", {"initial": 50, "adjusted": 48, "executed": 47.1}, [_row("巡查次数", weight=20, score=17)])
    flag_echoes([copied, named, read], [EXAMPLE])
    assert ECHO in copied.flags and ECHO in named.flags
    assert ECHO not in read.flags and not read.row_flags


def test_a_row_that_repeats_the_examples_row_is_flagged_alone() -> None:
    project = _project("河道巡查", {"initial": 30}, [_row("巡查次数", weight=10, score=9),
                                                  _row("其它", target="12", actual="11", weight=20, score=18)])  # fmt: skip
    flag_echoes([project], [EXAMPLE])
    assert ECHO not in project.flags and project.row_flags == {1: (ECHO,)}


def test_an_echo_is_held_for_review() -> None:
    state = _from_support(Support(sources={"llm"}, specificity=0.7, flags=[ECHO]))
    assert state.confidence <= 0.2 and ECHO in state.flags


def test_the_projects_templates_example_is_read() -> None:
    examples = example_projects(load_prompt("projects").example()[1])
    assert examples and examples[0]["budget"] and examples[0]["indicators"]


def test_a_models_project_name_or_code_must_be_written_in_the_projects_text() -> None:
    from extractor.score import _project_value_in_text, project_texts
    from schemas import Record

    source = "项目名称：河道巡查\n项目编号：HD-01\n年度预算30万元。"
    project = Project(name="河道巡查", code="a1b2c3d4", evidence=Evidence(quote="河道巡查", start=5, end=9))
    record = Record.model_validate({"document": {"name": "d.txt", "sha256": "0" * 64}, "projects": [project.model_dump()]})
    texts = project_texts(record, source)
    assert _project_value_in_text(record, "/projects/0/name", texts)
    assert not _project_value_in_text(record, "/projects/0/code", texts)  # a prompt's block id, not the text's code
    assert _project_value_in_text(record, "/projects/0/budget/initial", texts)  # not asked here


def test_the_rows_of_a_copied_project_are_flagged_with_it() -> None:
    project = _project("项目名称", {"initial": 50, "adjusted": 48, "executed": 45.6}, [_row("指标值"), _row("巡查次数")])
    flag_echoes([project], [EXAMPLE])
    assert ECHO in project.flags and project.row_flags == {0: (ECHO,), 1: (ECHO,)}


def test_a_project_named_by_a_label_or_heading_word_is_held_and_a_name_is_not() -> None:
    from extractor.score import _name_is_label
    from schemas import Record

    names = ["二级指标", "项目概况：", " 项目名称 ", "河道巡查项目", "绩效目标管理项目"]
    record = Record.model_validate({"document": {"name": "d.txt", "sha256": "0" * 64},
                                    "projects": [{"name": n, "evidence": {"quote": n}} for n in names]})  # fmt: skip
    held = [_name_is_label(record, f"/projects/{i}/name") for i in range(len(names))]
    assert held == [True, True, True, False, False]
    assert not _name_is_label(record, "/projects/0/code")


def test_a_models_project_name_must_stand_where_a_document_names_a_project() -> None:
    from extractor.ground import SourceIndex
    from extractor.score import _named_where_projects_are
    from schemas import Record

    source = "\n".join([
        "## 2031年度河道巡查经费项目支出绩效自评表",  # a title line
        "项目名称\t湖面保洁经费\t\t\t",  # after the label, one row
        "| 项目支出名称 |",
        "堤防养护 |",  # the label on the line above
        "项目名称 | 61010099Q000012-2031年码头维修项目 | ||",  # a code before the name
        "一、项目基本情况项目名称水闸运行主管部门某水务局",  # a form flattened into one line
        "（二）“城区排涝泵站",  # a title torn over two lines
        "",
        "维护（2031年）项目”自评情况",
        "部门 | 某县河湖保护中心 | ||||",  # a unit-wide form's unit
        "某县水务局关于农村供水保障项目绩效评价报告根据工作安排，对全县供水项目进行了评价。",  # named by its title's kind
        "项目资金(万元)\t\t年初预算数\t全年预算数\t全年执行数",  # a budget block's label
        "\t\t\t巡查简报报送\t12期\t12期\t5\t5\t",  # an indicator's name
        "2.数量指标为航道测绘报告、巡查简报编写 12 期，实际完成 12 期，未见偏差。",  # a word of a sentence
    ])  # fmt: skip
    names = ["河道巡查经费", "湖面保洁经费", "堤防养护", "2031年码头维修项目", "水闸运行", "城区排涝泵站维护（2031年）项目",
             "某县河湖保护中心", "农村供水保障项目", "项目资金", "巡查简报报送", "航道测绘报告", "不在文中"]  # fmt: skip
    record = Record.model_validate({"document": {"name": "d.txt", "sha256": "0" * 64},
                                    "projects": [{"name": n, "evidence": {"quote": n}} for n in names]})  # fmt: skip
    index = SourceIndex(source)
    named = [_named_where_projects_are(record, f"/projects/{i}/name", index) for i in range(len(names))]
    assert named == [True] * 8 + [False] * 4
    assert _named_where_projects_are(record, "/projects/8/code", index)  # not asked of other fields


def test_the_pipeline_holds_a_models_project_named_by_an_indicators_cell() -> None:
    from extractor.extract.base import Extraction
    from extractor.load import load_bytes
    from extractor.pipeline import run

    text = ("## 2031年度项目支出绩效自评表\n\n项目名称\t湖面保洁经费\n主管部门\t某水务局\n\n"
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
            "产出指标\t数量指标\t巡查简报报送\t12期\t12期\t5\t5\n")  # fmt: skip

    class Model:
        name = "llm"

        def extract(self, doc: object, chunks: object, routes: object = None) -> Extraction:
            named = [Project(name=n, evidence=Evidence(quote=n)) for n in ("湖面保洁经费", "巡查简报报送")]
            return Extraction(candidates=[Candidate(item=p, source="llm", rule="projects.v3") for p in named])

    record = run(load_bytes(text.encode(), "d.txt"), [Model()]).record
    flags = {p.name: record.assessments[f"/projects/{i}/name"].flags for i, p in enumerate(record.projects)}
    assert "not_named_there" in flags["巡查简报报送"] and "not_named_there" not in flags["湖面保洁经费"]
