"""The columns of an indicator table read by the kinds of its cells, where no header names them in place.

Stage: tables (the flat reader's headerless tables, `extractor.extract.rules.indicator_table.template_rows`). In: the
header words a form still writes somewhere near its indicator rows: scrambled into one line or one cell, interleaved
with the values of a flattened PDF, torn over lines, or none at all. Out: the national template's columns (一级指标,
二级指标, 三级指标, 指标性质, 指标值, 度量单位, 完成值, 分值, 得分, 偏差原因) in the order the form's words state where
they state one: a form whose 分值 stands before its 指标值, or whose 完成值 comes before its 指标值, is read so; the
levels and the name always lead (every form writes them first), and a column the words name nowhere keeps its place
after the column the template writes before it. The rows are then cut by what each cell is
(`extractor.tables.stream.fit`: a level name, words, a comparator and a number with its unit, a number of at most
100), not by where a header puts it, and every row so read is held for review.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.tables.stream import Header
from extractor.vocabulary import INDICATOR_COLUMNS, INDICATOR_TEMPLATE_COLUMNS

_LEAD = ("level1", "level2", "name")  # the columns every form writes first, whatever its words say
# the template's header words, longest first (年度指标值 before 指标值), each with the column it names
_WORDS = sorted(((w, role) for role, words in INDICATOR_COLUMNS.items() if role in INDICATOR_TEMPLATE_COLUMNS
                 for w in words), key=lambda pair: -len(pair[0]))  # fmt: skip
_WORD = re.compile("|".join(re.escape(w) for w, _ in _WORDS))
_ROLE = dict(_WORDS)
_SPACE = re.compile(r"\s+")
_MIN_NAMED = 2  # value columns a text must name, in an order, to say anything about their order


def named_roles(text: str) -> list[str]:
    """The template's columns that header words in `text` name, in the order the words stand (each once: the first
    time it is named), spaces and line breaks left out ("分值 年度指标值 全年实际值 得分" → weight, target, actual,
    score)."""
    squeezed = _SPACE.sub("", text)
    return list(dict.fromkeys(_ROLE[m.group()] for m in _WORD.finditer(squeezed)))


def template_columns(named: Sequence[str] = ()) -> tuple[str, ...]:
    """The template's columns, the value columns `named` names (two at least) in its order, the others after the
    column the template writes before them; the levels and the name first."""
    order = [role for role in dict.fromkeys(named) if role in INDICATOR_TEMPLATE_COLUMNS and role not in _LEAD]
    if len(order) < _MIN_NAMED:
        return tuple(INDICATOR_TEMPLATE_COLUMNS)
    columns = list(order)
    for k, role in enumerate(INDICATOR_TEMPLATE_COLUMNS):
        if role in columns:
            continue
        before = INDICATOR_TEMPLATE_COLUMNS[k - 1] if k > 0 else None
        columns.insert(columns.index(before) + 1 if before in columns else 0, role)
    return tuple(columns)


_VALUES = frozenset(INDICATOR_TEMPLATE_COLUMNS) - frozenset(_LEAD)


def scrambled(columns: Sequence[str | None]) -> bool:
    """Whether a header's words stand in an order no form's columns have: a level or the name after a value column
    (a header scrambled into one line or cell by a converter). Its words then tell the value columns' order only."""
    values = [k for k, role in enumerate(columns) if role in _VALUES]
    lead = [k for k, role in enumerate(columns) if role in _LEAD]
    return len(values) >= _MIN_NAMED and bool(lead) and max(lead) > min(values)


def template_header(named: Sequence[str] = ()) -> Header:
    """A header of no cells over the template's columns (see `template_columns`), for the stream reader to cut a
    headerless table's cells under."""
    columns = template_columns(named)
    return Header("indicators", 0, 0, columns, (None,) * len(columns))
