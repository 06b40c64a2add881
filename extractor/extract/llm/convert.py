"""Stage `extract`, LLM: turn a model's answer into candidates of the record's own models.

In: an answer (`targets`), the batch it answers (consecutive chunks, or a part of one after a
split), the normalized document, and the family's converter (`figures_from`, `projects_from`,
`narratives_from`, registered in `extractor.families`). Out: `Candidate`s of `schemas.Figure`, `Project`, `Narrative` with
source "llm", each tagged with the chunk its evidence is in. Each quote is looked up in the pieces the
model was shown (whitespace, width and thousands separators ignored); when found, the evidence is
that text of the source with its span, else the model's quote without a span, left for `ground` to
find or flag. A narrative's text is the document's own text from its first to its last words (which
may lie in consecutive chunks); a project's passages (asked with the project) are narratives scoped
to it, and its conclusion, problems and measures become a partial project, as in the rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from extractor.chunk import Chunk
from extractor.extract.base import PROJECT_TEXT_KINDS, Candidate, Item
from extractor.extract.evidence import evidence_for
from extractor.extract.llm.targets import (
    FigureItem,
    FiguresAnswer,
    IndicatorItem,
    NarrativeItem,
    NarrativesAnswer,
    ProjectItem,
    ProjectsAnswer,
)
from extractor.ground import fold
from extractor.normalize import Normalized
from extractor.spans import Span
from schemas import Budget, Evidence, Figure, Indicator, Narrative, Project
from schemas.catalog import PERCENT_MEASURES, SUBJECT_KEYS

_DEFAULT_UNIT = Figure.model_fields["unit"].default  # the record's money unit
LLM_SPECIFICITY = 0.7  # a model's reading is less specific than a rule written for the pattern


@dataclass(frozen=True)
class Piece:
    """One chunk, or a line-aligned part of it after a split, as shown to the model."""

    chunk: Chunk
    start: int  # offset in the normalized text
    text: str

    @classmethod
    def whole(cls, chunk: Chunk) -> Piece:
        return cls(chunk, chunk.start, chunk.text)

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def halves(self) -> tuple[Piece, Piece] | None:
        """The piece cut at the line break nearest its middle, or None for a single line."""
        breaks = [m.start() for m in re.finditer("\n", self.text)]
        if not breaks:
            return None
        cut = min(breaks, key=lambda at: abs(at - len(self.text) / 2))
        return Piece(self.chunk, self.start, self.text[:cut]), Piece(self.chunk, self.start + cut + 1, self.text[cut + 1 :])


@dataclass(frozen=True)
class Batch:
    """What one request shows the model: consecutive routed chunks of one family, each delimited apart."""

    pieces: tuple[Piece, ...]

    @classmethod
    def of(cls, chunks: list[Chunk]) -> Batch:
        return cls(tuple(Piece.whole(c) for c in chunks))

    @property
    def chars(self) -> int:
        return sum(len(p.text) for p in self.pieces)

    def halves(self) -> tuple[Batch, Batch] | None:
        """Half the chunks each; a single chunk cut at a line; None when there is nothing left to cut."""
        if len(self.pieces) > 1:
            middle = len(self.pieces) // 2
            return Batch(self.pieces[:middle]), Batch(self.pieces[middle:])
        halves = self.pieces[0].halves()
        return (Batch((halves[0],)), Batch((halves[1],))) if halves else None

    def where(self) -> str:
        """Where in a chunk the batch is, when it is part of one (for failure reasons)."""
        piece = self.pieces[0]
        if len(self.pieces) == 1 and (piece.start, piece.end) != (piece.chunk.start, piece.chunk.end):
            return f" (normalized chars {piece.start}-{piece.end})"
        return ""


@dataclass(frozen=True)
class Found:
    piece: int  # index of the piece in the batch
    span: Span  # in the normalized text
    folded_at: int  # where the match starts in the piece's folded text


class Locator:
    """Finds quotes in a batch's pieces, folded (whitespace, width, thousands separators ignored)."""

    def __init__(self, doc: Normalized, batch: Batch) -> None:
        self.doc = doc
        self.batch = batch
        self.folds = [fold(piece.text) for piece in batch.pieces]

    def find(self, quote: str, first_piece: int = 0, after: int = 0) -> Found | None:
        return next(self.find_all(quote, first_piece, after), None)

    def find_all(self, quote: str, first_piece: int = 0, after: int = 0) -> Iterator[Found]:
        """Every match of the quote, in document order, from `after` (folded) in `first_piece` on."""
        needle = fold(quote)[0]
        if not needle:
            return
        for i in range(first_piece, len(self.folds)):
            folded, index = self.folds[i]
            start = self.batch.pieces[i].start
            at = folded.find(needle, after if i == first_piece else 0)
            while at >= 0:
                yield Found(i, Span(start + index[at], start + index[at + len(needle) - 1] + 1), at)
                at = folded.find(needle, at + 1)

    def evidence(self, *quotes: str | None) -> tuple[Evidence, Chunk]:
        """Evidence for the first quote found, and the chunk it is in; else the model's quote, unplaced."""
        for quote in quotes:
            found = self.find(quote) if quote else None
            if found is not None:
                return evidence_for(self.doc, found.span.start, found.span.end), self.batch.pieces[found.piece].chunk
        first = next((q for q in quotes if q and q.strip()), "")
        return Evidence(quote=first.strip()), self.batch.pieces[0].chunk

    def contiguous(self, first: int, last: int) -> bool:
        """Whether pieces first..last follow each other in the document with nothing but line breaks between."""
        pieces = self.batch.pieces
        return all(not self.doc.text[pieces[k].end : pieces[k + 1].start].strip() for k in range(first, last))


Placed = tuple[Item, Chunk]  # a record item and the chunk its evidence is in
Converter = Callable[[Any, Locator], list[Placed]]  # a family's answer → its items, placed by the locator


def to_candidates(answer: BaseModel, batch: Batch, doc: Normalized, *, convert: Converter, rule: str) -> list[Candidate]:
    """The family's converter run on an answer to `batch`, each item a candidate tagged with its chunk."""
    placed = convert(answer, Locator(doc, batch))
    return [
        Candidate(item=item, source="llm", rule=rule, specificity=LLM_SPECIFICITY, chunk_id=chunk.id)
        for item, chunk in placed
    ]


def figures_from(answer: FiguresAnswer, locator: Locator) -> list[Placed]:
    """The figures family: each figure with the evidence of its quote."""
    return [_figure(item, locator) for item in answer.figures]


def projects_from(answer: ProjectsAnswer, locator: Locator) -> list[Placed]:
    """The projects family: each project, then its passages (narratives scoped to it, or its conclusion,
    problems and measures as a partial project)."""
    placed: list[Placed] = []
    taken: set[Span] = set()
    for item in answer.projects:
        project = _project(item, locator)
        if project is None:
            continue
        placed.append(project)
        name = project[0].name
        placed += [n for passage in item.passages if (n := _narrative(passage, locator, taken, name)) is not None]
    return placed


def narratives_from(answer: NarrativesAnswer, locator: Locator) -> list[Placed]:
    """The narratives family: each passage, from its first to its last words."""
    taken: set[Span] = set()
    return [n for item in answer.narratives if (n := _narrative(item, locator, taken)) is not None]


def _figure(item: FigureItem, locator: Locator) -> tuple[Figure, Chunk]:
    unit = item.unit.strip() or ("%" if item.measure in PERCENT_MEASURES else _DEFAULT_UNIT)
    evidence, chunk = locator.evidence(item.quote)
    figure = Figure(
        key=item.key,
        measure=item.measure,
        subject=(item.subject or None) if item.key in SUBJECT_KEYS else None,
        value=item.value,
        unit=unit,
        evidence=evidence,
    )
    return figure, chunk


def _project(item: ProjectItem, locator: Locator) -> tuple[Project, Chunk] | None:
    evidence, chunk = locator.evidence(item.quote, item.name)
    name = item.name.strip() or chunk.project
    if not name:
        return None
    project = Project(
        name=name,
        code=item.code,
        department=item.department,
        implementer=item.implementer,
        budget=Budget(**item.budget.model_dump()),
        indicators=[_indicator(row, locator) for row in item.indicators if row.name.strip()],
        total_score=item.total_score,
        evidence=evidence,
    )
    return project, chunk


def _indicator(row: IndicatorItem, locator: Locator) -> Indicator:
    cells = row.model_dump(exclude={"quote"})
    cells["name"] = row.name.strip()
    return Indicator(**cells, evidence=locator.evidence(row.quote)[0])


def _narrative(
    item: NarrativeItem, locator: Locator, taken: set[Span], project_name: str | None = None
) -> tuple[Narrative | Project, Chunk] | None:
    """A passage as a narrative (scoped to its project), or as a partial project for conclusion/problems/measures."""
    passage = _passage(item, locator, taken, project_name)
    if passage is None:
        return None
    doc, chunk = locator.doc, locator.batch.pieces[passage.first.piece].chunk
    project = project_name or chunk.project
    taken.add(passage.span)
    text = _joined(doc, passage.span.start, passage.span.end)
    after = passage.last
    for segment in item.more:  # each continuation after the part before it; one not found ends the passage
        first = next((f for f in locator.find_all(segment.first_words, after.piece, after.folded_at) if f.span.start >= after.span.end), None)
        last = locator.find(segment.last_words, first.piece, first.folded_at) if first is not None else None
        if first is None or last is None or last.span.end <= first.span.start:
            break
        text += _joined(doc, first.span.start, last.span.end)
        after = last
    evidence = evidence_for(doc, passage.span.start, passage.span.end)
    if project and item.kind in PROJECT_TEXT_KINDS:
        partial = Project(name=project, evidence=evidence)
        setattr(partial, item.kind, text)
        return partial, chunk
    return Narrative(kind=item.kind, scope=project, text=text, evidence=evidence), chunk


def _joined(doc: Normalized, start: int, end: int) -> str:
    return re.sub(r"\s*\n\s*", "", doc.text[start:end]).strip()


def _cell_end(locator: Locator, first: Found, last: Found, last_words: str) -> Found:
    """A passage that starts inside a table cell ends at the last match of its last words in that cell: a
    cell may close with the sentence it opens with, and its text never runs past the cell."""
    text = locator.doc.text
    line_start = text.rfind("\n", 0, first.span.start) + 1
    line_end = text.find("\n", first.span.start)
    line_end = len(text) if line_end < 0 else line_end
    if "\t" not in text[line_start:line_end]:
        return last
    tab = text.find("\t", first.span.start, line_end)
    cell_end = line_end if tab < 0 else tab
    best = last
    for found in locator.find_all(last_words, last.piece, last.folded_at + 1):
        if found.span.end > cell_end:
            break
        best = found
    return best


@dataclass(frozen=True)
class Passage:
    """A passage found by its first and last words."""

    first: Found
    last: Found

    @property
    def span(self) -> Span:
        return Span(self.first.span.start, self.last.span.end)


def _passage(item: NarrativeItem, locator: Locator, taken: set[Span], project: str | None = None) -> Passage | None:
    """The passage from the first words to the last: reports repeat their stock phrases, so of every
    match the one in the project's own text (when asked with a project), then one that no earlier item of
    the answer took, then one that opens a line, cell or label, then the shortest."""
    passages: list[Passage] = []
    for first in locator.find_all(item.first_words):
        last = locator.find(item.last_words, first.piece, first.folded_at)
        if last is not None and last.span.end > first.span.start and locator.contiguous(first.piece, last.piece):
            passages.append(Passage(first, _cell_end(locator, first, last, item.last_words)))

    def elsewhere(passage: Passage) -> bool:
        owner = locator.batch.pieces[passage.first.piece].chunk.project
        return bool(project and owner and fold(owner)[0] != fold(project)[0])

    def mid_text(passage: Passage) -> bool:  # passages open a line, a cell or a labeled text
        before = locator.doc.text[: passage.span.start].rstrip(" \u3000")
        return bool(before) and before[-1] not in "\n\t:："

    passages.sort(key=lambda p: (elsewhere(p), p.span in taken, mid_text(p), p.span.length))
    return passages[0] if passages else None
