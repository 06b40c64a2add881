"""Stage `extract`, LLM: the model-client protocol every provider and wrapper implements.

One method: `complete(prompt, response_model, *, settings) -> Completion`. The OpenAI adapter does
auth and transport; `Retrying`, `Bounded` and `Cached` wrap any client and implement the same
protocol, so the stack reads `Cached(Retrying(Bounded(OpenAICompatible(...))))`. Errors carry the
usage spent before they happened, so failed attempts are paid for in the accounting too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from pydantic import BaseModel

from extractor.extract.base import Usage
from extractor.settings import Settings

T = TypeVar("T", bound=BaseModel)

Message = dict[str, str]  # {"role": "system" | "user", "content": "..."}


@dataclass(frozen=True)
class Prompt:
    """A rendered prompt: which template made it (id, version, digest of its text) and the messages."""

    id: str
    version: int
    digest: str
    messages: tuple[Message, ...]

    @property
    def ref(self) -> str:
        return f"{self.id}.v{self.version}"


@dataclass(frozen=True)
class CallSettings:
    """The request parameters that can change an answer (and so are part of the cache key)."""

    temperature: float = 0.0
    max_tokens: int = 4096
    max_reasks: int = 2

    @classmethod
    def from_settings(cls, settings: Settings) -> CallSettings:
        return cls(settings.llm_temperature, settings.llm_max_tokens, settings.llm_max_reasks)


@dataclass
class Completion(Generic[T]):
    value: T
    usage: Usage  # calls = HTTP requests made for this answer, re-asks and transport retries included
    model: str
    raw_text: str
    finish_reason: str | None
    cached: bool = False
    seconds: float = 0.0  # wall-clock time of the request that gave the answer
    first_token_s: float | None = None  # time to the first streamed token: the server's queue, not the answer's size


class ModelClient(Protocol):
    # What about the endpoint can change an answer (base URL, model, mode): part of the cache key.
    identity: dict[str, str]

    def complete(self, prompt: Prompt, response_model: type[T], *, settings: CallSettings) -> Completion[T]: ...


class LLMError(Exception):
    """A call that produced no accepted answer; `usage` is what it cost anyway."""

    def __init__(self, message: str, usage: Usage | None = None) -> None:
        super().__init__(message)
        self.usage = usage or Usage()


class TransportError(LLMError):
    """The request did not get an answer: HTTP error, timeout, refused connection."""

    def __init__(
        self,
        message: str,
        usage: Usage | None = None,
        *,
        status: int | None = None,
        retryable: bool = True,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, usage)
        self.status = status
        self.retryable = retryable
        self.retry_after = retry_after


class TimedOut(TransportError):
    """No token arrived within the timeout, or the call ran past its wall-clock bound; the request was closed."""


class ModelUnavailable(TransportError):
    """The endpoint refuses us for good (bad key, unknown model, wrong URL): a configuration error."""

    def __init__(self, message: str, usage: Usage | None = None, *, status: int | None = None) -> None:
        super().__init__(message, usage, status=status, retryable=False)


class ShapeRejected(ModelUnavailable):
    """The server refuses the request's shape (its response_format or tools): the mode is wrong, not the moment.

    A 400/422, or a 500 whose message names the structured-output fields (llama-cpp-python answers an
    unsupported `json_schema` that way). Never retried; `auto` mode moves on to the next mode.
    """


class CircuitOpen(TransportError):
    """The endpoint failed too many times in a row: no request is sent, the rest of the run is rules-only."""

    def __init__(self, message: str) -> None:
        super().__init__(message, retryable=False)


class IncompleteAnswer(LLMError):
    """No whole answer: the model stopped at its token limit (`TokenLimit`), or the stream ended before a token
    (`CutBeforeAnswer`). Never accepted."""


class TokenLimit(IncompleteAnswer):
    """The model wrote up to `max_tokens` (finish_reason "length"): at temperature 0 the same question is cut the
    same way, so the cache may replay it (a stream cut or an over-long prompt is not this: the moment, or the
    server's window, not the question)."""


class InvalidAnswer(LLMError):
    """The answers never validated against the response model, re-asks included."""


class BudgetExhausted(LLMError):
    """The document's token budget is spent; no further calls are made for it."""


def schema_digest(response_model: type[BaseModel]) -> str:
    """sha256 of the response model's JSON Schema: the answer's shape, as the model sees it."""
    schema = json.dumps(response_model.model_json_schema(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(schema.encode("utf-8")).hexdigest()


class StreamCut(LLMError):
    """The server closed the answer's stream before it finished (no finish reason).

    With other requests in flight it is the server cutting one answer when another arrives (llama-cpp-python's
    server does so by default: `interrupt_requests`); `Bounded` then asks the server one request at a time and
    asks again. Alone, it is what its subclass says: `CutBeforeAnswer`, a prompt the server could not start on
    (over its context window: split it), or `CutMidAnswer`, a failure worth a retry.
    """

    crowded = False  # set by `Bounded`: other requests were in flight when it was cut


class CutBeforeAnswer(IncompleteAnswer, StreamCut):
    """The stream ended with no token."""


class CutMidAnswer(TransportError, StreamCut):
    """The stream ended partway through the answer."""
