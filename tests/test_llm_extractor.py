"""The LLM extractor's logic with a scripted fake client: routing, conversion, splitting, failures, budget."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from extractor.chunk import Chunk, chunk
from extractor.extract.llm.cached import Cached
from extractor.extract.llm.client import IncompleteAnswer, InvalidAnswer, ModelUnavailable, Prompt
from extractor.extract.llm.extractor import LLMExtractor, batches
from extractor.extract.llm.fake import FakeModel
from extractor.extract.llm.prompts import data_blocks
from extractor.extract.llm.targets import FiguresAnswer, NarrativesAnswer, ProjectsAnswer
from extractor.families import FAMILIES
from extractor.normalize import Normalized, normalize
from extractor.route import families_for
from schemas import Figure, Narrative, Project

REPORT = """一、收入支出决算总体情况
2031年度收、支总计326.40万元。本年支出合计286.40万元，其中基本支出250.00万元，项目支出36.40万元。
二、“三公”经费支出情况
“三公”经费支出决算为2.35万元，公务接待费0.85万元。
三、部门职责
示例中心主要负责全市公共交通数据的汇集、
治理和共享服务。
第三部分 项目自评
项目支出绩效自评表
项目名称\t示例平台运维经费
项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
年度资金总额\t50\t48\t45.6\t10\t95%\t9.5
一级指标\t二级指标\t三级指标\t指标值\t实际完成值\t分值\t得分\t偏差原因
产出指标\t数量指标\t系统巡检次数\t≥12次\t12次\t20\t20
总分\t100\t92.5
评价结论\t项目完成情况良好，达到预期目标。
"""


def family_of(response_model: type[BaseModel]) -> str:
    return {FiguresAnswer: "figures", ProjectsAnswer: "projects", NarrativesAnswer: "narratives"}[response_model]


def blocks(prompt: Prompt) -> list[str]:
    return data_blocks(prompt.messages[-1]["content"])


def chunk_text(prompt: Prompt) -> str:
    return "\n".join(blocks(prompt))


def answer(prompt: Prompt, response_model: type[BaseModel]) -> dict[str, Any]:
    """A model that reads well: answers from what the chunks say."""
    text, family = chunk_text(prompt), family_of(response_model)
    items: list[dict[str, Any]] = []
    if family == "figures" and "本年支出合计" in text:
        items += [
            {"key": "expenditure_current_year", "measure": "actual", "value": 286.40, "quote": "本年支出合计286.40万元"},
            {"key": "expenditure_basic", "measure": "actual", "value": "250.00万元", "quote": "基本支出250.00万元"},
        ]
    if family == "figures" and "公务接待费" in text:
        items += [{"key": "official_reception", "measure": "actual", "value": 0.85, "quote": "公务接待费0.85万元"}]
    if family == "narratives" and "部门职责" in text:
        items += [{"kind": "functions", "first_words": "示例中心主要负责", "last_words": "共享服务。"}]
    if family == "narratives" and "评价结论" in text:
        items += [{"kind": "conclusion", "first_words": "项目完成情况良好", "last_words": "达到预期目标。"}]
    if family == "projects" and "项目名称" in text:
        row = {"level1": "产出指标", "level2": "数量指标", "name": "系统巡检次数", "comparator": "≥", "target": 12,
               "unit": "次", "actual": "12", "weight": "20分", "score": 20, "quote": "系统巡检次数\t≥12次\t12次\t20\t20"}
        items += [{"name": "示例平台运维经费", "quote": "项目名称\t示例平台运维经费", "total_score": 92.5,
                   "budget": {"initial": 50, "adjusted": 48, "executed": 45.6, "execution_rate_pct": "95%"},
                   "indicators": [row],
                   "passages": [{"kind": "conclusion", "first_words": "项目完成情况良好", "last_words": "达到预期目标。"}]}]
    return {family: items}  # fmt: skip


@pytest.fixture
def report() -> tuple[Normalized, list[Chunk]]:
    doc = normalize(REPORT)
    return doc, chunk(doc)


def test_each_routed_chunk_and_family_is_asked_once(report: tuple[Normalized, list[Chunk]]) -> None:
    doc, chunks = report
    model = FakeModel(answer)
    LLMExtractor(model, concurrency=3).extract(doc, chunks)
    shown = [(chunk_text(call.prompt), family_of(call.response_model)) for call in model.history]
    asked = Counter({(c.id, f): sum(text.count(c.text) for text, g in shown if g == f) for c in chunks for f in FAMILIES.names()})
    expected = Counter({(c.id, family): 1 for c in chunks for family in families_for(c, FAMILIES)})
    assert +asked == expected  # each routed (chunk, family) once, nothing else
    assert {family for _, family in shown} == {"figures", "narratives", "projects"}


def test_consecutive_chunks_of_a_family_share_a_request_up_to_the_limit(report: tuple[Normalized, list[Chunk]]) -> None:
    doc, chunks = report
    figure_chunks = [c for c in chunks if "figures" in families_for(c, FAMILIES)]
    assert len(figure_chunks) == 2
    together = batches(chunks, "figures", 10_000)
    assert [[p.chunk.id for p in b.pieces] for b in together] == [[c.id for c in figure_chunks]]
    apart = batches(chunks, "figures", 0)
    assert [[p.chunk.id for p in b.pieces] for b in apart] == [[c.id] for c in figure_chunks]
    model = FakeModel(answer)
    LLMExtractor(model, batch_chars=0).extract(doc, chunks)
    assert model.calls == sum(len(families_for(c, FAMILIES)) for c in chunks)


def test_answers_become_candidates_with_source_spans(report: tuple[Normalized, list[Chunk]]) -> None:
    doc, chunks = report
    extraction = LLMExtractor(FakeModel(answer)).extract(doc, chunks)
    assert not extraction.failures
    figures = [c.item for c in extraction.candidates if isinstance(c.item, Figure)]
    assert [(f.key, f.value) for f in figures] == [
        ("expenditure_current_year", 286.40), ("expenditure_basic", 250.0), ("official_reception", 0.85)
    ]  # fmt: skip
    for figure in figures:
        start, end = figure.evidence.start, figure.evidence.end
        assert start is not None and end is not None
        assert REPORT[start:end] == figure.evidence.quote
    assert all(c.source == "llm" and c.chunk_id is not None for c in extraction.candidates)
    assert {c.rule for c in extraction.candidates} == {family.prompt for family in FAMILIES}


def test_narrative_text_is_cut_from_the_chunk_between_first_and_last_words(report: tuple[Normalized, list[Chunk]]) -> None:
    doc, chunks = report
    extraction = LLMExtractor(FakeModel(answer)).extract(doc, chunks)
    narratives = [c.item for c in extraction.candidates if isinstance(c.item, Narrative)]
    assert [(n.kind, n.scope, n.text) for n in narratives] == [
        ("functions", None, "示例中心主要负责全市公共交通数据的汇集、治理和共享服务。")
    ]
    # a project's conclusion is a field of the project, not a narrative
    conclusions = [c.item for c in extraction.candidates if isinstance(c.item, Project) and c.item.conclusion]
    assert [(p.name, p.conclusion) for p in conclusions] == [("示例平台运维经费", "项目完成情况良好，达到预期目标。")]


def test_project_answer_converts_sloppy_cells(report: tuple[Normalized, list[Chunk]]) -> None:
    doc, chunks = report
    extraction = LLMExtractor(FakeModel(answer)).extract(doc, chunks)
    project = next(c.item for c in extraction.candidates if isinstance(c.item, Project) and c.item.indicators)
    assert project.budget.execution_rate_pct == 95.0 and project.budget.executed == 45.6
    row = project.indicators[0]
    assert (row.target, row.actual, row.weight, row.comparator) == ("12", "12", 20.0, "≥")
    assert row.evidence.start is not None and "系统巡检次数" in REPORT[row.evidence.start : row.evidence.end]


def test_a_quote_not_in_the_chunk_is_left_for_ground_to_judge(report: tuple[Normalized, list[Chunk]]) -> None:
    doc, chunks = report
    invented = {"figures": [{"key": "revenue_fiscal", "measure": "actual", "value": 99, "quote": "财政拨款收入99万元"}]}
    extraction = LLMExtractor(FakeModel(lambda p, m: invented if family_of(m) == "figures" else {})).extract(doc, chunks)
    figure = extraction.candidates[0].item
    assert isinstance(figure, Figure)
    assert figure.evidence.quote == "财政拨款收入99万元" and figure.evidence.start is None


def test_a_truncated_answer_splits_the_chunk_at_a_line_and_asks_each_half(report: tuple[Normalized, list[Chunk]]) -> None:
    doc, chunks = report
    form = next(c for c in chunks if c.kind == "project_form")

    def cut_long_forms(prompt: Prompt, response_model: type[BaseModel]) -> Any:
        text = chunk_text(prompt)
        if family_of(response_model) == "projects" and len(text) > len(form.text) / 2 + 10:
            return IncompleteAnswer("cut")
        return answer(prompt, response_model)

    model = FakeModel(cut_long_forms)
    extraction = LLMExtractor(model).extract(doc, [form])
    asked = [chunk_text(c.prompt) for c in model.history if family_of(c.response_model) == "projects"]
    assert asked[0] == form.text and len(asked) == 3
    assert asked[1] + "\n" + asked[2] == form.text  # halves meet at a line break, nothing lost
    assert not extraction.failures
    assert any(isinstance(c.item, Project) and c.item.indicators for c in extraction.candidates)


def test_a_chunk_cut_even_as_one_line_is_recorded_as_failed(report: tuple[Normalized, list[Chunk]]) -> None:
    doc, chunks = report
    model = FakeModel(lambda p, m: IncompleteAnswer("cut") if family_of(m) == "narratives" else answer(p, m))
    extraction = LLMExtractor(model, max_splits=2, batch_chars=0).extract(doc, chunks)
    narrative_chunks = {c.id for c in chunks if "narratives" in families_for(c, FAMILIES)}
    assert {f.chunk_id for f in extraction.failures} == narrative_chunks
    assert all(f.family == "narratives" and "token limit" in f.reason for f in extraction.failures)
    assert any(isinstance(c.item, Figure) for c in extraction.candidates)  # the rest went on


def test_a_chunk_that_keeps_failing_does_not_sink_the_document(report: tuple[Normalized, list[Chunk]]) -> None:
    doc, chunks = report
    bad = next(c for c in chunks if "三公" in c.text)

    def flaky(prompt: Prompt, response_model: type[BaseModel]) -> Any:
        return InvalidAnswer("never valid") if chunk_text(prompt) == bad.text else answer(prompt, response_model)

    extraction = LLMExtractor(FakeModel(flaky), batch_chars=0).extract(doc, chunks)
    assert [(f.chunk_id, f.family) for f in extraction.failures] == [(bad.id, "figures")]
    assert "never valid" in extraction.failures[0].reason
    keys = {c.item.key for c in extraction.candidates if isinstance(c.item, Figure)}
    assert keys == {"expenditure_current_year", "expenditure_basic"}


def test_the_token_budget_stops_further_calls(report: tuple[Normalized, list[Chunk]]) -> None:
    doc, chunks = report
    model = FakeModel(answer)
    extraction = LLMExtractor(model, concurrency=1, token_budget=1, batch_chars=0).extract(doc, chunks)
    tasks = sum(len(families_for(c, FAMILIES)) for c in chunks)
    assert model.calls == 1
    assert len(extraction.failures) == tasks - 1
    assert all("BudgetExhausted" in f.reason for f in extraction.failures)
    assert extraction.usage.prompt_tokens > 0


def test_max_questions_asks_the_first_in_document_order_and_the_same_again_from_the_cache(
    report: tuple[Normalized, list[Chunk]], tmp_path: Path
) -> None:
    doc, chunks = report
    model = FakeModel(answer)
    client = Cached(model, tmp_path / "cache")
    order = [family.name for family in FAMILIES]
    tasks = sorted(((c.id, f) for c in chunks for f in families_for(c, FAMILIES)), key=lambda t: (t[0], order.index(t[1])))
    first = LLMExtractor(client, concurrency=3, batch_chars=0, max_questions=2).extract(doc, chunks)
    assert model.calls == 2
    assert [(f.chunk_id, f.family) for f in first.failures] == tasks[2:]
    assert all(f.reason.startswith("not asked: over 2 questions") for f in first.failures)
    # a rerun asks the same two (from the cache), not the next two: the bound does not move with cache hits
    again = LLMExtractor(client, concurrency=3, batch_chars=0, max_questions=2).extract(doc, chunks)
    assert model.calls == 2 and again.usage.cache_hits == 2
    assert [(f.chunk_id, f.family) for f in again.failures] == tasks[2:]
    client.close()


def test_a_configuration_error_stops_the_document(report: tuple[Normalized, list[Chunk]]) -> None:
    doc, chunks = report
    model = FakeModel(lambda p, m: ModelUnavailable("HTTP 401: bad key", status=401))
    with pytest.raises(ModelUnavailable, match="401"):
        LLMExtractor(model, concurrency=1).extract(doc, chunks)


def test_usage_sums_every_call(report: tuple[Normalized, list[Chunk]]) -> None:
    doc, chunks = report
    model = FakeModel(answer)
    extraction = LLMExtractor(model).extract(doc, chunks)
    assert extraction.usage.calls == model.calls == sum(len(batches(chunks, f, 4800)) for f in ("figures", "projects", "narratives"))
    assert extraction.usage.prompt_tokens > extraction.usage.completion_tokens > 0


def test_manifest_names_model_parameters_and_hashes() -> None:
    manifest = LLMExtractor(FakeModel()).manifest()
    assert (manifest["model"], manifest["mode"]) == ("fake", "fake")
    assert manifest["parameters"] == {"temperature": 0.0, "max_tokens": 4096, "max_reasks": 2}
    assert manifest["batch_chars"] == 4800
    assert set(manifest["prompts"]) == {"figures", "projects", "narratives"}
    figures = manifest["prompts"]["figures"]
    assert figures["prompt"] == FAMILIES["figures"].prompt and len(figures["prompt_sha256"]) == len(figures["schema_sha256"]) == 64


def test_a_failed_batch_records_each_of_its_chunks(report: tuple[Normalized, list[Chunk]]) -> None:
    doc, chunks = report
    model = FakeModel(lambda p, m: InvalidAnswer("never valid") if family_of(m) == "figures" else answer(p, m))
    extraction = LLMExtractor(model, max_splits=0).extract(doc, chunks)
    assert sorted(f.chunk_id for f in extraction.failures) == [c.id for c in chunks if "figures" in families_for(c, FAMILIES)]


def test_a_truncated_batch_is_halved_by_chunks_first(report: tuple[Normalized, list[Chunk]]) -> None:
    doc, chunks = report

    def shown(prompt: Prompt) -> int:
        return sum(c.text in chunk_text(prompt) for c in chunks)

    model = FakeModel(lambda p, m: IncompleteAnswer("cut") if shown(p) > 1 else answer(p, m))
    extraction = LLMExtractor(model, concurrency=1).extract(doc, chunks)
    figure_calls = [shown(c.prompt) for c in model.history if family_of(c.response_model) == "figures"]
    assert figure_calls == [2, 1, 1]
    assert not extraction.failures


def test_a_narrative_may_run_over_consecutive_chunks_of_a_batch() -> None:
    lines = ["".join(f"第{i}项工作已完成。" for i in range(start, start + 100)) for start in range(0, 400, 100)]
    body = "".join(lines)
    doc = normalize("三、部门职责\n" + "\n".join(lines) + "\n")
    parts = chunk(doc)
    assert len(parts) > 1 and all("narratives" in families_for(c, FAMILIES) for c in parts)
    reply = {"narratives": [{"kind": "functions", "first_words": "第0项工作已完成", "last_words": "第399项工作已完成。"}]}
    extraction = LLMExtractor(FakeModel(lambda p, m: reply), batch_chars=100_000).extract(doc, parts)
    narrative = extraction.candidates[0].item
    assert isinstance(narrative, Narrative)
    assert narrative.text == body


def test_a_repeated_opening_phrase_is_told_apart_by_the_shortest_passage(report: tuple[Normalized, list[Chunk]]) -> None:
    text = "三、部门职责\n主要目标有两个，一是修路。\n四、重点工作\n主要目标有两个，一是建站，二是修桥。\n"
    doc = normalize(text)
    reply = {"narratives": [
        {"kind": "key_work", "first_words": "主要目标有两个", "last_words": "二是修桥。"},
        {"kind": "functions", "first_words": "主要目标有两个", "last_words": "一是修路。"},
    ]}  # fmt: skip
    extraction = LLMExtractor(FakeModel(lambda p, m: reply)).extract(doc, chunk(doc))
    texts = {c.item.kind: c.item.text for c in extraction.candidates if isinstance(c.item, Narrative)}
    assert texts == {"key_work": "主要目标有两个，一是建站，二是修桥。", "functions": "主要目标有两个，一是修路。"}


def test_a_projects_passage_is_found_in_its_own_text_when_reports_repeat_a_phrase() -> None:
    opening, closing = "项目绩效总目标主要有两个，一是保障执法正常运转。", "三是加强资金管理。"
    text = (
        "示例执法队2031年度甲项目支出绩效自评报告\n一、项目基本情况\n（一）项目绩效目标\n" + opening + "二是完成甲任务。" + closing + "\n"
        "示例执法队2031年度乙项目支出绩效自评报告\n一、项目基本情况\n（一）项目绩效目标\n" + opening + "二是完成乙任务。" + closing + "\n"
    )
    doc = normalize(text)
    parts = chunk(doc)
    projects = {c.project for c in parts if c.project}
    assert projects == {"甲", "乙"}

    def answer(prompt: Prompt, response_model: type[BaseModel]) -> dict[str, Any]:
        if family_of(response_model) != "projects":
            return {family_of(response_model): []}
        # the model names each goal by the same first and last words; 乙 comes first in its answer
        passage = {"kind": "performance_goal", "first_words": opening[:10], "last_words": closing}
        return {"projects": [{"name": name, "quote": name, "passages": [passage]} for name in ("乙", "甲")]}

    extraction = LLMExtractor(FakeModel(answer), batch_chars=100_000).extract(doc, parts)
    goals = {c.item.scope: c.item.text for c in extraction.candidates if isinstance(c.item, Narrative)}
    assert {scope: "完成" + scope + "任务" in goal for scope, goal in goals.items()} == {"甲": True, "乙": True}


def test_a_passage_cut_by_something_else_is_joined_from_its_parts() -> None:
    text = "三、部门职责\n示例中心负责全市公路的日常养护\n- 3 -\n附表见后\n和应急抢通工作。\n四、机构设置\n中心内设三个科室。\n"
    doc = normalize(text)
    reply = {"narratives": [{"kind": "functions", "first_words": "示例中心负责", "last_words": "日常养护",
                             "more": [{"first_words": "和应急抢通", "last_words": "抢通工作。"}]}]}  # fmt: skip
    extraction = LLMExtractor(FakeModel(lambda p, m: reply)).extract(doc, chunk(doc))
    texts = [c.item.text for c in extraction.candidates if isinstance(c.item, Narrative)]
    assert texts == ["示例中心负责全市公路的日常养护和应急抢通工作。"]


def test_a_table_cells_passage_runs_to_the_cells_end_when_it_closes_with_its_opening_sentence() -> None:
    opening = "完成年度运维任务。"
    cell = opening + "保障系统稳定运行，完成等保测评。" + opening
    text = f"项目名称\t示例项目\n主管部门\t示例局\n年度总体目标\t预期目标\t实际完成\n\t{cell}\t已完成\n总分\t100\n"
    doc = normalize(text)
    passage = {"kind": "performance_goal", "first_words": opening, "last_words": opening}
    reply = {"projects": [{"name": "示例项目", "quote": "项目名称\t示例项目", "passages": [passage]}]}
    extraction = LLMExtractor(FakeModel(lambda p, m: reply if family_of(m) == "projects" else {family_of(m): []})).extract(doc, chunk(doc))
    texts = [c.item.text for c in extraction.candidates if isinstance(c.item, Narrative)]
    assert texts == [cell]
