"""Which extractors a run uses: the rules always, the LLM when a model is configured.

The model-client stack is built once per configuration and shared by every document of the run:
one cache, one connection pool, one bound on concurrent calls (`llm_concurrency`, backing off when
latency climbs), one circuit breaker (`llm_breaker_failures`) however many documents are extracted at
once. `model_health` reads what the stack saw, for the run's closing lines and exit code.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, TypeVar

from extractor.extract.base import Extractor
from extractor.extract.llm.bounded import Bounded
from extractor.extract.llm.breaker import Breaker
from extractor.extract.llm.cached import Cached
from extractor.extract.llm.client import ModelClient
from extractor.extract.llm.extractor import LLMExtractor
from extractor.extract.llm.openai_adapter import OpenAICompatible
from extractor.extract.llm.retrying import Retrying
from extractor.extract.rules import RulesExtractor
from extractor.settings import Settings

W = TypeVar("W")


def build_extractors(settings: Settings, client: ModelClient | None = None) -> list[Extractor]:
    """The run's extractors; `client` replaces this process's model-client stack (a Ray worker's, say)."""
    extractors: list[Extractor] = [RulesExtractor()]
    if settings.llm_enabled:
        extractors.append(LLMExtractor.from_settings(settings, client or model_client(settings)))
    return extractors


class _Stacks:
    """`model_client`: `Cached(Retrying(Breaker(Bounded(OpenAICompatible))))` for these settings, built once per
    process and kept for the last `keep` configurations.

    Built under a lock: a batch's threads ask for it at once, and `lru_cache` alone let each build a stack of its
    own, each with its own bound (a run at concurrency 16 was seen with 42 calls in flight) and its own probe."""

    def __init__(self, keep: int = 4) -> None:
        self.keep = keep
        self._built: dict[Settings, ModelClient] = {}
        self._lock = threading.Lock()

    def __call__(self, settings: Settings) -> ModelClient:
        with self._lock:
            client = self._built.pop(settings, None)
            if client is None:
                client = _build(settings)
            self._built[settings] = client  # the newest last
            while len(self._built) > self.keep:
                del self._built[next(iter(self._built))]
            return client

    def cache_clear(self) -> None:
        """Forget every stack: the next call builds afresh (tests and benches)."""
        with self._lock:
            self._built.clear()


def _build(settings: Settings) -> ModelClient:
    adapter = OpenAICompatible.from_settings(settings)
    bounded = Bounded(adapter, settings.llm_concurrency)
    breaker = Breaker(bounded, settings.llm_breaker_failures)
    return Cached(Retrying(breaker, max_retries=settings.llm_max_retries), settings.cache_dir / "llm")


model_client = _Stacks()


def layer(client: Any, kind: type[W]) -> W | None:
    """The wrapper or adapter of type `kind` inside a client stack (following `.inner`), if there is one."""
    while client is not None:
        if isinstance(client, kind):
            return client
        client = getattr(client, "inner", None)
    return None


@dataclass
class ModelHealth:
    """What the run's model stack saw: the mode in use, the probe's cost, calls the model failed, the breaker."""

    mode: str | None
    probe_calls: int
    failed_calls: int  # calls that ended without an answer from the endpoint, retries spent
    invalid_calls: int  # calls whose answers never validated, re-asks spent
    breaker_open: str | None
    refused_calls: int  # calls not sent because the breaker was open
    concurrency: tuple[int, int]  # (configured, lowest in force)

    @property
    def incomplete(self) -> bool:
        """Whether some records lack what the model should have added because the endpoint failed."""
        return self.failed_calls > 0 or self.breaker_open is not None


def model_health(settings: Settings) -> ModelHealth | None:
    """The health of the stack `model_client(settings)` built, or None when no model is configured."""
    if not settings.llm_enabled:
        return None
    client = model_client(settings)
    adapter = layer(client, OpenAICompatible)
    retrying = layer(client, Retrying)
    breaker = layer(client, Breaker)
    bounded = layer(client, Bounded)
    return ModelHealth(
        mode=adapter.mode if adapter else None,
        probe_calls=adapter.probe_usage.calls if adapter else 0,
        failed_calls=retrying.gave_up if retrying else 0,
        invalid_calls=retrying.invalid if retrying else 0,
        breaker_open=breaker.opened if breaker else None,
        refused_calls=breaker.refused if breaker else 0,
        concurrency=(bounded.limit, bounded.lowest) if bounded else (1, 1),
    )
