"""Stage `route`: which schema families each chunk can feed.

In: chunks. Out: for each chunk id, the families ("figures", "projects", "narratives") it is sent to,
so each chunk goes only where it can contribute and each (chunk, family) is asked at most once.
"""

from __future__ import annotations

import re

from extractor.chunk import Chunk
from schemas.catalog import FIGURE_KEYS, NARRATIVE_KINDS

FAMILIES: tuple[str, ...] = ("figures", "projects", "narratives")

_NUMBER_WITH_UNIT = re.compile(r"\d+(?:\.\d+)?\s*(?:万元|元|亿元|%|个|辆|台)")
_FIGURE_WORDS = tuple(sorted({label for labels in FIGURE_KEYS.values() for label in labels if len(label) >= 3}))
# "其他一般公共服务支出（项）。年初预算为20万元，支出决算为12.74万元": the items of 支出决算具体情况
_ITEM_FIGURES = re.compile(r"[（(]项[）)].{0,30}?(?:预算|决算)\D{0,6}\d+(?:\.\d+)?\s*万元")
_NARRATIVE_WORDS = tuple(sorted({w for words in NARRATIVE_KINDS.values() for w in words}))
# words that a chunk of a project report must hold, beside a number, to be asked for the project's data
_PROJECT_WORDS = ("预算", "执行", "得分", "分值", "权重", "指标值", "完成值", "万元", "总分")


def route(chunks: list[Chunk]) -> dict[int, tuple[str, ...]]:
    return {c.id: families_for(c) for c in chunks}


def families_for(chunk: Chunk) -> tuple[str, ...]:
    """A project's chunk goes to `projects` alone (its passages are asked there too: one request per
    chunk); a chunk outside projects to `figures` and/or `narratives`."""
    narrative = chunk.kind == "section" and any(word in " ".join(chunk.trail) for word in _NARRATIVE_WORDS)
    if chunk.project is not None:
        numbers = re.search(r"\d", chunk.text) and any(w in chunk.text for w in _PROJECT_WORDS)
        useful = chunk.kind in ("project_form", "table") or numbers or narrative
        return ("projects",) if useful else ()
    families: list[str] = []
    labeled = any(word in chunk.text for word in _FIGURE_WORDS)
    if (labeled and (chunk.kind == "table" or _NUMBER_WITH_UNIT.search(chunk.text))) or _ITEM_FIGURES.search(chunk.text):
        families.append("figures")
    if narrative:
        families.append("narratives")
    return tuple(families)
