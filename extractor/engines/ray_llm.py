"""The model-client stack of a Ray batch: one concurrency bound and one call cache for the whole cluster.

In: the run's settings. Out: `Cached(Retrying(ClusterBounded(Breaker(OpenAICompatible))))` in each worker, the
same stack as `extractor.extractors.model_client` builds on one machine, with three pieces moved into actors
that every worker of the cluster talks to:

- `Limiter` (an async actor) holds `llm_concurrency` slots: a call takes one before its request and gives it
  back after, so the bound is on the cluster's requests in flight, however many workers and machines there are.
  `ClusterBounded` is the wrapper that does this, behind the model-client protocol.
- `CallCache` (an actor on the driver's machine) holds the diskcache of accepted answers in `cache_dir`, the
  same cache the local batch uses; `RemoteCache` is its handle, in the shape `Cached` expects. No shared disk
  is needed.
- `RunHealth` holds the circuit breaker's state and the tally of calls the model failed: an endpoint that goes
  down opens one breaker for the whole cluster (the rest of the run is rules-only on every worker), and the
  driver's summary says so and counts the failed calls, as the local batch's does (`health`).

The endpoint's mode is the driver's: with `auto`, the driver probes once before the run
(`driver_mode`) and every worker asks in the mode found. A worker that probed for itself would key its
first calls by `auto` and its later ones by the mode found, so a warm cache would miss on whichever
calls happened to come first in some worker, and each worker would spend a probe.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import diskcache
import ray

from extractor.extract.llm.bounded import asked_again_when_cut
from extractor.extract.llm.breaker import Breaker, BreakerState
from extractor.extract.llm.cached import Cached
from extractor.extract.llm.client import CallSettings, Completion, LLMError, ModelClient, Prompt, StreamCut, T
from extractor.extract.llm.openai_adapter import OpenAICompatible
from extractor.extract.llm.retrying import Failures, Retrying
from extractor.settings import Settings

if TYPE_CHECKING:
    from extractor.extractors import ModelHealth


@ray.remote(num_cpus=0, max_concurrency=10_000)  # type: ignore[call-overload]
class Limiter:
    """`limit` slots for model calls, shared by every worker of the run; `single` brings it to one for good."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.active = 0
        self.freed = asyncio.Condition()

    async def acquire(self) -> None:
        async with self.freed:
            await self.freed.wait_for(lambda: self.active < self.limit)
            self.active += 1

    async def release(self) -> None:
        async with self.freed:
            self.active -= 1
            self.freed.notify_all()

    async def single(self) -> bool:
        """Asked by a call whose stream the server cut (it still holds its slot): whether other calls were in
        flight, and then one call at a time from now on (the server cuts an answer when another arrives)."""
        async with self.freed:
            crowded = self.active > 1
            if crowded:
                self.limit = 1
            return crowded


@ray.remote(num_cpus=0, max_concurrency=64)  # type: ignore[call-overload]
class CallCache:
    """The diskcache of accepted answers at `folder`, served to the cluster."""

    def __init__(self, folder: str) -> None:
        self.cache = diskcache.Cache(folder)

    def get(self, key: str) -> Any:
        return self.cache.get(key)

    def set(self, key: str, value: Any) -> None:
        self.cache.set(key, value)


@ray.remote(num_cpus=0)  # type: ignore[call-overload]
class RunHealth:
    """The run's breaker state and failure tally, one for the cluster; its calls are served one at a time."""

    def __init__(self, threshold: int) -> None:
        self.breaker = BreakerState(threshold)
        self.failures = Failures()

    def refuse(self) -> str | None:
        return self.breaker.refuse()

    def failed(self, why: str) -> None:
        self.breaker.failed(why)

    def succeeded(self) -> None:
        self.breaker.succeeded()

    def add(self, kind: str) -> None:
        self.failures.add(kind)

    def report(self) -> tuple[str | None, int, int, int]:
        """(why the breaker opened or None, calls refused, calls failed, calls never valid)."""
        return (*self.breaker.verdict(), *self.failures.totals())


class RemoteBreakerState(BreakerState):
    """A `RunHealth` actor in the shape `Breaker` takes."""

    def __init__(self, actor: Any) -> None:  # no super().__init__: the state is the actor's
        self.actor = actor

    def refuse(self) -> str | None:
        return ray.get(self.actor.refuse.remote())  # type: ignore[no-any-return]

    def failed(self, why: str) -> None:
        ray.get(self.actor.failed.remote(why))

    def succeeded(self) -> None:
        self.actor.succeeded.remote()  # a success need not wait: the next refusal is ordered after it

    def verdict(self) -> tuple[str | None, int]:
        opened, refused, _, _ = ray.get(self.actor.report.remote())
        return opened, refused


class RemoteFailures(Failures):
    """A `RunHealth` actor in the shape `Retrying` takes."""

    def __init__(self, actor: Any) -> None:  # no super().__init__: the tally is the actor's
        self.actor = actor

    def add(self, kind: str) -> None:
        ray.get(self.actor.add.remote(kind))

    def totals(self) -> tuple[int, int]:
        _, _, gave_up, invalid = ray.get(self.actor.report.remote())
        return gave_up, invalid


class RemoteCache(diskcache.Cache):  # type: ignore[misc]
    """A `CallCache` actor in the shape `Cached` takes (get, set, close); it opens no disk of its own."""

    def __init__(self, actor: Any) -> None:  # no super().__init__: that would open a local cache
        self.actor = actor

    def get(self, key: str, default: Any = None, *args: Any, **kwargs: Any) -> Any:
        value = ray.get(self.actor.get.remote(key))
        return default if value is None else value

    def set(self, key: str, value: Any, *args: Any, **kwargs: Any) -> bool:
        ray.get(self.actor.set.remote(key, value))
        return True

    def close(self) -> None:
        """The actor's cache is closed when the run ends."""


class ClusterBounded:
    """A model client whose calls each hold a slot of the run's `Limiter` while they are in flight."""

    def __init__(self, inner: ModelClient, limiter: Any) -> None:
        self.inner = inner
        self.identity = inner.identity
        self.limiter = limiter

    def complete(self, prompt: Prompt, response_model: type[T], *, settings: CallSettings) -> Completion[T]:
        return asked_again_when_cut(lambda: self._one(prompt, response_model, settings))  # `single` asked in _one

    def _one(self, prompt: Prompt, response_model: type[T], settings: CallSettings) -> Completion[T]:
        ray.get(self.limiter.acquire.remote())
        try:
            return self.inner.complete(prompt, response_model, settings=settings)
        except StreamCut as cut:
            cut.crowded = ray.get(self.limiter.single.remote())
            raise
        finally:
            self.limiter.release.remote()

    def close(self) -> None:
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()


def driver_mode(settings: Settings) -> str | None:
    """The mode this machine's model stack asks in (probing once when `auto` has not probed yet); None when the
    probe fails, and each worker then meets the endpoint's error on its documents as the local batch would."""
    from extractor.extractors import layer, model_client

    adapter = layer(model_client(settings), OpenAICompatible)
    if adapter is None:
        return None
    try:
        return adapter.resolve_mode()
    except LLMError:
        return None


def cluster_client(settings: Settings, limiter: Any, cache: Any, health: Any, mode: str | None = None) -> ModelClient:
    """The worker's stack: as `extractor.extractors.model_client`, with the run's limiter, cache, health and
    `mode` (the driver's, so that no worker probes and every cache key names the same mode)."""
    told = settings if mode is None else settings.model_copy(update={"llm_mode": mode})
    adapter = OpenAICompatible.from_settings(told)
    # the breaker is asked after the slot is taken: calls queued for a slot when it opens are refused unsent
    breaker = Breaker(adapter, settings.llm_breaker_failures, state=RemoteBreakerState(health))
    bounded = ClusterBounded(breaker, limiter)
    retrying = Retrying(bounded, max_retries=settings.llm_max_retries, failures=RemoteFailures(health))
    return Cached(retrying, RemoteCache(cache))


def cluster_health(settings: Settings, health: Any, limit: int) -> ModelHealth:
    """What the whole cluster's model stacks saw, in the local batch's terms: the driver's mode and probe, the
    actor's breaker and tally."""
    from extractor.extractors import ModelHealth, layer, model_client

    adapter = layer(model_client(settings), OpenAICompatible)
    opened, refused, gave_up, invalid = ray.get(health.report.remote())
    return ModelHealth(
        mode=adapter.mode if adapter else None,
        probe_calls=adapter.probe_usage.calls if adapter else 0,
        failed_calls=gave_up,
        invalid_calls=invalid,
        breaker_open=opened,
        refused_calls=refused,
        concurrency=(limit, limit),
    )
