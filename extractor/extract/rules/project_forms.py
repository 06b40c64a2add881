"""Rules for project self-evaluation forms (项目支出绩效自评表), tab-separated or torn.

In: `project_form` chunks. Out: one project candidate per form: name, code, department,
implementer, the budget block of the 总额 row, every indicator row, the total score, and the
conclusion / problems / measures cells, each value with the span it was read from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace

from extractor.chunk import Chunk
from extractor.extract.base import Candidate
from extractor.extract.evidence import evidence_for
from extractor.extract.rules.budget_block import block_budget
from extractor.extract.rules.form_title import title_project, unit_form_name
from extractor.extract.rules.goal_funds import goal_funds
from extractor.extract.rules.goal_statements import stated_rows
from extractor.extract.rules.indicator_cells import level_of, number
from extractor.extract.rules.indicator_rows import Row, torn_rows, tsv_rows
from extractor.extract.rules.indicator_table import indicator_rows
from extractor.extract.rules.project_lists import listed_projects, lists_projects
from extractor.normalize import Normalized
from extractor.tables import Header, Line, Table, find_tables, lines_of
from extractor.tables import Row as TableRow
from extractor.tables.glued import score_pair
from extractor.tables.roles import is_label
from extractor.vocabulary import (
    BUDGET_CELL_UNIT,
    FORM_BUDGET_HEADER_FIELDS,
    FORM_BUDGET_HEADER_WORD,
    FORM_BUDGET_MONEY_UNIT,
    FORM_BUDGET_ROW,
    FORM_BUDGET_ROW_CELL,
    FORM_BUDGET_YEAR_WORD,
    FORM_DEPARTMENT_LABELS,
    FORM_GOAL_CELL,
    FORM_GOAL_HEADERS,
    FORM_GOAL_INSIDE,
    FORM_GOAL_LABEL,
    FORM_GOAL_LABEL_PIECE,
    FORM_GOAL_NEXT_BLOCK,
    FORM_GOAL_STOP,
    FORM_IMPLEMENTER_LABELS,
    FORM_INDICATOR_HEADER,
    FORM_LABELS,
    FORM_LEVELED_DEPARTMENT,
    FORM_NAME_END,
    FORM_NAME_IN_PROSE,
    FORM_NAME_INSIDE,
    FORM_NAME_LABEL,
    FORM_NOT_A_PARTY,
    FORM_PARTY_LABEL_TAIL,
    FORM_PARTY_LABELS,
    FORM_PARTY_STOP,
    FORM_SCORE_CELL,
    FORM_SCORE_TOTAL,
    FORM_SEAL,
    FORM_SELF_SCORE,
    FORM_TEMPLATE_HINT,
    FORM_TEXT_LABELS,
    FORM_TEXT_STOP,
    FORM_TITLE_AS_NAME,
    FORM_TORN_INDICATOR_HEADER,
    FORM_TOTAL,
    FORM_UNIT_LABEL,
    GOAL_LONG_TERM_BLOCK,
    GOAL_YEAR_BLOCK,
    INDICATOR_WORD,
    LEVEL1_INDICATORS,
    LEVEL2_INDICATORS,
    LEVEL_HEADER_CELLS,
    PROJECT_LIST_SCALE,
    UNSURE_SPLIT,
)
from schemas import Budget, Indicator, Narrative, Project

_CODE_NAME = re.compile(r"^\s*([0-9A-Z]{12,30})\s*[-－—–_]\s*(.+)$")
_LINE_BREAK = re.compile(r"\s*\n\s*")
_SCORE_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SPACES = re.compile(r"\s+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# a unit's code before its name ("219001-…", "[015001]…")
_UNIT_CODE = re.compile(r"^(?:\d{3,}\s*[-－—]\s*|[\[［【]\s*\d{3,}\s*[\]］】]\s*)")
_DIGITS = re.compile(r"\d+")
_LEADING_NUMBERS = re.compile(r"[\s:：]*((?:\d+(?:\.\d+)?\s*)*)")


def form_candidates(doc: Normalized, chunks: list[Chunk]) -> Iterator[Candidate]:
    tail = _form_tail(doc, chunks)
    if tail is not None:
        yield tail
    for found in chunks:
        listed = _listed(doc, found)
        if listed:  # a goal table that lists several projects: each its own project, with its own rows
            yield from listed
            continue
        chunk = found if found.kind == "project_form" else _form_inside(found)
        if chunk is None:
            continue
        parsed = parse_form(doc, chunk)
        if parsed is None:
            continue
        project, rows = parsed
        yield Candidate(item=project, source="rules", rule="project_form", specificity=0.9, chunk_id=chunk.id,
                        row_flags=row_flags(rows))
        form = _Form(chunk)
        goal = _table_goal_span(form) if form.tables else None
        goal = goal or _goal_span(form.plain)
        if goal is not None:
            start, end, certain = goal
            evidence = evidence_for(doc, start, end)
            text = _LINE_BREAK.sub("", doc.text[start:end]).strip()
            narrative = Narrative(kind="performance_goal", scope=project.name, text=text, evidence=evidence)
            # a torn goal cut at its first sentence's end may run on: a reviewer should look
            yield Candidate(item=narrative, source="rules", rule="form_goal", specificity=0.8 if certain else 0.45,
                            chunk_id=chunk.id)  # fmt: skip


def _listed(doc: Normalized, chunk: Chunk) -> list[Candidate]:
    """The projects a goal table in the chunk lists (`project_lists`), each with its year's goal, as candidates."""
    found: list[Candidate] = []
    if not lists_projects(chunk.text):
        return found
    for listed in listed_projects(_Form(chunk).tables, doc.text):
        project = Project(name=listed.name, code=listed.code, department=listed.unit,
                          budget=Budget(initial=listed.amount),
                          evidence=evidence_for(doc, listed.name_cell.start, listed.name_cell.end))  # fmt: skip
        project.indicators = [indicator_from_row(doc, row) for row in listed.rows]
        found.append(Candidate(item=project, source="rules", rule="project_list", specificity=0.85, chunk_id=chunk.id,
                               row_flags=row_flags(listed.rows)))  # fmt: skip
        if listed.goal is not None:
            narrative = Narrative(kind="performance_goal", scope=listed.name, text=listed.goal.text,
                                  evidence=evidence_for(doc, listed.goal.start, listed.goal.end))  # fmt: skip
            found.append(Candidate(item=narrative, source="rules", rule="form_goal", specificity=0.8, chunk_id=chunk.id))
    return found


_TAIL_SPECIFICITY = 0.4  # a form whose head is not in the text: its fields want a reviewer's look
_TAIL_REACH = 8  # lines from a form's total row to its closing cells


def _closing_cell(text: str) -> bool:
    """A row of a table whose first cell is one of the form's closing labels (评价结论 | …)."""
    first, _, rest = text.strip().partition("\t")
    return first in FORM_TEXT_LABELS and bool(rest.strip())


def _form_tail(doc: Normalized, chunks: list[Chunk]) -> Candidate | None:
    """The end of a form whose head is not in the text (an excerpt or a page that starts inside a form): a total
    row, then the closing cells (评价结论 …), before any form's name label. A project without a name (the text
    does not state it), flagged for review."""
    head = next((_head_at(c) for c in chunks if c.kind == "project_form" or FORM_NAME_INSIDE.search(c.text)), None)
    before = [c for c in chunks if head is None or c.start < head]
    for chunk in before:
        form = _Form(chunk)
        plain = form.plain
        # its indicator rows, under their header or the template's columns (a project report's own are its), those
        # above the next form's name label where a table runs on into that form (a department's table, then a project's)
        rows = indicator_rows(form.tables) if chunk.project is None else []
        rows = [row for row in rows if head is None or row.end <= head]
        total = next((k for k, line in enumerate(plain) if FORM_TOTAL.match(line.text)), None)
        closing = [line for line in plain[total or 0 : (total or 0) + _TAIL_REACH] if _closing_cell(line.text)]
        if (total is None or not closing) and not rows:  # a form ends with its total row, then its closing cells
            continue
        start, end = (closing[0].start, closing[0].end) if closing else (rows[0].start, rows[0].end)
        name = _titled(doc, start) or (_unit_named(doc, start) if rows else None)
        project = Project(name=name or "", evidence=evidence_for(doc, start, end))
        if closing:
            for label, field in FORM_TEXT_LABELS.items():
                setattr(project, field, _text_after(plain, label))
        project.indicators = [indicator_from_row(doc, row) for row in rows]
        if project.conclusion is None and project.problems is None and project.measures is None and not rows:
            continue
        if rows:  # a form with no name label (a unit-wide form scraped whole): its budget block and total score too
            project.budget = _form_budget(form)
            score = FORM_SCORE_CELL.search("\n".join(line.text for line in form.lines))
            project.total_score = float(score.group(1)) if score else None
        return Candidate(item=project, source="rules", rule="form_tail", specificity=_TAIL_SPECIFICITY, chunk_id=chunk.id,
                         row_flags=row_flags(rows))
    return None


def _head_at(chunk: Chunk) -> int:
    """Where a chunk's form starts: the chunk's start for a form chunk, else its name label inside it."""
    found = FORM_NAME_INSIDE.search(chunk.text) if chunk.kind != "project_form" else None
    return chunk.start + found.start() if found is not None else chunk.start


_TITLE_WINDOW = 4000  # characters of the text above a form searched for its title


def _titled(doc: Normalized, start: int, own: list[Line] | None = None) -> str | None:
    """The project a form with no name of its own is named by in its title (`form_title`): on the form's own lines
    up to its name label (a flattened form's line opens with its title), else above the form."""
    found = title_project(own, len(own)) if own else None
    if found is None:
        above = _lines_above(doc, start)
        found = title_project(above, len(above))
    return found[0] if found is not None else None


def _unit_named(doc: Normalized, start: int) -> str | None:
    """The unit a whole unit's form with no name label is about (`form_title.unit_form_name`), from the text above."""
    above = _lines_above(doc, start)
    return unit_form_name(above, len(above))


def _lines_above(doc: Normalized, start: int) -> list[Line]:
    """The lines of the text above `start`, within the window a form's title is looked for in."""
    before = max(0, start - _TITLE_WINDOW)
    return lines_of(doc.text[before:start], before)


def _form_inside(chunk: Chunk) -> Chunk | None:
    """A form the chunker did not cut (a form flattened into a line after other text, a department's goal form):
    from its name label on, when a budget block, a goal form's money or an indicator table follow it."""
    for match in FORM_NAME_INSIDE.finditer(chunk.text):
        rest = chunk.text[match.start() :]
        lines = lines_of(rest)
        if block_budget(lines) is None and goal_funds(lines) is None and not indicator_rows(find_tables(lines)):
            continue
        return replace(chunk, kind="project_form", start=chunk.start + match.start(), text=rest)
    return None


def _table_goal_span(form: _Form) -> tuple[int, int, bool] | None:
    """The 年度目标 cell of a form's table: the first filled cell of the row after the label's row, run on over
    the lines after it that are no table's when it ends its row (its paragraphs)."""
    rows = [row for table in form.tables for row in table.rows]
    for k, row in enumerate(rows):
        label = next((i for i, cell in enumerate(row.filled())
                      if FORM_GOAL_LABEL.match(_squeezed(cell.text)) or cell.text == FORM_GOAL_CELL), None)  # fmt: skip
        if label is None:
            continue
        # the goal in the label's own row (a web page's row that runs on: 年度总体目标 | 预期目标 | 实际完成情况 | goal …)
        for following, cells in [(row, row.filled()[label + 1 :]), *((r, r.filled()) for r in rows[k + 1 : k + 5])]:
            filled = [cell for cell in cells if not _goal_header(cell.text)]
            if not filled:
                continue
            goal = filled[0]
            if _squeezed(goal.text) in _NOT_A_GOAL:  # the indicator table's words: the goal cell left empty
                if following is row:
                    continue
                return None
            end = goal.end
            if goal is filled[-1]:
                after = [line for line in form.lines if line.start > following.end]
                covered = {line.start for table in form.tables for line in form.lines if table.start <= line.start < table.end}
                for line in after:
                    if line.start in covered or not line.text.strip():
                        break
                    end = line.start + len(line.text.rstrip())
            return goal.start, end, True
        return None
    return None


_NOT_A_GOAL = frozenset({*LEVEL1_INDICATORS, *LEVEL2_INDICATORS, *LEVEL_HEADER_CELLS})


def _squeezed(text: str) -> str:
    return _SPACES.sub("", text)


def _goal_header(text: str) -> bool:
    """A cell of the goal block that is no goal: its header words, the template's instructions."""
    return _squeezed(text) in FORM_GOAL_HEADERS or bool(FORM_TEMPLATE_HINT.search(text))


def _goal_span(lines: list[Line]) -> tuple[int, int, bool] | None:
    """The 年度目标 cell: the first column under 年度总体目标 / 项目年度目标, and whether its end is sure
    (a tab-separated cell, or torn lines that run into the form's next block)."""
    for i, line in enumerate(lines):
        text = line.text.strip()
        if not FORM_GOAL_LABEL.match(text) and not FORM_GOAL_INSIDE.search(f" {text} "):
            continue
        rest = lines[i + 1 :]
        if "\t" in line.text:  # tab-separated: the next row's first non-empty cell
            for j, row in enumerate(rest[:3]):
                cells = [c for c in row.text.split("\t")]
                first = next((k for k, c in enumerate(cells) if c.strip()), None)
                if first is not None:
                    if _squeezed(cells[first]) in _NOT_A_GOAL:  # the indicator table right under it: no goal
                        return None
                    offset = row.start + sum(len(c) + 1 for c in cells[:first])
                    end = offset + len(cells[first].rstrip())
                    if not any(c.strip() for c in cells[first + 1 :]):  # the cell ends its line: its paragraphs
                        for more in rest[j + 1 :]:  # run on over lines with no cell break
                            if "\t" in more.text or not more.text.strip():
                                break
                            end = more.start + len(more.text.rstrip())
                    return offset, end, True
            return None
        goal: list[Line] = []
        certain = True
        for k, row in enumerate(rest):  # torn: the goal's lines run to the first that ends a sentence
            if FORM_GOAL_NEXT_BLOCK.match(row.text) or FORM_GOAL_STOP.match(row.text):
                break
            if not goal and (FORM_GOAL_LABEL_PIECE.match(row.text.strip()) or _goal_header(row.text)):
                continue  # the rest of the torn labels beside it ("本情况 年度目", "标完成", "情况"), a page number
            goal.append(row)
            if row.text.rstrip().endswith("。"):
                following = next((r for r in rest[k + 1 :] if r.text.strip()), None)
                certain = following is None or bool(FORM_GOAL_NEXT_BLOCK.match(following.text))
                break
        if not goal or not any(_CJK.search(row.text) for row in goal):  # no words: no goal ("43.2 / 37.24")
            return None
        return goal[0].start, goal[-1].end, certain
    return None


def _lines(chunk: Chunk) -> list[Line]:
    return lines_of(chunk.text, chunk.start)


class _Form:
    """A form chunk's lines, its tables, and `plain`: the lines with each table row written as its cells'
    texts joined by tabs (at the line where the row starts; the row's other lines and a table's own lines,
    such as `<table>`, empty), so the label readers see one shape whatever the layout."""

    def __init__(self, chunk: Chunk) -> None:
        self.lines = _lines(chunk)
        self.tables = find_tables(self.lines)
        self.plain = list(self.lines)
        k = 0
        for table in self.tables:
            while k < len(self.lines) and self.lines[k].end < table.start:
                k += 1
            rows = {row.start: row for row in table.rows}
            while k < len(self.lines) and self.lines[k].start < table.end:
                row = rows.get(self.lines[k].start)
                text = "\t".join(cell.text for cell in row.cells).rstrip("\t") if row is not None else ""
                self.plain[k] = Line(self.lines[k].start, text)
                k += 1


def parse_form(doc: Normalized, chunk: Chunk) -> tuple[Project, list[Row]] | None:
    """The project a form chunk states, with the indicator rows it was read from (their `sure` marks)."""
    form = _Form(chunk)
    lines = form.plain
    head = next((i for i, line in enumerate(lines) if FORM_NAME_LABEL.match(line.text)
                 and not FORM_NAME_IN_PROSE.match(line.text)), None)  # fmt: skip
    if head is None:
        return None
    name, code = _name_code(lines[head].text)
    if not name:  # the label on a line of its own (one cell per line): the name is the next line (and its wraps)
        # (lines of empty cells between them: a label merged over two columns, bars left for empty cells)
        at = next((k for k in range(head + 1, min(head + _NAME_AHEAD, len(lines))) if lines[k].text.strip()), None)
        following = _wrapped(lines, at) if at is not None else ""
        following = "" if is_label(following.split("\t")[0]) else following  # (a header's cell after an empty label)
        name, code = _name_code(FORM_NAME_LABEL.match(lines[head].text).group() + following)  # type: ignore[union-attr]
    if not name or FORM_NAME_LABEL.match(name) or FORM_TITLE_AS_NAME.search(name):
        # (a form's title glued after an empty 项目名称 label by a scraping site: no name stated) the title may name it
        name = _titled(doc, form.lines[head].start, form.lines[: head + 1])
    rows = _years_rows(form.lines, indicator_rows(form.tables) or _indicator_rows(form.lines) or stated_rows(form.lines))
    if not name and not rows:
        return None  # (a form whose name label is left empty, above its indicator rows: a nameless project)
    name = name or ""
    budget = _form_budget(form)
    if FORM_UNIT_LABEL.match(lines[head].text) and not rows and not _stated(budget):
        return None  # a unit's name on a report's cover, not a form: no budget block, no indicator rows
    project = Project(
        name=name,
        code=code,
        department=_party(lines, FORM_DEPARTMENT_LABELS) if not _levels_departments(lines) else None,
        implementer=_party(lines, FORM_IMPLEMENTER_LABELS),
        budget=budget,
        evidence=evidence_for(doc, form.lines[head].start, form.lines[head].end),
    )
    project.indicators = [indicator_from_row(doc, row) for row in rows]
    project.total_score = _total_score(lines)
    if project.total_score is None:
        project.total_score = _table_total(form.tables)
    if project.total_score is None:
        project.total_score = _score_column_total(form.tables)
    for label, field in FORM_TEXT_LABELS.items():
        setattr(project, field, _text_after(lines, label))
    if project.total_score is None and project.conclusion:
        match = FORM_SELF_SCORE.search(project.conclusion)
        project.total_score = float(match.group(1)) if match else None
    if project.total_score is None:  # a labeled cell of the form's head ("自评得分 | 98")
        match = FORM_SCORE_CELL.search("\n".join(line.text for line in lines))
        project.total_score = float(match.group(1)) if match else None
    return project, rows


def _years_rows(lines: list[Line], rows: list[Row]) -> list[Row]:
    """The rows of the year's block of a goal form that sets long-term indicators and then the year's (长期绩效指标 …
    年度绩效指标 …): the year's are its targets; all rows where the form sets one block."""
    long_term = [line.start + m.start() for line in lines for m in GOAL_LONG_TERM_BLOCK.finditer(line.text)]
    year = [line.start + m.start() for line in lines for m in GOAL_YEAR_BLOCK.finditer(line.text)]
    after = [at for at in year if long_term and at > long_term[0]]
    if not after:
        return rows
    return [row for row in rows if row.start > after[0]] or rows


def _name_code(text: str) -> tuple[str | None, str | None]:
    cells = FORM_NAME_LABEL.sub("", text, count=1).strip().strip("\t").split("\t")
    rest = cells[0]
    for following in cells[1:]:  # a year parted from its 年 by a PDF space ("2020 | 年市级…"): one name
        if not _DIGITS.fullmatch(rest.strip()) or not following.strip() or is_label(following) or FORM_NAME_END.match(following):
            break
        rest += following.strip()
    rest = FORM_NAME_END.split(rest)[0].strip()
    match = _CODE_NAME.match(rest)
    if match:
        return _SPACES.sub("", match.group(2)) or None, match.group(1)
    return rest or None, None


_NAME_AHEAD = 6  # lines after a name label on a line of its own that its name is looked for in (empty ones skipped)
_HEAD_LINES = 12  # lines of a form's head its parties are looked for in


def _party(lines: list[Line], labels: tuple[re.Pattern[str], ...]) -> str | None:
    """A party of the form (its department, its implementer): the value after the first of its labels the form's
    head writes (a label named more closely before a wider one: 地方主管部门 before 主管部门)."""
    head = lines[:_HEAD_LINES]
    label = next((label for label in labels if any(label.search(line.text) for line in head)), None)
    return _after_label(head, label) if label is not None else None


def _levels_departments(lines: list[Line]) -> bool:
    """Whether the form's head names the 主管部门 of two government levels or more (省级 | 市级 | 县级): none is its own."""
    return len({m.group(1) for line in lines[:_HEAD_LINES] for m in FORM_LEVELED_DEPARTMENT.finditer(line.text)}) >= 2


def _after_label(lines: list[Line], label: re.Pattern[str]) -> str | None:
    for i, line in enumerate(lines[:_HEAD_LINES]):
        found = label.search(line.text)
        if found is None:
            continue
        rest = line.text[found.end() :]
        rest = FORM_PARTY_LABEL_TAIL.sub("", rest)
        if _next_party_filled(rest):  # "主管部门 实施单位 某某局": the label's own cell is empty, no line below fills it
            return None
        rest = FORM_PARTY_STOP.split(rest)[0]
        rest = FORM_SEAL.sub("", rest).strip(" \t:：")
        if not rest:
            for k in range(i + 1, min(i + 4, len(lines))):
                candidate = FORM_SEAL.sub("", lines[k].text).strip(" \t:：")
                if candidate and not FORM_NOT_A_PARTY.match(candidate):
                    rest = FORM_SEAL.sub("", _wrapped(lines, k)).strip(" \t:：")
                    break
        value = _UNIT_CODE.sub("", rest.split("\t")[0].strip())
        return value or None
    return None


def _next_party_filled(rest: str) -> bool:
    """Whether the text after a party label is the other party's label with its value ("实施单位 某某局"): the label
    names an empty cell. (The two labels alone on their line head a row of values below: that row is read.)"""
    other = FORM_PARTY_LABELS.match(rest.lstrip(_CELL_EDGES))
    return other is not None and bool(FORM_SEAL.sub("", rest.lstrip(_CELL_EDGES)[other.end() :]).strip(_CELL_EDGES))


_CELL_EDGES = " \t:：|"
_WRAP_LINES = 3  # lines a wrapped head cell (a name, a unit) runs on over


def _wrapped(lines: list[Line], k: int) -> str:
    """A head cell written alone on its line, with the lines it wraps onto in torn PDF text ("公共文化服务运行维" /
    "护经费"): each no longer than the one before, none a form label or a piece of one, no blank line between."""
    text = lines[k].text.strip()
    previous = text
    for line in lines[k + 1 : k + 1 + _WRAP_LINES]:
        piece = line.text.strip()
        if not piece or "\t" in line.text or len(piece) > len(previous) or _label_piece(piece):
            break
        text, previous = text + piece, piece
    return text


def _label_piece(text: str) -> bool:
    return (
        any(label.startswith(text) for label in FORM_LABELS)
        or bool(FORM_NAME_LABEL.match(text) or FORM_PARTY_STOP.match(text) or FORM_NOT_A_PARTY.match(text))
    )


_BUDGET_ROLES = {"initial": "initial", "adjusted": "adjusted", "executed": "executed", "rate": "execution_rate_pct",
                 "weight": "weight", "score": "score"}  # fmt: skip


def _form_budget(form: _Form) -> Budget:
    """The budget block: read through the table model where a table states it, else from the torn lines, else
    from the stream of the form's cells (one cell per line, flattened, glued) by its header words."""
    readers = (lambda: _table_budget(form.tables), lambda: _budget(form.plain), lambda: block_budget(form.lines),
               lambda: goal_funds(form.plain))  # fmt: skip
    best = Budget()
    for read in readers:
        budget = read()
        if budget is None or not _stated(budget):
            continue
        if _count(budget) >= _WHOLE_BLOCK:
            return _in_wan(budget, form.lines)
        if _count(budget) > _count(best):  # a reading that found a cell or two: another may find the whole row
            best = budget
    return _in_wan(best, form.lines)


_WHOLE_BLOCK = 4  # cells of a budget row that make a reading whole enough to stop at (three amounts and one more)


def _count(budget: Budget) -> int:
    return sum(value is not None for value in budget.model_dump().values())


def _in_wan(budget: Budget, lines: list[Line]) -> Budget:
    """The block's amounts in 万元: a block labeled in 元 ("项目资金（元）") states 387664.62 for 38.77 万元."""
    stated = next((m for line in lines if (m := FORM_BUDGET_MONEY_UNIT.search(line.text))), None)
    scale = PROJECT_LIST_SCALE[stated.group(1)] if stated else 1.0
    if scale == 1.0:
        return budget
    amounts = {field: value * scale for field in _AMOUNT_FIELDS if (value := getattr(budget, field)) is not None}
    return budget.model_copy(update=amounts)


def _stated(budget: Budget) -> bool:
    return any(value is not None for value in budget.model_dump().values())


def _table_budget(tables: list[Table]) -> Budget | None:
    """The budget block read by its header words: under a budget header, the total row's cells in the columns
    the header names (or, in a row whose cells stand off their columns, its numbers in the header's order)."""
    for table in tables:
        # every budget header: a unit's form has a table of its tasks' money (预算数 | 执行数) before the block
        for header in (h for h in table.headers if h.kind == "budget"):
            budget = _header_budget(table, header)
            if budget is not None:
                return budget
    return None


def _header_budget(table: Table, header: Header) -> Budget | None:
    """The total row under one budget header, its cells read in the header's columns (see `_table_budget`); where
    no row is labeled a total, the row right under the header when its label cell is empty and it holds amounts in
    the header's columns (a unit-wide form's label "部门预算执行情况" merged down over the header and its one row)."""
    body = list(table.body(header))
    for row in body:
        filled = row.filled()
        label = next((k for k, cell in enumerate(filled)
                      if FORM_BUDGET_ROW.match(cell.text) or FORM_BUDGET_ROW_CELL.match(cell.text)), None)  # fmt: skip
        if label is None or INDICATOR_WORD in filled[label].text:
            continue
        # a header with no cell over the label column (its first word over the labels): the cells stand one off
        shifted = filled[label].col in header.roles.values()
        cells = filled[label + 1 :]
        return _placed(_row_budget(row, header, [_amount(cell.text) for cell in cells], shifted), [c.text for c in cells])
    first = body[0] if body else None
    if first is not None and _unlabeled_amounts(first, header):
        return _placed(_row_budget(first, header, [_amount(c.text) for c in first.filled()]), [c.text for c in first.filled()])
    return None


def _placed(budget: Budget, texts: list[str]) -> Budget | None:
    """The reading, or None when it cannot be right: the row's percentage ("97.80%") read as anything but the rate,
    or a rate that is not 执行数 / 预算数 (a row one amount short read in order: every amount a column off)."""
    percents = [value for text in texts if "%" in text and (value := _amount(text)) is not None]
    if percents and budget.execution_rate_pct not in percents:
        return None
    if not _rate_fits(budget.model_dump()):
        return None
    return budget


_MIN_UNLABELED = 3  # amounts an unlabeled row under a budget header holds at least to be the block's
_RATE_ROUNDING = 1.0  # percentage points a stated rate may differ from the amounts' (rounding)


def _unlabeled_amounts(row: TableRow, header: Header) -> bool:
    filled = row.filled()
    in_columns = [c for c in filled if c.col in header.roles.values() and _amount(c.text) is not None]
    # every cell an amount in a column the header names, all of its columns but one at most filled
    if not len(filled) == len(in_columns) >= max(_MIN_UNLABELED, len(header.roles) - 1):
        return False
    budget = _row_budget(row, header, [])  # and the amounts where the columns put them agree: 执行率 = 执行数 / 预算数
    base = budget.adjusted if budget.adjusted is not None else budget.initial
    if budget.executed is None or budget.execution_rate_pct is None or not base:
        return False
    return abs(budget.executed / base * 100 - budget.execution_rate_pct) <= _RATE_ROUNDING


def _amount(text: str) -> float | None:
    """A budget block's cell as a number: the number alone, or an amount written with the form's unit after it
    ("3359.62万", "4753.66万元")."""
    return number(BUDGET_CELL_UNIT.sub("", text))


def _row_budget(row: TableRow, header: Header, numbers: list[float | None], shifted: bool = False) -> Budget:
    budget = Budget()
    by_column = {role: _amount(row.cells[col].text) for role, col in header.roles.items() if col < len(row.cells)}
    found = {role: value for role, value in by_column.items() if value is not None}
    ordered = sorted(header.roles, key=lambda role: header.roles[role])
    if shifted or len(found) < len([n for n in numbers if n is not None]):
        found = {role: value for role, value in zip(ordered, numbers, strict=False) if value is not None}
    if len(numbers) == len(ordered) - 1 and not _rate_fits({_BUDGET_ROLES[r]: v for r, v in found.items()}):
        # the rate cell left blank (no cell at all in text layouts): the numbers fill the other columns in order
        rest = [role for role in ordered if _BUDGET_ROLES[role] != "execution_rate_pct"]
        found = {role: value for role, value in zip(rest, numbers, strict=False) if value is not None}
    for role, value in found.items():
        setattr(budget, _BUDGET_ROLES[role], value)
    return budget


def _budget(lines: list[Line]) -> Budget:
    for i, line in enumerate(lines):
        if not FORM_BUDGET_ROW.match(line.text) or INDICATOR_WORD in line.text:
            continue
        fields = _budget_header(lines[max(0, i - 14) : i])
        if FORM_TOTAL.match(line.text) and not _AMOUNT_FIELDS & set(_budget_header(lines[max(0, i - 14) : i], [])):
            continue  # a scoring table's 合计 (its 分值 and 得分), no budget's amounts named above it
        row = FORM_BUDGET_ROW.match(line.text)
        values = _leading_numbers(line.text[row.end() :].replace("\t", " ") if row else "")
        read = dict(zip(fields, values, strict=False))
        if len(values) == len(fields) - 1 and "execution_rate_pct" in fields and not _rate_fits(read):
            fields = [field for field in fields if field != "execution_rate_pct"]  # the rate left blank: one number short
        budget = Budget()
        for field, value in zip(fields, values, strict=False):
            setattr(budget, field, value)
        return _placed(budget, line.text[row.end() :].replace("\t", " ").split() if row else []) or Budget()
    return Budget()


def _rate_fits(values: Mapping[str, float | None]) -> bool:
    """Whether the number read as the execution rate is 执行数 / 预算数 (rounded), where the amounts are there to tell."""
    base = values.get("adjusted") or values.get("initial")
    executed, rate = values.get("executed"), values.get("execution_rate_pct")
    if not base or executed is None or rate is None:
        return True
    return abs(executed / base * 100 - rate) <= _RATE_ROUNDING


_AMOUNT_FIELDS = frozenset({"initial", "adjusted", "executed"})
_ALL_FIELDS = ["initial", "adjusted", "executed", "execution_rate_pct", "weight", "score"]


def _budget_header(lines: list[Line], default: list[str] = _ALL_FIELDS) -> list[str]:
    fields: list[str] = []
    text = " ".join(line.text for line in lines)
    tokens = FORM_BUDGET_HEADER_WORD.findall(text)
    for token in tokens:
        field = None
        if token == FORM_BUDGET_YEAR_WORD:
            field = "adjusted" if "adjusted" not in fields else "executed"
        else:
            field = next((f for pattern, f in FORM_BUDGET_HEADER_FIELDS if pattern.search(token)), None)
        if field and field not in fields:
            fields.append(field)
    return fields or list(default)


def _leading_numbers(text: str) -> list[float]:
    values: list[float] = []
    for token in text.split():
        value = _amount(token)
        if value is None:
            break
        values.append(value)
    return values


def _indicator_rows(lines: list[Line]) -> list[Row]:
    """The indicator rows of a form whose tables have no indicator header: under the header line found by its
    words, tab-separated rows, else torn lines."""
    squeezed = [line.text.replace(" ", "") for line in lines]
    header = next((i for i, text in enumerate(squeezed) if FORM_INDICATOR_HEADER in text), None)
    if header is None:  # the header torn too ("绩效 一级 二级 三级 指 指 度量单位 …")
        header = next((i for i, text in enumerate(squeezed) if all(w in text for w in FORM_TORN_INDICATOR_HEADER)), None)
    if header is None:
        return []
    body = lines[header + 1 :]
    tabbed = sum(1 for line in body[:40] if "\t" in line.text)
    if tabbed >= 3:
        return tsv_rows(body)
    # torn forms repeat the header cells one per line after 三级指标: rows start at the first level
    skip = next((j for j, line in enumerate(body[:20]) if level_of(line.text.strip()) is not None), 0)
    return torn_rows(body[skip:])


def row_flags(rows: list[Row]) -> dict[int, tuple[str, ...]]:
    """The flags a project's rows carry by index: a row whose cells the reader had to guess apart is unsure."""
    return {k: (UNSURE_SPLIT,) for k, row in enumerate(rows) if not row.sure}


def indicator_from_row(doc: Normalized, row: Row) -> Indicator:
    return Indicator(
        level1=row.level1,
        level2=row.level2,
        name=row.name,
        comparator=row.comparator,
        target=row.target,
        unit=row.unit,
        actual=row.actual,
        weight=row.weight,
        score=row.score,
        deviation_reason=row.reason,
        evidence=evidence_for(doc, row.start, row.end),
    )


def _total_score(lines: list[Line]) -> float | None:
    for i, line in enumerate(lines):
        if not FORM_TOTAL.match(line.text):
            continue
        found = _SCORE_NUMBER.findall(line.text)
        numbers = [float(n) for n in found]
        if len(numbers) >= 2:
            return numbers[-1]
        pair = score_pair(found[0]) if len(found) == 1 else None
        if pair is not None:  # "合计10097": the weights' total and the score run together
            return float(pair[1])
        torn = [ln.text.strip() for ln in lines[i + 1 : i + 5]]
        if len(torn) >= 4 and all(t.isdigit() for t in torn):
            return float(torn[2] + torn[3])  # "合计 / 10 / 0 / 10 / 0": two numbers torn in halves
    return None


def _table_total(tables: list[Table]) -> float | None:
    """The total score of a form's total row where the tables hold it in a row of their own (a glued form's
    "合计10097", "总分99.6…" is no line of its own): the numbers right after the label, in its cell and in the cells
    after it; of two or more the last, of one the score a 总分 states or a weight and a score run together."""
    for table in tables:
        for row in table.rows:
            texts = [cell.text for cell in row.filled()]
            at = next((k for k, text in enumerate(texts) if FORM_TOTAL.match(text)), None)
            if at is None:
                continue
            rest = texts[at][FORM_TOTAL.match(texts[at]).end() :]  # type: ignore[union-attr]
            run = _LEADING_NUMBERS.match(rest)
            numbers = run.group(1).split() if run else []
            if run is None or run.end() == len(rest):  # the cell ends with its numbers: the row's next cells follow
                for text in texts[at + 1 :]:
                    if not _SCORE_NUMBER.fullmatch(text.strip()):
                        break
                    numbers.append(text.strip())
            return _total_of(numbers, FORM_SCORE_TOTAL.match(texts[at]) is not None)
    return None


def _total_of(numbers: list[str], score_label: bool) -> float | None:
    if len(numbers) >= 2:
        return float(numbers[-1])
    if not numbers:
        return None
    pair = score_pair(numbers[0])
    if pair is not None:
        return float(pair[1])
    return float(numbers[0]) if score_label else None  # "合计 100" alone: the weights' total


def _score_column_total(tables: list[Table]) -> float | None:
    """The total row's cell in an indicator table's 得分 column ("合计 | | | 94": a scoring table states its total
    score alone, its 分值 column left empty)."""
    for table in tables:
        header = table.header("indicators")
        if header is None or header.column("score") is None:
            continue
        for row in table.body(header):
            filled = row.filled()
            if filled and FORM_TOTAL.match(filled[0].text):
                cell = table.get(row, header, "score")
                return number(cell.text) if cell is not None else None
    return None


def _torn_label(lines: list[Line], i: int, label: str) -> bool:
    half = len(label) // 2
    text = lines[i].text.strip()
    return (
        text.startswith(label[:half] + " ")
        and i + 1 < len(lines)
        and lines[i + 1].text.strip() == label[half:]
    )


def _text_after(lines: list[Line], label: str) -> str | None:
    for i, line in enumerate(lines):
        text = line.text.strip()
        if text.startswith(label):
            parts = [text[len(label) :].strip(" \t:：")]
        elif _torn_label(lines, i, label):  # "改进 无" / "措施": the label torn around its value
            parts, i = [text[len(label) // 2 :].strip(" \t:：")], i + 1
        else:
            continue
        for following in lines[i + 1 :]:
            if FORM_TEXT_STOP.match(following.text):
                break
            parts.append(following.text.strip())
        value = "".join(p for p in parts if p).strip()
        return value if value and not FORM_TEMPLATE_HINT.search(value) else None
    return None
