"""The pipeline: load ─► normalize ─► chunk ─► route ─► extract ─► ground ─► reconcile ─► validate ─► score.

In: a loaded document (or text) and the settings. Out: a `schemas.Record` with `assessments` and
`review.threshold`. Each stage is a module of its own; this one only runs them in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from extractor import __version__
from extractor.chunk import Chunk, chunk
from extractor.convert.place import place_evidence
from extractor.extract.base import Extraction, Extractor
from extractor.extract.rules import RulesExtractor
from extractor.extract.rules.meta import detect_meta
from extractor.families import FAMILIES, Registry
from extractor.ground import SourceIndex
from extractor.ground_candidates import ground_candidates
from extractor.load import Loaded, load_bytes, load_path
from extractor.normalize import Normalized, normalize
from extractor.reconcile import reconcile
from extractor.route import Routes, empty_routes, route
from extractor.score import DEFAULT_THRESHOLD, score
from extractor.settings import Settings
from extractor.validate import validate
from schemas import DocumentRef, Record, Review


@dataclass
class Prepared:
    """A document after the text stages: what every extractor reads."""

    loaded: Loaded
    normalized: Normalized
    chunks: list[Chunk]
    routes: Routes  # chunk id → the families a model is asked about it for


@dataclass
class PipelineResult:
    record: Record
    extraction: Extraction = field(default_factory=Extraction)


def _unmarked(stage: str) -> None:
    """The default stage hook: nothing."""


def prepare(loaded: Loaded, families: Registry = FAMILIES, mark: Callable[[str], None] = _unmarked) -> Prepared:
    normalized = normalize(loaded.text)
    mark("normalize")
    chunks = chunk(normalized)
    mark("chunk")
    routes = route(chunks, families)
    mark("route")
    return Prepared(loaded, normalized, chunks, routes)


def run(
    loaded: Loaded,
    extractors: list[Extractor] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    configuration: str = "rules",
    families: Registry = FAMILIES,
    mark: Callable[[str], None] = _unmarked,
) -> PipelineResult:
    """Run every stage on one loaded document with the given extractors (rules only by default). `mark` is
    called with each stage's name when the stage is done (the benchmark times the stages with it)."""
    prepared = prepare(loaded, families, mark)
    extractors = extractors if extractors is not None else [RulesExtractor(families)]
    extraction = Extraction()
    for extractor in extractors:
        part = extractor.extract(prepared.normalized, prepared.chunks, prepared.routes)
        extraction.candidates.extend(part.candidates)
        extraction.failures.extend(part.failures)
        extraction.usage.add(part.usage)
    mark("extract")
    index = SourceIndex(loaded.text)
    ground_candidates(extraction.candidates, index, {c.id: c for c in prepared.chunks})
    mark("ground")
    merged = reconcile(extraction.candidates, families)
    record = Record(document=DocumentRef(name=loaded.name, sha256=loaded.sha256))
    merged.fill(record)
    record.meta = detect_meta(prepared.normalized, prepared.chunks)
    mark("reconcile")
    findings = validate(record, loaded.text)
    mark("validate")
    record.assessments = score(record, merged, findings, index)
    mark("score")
    record.review = Review(threshold=threshold)
    record.meta.run = {
        "extractor_version": __version__,
        "configuration": configuration,
        "extractors": [e.name for e in extractors],
        "source_sha256": loaded.sha256,
        "encoding": loaded.encoding,
        "chunks": len(prepared.chunks),
        "failures": [vars(f) for f in extraction.failures],
        "empty_routes": [e.as_json() for e in empty_routes(prepared.routes, prepared.chunks, extraction.candidates, families)],
        "usage": vars(extraction.usage),
    }
    if loaded.warnings:  # what the reader should know about the text itself (bad bytes, a guessed encoding)
        record.meta.run["load_warnings"] = list(loaded.warnings)
    if loaded.converted is not None:
        place_evidence(record, loaded.converted)
        record.meta.run["converter"] = loaded.converted.manifest()
    for extractor in extractors:
        manifest = getattr(extractor, "manifest", None)
        if callable(manifest):
            record.meta.run["llm"] = manifest()
    return PipelineResult(record=record, extraction=extraction)


def extract_text(name: str, text: str | bytes, settings: Settings | None = None) -> Record:
    """The Python API: one call from a report's text (or bytes) to its record."""
    from extractor.extractors import build_extractors

    settings = settings or Settings()
    data = text.encode("utf-8") if isinstance(text, str) else text
    loaded = load_bytes(data, name=name, max_bytes=settings.max_input_bytes)
    return run(loaded, build_extractors(settings), configuration=settings.fingerprint()).record


def extract_file(path: Path, settings: Settings | None = None) -> Record:
    from extractor.extractors import build_extractors

    settings = settings or Settings()
    loaded = load_path(path, max_bytes=settings.max_input_bytes, ocr=settings.ocr)
    return run(loaded, build_extractors(settings), configuration=settings.fingerprint()).record
