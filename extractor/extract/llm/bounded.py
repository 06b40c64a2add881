"""Stage `extract`, LLM: a bound on concurrent model calls that backs off when latency climbs.

A wrapper implementing the model-client protocol. One `Bounded` is shared by every document of a
run, so `llm_concurrency` bounds the requests in flight for the whole run, however many documents
are processed at once. It sits under `Retrying`, so a call waiting out a backoff does not hold a slot.

Adaptive: the bound in force (`current`) starts at `limit`. Each answer's latency is read (the time
to its first streamed token when there is one: a server that queues requests shows it there first,
whatever the answer's length; else the whole call). When the median of the recent latencies climbs
well above the best seen (three times it, and a second more), one slot is given up; when they come
back near it, one is taken again, up to `limit`. A timeout gives up half the slots at once. A
single-slot server (llama.cpp on a CPU) is so driven to one request at a time instead of timing out.
A server that cuts an answer when another request arrives (llama-cpp-python's, by default) is told by its
cut streams: a `StreamCut` while other calls were in flight brings the bound to one at once, and the call is
asked again when it has the only slot (its cut attempt is counted in its usage). A cut with nothing else in
flight means what it means alone (a prompt too long, a failure mid-answer).
"""

from __future__ import annotations

import statistics
import threading
from collections import deque
from collections.abc import Callable

from extractor.extract.llm.client import (
    CallSettings,
    Completion,
    LLMError,
    ModelClient,
    Prompt,
    StreamCut,
    T,
    TimedOut,
    TransportError,
)

WINDOW = 6  # latencies read before the bound moves, and kept for the median
CLIMB_FACTOR = 3.0
CLIMB_MARGIN_S = 1.0
CALM_FACTOR = 1.5
CALM_MARGIN_S = 0.25


class Bounded:
    def __init__(self, inner: ModelClient, limit: int, *, adaptive: bool = True) -> None:
        if limit < 1:
            raise ValueError(f"concurrency must be at least 1, got {limit}")
        self.inner = inner
        self.identity = inner.identity
        self.limit = limit
        self.current = limit
        self.adaptive = adaptive
        self.lowest = limit  # the lowest bound the run came down to, for the report
        self._active = 0
        self._best: float | None = None
        self._recent: deque[float] = deque(maxlen=WINDOW)
        self._cond = threading.Condition()

    def complete(self, prompt: Prompt, response_model: type[T], *, settings: CallSettings) -> Completion[T]:
        completion = asked_again_when_cut(lambda: self._one(prompt, response_model, settings), self._single)
        if self.adaptive:
            self.observe(completion.first_token_s if completion.first_token_s is not None else completion.seconds)
        return completion

    def _one(self, prompt: Prompt, response_model: type[T], settings: CallSettings) -> Completion[T]:
        with self._cond:
            while self._active >= self.current:
                self._cond.wait()
            self._active += 1
        try:
            return self.inner.complete(prompt, response_model, settings=settings)
        except StreamCut as cut:
            with self._cond:
                cut.crowded = self.adaptive and self._active > 1
            raise
        except TransportError as exc:
            if self.adaptive and isinstance(exc, TimedOut):
                self._shrink(half=True)
            raise
        finally:
            with self._cond:
                self._active -= 1
                self._cond.notify_all()

    def observe(self, latency: float) -> None:
        """Read one answer's latency and move the bound when the recent ones say the server is queueing."""
        with self._cond:
            self._best = latency if self._best is None else min(self._best, latency)
            self._recent.append(latency)
            if len(self._recent) < WINDOW:
                return
            median = statistics.median(self._recent)
            best = self._best
            if median > max(best * CLIMB_FACTOR, best + CLIMB_MARGIN_S) and self.current > 1:
                self.current -= 1
                self._recent.clear()
            elif median < max(best * CALM_FACTOR, best + CALM_MARGIN_S) and self.current < self.limit:
                self.current += 1
                self._recent.clear()
                self._cond.notify_all()
            self.lowest = min(self.lowest, self.current)

    def _shrink(self, *, half: bool) -> None:
        with self._cond:
            self.current = max(1, self.current // 2 if half else self.current - 1)
            self.lowest = min(self.lowest, self.current)
            self._recent.clear()

    def _single(self) -> None:
        """One request at a time for the rest of the run: the bound does not climb back to be cut again."""
        with self._cond:
            self.limit = 1
            self.current = 1
            self.lowest = 1
            self._recent.clear()

    def close(self) -> None:
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()


def asked_again_when_cut(ask: Callable[[], Completion[T]], single: Callable[[], None] | None = None) -> Completion[T]:
    """`ask()`; when the server cut its answer because another request arrived (`StreamCut.crowded`), `single`
    brings the bound to one request at a time and the call is asked once more, its cut attempt counted in the
    usage. Shared by `Bounded` and the Ray engine's `ClusterBounded` (whose limiter goes to one itself)."""
    try:
        return ask()
    except StreamCut as cut:
        if not cut.crowded:
            raise
        if single is not None:
            single()
        try:
            completion = ask()
        except LLMError as again:
            again.usage.add(cut.usage)
            raise
        completion.usage.add(cut.usage)
        return completion
