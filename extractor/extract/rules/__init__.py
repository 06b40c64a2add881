"""Stage `extract`, rules: deterministic parsers for the patterns that recur in budget reports.

In: the normalized document and its chunks. Out: an `Extraction` of candidates with source spans.
No model, no network: this is the embedded default.
"""

from __future__ import annotations

from extractor.chunk import Chunk
from extractor.extract.base import Extraction
from extractor.normalize import Normalized


class RulesExtractor:
    name = "rules"

    def extract(self, doc: Normalized, chunks: list[Chunk]) -> Extraction:
        extraction = Extraction()
        for parser in _parsers():
            extraction.candidates.extend(parser(doc, chunks))
        return extraction


def _parsers():  # type: ignore[no-untyped-def]
    return []
