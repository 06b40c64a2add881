"""Which extractors a run uses: the rules always, the LLM when a model is configured.

The model-client stack is built once per configuration and shared by every document of the run:
one cache, one connection pool, one bound on concurrent calls (`llm_concurrency`) however many
documents are extracted at once.
"""

from __future__ import annotations

from functools import lru_cache

from extractor.extract.base import Extractor
from extractor.extract.llm.bounded import Bounded
from extractor.extract.llm.cached import Cached
from extractor.extract.llm.client import ModelClient
from extractor.extract.llm.extractor import LLMExtractor
from extractor.extract.llm.openai_adapter import OpenAICompatible
from extractor.extract.llm.retrying import Retrying
from extractor.extract.rules import RulesExtractor
from extractor.settings import Settings


def build_extractors(settings: Settings) -> list[Extractor]:
    extractors: list[Extractor] = [RulesExtractor()]
    if settings.llm_enabled:
        extractors.append(LLMExtractor.from_settings(settings, model_client(settings)))
    return extractors


@lru_cache(maxsize=4)
def model_client(settings: Settings) -> ModelClient:
    """`Cached(Retrying(Bounded(OpenAICompatible)))` for these settings, built once per process."""
    adapter = OpenAICompatible.from_settings(settings)
    bounded = Bounded(adapter, settings.llm_concurrency)
    return Cached(Retrying(bounded, max_retries=settings.llm_max_retries), settings.cache_dir / "llm")
