"""Rules for the record's `meta`: reporting unit, fiscal year and the kinds of report present.

In: the normalized document and its chunks. Out: `schemas.Meta`. The words are data in `extractor.vocabulary`
(the report meta section).
"""

from __future__ import annotations

from collections import Counter

from extractor.chunk import Chunk
from extractor.normalize import Normalized
from extractor.vocabulary import (
    CELL_BREAK,
    COMPARED_YEAR_BEFORE,
    FORM_SEAL_MARK,
    KIND_DEPARTMENT_EVALUATION,
    KIND_FINAL_ACCOUNTS,
    KIND_PROJECT_FORM,
    SETTLED_YEAR,
    SETTLED_YEAR_FAR,
    UNIT_BEFORE_TITLE,
    UNIT_DESCRIBED,
    UNIT_DUTIES,
    UNIT_FORM_LABEL,
    UNIT_FORM_LEADING,
    UNIT_LINE,
    UNIT_NAMED,
    UNIT_TITLE_LINE,
    YEAR,
)
from schemas import Meta

_HEAD = 4000  # characters of the document's beginning that name the unit and the year


def detect_meta(doc: Normalized, chunks: list[Chunk]) -> Meta:
    text = doc.text
    head = text[:_HEAD]
    return Meta(unit=_unit(text, head), fiscal_year=report_year(head or text), kinds=_kinds(text, chunks))


def report_year(text: str) -> int | None:
    """The year the report is on: the year it settles ("2021年“三公”经费决算情况") where it says so, else the year it
    names most (a sentence that goes on from a year to its 决算 or 执行数 settles it too, where no year is settled
    nearer); a year it compares with ("较2022年度决算数") counts for neither. Of years named equally often the
    latest wins: a report looks back on earlier years, never settles a later one."""
    for pattern in (SETTLED_YEAR, SETTLED_YEAR_FAR, YEAR):
        years = Counter(
            int(m.group(1))
            for m in pattern.finditer(text)
            if 2000 <= int(m.group(1)) <= 2035 and not COMPARED_YEAR_BEFORE.search(text[max(0, m.start() - 3) : m.start()])
        )
        if years:
            return max(years, key=lambda year: (years[year], year))
    return None


def _unit(text: str, head: str) -> str | None:
    for line in head.split("\n")[:40]:  # a unit-wide form's own label cell (部门（单位）名称 | 某馆) names the unit
        labeled = UNIT_FORM_LABEL.match(line.strip().lstrip(UNIT_FORM_LEADING))
        if labeled and labeled.group("unit") and not FORM_SEAL_MARK.match(labeled.group("unit")):
            return labeled.group("unit")
    described = UNIT_DESCRIBED.search(head)
    if described:
        return described.group(1)
    for line in head.split("\n")[:40]:
        match = UNIT_LINE.match(line.strip())
        if match:
            return match.group(1)
    match = UNIT_BEFORE_TITLE.search(head.replace(" ", ""))
    if match:
        return match.group(1)
    for line in head.split("\n")[:10]:
        clean = line.strip().strip("#* ")
        if 4 <= len(clean) <= 30 and UNIT_TITLE_LINE.search(clean) and not CELL_BREAK.search(clean):  # (no row of cells)
            return clean
    match = UNIT_DUTIES.search(text)
    if match:
        return match.group(1)
    # the organisation the text names most often, e.g. the implementer of every form
    names = Counter(UNIT_NAMED.findall(text))
    return names.most_common(1)[0][0] if names else None


def _kinds(text: str, chunks: list[Chunk]) -> list:
    kinds = []
    settled, statement = KIND_FINAL_ACCOUNTS
    if settled.search(text[:6000]) and statement.search(text):
        kinds.append("final_accounts")
    if any(c.kind == "project_form" for c in chunks) or any(c.project for c in chunks) or KIND_PROJECT_FORM.search(text):
        kinds.append("project_self_evaluation")
    if KIND_DEPARTMENT_EVALUATION.search(text):
        kinds.append("department_self_evaluation")
    return kinds
