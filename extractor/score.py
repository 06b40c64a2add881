"""Stage `score`: a confidence in [0, 1] for every reviewable field, with the flags behind it.

In: the record, the reconcile `Support` per JSON Pointer, the validation findings. Out:
`assessments`, keyed by JSON Pointer. A field under the threshold is flagged for review; the
threshold (`DEFAULT_THRESHOLD`) was chosen on the dev gold so that unflagged fields are almost never
wrong (see README, "Confidence").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.ground import SourceIndex, fold
from extractor.ground_candidates import number_in_text
from extractor.reconcile import Merged, Support
from extractor.validate import Finding
from extractor.vocabulary import (
    CELL_BREAK,
    FORM_TITLE_LINE_MAX,
    LEVEL1_INDICATORS,
    NAME_AFTER_LABEL,
    NAME_BEFORE_TITLE_KIND,
    NAME_HOLDS_CELLS,
    NAME_MAX_CHARS,
    NOT_A_PROJECT_NAME,
    NOT_A_TITLE_LINE,
    NUMERAL_CHARACTERS,
    TITLE_LINE_EDGE,
    UNIT_NAME_LABELS,
)
from schemas import Assessment, Indicator, Record
from schemas.catalog import SUBJECT_KEYS
from schemas.pointers import reviewable_pointers

DEFAULT_THRESHOLD = 0.8

_REASONS = {
    "ungrounded": "the evidence quote was not found in the source",
    "number_not_in_quote": "the number is not in its evidence quote",
    "values_disagree": "places in the document state different values",
    "extractors_disagree": "the rules and the model disagree",
    "llm_only": "only the model found this value",
    "label_missing": "the text lost the label this value belongs to",
    "sum_mismatch": "parts and total do not add up",
    "share_mismatch": "the stated share does not match part / total",
    "rate_mismatch": "the execution rate does not match executed / budget",
    "yoy_mismatch": "the change in percent does not match the change over last year's amount",
    "score_over_weight": "the score is higher than the weight",
    "weak_rule": "found by a fallback rule",
    "unsure_split": "the row was cut from text that does not mark its cells: a cell may belong to its neighbour",
    "fuzzy_evidence": "the evidence quote matches the source only approximately",
    "unknown_level": "the first-level indicator is not one of " + "/".join(LEVEL1_INDICATORS),
    "unknown_unit": "the unit is not a unit: the target may have been cut",
    "row_shape": "the row lost a cell: its values may sit one column off",
    "cell_not_in_quote": "the cell's text is not in its row's quote where the cell stands (nor, for a table "
    "that states targets apart, in the project's text)",
    "not_a_percent": "the quote writes this number, but not as a percentage",
    "glued_number": "two numbers run together in one cell: the value is only one reading of them",
    "row_joined": "the row's name holds another row's cells (a level's name, a run of numbers): two rows read as one",
    "not_in_project_text": "the project's name or code is not written in its part of the source",
    "example_echo": "the model repeated its prompt's own example, not the text",
    "label_as_name": "the project's name is a label or heading word of the form, not a name",
    "name_missing": "no name was found for this project: its rows may belong to another project or to none",
    "name_holds_cells": "the project's name holds a table's cells (a column head's money unit, or more text than a "
    "name): its rows and money may belong to another project",
    "cell_has_bar": "the value holds a table's bar ('|', '│'): the cell's edge was not found, its text may run into "
    "the next cell's",
    "not_named_there": "the text writes this name only where no project is named (an indicator's cell, a label, a "
    "sentence about something else): never after a project-name label nor as a title",
    "row_name_unsure": "the row's name is held for review: its cells may be another row's",
    "project_name_unsure": "the project's name is a label, missing or holds a table's cells: the form's columns may be "
    "mistaken and this value may belong to another project or to none",
    "cell_cut": "a line below the row holds cell text that no row took: a cell of this row may be cut (a page break)",
    "subject_guessed": "the sentence does not say whose figure this is: it was read as the last figure of the sentence "
    "before, which stated several",
    "basis_guessed": "the sentence does not say what this change is compared with: it was read as the change on last "
    "year",
}
_ROW_CELLS = ("name", "target", "actual", "weight", "score", "deviation_reason")


@dataclass
class _Field:
    confidence: float
    flags: list[str] = field(default_factory=list)
    bonus: list[str] = field(default_factory=list)

    def cap(self, limit: float, flag: str) -> None:
        self.confidence = min(self.confidence, limit)
        if flag not in self.flags:
            self.flags.append(flag)


def score(record: Record, merged: Merged, findings: list[Finding], index: SourceIndex) -> dict[str, Assessment]:
    data = record.model_dump()
    by_pointer: dict[str, list[Finding]] = {}
    for finding in findings:
        for pointer in finding.pointers:
            by_pointer.setdefault(pointer, []).append(finding)
    assessments: dict[str, Assessment] = {}
    states: dict[str, tuple[_Field, Support]] = {}
    texts = project_texts(record, index.source)
    for pointer, value in reviewable_pointers(data):
        support = merged.support.get(pointer) or Support(sources={"rules"}, specificity=0.5)
        state = _from_support(support)
        for finding in by_pointer.get(pointer, []):
            if finding.held:
                state.confidence = min(0.99, state.confidence + 0.05)
                state.bonus.append(finding.rule)
            else:
                state.cap(0.4, finding.flag)
        if _label_missing(record, pointer):
            state.cap(0.5, "label_missing")
        if not _cell_in_text(record, pointer, texts):
            state.cap(0.5, "cell_not_in_quote")
        if "rules" not in support.sources and not _project_value_in_text(record, pointer, texts):
            state.cap(0.4, "not_in_project_text")
        if "rules" not in support.sources and not _named_where_projects_are(record, pointer, index):
            state.cap(0.4, "not_named_there")
        if _name_is_label(record, pointer):
            state.cap(0.2, "label_as_name")
        if _name_is_missing(record, pointer):
            state.cap(0.2, "name_missing")
        if _name_holds_cells(record, pointer):
            state.cap(0.4, "name_holds_cells")
        if _holds_a_bar(value):
            state.cap(0.4, "cell_has_bar")
        states[pointer] = (state, support)
    _rows_follow_their_names(states)
    for pointer, (state, support) in states.items():
        assessments[pointer] = Assessment(
            confidence=round(state.confidence, 3),
            flags=state.flags,
            source="+".join(sorted(support.sources)),
            reasons=[_REASONS.get(f, f) for f in state.flags] + [f"checked by {rule}" for rule in state.bonus],
        )
    return assessments


def _rows_follow_their_names(states: dict[str, tuple[_Field, Support]]) -> None:
    """A row's cells are no surer than what says whose they are: the row's name and its project's name.

    A row whose name is held for review (a sign or a number read as the name, a fallback rule's cut) has its
    cells read from a row whose cells may be another row's; a project named by a label ("预算数", "项目名称") is
    a form read with its columns mistaken, so its rows may belong to another project or to none. Each cell is
    capped at its row's name's confidence, and at 0.5 under a project named by a label, or by nothing where the
    record holds several projects (a lone project's rows are the form's, named or not)."""
    several = len({p.split("/")[2] for p in states if p.startswith("/projects/")}) > 1
    unsure = {"label_as_name", "name_missing", "name_holds_cells"} if several else {"label_as_name", "name_holds_cells"}
    for pointer, (state, _support) in states.items():
        parts = pointer.split("/")
        if len(parts) == 5 and parts[1] == "projects" and parts[3] == "budget":  # the project's money: its name's too
            project_name = states.get(f"/projects/{parts[2]}/name")
            if project_name is not None and "name_holds_cells" in project_name[0].flags:
                state.cap(0.5, "project_name_unsure")
            continue
        if len(parts) != 6 or parts[1] != "projects" or parts[3] != "indicators":
            continue
        row_name = states.get("/".join(parts[:5]) + "/name")
        if parts[5] != "name" and row_name is not None and row_name[0].confidence < DEFAULT_THRESHOLD:
            state.cap(row_name[0].confidence, "row_name_unsure")
        project_name = states.get(f"/projects/{parts[2]}/name")
        if project_name is not None and unsure & set(project_name[0].flags):
            state.cap(0.5, "project_name_unsure")


def _from_support(support: Support) -> _Field:
    if "rules" in support.sources:
        state = _Field(0.7 + 0.2 * support.specificity)
        if support.specificity < 0.5:
            state.flags.append("weak_rule")
    else:
        # a model's value alone starts just above the threshold: what holds it back is what the source says
        # against it (quote not found, number or cell not where the quote has it, arithmetic that fails)
        state = _Field(0.82, ["llm_only"])
    if support.places >= 2 and not support.disagree:
        state.confidence = min(0.99, state.confidence + 0.05 * (support.places - 1))
    if {"rules", "llm"} <= support.sources and not support.disagree:
        state.confidence = min(0.99, state.confidence + 0.1)
    if support.disagree:
        state.cap(0.4, "extractors_disagree" if support.disagree_sources else "values_disagree")
    if not support.grounded:
        state.cap(0.2, "ungrounded")
    for flag in support.flags:
        if flag in ("number_not_in_quote", "example_echo"):
            state.cap(0.2, flag)
        elif flag in ("not_a_percent", "glued_number"):
            state.cap(0.4, flag)
        elif flag in ("fuzzy_evidence", "unsure_split", "basis_guessed") or (
            flag == "subject_guessed" and support.places < 2  # (another place stating the same value settles whose it is)
        ):
            state.cap(0.6, flag)
    return state


def project_texts(record: Record, source: str) -> list[str]:
    """Each project's stretch of the source, folded: from its evidence to the next project's (in document order)."""
    size = len(source)
    starts = sorted((p.evidence.start if p.evidence.start is not None else size, i) for i, p in enumerate(record.projects))
    texts = [""] * len(record.projects)
    for k, (start, i) in enumerate(starts):
        texts[i] = fold(source[start : starts[k + 1][0] if k + 1 < len(starts) else size])[0]
    return texts


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return fold(text)[0]


def _cell_in_text(record: Record, pointer: str, texts: list[str]) -> bool:
    """An indicator cell is written in its row's quote, or (a table that states targets and scores apart) in its
    project's text; other fields are not checked here."""
    parts = pointer.split("/")
    if len(parts) != 6 or parts[1] != "projects" or parts[3] != "indicators" or parts[5] not in _ROW_CELLS:
        return True
    indicator = record.projects[int(parts[2])].indicators[int(parts[4])]
    field = parts[5]
    value = getattr(indicator, field)
    if value is None:
        return True
    quote = indicator.evidence.quote
    if isinstance(value, int | float):
        if number_in_text(value, quote):
            return True
        needle = f"{value:g}"
    else:
        folded = _folded(quote)
        at = _cell_at(folded, indicator.name, 0)
        if field == "actual" and indicator.target:
            target_at = _cell_at(folded, indicator.target, at)
            at = target_at + len(_folded(indicator.target)) if target_at >= 0 else at
        if _cell_at(folded, value, 0 if field == "name" else at) >= 0:
            return True
        needle = _folded(value)
    return _stated_apart(indicator, field) and needle in texts[int(parts[2])]


def _project_value_in_text(record: Record, pointer: str, texts: list[str]) -> bool:
    """A project's name or code is written in the project's stretch of the source; other fields are not checked
    here. Asked of a model's values alone: a small model names projects by words the text does not hold and takes
    the prompt's block ids for codes."""
    parts = pointer.split("/")
    if len(parts) != 4 or parts[1] != "projects" or parts[3] not in ("name", "code"):
        return True
    value = getattr(record.projects[int(parts[2])], parts[3])
    return not value or _folded(str(value)) in texts[int(parts[2])]


_LABEL_WORDS = frozenset(fold(word)[0] for word in NOT_A_PROJECT_NAME)
# a label torn at a line or cell break ("项目主管单" of 项目主管单位): a label's first characters, three at least
_TORN_LABELS = frozenset(word[:n] for word in _LABEL_WORDS for n in range(3, len(word)))
_LABEL_DECORATION = "：:*#　 \t"


def _name_is_label(record: Record, pointer: str) -> bool:
    """A project's name that is only a label, column head or section title of the form ("项目名称", "二级指标"): what
    a reader (a small model, mostly) writes when it found no name. Other fields are not checked here."""
    parts = pointer.split("/")
    if len(parts) != 4 or parts[1] != "projects" or parts[3] != "name":
        return False
    name = record.projects[int(parts[2])].name
    folded = _folded(name.strip(_LABEL_DECORATION)) if name else ""
    return folded in _LABEL_WORDS or folded in _TORN_LABELS


_BAR = re.compile(r"[|\u2500-\u257f]")


def _holds_a_bar(value: object) -> bool:
    """A text value with a table's bar in it ('100% | |||', '某某项目│'): a reader missed the cell's edge, so the
    text may hold a neighbour's cell or lose its own end. Any field."""
    return isinstance(value, str) and _BAR.search(value) is not None


def _name_is_missing(record: Record, pointer: str) -> bool:
    """A project the reader found rows and money for but no name ('', or only punctuation, or a table's bar
    '|' read as the name cell, or a lone character or numeral — a section's "二", a page's "3" — that a small model
    took for one): whose rows they are is unknown, so the name is never sure."""
    parts = pointer.split("/")
    if len(parts) != 4 or parts[1] != "projects" or parts[3] != "name":
        return False
    name = record.projects[int(parts[2])].name or ""
    letters = [ch for ch in name if ch.isalnum()]  # (CJK is alphanumeric)
    return len(letters) < _NAME_MIN_LETTERS or all(ch in _NUMERALS for ch in letters)


_NAME_MIN_LETTERS = 2
_NUMERALS = frozenset(NUMERAL_CHARACTERS)


def _name_holds_cells(record: Record, pointer: str) -> bool:
    """A project's name that holds a table's cells: a column head's money unit in brackets ("分配金额（万元）1某某委…",
    a list's header and rows read as one name) or more text than a form's name cell holds."""
    parts = pointer.split("/")
    if len(parts) != 4 or parts[1] != "projects" or parts[3] != "name":
        return False
    name = record.projects[int(parts[2])].name or ""
    return NAME_HOLDS_CELLS.search(name) is not None or len(name) > NAME_MAX_CHARS


def _named_where_projects_are(record: Record, pointer: str, index: SourceIndex) -> bool:
    """A project's name is written somewhere a document names a project: right after a name label (项目名称, on its
    line or the line above), in the cell after a unit-wide form's unit label, as a title line of its own, or before
    a title's kind (…绩效评价报告). Asked of a model's names alone: a small model takes an
    indicator's name, a budget block's label or a word of a sentence for a project. Other fields are not checked."""
    parts = pointer.split("/")
    if len(parts) != 4 or parts[1] != "projects" or parts[3] != "name":
        return True
    name = _folded(record.projects[int(parts[2])].name or "")
    if not name:
        return True
    source, at = index.source, index.folded.find(name)
    while at >= 0:
        span = index.to_source(at, at + len(name))
        if _names_a_project_at(source, span.start, span.end, index.folded[at + len(name) : at + len(name) + 24]):
            return True
        at = index.folded.find(name, at + 1)
    return False


def _names_a_project_at(source: str, start: int, end: int, folded_after: str) -> bool:
    """Whether a name written at [start, end) stands where a document names a project (see vocabulary.py)."""
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", end)
    line = re.sub(r"\s*\n\s*", "", source[line_start : line_end if line_end >= 0 else len(source)])
    raw_before = source[line_start:start]
    before = _folded(raw_before)
    if not before.strip(TITLE_LINE_EDGE):  # the name opens its line: the label may stand on the line above
        above = source.rfind("\n", 0, max(line_start - 1, 0)) + 1
        raw_before = source[above:start]
        before = _folded(raw_before)
    last_cell = CELL_BREAK.split(raw_before.rstrip(" \t|:：*\n"))[-1].strip(" *")
    title = line.strip(TITLE_LINE_EDGE)
    return bool(
        NAME_AFTER_LABEL.search(before)
        or last_cell in UNIT_NAME_LABELS
        or NAME_BEFORE_TITLE_KIND.match(folded_after)
        or (len(title) <= FORM_TITLE_LINE_MAX and not NOT_A_TITLE_LINE.search(title))
    )


def _cell_at(folded_quote: str, cell: str | None, after: int) -> int:
    """Where a cell's text starts in a folded quote, at or after `after` (-1 when it is not there)."""
    return folded_quote.find(_folded(cell), after) if cell else -1


_CELL_GROUPS = (("target", "actual"), ("weight", "score", "deviation_reason"))


def _stated_apart(indicator: Indicator, field: str) -> bool:
    """Whether the row's quote holds none of the cells of `field`'s group (targets and results; weights, scores
    and reasons): a report that states them in another table of the project (001's two tables per project)."""
    quote = indicator.evidence.quote
    group = next((g for g in _CELL_GROUPS if field in g), ())
    for name in group:
        value = getattr(indicator, name)
        if value is None:
            continue
        if number_in_text(value, quote) if isinstance(value, int | float) else _folded(value) in _folded(quote):
            return False
    return bool(group)


def _label_missing(record: Record, pointer: str) -> bool:
    parts = pointer.split("/")
    if len(parts) == 4 and parts[1] == "figures":
        figure = record.figures[int(parts[2])]
        return figure.key in SUBJECT_KEYS and figure.subject is None
    return False
