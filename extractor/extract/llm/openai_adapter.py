"""Stage `extract`, LLM: the one place that talks to a model, over any OpenAI-compatible endpoint.

In: a rendered prompt, a pydantic response model, call settings. Out: a `Completion`, or an
`LLMError` that says what went wrong and what it cost. Auth and transport live here only: the
`openai` client (its own retries off: `Retrying` owns transport retries) with `instructor` for the
structured answer. Instructor re-asks on invalid answers; every attempt's server-reported usage is
summed here, failed and truncated ones included.

The mode is configured or, with `auto`, found by a probe (`probe.detect_mode`) on the first call and
kept for the adapter's life: the identity's `mode` then names the mode found, so cache keys and the
run manifest carry it. Answers are streamed: `timeout_s` bounds the wait for the next token, not the
whole answer, `call_max_s` bounds the whole call, and a call given up on (timeout, error, interrupt)
closes its connection so the server stops generating. A request shape the server refuses (400/422,
or a 500 naming response_format or tools) is a `ShapeRejected` configuration error, never retried.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import openai
from instructor import Mode
from instructor.v2.core.client import Instructor
from instructor.v2.core.errors import IncompleteOutputException, InstructorRetryException
from instructor.v2.core.hooks import Hooks
from instructor.v2.core.patch import patch_v2
from instructor.v2.core.providers import Provider
from openai.types.chat import ChatCompletion

from extractor.extract.base import Usage
from extractor.extract.llm.client import (
    CallSettings,
    Completion,
    CutBeforeAnswer,
    CutMidAnswer,
    IncompleteAnswer,
    InvalidAnswer,
    LLMError,
    ModelUnavailable,
    Prompt,
    ShapeRejected,
    T,
    TimedOut,
    TokenLimit,
    TransportError,
)
from extractor.extract.llm.fake import estimate_tokens
from extractor.extract.llm.probe import ModeCheck, check_mode, detect_mode
from extractor.extract.llm.sizing import answer_tokens
from extractor.settings import Settings

try:  # the openai client's HTTP library: httpx2 from openai 3 on, httpx before
    import httpx2 as http
except ImportError:  # pragma: no cover (older openai)
    import httpx as http  # type: ignore[no-redef]

# instructor logs every failed attempt at ERROR; we raise our own errors with the same facts.
logging.getLogger("instructor").addHandler(logging.NullHandler())

MODES: dict[str, Mode] = {
    "json_schema": Mode.JSON_SCHEMA,
    "json_object_schema": Mode.JSON,  # instructor's JSON mode, the schema also sent in response_format (llama.cpp)
    "tools": Mode.TOOLS,
    "json": Mode.JSON,
    "md_json": Mode.MD_JSON,
}
_RETRYABLE_STATUS = frozenset({408, 409, 425, 429})
_CONFIGURATION_STATUS = frozenset({401, 403, 404})
_SHAPE_STATUS = frozenset({400, 422})
# a server error whose message names the structured-output fields is the request's shape, not the moment
_SHAPE_WORDS = re.compile(r"response_format|json_schema|json_object|tool_choice|\btools?\b|grammar|stream_options", re.I)
# a 400 for a prompt too long for the model is that chunk's problem, not the configuration's: split, not stopped
_CONTEXT_WORDS = re.compile(r"context (length|window|size)|maximum context|too many tokens|prompt is too long|exceed", re.I)
_NO_KEY = "not-needed"  # local servers (vLLM, Ollama, llama.cpp) take any key


class OpenAICompatible:
    """OpenAI, DeepSeek, Qwen/DashScope, vLLM, Ollama, llama.cpp server: anything speaking /chat/completions."""

    def __init__(
        self,
        model: str,
        base_url: str | None = None,
        api_key: str | None = None,
        mode: str = "json_schema",
        timeout_s: float = 60.0,
        *,
        stream: bool = True,
        call_max_s: float = 600.0,
    ) -> None:
        if mode != "auto" and mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}: auto or one of {', '.join(MODES)}")
        self.model = model
        self.requested_mode = mode
        self.mode: str | None = None if mode == "auto" else mode
        self.stream = stream
        self.call_max_s = call_max_s
        timeout = http.Timeout(timeout_s, connect=min(timeout_s, 10.0))
        self._client = openai.OpenAI(base_url=base_url, api_key=api_key or _NO_KEY, timeout=timeout, max_retries=0)
        self._instructors: dict[str, Instructor] = {}
        self._lock = threading.Lock()
        self.checks: list[ModeCheck] = []  # the probe's checks, when `auto` ran one
        self.probe_usage = Usage()  # what the probe cost: apart from the documents' usage
        # shared with the wrappers (same dict): the mode found by `auto` shows in cache keys and manifests
        self.identity = {"base_url": str(self._client.base_url), "model": model, "mode": mode}

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAICompatible:
        if not settings.llm_model:
            raise ValueError("no model configured (EXTRACTOR_LLM_MODEL)")
        key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
        return cls(
            settings.llm_model,
            settings.llm_base_url,
            key,
            settings.llm_mode,
            settings.llm_timeout_s,
            stream=settings.llm_stream,
            call_max_s=settings.llm_call_max_s,
        )

    def close(self) -> None:
        self._client.close()

    def resolve_mode(self) -> str:
        """The mode to ask in: the configured one, or (auto) the first the probe finds working, probed once."""
        if self.mode is not None:
            return self.mode
        with self._lock:
            if self.mode is None:
                try:
                    self.checks = detect_mode(self)
                except ModelUnavailable as exc:
                    self.probe_usage.add(exc.usage)
                    raise
                except TransportError as exc:
                    self.probe_usage.add(exc.usage)
                    raise
                for check in self.checks:
                    self.probe_usage.add(check.usage)
                self.mode = self.checks[-1].mode
                self.identity["mode"] = self.mode
        return self.mode

    def check(self) -> list[ModeCheck]:
        """Ask the probe before a run: finds the mode (auto) or checks the configured one; raises when unusable."""
        if self.mode is None or self.checks:
            self.resolve_mode()
            return self.checks
        check = check_mode(self, self.mode)
        self.checks = [check]
        self.probe_usage.add(check.usage)
        if check.error is not None:
            raise check.error
        return self.checks

    def list_models(self) -> list[str]:
        """The model names the endpoint lists (GET /models); raises a `TransportError` as a call would."""
        try:
            return [model.id for model in self._client.models.list()]
        except openai.APIError as exc:
            raise _transport_error(exc, Usage()) from exc

    def complete(self, prompt: Prompt, response_model: type[T], *, settings: CallSettings) -> Completion[T]:
        mode = self.resolve_mode()
        sized = CallSettings(
            settings.temperature, min(settings.max_tokens, answer_tokens(prompt, response_model)), settings.max_reasks
        )
        return self.complete_in(mode, prompt, response_model, settings=sized)

    def complete_in(
        self, mode: str, prompt: Prompt, response_model: type[T], *, settings: CallSettings
    ) -> Completion[T]:
        """One structured answer in `mode`, re-asked up to `settings.max_reasks` times when it does not validate."""
        responses: list[tuple[int, int]] = []  # (prompt, completion) tokens of each attempt, read when it arrives
        hooks = Hooks()
        hooks.on("completion:response", lambda response: responses.append(_reported_tokens(response)))
        extra: dict[str, Any] = {}
        if mode == "json_object_schema":
            schema = response_model.model_json_schema()
            extra["extra_body"] = {"response_format": {"type": "json_object", "schema": schema}}
        started = time.monotonic()
        try:
            value, raw = self._instructor(mode).create_with_completion(
                model=self.model,
                messages=[dict(m) for m in prompt.messages],  # type: ignore[misc]
                response_model=response_model,
                max_retries=settings.max_reasks,
                strict=False,  # lax parsing: "26.0" for a float is an answer, not an error
                temperature=settings.temperature,
                max_tokens=settings.max_tokens,
                hooks=hooks,
                **extra,
            )
        except IncompleteOutputException as exc:
            usage = _usage(responses, failed=len(responses))
            raise TokenLimit(f"answer cut at the token limit ({settings.max_tokens})", usage) from exc
        except StreamEnded as exc:
            raise _stream_error(exc, _usage(responses, failed=len(responses), lost=1)) from exc
        except InstructorRetryException as exc:
            cause = exc.__cause__
            if isinstance(cause, StreamEnded):
                raise _stream_error(cause, _usage(responses, failed=len(responses), lost=1)) from cause
            if isinstance(cause, openai.APIError):
                usage = _usage(responses, failed=len(responses), lost=1, unanswered=_unanswered(cause))
                raise _transport_error(cause, usage) from cause
            usage = _usage(responses, failed=len(responses))
            raise InvalidAnswer(f"no valid answer after {exc.n_attempts} attempts: {_last_failure(exc)}", usage) from exc
        except openai.APIError as exc:
            usage = _usage(responses, failed=len(responses), lost=1, unanswered=_unanswered(exc))
            raise _transport_error(exc, usage) from exc
        finish_reason = raw.choices[0].finish_reason if raw.choices else None
        usage = _usage(responses, failed=len(responses) - 1)
        if finish_reason == "length":  # a mode whose parser does not check: still never accepted
            usage.failed_attempts += 1
            raise TokenLimit(f"answer cut at the token limit ({settings.max_tokens})", usage)
        extra_fields = getattr(raw, "model_extra", None) or {}
        return Completion(
            value=value,
            usage=usage,
            model=getattr(raw, "model", None) or self.model,
            raw_text=_raw_text(raw),
            finish_reason=finish_reason,
            seconds=float(extra_fields.get("x_seconds") or time.monotonic() - started),
            first_token_s=extra_fields.get("x_first_token_s"),
        )

    def _instructor(self, mode: str) -> Instructor:
        made = self._instructors.get(mode)
        if made is None:
            patched = patch_v2(func=self._create, provider=Provider.OPENAI, mode=MODES[mode])
            made = Instructor(client=self._client, create=patched, provider=Provider.OPENAI, mode=MODES[mode])
            self._instructors[mode] = made
        return made

    def _create(self, **kwargs: Any) -> ChatCompletion:
        """One HTTP request: streamed and assembled into a chat.completion, or plain when streaming is off. A
        request that fails before any response (no status line) is marked `unanswered`: the server may never
        have logged it (uvicorn logs a request when it starts the response, and not to a client that left)."""
        kwargs.pop("stream", None)
        started = time.monotonic()
        answered = False
        try:
            if not self.stream:
                return self._client.chat.completions.create(**kwargs)
            stream = self._client.chat.completions.create(**kwargs, stream=True, stream_options={"include_usage": True})
            answered = True
            with stream:  # closing the response on any exit tells the server to stop generating
                _expect_events(stream.response)
                return _assemble(stream, kwargs, started, started + self.call_max_s)
        except http.TimeoutException as exc:  # a stall between tokens: the read timeout, not wrapped by openai
            raise _mark(openai.APITimeoutError(request=exc.request), answered=answered) from exc
        except http.TransportError as exc:
            error = openai.APIConnectionError(message=str(exc) or type(exc).__name__, request=exc.request)
            raise _mark(error, answered=answered) from exc
        except openai.APIConnectionError as exc:  # (its timeout too) raised by the client before any response
            _mark(exc, answered=answered)
            raise


def _mark(exc: openai.APIConnectionError, *, answered: bool) -> openai.APIConnectionError:
    if not answered:
        exc.unanswered = True  # type: ignore[attr-defined]
    return exc


def _unanswered(exc: BaseException) -> int:
    return int(bool(getattr(exc, "unanswered", False)))


class StreamEnded(Exception):
    """A stream that closed before its answer finished (no finish reason): the server failed mid-answer."""

    def __init__(self, message: str, *, empty: bool) -> None:
        super().__init__(message)
        self.empty = empty


def _expect_events(response: Any) -> None:
    """A 200 that is not a stream of events (a proxy's HTML page, a web UI at that URL) is no model's answer."""
    kind = str(response.headers.get("content-type") or "").split(";")[0].strip().lower()
    if kind not in ("text/event-stream", "application/json", "application/x-ndjson", ""):
        raise openai.APIResponseValidationError(
            response, None, message=f"the endpoint answered {kind}, not a chat completion: is this the API's URL?"
        )


def _assemble(stream: Any, request: dict[str, Any], started: float, deadline: float) -> ChatCompletion:
    """The chat.completion that the streamed chunks add up to (content, tool calls, finish reason, usage)."""
    content: list[str] = []
    calls: dict[int, dict[str, Any]] = {}
    finish: str | None = None
    reported: dict[str, Any] | None = None
    model = request.get("model", "")
    first: float | None = None
    for chunk in stream:
        now = time.monotonic()
        if now > deadline:
            raise openai.APITimeoutError(request=stream.response.request)
        model = chunk.model or model
        if chunk.usage is not None:
            reported = chunk.usage.model_dump()
        for choice in chunk.choices:
            delta = choice.delta
            if delta.content:
                content.append(delta.content)
                first = first if first is not None else now - started
            for call in delta.tool_calls or []:
                first = first if first is not None else now - started
                slot = calls.setdefault(
                    call.index, {"id": f"call_{call.index}", "type": "function", "function": {"name": "", "arguments": ""}}
                )
                if call.id:
                    slot["id"] = call.id
                if call.function is not None:
                    slot["function"]["name"] += call.function.name or ""
                    slot["function"]["arguments"] += call.function.arguments or ""
            finish = choice.finish_reason or finish
    text = "".join(content)
    if finish is None:  # llama-cpp-python ends the stream so when the prompt and max_tokens exceed its context
        raise StreamEnded("the answer's stream ended before it finished", empty=not text and not calls)
    message: dict[str, Any] = {"role": "assistant", "content": text or None}
    if calls:
        message["tool_calls"] = [calls[index] for index in sorted(calls)]
    if reported is None:  # a server that reports no usage on streams: estimated, so budgets still count
        prompt_text = "\n".join(str(m.get("content") or "") for m in request.get("messages", []))
        answer = text + "".join(c["function"]["arguments"] for c in calls.values())
        p, c = estimate_tokens(prompt_text), estimate_tokens(answer)
        reported = {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c}
    return ChatCompletion.model_validate(
        {
            "id": "chatcmpl-streamed",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [{"index": 0, "message": message, "finish_reason": finish or "stop", "logprobs": None}],
            "usage": reported,
            "x_seconds": time.monotonic() - started,
            "x_first_token_s": first,
        }
    )


def _reported_tokens(response: Any) -> tuple[int, int]:
    # read at once: instructor later overwrites the last response's usage with its running total
    reported = getattr(response, "usage", None)
    if reported is None:
        return 0, 0
    return reported.prompt_tokens or 0, reported.completion_tokens or 0


def _usage(responses: list[tuple[int, int]], *, failed: int, lost: int = 0, unanswered: int = 0) -> Usage:
    """Usage of the attempts the hook saw a response of (server-reported tokens), plus `lost` failed requests it
    did not see (`unanswered` of them got no HTTP response at all)."""
    usage = Usage(calls=len(responses) + lost, failed_attempts=failed + lost, unanswered=unanswered)
    for prompt_tokens, completion_tokens in responses:
        usage.prompt_tokens += prompt_tokens
        usage.completion_tokens += completion_tokens
    return usage


def _transport_error(exc: openai.APIError, usage: Usage) -> LLMError:
    """The error a failed request means for the run: retry it, stop the run, or (too long a prompt) split it."""
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        said = f"{_first_line(exc)} {exc.body!r}"
        message = f"HTTP {status} from the model endpoint: {_server_words(exc)}"
        if status in _CONFIGURATION_STATUS:
            return ModelUnavailable(message, usage, status=status)
        if status in _SHAPE_STATUS and _CONTEXT_WORDS.search(said):
            # the prompt does not fit the model's context: like an answer cut short, asked again in halves
            return IncompleteAnswer(f"the prompt exceeds the model's context window ({message})", usage)
        if status in _SHAPE_STATUS:
            return ShapeRejected(message, usage, status=status)
        if status >= 500 and _SHAPE_WORDS.search(said):
            return ShapeRejected(message, usage, status=status)
        retryable = status in _RETRYABLE_STATUS or status >= 500
        return TransportError(message, usage, status=status, retryable=retryable, retry_after=retry_after(exc.response))
    if isinstance(exc, openai.APIResponseValidationError):
        return ModelUnavailable(f"not an OpenAI-compatible answer: {exc.message}", usage, status=exc.status_code)
    if isinstance(exc, openai.APITimeoutError):
        return TimedOut("the model endpoint timed out (no token within the timeout)", usage)
    if isinstance(exc, openai.APIConnectionError):
        return TransportError(f"cannot reach the model endpoint: {_connection_reason(exc)}", usage)
    return TransportError(f"unexpected answer from the model endpoint: {_first_line(exc)}", usage, retryable=False)


def _stream_error(exc: StreamEnded, usage: Usage) -> LLMError:
    """An empty unfinished stream is a prompt the server could not start on (too long: split it); else retry.
    Both are `StreamCut`s: `Bounded` reads one that came while other requests were in flight as the server
    cutting an answer when another arrived."""
    if exc.empty:
        return CutBeforeAnswer(f"{exc} with no token: a prompt over the model's context window?", usage)
    return CutMidAnswer(str(exc), usage)


def _server_words(exc: openai.APIStatusError) -> str:
    """The server's own message (`error.message` of the body), on one line, else openai's summary."""
    body = exc.body
    words: object = None
    if isinstance(body, dict):
        error = body.get("error")
        words = error.get("message") if isinstance(error, dict) else error or body.get("message") or body.get("detail")
    text = " ".join(str(words).split()) if words else _first_line(exc)
    return text[:300]


def _connection_reason(exc: BaseException) -> str:
    """The innermost cause's words (`Connection refused`), not only openai's 'Connection error.'."""
    cause: BaseException | None = exc
    words = _first_line(exc)
    while cause is not None:
        if str(cause).strip():
            words = _first_line(cause)
        cause = cause.__cause__ or cause.__context__
    return words


def retry_after(response: Any) -> float | None:
    """Seconds the server asks us to wait: `retry-after-ms`, or `retry-after` in seconds or as an HTTP date."""
    headers = getattr(response, "headers", None) or {}
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return max(float(millis) / 1000, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


def _raw_text(raw: Any) -> str:
    if not raw.choices:
        return ""
    message = raw.choices[0].message
    if message.content:
        return str(message.content)
    calls = message.tool_calls or []
    return "\n".join(call.function.arguments for call in calls if getattr(call, "function", None))


def _last_failure(exc: InstructorRetryException) -> str:
    """What was wrong with the last answer (instructor's own message starts with a tag, not the reason)."""
    attempts = getattr(exc, "failed_attempts", None) or []
    last = getattr(attempts[-1], "exception", None) if attempts else None
    return _first_line(last) if last is not None else _first_line(exc)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
