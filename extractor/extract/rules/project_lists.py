"""Rules for goal tables that list several projects (部门预算项目绩效目标申报表 of a unit's projects).

Stage: extract (rules), called by `project_forms` on each form chunk before it reads the chunk as one form.
In: the chunk's tables. Out: one project per project the table lists, each with its own indicator rows, its money
(预算数 → `budget.initial`, in 万元 by the unit the text states above the table), its unit (单位名称 → `department`) and its
year's goal (年度目标), or nothing when no table lists projects.

Such a table writes, left of its indicator header's level columns, head columns per project: 项目名称 and some of
单位名称 / 预算数 / 年度目标 (`PROJECT_LIST_HEAD`). A row whose cells before its first level cell hold a project's name opens
that project; the indicator rows from there to the next opening row are its. Text layouts leave merged cells out of a
row, and the cells left out are the head's leftmost (the unit written once for all its projects), so a row's head
cells are matched to the head columns from the right, next to the level columns; layouts that keep every slot (HTML,
CSV) are read by slot. A row with no level cell whose few cells fit the head columns (a unit's subtotal "301-某部门 |
1,250,000.00") opens nothing and is no indicator. A table of one row per project whose later columns are the level 1s
(产出指标 | 效益指标 | 满意度指标), each cell stating that level's indicators as sentences, is read the same way, the rows
from those cells (`goal_statements.cell_rows`, unsure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.extract.rules.goal_statements import cell_rows
from extractor.extract.rules.indicator_cells import is_number, number
from extractor.extract.rules.indicator_rows import Row
from extractor.extract.rules.indicator_table import EXACT_SLOT_LAYOUTS, table_indicator_rows
from extractor.tables import Cell, Header, Line, Table
from extractor.tables import Row as TableRow
from extractor.tables.kinds import level_of, squeeze
from extractor.vocabulary import (
    INDICATOR_COLUMNS,
    LEVEL1_INDICATORS,
    MONEY_UNIT_STATEMENT,
    PROJECT_LIST_HEAD,
    PROJECT_LIST_SCALE,
)

_CODE_BEFORE = re.compile(r"^\s*[0-9A-Z]{3,30}\s*[-－—–_]\s*")  # "820001-某镇人民政府", "5100…-某项目"
_CODE_NAME = re.compile(r"^\s*([0-9A-Z]{12,30})\s*[-－—–_]\s*(.+)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_AMOUNT = re.compile(r"^-?[\d,]+(?:\.\d+)?$")
_SCALE_REACH = 300  # characters above a table its money unit ("金额单位:元") is looked for in
_MIN_LEVEL_COLUMNS = 2  # level-1 names a header row holds at least to be a table of a column per level


@dataclass
class ListedProject:
    """One project a list table states: its name (and code), unit, money in 万元, goal, and its indicator rows."""

    name: str
    code: str | None
    name_cell: Cell
    unit: str | None = None
    amount: float | None = None
    goal: Cell | None = None
    rows: list[Row] = field(default_factory=list)


def lists_projects(text: str) -> bool:
    """Whether a chunk's text may hold a table that lists projects: a project head word and a level column's word or a
    level-1 name (a cheap test before its tables are read)."""
    return any(w in text for w in PROJECT_LIST_HEAD["project"]) and any(
        w in text for w in (*INDICATOR_COLUMNS["level1"], *LEVEL1_INDICATORS))


def listed_projects(tables: list[Table], text: str) -> list[ListedProject]:
    """The projects the first table that lists projects states, in order; [] when no table lists them. `text` is the
    document's normalized text (the money unit a table's title states above it)."""
    for table in tables:
        header = next((h for h in table.headers if h.kind == "indicators"), None)
        head = _head_columns(table, header) if header is not None else {}
        scale = _scale(text, table.start)
        projects = _projects(table, header, head, scale) if header is not None and "project" in head.values() else []
        projects = projects or _level_column_projects(table, scale)
        if projects:
            return projects
    return []


def _level_column_projects(table: Table, scale: float) -> list[ListedProject]:
    """A table of one row per project: head columns (项目名称 | 项目金额 | 年度绩效目标), then one column per level 1 (产出指标 |
    效益指标 | 满意度指标) whose cell states that level's indicators as sentences ("数量指标:培训人数不少于300人;…"): each
    project's rows from its level cells (`goal_statements.cell_rows`, unsure)."""
    for row in table.rows:
        roles = {cell.col: _head_role(cell.text) for cell in row.filled()}
        levels = {cell.col: found[1] for cell in row.filled()
                  if (found := level_of(cell.text)) is not None and found[0] in (0, 1)}  # fmt: skip
        if "project" in roles.values() and len(levels) >= _MIN_LEVEL_COLUMNS:
            head = {col: role for col, role in roles.items() if role is not None and col not in levels}
            break
    else:
        return []
    projects: list[ListedProject] = []
    unit: str | None = None
    for body in table.rows[row.index + 1 :]:
        by_role = {role: body.cells[col] for col, role in head.items() if col < len(body.cells)}
        if by_role.get("unit") is not None and by_role["unit"].text:
            unit = _CODE_BEFORE.sub("", by_role["unit"].text).strip() or unit
        opened = _opened(by_role, unit, scale)
        if opened is None:
            continue
        for col, level1 in levels.items():
            cell = body.cells[col] if col < len(body.cells) else None
            if cell is not None and cell.text:
                opened.rows += cell_rows(Line(cell.start, cell.text), level1)
        projects.append(opened)
    return projects if any(p.rows for p in projects) else []


def _head_columns(table: Table, header: Header) -> dict[int, str]:
    """column -> head role of the header's cells left of its level and name columns (项目名称 → "project", …)."""
    first = min((header.roles[r] for r in ("level1", "level2", "name") if r in header.roles), default=0)
    cells = table.rows[header.rows[-1]].cells[:first]
    found: dict[int, str] = {}
    for cell in cells:
        role = _head_role(cell.content)
        if role is not None and role not in found.values():
            found[cell.col] = role
    return found


def _head_role(text: str) -> str | None:
    """The head role of a header cell: the role of the longest of `PROJECT_LIST_HEAD`'s words it holds."""
    word = squeeze(text)
    best = max(((len(w), role) for role, words in PROJECT_LIST_HEAD.items() for w in words if w in word), default=None)
    return best[1] if best is not None else None


def _scale(text: str, start: int) -> float:
    """万元 per unit of the money the table states: by the first money-unit statement (元, 亿元) within
    `_SCALE_REACH` characters of the table's start, above or below it; 1.0 (万元) when none."""
    found = list(MONEY_UNIT_STATEMENT.finditer(text[max(0, start - _SCALE_REACH) : start + _SCALE_REACH]))
    return PROJECT_LIST_SCALE.get(found[0].group(1), 1.0) if found else 1.0


def _projects(table: Table, header: Header, head: dict[int, str], scale: float) -> list[ListedProject]:
    columns = sorted(head)
    rows = table_indicator_rows(table)
    projects: list[ListedProject] = []
    subtotals: list[TableRow] = []
    unit: str | None = None
    for row in table.body(header):
        cells = _head_cells(row, columns, table.layout in EXACT_SLOT_LAYOUTS)
        if cells is None:
            if _subtotal(row, len(columns)):
                subtotals.append(row)
            continue
        by_role = {head[col]: cell for col, cell in cells.items()}
        if by_role.get("unit") is not None and by_role["unit"].text:
            unit = _CODE_BEFORE.sub("", by_role["unit"].text).strip() or unit
        opened = _opened(by_role, unit, scale)
        if opened is not None:
            projects.append(opened)
    if not projects:
        return []
    for read in rows:
        if any(sub.start <= read.start < sub.end for sub in subtotals):
            continue  # a unit's subtotal read as an indicator row ("301-某部门 | 1,250,000.00"): none
        owner = next((p for p in reversed(projects) if p.name_cell.start <= read.start), None)
        if owner is not None:
            owner.rows.append(read)
    return projects


def _head_cells(row: TableRow, columns: list[int], exact: bool) -> dict[int, Cell] | None:
    """column -> cell of a row's head cells (the cells before its first level cell), matched to the head columns; None
    for a row with no level cell (a continuation row under merged levels, a subtotal) or more head cells than columns."""
    first = next((k for k, cell in enumerate(row.cells) if cell.text and level_of(cell.text) is not None), None)
    if first is None:
        return None
    if exact:
        return {col: row.cells[col] for col in columns if col < first}
    before = list(row.cells[:first])
    if len(before) > len(columns):
        return None
    return dict(zip(columns[len(columns) - len(before) :], before, strict=True))


def _subtotal(row: TableRow, head_width: int) -> bool:
    """A row with no level cell whose few filled cells fit the head columns and hold an amount: a unit's subtotal."""
    filled = row.filled()
    return 0 < len(filled) <= head_width and any(_AMOUNT.match(c.text.replace(" ", "")) for c in filled)


def _opened(by_role: dict[str, Cell], unit: str | None, scale: float) -> ListedProject | None:
    """The project a row's head cells open: a name of words in the 项目名称 column (not a number, not a level)."""
    cell = by_role.get("project")
    if cell is None or cell.covered or not _CJK.search(cell.text) or level_of(cell.text) is not None:
        return None
    found = _CODE_NAME.match(cell.text)
    name, code = (found.group(2).strip(), found.group(1)) if found else (cell.text.strip(), None)
    money = by_role.get("amount")
    amount = number(money.text.replace(",", "")) if money is not None and is_number(money.text.replace(",", "")) else None
    goal = by_role.get("goal")
    return ListedProject(name=name, code=code, name_cell=cell, unit=unit,
                         amount=round(amount * scale, 6) if amount is not None else None,
                         goal=goal if goal is not None and goal.text else None)  # fmt: skip
