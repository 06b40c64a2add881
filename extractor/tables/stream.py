"""Rows from a stream of cells, for layouts where nothing marks where a row ends.

Stage: tables (the flat and ragged-cells readers). In: the cells of a stretch of text in reading order (`Token`s:
a form flattened into one line, split at spaces; or one cell per line, merged cells left out so rows differ in
width). Out: the table's rows as (column, token) lists, the header's columns named by header words.

How a row's end is found, the way a reader of the form finds it:
- a header is a run of header words of one kind of table (three columns named at least; a header word torn into
  two cells, "年度" + "指标值", is read whole);
- budget and accounts rows are a label, then amounts: a label after an amount starts the next row;
- indicator rows are cut where the cells fit the header's columns best, in order: each cell is matched to a
  column its text fits (a level name to a level column, a number of at most 100 to 分值/得分, a comparator alone
  to 指标性质, a short word to 度量单位, ...), a cell no column takes costs more than one that starts a new row,
  so "… 15 14 设备到货延迟 巡查频次 ≥349次/年 …" ends the row after its 未完成原因 cell, and "… 4 4 巡查频次 …"
  after its score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from extractor.tables.kinds import (
    GROUP_FIT,
    GROUP_FIT_OUTER,
    comparator_led,
    group_of,
    has_digit,
    is_amount,
    is_criteria,
    is_mark,
    is_placeholder,
    is_score,
    is_sentence,
    level_of,
    level_piece,
    unit_fit,
)
from extractor.tables.roles import group_score_column, role_of
from extractor.vocabulary import (
    FORM_START,
    FORM_TITLE,
    HEADER_COLUMN_NOTE,
    HEADER_NOTE_CLOSE,
    HEADER_NOTE_OPEN,
    HEADER_NOTE_OPENING,
    INDICATOR_BLOCK_CELLS,
    INDICATOR_END_OF_TABLE,
    INDICATOR_NUMBERING,
    LEVEL1_INDICATORS,
    LEVEL2_INDICATORS,
    LEVEL_SCORE_SUFFIX,
    LEVEL_WEIGHT_ROLES,
    NO_REASON_ANSWERS,
    NUMERIC_ROLES,
    QUALITATIVE_SCALE,
    REASON_HEADER_TAIL,
    TABLE_COLUMNS,
    TABLE_NOTE,
    TEXT_ROLES,
    YES_NO_ANSWERS,
)

_MIN_NAMED = 3  # columns a header must name
_DROP = 3.0  # the cost of a cell no column takes
_NEW_ROW = 0.5  # the cost of starting a row: of two readings that fit as well, the one with fewer rows
_DISPLACED_LEVEL = 0.5
_EITHER_LEVEL = 0.1  # how much less a level name either level may have fits level 1 than level 2
_UNKEYED = 6.0  # a row that names nothing (numbers alone): the cells of the row before it, or of none
_NUMBERED_NAME = 2.0  # a numbered name ("指标2：…") is a name whatever else it could be
_SENTENCE_NAME = 0.3  # a sentence in the name column: rather the row above's 未完成原因  # a level name of the other level's column
_MAX_PIECE = 4  # characters of a header word's first piece, torn from the rest
_MAX_ROW_EXTRA = 3  # cells a row may hold beyond the header's width (dropped ones)
NAME_ROLE = "name"
LEVEL_ROLES = frozenset({"level1", "level2"})
_WORDS = {kind: frozenset(word for words in roles.values() for word in words) for kind, roles in TABLE_COLUMNS.items()}
# a goal table states no scores: its target and actual columns beside the name make it an indicator table
_RESULT_ROLES = {"indicators": frozenset({"name", "target", "actual"})}
# a scoring table may state its weights inside its names ("组织管理(6分)") and leave its score column out: its name
# and criteria columns (评价指标 | 指标说明 | 评分标准) make it an indicator table too
_CRITERIA_ROLES = {"indicators": frozenset({"name", "note"})}
# a goal declaration form (绩效目标申报表, 绩效目标表) states targets alone: a level column beside its name and target
# columns makes it an indicator table, each row a target-only row
_GOAL_ROLES = {"indicators": frozenset({"name", "target"})}
_REPEATED_ROLES = frozenset({"note"})
_LEVEL_WEIGHTS = frozenset(LEVEL_WEIGHT_ROLES.values())
LEVEL_WEIGHT_FIT = 1.5  # how well a number fits a level's 分值 column: less than an indicator's 分值 or 得分  # a role several columns may have (指标说明 | 评分标准: prose beside prose)
_NONE: frozenset[str] = frozenset({""})
LABEL_KINDS = frozenset({"budget", "accounts"})  # kinds whose rows open with a label (a column no header word names)


@dataclass(frozen=True, slots=True)
class Token:
    """One cell as written: its text and span in the normalized text (an empty cell has "" and an empty span)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Wrapped(Token):
    """A cell a flattening tool wrote as pieces parted by spaces (a cell wrapped over lines in the form): the pieces
    joined, its span theirs. Where the pieces part is the reader's guess: its row is held for review."""


@dataclass(frozen=True)
class Header:
    """A header run: its kind, the tokens it spans ([start, end) indices), and each column's role (None for the
    label column that budget and accounts rows open with), with the token(s) that name it."""

    kind: str
    start: int
    end: int
    columns: tuple[str | None, ...]
    cells: tuple[Token | None, ...]


def header_at(tokens: Sequence[Token], at: int) -> Header | None:
    """The header run that starts at tokens[at], or None."""
    best: Header | None = None
    for kind in TABLE_COLUMNS:
        columns: list[str | None] = []
        cells: list[Token | None] = []
        k = at
        while k < len(tokens):
            joined = _joined(tokens, k, kind)
            if joined is None:
                break
            token, role, k = joined
            token, k = _noted(tokens, k, token)
            if role == _REASON_ROLE:
                token, k = _reason_tail(tokens, k, token)
            role = _scoring_role(columns, role) if kind in _CRITERIA_ROLES else role
            if role in columns and role not in _REPEATED_ROLES:
                break  # a role named twice: the next header (or data) starts here
            columns.append(role)
            cells.append(token)
        if kind == _INDICATORS and _group_score(tokens, k, columns):
            columns.append(_SCORE_ROLE)  # the score column's header word is above the header row: its group's score here
            cells.append(tokens[k])
            k += 1
        named = set(columns)
        results = _RESULT_ROLES.get(kind, _NONE) <= named or _CRITERIA_ROLES.get(kind, _NONE) <= named
        results = results or (_GOAL_ROLES.get(kind, _NONE) <= named and bool(named & LEVEL_ROLES))
        if len(named) < _MIN_NAMED or not (named & NUMERIC_ROLES[kind] or results):
            continue
        columns, cells = _grouped(columns, cells)
        if kind in LABEL_KINDS:
            columns.insert(0, None)
            cells.insert(0, None)
        found = Header(kind, at, k, tuple(columns), tuple(cells))
        if best is None or len(found.columns) > len(best.columns):
            best = found
    return best


_INDICATORS = "indicators"
_SCORE_ROLE = "score"
_HEADER_TEXT = "-"  # a header cell's text where only its being there counts


def _group_score(tokens: Sequence[Token], k: int, columns: list[str | None]) -> bool:
    """Whether the cell after the header's words is its group's score (`roles.group_score_column`), the rows opening
    with a level's name after it."""
    if k + 1 >= len(tokens) or level_of(tokens[k + 1].text) is None:
        return False
    texts = [*(_HEADER_TEXT for _ in columns), tokens[k].text]
    return group_score_column(texts, [*columns, None]) == len(columns)


_MAX_NOTE_PIECES = 4  # pieces a header cell's bracketed note runs over ("(20", "分*执行率)")
_REASON_ROLE = "reason"
_MAX_TAIL_PIECES = 3  # pieces the rest of a reason column's header word is torn into ("分析及", "改进措施")


def _reason_tail(tokens: Sequence[Token], k: int, token: Token) -> tuple[Token, int]:
    """The reason column's header cell torn over lines after its first word ("偏差原因" / "分析及" / "改进措施"): the
    cell's span runs over the pieces that together are the rest of its word, and the index after them."""
    text = ""
    for end in range(k, min(k + _MAX_TAIL_PIECES, len(tokens))):
        text += tokens[end].text
        if not tokens[end].text or has_digit(text):
            break
        if REASON_HEADER_TAIL.fullmatch(text):
            return Token(token.text + text, token.start, tokens[end].end), end + 1
    return token, k


def _noted(tokens: Sequence[Token], k: int, token: Token) -> tuple[Token, int]:
    """A header cell with the note a flattening tool wrote apart after it ("预算数" "(A)", "得分" "(20" "分*执行率)"): the
    cell's span runs over the note, and the index after it. The note names no column."""
    if k < len(tokens) and HEADER_COLUMN_NOTE.match(tokens[k].text):
        return Token(token.text, token.start, tokens[k].end), k + 1
    if k < len(tokens) and HEADER_NOTE_OPEN.match(tokens[k].text):
        for end in range(k + 1, min(k + _MAX_NOTE_PIECES, len(tokens))):
            if HEADER_NOTE_CLOSE.search(tokens[end].text) and not HEADER_NOTE_OPENING.search(tokens[end].text):
                return Token(token.text, token.start, tokens[end].end), end + 1
    return token, k


def _scoring_role(columns: list[str | None], role: str) -> str:
    """The role a header cell takes after the columns before it, in a scoring table's header (see
    `extractor.tables.roles.resolved`): a 分值 after a level column is the level's; a second name column makes the
    first a level (the nearest free one)."""
    if role == "weight" and columns and columns[-1] in LEVEL_WEIGHT_ROLES:
        return LEVEL_WEIGHT_ROLES[columns[-1]]  # type: ignore[index]
    if role == NAME_ROLE and NAME_ROLE in columns:
        first = columns.index(NAME_ROLE)
        if any(c in LEVEL_ROLES for c in columns[first + 1 :]):
            columns[first] = _GROUP  # 评价指标 over 一级指标 | 二级指标 | 三级指标, written before them
            return role
        free = [level for level in ("level2", "level1") if level not in columns]
        if free:
            columns[first] = free[0]
    return role


_GROUP = "group"  # a header cell over the level and name columns, its parts written after the other columns


def _grouped(columns: list[str | None], cells: list[Token | None]) -> tuple[list[str | None], list[Token | None]]:
    """A header over two rows written without its spans, in a layout with no rows (a form flattened, one cell a
    line): 评价指标 | 分值 | 评分标准 | 得分, then 一级指标 | 二级指标 | 三级指标 under the first. The group cell stands for
    the level and name columns written after the others: they take its place, in their order."""
    if _GROUP not in columns:
        return _lower_row_first(columns, cells)
    at = columns.index(_GROUP)
    parts = [k for k in range(at + 1, len(columns)) if columns[k] in LEVEL_ROLES or columns[k] == NAME_ROLE]
    rest = [k for k in range(at + 1, len(columns)) if k not in parts]
    order = list(range(at)) + parts + rest
    return [columns[k] for k in order], [cells[k] for k in order]


def _lower_row_first(columns: list[str | None], cells: list[Token | None]) -> tuple[list[str | None], list[Token | None]]:
    """A header over two rows whose upper row's group cells no word names (基本指标 | 具体指标 over the levels, then
    评价内容(标准) | 评分 merged down): the level and name columns written last, after the others, are the table's first
    columns, as the levels open every form's rows."""
    parts = [k for k, role in enumerate(columns) if role in LEVEL_ROLES or role == NAME_ROLE]
    if not parts or parts[0] == 0 or parts != list(range(parts[0], len(columns))):
        return columns, cells
    order = parts + list(range(parts[0]))
    return [columns[k] for k in order], [cells[k] for k in order]


def _joined(tokens: Sequence[Token], k: int, kind: str) -> tuple[Token, str, int] | None:
    """The header cell at tokens[k] with its role and the index after it: the token alone when it names a column,
    else it and the next token together ("年度" + "指标值", "全年" + "执行数")."""
    token = tokens[k]
    role = _header_role(token.text, kind)
    if role is not None:
        return token, role, k + 1
    if k + 1 < len(tokens) and token.text and not has_digit(token.text):
        after = tokens[k + 1]
        role = _header_role(token.text + after.text, kind)
        if role is not None and len(token.text) <= _MAX_PIECE and token.text + after.text in _WORDS[kind]:
            return Token(token.text + after.text, token.start, after.end), role, k + 2
    return None


@lru_cache(maxsize=1 << 16)  # the same short texts are asked about from every line a table may start at
def _header_role(text: str, kind: str) -> str | None:
    if not text or has_digit(text) or level_of(text) is not None:
        return None
    return role_of(text, kind)


def rows_of(tokens: Sequence[Token], header: Header, wrapped: bool = False) -> list[list[tuple[int, Token]]]:
    """The body under a header (the tokens from `header.end` on, up to the table's end: an end-of-table word, the
    next header), cut into rows of (column, token). With `wrapped` (cells parted by spaces, where a cell wrapped over
    lines in the form comes as pieces), a text cell may run over several pieces (`Wrapped`)."""
    filled = [token for token in tokens[header.end : body_end(tokens, header)] if token.text]
    if header.kind in LABEL_KINDS:
        return _label_rows(filled, header.columns)
    body = _pieces_joined([t for t in filled if not is_placeholder(t.text)])
    return _fitted_rows(body, header.columns, header.kind, wrapped)


def unsure_rows(tokens: Sequence[Token], header: Header, rows: Sequence[Sequence[tuple[int, Token]]]) -> set[int]:
    """Which of the rows `rows_of` cut under a header are a guess: a cell of the body left out between the row
    before and this row's last cell (no column took it), or a cell in a column its text does not fit."""
    placed = {id(token) for row in rows for _, token in row}
    body = [t for t in tokens[header.end : body_end(tokens, header)] if t.text and not is_placeholder(t.text)]
    left_out = [t.start for t in body if id(t) not in placed and not _joined_piece(t, rows)]
    unsure: set[int] = set()
    previous_end = -1
    usual = _usual_columns(rows, header)
    for k, row in enumerate(rows):
        if not row:
            continue
        end = max(token.end for _, token in row)
        if any(previous_end <= at < end for at in left_out):
            unsure.add(k)
        if any(fit(token.text, header.columns[col], header.kind) <= 0 for col, token in row if col < len(header.columns)):
            unsure.add(k)
        if any(isinstance(token, Wrapped) for _, token in row):
            unsure.add(k)  # where a wrapped cell's pieces end is a guess
        filled = {col for col, _ in row}
        levels_only = all(header.columns[col] in LEVEL_ROLES for col in filled if col < len(header.columns))
        if not usual <= filled and not levels_only:  # a cell most rows hold is missing: it may sit in the next row
            unsure.add(k)  # (a row of level cells alone opens a group: a template's unused rows)
            if k + 1 < len(rows) and not _opens_with_level(rows[k + 1], header):
                unsure.add(k + 1)  # (a row that opens with its level cells holds nothing of the row before)
        previous_end = end
    return {k for k in unsure if k < len(rows)}


def _opens_with_level(row: Sequence[tuple[int, Token]], header: Header) -> bool:
    first = min(row, key=lambda placed: placed[1].start, default=None)
    return first is not None and first[0] < len(header.columns) and header.columns[first[0]] in LEVEL_ROLES


_USUAL = 2 / 3  # the share of a table's rows that fill a column for a row without it to be a guess


def _usual_columns(rows: Sequence[Sequence[tuple[int, Token]]], header: Header) -> set[int]:
    """The columns (levels aside: they carry down) that most rows of a table fill."""
    counts: dict[int, int] = {}
    for row in rows:
        for col in {col for col, _ in row}:
            counts[col] = counts.get(col, 0) + 1
    levels = {c for c, role in enumerate(header.columns) if role in LEVEL_ROLES}
    return {col for col, n in counts.items() if col not in levels and len(rows) >= 2 and n >= _USUAL * len(rows)}


def _joined_piece(token: Token, rows: Sequence[Sequence[tuple[int, Token]]]) -> bool:
    """A piece `_pieces_joined` put into a cell (the cell's span holds it): not left out."""
    return any(cell.start <= token.start and token.end <= cell.end for row in rows for _, cell in row)


def _pieces_joined(tokens: Sequence[Token]) -> list[Token]:
    """Cells with a level name torn in two joined back ("经济效益" / "指标": a merged cell wrapped by the tool)."""
    out: list[Token] = []
    for token in tokens:
        joined = level_piece(out[-1].text, token.text) if out else None
        if joined is not None:
            out[-1] = Token(joined, out[-1].start, token.end)
        else:
            out.append(token)
    return out


def body_end(tokens: Sequence[Token], header: Header) -> int:
    """The index after the header's body (see `rows_of`): an end-of-table word, the next form's title or name
    label, or the next header."""
    for k in range(header.end, len(tokens)):
        text = tokens[k].text
        if text and (INDICATOR_END_OF_TABLE.match(text) or TABLE_NOTE.match(text) or FORM_START.match(text) or FORM_TITLE.match(text)):
            return k
        if text and k > header.end and header_at(tokens, k) is not None:
            # (the header printed again on the next page opens with its block label, 绩效指标, merged over the rows)
            return k - 1 if tokens[k - 1].text in INDICATOR_BLOCK_CELLS and k - 1 > header.end else k
        if header.kind in LABEL_KINDS and text in _NATIONAL_LEVELS:
            return k  # a form's indicator rows after its budget block (their header lost): no label of an amount
    return len(tokens)


_NATIONAL_LEVELS = frozenset((*LEVEL1_INDICATORS, *LEVEL2_INDICATORS))


def _label_rows(tokens: Sequence[Token], columns: Sequence[str | None]) -> list[list[tuple[int, Token]]]:
    """Rows of a label (one or more words) then amounts; the amounts fill the named columns left to right."""
    rows: list[list[Token]] = []
    for token in tokens:
        amount = is_amount(token.text)
        if not rows or (not amount and is_amount(rows[-1][-1].text)):
            rows.append([token])
        else:
            rows[-1].append(token)
    placed: list[list[tuple[int, Token]]] = []
    for row in rows:
        labels = [t for t in row if not is_amount(t.text)]
        amounts = [t for t in row if is_amount(t.text)]
        label = [(0, Token(" ".join(t.text for t in labels), labels[0].start, labels[-1].end))] if labels else []
        placed.append(label + [(c + 1, t) for c, t in enumerate(amounts[: len(columns) - 1])])
    return placed


def fit(text: str, role: str | None, kind: str) -> float:
    """How well a cell's text fits a column's role: positive when it is the kind of text that column holds."""
    level = level_of(text)
    lone_weight = LEVEL_SCORE_SUFFIX.fullmatch(text.strip()) is not None  # "(30分)": a level cell that lost its name
    if role in ("level1", "level2"):
        if level is None:
            return (GROUP_FIT if role == "level2" else GROUP_FIT_OUTER) if group_of(text) or lone_weight else -1.0
        return 2.0 if level[0] == (1 if role == "level1" else 2) else 2.0 - _DISPLACED_LEVEL * 3
    if level is not None or lone_weight:
        return -2.0  # a level name (or a level's weight alone) is in no other column
    if INDICATOR_NUMBERING.match(text):  # "指标2：…": the template numbers its names, the number opens a name cell
        return _NUMBERED_NAME if role == NAME_ROLE else -1.0
    if role in NUMERIC_ROLES.get(kind, ()):
        scored = is_score(text) if kind == "indicators" else is_amount(text)
        # a number after a row's criteria is its score rather than the next row's level's weight
        return (LEVEL_WEIGHT_FIT if role in _LEVEL_WEIGHTS else 2.0) if scored else -3.0
    if role == "comparator":
        return 2.0 if is_mark(text) else -2.0
    if role == "unit":
        return unit_fit(text)
    if role == "name":
        if is_amount(text) or comparator_led(text) or is_mark(text):
            return -1.0
        return _SENTENCE_NAME if is_sentence(text) or is_criteria(text) else 1.0
    if role == "target":
        return 1.5 if comparator_led(text) or has_digit(text) else 1.0
    if role == "actual":
        return 1.0
    if role in UNIT_FORM_ROLES:
        return _unit_form_fit(text, role)
    if role in ("reason", "note"):
        if text.strip() in NO_REASON_ANSWERS:
            return 0.5  # "0", "无": the cell states no deviation
        return -1.0 if is_amount(text) else (1.0 if is_sentence(text) else 0.5)
    return -1.0 if is_amount(text) else 0.5


UNIT_FORM_ROLES = frozenset({"adjusted_target", "coefficient", "core"})  # a unit-wide form's own columns


def _unit_form_fit(text: str, role: str) -> float:
    """How well a cell fits a unit-wide form's own columns: 调整指标值 (the target as adjusted, written only where it
    changed, so less often than the actual), 得分系数 (a percentage), 是否核心指标 (是 / 否)."""
    if role == "adjusted_target":
        return 0.3 if comparator_led(text) or has_digit(text) else 0.2
    if role == "coefficient":
        return 2.0 if is_amount(text) and text.strip().endswith("%") else -2.0
    return 2.0 if text.strip() in YES_NO_ANSWERS else -2.0


def _fitted_rows(tokens: Sequence[Token], columns: Sequence[str | None], kind: str,
                 wrapped: bool = False) -> list[list[tuple[int, Token]]]:  # fmt: skip
    """Tokens cut into rows where each row's cells fit the columns best, in order (see the module docstring)."""
    n, width = len(tokens), len(columns)
    longest = width + _MAX_ROW_EXTRA + (_MAX_WRAPPED if wrapped else 0)
    fits = [[fit(token.text, role, kind) for role in columns] for token in tokens]
    carry = [_carries(tokens[k - 1].text, tokens[k].text) if wrapped and k > 0 else False for k in range(n)]
    cont = [_WRAP_FIT.get(role or "") for role in columns]
    _either_levels(tokens, columns, fits)
    best = [float("-inf")] * (n + 1)
    cut: list[tuple[int, list[tuple[int, int]]]] = [(0, [])] * (n + 1)
    best[0] = 0.0
    for j in range(n):
        if best[j] == float("-inf"):
            continue
        for i, (score, placed) in _rows_from(fits, j, min(n, j + longest), width, (carry, cont)):
            total = best[j] + score - _NEW_ROW - (0.0 if _keyed(placed, columns, kind) else _UNKEYED)
            if wrapped:
                total += _wrapped_row_fit([(tokens[k].text, c) for k, c in placed], columns, kind)
            if total > best[i]:
                best[i], cut[i] = total, (j, placed)
    rows: list[list[tuple[int, Token]]] = []
    i = n
    while i > 0:
        j, placed = cut[i]
        rows.append(_joined_cells([(col, tokens[k]) for k, col in placed]))
        i = j
    return rows[::-1]


_MAX_WRAPPED = 6  # pieces of wrapped cells a row may hold beyond its cells
_MIN_WRAP = 3  # characters of a piece a cell wraps after (a line of a narrow column holds a few at least)
# What continuing a text column's cell with the next piece is worth: less for a name than for a value (of two readings
# that fit as well, a form wraps its narrow value columns sooner than its name column). A reason after the score runs
# on into the next row's name with nothing between: a piece after it wraps the reason only where it opens no row.
_WRAP_FIT = {"name": -0.3, "target": 0.1, "actual": 0.1, "reason": -0.5}
_VALUELESS = 2.5  # the cost of a row with no number where cells may wrap: rather a wrapped cell's next line


_SAME_VALUES = 0.5  # a target and an actual written alike: the reading that keeps them alike is the likelier


def _wrapped_row_fit(placed: list[tuple[str, int]], columns: Sequence[str | None], kind: str) -> float:
    """What a row cut where cells may wrap is worth beyond its cells' fits: a row with no number, or a name of one
    character, is rather a wrapped cell's next line; a row whose target and actual read alike is likelier, one that
    states a reason for a target it met less likely."""
    cells: dict[str, str] = {}
    for text, c in placed:
        role = columns[c] or ""
        cells[role] = cells.get(role, "") + text
    worth = 0.0 if any(role in NUMERIC_ROLES[kind] for role in cells) else -_VALUELESS
    target, actual = cells.get("target"), cells.get("actual")
    if target and target == actual:
        worth += _SAME_VALUES
    if cells.get("reason") and target and actual and _met(target, actual):
        worth -= _REASON_WHEN_MET  # a form states a reason for a target missed: the words are the next row's name
    if len(cells.get(NAME_ROLE, "")) == 1:
        worth -= _ONE_CHARACTER_NAME  # a name of one character: rather the last line of the cell before it
    return worth


_REASON_WHEN_MET = 0.5
_ONE_CHARACTER_NAME = 0.8
_NUMBER_IN = re.compile(r"\d+(?:\.\d+)?")
_AT_LEAST, _AT_MOST = frozenset("≥>＞"), frozenset("≤<＜")


def _met(target: str, actual: str) -> bool:
    """Whether an actual meets its target as written: the same text, or a number on the side of the target's sign
    ("≥12公里" and "12.5公里")."""
    if target == actual:
        return True
    wanted, got = _NUMBER_IN.search(target), _NUMBER_IN.search(actual)
    if wanted is None or got is None or target[:1] not in _AT_LEAST | _AT_MOST:
        return False
    a, b = float(got.group()), float(wanted.group())
    return a >= b if target[0] in _AT_LEAST else a <= b


def _carries(before: str, piece: str) -> bool:
    """Whether `piece` may be the next line of the cell `before` ends: both words (no digit, no level, no sign), and
    `before` a full line of a column at least as long as the piece (a wrapped cell's lines are full but the last)."""
    if len(before) < _MIN_WRAP or len(piece) > len(before) or piece in QUALITATIVE_SCALE:
        return False  # (a word of a qualitative scale is a value of its own: "较高" after a name is the target)
    return all(not has_digit(t) and level_of(t) is None and not is_mark(t) and not comparator_led(t)
               and not INDICATOR_NUMBERING.match(t) for t in (before, piece))  # fmt: skip


def _joined_cells(row: list[tuple[int, Token]]) -> list[tuple[int, Token]]:
    """A row's (column, token) with the pieces one column took joined into one `Wrapped` cell."""
    out: list[tuple[int, Token]] = []
    for col, token in row:
        if out and out[-1][0] == col:
            first = out[-1][1]
            out[-1] = (col, Wrapped(first.text + token.text, first.start, token.end))
        else:
            out.append((col, token))
    return out


def _either_levels(tokens: Sequence[Token], columns: Sequence[str | None], fits: list[list[float]]) -> None:
    """A level name either level may have (成本指标, 满意度指標) fits the level it stands for where it stands: before
    a level 2 name it is that one's level 1; before anything else the nearer level (2), whose cell comes first in
    its row when a merged level 1 above it is written once."""
    if "level1" not in columns or "level2" not in columns:
        return
    one, two = columns.index("level1"), columns.index("level2")
    for k, token in enumerate(tokens):
        level = level_of(token.text)
        if level is None or level[0] != 0:
            continue
        following = k + 1  # (past the level's own weight written apart: "满意度指标" "(10分)" "服务对象满意度指标")
        while following < len(tokens) and LEVEL_SCORE_SUFFIX.fullmatch(tokens[following].text.strip()):
            following += 1
        after = level_of(tokens[following].text) if following < len(tokens) else None
        lower = two if after is not None and after[0] == 2 else one
        fits[k][lower] -= _EITHER_LEVEL


def _keyed(placed: list[tuple[int, int]], columns: Sequence[str | None], kind: str) -> bool:
    """Whether a row names what it is about: its name cell (a row of level cells alone opens a group); in a kind
    without a name column, any cell of a text column."""
    roles = {columns[c] for _, c in placed}
    if NAME_ROLE in columns:
        return NAME_ROLE in roles or roles <= LEVEL_ROLES
    return not TEXT_ROLES[kind] or bool(roles & TEXT_ROLES[kind])


_Wrap = tuple[list[bool], list[float | None]]  # per token: may it carry on the cell before; per column: its worth


def _rows_from(fits: list[list[float]], j: int, stop: int, width: int,
               wrap: _Wrap | None = None) -> list[tuple[int, tuple[float, list[tuple[int, int]]]]]:  # fmt: skip
    """For each end i in (j, stop]: the best score of reading tokens[j:i] as one row and its (token, column)
    matches, cells matched to columns in order, a cell to one column, a column to one cell (or, with `wrap`, to
    the pieces of a wrapped text cell, one after another)."""
    # grid[k][c]: best score of the first k tokens of the row matched within the first c columns
    size = stop - j
    grid = [[0.0] * (width + 1) for _ in range(size + 1)]
    how = [[0] * (width + 1) for _ in range(size + 1)]  # 0 skip the column, 1 drop the token, 2 take, 3 carry on
    out: list[tuple[int, tuple[float, list[tuple[int, int]]]]] = []
    carry, cont = wrap if wrap is not None else ([], [])
    for k in range(1, size + 1):
        grid[k][0], how[k][0] = grid[k - 1][0] - _DROP, 1
        for c in range(1, width + 1):
            options = [grid[k][c - 1], grid[k - 1][c] - _DROP, grid[k - 1][c - 1] + fits[j + k - 1][c - 1]]
            worth = cont[c - 1] if carry and k > 1 and carry[j + k - 1] and how[k - 1][c] in (2, 3) else None
            options.append(grid[k - 1][c] + worth if worth is not None else float("-inf"))
            pick = max(range(4), key=options.__getitem__)
            grid[k][c], how[k][c] = options[pick], pick
        placed: list[tuple[int, int]] = []
        kk, c = k, width
        while kk > 0:
            step = how[kk][c] if c > 0 else 1
            if step == 0:
                c -= 1
            elif step == 1:
                kk -= 1
            elif step == 3:  # a piece of the cell the column took
                placed.append((j + kk - 1, c - 1))
                kk -= 1
            else:
                placed.append((j + kk - 1, c - 1))
                kk, c = kk - 1, c - 1
        out.append((j + k, (grid[k][width], placed[::-1])))
    return out
