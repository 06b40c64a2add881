"""Stage `extract`, LLM: turn a model's answer into candidates of the record's own models.

In: an answer (`targets`), the piece of the chunk it answers, the normalized document. Out:
`Candidate`s of `schemas.Figure`, `Project`, `Narrative` with source "llm". Each quote is looked up
in the piece the model was shown (whitespace, width and thousands separators ignored); when found,
the evidence is that text of the source with its span, else the model's quote without a span, left
for `ground` to find or flag. A narrative's text is the piece's own text from its first to its last
words; the conclusion, problems and measures of a project become a partial project, as in the rules.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from extractor.chunk import Chunk
from extractor.extract.base import Candidate, Item
from extractor.extract.llm.targets import (
    Answer,
    FigureItem,
    FiguresAnswer,
    IndicatorItem,
    NarrativeItem,
    NarrativesAnswer,
    ProjectItem,
    ProjectsAnswer,
)
from extractor.extract.rules.evidence import evidence_for
from extractor.extract.rules.narratives import PROJECT_TEXT_KINDS
from extractor.ground import fold
from extractor.normalize import Normalized
from schemas import Budget, Evidence, Figure, Indicator, Narrative, Project
from schemas.catalog import PERCENT_MEASURES, SUBJECT_KEYS

LLM_SPECIFICITY = 0.7  # a model's reading is less specific than a rule written for the pattern


@dataclass(frozen=True)
class Piece:
    """What one request shows the model: a whole chunk, or a line-aligned part of it after a split."""

    chunk: Chunk
    start: int  # offset in the normalized text
    text: str

    @classmethod
    def whole(cls, chunk: Chunk) -> Piece:
        return cls(chunk, chunk.start, chunk.text)

    def halves(self) -> tuple[Piece, Piece] | None:
        """The piece cut at the line break nearest its middle, or None for a single line."""
        breaks = [m.start() for m in re.finditer("\n", self.text)]
        if not breaks:
            return None
        cut = min(breaks, key=lambda at: abs(at - len(self.text) / 2))
        return Piece(self.chunk, self.start, self.text[:cut]), Piece(self.chunk, self.start + cut + 1, self.text[cut + 1 :])

    @property
    def where(self) -> str:
        return f"normalized chars {self.start}-{self.start + len(self.text)}"


class _Locator:
    """Finds quotes in a piece, folded, and returns normalized-text spans."""

    def __init__(self, doc: Normalized, piece: Piece) -> None:
        self.doc = doc
        self.piece = piece
        self.folded, self.index = fold(piece.text)

    def span(self, quote: str, after: int = 0) -> tuple[int, int] | None:
        needle = fold(quote)[0]
        if not needle:
            return None
        at = self.folded.find(needle, after)
        if at < 0:
            return None
        return self.piece.start + self.index[at], self.piece.start + self.index[at + len(needle) - 1] + 1

    def folded_at(self, offset: int) -> int:
        """The folded position of a normalized offset inside the piece."""
        return bisect_left(self.index, offset - self.piece.start)

    def evidence(self, *quotes: str | None) -> Evidence:
        """Evidence for the first quote found in the piece, else the first quote as the model wrote it."""
        for quote in quotes:
            if quote:
                span = self.span(quote)
                if span is not None:
                    return evidence_for(self.doc, *span)
        first = next((q for q in quotes if q and q.strip()), "")
        return Evidence(quote=first.strip())


def to_candidates(answer: Answer, piece: Piece, doc: Normalized, rule: str) -> list[Candidate]:
    locator = _Locator(doc, piece)
    items: list[Item] = []
    if isinstance(answer, FiguresAnswer):
        items = [_figure(item, locator) for item in answer.figures]
    elif isinstance(answer, ProjectsAnswer):
        items = [p for item in answer.projects if (p := _project(item, locator)) is not None]
    elif isinstance(answer, NarrativesAnswer):
        items = [n for item in answer.narratives if (n := _narrative(item, locator)) is not None]
    return [
        Candidate(item=item, source="llm", rule=rule, specificity=LLM_SPECIFICITY, chunk_id=piece.chunk.id)
        for item in items
    ]


def _figure(item: FigureItem, locator: _Locator) -> Figure:
    unit = item.unit.strip() or ("%" if item.measure in PERCENT_MEASURES else "万元")
    return Figure(
        key=item.key,
        measure=item.measure,
        subject=(item.subject or None) if item.key in SUBJECT_KEYS else None,
        value=item.value,
        unit=unit,
        evidence=locator.evidence(item.quote),
    )


def _project(item: ProjectItem, locator: _Locator) -> Project | None:
    name = item.name.strip() or locator.piece.chunk.project
    if not name:
        return None
    return Project(
        name=name,
        code=item.code,
        department=item.department,
        implementer=item.implementer,
        budget=Budget(**item.budget.model_dump()),
        indicators=[_indicator(row, locator) for row in item.indicators if row.name.strip()],
        total_score=item.total_score,
        evidence=locator.evidence(item.quote, name),
    )


def _indicator(row: IndicatorItem, locator: _Locator) -> Indicator:
    cells = row.model_dump(exclude={"quote"})
    cells["name"] = row.name.strip()
    return Indicator(**cells, evidence=locator.evidence(row.quote))


def _narrative(item: NarrativeItem, locator: _Locator) -> Narrative | Project | None:
    first = locator.span(item.first_words)
    if first is None:
        return None
    last = locator.span(item.last_words, after=locator.folded_at(first[0]))
    if last is None or last[1] <= first[0]:
        return None
    start, end = first[0], last[1]
    doc = locator.doc
    text = re.sub(r"\s*\n\s*", "", doc.text[start:end]).strip()
    evidence = evidence_for(doc, start, end)
    project = locator.piece.chunk.project
    if project and item.kind in PROJECT_TEXT_KINDS:
        return Project(name=project, evidence=evidence, **{item.kind: text})
    return Narrative(kind=item.kind, scope=project, text=text, evidence=evidence)
