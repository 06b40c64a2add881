"""Stage `extract`, rules: deterministic parsers for the patterns that recur in budget reports.

In: the normalized document and its chunks. Out: an `Extraction` of candidates with source spans.
No model, no network: this is the embedded default.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from extractor.chunk import Chunk
from extractor.extract.base import Candidate, Extraction
from extractor.normalize import Normalized

Parser = Callable[[Normalized, list[Chunk]], Iterable[Candidate]]


class RulesExtractor:
    name = "rules"

    def extract(self, doc: Normalized, chunks: list[Chunk]) -> Extraction:
        extraction = Extraction()
        for parser in _parsers():
            extraction.candidates.extend(parser(doc, chunks))
        return extraction


def _parsers() -> list[Parser]:
    from extractor.extract.rules.figures_counts import count_candidates
    from extractor.extract.rules.figures_prose import figure_candidates
    from extractor.extract.rules.figures_table import table_candidates
    from extractor.extract.rules.narratives import narrative_candidates
    from extractor.extract.rules.project_forms import form_candidates
    from extractor.extract.rules.project_reports import report_candidates

    return [figure_candidates, table_candidates, count_candidates, form_candidates, report_candidates, narrative_candidates]
