"""The adapter against servers that differ as real ones do: mode auto-detection, shape refusals, streaming,
idle timeouts that stop the server's generation, the circuit breaker, adaptive concurrency, usage that
counts every request (re-asks included). Real HTTP to the simulated server on 127.0.0.1."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest

from eval.openai_server import PROFILES, OpenAIServer, Recorded, Reply
from extractor.extract.base import Usage
from extractor.extract.llm.bounded import WINDOW, Bounded
from extractor.extract.llm.breaker import Breaker
from extractor.extract.llm.client import (
    CallSettings,
    CircuitOpen,
    Completion,
    IncompleteAnswer,
    InvalidAnswer,
    ModelUnavailable,
    Prompt,
    ShapeRejected,
    TimedOut,
    TransportError,
)
from extractor.extract.llm.openai_adapter import OpenAICompatible
from extractor.extract.llm.probe import AUTO_ORDER, ProbeAnswer
from extractor.extract.llm.sizing import MIN_TOKENS, answer_tokens
from extractor.extract.llm.targets import FiguresAnswer
from tests.llm_helpers import ANSWER, FAST, PROMPT, adapter, retrying


def shape(request: Recorded) -> str:
    """Which mode a request was sent in, read from its body."""
    body = request.body
    kind = (body.get("response_format") or {}).get("type")
    if kind == "json_schema":
        return "json_schema"
    if kind == "json_object":
        return "json_object_schema" if "schema" in body["response_format"] else "json"
    return "tools" if body.get("tools") else "md_json"


@pytest.mark.parametrize(
    ("profile", "found"),
    [("openai", "json_schema"), ("llama-cpp-python", "json_object_schema"), ("tools-only", "tools"), ("plain", "md_json")],
)
def test_auto_finds_the_first_mode_the_server_answers_in(
    adapters: list[OpenAICompatible], profile: str, found: str
) -> None:
    with OpenAIServer(profile=profile) as server:
        server.responder = lambda request: Reply.json(ANSWER)
        client = retrying(adapter(server, adapters, "auto"))
        completion = client.complete(PROMPT, FiguresAnswer, settings=FAST)
        assert completion.value.figures[0].value == 73.5
        client.complete(Prompt("figures", 1, "d", (PROMPT.messages[0], {"role": "user", "content": "另一段"})),
                        FiguresAnswer, settings=FAST)  # fmt: skip
    tried = AUTO_ORDER[: AUTO_ORDER.index(found) + 1]
    # one probe per mode up to the one that works, each sent once (a refused shape is never retried), probed once
    assert [shape(r) for r in server.probes] == list(tried)
    assert [shape(r) for r in server.requests] == [found, found]
    assert client.identity["mode"] == found  # the mode found is what cache keys and the run manifest carry
    if found == "json_object_schema":  # llama.cpp's form: the schema rides in response_format
        assert server.requests[0].body["response_format"]["schema"]["title"] == "FiguresAnswer"


def test_a_refused_shape_in_a_fixed_mode_is_a_configuration_error_sent_once(adapters: list[OpenAICompatible]) -> None:
    with OpenAIServer(profile="llama-cpp-python") as server:
        server.responder = lambda request: Reply.json(ANSWER)
        with pytest.raises(ShapeRejected) as caught:
            retrying(adapter(server, adapters, "json_schema")).complete(PROMPT, FiguresAnswer, settings=FAST)
    assert caught.value.status == 500 and "response_format" in str(caught.value)
    assert len(server.requests) == 1 and not caught.value.retryable
    assert caught.value.usage.calls == 1


@pytest.mark.parametrize("status", [400, 422])
def test_a_client_error_is_a_shape_refusal_unless_the_prompt_is_too_long(
    adapters: list[OpenAICompatible], status: int
) -> None:
    with OpenAIServer() as server:
        too_long = "Requested tokens (9120) exceed context window of 8192"  # llama-cpp-python's words
        server.enqueue(Reply.failure(status, "unsupported field"), Reply.failure(400, too_long))
        client = retrying(adapter(server, adapters, "json_schema"))
        with pytest.raises(ShapeRejected):
            client.complete(PROMPT, FiguresAnswer, settings=FAST)
        with pytest.raises(IncompleteAnswer) as cut:  # the extractor halves the batch and asks again
            client.complete(PROMPT, FiguresAnswer, settings=FAST)
    assert "context window" in str(cut.value) and cut.value.usage.calls == 1
    assert len(server.requests) == 2


def test_no_working_mode_says_what_each_did(adapters: list[OpenAICompatible]) -> None:
    nothing = replace(PROFILES["plain"], name="nothing")
    with OpenAIServer(profile=nothing) as server:
        server.enqueue()  # the probe's answers are the server's own; md_json gets prose
        server.responder = lambda request: Reply.json(ANSWER)
        client = adapter(server, adapters, "auto")
        # a model that cannot write the fenced JSON either: answer the probe in prose
        server.profile = replace(nothing, json_schema="400")
        original = server._next_reply

        def prose(request: Recorded) -> Reply:
            reply = original(request)
            return reply if reply.status != 200 else Reply.text("The total is about fifteen hundred.")

        server._next_reply = prose  # type: ignore[method-assign]
        with pytest.raises(ModelUnavailable) as caught:
            client.complete(PROMPT, FiguresAnswer, settings=FAST)
    message = str(caught.value)
    assert "no structured-output mode works" in message
    assert all(mode in message for mode in AUTO_ORDER)
    assert caught.value.usage.calls == len(AUTO_ORDER) == len(server.probes)
    assert not server.requests


def test_the_idle_timeout_is_per_token_not_per_answer(adapters: list[OpenAICompatible]) -> None:
    steady = replace(PROFILES["openai"], token_delay_s=0.04)
    with OpenAIServer(profile=steady) as server:
        server.responder = lambda request: Reply.json({"figures": ANSWER["figures"] * 4})  # ~60 pieces
        started = time.monotonic()
        completion = adapter(server, adapters, "json_schema", timeout_s=1.5).complete(PROMPT, FiguresAnswer, settings=FAST)
    # the answer took longer than the timeout in all, but no token was ever that late
    assert time.monotonic() - started > 1.5
    assert len(completion.value.figures) == 4 and completion.first_token_s is not None
    assert completion.usage.calls == 1 and completion.usage.completion_tokens > 0


def wait_for(condition: object, seconds: float = 3.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def test_a_stalled_stream_is_given_up_and_the_server_stops_generating(adapters: list[OpenAICompatible]) -> None:
    stalling = replace(PROFILES["openai"], token_delay_s=0.6)
    long_answer = {"figures": ANSWER["figures"] * 20}  # ~200 pieces: 2 minutes if generated to the end
    with OpenAIServer(profile=stalling) as server:
        server.responder = lambda request: Reply.json(long_answer)
        started = time.monotonic()
        with pytest.raises(TimedOut) as caught:
            adapter(server, adapters, "json_schema", timeout_s=0.3).complete(PROMPT, FiguresAnswer, settings=FAST)
        assert time.monotonic() - started < 3.0
        assert wait_for(lambda: server.cancelled == 1)  # the connection was closed: generation stopped
        assert server.pieces_sent < 10
    assert caught.value.retryable and caught.value.usage.calls == 1


def test_a_call_that_streams_past_its_wall_clock_bound_is_given_up(adapters: list[OpenAICompatible]) -> None:
    with OpenAIServer(profile=replace(PROFILES["openai"], token_delay_s=0.05)) as server:
        server.responder = lambda request: Reply.json({"figures": ANSWER["figures"] * 10})
        client = adapter(server, adapters, "json_schema", timeout_s=2.0, call_max_s=0.4)
        with pytest.raises(TimedOut):
            client.complete(PROMPT, FiguresAnswer, settings=FAST)
        assert wait_for(lambda: server.cancelled == 1)


def test_without_streaming_a_plain_answer_is_read(adapters: list[OpenAICompatible]) -> None:
    with OpenAIServer() as server:
        server.enqueue(Reply.json(ANSWER, usage=(40, 12)))
        completion = adapter(server, adapters, "json_schema", stream=False).complete(PROMPT, FiguresAnswer, settings=FAST)
    assert "stream" not in server.requests[0].body
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens) == (40, 12)


def test_a_stream_without_usage_is_estimated_not_free(adapters: list[OpenAICompatible]) -> None:
    with OpenAIServer(profile=replace(PROFILES["openai"], stream_usage=False)) as server:
        server.enqueue(Reply.json(ANSWER))
        completion = adapter(server, adapters, "tools").complete(PROMPT, FiguresAnswer, settings=FAST)
    assert completion.usage.prompt_tokens > 0 and completion.usage.completion_tokens > 0


def test_bad_json_reasks_and_garbage_bodies_are_counted_like_the_server_counts(adapters: list[OpenAICompatible]) -> None:
    with OpenAIServer() as server:
        server.enqueue(Reply.text('{"figures": [{"key": '), Reply.text("not json at all"), Reply.json(ANSWER))
        server.enqueue(*[Reply.text("still not json")] * 3)
        client = retrying(adapter(server, adapters, "json_schema"))
        usage = Usage()
        usage.add(client.complete(PROMPT, FiguresAnswer, settings=CallSettings(max_reasks=2)).usage)
        with pytest.raises(InvalidAnswer) as caught:
            client.complete(PROMPT, FiguresAnswer, settings=CallSettings(max_reasks=2))
        usage.add(caught.value.usage)
    assert usage.calls == len(server.requests) == 6
    assert usage.failed_attempts == 5
    with OpenAIServer(profile="garbage") as server:
        server.responder = lambda request: Reply.json(ANSWER)
        client = retrying(adapter(server, adapters, "json_schema"), retries=1)
        with pytest.raises(TransportError) as garbage:
            client.complete(PROMPT, FiguresAnswer, settings=FAST)
    assert garbage.value.usage.calls == len(server.requests)


def test_the_breaker_opens_after_consecutive_connection_failures(adapters: list[OpenAICompatible]) -> None:
    with OpenAIServer() as server:
        server.responder = lambda request: Reply.failure(503, "overloaded")
        breaker = Breaker(adapter(server, adapters, "json_schema"), threshold=3)
        client = retrying(breaker, retries=1)
        with pytest.raises(TransportError):
            client.complete(PROMPT, FiguresAnswer, settings=FAST)  # two failures
        server.enqueue(Reply.json(ANSWER))
        client.complete(PROMPT, FiguresAnswer, settings=FAST)  # an answer closes the count
        assert breaker.consecutive == 0 and breaker.opened is None
        for _ in range(2):
            with pytest.raises(TransportError):
                client.complete(PROMPT, FiguresAnswer, settings=FAST)
        sent = len(server.requests)
        assert breaker.opened is not None and "503" in breaker.opened
        started = time.monotonic()
        with pytest.raises(CircuitOpen) as caught:
            client.complete(PROMPT, FiguresAnswer, settings=FAST)
    # 2 + 1 answered + 2 + 1 (the third in a row opens it; its retry is refused unsent): nothing sent once open
    assert len(server.requests) == sent == 6
    assert time.monotonic() - started < 0.1 and not caught.value.retryable
    assert breaker.refused == 2


def test_the_breaker_ignores_refusals_that_are_not_the_connection(adapters: list[OpenAICompatible]) -> None:
    with OpenAIServer() as server:
        server.responder = lambda request: Reply.failure(400, "bad field")
        breaker = Breaker(adapter(server, adapters, "json_schema"), threshold=1)
        with pytest.raises(ShapeRejected):
            breaker.complete(PROMPT, FiguresAnswer, settings=FAST)
    assert breaker.opened is None


class Timed:
    """A model client answering at once, reporting the latency it is told to."""

    identity = {"base_url": "fake://", "model": "fake", "mode": "fake"}

    def __init__(self) -> None:
        self.latency = 0.1
        self.fail: Exception | None = None

    def complete(self, prompt: Prompt, response_model: type, *, settings: CallSettings) -> Completion:  # type: ignore[type-arg]
        if self.fail is not None:
            raise self.fail
        return Completion(ProbeAnswer(total=1, unit="u"), Usage(calls=1), "fake", "{}", "stop", first_token_s=self.latency)


def test_concurrency_backs_off_when_latency_climbs_and_returns_when_it_falls() -> None:
    inner = Timed()
    bounded = Bounded(inner, 4)  # type: ignore[arg-type]
    for latency, expected in ((0.1, 4), (2.5, 3), (2.5, 2), (2.5, 1), (2.5, 1), (0.12, 2), (0.12, 3)):
        inner.latency = latency
        for _ in range(WINDOW):
            bounded.complete(PROMPT, ProbeAnswer, settings=FAST)
        assert bounded.current == expected, (latency, bounded.current)
    assert bounded.lowest == 1
    inner.fail = TimedOut("the model endpoint timed out")
    with pytest.raises(TimedOut):
        bounded.complete(PROMPT, ProbeAnswer, settings=FAST)
    assert bounded.current == 1  # halved from 3


def test_a_fixed_bound_does_not_move() -> None:
    inner = Timed()
    bounded = Bounded(inner, 3, adaptive=False)  # type: ignore[arg-type]
    inner.latency = 9.0
    for _ in range(3 * WINDOW):
        bounded.complete(PROMPT, ProbeAnswer, settings=FAST)
    assert bounded.current == 3


def test_a_server_that_cuts_an_answer_when_another_arrives_is_asked_one_at_a_time(
    adapters: list[OpenAICompatible],
) -> None:
    """llama-cpp-python's server cuts the answer it is streaming when a request arrives: four at once lose
    answers; the bound then drops to one for good and the cut questions are asked again, every request counted."""
    paced = replace(PROFILES["llama-cpp-python"], token_delay_s=0.02)
    with OpenAIServer(lambda request: Reply.json(ANSWER), profile=paced) as server:
        bounded = Bounded(adapter(server, adapters, "json_object_schema"), 4)
        with ThreadPoolExecutor(4) as pool:
            completions = list(pool.map(lambda _: bounded.complete(PROMPT, FiguresAnswer, settings=FAST), range(8)))
        cut = server.cut
    assert cut >= 1 and bounded.limit == bounded.current == bounded.lowest == 1
    assert all(c.value.figures[0].value == 73.5 for c in completions)
    assert sum(c.usage.calls for c in completions) == len(server.requests) == 8 + cut
    assert sum(c.usage.failed_attempts for c in completions) == cut


def test_a_cut_stream_with_nothing_else_in_flight_keeps_its_meaning(adapters: list[OpenAICompatible]) -> None:
    with OpenAIServer() as server:
        server.enqueue(Reply.json(ANSWER, cut_after=1))
        bounded = Bounded(adapter(server, adapters, "json_schema"), 4)
        with pytest.raises(IncompleteAnswer, match="context window"):
            bounded.complete(PROMPT, FiguresAnswer, settings=FAST)
    assert bounded.current == 4 and len(server.requests) == 1


def test_max_tokens_follows_the_chunk_and_the_setting_caps_it() -> None:
    small = answer_tokens(PROMPT)
    rows = "\n".join(f"项目{i}\t{i}.5\t{i * 3}.25" for i in range(40))
    table = Prompt("figures", 1, "d", ({"role": "system", "content": "数字 1 2 3 4 5 6 7 8 9"}, {"role": "user", "content": rows}))
    assert MIN_TOKENS <= small < 512 < answer_tokens(table)
    # the numbers of the instructions and of the block delimiters' ids are not the chunk's
    tagged = Prompt("figures", 1, "d", ({"role": "user", "content": '<片段 id="12345678">\n无数字\n</片段 id="12345678">'},))
    assert answer_tokens(tagged) == MIN_TOKENS


def test_a_stream_cut_before_its_answer_is_split_when_empty_and_retried_when_not(adapters: list[OpenAICompatible]) -> None:
    with OpenAIServer() as server:
        # llama-cpp-python over its context: 200, then the stream ends with no token; a server dying mid-answer
        server.enqueue(Reply.json(ANSWER, cut_after=1), Reply.json(ANSWER, cut_after=5), Reply.json(ANSWER))
        client = retrying(adapter(server, adapters, "json_schema"))
        with pytest.raises(IncompleteAnswer) as empty:
            client.complete(PROMPT, FiguresAnswer, settings=FAST)
        completion = client.complete(PROMPT, FiguresAnswer, settings=FAST)
    assert "context window" in str(empty.value) and empty.value.usage.calls == 1
    assert completion.value.figures and completion.usage.calls == 2 == len(server.requests) - 1
