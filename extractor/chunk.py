"""Stage `chunk`: cut the normalized text into sections, tables and project forms.

In: `Normalized`. Out: chunks in document order, each with its kind, heading trail, the project it
belongs to (if any) and its span in both the normalized and the source text. Headings come from the
hierarchy 第X部分 > 一、 > （一） > 1. > （1） and markdown `#`; a project form runs from 项目名称 /
项目支出名称 to the next form or the next top-level heading; a project self-evaluation report runs
from its title to the next report. Chunks end at line ends only, so no chunk cuts a table row, and a
prose chunk is split only after a sentence end. Pure function.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.normalize import Normalized
from extractor.tables import Line, Table, find_tables, lines_of, row_at, table_line_indices
from extractor.vocabulary import (
    FORM_START,
    FORM_TITLE,
    FORM_UNIT_LABEL,
    HEADING_PATTERNS,
    MARKDOWN_HEADING,
    PROJECT_IN_HEADING,
    REPORT_TITLE,
    REPORT_TITLE_AFTER_YEAR,
    REPORT_TITLE_END,
    WHOLE_UNIT_WORD,
)

MAX_CHUNK_CHARS = 2400
_HEADING_MAX_CHARS = 60
_CLAUSE_MARK = re.compile(r"[，,；;]")
_SPACES = re.compile(r"\s+")
_INLINE_HEADING = re.compile(r"^(.{3,24}?)。(?=.)")
_DECORATION = re.compile(r"^[#*\s]+|[*\s]+$")
_FORM_HEADER_KINDS = frozenset({"indicators", "budget"})


@dataclass(frozen=True)
class Chunk:
    id: int
    kind: str  # "section" | "table" | "project_form"
    heading: str
    trail: tuple[str, ...]
    project: str | None  # the project report or form this chunk belongs to
    start: int  # span in the normalized text
    end: int
    source_start: int  # span in the source text
    source_end: int
    text: str


def chunk(doc: Normalized, max_chars: int = MAX_CHUNK_CHARS) -> list[Chunk]:
    lines = lines_of(doc.text)
    tables = find_tables(lines)
    in_table = table_line_indices(lines, tables)
    forms = _form_spans(lines, tables, in_table)
    builder = _Builder(doc, max_chars)
    trail: list[tuple[int, str]] = []
    project: str | None = None
    i = 0
    while i < len(lines):
        form_end = forms.get(i)
        if form_end is not None:
            builder.flush()
            builder.add_block("project_form", lines[i:form_end], _trail(trail), _form_name(lines[i:form_end], tables))
            i = form_end
            continue
        line = lines[i]
        level, heading = (None, line.text) if i in in_table else heading_of(line.text)
        if level is not None:
            builder.flush()
            if REPORT_TITLE.search(heading):
                # a whole-department (整体支出) self-evaluation is about the unit, not a project
                trail, project = [(0, heading)], None if WHOLE_UNIT_WORD in heading else _report_project(heading)
            else:
                while trail and trail[-1][0] >= level:
                    trail.pop()
                trail.append((level, heading))
                named = PROJECT_IN_HEADING.search(heading)
                if named:
                    project = named.group("name")
                elif project is not None and not any(level > lv for lv, h in trail[:-1] if _mentions(h, project)):
                    project = None
            builder.heading(line, _trail(trail), project)
        else:
            builder.body(line, i in in_table)
        i += 1
    builder.flush()
    return builder.chunks


def heading_of(text: str) -> tuple[int | None, str]:
    """The heading level of a line (1 outermost) and its text, or (None, text) for body lines."""
    stripped = _DECORATION.sub("", text)
    if not stripped or "\t" in text:
        return None, text
    markdown = MARKDOWN_HEADING.match(text)
    for level, pattern in HEADING_PATTERNS:
        if pattern.match(stripped):
            clauses = len(_CLAUSE_MARK.findall(stripped))
            prose = clauses >= 2 and len(stripped) > 24  # "(一)绩效目标设置容易被高估,部分…,难以制定": a sentence
            if len(stripped) <= _HEADING_MAX_CHARS and not stripped.rstrip("。").count("。") and not prose:
                return level, stripped
            inline = _INLINE_HEADING.match(stripped)
            if inline:  # "(二)项目绩效目标。编制…": a short heading with its body on the same line
                return level, inline.group(1)
            return None, text
    if markdown:
        return min(len(markdown.group(1)), 6), stripped
    if REPORT_TITLE.search(stripped) and len(stripped) <= 80:
        return 0, stripped
    return None, text


def _mentions(heading: str, project: str) -> bool:
    return _SPACES.sub("", project) in _SPACES.sub("", heading)


def _report_project(title: str) -> str:
    """The project a report title names: the words before 项目支出/绩效自评报告, after the year."""
    name = REPORT_TITLE_END.sub("", _SPACES.sub("", title))
    match = REPORT_TITLE_AFTER_YEAR.search(name)
    return match.group(1) if match else name


def _form_name(lines: list[Line], tables: list[Table]) -> str | None:
    """The name after the form's 项目名称 label: the rest of the label's cell, else the next cell (or the rest
    of the line, for a form that is not a table)."""
    for line in lines:
        if not FORM_START.match(line.text):
            continue
        row = row_at(tables, line.start)
        if row is None:
            rest = FORM_START.sub("", line.text, count=1).strip()
            if not rest:  # the label on a line of its own (one cell per line): the name is on the next line
                k = lines.index(line)
                rest = next((ln.text.strip() for ln in lines[k + 1 : k + 3] if ln.text.strip()), "")
            return rest or None
        cells = row.filled()
        label = next((k for k, cell in enumerate(cells) if FORM_START.match(cell.text)), None)
        if label is None:
            return None
        rest = FORM_START.sub("", cells[label].text, count=1).strip()
        if not rest and label + 1 < len(cells):
            rest = cells[label + 1].text
        return rest or None
    return None


def _form_start(line: Line, tables: list[Table]) -> bool:
    """Whether a line opens a project form: its text, or in a table its row's first cell, starts with 项目名称."""
    row = row_at(tables, line.start) if tables else None
    if row is None:
        return FORM_START.match(line.text) is not None
    if row.start != line.start:
        return False  # the second line of a row written over lines
    cells = row.filled()
    return bool(cells) and FORM_START.match(cells[0].text) is not None


def _form_spans(lines: list[Line], tables: list[Table], in_table: set[int]) -> dict[int, int]:
    """Map first line -> end line (exclusive) of every project form."""
    starts = [i for i, line in enumerate(lines) if _form_start(line, tables)]
    spans: dict[int, int] = {}
    for n, start in enumerate(starts):
        first = start
        while first > 0 and FORM_TITLE.match(lines[first - 1].text.strip()) and first - 1 not in spans.values():
            first -= 1
        limit = starts[n + 1] if n + 1 < len(starts) else len(lines)
        end = limit
        for j in range(start + 1, limit):
            level, heading = (None, "") if j in in_table else heading_of(lines[j].text)
            if (level is not None and level <= 1) or (level == 0):
                end = j
                break
        if end == limit:  # the next form's title lines belong to the next form
            while end > start + 1 and FORM_TITLE.match(lines[end - 1].text.strip()):
                end -= 1
        if _unit_label(lines[start], tables) and not _holds_form_table(lines[start].start, lines[end - 1].end, tables):
            continue  # a unit's name on a cover or above a final-accounts table: no form, its text stays the report's
        spans[first] = end
    return spans


def _unit_label(line: Line, tables: list[Table]) -> bool:
    """Whether a form start is a whole unit's name label (部门（单位）名称), by its line or its row's first cell."""
    row = row_at(tables, line.start) if tables else None
    cells = row.filled() if row is not None else []
    return bool(FORM_UNIT_LABEL.match(cells[0].text if cells else line.text))


def _holds_form_table(start: int, end: int, tables: list[Table]) -> bool:
    """Whether a stretch of text holds a table with a form's header words (its budget block or its indicators)."""
    return any(t.start < end and t.end > start and any(h.kind in _FORM_HEADER_KINDS for h in t.headers) for t in tables)


def _trail(trail: list[tuple[int, str]]) -> tuple[str, ...]:
    return tuple(h for _, h in trail)


class _Builder:
    """Accumulates body lines into chunks: prose split at sentence ends, tables kept whole."""

    def __init__(self, doc: Normalized, max_chars: int) -> None:
        self.doc = doc
        self.max_chars = max_chars
        self.chunks: list[Chunk] = []
        self.trail: tuple[str, ...] = ()
        self.project: str | None = None
        self.pending: list[Line] = []
        self.pending_table = False

    def heading(self, line: Line, trail: tuple[str, ...], project: str | None) -> None:
        self.trail, self.project = trail, project
        self.pending = [line]
        self.pending_table = False

    def body(self, line: Line, is_table: bool) -> None:
        if self.pending and is_table != self.pending_table and not self._only_heading():
            self.flush()
        if not self.pending or self._only_heading():
            self.pending_table = is_table
        if self.pending and not is_table and self._size() + len(line.text) > self.max_chars:
            last = self.pending[-1].text.rstrip()
            if last.endswith(("。", "！", "？", "；")) or self._size() > 2 * self.max_chars:
                self.flush()
        self.pending.append(line)

    def _only_heading(self) -> bool:
        return len(self.pending) == 1 and heading_of(self.pending[0].text)[0] is not None

    def _size(self) -> int:
        return sum(len(line.text) + 1 for line in self.pending)

    def flush(self) -> None:
        if self.pending:
            self.add_block("table" if self.pending_table else "section", self.pending, self.trail, self.project)
        self.pending = []
        self.pending_table = False

    def add_block(self, kind: str, lines: list[Line], trail: tuple[str, ...], project: str | None) -> None:
        start, end = lines[0].start, lines[-1].end
        source_start, source_end = self.doc.to_source(start, end)
        heading = trail[-1] if trail else ""
        self.chunks.append(
            Chunk(
                id=len(self.chunks),
                kind=kind,
                heading=heading,
                trail=trail,
                project=project,
                start=start,
                end=end,
                source_start=source_start,
                source_end=source_end,
                text=self.doc.text[start:end],
            )
        )
