"""Stage `route`: a form or a final-accounts table is routed whatever its layout, and a routed chunk that gave
nothing is reported in the record. Fixtures are invented (units, projects and numbers)."""

from __future__ import annotations

import pytest

from extractor.chunk import Chunk, chunk
from extractor.extract.llm.extractor import LLMExtractor
from extractor.extract.llm.fake import FakeModel
from extractor.extract.llm.prompts import data_blocks
from extractor.families import FAMILIES
from extractor.load import load_bytes
from extractor.normalize import normalize
from extractor.pipeline import prepare, run
from extractor.route import carries_accounts_table, carries_project_table, families_for, to_figures, to_projects

HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分"]
ROW = ["产出指标", "数量指标", "示例巡检次数", "≥12次", "12次", "20", "19"]

INDICATOR_LAYOUTS = {
    "tabs": "\t".join(HEADER) + "\n" + "\t".join(ROW),
    "pipes without bars": " | ".join(HEADER) + "\n" + " | ".join(ROW),
    "markdown": "| " + " | ".join(HEADER) + " |\n|" + "---|" * len(HEADER) + "\n| " + " | ".join(ROW) + " |",
    "html": "<table><tr>" + "".join(f"<td>{h}</td>" for h in HEADER) + "</tr><tr>"
    + "".join(f"<td>{c}</td>" for c in ROW) + "</tr></table>",
    "one cell per line": "\n".join(HEADER + ROW),
    "flattened": " ".join(HEADER + ROW),
    "torn glyphs": "  ".join(" ".join(h) for h in HEADER) + "\n" + "  ".join(ROW),
    "no level columns, other words": "指标名称\t目标值\t实际值\t权重\t得分\n示例服务满意度\t≥90%\t93%\t10\t10",
    "budget block alone": "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n年度资金总额\t50\t48\t45.6\t10\t95%\t9.5",
    "goal table, targets alone": "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t示例巡检次数\t≥12次",
    "transfer payment's block alone": "全年预算数(A)\t全年执行数(B)\t执行率(B/A)\n年度资金总额:\t80\t72\t90%",
}


def section(text: str, kind: str = "section", project: str | None = None) -> Chunk:
    return Chunk(id=0, kind=kind, heading="三、其他", trail=("三、其他",), project=project, start=0, end=len(text),
                 source_start=0, source_end=len(text), text=text)  # fmt: skip


@pytest.mark.parametrize("layout", list(INDICATOR_LAYOUTS))
@pytest.mark.parametrize("kind", ["section", "table"])
def test_an_indicator_table_goes_to_projects_whatever_its_layout_kind_or_project(layout: str, kind: str) -> None:
    text = INDICATOR_LAYOUTS[layout]
    assert carries_project_table(text)
    assert "projects" in families_for(section(text, kind), FAMILIES)  # no project detected around it
    assert to_projects(section(text, kind, project="示例运维项目"))


def reads_traditional_script() -> bool:
    return normalize("一級指標").text == "一级指标"


@pytest.mark.xfail(not reads_traditional_script(), reason="normalize does not read traditional script yet", strict=True)
def test_an_indicator_table_in_traditional_script_is_routed_after_normalization() -> None:
    text = "一級指標\t二級指標\t三級指標\t指標值\t實際完成值\t分值\t得分\n產出指標\t數量指標\t示例巡檢次數\t≥12次\t12次\t20\t19\n"
    doc = normalize(text)
    assert any("projects" in families_for(c, FAMILIES) for c in chunk(doc))


@pytest.mark.parametrize(
    "text",
    [
        "本项目自评得分95分，各项指标分值合理。",  # a score and a weight in a sentence
        "绩效目标设置了指标值，部分指标值偏低。",  # the row's words, once, in prose
        "年初预算为50万元，全年执行45.6万元。",  # amounts without a weight or a score
    ],
)
def test_sentences_that_use_a_header_word_are_not_tables(text: str) -> None:
    assert not carries_project_table(text)
    assert "projects" not in families_for(section(text), FAMILIES)


def test_a_final_accounts_table_goes_to_figures_whatever_its_layout_or_kind() -> None:
    one_cell_per_line = "\n".join(["项目", "决算数", "本年收入合计", "326.40", "本年支出合计", "286.40", "年末结转和结余", "40.00"])
    coded = "科目编码 科目名称 合计 基本支出 项目支出 2010101 行政运行 120.50 120.50 0.00"
    for text in (one_cell_per_line, coded):
        assert carries_accounts_table(text)
    assert to_figures(section(one_cell_per_line))  # a catalog label, the final accounts column and numbers
    assert to_figures(section(one_cell_per_line, project="示例运维项目"))  # whatever project the chunker saw
    note = "注：本表反映本年度财政拨款支出决算情况，决算数是包括以前年度结转资金安排的实际支出。"
    assert not carries_accounts_table(note) and not to_figures(section(note))
    glossary = "项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"
    assert not to_figures(section(glossary))


# ---- empty routes -------------------------------------------------------------------------------------------

UNREAD_FORM = """一、部门基本情况
示例中心负责示例数据的汇集和共享。
二、项目绩效自评
一级指标 二级指标 三级指标 指标值 实际完成值 分值 得分 （示例巡检次数等指标见附表，本页未填）
"""


def test_a_routed_chunk_that_gave_nothing_is_reported_in_the_record() -> None:
    loaded = load_bytes(UNREAD_FORM.encode("utf-8"), name="unread.txt")
    prepared = prepare(loaded)
    [form] = [c for c in prepared.chunks if "示例巡检次数" in c.text]
    assert "projects" in prepared.routes[form.id]

    record = run(loaded).record  # a header with no rows under it: nothing to read
    assert record.projects == []
    reported = (record.meta.run or {})["empty_routes"]
    assert {"chunk": form.id, "family": "projects", "heading": "二、项目绩效自评",
            "span": [form.source_start, form.source_end]} in reported  # fmt: skip
    start, end = reported[[r["chunk"] for r in reported].index(form.id)]["span"]
    assert "示例巡检次数" in loaded.text[start:end]


def test_a_model_answer_for_the_chunk_takes_it_off_the_report_and_an_empty_answer_puts_it_on() -> None:
    loaded = load_bytes(UNREAD_FORM.encode("utf-8"), name="unread.txt")
    form_id = next(c.id for c in prepare(loaded).chunks if "示例巡检次数" in c.text)

    def reads_the_form(prompt, response_model):  # type: ignore[no-untyped-def]
        text = "\n".join(data_blocks(prompt.messages[-1]["content"]))
        if response_model is not FAMILIES["projects"].answer or "示例巡检次数" not in text:
            return {}
        row = {"level1": "产出指标", "level2": "数量指标", "name": "示例巡检次数", "comparator": "≥", "target": "12",
               "unit": "次", "actual": "12", "weight": 20, "score": 19, "quote": "示例巡检次数 ≥12次 12次 20 19"}  # fmt: skip
        return {"projects": [{"name": "示例巡检", "quote": "示例巡检次数", "indicators": [row]}]}

    answered = run(loaded, [LLMExtractor(FakeModel(reads_the_form))]).record
    assert [i.name for p in answered.projects for i in p.indicators] == ["示例巡检次数"]
    assert (form_id, "projects") not in {(r["chunk"], r["family"]) for r in (answered.meta.run or {})["empty_routes"]}

    empty = run(loaded, [LLMExtractor(FakeModel())]).record  # every answer empty
    assert (form_id, "projects") in {(r["chunk"], r["family"]) for r in (empty.meta.run or {})["empty_routes"]}


HEADERLESS_ROWS = (
    "示例设备巡检率 | = | 100 | % | 100 | 5 |\n"
    "成本指标 | 示例维护成本 | ≤ | 6 | 万元 | 5.5 | 5 |\n"
    "效益指标 | 社会效益指标 | 示例问题处置率 | ≥ | 90 | % | 92 | 10 |\n"
    "满意度指标 | 服务对象满意度指标 | 示例群众满意度 | ≥ | 95 | % | 96 | 10 |\n"
)


@pytest.mark.parametrize("text", [
    HEADERLESS_ROWS,  # a form's tail after a page break: no header, its rows' level names
    HEADERLESS_ROWS.replace(" | ", "").replace("\n", ""),  # the same rows glued by a scraping site
    "示例项目绩效评价评分表 产出指标 示例完成率 10 9 示例达标率 20 18",  # a scoring table's title and one level name
])  # fmt: skip
def test_indicator_rows_without_their_header_go_to_projects(text: str) -> None:
    assert "projects" in families_for(section(text, "table"), FAMILIES)


@pytest.mark.parametrize("text", [
    "绩效指标分为产出指标、效益指标和满意度指标三类。",  # the level names in prose, no numbers
    "一、产出指标完成情况",  # a heading
])  # fmt: skip
def test_level_names_in_prose_are_no_indicator_rows(text: str) -> None:
    assert "projects" not in families_for(section(text), FAMILIES)
