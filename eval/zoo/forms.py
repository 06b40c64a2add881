"""A project self-evaluation form (项目支出绩效自评表) as a `Grid`, in one of the column sets reports use.

In: a `schemas.Project`, the fiscal year, a column set and a random source (which header synonyms and which
name label the form uses). Out: `Form`: the grid (title, name/code, 主管部门/实施单位, the budget block, the
indicator table with merged level cells, the total row) and the project as the form states it (`expected`).

Column sets (`COLUMN_SETS`), after the level columns 一级/二级/三级指标:
- `standard`: 指标值 (comparator, target and unit in one cell), 实际完成值, 分值, 得分, 偏差原因;
- `split`: 指标性质 (the comparator, 定性 for a target in words), 指标值, 度量单位, 实际完成值 apart;
- `weight_first`: 分值 before 指标值;
- `no_weight`: no 分值 column (the rows state no weight);
- `merged_score`: pairs of rows of one 二级指标 share one 分值 cell and one 得分 cell merged over both rows; the
  merged cell states the pair's weight and score once, so they stand in the pair's first row (sum of both)
  and the second row states none;
- `scoring`: a scoring table (评分表): each level cell with its group weight ("产出指标(60分)"), a 评分标准 column of
  prose after the name, then 分值, 得分 and 扣分原因; no target or actual (the rows state none);
- `unit`: the standard columns in a whole unit's form (部门整体支出绩效自评表): named by 部门（单位）名称 (no 主管部门,
  no code), its tasks' money (预算数 | 执行数) before the budget block (资金总额 / 其中：财政拨款 / 其他资金), the
  indicators numbered "指标1：" within their 二级指标 (the number is no part of the name);
- `goal`: a goal form (项目支出绩效目标表) published with a budget: the year's money planned (年度资金总额 →
  `budget.initial`, no block of amounts spent) and 指标值 alone after the levels (no actual, weight, score or reason).
- `list`: the goal columns in one table that lists every project (部门预算项目绩效目标申报表): 单位名称 | 项目名称 | 预算数 |
  年度目标 before the levels, each merged down over its project's rows (`project_list`).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from eval.zoo import labels as L
from eval.zoo.grid import Cell, Grid
from eval.zoo.quotes import pieces_quote
from schemas import Budget, Indicator, Project

COLUMN_SETS: tuple[str, ...] = (
    "standard", "split", "weight_first", "no_weight", "merged_score", "scoring", "unit", "goal", "list",
)  # fmt: skip
_COLUMNS: dict[str, tuple[str, ...]] = {
    "standard": ("level1", "level2", "name", "target", "actual", "weight", "score", "reason"),
    "unit": ("level1", "level2", "name", "target", "actual", "weight", "score", "reason"),
    "split": ("level1", "level2", "name", "comparator", "target", "unit", "actual", "weight", "score", "reason"),
    "weight_first": ("level1", "level2", "name", "weight", "target", "actual", "score", "reason"),
    "no_weight": ("level1", "level2", "name", "target", "actual", "score", "reason"),
    "merged_score": ("level1", "level2", "name", "target", "actual", "weight", "score", "reason"),
    "scoring": ("level1", "level2", "name", "criteria", "weight", "score", "reason"),
    "goal": ("level1", "level2", "name", "target"),
    "list": ("level1", "level2", "name", "target"),
}
_STATED_BY_GOAL = {"actual": None, "weight": None, "score": None, "deviation_reason": None}  # what a goal form omits
_STATED_BY_SCORING = {"comparator": None, "target": None, "unit": None, "actual": None}  # what a scoring table omits
_BUDGET_ORDER = ("initial", "adjusted", "executed", "weight", "execution_rate_pct", "score")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass
class Form:
    grid: Grid
    expected: Project


def number_text(value: float | None) -> str:
    """A weight, score or count as forms print it: 2, 0.75, 8.6."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.4f}".rstrip("0").rstrip(".")


def money_text(value: float | None) -> str:
    """An amount in 万元 as tables print it: two decimals."""
    return "" if value is None else f"{value:.2f}"


def percent_text(value: float | None) -> str:
    return "" if value is None else f"{number_text(round(value, 2))}%"


def is_number(text: str | None) -> bool:
    return text is not None and _NUMBER.fullmatch(text.strip()) is not None


def form(project: Project, year: int | None, columns: str, rng: random.Random) -> Form:
    """The form of `project` in the column set `columns`."""
    rows = _rows_for(project.indicators, columns)
    keys = _COLUMNS[columns]
    width = 1 + len(keys)
    unit = columns == "unit"
    if unit:  # a whole unit's form: no code, no 主管部门 / 实施单位
        project = project.model_copy(update={"code": None, "department": None, "implementer": None})
    goal = columns == "goal"
    if goal:  # a goal form: the year's money planned, no total score
        project = project.model_copy(update={"budget": Budget(initial=project.budget.initial), "total_score": None})
    title = L.UNIT_FORM_TITLE if unit else L.GOAL_FORM_TITLE if goal else L.FORM_TITLE
    grid = Grid(title=title + ("\n" + L.FORM_YEAR.format(year=year) if year else ""))
    name = f"{project.code}-{project.name}" if project.code else project.name
    grid.add(Cell(L.UNIT_NAME if unit else rng.choice(L.PROJECT_NAME), colspan=2, header=True),
             Cell(name, colspan=width - 2))  # fmt: skip
    if unit:
        _unit_tasks(grid, project.budget, width)
    else:
        half = (width - 2) // 2
        grid.add(Cell(L.DEPARTMENT, colspan=2, header=True), Cell(project.department or "", colspan=half - 1),
                 Cell(L.IMPLEMENTER, header=True), Cell(project.implementer or "", colspan=width - 2 - half))  # fmt: skip
    if goal:
        grid.add(Cell(L.FUNDS_TOTAL, colspan=2, header=True), Cell(money_text(project.budget.initial), colspan=width - 2))
    else:
        _budget_rows(grid, project.budget, width, rng, unit)
    header = [Cell(L.INDICATORS, rowspan=1 + len(rows), header=True)]
    header += [Cell(rng.choice(L.SCORING_HEADERS.get(k, L.INDICATOR_HEADERS.get(k, ())) if columns == "scoring"
                                else L.INDICATOR_HEADERS[k]), header=True) for k in keys]  # fmt: skip
    grid.add(*header)
    grid.rows.extend(_indicator_cells(rows, keys, columns))
    if unit:  # "指标1：…" within each 二级指标
        _number_names(grid.rows[-len(rows) :] if rows else [], rows)
    if project.total_score is not None:
        first = min(keys.index(k) for k in ("weight", "score") if k in keys) + 1
        total = [Cell(L.TOTAL, colspan=first, header=True)]
        total += [Cell("100" if k == "weight" else number_text(project.total_score) if k == "score" else "")
                  for k in keys[first - 1 :]]  # fmt: skip
        grid.add(*total)
    indicators = []
    for row, _, _ in rows:
        cells = [_cell_text(row, k, split=columns == "split") for k in keys if k not in ("level1", "level2", "reason")]
        indicators.append(row.model_copy(update={"evidence": pieces_quote(*cells)}))
    expected = project.model_copy(update={"indicators": indicators, "evidence": pieces_quote(name)}, deep=True)
    return Form(grid, expected)


def project_list(projects: list[Project], year: int | None) -> tuple[Grid, list[Project]]:
    """One goal table of every project (column set `list`): each project's head cells (its unit, name, money and
    goal) merged down over its rows; and the projects as the table states them (target-only rows, the money planned)."""
    keys = _COLUMNS["list"]
    title = L.LIST_TITLE + (f"({year}年度)" if year else "") + "\n" + L.LIST_MONEY_UNIT
    grid = Grid(title=title)
    grid.add(*(Cell(h, header=True) for h in L.LIST_HEAD), *(Cell(L.INDICATOR_HEADERS[k][0], header=True) for k in keys))
    expected = []
    for project in projects:
        rows = _rows_for(project.indicators, "list")
        if not rows:
            continue
        cells = _indicator_cells(rows, keys, "list")
        span = len(rows)
        head = [Cell(project.department or "", rowspan=span), Cell(project.name, rowspan=span),
                Cell(money_text(project.budget.initial), rowspan=span), Cell(L.LIST_GOAL, rowspan=span)]  # fmt: skip
        grid.rows.append(head + cells[0])
        grid.rows.extend(cells[1:])
        indicators = [row.model_copy(update={"evidence": pieces_quote(*(_cell_text(row, k, split=False)
                                                                        for k in ("name", "target")))})
                      for row, _, _ in rows]  # fmt: skip
        expected.append(project.model_copy(update={
            "code": None, "implementer": None, "budget": Budget(initial=project.budget.initial), "total_score": None,
            "indicators": indicators, "evidence": pieces_quote(project.name)}, deep=True))  # fmt: skip
    return grid, expected


def _unit_tasks(grid: Grid, budget: Budget, width: int) -> None:
    """A unit form's tasks and their money (预算数 | 执行数), the adjusted budget and the executed amount shared out."""
    total, done = budget.adjusted or 0.0, budget.executed or 0.0
    label, name, content, planned, spent = L.UNIT_TASKS
    rows = [(name, content, planned, spent)]
    first, second = round(total * 0.6, 2), round(done * 0.6, 2)
    rows += [(L.UNIT_TASK_NAMES[0], L.UNIT_TASK_CONTENT, money_text(first), money_text(second)),
             (L.UNIT_TASK_NAMES[1], L.UNIT_TASK_CONTENT, money_text(total - first), money_text(done - second))]  # fmt: skip
    rest = width - 6
    for k, (a, b, c, d) in enumerate(rows):
        lead = [Cell(label, rowspan=len(rows), colspan=2, header=True)] if k == 0 else []
        grid.add(*lead, Cell(a, header=k == 0), Cell(b, colspan=rest, header=k == 0), Cell(c, header=k == 0),
                 Cell(d, header=k == 0))  # fmt: skip


def _budget_rows(grid: Grid, budget: Budget, width: int, rng: random.Random, unit: bool = False) -> None:
    left = 1 if width - 6 <= 2 else 2
    label = width - 6 - left
    heads = [Cell(rng.choice(L.BUDGET_HEADERS[f]), header=True) for f in _BUDGET_ORDER]
    funds, total, fiscal = (L.UNIT_FUNDS, L.UNIT_FUNDS_TOTAL, L.UNIT_FUNDS_FISCAL) if unit else (
        L.FUNDS, L.FUNDS_TOTAL, L.FUNDS_FISCAL)  # fmt: skip
    grid.add(Cell(funds, rowspan=4, colspan=left, header=True), Cell("", colspan=label), *heads)
    values = {f: getattr(budget, f) for f in _BUDGET_ORDER}
    texts = {f: money_text(v) for f, v in values.items() if f in ("initial", "adjusted", "executed")}
    texts |= {"weight": number_text(values["weight"]), "score": number_text(values["score"]),
              "execution_rate_pct": percent_text(values["execution_rate_pct"])}  # fmt: skip
    grid.add(Cell(total, colspan=label, header=True), *(Cell(texts[f]) for f in _BUDGET_ORDER))
    fiscal_cells = [Cell(L.DASH if f in ("weight", "score") else texts[f]) for f in _BUDGET_ORDER]
    grid.add(Cell(fiscal, colspan=label, header=True), *fiscal_cells)
    grid.add(Cell(L.FUNDS_OTHER, colspan=label, header=True), *(Cell("") for _ in _BUDGET_ORDER))


# a row of the table: the indicator as this form states it, and how many rows its weight/score cell spans
# (1, 2 for the first row of a merged pair, 0 for the second)
_Row = tuple[Indicator, int, int]


def _rows_for(indicators: list[Indicator], columns: str) -> list[_Row]:
    rows: list[_Row] = []
    i = 0
    while i < len(indicators):
        row = indicators[i].model_copy()
        if columns == "no_weight":
            row.weight = None
        if columns in ("goal", "list"):
            row = row.model_copy(update=_STATED_BY_GOAL)
        if columns == "scoring":
            level1 = L.SCORING_LEVEL1_NAMES.get(row.level1 or "", row.level1)
            row = row.model_copy(update={**_STATED_BY_SCORING, "level1": level1})
        nxt = indicators[i + 1] if i + 1 < len(indicators) else None
        pair = (
            columns == "merged_score"
            and nxt is not None
            and (row.level1, row.level2) == (nxt.level1, nxt.level2)
            and None not in (row.weight, row.score, nxt.weight, nxt.score)
            and len(rows) % 3 == 0  # every third row opens a pair: forms merge some cells, not all
        )
        if pair and nxt is not None:
            assert row.weight is not None and row.score is not None and nxt.weight is not None
            assert nxt.score is not None
            row.weight, row.score = round(row.weight + nxt.weight, 4), round(row.score + nxt.score, 4)
            second = nxt.model_copy(update={"weight": None, "score": None})
            rows += [(row, 2, 0), (second, 0, 0)]
            i += 2
            continue
        rows.append((row, 1, 0))
        i += 1
    return rows


def _number_names(cells: list[list[Cell]], rows: list[_Row]) -> None:
    """The names of a unit form's indicators numbered within their 二级指标, as its template prints them."""
    n, group = 0, None
    for row_cells, (row, _, _) in zip(cells, rows, strict=True):
        key = (row.level1, row.level2)
        n = n + 1 if key == group else 1
        group = key
        for k, cell in enumerate(row_cells):
            if cell.text == row.name and not cell.header:
                row_cells[k] = cell.with_text(L.INDICATOR_NUMBER.format(n=n) + cell.text)
                break


def _spans(values: list[str | None]) -> list[int]:
    """Rowspan of each value in a column whose equal neighbours merge (0 where a cell above covers it)."""
    spans = [0] * len(values)
    i = 0
    while i < len(values):
        j = i + 1
        while values[i] is not None and j < len(values) and values[j] == values[i]:
            j += 1
        spans[i] = j - i
        i = j
    return spans


def _indicator_cells(rows: list[_Row], keys: tuple[str, ...], columns: str) -> list[list[Cell]]:
    level1 = _spans([r.level1 for r, _, _ in rows])
    groups: dict[str | None, float] = {}  # a scoring table writes each level 1 with the weight of its rows
    for r, _, _ in rows:
        groups[r.level1] = groups.get(r.level1, 0.0) + (r.weight or 0.0)
    level2 = _spans([f"{r.level1}|{r.level2}" if r.level2 is not None else None for r, _, _ in rows])
    out = []
    for i, (row, score_span, _) in enumerate(rows):
        cells: list[Cell] = []
        for key in keys:
            if key == "level1":
                if level1[i]:
                    text = row.level1 or ""
                    if columns == "scoring" and text:
                        text = L.GROUP_WEIGHT.format(level=text, weight=number_text(groups[row.level1]))
                    cells.append(Cell(text, rowspan=level1[i], header=True))
            elif key == "level2":
                if level2[i]:
                    cells.append(Cell(row.level2 or "", rowspan=level2[i], header=True))
            elif key in ("weight", "score") and columns == "merged_score":
                if score_span:
                    cells.append(Cell(number_text(getattr(row, key)), rowspan=score_span))
            else:
                cells.append(Cell(_cell_text(row, key, split=columns == "split")))
        out.append(cells)
    return out


def _cell_text(row: Indicator, key: str, split: bool) -> str:
    if key == "name":
        return row.name
    if key == "criteria":
        return L.SCORING_CRITERIA
    if key in ("weight", "score"):
        return number_text(getattr(row, key))
    if key == "reason":
        return row.deviation_reason or ""
    if key == "comparator":
        return row.comparator or (L.QUALITATIVE if not is_number(row.target) else "")
    if key == "unit":
        return row.unit or ""
    value = row.target if key == "target" else row.actual
    if value is None:
        return ""
    if split:
        return value
    unit = row.unit if row.unit and is_number(value) else ""
    comparator = (row.comparator or "") if key == "target" else ""
    return f"{comparator}{value}{unit}"
