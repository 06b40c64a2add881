"""Stage `validate`: the domain arithmetic of a record, as named rules.

In: a record (figures, projects). Out: findings, each naming the rule, the flag it raises, the JSON
Pointers of the fields involved and whether it held. A held rule is evidence for its fields; a
failed one flags them. Rounding of 0.01 万元 (and 0.1 percentage point for shares and rates) is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractor.reconcile import subject_key
from extractor.repair import substitute
from extractor.vocabulary import (
    GROUP_WEIGHT,
    LEVEL1_INDICATORS,
    LEVEL2_INDICATORS,
    NUMBER,
    PAGE_DECORATION,
    PAGE_NUMBER,
    UNIT_MAGNITUDES,
    UNITS,
)
from schemas import Figure, Indicator, Project, Record
from schemas.catalog import MONEY_UNITS

AMOUNT_TOLERANCE = 0.0201  # two roundings of 0.01
RATE_TOLERANCE = 0.11  # percentage points

# total key -> the parts that add up to it (all measure "actual" unless the total is a budget)
SUM_RULES: dict[str, tuple[str, ...]] = {
    "expenditure_current_year": ("expenditure_basic", "expenditure_project"),
    "three_public_total": ("outbound_travel", "vehicle_total", "official_reception"),
    "vehicle_total": ("vehicle_purchase", "vehicle_operation"),
    "procurement_total": ("procurement_goods", "procurement_works", "procurement_services"),
    "gpb_basic_expenditure": ("personnel_expenses", "public_expenses"),
}

# part key -> the total its share (占 x%) is of
SHARE_OF: dict[str, str] = {
    "expenditure_basic": "expenditure_current_year",
    "expenditure_project": "expenditure_current_year",
    "revenue_fiscal": "revenue_current_year",
    "revenue_gpb": "revenue_current_year",
    "revenue_business": "revenue_current_year",
    "revenue_other": "revenue_current_year",
    "outbound_travel": "three_public_total",
    "vehicle_total": "three_public_total",
    "official_reception": "three_public_total",
    "procurement_sme": "procurement_total",
    "procurement_goods": "procurement_total",
    "procurement_works": "procurement_total",
    "procurement_services": "procurement_total",
    "procurement_small_micro": "procurement_total",
    "function_class_expenditure": "gpb_expenditure",
}
# part key -> other wholes its share may be stated of ("其中：授予小微企业合同金额…，占授予中小企业合同金额的q%")
SHARE_ALSO_OF: dict[str, tuple[str, ...]] = {"procurement_small_micro": ("procurement_sme",)}


@dataclass(frozen=True)
class Finding:
    rule: str
    flag: str
    pointers: tuple[str, ...]
    held: bool
    message: str


def validate(record: Record, source: str | None = None) -> list[Finding]:
    """The record's arithmetic; with the source text, also the group weights its forms state."""
    findings: list[Finding] = []
    findings.extend(_sum_rules(record.figures))
    findings.extend(_share_rules(record.figures))
    findings.extend(_rate_rules(record.figures))
    findings.extend(_yoy_rules(record.figures))
    for i, project in enumerate(record.projects):
        findings.extend(_project_rules(f"/projects/{i}", project))
        if source is not None:
            findings.extend(_group_weights(f"/projects/{i}", project, _form_text(record, i, source)))
            findings.extend(_cut_cells(f"/projects/{i}", project, source))
    if record.meta.fiscal_year is not None and not 2000 <= record.meta.fiscal_year <= 2035:
        findings.append(Finding("plausible_year", "implausible_year", (), False, f"year {record.meta.fiscal_year}"))
    return findings


def _wan(figure: Figure) -> float:
    return figure.value * MONEY_UNITS.get(figure.unit, 1.0)


def _index(figures: list[Figure]) -> dict[tuple[str, str, str | None], list[int]]:
    index: dict[tuple[str, str, str | None], list[int]] = {}
    for i, figure in enumerate(figures):
        index.setdefault((figure.key, figure.measure, figure.scope), []).append(i)
    return index


def _sum_rules(figures: list[Figure]) -> Iterator[Finding]:
    index = _index(figures)
    for (key, measure, scope), totals in index.items():
        parts_keys = SUM_RULES.get(key)
        if not parts_keys or measure not in ("actual", "budget") or len(totals) != 1:
            continue
        parts = [index.get((p, measure, scope), []) for p in parts_keys]
        if any(len(p) != 1 for p in parts):
            continue  # a rule only fires when every part is stated once
        total = figures[totals[0]]
        values = [figures[p[0]] for p in parts]
        diff = sum(_wan(v) for v in values) - _wan(total)
        pointers = tuple(f"/figures/{i}/value" for i in [totals[0], *(p[0] for p in parts)])
        yield Finding(f"sum:{key}:{measure}", "sum_mismatch", pointers, abs(diff) <= AMOUNT_TOLERANCE,
                      f"parts of {key} ({measure}) add to {diff:+.2f} against the total")  # fmt: skip


def _share_rules(figures: list[Figure]) -> Iterator[Finding]:
    by_place: dict[tuple[str, str | None, str | None, str | None], int] = {}
    for i, figure in enumerate(figures):
        by_place[(figure.key, figure.measure, subject_key(figure.subject), figure.scope)] = i
    index = _index(figures)
    for i, share in enumerate(figures):
        if share.measure != "share_pct" or share.subject is None and share.key == "function_class_expenditure":
            continue
        total_key = SHARE_OF.get(share.key)
        part_i = by_place.get((share.key, "actual", subject_key(share.subject), share.scope))
        totals = index.get((total_key, "actual", share.scope), []) if total_key else []
        if part_i is None or len(totals) != 1 or _wan(figures[totals[0]]) == 0:
            continue
        expected = _wan(figures[part_i]) / _wan(figures[totals[0]]) * 100
        tolerance = max(RATE_TOLERANCE, 0.6 if share.value == round(share.value) else 0)
        held = abs(expected - share.value) <= tolerance
        for other in SHARE_ALSO_OF.get(share.key, ()):
            wholes = index.get((other, "actual", share.scope), [])
            if not held and len(wholes) == 1 and _wan(figures[wholes[0]]) != 0:
                held = abs(_wan(figures[part_i]) / _wan(figures[wholes[0]]) * 100 - share.value) <= tolerance
        pointers = (f"/figures/{i}/value", f"/figures/{part_i}/value", f"/figures/{totals[0]}/value")
        yield Finding(f"share:{share.key}", "share_mismatch", pointers, held,
                      f"share {share.value}% against {expected:.2f}% computed")  # fmt: skip


def _rate_rules(figures: list[Figure]) -> Iterator[Finding]:
    by_place: dict[tuple[str, str, str | None, str | None], int] = {}
    for i, figure in enumerate(figures):
        if figure.subject is not None or figure.key not in ("function_item_expenditure", "function_class_expenditure"):
            by_place[(figure.key, figure.measure, subject_key(figure.subject), figure.scope)] = i
    for (key, measure, subject, scope), i in by_place.items():
        if measure != "execution_rate_pct":
            continue
        actual = by_place.get((key, "actual", subject, scope))
        budget = by_place.get((key, "budget", subject, scope))
        if actual is None or budget is None or figures[budget].value == 0:
            continue
        expected = _wan(figures[actual]) / _wan(figures[budget]) * 100
        held = abs(expected - figures[i].value) <= max(RATE_TOLERANCE, abs(expected) * 0.001)
        pointers = (f"/figures/{i}/value", f"/figures/{actual}/value", f"/figures/{budget}/value")
        yield Finding(f"rate:{key}", "rate_mismatch", pointers, held,
                      f"execution rate {figures[i].value}% against {expected:.2f}% computed")  # fmt: skip


def _yoy_rules(figures: list[Figure]) -> Iterator[Finding]:
    """A year-on-year change in percent is the change in amount over last year's amount (this year's less the
    change): a percentage read for the wrong figure, or a change paired with the wrong total, breaks it."""
    by_place: dict[tuple[str, str, str | None, str | None], int] = {}
    for i, figure in enumerate(figures):
        if figure.subject is not None or figure.key not in ("function_item_expenditure", "function_class_expenditure"):
            by_place[(figure.key, figure.measure, subject_key(figure.subject), figure.scope)] = i
    for (key, measure, subject, scope), i in by_place.items():
        actual = by_place.get((key, "actual", subject, scope))
        delta = by_place.get((key, "yoy_delta", subject, scope))
        if measure != "yoy_pct" or actual is None or delta is None:
            continue
        change = _wan(figures[delta])
        before = _wan(figures[actual]) - change
        if before <= AMOUNT_TOLERANCE:
            continue
        expected = change / before * 100
        stated = figures[i].value
        # the amounts are rounded to 0.01 and the percentage to its last digit
        slack = 100 * (0.005 + abs(expected) / 100 * 0.01) / (before - 0.01)
        tolerance = max(RATE_TOLERANCE, 0.6 if stated == round(stated) else 0, slack + 0.01)
        pointers = (f"/figures/{i}/value", f"/figures/{delta}/value", f"/figures/{actual}/value")
        yield Finding(f"yoy:{key}", "yoy_mismatch", pointers, abs(expected - stated) <= tolerance,
                      f"change of {stated}% against {expected:.2f}% computed from the amounts")  # fmt: skip


def _project_rules(pointer: str, project: Project) -> Iterator[Finding]:
    budget = project.budget
    if budget.execution_rate_pct is not None and budget.executed is not None:
        base = budget.adjusted if budget.adjusted is not None else budget.initial
        base_pointer = f"{pointer}/budget/{'adjusted' if budget.adjusted is not None else 'initial'}"
        if base:
            expected = budget.executed / base * 100
            yield Finding("project_rate", "rate_mismatch",
                          (f"{pointer}/budget/execution_rate_pct", f"{pointer}/budget/executed", base_pointer),
                          abs(expected - budget.execution_rate_pct) <= max(RATE_TOLERANCE, 0.006 * expected),
                          f"execution rate {budget.execution_rate_pct}% against {expected:.2f}% computed")  # fmt: skip
    if budget.score is not None and budget.weight is not None:
        yield Finding("budget_score_le_weight", "score_over_weight",
                      (f"{pointer}/budget/score",), budget.score <= budget.weight + 1e-9,
                      f"budget score {budget.score} over weight {budget.weight}")  # fmt: skip
        if budget.execution_rate_pct is not None and budget.execution_rate_pct < 100:
            # 预算执行率得分 = 执行率 × 分值 at the most: a score above it was read from the wrong line
            ceiling = budget.weight * budget.execution_rate_pct / 100
            yield Finding("budget_score_by_rate", "score_over_weight",
                          (f"{pointer}/budget/score", f"{pointer}/budget/execution_rate_pct"),
                          budget.score <= ceiling + 0.1,
                          f"budget score {budget.score} above {ceiling:.2f} (rate × weight)")  # fmt: skip
    for j, indicator in enumerate(project.indicators):
        yield from _indicator_vocabulary(f"{pointer}/indicators/{j}", indicator)
        yield from _name_holds_cells(f"{pointer}/indicators/{j}", indicator)
        if indicator.score is not None and indicator.weight is not None:
            at = f"{pointer}/indicators/{j}"
            yield Finding("score_le_weight", "score_over_weight", (f"{at}/score", f"{at}/weight"),
                          indicator.score <= indicator.weight + 1e-9,
                          f"score {indicator.score} over weight {indicator.weight}")  # fmt: skip
    yield from _levels_of_joined_rows(pointer, project)
    yield from _score_total(pointer, project)
    yield from _weights_total(pointer, project)
    yield from _rows_complete(pointer, project)


def _weights_total(pointer: str, project: Project) -> Iterator[Finding]:
    weights = [i.weight for i in project.indicators]
    if not weights or any(w is None for w in weights):
        return
    total = sum(w for w in weights if w is not None) + (project.budget.weight or 0)
    # forms weigh to 100; forms that score the budget block apart weigh their indicators to 90
    held = abs(total - 100) < 0.01 or (project.budget.weight is None and abs(total - 90) < 0.01)
    pointers = tuple(f"{pointer}/indicators/{j}/weight" for j in range(len(weights)))
    yield Finding("weights_sum_to_total", "sum_mismatch", pointers, held, f"weights add to {total:g}, not 100")


def _score_total(pointer: str, project: Project) -> Iterator[Finding]:
    scores = [i.score for i in project.indicators]
    if project.total_score is None or not scores or any(s is None for s in scores):
        return
    indicators = sum(s for s in scores if s is not None)
    total = indicators + (project.budget.score or 0)
    pointers = (f"{pointer}/total_score",) + tuple(f"{pointer}/indicators/{j}/score" for j in range(len(scores)))
    # a form's 总分 row either adds the budget block's score or, beside a weight of 90, the indicators alone
    held = abs(total - project.total_score) <= 0.051 or abs(indicators - project.total_score) <= 0.051
    yield Finding("scores_sum_to_total", "sum_mismatch", pointers, held,
                  f"scores add to {total:.2f} against a total of {project.total_score}")  # fmt: skip


_ROW_FIELDS = ("level1", "level2", "name", "comparator", "target", "unit", "actual", "weight", "score")


def _form_text(record: Record, i: int, source: str) -> str:
    """The source from a project's evidence to the next project's, whitespace removed, read as normalized text reads
    it (`repair.substitute`: simplified script, look-alike glyphs)."""
    start = record.projects[i].evidence.start
    if start is None:
        return ""
    following = [p.evidence.start for p in record.projects[i + 1 :] if p.evidence.start and p.evidence.start > start]
    end = min(following) if following else len(source)
    return re.sub(r"\s+", "", substitute(source[start:end]))


def _group_weights(pointer: str, project: Project, text: str) -> Iterator[Finding]:
    """Each group's rows weigh what the form says the group weighs; rows read into the wrong group
    (a torn or shifted table) break it for both groups."""
    stated: dict[str, float] = {}
    for match in GROUP_WEIGHT.finditer(text):
        stated.setdefault(match.group(1), float(match.group(2)))
    groups: dict[str, tuple[list[int], float]] = {}
    partial: set[str] = set()  # groups with a row whose weight is unread: only too much weight is sure
    for group, weight in stated.items():
        rows = [j for j, indicator in enumerate(project.indicators) if indicator.level1 == group]
        weights = [project.indicators[j].weight for j in rows]
        if rows:
            groups[group] = (rows, sum(w for w in weights if w is not None) - weight)
            if any(w is None for w in weights):
                partial.add(group)
    for group, (rows, off) in groups.items():
        if group in partial and off <= 0.01:
            continue
        suspects = _boundary_rows(project, group, off, groups) or rows
        pointers = tuple(
            f"{pointer}/indicators/{j}/{field}"
            for j in suspects
            for field in _ROW_FIELDS
            if getattr(project.indicators[j], field) is not None
        )
        yield Finding(f"group_weight:{group}", "sum_mismatch", pointers, abs(off) < 0.01,
                      f"the {group} rows weigh {off + stated[group]:g}; the form gives the group {stated[group]:g}")  # fmt: skip


def _boundary_rows(project: Project, group: str, off: float, groups: dict[str, tuple[list[int], float]]) -> list[int]:
    """When one group weighs too much by what its neighbour lacks, the row between them that weighs
    exactly that is the one read into the wrong group (a merged level cell printed mid-span)."""
    if abs(off) < 0.01:
        return []
    for other, (other_rows, other_off) in groups.items():
        if other == group or abs(off + other_off) >= 0.01:
            continue
        over_rows = groups[group][0] if off > 0 else other_rows
        under_rows = other_rows if off > 0 else groups[group][0]
        edges = {over_rows[0], over_rows[-1]}
        near = [j for j in edges if any(abs(j - k) == 1 for k in (under_rows[0], under_rows[-1]))]
        return [j for j in near if abs((project.indicators[j].weight or 0) - abs(off)) < 0.01]
    return []


def _indicator_vocabulary(at: str, indicator: Indicator) -> Iterator[Finding]:
    """A first-level indicator is one of the four the performance rules define; a unit is a unit
    ("次推介" is the end of a target read as its unit)."""
    if indicator.level1 is not None:
        yield Finding("level1_known", "unknown_level", (f"{at}/level1", f"{at}/level2"),
                      indicator.level1 in LEVEL1_INDICATORS, f"{indicator.level1!r} is not a first-level indicator")  # fmt: skip
    if indicator.unit is not None:
        unit = indicator.unit
        known = (
            unit in UNITS
            or len(unit) <= 2
            or (unit.startswith(UNIT_MAGNITUDES) and len(unit) <= 3)
            or ("/" in unit and all(0 < len(part) <= 3 for part in unit.split("/")))  # 万元/次, 次/年
        )
        yield Finding("unit_known", "unknown_unit", (f"{at}/unit", f"{at}/target", f"{at}/actual"), known,
                      f"{unit!r} is not a unit")  # fmt: skip


def _rows_complete(pointer: str, project: Project) -> Iterator[Finding]:
    """In a table whose rows state what was achieved, a row with a target and no actual has lost a
    cell: its cells were read one column off (an empty 三级指标 cell, a shifted export)."""
    rows = project.indicators
    if sum(1 for r in rows if r.actual is not None) * 2 <= len(rows):
        return
    for j, row in enumerate(rows):
        if row.target is not None and row.actual is None:
            at = f"{pointer}/indicators/{j}"
            fields = tuple(f"{at}/{name}" for name in _ROW_FIELDS if getattr(row, name) is not None)
            yield Finding("row_complete", "row_shape", fields, False, "the row has a target and no actual")


# A level's name inside an indicator's name, or three numbers in a row the way a row writes its actual, weight and
# score ("3 13 13"): cells of another row read into the name.
_LEVEL_WORD = re.compile("|".join(sorted(set(LEVEL1_INDICATORS) | set(LEVEL2_INDICATORS), key=len, reverse=True)))
# A level's name, or a piece of one that a line break tore off (all but its last character, or its end from the
# third-last character on: the piece that holds the level's closing word).
_LEVEL_PIECES = sorted(
    {word for word in set(LEVEL1_INDICATORS) | set(LEVEL2_INDICATORS)}
    | {word[:-1] for word in set(LEVEL1_INDICATORS) | set(LEVEL2_INDICATORS) if len(word) > 3}
    | {word[k:] for word in set(LEVEL1_INDICATORS) | set(LEVEL2_INDICATORS) for k in range(1, len(word) - 2)},
    key=len,
    reverse=True,
)
_LEVEL_PIECE = re.compile("|".join(map(re.escape, _LEVEL_PIECES)))
_DIGIT = re.compile(r"\d")
_NUMBER_RUN = re.compile(rf"(?<![\d.]){NUMBER}(?:\s+{NUMBER}){{2,}}(?![\d.])")


def _row_fields(at: str, row: Indicator) -> tuple[str, ...]:
    return tuple(f"{at}/{name}" for name in _ROW_FIELDS if getattr(row, name) is not None)


def _name_holds_cells(at: str, indicator: Indicator) -> Iterator[Finding]:
    """An indicator's name holds no other cell of a row: a level's name or a torn piece of one inside it (not
    the whole name) or a run of three numbers means two rows were read as one (a damaged row whose reader took
    the next row's cells, an OCR'd row that lost its comparator, a merged level cell torn into a name): every
    cell of the row is suspect. An actual that writes the target with its comparator before its own number
    ("≤ 70 万 69.8") holds the target's cell: the row too."""
    found = (_joined_in_name(indicator.name or "") or _target_in_name(indicator) or _target_in_actual(indicator)
             or _torn_text_cell(indicator))  # fmt: skip
    if found:
        yield Finding("name_holds_cells", "row_joined", _row_fields(at, indicator), False,
                      f"the row holds {found!r}, a cell of another row or column")  # fmt: skip
    levels = [name for name in ("level1", "level2") if len(_LEVEL_WORD.findall(getattr(indicator, name) or "")) > 1]
    if levels:
        yield Finding("level_holds_levels", "row_joined", tuple(f"{at}/{name}" for name in levels), False,
                      "a level cell holds two levels' names")  # fmt: skip


def _joined_in_name(name: str) -> str | None:
    """What in a name is another cell: a run of three numbers, or a level's name or torn piece (not the name)."""
    numbers = _NUMBER_RUN.search(name)
    if numbers is not None:
        return numbers.group()
    level = _LEVEL_PIECE.search(name)
    return level.group() if level is not None and level.group() != name.strip() else None


_PERCENT_END = re.compile(r"[≥≤><=]?\s*\d+(?:\.\d+)?\s*%$")


def _target_in_name(indicator: Indicator) -> str | None:
    """A name that ends in a percentage where the row has no target ("年度资金支付完成率100% 10 10"): the target's cell
    glued to the name, the row's cells read a column off."""
    if indicator.target is not None:
        return None
    glued = _PERCENT_END.search(indicator.name or "")
    return glued.group() if glued is not None and glued.start() > 0 else None


def _target_in_actual(indicator: Indicator) -> str | None:
    if not (indicator.actual and indicator.target and indicator.comparator):
        return None
    written = re.search(rf"{re.escape(indicator.comparator)}\s*{re.escape(indicator.target)}(?![\d.])", indicator.actual)
    return written.group() if written is not None and _DIGIT.search(indicator.actual[written.end() :]) else None


# characters: a phrase this long written twice, close together, in one cell is two cells' text
REPEAT_MIN, REPEAT_GAP = 6, 6
_REPEATED = re.compile(rf"(.{{{REPEAT_MIN},}}).{{0,{REPEAT_GAP}}}\1")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _torn_text_cell(indicator: Indicator) -> str | None:
    """A text cell (target, actual) that holds a wrapped line of the cell beside it: it writes a phrase of
    `REPEAT_MIN` characters (three of them CJK) twice, at most `REPEAT_GAP` characters apart (a target and
    its result often say the same words; one cell says them once)."""
    for cell in (indicator.target, indicator.actual):
        repeated = _REPEATED.search(cell or "")
        if repeated is not None and len(_CJK.findall(repeated.group(1))) >= 3:
            return repeated.group(1)
    return None


def _levels_of_joined_rows(pointer: str, project: Project) -> Iterator[Finding]:
    """A name that opens with a level's name or a torn piece of one took the level cell printed beside it (a
    merged cell's text stands mid-span): that level was the level of the row's span, so the rows around it
    that carry the row's level2 (taken from the cell above) have suspect levels too."""
    rows = project.indicators
    for j, row in enumerate(rows):
        piece = _LEVEL_PIECE.match(row.name or "")
        if piece is None or row.level2 is None or piece.group() == (row.name or "").strip():
            continue
        span = [j]
        for step in (-1, 1):
            k = j + step
            while 0 <= k < len(rows) and rows[k].level2 == row.level2:
                span.append(k)
                k += step
        fields = tuple(f"{pointer}/indicators/{k}/{name}" for k in sorted(span) if k != j
                       for name in ("level1", "level2") if getattr(rows[k], name) is not None)  # fmt: skip
        if fields:
            yield Finding("level_torn_into_name", "row_joined", fields, False,
                          f"row {j}'s name holds the level {piece.group()!r} these rows may belong to")  # fmt: skip


def _cut_cells(pointer: str, project: Project, source: str) -> Iterator[Finding]:
    """A table line between two indicator rows whose only text stands in the name's column and that no row took
    is the rest of the name above it (a name wrapped over a page break keeps its first part; the rest stands at
    the top of the next page as a line of its own): the row above is suspect. Only tab-separated rows are
    judged (a torn form's one-cell-per-line text has no columns to tell a cut by), and only the name's column
    (a piece under a value column may be a stray piece of the page)."""
    spans = sorted(
        (row.evidence.start, row.evidence.end, j)
        for j, row in enumerate(project.indicators)
        if row.evidence.start is not None and row.evidence.end is not None
    )
    for (start, end, j), (following, _end, _k) in zip(spans, spans[1:], strict=False):
        row = project.indicators[j]
        column = _column_of(source, start, end, row.name)
        orphan = _orphan_line(source[end:following]) if column is not None else None
        if orphan is not None and orphan[0] == column:
            yield Finding("cell_cut", "cell_cut", _row_fields(f"{pointer}/indicators/{j}", row), False,
                          f"the line {orphan[1]!r} below the row continues its name")  # fmt: skip


def _column_of(source: str, start: int, end: int, cell: str | None) -> int | None:
    """The column (tabs before it on its line) where `cell` stands in source[start:end], or None."""
    at = source.find(cell, start, end) if cell else -1
    if at < 0:
        return None
    return source.count("\t", source.rfind("\n", 0, at) + 1, at)


def _orphan_line(between: str) -> tuple[int, str] | None:
    """The first whole line of `between` (text after a row's quote up to the next row's, page numbers and blank
    lines passed over) when it is a table line with one text cell that is not a level's name (a merged level cell
    printed on a line of its own): its column and its text."""
    for line in between.split("\n")[1:]:
        if not line.strip() or PAGE_NUMBER.match(line) or PAGE_DECORATION.match(line):
            continue
        cells = [(k, cell.strip()) for k, cell in enumerate(line.split("\t")) if cell.strip()]
        if "\t" in line and len(cells) == 1 and not _DIGIT.search(cells[0][1]):
            return None if _LEVEL_WORD.fullmatch(cells[0][1]) else cells[0]
        return None
    return None
