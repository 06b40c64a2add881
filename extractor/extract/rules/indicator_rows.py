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
    indicator_name,
    is_number,
    level_of,
    split_comparator,
    split_unit,
    squeeze,
    strip_unit,
    target_cells,
)
from extractor.tables import Line
from extractor.vocabulary import (
    COMPARATOR_START,
    EMPTY_ANSWERS,
    INDICATOR_BLOCK_CELLS,
    INDICATOR_END_OF_TABLE,
    INDICATOR_HEADER_CELLS,
    INDICATOR_TITLE_WORDS,
    LEVEL1_INDICATORS,
    LEVEL2_INDICATORS,
    NAME_UNIT_SUFFIX,
    QUALITATIVE_MARK,
    QUALITATIVE_MARKS,
    SCORE_PIECE,
    SCORE_UNIT,
    SIGN_OR_MARK_START,
    UNIT_PREFIXES,
)


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
    sure: bool = True  # False when the reader guessed where the row's cells part (no header, no cell marks)


END_OF_TABLE = INDICATOR_END_OF_TABLE
_TAIL_START = re.compile(r"(?:^|(?<=\s))(?:" + COMPARATOR_START.pattern + "|" + "|".join(QUALITATIVE_MARKS) + ")")
SKIP_CELLS = INDICATOR_BLOCK_CELLS
_SCORE_PIECE = SCORE_PIECE


class Levels:
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
    levels = Levels()
    for line in lines:
        if END_OF_TABLE.match(line.text):
            break
        cells = [c.strip() for c in line.text.split("\t")]
        cells = [c for c in cells if c and c not in SKIP_CELLS]
        while cells and _SCORE_PIECE.match(cells[0]):
            cells.pop(0)  # "分)": the end of a level's "(50分)" cut onto this line
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
        elif rows and len(cells) == 1 and wrapped_cell(rows[-1], cells[0]):
            rows[-1].end = line.end
        elif len(cells) == 1 and level_of(cells[0]) is not None:
            levels.take([level_of(cells[0])])  # type: ignore[list-item]
    return rows


def wrapped_cell(row: Row, cell: str) -> bool:
    """A lone cell on the line after a row is the end of one of its cells, wrapped: of a name left open
    ("…(网络" / "安全)"), of an actual left open ("…费用达到20" / "万)") or mid-sentence ("…对项目成果进行" /
    "了高度肯定。"), or one or two characters of a name ("采集报送客票数" / "据")."""
    if _unclosed(row.name):
        row.name += squeeze(cell)
        return True
    if row.actual and (_unclosed(row.actual) and cell.endswith((")", "）")) or (
        cell.endswith("。") and len(cell) <= 12 and not row.actual.endswith("。"))):
        row.actual += squeeze(cell)
        return True
    if len(cell) <= 2 and not any(ch.isdigit() for ch in cell) and level_of(cell) is None:
        row.name += cell
        return True
    return False


def _is_header(cells: list[str]) -> bool:
    return any(c.replace(" ", "") in INDICATOR_HEADER_CELLS for c in cells)


def _unclosed(name: str) -> bool:
    return name.count("（") + name.count("(") > name.count("）") + name.count(")")


def _tsv_row(cells: list[str], levels: Levels, line: Line) -> Row | None:
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
        first, second = cells[i].replace(SCORE_UNIT, "").strip(), cells[i + 1].replace(SCORE_UNIT, "").strip()
        if is_number(first) and is_number(second) and float(first) <= 100 and float(second) <= 100:
            return i, float(first), float(second)
    return None


def _row(levels: Levels, name: str, target: str | None, actual: str | None, weight: float | None,
         score: float | None, reason: str | None, line: Line) -> Row:  # fmt: skip
    return row_from_cells(levels, name, target, actual, weight, score, reason, line.start, line.end)


def row_from_cells(levels: Levels, name: str, target: str | None, actual: str | None, weight: float | None,
                   score: float | None, reason: str | None, start: int, end: int) -> Row:  # fmt: skip
    """A row from its cells as written, the target holding its comparator and unit ("≥ 5 个")."""
    target = None if target is not None and target.strip() in EMPTY_ANSWERS else target  # ("—": no target stated)
    comparator, value, unit = target_cells(target) if target else (None, None, None)
    actual = squeeze(actual) if actual else None
    if actual and unit:  # "等于5万" against a target of "= 5 万": the actual's number; "≥60.2%": "≥60.2"
        sign, rest = split_comparator(actual)
        actual_value, actual_unit = split_unit(rest)
        if actual_unit == unit:
            actual = actual_value if sign in (None, "=") else sign + actual_value
    if actual and unit is None and value is not None:
        _, unit_from_actual = split_unit(split_comparator(actual)[1])
        if unit_from_actual and actual.endswith(unit_from_actual):
            unit = None  # unit only in actual: keep actual as written
    named_unit = NAME_UNIT_SUFFIX.search(name) if unit is None and value is not None and is_number(value) else None
    if named_unit is not None:  # "某某额(万美元) | 200 | 210": the values' unit written after the name
        name, unit = name[: named_unit.start()], named_unit.group("unit")
    return Row(levels.level1, levels.level2, indicator_name(name), comparator, value, unit, strip_unit(actual, unit),
               weight, score, reason, start, end)  # fmt: skip


# ---- rows torn into one cell per line ------------------------------------------------------


def torn_rows(lines: list[Line]) -> list[Row]:
    reader = _TornReader()
    for line in lines:
        if line.text.strip() and not reader.feed(line):
            break
    return reader.rows


class _TornReader:
    """Reads a torn indicator table line by line: level labels, name lines, then a tail from the
    comparator (or 定性) to the weight and score; lines after a row may still be that row's."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.levels = Levels()
        self.name_lines: list[Line] = []
        self.tail: list[Line] = []
        self.pending_levels: list[tuple[int, str]] = []
        self.taken: list[tuple[int, str]] = []  # the levels that opened the current group of rows
        self.last: Row | None = None  # the row just read: the lines after it may still be its wrapped cells
        self.fragments: list[str] = []  # the ends of level labels cut at that row's line, still to come
        self.rests: list[str] = []  # the same, for the row being read

    def feed(self, line: Line) -> bool:
        """Take one non-empty line; False at the table's end."""
        text = line.text.strip()
        if END_OF_TABLE.match(text) and not self.tail:
            _reason_after(self.last, self.name_lines)
            return False
        if self.last is not None and not self.tail and not self.name_lines:
            if _continues(self.last, text, line, self.fragments):
                return True
        if self.tail:
            if not (_SYMBOL_START.match(text) and not _SYMBOL_START.match(self.tail[0].text)):
                self._extend_tail(line)
                return True
            self.name_lines, self.tail = self.name_lines + self.tail, []  # "不低于 80%" was the name's
        level = level_of(text)
        if level is not None and self.name_lines and _reason_after(self.last, self.name_lines):
            self.name_lines = []
        if level is not None and not self.name_lines:
            self.pending_levels.append(level)
            return True
        if _is_header(text.split()) or _header_words(text):
            self.name_lines = []  # the table's header, torn over lines: no row's name
            return True
        if self.pending_levels:
            self.levels.take(self.pending_levels)
            self.taken, self.pending_levels = self.pending_levels, []
        start = _TAIL_START.search(text)
        if start is None:
            self.name_lines.append(line)
        else:
            self._start_tail(line, text, start.start())
        return True

    def _extend_tail(self, line: Line) -> None:
        self.tail.append(line)
        row = _parse_tail(self.name_lines, self.tail, self.levels)
        if row is not None:
            self._done(row, self.rests)
        elif len(self.tail) > 8:
            self.name_lines, self.tail = [], []

    def _start_tail(self, line: Line, text: str, at: int) -> None:
        head = text[:at].strip()
        cut = _level_fragments(head)
        if cut is not None and self.name_lines and _reason_after(self.last, self.name_lines):
            self.name_lines = []  # "…按实际归集。" then "质量指标 抽检合格率 ≥ 95 …": the reason, then a new level
        cut = cut if not self.name_lines else None
        if cut is not None:  # "成本指 12328 工单 ≤ 5.15 万 …" / "标 分期成本 元"
            self.levels.take([(_level_kind(label), label) for label in cut[0]])
            head = head[len(cut[1]) :].strip()
        if head:
            where = line.text.find(head)
            self.name_lines.append(Line(line.start + where, line.text[where : where + len(head)]))
        self.rests = _peel_levels(self.name_lines, self.levels, self.taken)
        self.tail = [Line(line.start + line.text.find(text[at:]), text[at:])]
        row = _parse_tail(self.name_lines, self.tail, self.levels)
        if row is None:
            return
        if cut is None:
            self._done(row, self.rests)
            return
        row.start = line.start + line.text.find(cut[1].split()[0])
        pieces = cut[1].split()
        self._done(row, [label[len(piece) :] for label, piece in zip(cut[0], pieces, strict=True) if label[len(piece) :]])

    def _done(self, row: Row, fragments: list[str]) -> None:
        self.rows.append(row)
        self.last, self.fragments, self.name_lines, self.tail = row, fragments, [], []


_HEADER_WORDS = re.compile("|".join(INDICATOR_TITLE_WORDS))
_SPACES = re.compile(r"\s+")


def _header_words(text: str) -> bool:
    """A line made only of the indicator table's column titles ("指标性质指标值度量单位完成值 权重 得分")."""
    squeezed = _SPACES.sub("", text)
    return bool(squeezed) and not _HEADER_WORDS.sub("", squeezed) and len(_HEADER_WORDS.findall(squeezed)) >= 2


_SYMBOL_START = SIGN_OR_MARK_START


def _level_kind(label: str) -> int:
    if label in LEVEL1_INDICATORS:
        return 0 if label in LEVEL2_INDICATORS else 1
    return 2


def _continues(row: Row, text: str, line: Line, fragments: list[str]) -> bool:
    """Whether a line after a row is that row's still: the ends of its cells wrapped onto the next
    line ("标 分期成本 元"), the rest of a level label cut at the row ("指标 量", "指", "标"), the
    unit's end ("元"), or the end of a long name ("支持）", "研究。")."""
    if any(ch.isdigit() for ch in text) or _TAIL_START.search(text):
        return False
    tokens = text.split()
    if len(tokens) > 4:
        return False
    kept = [token for token in tokens if not any(token in rest for rest in fragments)]
    if len(kept) < len(tokens) or (fragments and not kept):
        if kept and row.unit and (row.unit + kept[-1]) in UNIT_PREFIXES:
            row.unit += kept.pop()
        if kept:
            row.name = squeeze(row.name + "".join(kept))
        row.end = line.end
        return True
    if len(tokens) == 1 and row.unit and (row.unit + text) in UNIT_PREFIXES and len(text) <= 2:
        row.unit += text
        row.end = line.end
        return True
    unclosed = row.name.count("（") > row.name.count("）") or row.name.count("(") > row.name.count(")")
    if len(text) <= 8 and ((unclosed and text.endswith(("）", ")"))) or text.endswith("。")):
        row.name = squeeze(row.name + text)
        row.end = line.end
        return True
    return False


def _reason_after(row: Row | None, name_lines: list[Line]) -> bool:
    """Lines after a row that end a sentence before the next level or the table's end are the row's
    未完成原因 (deviation reason), not the next row's name."""
    text = squeeze("".join(n.text.strip() for n in name_lines))
    if row is None or not text.endswith("。"):
        return False
    row.reason = text
    row.end = max(row.end, name_lines[-1].end)
    return True


_LEVEL_LABELS: tuple[str, ...] = tuple(dict.fromkeys((*LEVEL1_INDICATORS, *LEVEL2_INDICATORS)))


def _completion(prefix: str, shortest: int = 2) -> str | None:
    """The one level label that `prefix` begins without being it ("成本指" → "成本指标"), else None."""
    if len(prefix) < shortest or prefix in _LEVEL_LABELS:
        return None
    found = [label for label in _LEVEL_LABELS if label.startswith(prefix)]
    return found[0] if len(found) == 1 else None


def _level_fragments(head: str) -> tuple[list[str], str] | None:
    """(labels, pieces) when a row line opens with the first parts of level labels cut by the page
    width, their ends on the next lines: "成本指 12328 工单" → (["成本指标"], "成本指"); "产出 数 办公室类型"
    → (["产出指标", "数量指标"], "产出 数")."""
    tokens = head.split()
    labels: list[str] = []
    for token in tokens[:-1]:
        label = token if token in _LEVEL_LABELS else _completion(token, shortest=2 if not labels else 1)
        if label is None:
            break
        labels.append(label)
    if not labels:
        return None
    return labels, " ".join(tokens[: len(labels)])


def _peel_levels(name_lines: list[Line], levels: Levels, taken: list[tuple[int, str]]) -> list[str]:
    """Leading name lines that spell level labels, whole or cut ("满意" / "度指" / "标", "服务对" / "象满意"
    before the name "宣传对象满意度", the label's end coming after the row), are those levels, not the
    name. Takes them and returns the ends of cut labels still to come."""
    found: list[tuple[int, str]] = []
    rests: list[str] = []
    i = 0
    while i < len(name_lines) - 1:
        joined, matched = "", None
        for k in range(i, len(name_lines) - 1):
            joined += name_lines[k].text.strip()
            if joined in _LEVEL_LABELS:
                matched = (k, joined, "")
                break
            candidates = [label for label in _LEVEL_LABELS if label.startswith(joined)]
            following = joined + name_lines[k + 1].text.strip()
            if not candidates or any(label.startswith(following) for label in candidates):
                if not candidates:
                    break
                continue  # the label goes on in the next line
            if len(candidates) == 1 and len(joined) >= 3 and candidates[0] != levels.level2:
                matched = (k, candidates[0], candidates[0][len(joined) :])
            break
        if matched is None:
            break
        found.append((_level_kind(matched[1]), matched[1]))
        rests += [matched[2]] if matched[2] else []
        i = matched[0] + 1
    if found:
        del name_lines[:i]
        levels.take([*taken, *found] if len(found) == 1 and found[0][0] == 2 and taken else found)
    return rests


def _parse_tail(name_lines: list[Line], tail: list[Line], levels: Levels) -> Row | None:
    tokens = _tail_tokens(tail)
    if len(tokens) < 3 or not (is_number(tokens[-1]) and is_number(tokens[-2])):
        return None
    if len(tail) > 1 and len(tail[-1].text.split()) < 2:
        return None  # weight and score stand together on the row's last line; a lone number is a torn cell
    weight, score = float(tokens[-2]), float(tokens[-1])
    body = tokens[:-2]
    comparator = None
    qualitative = body[0] == QUALITATIVE_MARK
    if body[0] in QUALITATIVE_MARKS:
        body = body[1:]
    else:
        comparator, first = split_comparator(body[0])
        body = ([first] if first else []) + body[1:]
    if not body:
        return None
    target, unit, actual = _qualitative(body) if qualitative else _target_unit_actual(body)
    name = squeeze("".join(n.text.strip() for n in name_lines))
    if not name:
        return None
    start = name_lines[0].start if name_lines else tail[0].start
    return Row(levels.level1, levels.level2, name, comparator, target, unit, actual, weight, score, None,
               start, tail[-1].end)  # fmt: skip


def _qualitative(body: list[str]) -> tuple[str | None, str | None, str | None]:
    """A 定性 row's target and actual: the same words twice ("2023 以前 完成 2023 以前 完成"), or the
    target's scale then the actual ("好 坏 好" → "好坏", "好"; "优良 中低 差 良" → "优良中低差", "良")."""
    half = len(body) // 2
    if len(body) % 2 == 0 and body[:half] == body[half:]:
        return "".join(body[:half]), None, "".join(body[:half])
    if len(body) == 1:
        return body[0], None, None
    return "".join(body[:-1]), None, body[-1]


def _digit_runs(tail: list[Line]) -> list[str]:
    """The tail's lines, with a number torn over several lines under a lone comparator put back
    together ("＝" / "422" / "000" / "000" / "张 403566013 2 1.91" → "422000000")."""
    pieces = [line.text.strip() for line in tail]
    out: list[str] = []
    i = 0
    while i < len(pieces):
        j = i
        while j < len(pieces) and pieces[j].isdigit():
            j += 1
        after_comparator = bool(out) and bool(_SYMBOL_START.match(out[-1])) and len(out[-1]) <= 2
        if j - i >= 2 and after_comparator and j < len(pieces) and not pieces[j][:1].isdigit():
            out.append("".join(pieces[i:j]))
            i = j
        else:
            out.append(pieces[i])
            i += 1
    return out


def _tail_tokens(tail: list[Line]) -> list[str]:
    """Tokens of a row's tail; a unit torn one character per line ("小/时//天") is put back together."""
    tokens: list[str] = []
    for piece in _digit_runs(tail):
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
