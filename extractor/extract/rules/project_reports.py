"""Rules for projects described in self-evaluation reports rather than forms (prose and tables).

In: the chunks of a project report (chunk.project set, no project form). Out: one project candidate
per report: the budget from sentences ("全年预算数 799.22万元，执行数 799.22万元，完成预算的 100%"),
the indicator rows of its tables (tab-separated, else in the layout the table readers find), its total score, and its conclusion / problems / measures sections.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extractor.chunk import Chunk
from extractor.extract.base import PROJECT_TEXT_KINDS, Candidate
from extractor.extract.evidence import evidence_for
from extractor.extract.rules.indicator_rows import Line, Row, tsv_rows
from extractor.extract.rules.indicator_table import indicator_rows
from extractor.extract.rules.narratives import (
    kind_of_heading,
    labeled_paragraphs,
    result_and_measures,
    section_body_start,
    sections,
)
from extractor.extract.rules.project_forms import indicator_from_row
from extractor.normalize import Normalized
from extractor.tables import find_tables
from extractor.vocabulary import (
    FUNDING_WORD,
    INDICATOR_WORD,
    REPORT_BUDGET_PATTERNS,
    REPORT_TOTAL_PROSE,
    REPORT_TOTAL_ROW,
)
from schemas import Budget, Project


def report_candidates(doc: Normalized, chunks: list[Chunk]) -> Iterator[Candidate]:
    form_projects = {c.project for c in chunks if c.kind == "project_form"}
    names = [p for p in dict.fromkeys(c.project for c in chunks) if p and p not in form_projects]
    for name in names:
        own = [c for c in chunks if c.project == name]
        first = own[0]
        heading_end = doc.text.find("\n", first.start)
        project = Project(
            name=name,
            budget=_budget(doc, own),
            evidence=evidence_for(doc, first.start, heading_end if heading_end > 0 else first.end),
        )
        rows = _table_rows(own)
        project.indicators = [indicator_from_row(doc, row) for row in rows]
        project.total_score = _total(own)
        _texts(doc, own, project)
        yield Candidate(item=project, source="rules", rule="project_report", specificity=0.8, chunk_id=first.id)


def _budget(doc: Normalized, chunks: list[Chunk]) -> Budget:
    budget = Budget()
    # the funding sections (资金投入/资金到位/资金执行) state the year's budget; an overview may state a plan's
    ordered = sorted((c for c in chunks if c.kind == "section"), key=lambda c: not any(FUNDING_WORD in h for h in c.trail))
    for chunk in ordered:
        for field, pattern in REPORT_BUDGET_PATTERNS:
            if getattr(budget, field) is not None:
                continue
            match = pattern.search(chunk.text)
            if match:
                setattr(budget, field, float(match.group(1)))
    return budget


def _table_rows(chunks: list[Chunk]) -> list[Row]:
    merged: dict[str, Row] = {}
    order: list[str] = []
    for chunk in chunks:
        if chunk.kind != "table" or INDICATOR_WORD not in chunk.text:
            continue
        lines, at = [], chunk.start
        for text in chunk.text.split("\n"):
            lines.append(Line(at, text))
            at += len(text) + 1
        # tab-separated rows; else the table in any layout the readers know (one cell a line closed by bars …)
        for row in tsv_rows(lines) or indicator_rows(find_tables(lines)):
            key = re.sub(r"\s", "", row.name)
            if key in merged:  # a second table scoring the same indicators: fill what is missing
                known = merged[key]
                for attr in ("target", "actual", "unit", "comparator", "weight", "score", "reason"):
                    if getattr(known, attr) is None:
                        setattr(known, attr, getattr(row, attr))
            else:
                merged[key] = row
                order.append(key)
    return [merged[k] for k in order]


def _total(chunks: list[Chunk]) -> float | None:
    for chunk in chunks:
        for line in chunk.text.split("\n"):
            if REPORT_TOTAL_ROW.match(line):
                numbers = re.findall(r"\d+(?:\.\d+)?", line)
                if numbers:
                    return float(numbers[-1])
    for chunk in chunks:
        match = REPORT_TOTAL_PROSE.search(chunk.text)
        if match and float(match.group(1)) <= 100:
            return float(match.group(1))
    return None


def _content(text: str) -> str | None:
    """A section's text, or None for a lead-in that points elsewhere ("如下图所示：")."""
    text = re.sub(r"\s*\n\s*", "", text).strip()
    return None if len(text) < 6 or text.endswith(("：", ":")) else text


def _texts(doc: Normalized, chunks: list[Chunk], project: Project) -> None:
    for section in sections(chunks):
        start_at = section_body_start(doc, section)
        for kind, start, end in labeled_paragraphs(doc, start_at, section.end):
            if kind in PROJECT_TEXT_KINDS and getattr(project, kind) is None:
                setattr(project, kind, _content(doc.text[start:end]))
        for kind, start, end in result_and_measures(doc, section.trail[-1], start_at, section.end):
            if getattr(project, kind) is None:
                setattr(project, kind, _content(doc.text[start:end]))
        heading_kind = kind_of_heading(section.trail[-1])
        if heading_kind in PROJECT_TEXT_KINDS and getattr(project, heading_kind) is None and start_at < section.end:
            setattr(project, heading_kind, _content(doc.text[start_at : section.end]))
