"""Rules for narratives: sections whose heading names a narrative kind, and labeled paragraphs.

In: section chunks (and project forms, for their 年度目标). Out: narrative candidates, and the
conclusion / problems / measures texts of project reports (as partial project candidates that
reconcile merges into the project). The kind comes from the heading's words (schemas.catalog
NARRATIVE_KINDS); the text is the section body; the scope is the project the section belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractor.chunk import Chunk
from extractor.extract.base import PROJECT_TEXT_KINDS, Candidate
from extractor.extract.evidence import evidence_for
from extractor.normalize import Normalized
from extractor.vocabulary import NOT_A_GOAL, PARAGRAPH_LABEL, RESULT_AND_NEXT, STEP_START
from schemas import Narrative
from schemas.catalog import NARRATIVE_KINDS

# The order in which kinds are tried: a heading naming two kinds takes the first.
_PRIORITY = ("conclusion", "result_application", "problems", "measures", "performance_goal", "key_work",
             "organization", "functions")  # fmt: skip


def result_and_measures(doc: Normalized, heading: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """For a result-and-next-steps section: [("conclusion", span), ("measures", span)] as found; else []."""
    if not RESULT_AND_NEXT.search(heading):
        return []
    at = start
    for line in doc.text[start:end].split("\n"):
        if STEP_START.match(line) and at > start:
            lead = doc.text[start:at].strip()
            return ([("conclusion", start, at - 1)] if lead else []) + [("measures", at, end)]
        at += len(line) + 1
    return [("conclusion", start, end)]


@dataclass
class Section:
    trail: tuple[str, ...]
    project: str | None
    start: int
    end: int


def kind_of_heading(heading: str) -> str | None:
    for kind in _PRIORITY:
        words = NARRATIVE_KINDS[kind]
        if any(word in heading for word in words):
            if kind == "performance_goal" and any(word in heading for word in NOT_A_GOAL):
                continue
            return kind
    return None


def sections(chunks: list[Chunk]) -> list[Section]:
    """Prose sections: consecutive section chunks under the same heading trail, merged."""
    merged: list[Section] = []
    for chunk in chunks:
        if chunk.kind != "section" or not chunk.trail:
            continue
        if merged and merged[-1].trail == chunk.trail and merged[-1].end + 1 >= chunk.start:
            merged[-1].end = chunk.end
        else:
            merged.append(Section(chunk.trail, chunk.project, chunk.start, chunk.end))
    return merged


def narrative_candidates(doc: Normalized, chunks: list[Chunk]) -> Iterator[Candidate]:
    all_sections = sections(chunks)
    alike = _subsections_alike(all_sections)
    covered: Section | None = None  # a section taken whole with its subsections: they are not taken again
    for i, section in enumerate(all_sections):
        if covered and section.trail[: len(covered.trail)] == covered.trail and section.start < covered.end:
            continue
        kind = kind_of_heading(section.trail[-1])
        if kind is not None:
            own_body = section_body_start(doc, section) < section.end
            extended = _with_subsections(section, all_sections[i + 1 :], alike[i])
            if not own_body and _has_kinded_descendant(section, all_sections[i + 1 :]):
                continue  # a heading over sections of their own kinds, e.g. 二、绩效目标完成情况分析
            section = covered = extended
        start_at = section_body_start(doc, section)
        if start_at >= section.end:
            continue
        parts = result_and_measures(doc, section.trail[-1], start_at, section.end)
        if parts:
            for part_kind, start, end in parts:
                if not section.project:
                    yield _narrative(doc, part_kind, None, start, end, 0.8)
            continue
        paragraphs = list(labeled_paragraphs(doc, start_at, section.end))
        if paragraphs:
            for para_kind, start, end in paragraphs:
                if not (section.project and para_kind in PROJECT_TEXT_KINDS):
                    yield _narrative(doc, para_kind, section.project, start, end, 0.8)
            continue
        if kind is not None and not (section.project and kind in PROJECT_TEXT_KINDS):
            yield _narrative(doc, kind, section.project, start_at, section.end, 0.9)


def _has_kinded_descendant(section: Section, following: list[Section]) -> bool:
    """Whether subsections name kinds of their own — unless every one names the section's own kind
    ("二、机构设置及决算单位构成" over "（一）内设机构设置" and "（二）决算单位构成": one narrative)."""
    depth = len(section.trail)
    own = kind_of_heading(section.trail[-1])
    kinds = []
    for other in following:
        if other.trail[:depth] != section.trail:
            break
        if len(other.trail) > depth:
            kinds.append(kind_of_heading(other.trail[-1]))
    if kinds and all(kind == own for kind in kinds):
        return False
    return any(kind is not None for kind in kinds)


def _subsections_alike(all_sections: list[Section]) -> list[bool]:
    """For each section: whether sections after it extend its trail (wherever they stand) and every one of them
    names the section's own kind. One pass from the end, keeping per trail how many later sections extend it
    and whether all of them name its kind (asking each section about all that follow made a long document's
    narratives quadratic in its sections)."""
    kinds: dict[str, str | None] = {}

    def kind(heading: str) -> str | None:
        if heading not in kinds:
            kinds[heading] = kind_of_heading(heading)
        return kinds[heading]

    below: dict[tuple[str, ...], tuple[int, bool]] = {}  # trail -> (later sections under it, all of its kind)
    alike = [False] * len(all_sections)
    for i in range(len(all_sections) - 1, -1, -1):
        trail = all_sections[i].trail
        count, same = below.get(trail, (0, True))
        alike[i] = count > 0 and same
        own = kind(trail[-1])
        for depth in range(1, len(trail)):
            count, same = below.get(trail[:depth], (0, True))
            below[trail[:depth]] = (count + 1, same and own == kind(trail[depth - 1]))
    return alike


def _with_subsections(section: Section, following: list[Section], same: bool) -> Section:
    """A section with the subsections under it that name no narrative kind of their own; `same`: every section
    after it under its trail names its own kind (`_subsections_alike`)."""
    end = section.end
    depth = len(section.trail)
    for other in following:
        if other.trail[:depth] != section.trail or len(other.trail) == depth:
            break
        if kind_of_heading(other.trail[-1]) is not None and not same:
            break
        end = other.end
    return Section(section.trail, section.project, section.start, end)


def section_body_start(doc: Normalized, section: Section) -> int:
    """Where a section's body starts: after its heading line, or after an inline heading's 。."""
    line_end = doc.text.find("\n", section.start, section.end)
    line_end = line_end if line_end >= 0 else section.end
    heading_line = doc.text[section.start : line_end]
    heading = section.trail[-1]
    at = heading_line.find(heading)
    if at < 0 or not heading_line.strip().lstrip("#* ").startswith(heading[:6]):
        return section.start
    rest = at + len(heading)
    while rest < len(heading_line) and heading_line[rest] in "。 *":
        rest += 1
    return section.start + rest if rest < len(heading_line) else line_end + 1


def labeled_paragraphs(doc: Normalized, start: int, end: int) -> Iterator[tuple[str, int, int]]:
    at = start
    found: list[tuple[str, int, int]] = []
    for line in doc.text[start:end].split("\n"):
        match = PARAGRAPH_LABEL.match(line.strip())
        if match:
            kind = kind_of_heading(match.group("label")) or "problems"
            body_at = at + line.find(match.group(0)) + len(match.group(0))
            found.append((kind, body_at, at + len(line)))
        elif found and line.strip() and found[-1][2] == at - 1:
            found[-1] = (found[-1][0], found[-1][1], at + len(line))  # the paragraph goes on
        at += len(line) + 1
    yield from found


def _narrative(doc: Normalized, kind: str, scope: str | None, start: int, end: int, specificity: float) -> Candidate:
    evidence = evidence_for(doc, start, end)
    text = re.sub(r"\s*\n\s*", "", doc.text[start:end]).strip()
    item = Narrative(kind=kind, scope=scope, text=text, evidence=evidence)  # type: ignore[arg-type]
    return Candidate(item=item, source="rules", rule=f"narrative:{kind}", specificity=specificity)
