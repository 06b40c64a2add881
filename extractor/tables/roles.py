"""Column roles from header words: which column of a table holds which field.

Stage: part of building a `Table` (`extractor.tables.model.make_table`). In: a table's rows. Out:
the `Header`s found in it, each with its kind (the vocabulary of `extractor.vocabulary.TABLE_COLUMNS`
whose words it holds), its row(s) and role -> column. Roles come from the words of the header cells,
never from the position of a column: a header merged over two rows is read bottom row first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.tables.kinds import SENTENCE_STOP, is_sentence, level_of
from extractor.tables.model import Header, Row, Table
from extractor.vocabulary import (
    FORM_GOAL_LABEL,
    FORM_LABELS,
    HEADER_AFTER_NOTE,
    HEADER_GROUP_PARTS,
    LEVEL_WEIGHT_ROLES,
    SCORING_LEVEL_HEADS,
    TABLE_COLUMNS,
)

_SPACE = re.compile(r"\s+")
_MAX_HEADER_CELL = 24  # characters a header cell holds at most
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?%?$")
# every (word, role) of each kind, longest word first: a cell takes the longest word it contains
_WORDS: dict[str, list[tuple[str, str]]] = {
    kind: sorted(((w, role) for role, words in roles.items() for w in words), key=lambda p: -len(p[0]))
    for kind, roles in TABLE_COLUMNS.items()
}
_MIN_ROLES = 2
# kinds whose header may name a role twice, the first time over a group of columns ("年度预算数（万元）" over 年初预算 |
# 调整后预算数): the later cell names the column
_REGROUPED_KINDS = frozenset({"budget"})
_ALL_WORDS = frozenset(word for words in _WORDS.values() for word, _ in words)


def role_of(text: str, kind: str) -> str | None:
    """The role a header cell's text names in a kind of table, or None."""
    squeezed = _SPACE.sub("", text)
    if len(squeezed) > _MAX_HEADER_CELL:  # a note glued before the table's first header word ("…请以附件为准)一级指标")
        noted = HEADER_AFTER_NOTE.search(squeezed)
        squeezed = noted.group(1) if noted is not None else ""
    if not squeezed or len(squeezed) > _MAX_HEADER_CELL:
        return None
    return next((role for word, role in _WORDS[kind] if word in squeezed), None)


def is_label(text: str) -> bool:
    """Whether a text is a form label or names a column (a header word of any kind of table)."""
    squeezed = _SPACE.sub("", text)
    return squeezed in FORM_LABELS or squeezed in _ALL_WORDS


def _roles(row: Row, kind: str) -> dict[str, int]:
    columns = _resolved([role_of(text, kind) for text in row.texts], kind)
    if kind == _GROUP_SCORE_KIND:
        _group_score(row.texts, columns)
    return _first_columns(columns)


_GROUP_SCORE_KIND = "indicators"
_BARE_SCORE = re.compile(r"^\d{1,3}(?:\.\d+)?$")
_MAX_GROUP_SCORE = 100.0


def _group_score(texts: list[str], columns: list[str | None]) -> None:
    column = group_score_column(texts, columns)
    if column is not None:
        columns[column] = "score"


def group_score_column(texts: Sequence[str], columns: Sequence[str | None]) -> int | None:
    """The score column of an indicator header row whose last cell is a number of at most 100 after its target and
    actual columns, no weight or score column named: the score column headed above the indicator header (自评得分 in
    the form's head), its group's score written in the header row ("… | 实际完成值 | 50"). None for another row."""
    named = set(columns)
    if not {"target", "actual"} <= named or {"weight", "score"} & named:
        return None
    last = max((k for k, text in enumerate(texts) if text.strip()), default=None)
    text = _SPACE.sub("", texts[last]) if last is not None else ""
    if last is None or columns[last] is not None or not _BARE_SCORE.match(text) or float(text) > _MAX_GROUP_SCORE:
        return None
    return last


def _first_columns(columns: list[str | None]) -> dict[str, int]:
    found: dict[str, int] = {}
    for col, role in enumerate(columns):
        if role is not None and role not in found:
            found[role] = col
    return found


_LEVELS = ("level1", "level2")
_SCORING_KIND = "indicators"  # the kind of table whose headers a scoring table writes


def _resolved(columns: list[str | None], kind: str) -> list[str | None]:
    return resolved(columns) if kind == _SCORING_KIND else columns


def resolved(columns: list[str | None]) -> list[str | None]:
    """A header's column roles read left to right (None where a cell names none), as a scoring table means them: a
    分值/权重 right after a level column is that level's weight (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值); of
    several columns named by an indicator's name words (项目 | 考核内容 | 考核指标) the right-most is the name and the
    ones before it are its levels, the nearest level 2."""
    out = list(columns)
    names = [c for c, role in enumerate(out) if role == "name"]
    free = [level for level in _LEVELS if level not in out]
    for c, level in zip(reversed(names[:-1]), reversed(free), strict=False):
        out[c] = level
    for c in names[: -1 - len(free)] if len(names) - 1 > len(free) else []:
        out[c] = None
    previous: str | None = None
    for c, role in enumerate(out):
        if role == "weight" and previous in LEVEL_WEIGHT_ROLES:
            out[c] = LEVEL_WEIGHT_ROLES[previous]
        previous = role if role is not None else previous
    return out


def _level_head(table: Table, rows: list[int], columns: list[str | None]) -> None:
    """A scoring table's first column headed by a generic word (项目 | 考核内容 | 考核指标, SCORING_LEVEL_HEADS) right
    before the columns its indicators are named in: their level 1, when no column names one."""
    if "level1" in columns:
        return
    for col in range(len(columns) - 1):
        cell = table.cell(rows[-1], col)
        if columns[col] is None and cell is not None and _SPACE.sub("", cell.content) in SCORING_LEVEL_HEADS:
            if columns[col + 1] in ("name", "level2"):
                columns[col] = "level1"
            return


def _numbers(row: Row) -> int:
    return sum(1 for text in row.texts if _NUMBER.match(_SPACE.sub("", text)))


def _kind_of(row: Row) -> tuple[str, dict[str, int]] | None:
    """The kind of header a row is (the vocabulary it holds most words of), or None for a data row."""
    if _numbers(row) > 1 or any(is_sentence(text) and text.endswith(SENTENCE_STOP) for text in row.texts):
        return None  # values, or a sentence: the goal block's row ("预期目标 … 保障运转。"), no header
    if any(FORM_GOAL_LABEL.match(_SPACE.sub("", text)) for text in row.texts):
        return None  # the goal block's row, its label beside its header words (年度总体目标 | 预期目标 | 实际完成情况 | …)
    best: tuple[str, dict[str, int]] | None = None
    for kind in TABLE_COLUMNS:
        roles = _roles(row, kind)
        if len(roles) >= _MIN_ROLES and (best is None or len(roles) > len(best[1])):
            best = (kind, roles)
    return best


def find_headers(table: Table) -> tuple[Header, ...]:
    from extractor.tables.typed import scrambled  # (typed reads the stream's Header, the stream reads roles)

    headers: list[Header] = []
    r = 0
    while r < len(table.rows):
        found = _kind_of(table.rows[r])
        if found is None:
            r += 1
            continue
        kind, _ = found
        rows = [r]
        # a header row broken over lines: every cell of it a header word, the lines under it naming the later columns
        roles = _continued(table, rows, _columns(table, rows, kind), kind) if _all_named(table.rows[r], kind) else {}
        below = table.rows[r + 1] if r + 1 < len(table.rows) else None
        if len(rows) == 1:
            if below is not None and _numbers(below) == 0 and not any(level_of(text) for text in below.texts):
                below_kind = _kind_of(below)
                # a header merged over two rows: the lower row names the merged cell's parts ("年初预算数 全年预算数")
                if (below_kind is None and _roles(below, kind)) or (below_kind is not None and below_kind[0] == kind):
                    rows.append(r + 1)
            roles = _columns(table, rows, kind)
        order = sorted(roles, key=roles.__getitem__)
        if kind == "indicators" and scrambled(order):  # words in no form's order: no header (`extractor.tables.typed`)
            r += 1
            continue
        headers.append(Header(kind=kind, rows=tuple(rows), roles=roles))
        r = rows[-1] + 1
    return tuple(headers)


def _all_named(row: Row, kind: str) -> bool:
    return all(role_of(cell.text, kind) is not None for cell in row.filled())


def _continued(table: Table, rows: list[int], roles: dict[str, int], kind: str) -> dict[str, int]:
    """A header row a converter broke over lines ("一级指标 | … | 年度 指标值 |", "实际 完成值 |", "分值 | 得分 | …"): the
    rows under it that hold header words only, each naming roles the header does not name yet and that come after its
    last one in the form's order, continue it; their cells take the columns after the header's last (`rows` grows)."""
    order = list(TABLE_COLUMNS[kind])
    last = max((order.index(role) for role in roles if role in order), default=len(order))
    roles = dict(roles)
    k = rows[-1] + 1
    while k < len(table.rows) and roles:
        row = table.rows[k]
        named = [role_of(cell.text, kind) for cell in row.filled()]
        if not named or None in named or _numbers(row) or len(set(named)) < len(named) or set(named) & set(roles):
            break
        if min(order.index(role) for role in named if role) <= last:
            break
        column = max(roles.values()) + 1
        for n, role in enumerate(named):
            if role is not None:
                roles[role] = column + n
        last = max(order.index(role) for role in named if role)
        rows.append(k)
        k += 1
    return roles


def _columns(table: Table, rows: list[int], kind: str) -> dict[str, int]:
    """role -> column, each column named by its lowest header row that names it; for a header over two rows
    written without its merged cells' spans (text layouts), the upper row's cells spread over the lower row's
    parts when that names more columns (`_spread`)."""
    aligned = _aligned(table, rows, kind)
    if len(rows) == 2:
        spread = _spread(table.rows[rows[0]], table.rows[rows[1]], kind)
        if len(spread) > len(aligned):
            return spread
    return aligned


def _spread(upper: Row, lower: Row, kind: str) -> dict[str, int]:
    """role -> column of a header whose upper row holds group cells over the lower row's cells: a cell no word
    names (绩效指标) or one whose role the lower row names again (年度指标值 over 指标性质 | 指标值 | 度量单位)
    stands for the lower cells under it, in order; the others (实际完成值, 分值 merged down) for one column each.
    A named group takes the lower cells of its parts (HEADER_GROUP_PARTS), an unnamed one those before them."""
    tops = [(cell, role_of(cell.text, kind)) for cell in upper.filled()]
    bottoms = [role_of(cell.text, kind) for cell in lower.filled()]
    below = set(bottoms) - {None}
    order: list[str | None] = []
    k = 0
    for n, (_, role) in enumerate(tops):
        if role is not None and role not in below:
            order.append(role)
            continue
        if role is None:  # an unnamed group: the lower cells up to the parts of the next named group
            later = {r for _, r in tops[n + 1 :] if r is not None}
            parts = {p for r in later for p in HEADER_GROUP_PARTS.get(r, (r,))}
            while k < len(bottoms) and bottoms[k] not in parts:
                order.append(bottoms[k])
                k += 1
        else:
            parts = set(HEADER_GROUP_PARTS.get(role, (role,)))
            while k < len(bottoms) and bottoms[k] in parts:
                order.append(bottoms[k])
                k += 1
    found: dict[str, int] = {}
    for col, role in enumerate(order):
        if role is not None and role not in found:
            found[role] = col
    return found


def _torn_role(upper: str, lower: str, kind: str) -> str | None:
    """The role a header word torn over two rows names ("年初" above "预算数"): a word of the joined text that starts
    in the upper cell and ends in the lower one (a word inside the upper cell alone is a group label over parts)."""
    top, bottom = _SPACE.sub("", upper), _SPACE.sub("", lower)
    if not top or not bottom:
        return None
    joined = top + bottom
    for word, role in _WORDS[kind]:
        at = joined.find(word)
        if 0 <= at < len(top) < at + len(word):
            return role
    return None


def _aligned(table: Table, rows: list[int], kind: str) -> dict[str, int]:
    columns: list[str | None] = []
    for col in range(table.width):
        found = None
        if len(rows) == 2:
            upper, lower = table.cell(rows[0], col), table.cell(rows[1], col)
            found = _torn_role(upper.content, lower.content, kind) if upper is not None and lower is not None else None
        for r in reversed(rows if found is None else []):
            cell = table.cell(r, col)
            role = role_of(cell.content, kind) if cell is not None else None
            if role is not None:
                found = role
                break
        columns.append(found)
    if kind == _SCORING_KIND:
        _level_head(table, rows, columns)
    if kind == _GROUP_SCORE_KIND:
        _group_score([cell.content if (cell := table.cell(rows[-1], col)) is not None else "" for col in range(table.width)],
                     columns)  # fmt: skip
    if kind in _REGROUPED_KINDS:  # a role named again names it anew (the last column that names it)
        return {role: col for col, role in enumerate(columns) if role is not None}
    return _first_columns(_resolved(columns, kind))
