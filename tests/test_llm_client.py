"""The OpenAI adapter and its wrappers, with the real openai client and instructor against the simulated server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.openai_server import OpenAIServer, Profile, Reply
from extractor.extract.llm.cached import Cached
from extractor.extract.llm.client import (
    CallSettings,
    InvalidAnswer,
    ModelUnavailable,
    Prompt,
    TokenLimit,
    TransportError,
)
from extractor.extract.llm.openai_adapter import OpenAICompatible, retry_after
from extractor.extract.llm.sizing import answer_tokens
from extractor.extract.llm.targets import FiguresAnswer
from tests.llm_helpers import ANSWER, FAST, PROMPT, adapter, retrying


@pytest.mark.parametrize("mode", ["json_schema", "tools", "json", "md_json"])
def test_each_mode_gets_a_validated_answer(openai_server: OpenAIServer, adapters: list[OpenAICompatible], mode: str) -> None:
    openai_server.enqueue(Reply.json(ANSWER, usage=(120, 30)))
    completion = adapter(openai_server, adapters, mode).complete(PROMPT, FiguresAnswer, settings=FAST)
    assert completion.value.figures[0].value == 73.5
    assert (completion.usage.calls, completion.usage.prompt_tokens, completion.usage.completion_tokens) == (1, 120, 30)
    assert completion.usage.failed_attempts == 0
    assert completion.finish_reason == "stop"
    assert "73.5" in completion.raw_text
    body = openai_server.requests[0].body
    assert body["model"] == "local-model" and body["temperature"] == 0.0
    assert body["max_tokens"] == min(512, answer_tokens(PROMPT)) < 512  # sized to the chunk, the setting a ceiling
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}
    if mode == "json_schema":
        assert body["response_format"]["type"] == "json_schema"
        assert body["response_format"]["json_schema"]["name"] == "FiguresAnswer"
    if mode == "tools":
        assert body["tools"][0]["function"]["name"] == "FiguresAnswer"


def test_server_errors_are_retried_then_answered(openai_server: OpenAIServer, adapters: list[OpenAICompatible]) -> None:
    openai_server.enqueue(Reply.failure(500), Reply.failure(503), Reply.json(ANSWER, usage=(100, 20)))
    completion = retrying(adapter(openai_server, adapters)).complete(PROMPT, FiguresAnswer, settings=FAST)
    assert completion.value.figures[0].key == "grand_total_revenue"
    assert len(openai_server.requests) == 3
    assert (completion.usage.calls, completion.usage.failed_attempts) == (3, 2)
    assert completion.usage.unanswered == 0  # a 500 is a response: the server logged it
    assert completion.usage.prompt_tokens == 100


def test_rate_limit_waits_as_long_as_retry_after_says(openai_server: OpenAIServer, adapters: list[OpenAICompatible]) -> None:
    openai_server.enqueue(Reply.failure(429, "slow down", headers={"Retry-After": "1"}), Reply.json(ANSWER))
    completion = retrying(adapter(openai_server, adapters)).complete(PROMPT, FiguresAnswer, settings=FAST)
    assert completion.value.figures
    gap = openai_server.requests[1].at - openai_server.requests[0].at
    assert gap >= 0.95  # the backoff alone would be ~0.01 s
    assert completion.usage.failed_attempts == 1


def test_retry_after_forms() -> None:
    class Response:
        def __init__(self, headers: dict[str, str]) -> None:
            self.headers = headers

    assert retry_after(Response({"retry-after-ms": "250"})) == 0.25
    assert retry_after(Response({"retry-after": "3"})) == 3.0
    assert retry_after(Response({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"})) == 0.0  # a date in the past
    assert retry_after(Response({})) is None


@pytest.mark.parametrize(("status", "error"), [(401, ModelUnavailable), (404, ModelUnavailable), (400, TransportError)])
def test_client_errors_are_not_retried(
    openai_server: OpenAIServer, adapters: list[OpenAICompatible], status: int, error: type[TransportError]
) -> None:
    openai_server.enqueue(Reply.failure(status, "refused"), Reply.json(ANSWER))
    with pytest.raises(error) as caught:
        retrying(adapter(openai_server, adapters)).complete(PROMPT, FiguresAnswer, settings=FAST)
    assert caught.value.status == status and not caught.value.retryable
    assert len(openai_server.requests) == 1 and openai_server.pending == 1


def test_transport_retries_give_up_with_the_usage_of_every_attempt(
    openai_server: OpenAIServer, adapters: list[OpenAICompatible]
) -> None:
    openai_server.enqueue(*[Reply.failure(502)] * 3)
    with pytest.raises(TransportError) as caught:
        retrying(adapter(openai_server, adapters), retries=2).complete(PROMPT, FiguresAnswer, settings=FAST)
    assert len(openai_server.requests) == 3
    assert (caught.value.usage.calls, caught.value.usage.failed_attempts) == (3, 3)


def test_malformed_json_is_reasked_with_the_error(openai_server: OpenAIServer, adapters: list[OpenAICompatible]) -> None:
    openai_server.enqueue(Reply.text('{"figures": [{"key": ', usage=(100, 7)), Reply.json(ANSWER, usage=(160, 30)))
    completion = adapter(openai_server, adapters).complete(PROMPT, FiguresAnswer, settings=FAST)
    assert completion.value.figures[0].value == 73.5
    reask = openai_server.requests[1].body["messages"]
    assert len(reask) > len(PROMPT.messages)
    assert any("json" in str(m.get("content", "")).lower() for m in reask[len(PROMPT.messages) :])
    # the failed attempt is paid for: tokens of both attempts, one failure
    assert (completion.usage.calls, completion.usage.failed_attempts) == (2, 1)
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens) == (260, 37)


def test_invalid_answers_stop_after_the_reasks(openai_server: OpenAIServer, adapters: list[OpenAICompatible]) -> None:
    bad = {"figures": [{"key": "not_a_catalog_key", "measure": "actual", "value": 1, "quote": "x"}]}
    openai_server.enqueue(Reply.json(bad, usage=(50, 10)), Reply.json(bad, usage=(70, 10)), Reply.json(ANSWER))
    with pytest.raises(InvalidAnswer) as caught:
        retrying(adapter(openai_server, adapters)).complete(PROMPT, FiguresAnswer, settings=FAST)
    assert len(openai_server.requests) == 2  # one ask and max_reasks=1 re-ask; validation failures are not transport retries
    assert caught.value.usage.prompt_tokens == 120
    assert caught.value.usage.failed_attempts == 2


def test_truncated_answer_is_never_accepted_and_is_replayed_from_the_cache_only_at_temperature_0(
    openai_server: OpenAIServer, adapters: list[OpenAICompatible], tmp_path: Path
) -> None:
    client = Cached(retrying(adapter(openai_server, adapters)), tmp_path / "cache")
    warm = CallSettings(temperature=0.7, max_tokens=512, max_reasks=1)
    truncated = Reply.text('{"figures": [{"key": "grand_total_revenue", "measure": "act', finish_reason="length", usage=(90, 512))
    openai_server.enqueue(truncated)
    with pytest.raises(TokenLimit) as caught:
        client.complete(PROMPT, FiguresAnswer, settings=warm)
    assert len(openai_server.requests) == 1  # not retried: the same question would be cut again
    assert (caught.value.usage.completion_tokens, caught.value.usage.failed_attempts) == (512, 1)
    assert len(client.cache) == 0  # above temperature 0 another answer may come: nothing stored
    # even a parseable answer cut at the limit is refused (the rest of the list is missing)
    openai_server.enqueue(Reply.json(ANSWER, finish_reason="length"))
    with pytest.raises(TokenLimit):
        client.complete(PROMPT, FiguresAnswer, settings=warm)
    assert len(client.cache) == 0
    openai_server.enqueue(Reply.json(ANSWER))
    assert client.complete(PROMPT, FiguresAnswer, settings=warm).value.figures
    assert len(openai_server.requests) == 3
    # at temperature 0 the same question to the same model is cut the same way: stored, and replayed on a rerun
    openai_server.enqueue(truncated)
    with pytest.raises(TokenLimit) as first:
        client.complete(PROMPT, FiguresAnswer, settings=FAST)
    assert "replayed" not in str(first.value) and len(openai_server.requests) == 4
    with pytest.raises(TokenLimit) as again:
        client.complete(PROMPT, FiguresAnswer, settings=FAST)
    assert "replayed from the cache" in str(again.value) and again.value.usage.cache_hits == 1
    assert len(openai_server.requests) == 4
    # a longer limit is another question: asked
    openai_server.enqueue(Reply.json(ANSWER))
    longer = CallSettings(temperature=0.0, max_tokens=1024, max_reasks=1)
    assert client.complete(PROMPT, FiguresAnswer, settings=longer).value.figures
    assert len(openai_server.requests) == 5
    client.close()


@pytest.mark.parametrize("stream", [True, False])
def test_timeout_is_retried(openai_server: OpenAIServer, adapters: list[OpenAICompatible], stream: bool) -> None:
    openai_server.enqueue(Reply.json(ANSWER, delay_s=1.0), Reply.json(ANSWER))
    client = retrying(adapter(openai_server, adapters, timeout_s=0.3, stream=stream))
    completion = client.complete(PROMPT, FiguresAnswer, settings=FAST)
    assert completion.value.figures
    assert openai_server.requests[1].at - openai_server.requests[0].at < 0.9  # given up at the timeout, not the reply's 1 s
    assert (completion.usage.calls, completion.usage.failed_attempts) == (2, 1)
    assert completion.usage.unanswered == 1  # given up before any response: a server logging responses never saw it


def test_a_stall_after_the_answer_began_is_not_unanswered(adapters: list[OpenAICompatible]) -> None:
    # the first piece comes at once, the next a second later: the idle timeout ends a request the server did answer
    with OpenAIServer(profile=Profile("stalling", token_delay_s=1.0)) as server:
        server.enqueue(Reply.json(ANSWER))
        with pytest.raises(TransportError) as caught:
            adapter(server, adapters, timeout_s=0.3).complete(PROMPT, FiguresAnswer, settings=FAST)
    assert (caught.value.usage.calls, caught.value.usage.unanswered) == (1, 0)


def test_connection_refused_is_a_transport_error(adapters: list[OpenAICompatible]) -> None:
    with OpenAIServer() as gone:
        url = gone.url
    adapter = OpenAICompatible("m", url, None, "json_schema", 1.0)
    adapters.append(adapter)
    with pytest.raises(TransportError) as caught:
        retrying(adapter, retries=1).complete(PROMPT, FiguresAnswer, settings=FAST)
    assert caught.value.retryable
    assert (caught.value.usage.calls, caught.value.usage.unanswered) == (2, 2)


def test_cache_key_covers_what_changes_an_answer(
    openai_server: OpenAIServer, adapters: list[OpenAICompatible], tmp_path: Path
) -> None:
    openai_server.responder = lambda request: Reply.json(ANSWER)
    client = Cached(adapter(openai_server, adapters), tmp_path / "cache")
    first = client.complete(PROMPT, FiguresAnswer, settings=FAST)
    again = client.complete(PROMPT, FiguresAnswer, settings=FAST)
    assert not first.cached and again.cached
    assert again.usage.cache_hits == 1 and again.usage.calls == 0 and again.usage.prompt_tokens == 0
    assert again.value.model_dump() == first.value.model_dump()
    assert len(openai_server.requests) == 1
    other_text = Prompt("figures", 1, "d", (PROMPT.messages[0], {"role": "user", "content": "另一段文字"}))
    reordered = Prompt("figures", 1, "d", tuple(reversed(PROMPT.messages)))
    new_version = Prompt("figures", 2, "d", PROMPT.messages)
    for prompt in (other_text, reordered, new_version):
        assert not client.complete(prompt, FiguresAnswer, settings=FAST).cached
    assert not client.complete(PROMPT, FiguresAnswer, settings=CallSettings(temperature=0.7)).cached
    assert len(openai_server.requests) == 5
    client.close()
