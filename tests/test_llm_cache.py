"""The call cache's keys: an answer is found again by every client that asks the same endpoint in the same mode."""

from __future__ import annotations

from pathlib import Path

from eval.openai_server import OpenAIServer, Reply
from extractor.extract.llm.cached import Cached
from extractor.extract.llm.client import CallSettings, Prompt
from extractor.extract.llm.openai_adapter import OpenAICompatible
from extractor.extract.llm.targets import FiguresAnswer

ANSWER = {"figures": [{"key": "grand_total_revenue", "measure": "actual", "value": 81.5, "quote": "收、支总计81.5万元"}]}
PROMPT = Prompt(
    id="figures",
    version=1,
    digest="d",
    messages=({"role": "system", "content": "抽取"}, {"role": "user", "content": "某单位收、支总计81.5万元"}),
)
FAST = CallSettings(temperature=0.0, max_tokens=512, max_reasks=0)


def test_an_answer_found_in_auto_mode_is_stored_under_the_mode_the_probe_found(tmp_path: Path) -> None:
    with OpenAIServer(lambda request: Reply.json(ANSWER)) as server:
        auto = OpenAICompatible("m", server.url, None, "auto", 5.0)
        told = OpenAICompatible("m", server.url, None, "json_schema", 5.0)  # as a Ray worker told the driver's mode
        try:
            first = Cached(auto, tmp_path / "cache")
            assert not first.complete(PROMPT, FiguresAnswer, settings=FAST).cached  # probes, then asks
            assert auto.identity["mode"] == "json_schema" and len(server.requests) == 1
            assert first.complete(PROMPT, FiguresAnswer, settings=FAST).cached
            first.close()
            again = Cached(told, tmp_path / "cache").complete(PROMPT, FiguresAnswer, settings=FAST)
            assert again.cached and again.value.model_dump() == FiguresAnswer.model_validate(ANSWER).model_dump()
            assert len(server.requests) == 1
        finally:
            told.close()


def test_a_question_that_never_validated_is_replayed_at_temperature_0_and_asked_again_above(tmp_path: Path) -> None:
    import pytest

    from extractor.extract.llm.client import InvalidAnswer

    invalid = {"figures": [{"key": "grand_total_revenue", "measure": "actual", "value": "八十一"}]}
    with OpenAIServer(lambda request: Reply.json(invalid)) as server:
        client = OpenAICompatible("m", server.url, None, "json_schema", 5.0)
        try:
            cached = Cached(client, tmp_path / "cache")
            with pytest.raises(InvalidAnswer) as first:
                cached.complete(PROMPT, FiguresAnswer, settings=FAST)
            assert "replayed" not in str(first.value) and len(server.requests) == 1
            with pytest.raises(InvalidAnswer) as again:
                cached.complete(PROMPT, FiguresAnswer, settings=FAST)
            assert "replayed from the cache" in str(again.value) and again.value.usage.cache_hits == 1
            assert len(server.requests) == 1  # the same question to the same model fails the same way: not asked again
            warm = CallSettings(temperature=0.7, max_tokens=512, max_reasks=0)
            for _ in range(2):
                with pytest.raises(InvalidAnswer):
                    cached.complete(PROMPT, FiguresAnswer, settings=warm)
            assert len(server.requests) == 3  # above 0 another answer may come: asked every time
        finally:
            client.close()
