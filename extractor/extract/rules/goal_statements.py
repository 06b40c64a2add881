"""Rules for goals stated as sentences: a project's 绩效目标 written as numbered lines of level, name and target.

Stage: extract (rules), a parser of the projects family. In: the normalized document. Out: one project candidate per
block of goal statements ("七、绩效目标 … (一)产出指标 / 1、数量指标:资助学生1966人。 / 2、质量指标:资助标准100%达标。"), its rows
target-only (no actual, weight or score), named by the sentence that names the project it announces, or nothing.

What a statement states, by the national template's grammar: a level-2 name and a colon, then clauses parted by
commas or semicolons, each a name followed by its target (a comparator or not, a number, its unit: "资助经费到位率100%
达标", "种植数量>=17600株"); a level-1 name heads the lines under it ("(一)产出指标"). A clause with no number, or with
numbers inside its name, is no row (the reader cannot tell its target). The block must follow a heading of the goal
(绩效目标) that is no account of how it went (完成情况, 自评): those are evaluations, read elsewhere. The project is named
by the text before the block ("某某项目由某单位实施", "实施某某项目,", "下达的某某资金,"); its money by "涉及资金X万元". These
readings are new and the sentences loose: the candidates are held for review (specificity below the threshold's).
A goal form with no indicator table whose 年度目标 cell states its goals so gives its rows the same way (`stated_rows`,
called by `project_forms`; unsure rows), unless the form states money spent (a self-evaluation's account).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractor.chunk import Chunk
from extractor.extract.base import Candidate
from extractor.extract.evidence import evidence_for
from extractor.extract.rules.indicator_cells import indicator_name, split_comparator
from extractor.extract.rules.indicator_rows import Row
from extractor.normalize import Normalized
from extractor.tables import Line, lines_of
from extractor.tables.kinds import level_of
from extractor.vocabulary import (
    FORM_EXECUTED_AMOUNT,
    GOAL_STATEMENT_HEADING,
    GOAL_STATEMENT_LEVEL2,
    GOAL_STATEMENT_MONEY,
    GOAL_STATEMENT_NOT_A_GOAL,
    GOAL_STATEMENT_PROJECT,
    GOAL_STATEMENT_VALUE,
    SECTION_ENUMERATOR,
)
from schemas import Budget, Indicator, Project

_SPECIFICITY = 0.45  # sentences read by their grammar alone: every field wants a reviewer's look
_HEADING_REACH = 12  # lines above a block its goal heading is looked for in
_MIN_ROWS = 2  # rows a block states at least to be read as a project's goals
_CLAUSE = re.compile(r"[^,，;；。]+")
_LEADING = re.compile(r"^[\s★☆*•·]+")
_DIGIT = re.compile(r"\d")
_LABELED = re.compile(r"[:：]")


@dataclass
class _Clause:
    level1: str | None
    level2: str
    name: str
    comparator: str | None
    target: str
    unit: str | None
    start: int
    end: int


def statement_candidates(doc: Normalized, chunks: list[Chunk]) -> Iterator[Candidate]:
    """A project for each block of goal statements the text holds under a goal heading."""
    lines = lines_of(doc.text)
    for first, last in _blocks(lines):
        clauses = [c for line in lines[first : last + 1] for c in _clauses(line, _level1_above(lines, first, line))]
        if len(clauses) < _MIN_ROWS:
            continue
        named = _project_named(doc.text[: lines[first].start])
        if named is None:
            continue
        name, implementer, start, end = named
        money = GOAL_STATEMENT_MONEY.search(doc.text[: lines[first].start])
        project = Project(name=name, implementer=implementer, budget=Budget(initial=float(money.group(1)) if money else None),
                          evidence=evidence_for(doc, start, end))  # fmt: skip
        project.indicators = [
            Indicator(level1=c.level1, level2=c.level2, name=c.name, comparator=c.comparator, target=c.target, unit=c.unit,
                      evidence=evidence_for(doc, c.start, c.end))  # fmt: skip
            for c in clauses
        ]
        yield Candidate(item=project, source="rules", rule="goal_statements", specificity=_SPECIFICITY)


def stated_rows(lines: list[Line]) -> list[Row]:
    """The target-only rows a goal form's own lines state as sentences (its 年度目标 cell), none where it states money
    spent; each unsure (its cells parted by the sentence's grammar alone)."""
    if any(FORM_EXECUTED_AMOUNT.search(line.text) for line in lines):
        return []
    rows = [row for k, line in enumerate(lines) if GOAL_STATEMENT_LEVEL2.search(line.text)
            for row in cell_rows(line, _level1_above(lines, k, line))]  # fmt: skip
    return rows if len(rows) >= _MIN_ROWS else []


def cell_rows(cell: Line, level1: str | None) -> list[Row]:
    """The target-only rows one cell (or line) states as sentences under its level-2 labels, each unsure."""
    return [Row(level1=c.level1, level2=c.level2, name=c.name, comparator=c.comparator, target=c.target, unit=c.unit,
                actual=None, weight=None, score=None, reason=None, start=c.start, end=c.end, sure=False)
            for c in _clauses(cell, level1)]  # fmt: skip


def _blocks(lines: list[Line]) -> Iterator[tuple[int, int]]:
    """(first, last) line indices of each run of statement lines (level headings between them included) that a goal
    heading stands above."""
    k = 0
    while k < len(lines):
        if not GOAL_STATEMENT_LEVEL2.search(lines[k].text) or not _under_goal(lines, k):
            k += 1
            continue
        last = k
        for j in range(k + 1, len(lines)):
            text = lines[j].text.strip()
            if GOAL_STATEMENT_LEVEL2.search(text):
                last = j
            elif text and _heading_level(text) != 1:
                break
        yield k, last
        k = last + 1


def _under_goal(lines: list[Line], k: int) -> bool:
    above = [line.text for line in lines[max(0, k - _HEADING_REACH) : k]]
    heading = next((text for text in reversed(above) if GOAL_STATEMENT_HEADING.search(text)), None)
    return heading is not None and not GOAL_STATEMENT_NOT_A_GOAL.search(heading)


def _heading_level(text: str) -> int | None:
    found = level_of(_heading_text(text))
    return found[0] if found is not None else None


def _heading_text(text: str) -> str:
    """A level heading's name without its enumerator and punctuation ("(一)、产出指标" → "产出指标")."""
    return SECTION_ENUMERATOR.sub("", text.strip()).strip("、.．:： ")


def _level1_above(lines: list[Line], first: int, line: Line) -> str | None:
    """The level-1 heading nearest above a statement line ("(一)产出指标"), within its block's reach."""
    at = next(k for k in range(len(lines)) if lines[k].start == line.start)
    for k in range(at, max(0, first - _HEADING_REACH) - 1, -1):
        text = lines[k].text.strip()
        if k != at and _heading_level(text) == 1:
            found = level_of(_heading_text(text))
            return found[1] if found is not None else None
    return None


def _clauses(line: Line, level1: str | None) -> Iterator[_Clause]:
    """The rows one statement line states: for each level-2 label on it, each clause after it with a target."""
    labels = list(GOAL_STATEMENT_LEVEL2.finditer(line.text))
    for k, label in enumerate(labels):
        body_end = labels[k + 1].start() if k + 1 < len(labels) else len(line.text)
        for piece in _CLAUSE.finditer(line.text, label.end(), body_end):
            clause = _clause(piece.group(), line.start + piece.start(), level1, label.group("level2"))
            if clause is not None:
                yield clause


def _clause(text: str, start: int, level1: str | None, level2: str) -> _Clause | None:
    lead = len(text) - len(_LEADING.sub("", text))
    found = GOAL_STATEMENT_VALUE.match(text[lead:].rstrip())
    if found is None:
        return None
    name = indicator_name(_LEADING.sub("", _LABELED.split(found.group("name"))[-1]))  # ("社会效益目标:★受益人数")
    if not name or _DIGIT.search(name) or level_of(name) is not None:
        return None
    comparator, _ = split_comparator(found.group("comparator") or "")
    unit = found.group("unit") or None
    end = start + lead + found.end("unit") if unit else start + lead + found.end("number")
    return _Clause(level1, level2, name, comparator, found.group("number"), unit, start + lead, end)


def _project_named(before: str) -> tuple[str, str | None, int, int] | None:
    """(name, implementer, start, end) of the project the text before a block announces, from the last sentence
    that names one."""
    found = None
    for pattern in GOAL_STATEMENT_PROJECT:
        for match in pattern.finditer(before):
            if found is None or match.start("name") > found.start("name"):
                found = match
    if found is None:
        return None
    implementer = found.groupdict().get("implementer")
    return found.group("name").strip(), implementer.strip() if implementer else None, found.start("name"), found.end("name")
