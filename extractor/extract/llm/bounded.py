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
"""

from __future__ import annotations

import statistics
import threading
from collections import deque

from extractor.extract.llm.client import CallSettings, Completion, ModelClient, Prompt, T, TimedOut, TransportError

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
        with self._cond:
            while self._active >= self.current:
                self._cond.wait()
            self._active += 1
        try:
            completion = self.inner.complete(prompt, response_model, settings=settings)
        except TransportError as exc:
            if self.adaptive and isinstance(exc, TimedOut):
                self._shrink(half=True)
            raise
        finally:
            with self._cond:
                self._active -= 1
                self._cond.notify_all()
        if self.adaptive:
            self.observe(completion.first_token_s if completion.first_token_s is not None else completion.seconds)
        return completion

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

    def close(self) -> None:
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()
