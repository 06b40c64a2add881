"""Stage `route`: which schema families each chunk can feed, and which routed chunks gave nothing.

In: chunks and the families (`extractor.families`), each with its router predicate. Out: `Routes`, for
each chunk id the families it is sent to, so each chunk goes only where it can contribute and each
(chunk, family) is asked at most once. The predicates of the built-in families are here, beside the
dispatch, built from `extractor.vocabulary` and `schemas.catalog`: a chunk that carries the header words of
an indicator table or a project's budget block goes to `projects`, and one that carries a catalog label and
the header words of a final-accounts table to `figures`, whatever its kind, layout or project, so no form is
missed for the way it was laid out. After extraction, `empty_routes` names each routed (chunk, family) from
which none of the family's items came: the record reports them (`meta.run`), never silently.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from pydantic import BaseModel

from extractor.chunk import Chunk
from extractor.extract.base import Candidate
from extractor.spans import Span
from extractor.vocabulary import (
    ACCOUNTS_COLUMNS,
    BUDGET_COLUMNS,
    COUNT_UNITS,
    INDICATOR_COLUMNS,
    INDICATOR_FORM_TITLE,
    ITEM_FIGURE_STATEMENT,
    LEVEL1_INDICATORS,
    LEVEL2_INDICATORS,
    MONEY_UNIT,
    PROJECT_DATA_WORDS,
)
from schemas import Evidence
from schemas.catalog import FIGURE_KEYS, NARRATIVE_KINDS

Routes = dict[int, tuple[str, ...]]  # chunk id → the families it is sent to, in the registry's order


class Routed(Protocol):
    """What routing needs of a family: its name, its predicate and the record items it gives."""

    @property
    def name(self) -> str: ...

    @property
    def routes(self) -> Callable[[Chunk], bool]: ...

    @property
    def items(self) -> tuple[type, ...]: ...


# a catalog figure is stated as a number with its unit: money, a percentage or a counter word
_NUMBER_WITH_UNIT = re.compile(r"\d+(?:\.\d+)?\s*(?:" + "|".join([MONEY_UNIT, "%", *COUNT_UNITS.values()]) + ")")
_FIGURE_WORDS = tuple(sorted({label for labels in FIGURE_KEYS.values() for label in labels if len(label) >= 3}))
_NARRATIVE_WORDS = tuple(sorted({w for words in NARRATIVE_KINDS.values() for w in words}))
_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"\s+")
# An indicator table's header names at least three columns, two of them the row's own (levels, name, target,
# actual), so a sentence that mentions a score and a weight does not make a table; a budget block's names two
# amounts and its weight, score or execution rate (a transfer payment's block: 全年预算数(A) | 全年执行数(B) | 执行率(B/A)); a final-accounts table's (beside a catalog label) its codes, or its final
# accounts above a few numbers (a note under a table names them too).
_MIN_ROLES = 3
_INDICATOR_ROW_ROLES = frozenset({"level1", "level2", "name", "target", "actual"})
_SCORING_ROLES = frozenset({"name", "weight"})
_BUDGET_AMOUNT_ROLES = frozenset({"initial", "adjusted", "executed"})
_BUDGET_SCORED_ROLES = frozenset({"weight", "score", "rate"})
_ACCOUNTS_CODES = "code"
_ACCOUNTS_AMOUNTS = "actual"
_MIN_NUMBERS = 3
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# An indicator table whose header the chunk does not hold (a form's tail after a page break, a scraped form whose
# header words are garbled or glued): its rows' level names, several of them, beside numbers; or a form's title
# (绩效评价表, 评分表, 绩效目标自评表 …) beside one of them.
_LEVEL_WORDS = tuple(sorted(set(LEVEL1_INDICATORS) | set(LEVEL2_INDICATORS), key=len, reverse=True))
_LEVEL_PATTERN = re.compile("|".join(_LEVEL_WORDS))
_MIN_LEVELS = 3


def route(chunks: list[Chunk], families: Iterable[Routed]) -> Routes:
    families = list(families)
    return {c.id: families_for(c, families) for c in chunks}


def families_for(chunk: Chunk, families: Iterable[Routed]) -> tuple[str, ...]:
    """The families whose predicate takes the chunk, in the order they are given."""
    return tuple(family.name for family in families if family.routes(chunk))


# ---- the built-in families' predicates ----------------------------------------------------------------------


def to_projects(chunk: Chunk) -> bool:
    """A chunk that carries an indicator table's or a budget block's header words, whatever its kind; else a
    project's chunk that holds its form, a table, numbers beside budget or score words, or a passage (its
    passages are asked with the project: one request per chunk)."""
    if carries_project_table(chunk.text) or carries_indicator_rows(chunk.text):
        return True
    if chunk.project is None:
        return False
    numbers = bool(_DIGIT.search(chunk.text)) and any(w in chunk.text for w in PROJECT_DATA_WORDS)
    return chunk.kind in ("project_form", "table") or numbers or _narrative_section(chunk)


def to_figures(chunk: Chunk) -> bool:
    """A chunk that names a catalog figure and carries a final-accounts table's header words, whatever its kind;
    else a chunk outside projects that names a catalog figure beside a number with its unit (or in a table),
    or states an item's budget and final accounts."""
    labeled = any(word in chunk.text for word in _FIGURE_WORDS)
    if labeled and carries_accounts_table(chunk.text):
        return True
    if chunk.project is not None:
        return False
    stated = chunk.kind == "table" or _NUMBER_WITH_UNIT.search(chunk.text)
    return bool((labeled and stated) or ITEM_FIGURE_STATEMENT.search(chunk.text))


def to_narratives(chunk: Chunk) -> bool:
    """A section outside projects under a heading that names a narrative kind."""
    return chunk.project is None and _narrative_section(chunk)


def carries_project_table(text: str) -> bool:
    """Whether a text holds the header of an indicator table or of a project's budget block, in any layout
    (tabs, pipes, HTML, one cell per line, flattened into one line): its words are read with spaces removed."""
    squeezed = _SPACE.sub("", text)
    indicator = _roles(squeezed, INDICATOR_COLUMNS)
    if len(indicator) >= _MIN_ROLES and (len(indicator & _INDICATOR_ROW_ROLES) >= 2 or _SCORING_ROLES <= indicator):
        return True  # a form's indicator table, or a scoring table (评分表: its indicators, their 分值 and 得分)
    budget = _roles(squeezed, BUDGET_COLUMNS)
    return len(budget & _BUDGET_AMOUNT_ROLES) >= 2 and bool(budget & _BUDGET_SCORED_ROLES)


def carries_indicator_rows(text: str) -> bool:
    """Whether a text holds an indicator table's rows without its header: three level names or more (产出指标,
    数量指标, 社会效益指标 …) beside numbers, or a form's title beside one, in any layout (spaces removed)."""
    squeezed = _SPACE.sub("", text)
    levels = set(_LEVEL_PATTERN.findall(squeezed))
    if not levels:
        return False
    numbers = len(_NUMBER.findall(text)) >= _MIN_NUMBERS
    return numbers and (len(levels) >= _MIN_LEVELS or bool(INDICATOR_FORM_TITLE.search(squeezed)))


def carries_accounts_table(text: str) -> bool:
    """Whether a text holds the header of a final-accounts table: its codes column, or its final accounts
    column above numbers."""
    roles = _roles(_SPACE.sub("", text), ACCOUNTS_COLUMNS)
    return _ACCOUNTS_CODES in roles or (_ACCOUNTS_AMOUNTS in roles and len(_NUMBER.findall(text)) >= _MIN_NUMBERS)


def _roles(squeezed: str, columns: Mapping[str, tuple[str, ...]]) -> set[str]:
    return {role for role, words in columns.items() if any(word in squeezed for word in words)}


def _narrative_section(chunk: Chunk) -> bool:
    return chunk.kind == "section" and any(word in " ".join(chunk.trail) for word in _NARRATIVE_WORDS)


# ---- what the routes gave ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EmptyRoute:
    """A (chunk, family) the router sent that none of the family's items came from."""

    chunk: int
    family: str
    heading: str  # the chunk's innermost heading
    span: Span  # the chunk's span in the source

    def as_json(self) -> dict[str, object]:
        return {"chunk": self.chunk, "family": self.family, "heading": self.heading, "span": [self.span.start, self.span.end]}


def empty_routes(routes: Routes, chunks: list[Chunk], candidates: Iterable[Candidate], families: Iterable[Routed]) -> list[EmptyRoute]:
    """The routed (chunk, family) pairs that gave nothing: no candidate of one of the family's items has its
    chunk there or any of its evidence in the chunk's source span (read after grounding). The rules read every
    chunk and the model only its routes; either way a pair listed here is a place the router found something
    of the family's and the record holds nothing from."""
    items = {family.name: family.items for family in families}
    ordered = sorted(chunks, key=lambda c: c.source_start)
    starts = [c.source_start for c in ordered]
    gave: set[tuple[int, type]] = set()
    for candidate in candidates:
        kind = type(candidate.item)
        if candidate.chunk_id is not None:
            gave.add((candidate.chunk_id, kind))
        for evidence in _evidence(candidate.item):
            if evidence.start is None:
                continue
            quoted = Span(evidence.start, max(evidence.end or evidence.start, evidence.start + 1))
            at = max(bisect_right(starts, quoted.start) - 1, 0)
            while at < len(ordered) and ordered[at].source_start < quoted.end:
                if _source_span(ordered[at]).overlaps(quoted):
                    gave.add((ordered[at].id, kind))
                at += 1
    return [
        EmptyRoute(c.id, family, c.heading, _source_span(c))
        for c in chunks
        for family in routes.get(c.id, ())
        if not any((c.id, kind) in gave for kind in items.get(family, ()))
    ]


def _source_span(chunk: Chunk) -> Span:
    return Span(chunk.source_start, chunk.source_end)


def _evidence(model: BaseModel) -> Iterator[Evidence]:
    """Every evidence in a record item (a project's own and its indicators')."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        for part in value if isinstance(value, list) else [value]:
            if isinstance(part, Evidence):
                yield part
            elif isinstance(part, BaseModel):
                yield from _evidence(part)
