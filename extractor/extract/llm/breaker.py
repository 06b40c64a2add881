"""Stage `extract`, LLM: a circuit breaker, a wrapper implementing the model-client protocol.

In/out: as the wrapped client. Counts consecutive connection failures (refused, timed out, a 5xx) of
single requests; at `threshold` in a row it opens for the rest of the run: every later call raises
`CircuitOpen` at once, sends nothing, and is not retried, so the documents still to come are extracted
by the rules alone instead of each waiting out its retries. Any answer closes the count. It sits under
`Retrying`, so a dead endpoint opens it within one call's retries, and over `Bounded`.
"""

from __future__ import annotations

import threading

from extractor.extract.llm.client import (
    CallSettings,
    CircuitOpen,
    Completion,
    ModelClient,
    ModelUnavailable,
    Prompt,
    T,
    TransportError,
)


class BreakerState:
    """The breaker's count and verdict, shared by every thread of one process (a Ray run puts one in an actor,
    `extractor.engines.ray_llm.RunHealth`, so that the whole cluster shares one verdict)."""

    def __init__(self, threshold: int = 5) -> None:
        if threshold < 1:
            raise ValueError(f"threshold must be at least 1, got {threshold}")
        self.threshold = threshold
        self.consecutive = 0
        self.opened: str | None = None  # why it opened: the last failure's words
        self.refused = 0  # calls refused while open
        self._lock = threading.Lock()

    def refuse(self) -> str | None:
        """Why the breaker is open (and one more call refused), or None when the call may go."""
        with self._lock:
            if self.opened is None:
                return None
            self.refused += 1
            return self.opened

    def failed(self, why: str) -> None:
        with self._lock:
            self.consecutive += 1
            if self.consecutive >= self.threshold and self.opened is None:
                self.opened = why

    def succeeded(self) -> None:
        with self._lock:
            self.consecutive = 0

    def verdict(self) -> tuple[str | None, int]:
        """(why it opened or None, calls refused)."""
        return self.opened, self.refused


class Breaker:
    def __init__(self, inner: ModelClient, threshold: int = 5, state: BreakerState | None = None) -> None:
        self.inner = inner
        self.identity = inner.identity
        self.state = state if state is not None else BreakerState(threshold)
        self.threshold = threshold

    @property
    def opened(self) -> str | None:
        return self.state.verdict()[0]

    @property
    def refused(self) -> int:
        return self.state.verdict()[1]

    @property
    def consecutive(self) -> int:
        return self.state.consecutive

    def complete(self, prompt: Prompt, response_model: type[T], *, settings: CallSettings) -> Completion[T]:
        opened = self.state.refuse()
        if opened is not None:
            raise CircuitOpen(f"model endpoint given up after {self.threshold} failures in a row ({opened})")
        try:
            completion = self.inner.complete(prompt, response_model, settings=settings)
        except TransportError as exc:
            if _is_connection_failure(exc):
                self.state.failed(str(exc))
            raise
        self.state.succeeded()
        return completion

    def close(self) -> None:
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()


def _is_connection_failure(exc: TransportError) -> bool:
    if isinstance(exc, (ModelUnavailable, CircuitOpen)):
        return False
    return exc.status is None or exc.status >= 500
