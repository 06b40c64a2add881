"""Stage `extract`, LLM: a bound on concurrent model calls, a wrapper implementing the protocol.

One `Bounded` is shared by every document of a run, so `llm_concurrency` bounds the requests in
flight for the whole run, however many documents are processed at once. It sits under `Retrying`,
so a call waiting out a backoff does not hold a slot.
"""

from __future__ import annotations

import threading

from extractor.extract.llm.client import CallSettings, Completion, ModelClient, Prompt, T


class Bounded:
    def __init__(self, inner: ModelClient, limit: int) -> None:
        if limit < 1:
            raise ValueError(f"concurrency must be at least 1, got {limit}")
        self.inner = inner
        self.identity = inner.identity
        self.limit = limit
        self._slots = threading.BoundedSemaphore(limit)

    def complete(self, prompt: Prompt, response_model: type[T], *, settings: CallSettings) -> Completion[T]:
        with self._slots:
            return self.inner.complete(prompt, response_model, settings=settings)

    def close(self) -> None:
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()
