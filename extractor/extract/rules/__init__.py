"""Stage `extract`, rules: deterministic parsers for the patterns that recur in budget reports.

In: the normalized document and its chunks. Out: an `Extraction` of candidates with source spans. The
parsers are the ones each family registers
(`extractor.families`, by `"module:function"`), run in the registry's order over every chunk (the rules
read what they recognise wherever it is; routes are for the model). No model, no network: this is the
embedded default.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import import_module

from extractor.chunk import Chunk
from extractor.extract.base import Candidate, Extraction
from extractor.families import FAMILIES, Registry
from extractor.normalize import Normalized
from extractor.route import Routes

Parser = Callable[[Normalized, list[Chunk]], Iterable[Candidate]]


class RulesExtractor:
    name = "rules"

    def __init__(self, families: Registry = FAMILIES) -> None:
        self.parsers = [parser(ref) for family in families for ref in family.rules]

    def extract(self, doc: Normalized, chunks: list[Chunk], routes: Routes | None = None) -> Extraction:
        extraction = Extraction()
        for parse in self.parsers:
            extraction.candidates.extend(parse(doc, chunks))
        return extraction


@lru_cache(maxsize=64)
def parser(ref: str) -> Parser:
    """The parser a family names as `"package.module:function"`; a name that does not resolve is a bug, said loudly."""
    module_name, _, function = ref.partition(":")
    try:
        found = getattr(import_module(module_name), function)
    except (ImportError, AttributeError, ValueError) as exc:
        raise LookupError(f"rules parser {ref!r} not found: {exc}") from exc
    if not callable(found):
        raise LookupError(f"rules parser {ref!r} is not a function")
    return found  # type: ignore[no-any-return]
