"""Stage `extract`, LLM: transport retries, a wrapper implementing the model-client protocol.

In/out: as the wrapped client. Retries only what a second try can fix: HTTP 408/409/425/429/5xx,
timeouts and refused connections, with exponential backoff and jitter; a server's Retry-After is
honoured (never waited on less). Validation re-asks are not retried here: they are the adapter's
(instructor's) and bounded there. The usage of every attempt is summed onto the answer, or onto the
error when all attempts fail.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import tenacity

from extractor.extract.base import Usage
from extractor.extract.llm.client import (
    CallSettings,
    Completion,
    InvalidAnswer,
    LLMError,
    ModelClient,
    Prompt,
    T,
    TransportError,
)

_MAX_RETRY_AFTER_S = 300.0  # a server asking for longer is treated as down, not busy


def is_transient(exc: BaseException) -> bool:
    return isinstance(exc, TransportError) and exc.retryable


class Failures:
    """What the model failed, counted for the run's summary: calls that ended in a transport error with their
    retries spent (`gave_up`), calls whose answers never validated with their re-asks spent (`invalid`). One per
    process; a Ray run keeps one for the whole cluster (`extractor.engines.ray_llm.RunHealth`)."""

    def __init__(self) -> None:
        self.gave_up = 0
        self.invalid = 0
        self._lock = threading.Lock()

    def count(self, exc: LLMError) -> None:
        if isinstance(exc, TransportError):
            self.add("gave_up")
        elif isinstance(exc, InvalidAnswer):
            self.add("invalid")

    def add(self, kind: str) -> None:
        """One more call of `kind` ("gave_up" or "invalid")."""
        with self._lock:
            setattr(self, kind, getattr(self, kind) + 1)

    def totals(self) -> tuple[int, int]:
        """(gave_up, invalid)."""
        return self.gave_up, self.invalid


class Retrying:
    def __init__(
        self,
        inner: ModelClient,
        *,
        max_retries: int = 4,
        initial_wait_s: float = 1.0,
        max_wait_s: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        failures: Failures | None = None,
    ) -> None:
        self.inner = inner
        self.identity = inner.identity
        self.max_retries = max_retries
        # exponential backoff plus jitter, spelled so that tenacity 8 and 9 read it the same
        self._backoff = tenacity.wait_exponential(multiplier=initial_wait_s, max=max_wait_s) + tenacity.wait_random(
            0, initial_wait_s
        )
        self._sleep = sleep
        self.failures = failures if failures is not None else Failures()

    @property
    def gave_up(self) -> int:
        """Calls that ended in a transport error, retries spent: the model failed them."""
        return self.failures.totals()[0]

    @property
    def invalid(self) -> int:
        """Calls whose answers never validated, re-asks spent."""
        return self.failures.totals()[1]

    def complete(self, prompt: Prompt, response_model: type[T], *, settings: CallSettings) -> Completion[T]:
        spent = Usage()
        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self.max_retries + 1),
            wait=self._wait,
            retry=tenacity.retry_if_exception(is_transient),
            sleep=self._sleep,
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    try:
                        completion = self.inner.complete(prompt, response_model, settings=settings)
                    except LLMError as exc:
                        spent.add(exc.usage)
                        raise
        except LLMError as exc:
            exc.usage = spent
            self.failures.count(exc)
            raise
        spent.add(completion.usage)
        completion.usage = spent
        return completion

    def _wait(self, state: tenacity.RetryCallState) -> float:
        backoff = self._backoff(state)
        exc = state.outcome.exception() if state.outcome else None
        asked = getattr(exc, "retry_after", None)
        if asked is None:
            return backoff
        return max(backoff, min(asked, _MAX_RETRY_AFTER_S))

    def close(self) -> None:
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()
