"""Stage `extract`, LLM: the one place that talks to a model, over any OpenAI-compatible endpoint.

In: a rendered prompt, a pydantic response model, call settings. Out: a `Completion`, or an
`LLMError` that says what went wrong and what it cost. Auth and transport live here only: the
`openai` client (its own retries off: `Retrying` owns transport retries) with `instructor` for the
structured answer, in the configured mode (JSON schema by default). Instructor re-asks on invalid
answers; every attempt's server-reported usage is summed here, failed and truncated ones included.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import instructor
import openai
from instructor import Mode
from instructor.v2.core.errors import IncompleteOutputException, InstructorRetryException
from instructor.v2.core.hooks import Hooks

from extractor.extract.base import Usage
from extractor.extract.llm.client import (
    CallSettings,
    Completion,
    IncompleteAnswer,
    InvalidAnswer,
    ModelUnavailable,
    Prompt,
    T,
    TransportError,
)
from extractor.settings import InstructorMode, Settings

# instructor logs every failed attempt at ERROR; we raise our own errors with the same facts.
logging.getLogger("instructor").addHandler(logging.NullHandler())

MODES: dict[str, Mode] = {
    "json_schema": Mode.JSON_SCHEMA,
    "tools": Mode.TOOLS,
    "json": Mode.JSON,
    "md_json": Mode.MD_JSON,
}
_RETRYABLE_STATUS = frozenset({408, 409, 425, 429})
_CONFIGURATION_STATUS = frozenset({401, 403, 404})
_NO_KEY = "not-needed"  # local servers (vLLM, Ollama, llama.cpp) take any key


class OpenAICompatible:
    """OpenAI, DeepSeek, Qwen/DashScope, vLLM, Ollama, llama.cpp server: anything speaking /chat/completions."""

    def __init__(
        self,
        model: str,
        base_url: str | None = None,
        api_key: str | None = None,
        mode: InstructorMode = "json_schema",
        timeout_s: float = 60.0,
    ) -> None:
        self.model = model
        self.mode = mode
        self._client = openai.OpenAI(base_url=base_url, api_key=api_key or _NO_KEY, timeout=timeout_s, max_retries=0)
        self._instructor = instructor.from_openai(self._client, mode=MODES[mode])
        self.identity = {"base_url": str(self._client.base_url), "model": model, "mode": mode}

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAICompatible:
        if not settings.llm_model:
            raise ValueError("no model configured (EXTRACTOR_LLM_MODEL)")
        key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
        return cls(settings.llm_model, settings.llm_base_url, key, settings.llm_mode, settings.llm_timeout_s)

    def close(self) -> None:
        self._client.close()

    def complete(self, prompt: Prompt, response_model: type[T], *, settings: CallSettings) -> Completion[T]:
        responses: list[tuple[int, int]] = []  # (prompt, completion) tokens of each attempt, read when it arrives
        hooks = Hooks()
        hooks.on("completion:response", lambda response: responses.append(_reported_tokens(response)))
        try:
            value, raw = self._instructor.create_with_completion(
                model=self.model,
                messages=[dict(m) for m in prompt.messages],  # type: ignore[misc]
                response_model=response_model,
                max_retries=settings.max_reasks,
                strict=False,  # lax parsing: "26.0" for a float is an answer, not an error
                temperature=settings.temperature,
                max_tokens=settings.max_tokens,
                hooks=hooks,
            )
        except IncompleteOutputException as exc:
            usage = _usage(responses, failed=len(responses))
            raise IncompleteAnswer(f"answer cut at the token limit ({settings.max_tokens})", usage) from exc
        except InstructorRetryException as exc:
            cause = exc.__cause__
            if isinstance(cause, openai.APIError):
                raise _transport_error(cause, _usage(responses, failed=len(responses), lost=1)) from cause
            usage = _usage(responses, failed=len(responses))
            raise InvalidAnswer(f"no valid answer after {exc.n_attempts} attempts: {_first_line(exc)}", usage) from exc
        except openai.APIError as exc:
            raise _transport_error(exc, _usage(responses, failed=len(responses), lost=1)) from exc
        finish_reason = raw.choices[0].finish_reason if raw.choices else None
        usage = _usage(responses, failed=len(responses) - 1)
        if finish_reason == "length":  # a mode whose parser does not check: still never accepted
            usage.failed_attempts += 1
            raise IncompleteAnswer(f"answer cut at the token limit ({settings.max_tokens})", usage)
        return Completion(
            value=value,
            usage=usage,
            model=getattr(raw, "model", None) or self.model,
            raw_text=_raw_text(raw),
            finish_reason=finish_reason,
        )


def _reported_tokens(response: Any) -> tuple[int, int]:
    # read at once: instructor later overwrites the last response's usage with its running total
    reported = getattr(response, "usage", None)
    if reported is None:
        return 0, 0
    return reported.prompt_tokens or 0, reported.completion_tokens or 0


def _usage(responses: list[tuple[int, int]], *, failed: int, lost: int = 0) -> Usage:
    """Usage of the attempts that got a response (server-reported tokens), plus `lost` requests that did not."""
    usage = Usage(calls=len(responses) + lost, failed_attempts=failed + lost)
    for prompt_tokens, completion_tokens in responses:
        usage.prompt_tokens += prompt_tokens
        usage.completion_tokens += completion_tokens
    return usage


def _transport_error(exc: openai.APIError, usage: Usage) -> TransportError:
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        message = f"HTTP {status} from the model endpoint: {_first_line(exc)}"
        if status in _CONFIGURATION_STATUS:
            return ModelUnavailable(message, usage, status=status)
        retryable = status in _RETRYABLE_STATUS or status >= 500
        return TransportError(message, usage, status=status, retryable=retryable, retry_after=retry_after(exc.response))
    if isinstance(exc, openai.APITimeoutError):
        return TransportError("the model endpoint timed out", usage)
    if isinstance(exc, openai.APIConnectionError):
        return TransportError(f"cannot reach the model endpoint: {_first_line(exc)}", usage)
    return TransportError(f"unexpected answer from the model endpoint: {_first_line(exc)}", usage, retryable=False)


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


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
