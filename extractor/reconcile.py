"""Stage `reconcile`: merge candidates across chunks and extractors into one value per field.

In: grounded candidates and the families (`extractor.families`), each naming the record item it fills and
the merge that keys it. Out: `Merged`, the record's figures, projects and narratives plus, for every JSON
Pointer, the `Support` behind its value: which extractors gave it, how many places state it, how specific
the rule was, and whether the places or extractors disagree. The merges of the built-in items are here:
figures keyed by (key, measure, subject, scope), projects by code or name, narratives by kind, scope and
passage.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from rapidfuzz import fuzz

from extractor.extract.base import Candidate
from extractor.extract.llm.echo import ECHO
from extractor.ground import fold
from extractor.spans import Span
from extractor.vocabulary import LEVEL_MARKS
from schemas import Evidence, Figure, Indicator, Narrative, Project, Record
from schemas.catalog import SUBJECT_KEYS
from schemas.pointers import BUDGET_FIELDS, INDICATOR_FIELDS, PROJECT_FIELDS

_VALUE_TOLERANCE = 0.0101
_LEVEL_SUFFIX = re.compile(r"\((?:" + "|".join(LEVEL_MARKS) + r")\)$")  # a subject's level suffix, folded


@dataclass
class Support:
    sources: set[str] = field(default_factory=set)
    places: int = 1
    specificity: float = 1.0
    disagree: bool = False
    disagree_sources: bool = False
    grounded: bool = True
    flags: list[str] = field(default_factory=list)


@dataclass
class Merged:
    figures: list[Figure] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    narratives: list[Narrative] = field(default_factory=list)
    support: dict[str, Support] = field(default_factory=dict)

    def fill(self, record: Record) -> None:
        record.figures = self.figures
        record.projects = self.projects
        record.narratives = self.narratives


def subject_key(subject: str | None) -> str | None:
    if subject is None:
        return None
    folded = fold(subject)[0]
    return _LEVEL_SUFFIX.sub("", folded)


Merge = Callable[[list[Candidate], Merged], None]


class Reconciled(Protocol):
    """What reconcile needs of a family: the record item it fills and the merge that keys that item."""

    @property
    def item(self) -> type: ...

    @property
    def merge(self) -> Merge: ...


def reconcile(candidates: list[Candidate], families: Iterable[Reconciled]) -> Merged:
    """Each record item's candidates merged by its family's merge, items in the order of the families;
    families that fill the same item share its merge and merge once."""
    merged = Merged()
    done: set[type] = set()
    for family in families:
        if family.item in done:
            continue
        done.add(family.item)
        family.merge([c for c in candidates if isinstance(c.item, family.item)], merged)
    unmerged = {type(c.item).__name__ for c in candidates if type(c.item) not in done}
    if unmerged:
        raise ValueError(f"no family fills {sorted(unmerged)}: register one in extractor.families")
    return merged


def _grounded(item: Any) -> bool:
    return item.evidence.start is not None


def merge_figures(candidates: list[Candidate], merged: Merged) -> None:
    """Figures keyed by (key, measure, subject, scope), one per statement; rules first, then document order."""
    groups: list[list[Candidate]] = []
    index: dict[tuple, list[list[Candidate]]] = {}
    for candidate in sorted(candidates, key=_figure_order):
        fig = candidate.item
        assert isinstance(fig, Figure)
        key = (fig.key, fig.measure, subject_key(fig.subject), fig.scope)
        bucket = index.setdefault(key, [])
        target = next((g for g in bucket if _same_statement(g[0], candidate)), None)
        if target is None:
            target = []
            bucket.append(target)
            groups.append(target)
        target.append(candidate)
    groups.sort(key=lambda g: g[0].item.evidence.start if g[0].item.evidence.start is not None else 1 << 30)
    for group in groups:
        chosen = group[0]
        fig = chosen.item
        assert isinstance(fig, Figure)
        values = [c.item.value for c in group]  # type: ignore[union-attr]
        disagree = any(abs(v - fig.value) > _VALUE_TOLERANCE for v in values)
        sources = {c.source for c in group}
        support = Support(
            sources=sources,
            places=len({(c.item.evidence.start, c.source) for c in group}),
            specificity=max(c.specificity for c in group),
            disagree=disagree,
            disagree_sources=disagree and len(sources) > 1,
            grounded=_grounded(fig) and "number_not_in_quote" not in chosen.flags,
            flags=sorted({f for c in group for f in c.flags}),
        )
        merged.support[f"/figures/{len(merged.figures)}/value"] = support
        merged.figures.append(fig)


def _figure_order(candidate: Candidate) -> tuple:
    # rules before llm, most specific rule first, then document order
    start = candidate.item.evidence.start
    return (candidate.source != "rules", -candidate.specificity, start if start is not None else 1 << 30)


def _same_statement(first: Candidate, other: Candidate) -> bool:
    """Candidates in one group state the same figure; without a subject only the same place counts."""
    a, b = first.item, other.item
    assert isinstance(a, Figure) and isinstance(b, Figure)
    if a.key in SUBJECT_KEYS and a.subject is None:
        if a.evidence.start is None or b.evidence.start is None:
            return abs(a.value - b.value) <= _VALUE_TOLERANCE and first.source != other.source
        return a.evidence.start < (b.evidence.end or 0) and b.evidence.start < (a.evidence.end or 0)
    return True


def merge_projects(candidates: list[Candidate], merged: Merged) -> None:
    """Projects keyed by code, else by like names; each field filled from the first candidate that states it."""
    groups: list[list[Candidate]] = []
    for candidate in sorted(candidates, key=lambda c: c.source != "rules"):
        project = candidate.item
        assert isinstance(project, Project)
        target = next((g for g in groups if _same_project(g[0].item, project)), None)  # type: ignore[arg-type]
        if target is None:
            groups.append([candidate])
        else:
            target.append(candidate)
    for group in groups:
        base = group[0].item.model_copy(deep=True)
        assert isinstance(base, Project)
        pointer = f"/projects/{len(merged.projects)}"
        for other in group[1:]:
            _fill_missing(base, other.item)  # type: ignore[arg-type]
        _project_support(pointer, base, group, merged)
        merged.projects.append(base)


def _same_project(a: Project, b: Project) -> bool:
    if a.code and b.code:
        return a.code == b.code
    if not a.name.strip() and not b.name.strip():
        # two forms that state no name are one project only where they are read from the same place: a report's
        # forms are unnamed one after another, and merging them kept the first one's rows only
        return _overlap(a.evidence, b.evidence)
    return fuzz.ratio(_folded(a.name), _folded(b.name)) >= 85


def _overlap(a: Evidence, b: Evidence) -> bool:
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return True  # not grounded: nothing tells them apart
    return Span(a.start, a.end).overlaps(Span(b.start, b.end))


def _fill_missing(base: Project, other: Project) -> None:
    for name in PROJECT_FIELDS:
        if getattr(base, name) is None and getattr(other, name) is not None:
            setattr(base, name, getattr(other, name))
    for name in BUDGET_FIELDS:
        if getattr(base.budget, name) is None and getattr(other.budget, name) is not None:
            setattr(base.budget, name, getattr(other.budget, name))
    if not base.indicators:
        base.indicators = [i.model_copy(deep=True) for i in other.indicators]


def _project_support(pointer: str, project: Project, group: list[Candidate], merged: Merged) -> None:
    base_candidate = group[0]
    others = [c.item for c in group[1:]]

    def support_for(value: Any, other_values: list[Any], grounded: bool, flags: tuple[str, ...] = ()) -> Support:
        stated = [v for v in other_values if v is not None]
        agree = [v for v in stated if _equal(v, value)]
        sources = {base_candidate.source} | {group[1 + k].source for k, v in enumerate(other_values) if _equal(v, value)}
        return Support(
            sources=sources,
            places=1 + len(agree),
            specificity=base_candidate.specificity,
            disagree=len(agree) < len(stated),
            disagree_sources=len(agree) < len(stated),
            grounded=grounded,
            flags=list(flags),
        )

    # the rows' own flags (a reader unsure where it split a row), from the candidate whose rows the project holds
    rows_from = next((c for c in group if c.item.indicators), base_candidate)  # type: ignore[union-attr]
    echo = (ECHO,) if ECHO in base_candidate.flags else ()  # a model's answer that repeats its prompt's example
    merged.support[f"{pointer}/name"] = support_for(project.name, [o.name for o in others], _grounded(project), echo)  # type: ignore[union-attr]
    for name in PROJECT_FIELDS:
        value = getattr(project, name)
        if value is not None:
            merged.support[f"{pointer}/{name}"] = support_for(
                value, [getattr(o, name) for o in others], _grounded(project), echo
            )
    for name in BUDGET_FIELDS:
        value = getattr(project.budget, name)
        if value is not None:
            merged.support[f"{pointer}/budget/{name}"] = support_for(
                value, [getattr(o.budget, name) for o in others], _grounded(project), echo  # type: ignore[union-attr]
            )
    for j, indicator in enumerate(project.indicators):
        matches = [_match_indicator(indicator, j, o.indicators) for o in others]  # type: ignore[union-attr]
        for name in INDICATOR_FIELDS:
            value = getattr(indicator, name)
            if value is not None:
                merged.support[f"{pointer}/indicators/{j}/{name}"] = support_for(
                    value, [getattr(m, name) if m else None for m in matches], _grounded(indicator),
                    rows_from.row_flags.get(j, ()),
                )


def _match_indicator(indicator: Indicator, position: int, others: list[Indicator]) -> Indicator | None:
    best, best_score = None, 0.0
    name = _folded(indicator.name)
    if position < len(others) and _folded(others[position].name) == name:
        return others[position]  # the same name in the same place: the best score there is (100), no other ties it
    for k, other in enumerate(others):
        score = fuzz.ratio(name, _folded(other.name)) - min(abs(k - position), 10)
        if score > best_score:
            best, best_score = other, score
    return best if best_score >= 80 else None


def _equal(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= _VALUE_TOLERANCE
    return _folded(str(a)) == _folded(str(b))


@lru_cache(maxsize=1 << 14)
def _folded(text: str) -> str:
    """A name or value as compared, folded once: each indicator is matched against every indicator of the
    project's other candidates, so the same names are compared many times."""
    return fold(text)[0]


def merge_narratives(candidates: list[Candidate], merged: Merged) -> None:
    """Each rules narrative stands; a model narrative joins the one of its kind and scope that is the same
    passage (overlapping spans, or like text); another passage of that kind stands on its own."""
    groups: list[list[Candidate]] = []
    for candidate in sorted(candidates, key=lambda c: c.source != "rules"):
        item = candidate.item
        assert isinstance(item, Narrative)
        target = None
        if candidate.source != "rules":
            same = [g for g in groups if _same_place(g[0].item, item) and _same_passage(g[0].item, item)]  # type: ignore[arg-type]
            target = max(same, key=lambda g: _similarity(g[0].item, item), default=None)  # type: ignore[arg-type]
        if target is None:
            groups.append([candidate])
        else:
            target.append(candidate)
    groups.sort(key=lambda g: g[0].item.evidence.start if g[0].item.evidence.start is not None else 1 << 30)
    for group in groups:
        base = group[0].item
        assert isinstance(base, Narrative)
        others = [c for c in group[1:]]
        similar = [c for c in others if _similarity(base, c.item) >= 80]  # type: ignore[arg-type]
        merged.support[f"/narratives/{len(merged.narratives)}/text"] = Support(
            sources={group[0].source} | {c.source for c in similar},
            places=1 + len(similar),
            specificity=group[0].specificity,
            disagree=len(similar) < len(others),
            disagree_sources=len(similar) < len(others),
            grounded=_grounded(base),
        )
        merged.narratives.append(base)


def _same_place(a: Narrative, b: Narrative) -> bool:
    return a.kind == b.kind and (a.scope and fold(a.scope)[0]) == (b.scope and fold(b.scope)[0])


def _same_passage(a: Narrative, b: Narrative) -> bool:
    a_start, a_end, b_start, b_end = a.evidence.start, a.evidence.end, b.evidence.start, b.evidence.end
    if a_start is not None and a_end is not None and b_start is not None and b_end is not None:
        return max(a_start, b_start) < min(a_end, b_end)
    return _similarity(a, b) >= 50


def _similarity(a: Narrative, b: Narrative) -> float:
    return fuzz.ratio(fold(a.text)[0], fold(b.text)[0])
