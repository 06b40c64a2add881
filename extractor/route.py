"""Stage `route`: which schema families each chunk can feed.

In: chunks and the families (`extractor.families`), each with its router predicate. Out: `Routes`, for
each chunk id the families it is sent to, so each chunk goes only where it can contribute and each
(chunk, family) is asked at most once. The predicates of the built-in families are here, beside the
dispatch.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Protocol

from extractor.chunk import Chunk
from schemas.catalog import FIGURE_KEYS, NARRATIVE_KINDS

Routes = dict[int, tuple[str, ...]]  # chunk id → the families it is sent to, in the registry's order


class Routed(Protocol):
    """What routing needs of a family: its name and its predicate."""

    @property
    def name(self) -> str: ...

    @property
    def routes(self) -> Callable[[Chunk], bool]: ...


_NUMBER_WITH_UNIT = re.compile(r"\d+(?:\.\d+)?\s*(?:万元|元|亿元|%|个|辆|台)")
_FIGURE_WORDS = tuple(sorted({label for labels in FIGURE_KEYS.values() for label in labels if len(label) >= 3}))
# "其他一般公共服务支出（项）。年初预算为20万元，支出决算为12.74万元": the items of 支出决算具体情况
_ITEM_FIGURES = re.compile(r"[（(]项[）)].{0,30}?(?:预算|决算)\D{0,6}\d+(?:\.\d+)?\s*万元")
_NARRATIVE_WORDS = tuple(sorted({w for words in NARRATIVE_KINDS.values() for w in words}))
# words that a chunk of a project report must hold, beside a number, to be asked for the project's data
_PROJECT_WORDS = ("预算", "执行", "得分", "分值", "权重", "指标值", "完成值", "万元", "总分")
_DIGIT = re.compile(r"\d")


def route(chunks: list[Chunk], families: Iterable[Routed]) -> Routes:
    families = list(families)
    return {c.id: families_for(c, families) for c in chunks}


def families_for(chunk: Chunk, families: Iterable[Routed]) -> tuple[str, ...]:
    """The families whose predicate takes the chunk, in the order they are given."""
    return tuple(family.name for family in families if family.routes(chunk))


def _narrative_section(chunk: Chunk) -> bool:
    return chunk.kind == "section" and any(word in " ".join(chunk.trail) for word in _NARRATIVE_WORDS)


def to_projects(chunk: Chunk) -> bool:
    """A project's chunk that holds its form, a table, numbers beside budget or score words, or a passage
    (its passages are asked with the project: one request per chunk)."""
    if chunk.project is None:
        return False
    numbers = bool(_DIGIT.search(chunk.text)) and any(w in chunk.text for w in _PROJECT_WORDS)
    return chunk.kind in ("project_form", "table") or numbers or _narrative_section(chunk)


def to_figures(chunk: Chunk) -> bool:
    """A chunk outside projects that names a catalog figure beside a number with its unit (or in a table),
    or states an item's budget and final accounts."""
    if chunk.project is not None:
        return False
    labeled = any(word in chunk.text for word in _FIGURE_WORDS)
    return bool((labeled and (chunk.kind == "table" or _NUMBER_WITH_UNIT.search(chunk.text))) or _ITEM_FIGURES.search(chunk.text))


def to_narratives(chunk: Chunk) -> bool:
    """A section outside projects under a heading that names a narrative kind."""
    return chunk.project is None and _narrative_section(chunk)
