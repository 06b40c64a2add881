"""The model-client stack of a Ray batch: one concurrency bound and one call cache for the whole cluster.

In: the run's settings. Out: `Cached(Retrying(ClusterBounded(OpenAICompatible)))` in each worker, the same
stack as `extractor.extractors.model_client` builds on one machine, with two pieces moved into actors that
every worker of the cluster talks to:

- `Limiter` (an async actor) holds `llm_concurrency` slots: a call takes one before its request and gives it
  back after, so the bound is on the cluster's requests in flight, however many workers and machines there are.
  `ClusterBounded` is the wrapper that does this, behind the model-client protocol.
- `CallCache` (an actor on the driver's machine) holds the diskcache of accepted answers in `cache_dir`, the
  same cache the local batch uses; `RemoteCache` is its handle, in the shape `Cached` expects. No shared disk
  is needed.

The endpoint's mode is the driver's: with `auto`, the driver probes once before the run
(`driver_mode`) and every worker asks in the mode found. A worker that probed for itself would key its
first calls by `auto` and its later ones by the mode found, so a warm cache would miss on whichever
calls happened to come first in some worker, and each worker would spend a probe.
"""

from __future__ import annotations

import asyncio
from typing import Any

import diskcache
import ray

from extractor.extract.llm.cached import Cached
from extractor.extract.llm.client import CallSettings, Completion, LLMError, ModelClient, Prompt, T
from extractor.extract.llm.openai_adapter import OpenAICompatible
from extractor.extract.llm.retrying import Retrying
from extractor.settings import Settings


@ray.remote(num_cpus=0, max_concurrency=10_000)  # type: ignore[call-overload]
class Limiter:
    """`limit` slots for model calls, shared by every worker of the run."""

    def __init__(self, limit: int) -> None:
        self.slots = asyncio.Semaphore(limit)

    async def acquire(self) -> None:
        await self.slots.acquire()

    async def release(self) -> None:
        self.slots.release()


@ray.remote(num_cpus=0, max_concurrency=64)  # type: ignore[call-overload]
class CallCache:
    """The diskcache of accepted answers at `folder`, served to the cluster."""

    def __init__(self, folder: str) -> None:
        self.cache = diskcache.Cache(folder)

    def get(self, key: str) -> Any:
        return self.cache.get(key)

    def set(self, key: str, value: Any) -> None:
        self.cache.set(key, value)


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
        ray.get(self.limiter.acquire.remote())
        try:
            return self.inner.complete(prompt, response_model, settings=settings)
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


def cluster_client(settings: Settings, limiter: Any, cache: Any, mode: str | None = None) -> ModelClient:
    """The worker's stack: as `extractor.extractors.model_client`, with the run's limiter, cache and `mode` (the
    driver's, so that no worker probes and every cache key names the same mode)."""
    told = settings if mode is None else settings.model_copy(update={"llm_mode": mode})
    adapter = OpenAICompatible.from_settings(told)
    bounded = ClusterBounded(adapter, limiter)
    return Cached(Retrying(bounded, max_retries=settings.llm_max_retries), RemoteCache(cache))
