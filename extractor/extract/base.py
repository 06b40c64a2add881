"""Stage `extract`, shared types: what every extractor (rules, LLM) returns.

An extractor takes the normalized document and its routed chunks and returns candidates: items of
the record's own models (`schemas.Figure`, `schemas.Project`, `schemas.Narrative`) with evidence,
tagged with the extractor and rule that produced them. Ground, reconcile and score take it from there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from extractor.chunk import Chunk
from extractor.normalize import Normalized
from schemas import Figure, Narrative, Project
from schemas.catalog import NARRATIVE_KINDS

Item = Figure | Project | Narrative

# The narrative kinds a project holds as fields of its own (its conclusion, problems, measures): a passage of
# one of these kinds in a project's text becomes a partial project, not a narrative.
PROJECT_TEXT_KINDS: tuple[str, ...] = tuple(kind for kind in NARRATIVE_KINDS if kind in Project.model_fields)


@dataclass
class Candidate:
    item: Item
    source: str  # "rules" | "llm"
    rule: str  # the rule or prompt id that produced it
    specificity: float = 1.0  # how specific the rule that fired is, in [0, 1]
    chunk_id: int | None = None
    flags: list[str] = field(default_factory=list)  # set by ground: "ungrounded", "number_not_in_quote"
    # a project's rows by index: flags its reader set on a row ("unsure_split": where the row's cells were cut is a guess)
    row_flags: dict[int, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class ChunkFailure:
    chunk_id: int
    family: str
    reason: str


@dataclass
class Usage:
    calls: int = 0
    cache_hits: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    failed_attempts: int = 0
    unanswered: int = 0  # of the failed attempts, requests that got no HTTP response: a server may never log them

    def add(self, other: Usage) -> None:
        self.calls += other.calls
        self.cache_hits += other.cache_hits
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.failed_attempts += other.failed_attempts
        self.unanswered += other.unanswered


@dataclass
class Extraction:
    candidates: list[Candidate] = field(default_factory=list)
    failures: list[ChunkFailure] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)


class Extractor(Protocol):
    name: str

    def extract(self, doc: Normalized, chunks: list[Chunk], routes: dict[int, tuple[str, ...]] | None = None) -> Extraction:
        """Candidates from the document; `routes` (chunk id → families, from `route`) say which chunks a model is asked about."""
        ...
