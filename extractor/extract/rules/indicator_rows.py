"""Row-level rules for indicator tables, in the two shapes reports arrive in.

In: the lines of an indicator table (text with normalized offsets). Out: `Row`s, each an indicator
with the span of text it was read from.
- tab-separated rows (word processors, markdown exports): cells split on tabs; level cells on the
  left, then name / target / actual, then the weight and score pair, then the reason;
- rows torn into one cell per line (PDF text): name lines accumulate until a line that starts the
  row's tail with a comparator (≥ ≤ = …) or 定性, and the tail runs until it ends with weight and score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.extract.rules.indicator_cells import (
    COMPARATOR_START,
    indicator_name,
    is_number,
    level_of,
    split_comparator,
    split_unit,
    squeeze,
    strip_unit,
    target_cells,
)
from extractor.vocabulary import LEVEL1_INDICATORS, LEVEL2_INDICATORS, UNIT_PREFIXES


@dataclass
class Line:
    start: int  # normalized offset
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Row:
    level1: str | None
    level2: str | None
    name: str
    comparator: str | None
    target: str | None
    unit: str | None
    actual: str | None
    weight: float | None
    score: float | None
    reason: str | None
    start: int
    end: int


_END = re.compile(r"^\s*(?:合计|总分|评价结论|评价结|存在问题|改进措施|项目负责人|填表人|备注)")
_TAIL_START = re.compile(r"(?:^|(?<=\s))(?:" + COMPARATOR_START.pattern + r"|定性|定量)")
_SKIP_CELLS = {"绩效指标", "年度绩效指标"}


class _Levels:
    def __init__(self) -> None:
        self.level1: str | None = None
        self.level2: str | None = None

    def take(self, levels: list[tuple[int, str]]) -> None:
        if len(levels) >= 2:
            self.level1, self.level2 = levels[0][1], levels[-1][1]
            return
        kind, name = levels[0]
        # a name that can be either level (成本指标, 满意度指标) opens a level 1 only in a table with none yet
        if kind == 1 or (kind == 0 and self.level1 is None and self.level2 is None):
            self.level1, self.level2 = name, None
        else:
            self.level2 = name


# ---- tab-separated rows -------------------------------------------------------------------


def tsv_rows(lines: list[Line]) -> list[Row]:
    rows: list[Row] = []
    levels = _Levels()
    for line in lines:
        if _END.match(line.text):
            break
        cells = [c.strip() for c in line.text.split("\t")]
        cells = [c for c in cells if c and c not in _SKIP_CELLS]
        found = []
        while len(cells) > 2 and level_of(cells[0]) is not None:
            found.append(level_of(cells[0]))
            cells.pop(0)
        if found:
            levels.take(found)  # type: ignore[arg-type]
        if _is_header(cells):
            continue
        row = _tsv_row(cells, levels, line)
        if row is not None:
            rows.append(row)
        elif rows and len(cells) == 1 and _unclosed(rows[-1].name):
            rows[-1].name += squeeze(cells[0])
            rows[-1].end = line.end
        elif len(cells) == 1 and level_of(cells[0]) is not None:
            levels.take([level_of(cells[0])])  # type: ignore[list-item]
    return rows


def _is_header(cells: list[str]) -> bool:
    return any(c.replace(" ", "") in ("三级指标", "指标值", "年度指标值", "实际完成值", "分值", "权重") for c in cells)


def _unclosed(name: str) -> bool:
    return name.count("（") + name.count("(") > name.count("）") + name.count(")")


def _tsv_row(cells: list[str], levels: _Levels, line: Line) -> Row | None:
    pair = _score_pair(cells)
    if pair is None:
        if len(cells) == 3:  # name, target, actual without weights (scored in another table)
            return _row(levels, cells[0], cells[1], cells[2], None, None, None, line)
        return None
    at, weight, score = pair
    middle, reason = cells[:at], cells[at + 2 :]
    if not middle:
        return None
    name = middle[0]
    target = middle[1] if len(middle) > 1 else None
    actual = " ".join(middle[2:]) if len(middle) > 2 else None
    return _row(levels, name, target, actual, weight, score, " ".join(reason) or None, line)


def _score_pair(cells: list[str]) -> tuple[int, float, float] | None:
    """Index of the weight cell: the right-most two adjacent numeric cells after the name."""
    for i in range(len(cells) - 2, 0, -1):
        first, second = cells[i].replace("分", "").strip(), cells[i + 1].replace("分", "").strip()
        if is_number(first) and is_number(second) and float(first) <= 100 and float(second) <= 100:
            return i, float(first), float(second)
    return None


def _row(levels: _Levels, name: str, target: str | None, actual: str | None, weight: float | None,
         score: float | None, reason: str | None, line: Line) -> Row:  # fmt: skip
    comparator, value, unit = target_cells(target) if target else (None, None, None)
    actual = squeeze(actual) if actual else None
    if actual and unit:  # "等于5万" against a target of "= 5 万": the actual's number
        actual_value, actual_unit = split_unit(split_comparator(actual)[1])
        if actual_unit == unit:
            actual = actual_value
    if actual and unit is None and value is not None:
        _, unit_from_actual = split_unit(split_comparator(actual)[1])
        if unit_from_actual and actual.endswith(unit_from_actual):
            unit = None  # unit only in actual: keep actual as written
    return Row(levels.level1, levels.level2, indicator_name(name), comparator, value, unit, strip_unit(actual, unit),
               weight, score, reason, line.start, line.end)  # fmt: skip


# ---- rows torn into one cell per line ------------------------------------------------------


def torn_rows(lines: list[Line]) -> list[Row]:
    rows: list[Row] = []
    levels = _Levels()
    name_lines: list[Line] = []
    tail: list[Line] = []
    pending_levels: list[tuple[int, str]] = []
    taken: list[tuple[int, str]] = []  # the levels that opened the current group of rows
    wrapped: Row | None = None  # a one-line row whose level label was cut, waiting for its wrapped cells
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if _END.match(text) and not tail:
            break
        if wrapped is not None and _wrapped_cells(wrapped, text, line):
            wrapped = None
            continue
        wrapped = None
        if tail:
            tail.append(line)
            row = _parse_tail(name_lines, tail, levels)
            if row is not None:
                rows.append(row)
                name_lines, tail = [], []
            elif len(tail) > 8:
                name_lines, tail = [], []
            continue
        level = level_of(text)
        if level is not None and not name_lines:
            pending_levels.append(level)
            continue
        if pending_levels:
            levels.take(pending_levels)
            taken, pending_levels = pending_levels, []
        start = _TAIL_START.search(text)
        if start is not None:
            head = text[: start.start()].strip()
            cut = _level_fragment(head)
            if cut is not None and not name_lines:  # "成本指 12328 工单 ≤ 5.15 万 …" / "标 分期成本 元"
                levels.take([(0 if cut[0] in LEVEL1_INDICATORS else 2, cut[0])])
                head = head[len(cut[1]) :].strip()
            if head:
                at = line.text.find(head)
                name_lines.append(Line(line.start + at, line.text[at : at + len(head)]))
            _split_level_prefix(name_lines, levels, taken)
            tail = [Line(line.start + line.text.find(text[start.start() :]), text[start.start() :])]
            row = _parse_tail(name_lines, tail, levels)
            if row is not None:
                rows.append(row)
                if cut is not None:
                    row.start = line.start + line.text.find(cut[1])
                    row.level2 = levels.level2
                    wrapped = row
                name_lines, tail = [], []
            continue
        name_lines.append(line)
    return rows


_LEVEL_LABELS: tuple[str, ...] = tuple(dict.fromkeys((*LEVEL1_INDICATORS, *LEVEL2_INDICATORS)))


def _completion(prefix: str) -> str | None:
    """The one level label that `prefix` begins without being it ("成本指" → "成本指标"), else None."""
    if len(prefix) < 2 or prefix in _LEVEL_LABELS:
        return None
    found = [label for label in _LEVEL_LABELS if label.startswith(prefix)]
    return found[0] if len(found) == 1 else None


def _level_fragment(head: str) -> tuple[str, str] | None:
    """(label, fragment) when a row line opens with the first part of a level label cut by the page
    width, the rest of it on the next line: "成本指 12328 工单" → ("成本指标", "成本指")."""
    tokens = head.split()
    if len(tokens) < 2:
        return None
    label = _completion(tokens[0])
    return (label, tokens[0]) if label else None


def _split_level_prefix(name_lines: list[Line], levels: _Levels, taken: list[tuple[int, str]]) -> None:
    """Leading name lines that spell the start of a level label ("服务对" / "象满意" before the name
    "宣传对象满意度", the label's end "度指标" coming after the row) are that level, not the name."""
    joined = ""
    for k, line in enumerate(name_lines[:-1]):
        joined += line.text.strip()
        label = _completion(joined)
        if label is None:
            return
        if label.startswith(joined + name_lines[k + 1].text.strip()):
            continue  # the label goes on in the next line: not cut yet
        if label in LEVEL2_INDICATORS and len(joined) >= 4 and label != levels.level2:
            del name_lines[: k + 1]
            levels.take([*taken, (2, label)] if taken else [(2, label)])
        return


def _wrapped_cells(row: Row, text: str, line: Line) -> bool:
    """Take the next line as the wrapped ends of a row's cells ("标 分期成本 元" after "成本指 12328 工单
    ≤ 5.15 万 1.83 13 13"): the level label's end, the name's end, the unit's end. False if it is not."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 4 or any(ch.isdigit() for ch in text) or _TAIL_START.search(text):
        return False
    label = row.level2 or ""
    if not (label.endswith(tokens[0]) and len(tokens[0]) < len(label)):
        return False
    rest = tokens[1:]
    if rest and row.unit and (row.unit + rest[-1]) in UNIT_PREFIXES:
        row.unit += rest.pop()
    if rest:
        row.name = squeeze(row.name + "".join(rest))
    row.end = line.end
    return True


def _parse_tail(name_lines: list[Line], tail: list[Line], levels: _Levels) -> Row | None:
    tokens = _tail_tokens(tail)
    if len(tokens) < 3 or not (is_number(tokens[-1]) and is_number(tokens[-2])):
        return None
    weight, score = float(tokens[-2]), float(tokens[-1])
    body = tokens[:-2]
    comparator = None
    if body[0] in ("定性", "定量"):
        body = body[1:]
    else:
        comparator, first = split_comparator(body[0])
        body = ([first] if first else []) + body[1:]
    if not body:
        return None
    target, unit, actual = _target_unit_actual(body)
    name = squeeze("".join(n.text.strip() for n in name_lines))
    if not name:
        return None
    start = name_lines[0].start if name_lines else tail[0].start
    return Row(levels.level1, levels.level2, name, comparator, target, unit, actual, weight, score, None,
               start, tail[-1].end)  # fmt: skip


def _tail_tokens(tail: list[Line]) -> list[str]:
    """Tokens of a row's tail; a unit torn one character per line ("小/时//天") is put back together."""
    tokens: list[str] = []
    for line in tail:
        piece = line.text.strip()
        if tokens and " " not in piece and tokens[-1] + piece in UNIT_PREFIXES:
            tokens[-1] += piece
        else:
            tokens.extend(piece.split())
    return tokens


def _target_unit_actual(body: list[str]) -> tuple[str | None, str | None, str | None]:
    if len(body) == 1:
        target, unit = split_unit(body[0])
        return target, unit, None
    if len(body) == 2:
        target, unit = split_unit(body[0])
        if unit is None and not is_number(body[1]) and is_number(target):
            return target, body[1], None  # "≥ 4 期" with the actual missing
        return target, unit, strip_unit(body[1], unit)
    target, unit = split_unit(body[0])
    if unit is None and not is_number(body[1]):
        unit = body[1]
        rest = body[2:]
    else:
        rest = body[1:]
    actual = "".join(rest) if all(not is_number(t) for t in rest[1:]) else " ".join(rest)
    return target, unit, strip_unit(actual, unit)
