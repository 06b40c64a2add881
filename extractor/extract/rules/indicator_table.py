"""Indicator rows read from a `Table` by column role.

In: a table with an indicator header (its columns named by header words: 一级指标, 三级指标, 指标性质,
指标值, 度量单位, 完成值, 分值/权重, 得分, 偏差原因…, in whatever order and set the form has). Out: `Row`s,
one per indicator, with the span of the cells they were read from.

Each row's filled cells are matched to the header's columns in order, each cell to the column whose role
its text fits (a level name in a level column, a number of at most 100 in the weight and score columns, a
comparator in the 指标性质 column, ...), near the slot it stands in: text tools drop and add empty cells,
and ragged rows leave out merged level cells, so a cell is not always in its header's slot. Level cells
left empty under a merged cell carry down from the rows above; a covered slot (HTML rowspan) shows its
origin's text. A row with a name but no weight (an unscored 其中 sub-row) is kept with no weight.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.extract.rules.indicator_cells import (
    glued_weight,
    indicator_name,
    is_number,
    level_of,
    number,
    split_comparator,
    split_unit,
    squeeze,
    strip_unit,
)
from extractor.extract.rules.indicator_rows import END_OF_TABLE, SKIP_CELLS, Levels, Row, row_from_cells, wrapped_cell
from extractor.tables import Cell, Header, Table
from extractor.tables import Row as TableRow
from extractor.tables.kinds import (
    GROUP_FIT,
    GROUP_FIT_OUTER,
    comparator_led,
    group_of,
    has_digit,
    is_mark,
    is_placeholder,
    is_score,
    is_sentence,
    unit_fit,
)
from extractor.tables.readers.flat import GLUED_LAYOUT
from extractor.tables.stream import UNIT_FORM_ROLES
from extractor.tables.stream import fit as stream_fit
from extractor.tables.typed import named_roles, template_columns
from extractor.vocabulary import (
    INDICATOR_END_CELL,
    INDICATOR_NUMBERING,
    LEVEL1_INDICATORS,
    LEVEL2_INDICATORS,
    LEVEL_CELL_TEXT,
    LEVEL_GROUP_WEIGHT,
    LEVEL_SCORE_SUFFIX,
    LEVEL_WEIGHT_ROLES,
    NO_REASON_ANSWERS,
    QUALITATIVE_MARKS,
    SCORE_CELL,
    SCORE_PIECE,
    SCORE_UNIT,
    SECTION_ENUMERATOR,
)

_SCORE = SCORE_CELL
_SCORE_PIECE = SCORE_PIECE  # the end of a level's "(50分)" cut onto the next row
_GROUP_WEIGHT = LEVEL_GROUP_WEIGHT
# layouts whose cells stand in their header's slots: merged cells are expanded, no cell is dropped or added
EXACT_SLOT_LAYOUTS = frozenset({"html", "quoted"})
# layouts whose cells the stream reader put in the columns they fit, a level name either level may have by the names
# around it (`extractor.tables.stream`): its column says which level it is
FITTED_LAYOUTS = frozenset({"flat", "ragged", "rowlines", GLUED_LAYOUT})
# layouts whose cells the reader parted by the kinds of their words alone: every row read from them is unsure
UNSURE_LAYOUTS = frozenset({GLUED_LAYOUT})
_LEVEL_NAMES = frozenset((*LEVEL1_INDICATORS, *LEVEL2_INDICATORS))
_MIN_TEMPLATE_ROWS = 2  # rows that must read as indicator rows to read a headerless table by the template
_DROP = 3.0  # the cost of reading a filled cell as no column's
_DISPLACED = 0.25  # the cost of each slot a cell is read away from where it stands
_NUMBERED_NAME = 2.0  # how well a numbered name ("指标1：…") fits the name column
_MIN_NAMED = 3  # header words a row names at least to be a header's row, whatever their order
_TEXT_AFTER_ROLES = frozenset({"reason", "note"})  # text columns after the numbers: they may run into the next name
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]{2}")  # two characters of words: a value's unit is one or a word of it


def table_indicator_rows(table: Table) -> list[Row]:
    """Every indicator row under every indicator header of the table, in order."""
    return indicator_rows([table])


def indicator_rows(tables: Sequence[Table]) -> list[Row]:
    """Every indicator row of a form's tables, in order. A table with no header of its own that follows an
    indicator table (the rest of it after a page number or a break) reads on under that table's header."""
    readers: list[_Reader] = []
    reader: _Reader | None = None
    for table in tables:
        starts = {header.rows[0]: header for header in table.headers}
        header_rows = {r for header in table.headers for r in header.rows}
        for row in table.rows:
            header = starts.get(row.index)
            if header is not None:  # a header of another kind ends the indicator rows; a new one starts again
                above = reader
                reader = _Reader(header, table.layout) if header.kind == "indicators" else None
                readers += [reader] if reader is not None else []
                if reader is not None and above is not None and _repeated(above, header):
                    reader.levels = above.levels  # the header printed again on the next page: merged levels go on
                    reader.torn_from = above
            if row.index in header_rows or reader is None or reader.done:
                continue
            own = [c for c in row.cells if c.text and c.text not in SKIP_CELLS and not _SCORE_PIECE.match(c.text)]
            if own and (END_OF_TABLE.match(own[0].text) or any(INDICATOR_END_CELL.search(c.text) for c in own)):
                reader.done = True
                continue
            if len(own) > len(reader.roles) + _WIDER_BY:  # a row wider than the header: another table's (a list under it)
                reader.done = True
                continue
            if reader.torn_from is not None and not reader.rows and _torn_rest(reader.torn_from, own):
                reader.torn_from = None  # the rest of the last row above the page break: no row of its own
                continue
            before = len(reader.rows)
            start_marked = reader.end_marked  # the row before ended where the text marks it (a value, a level)
            reader.feed(row.cells, own)
            start_marked = start_marked or _opens_with_level(reader.placed)
            guessed = row.index in table.unsure_rows  # the reader guessed the cut (a dropped cell, a misfit)
            if table.layout in UNSURE_LAYOUTS:  # cells parted by their kinds alone: sure where the kinds mark each end
                guessed = guessed or not start_marked or not glued_certain(reader.placed, reader.header)
            if guessed:
                for read in reader.rows[before:]:
                    read.sure = False
    rows = [row for r in readers for row in r.rows]
    if not readers:  # no indicator header in the form's text (its page starts below it): the template's columns
        rows = [row for table in tables for row in template_rows(table)]
    return rows


_WIDER_BY = 2  # filled cells a row holds beyond the header's columns before it is read as another table's


def _repeated(above: _Reader, header: Header) -> bool:
    """Whether an indicator header repeats the one whose rows were being read, which has not ended (no 合计, 总分 or
    评价结论 yet): the table goes on over a page break, so a level cell merged across the break, left empty in the
    next page's first rows, still holds."""
    return not above.done and bool(above.rows) and set(above.header.roles) == set(header.roles)


_TORN_ROLES = ("actual", "weight", "score")  # the cells a row torn by a page break leaves for the next page


def _torn_rest(above: _Reader, own: list[Cell]) -> bool:
    """Whether the first cells under a header printed again are the rest of the row the page broke (its name and
    target above the break, "96% | 20 | 20" under the repeated header): as many cells as that row lacks of its
    actual, weight and score, in the header's order, each with a number and none a level's or a name's. They are put
    in the row, which is held for review (the break, not the text, parted its cells)."""
    if not above.rows or not own:
        return False
    row = above.rows[-1]
    missing = [role for role in sorted(above.header.roles, key=above.header.roles.__getitem__)
               if role in _TORN_ROLES and getattr(row, role) is None]  # fmt: skip
    if len(own) != len(missing) or not all(has_digit(cell.text) and level_of(cell.text) is None for cell in own):
        return False
    values: dict[str, str | float | None] = {
        role: strip_unit(squeeze(cell.text), row.unit) if role == "actual" else number(cell.text)
        for role, cell in zip(missing, own, strict=True)
    }
    if any(value is None for value in values.values()):
        return False
    for role, value in values.items():
        setattr(row, role, value)
    row.end, row.sure = own[-1].end, False
    return True


def _opens_with_level(placed: dict[str, Cell]) -> bool:
    """A row whose own level cell stands before its name: the level ends whatever came before the name."""
    name = placed.get("name")
    levels = [placed[r] for r in ("level1", "level2") if r in placed and not placed[r].covered]
    return name is not None and any(cell.end <= name.start for cell in levels)


def glued_certain(placed: dict[str, Cell], header: Header) -> bool:
    """Whether a row whose cells only their kinds parted (a glued form) was cut where the text itself marks each cell's
    end: a name of words alone (no digit a value may have lost to it or taken from it, no level name an anchor
    missed, no sentence); a target whose start is marked, by a comparator or by being written twice (the actual the
    same text); an actual, where the header has one, that differs from the target only after the target's end is
    marked (its unit or percent); weight and score numbers of a score not above its weight."""
    text = {role: cell.content.strip() for role, cell in placed.items()}
    name, target, actual = text.get("name", ""), text.get("target", ""), text.get("actual")
    if not name or has_digit(name) or is_sentence(name) or any(level in name for level in _LEVEL_NAMES) or not target:
        return False
    if header.column("actual") is not None and actual is None:
        return False
    doubled = actual is not None and actual == target
    if not doubled and not (comparator_led(target) and (actual is None or _marked_end(target))):
        return False
    weight, score = _number(placed.get("weight")), _number(placed.get("score"))
    return weight is None or score is None or score <= weight


def _met(target: str, actual: str) -> bool:
    """Whether an actual meets its target as the cells write them: the same text, or a number on the side of the
    target's comparator ("≥30公里" and "32公里"); a form states a reason only for a target missed."""
    target, actual = squeeze(target), squeeze(actual)
    if target == actual:
        return True
    sign, rest = split_comparator(target)
    wanted, unit = split_unit(rest)
    got, got_unit = split_unit(actual)
    if sign is None or not is_number(wanted) or not is_number(got) or (got_unit and got_unit != unit):
        return False
    a, b = float(got), float(wanted)
    return {"≥": a >= b, ">": a > b, "≤": a <= b, "<": a < b, "=": a == b}.get(sign, False)


def _marked_end(value: str) -> bool:
    """A value whose end the text marks: a unit or a percent after its number ("30公里", "95%")."""
    return not value[-1].isdigit()


def template_rows(table: Table) -> list[Row]:
    """The indicator rows of a table with no header of its own (its header on a page the text does not hold),
    read under the national template's columns (`extractor.tables.typed`) when its rows read as indicator rows:
    a comparator or 指标性质 mark and a score in each of at least two rows. Less sure than a header's reading. A
    table whose only headers are of another kind (a form's budget block) is read so from the rows its first marked
    row's levels open."""
    if any(header.kind == "indicators" for header in table.headers):
        return []
    after = max((r for header in table.headers for r in header.rows), default=-1) + 1
    if table.template:  # rows a reader cut by their kinds: from the first that opens with a level on
        after = next((row.index for row in table.rows[after:] if _opens_a_level(row)), len(table.rows))
    marked = [row for row in table.rows[after:]  # (a sign alone, or a sign glued before its value: "≤10次")
              if (table.template or any(is_mark(c.text) or comparator_led(c.text) for c in row.filled()))
              and any(is_score(c.text) for c in row.filled())]  # fmt: skip  (a reader that cut by kinds has judged)
    if len(marked) < _MIN_TEMPLATE_ROWS:
        return []
    # under a header of another kind (the budget block's), the rows from the levels that open the first marked row;
    # rows of header words in no form's order (`extractor.tables.typed.scrambled`) above the rows are no rows
    start = _levels_before(table, marked[0].index) if table.headers else 0
    worded = [row.index for row in table.rows[start : marked[0].index] if len(named_roles(" ".join(row.texts))) >= _MIN_NAMED]
    start = worded[-1] + 1 if worded else start
    # the columns a reader put the cells in by their kinds, else the template's in the order header words above the
    # rows name them (a header scrambled into one cell or line: `extractor.tables.typed`)
    above = " ".join(c.text for row in table.rows[after:start or marked[0].index] for c in row.filled())
    columns = table.template or template_columns(named_roles(above))
    rows = _template_reading(table, columns, start)
    for row in rows:
        row.sure = False
    if _weights_fit(rows):
        return rows
    # the weights of one table add up to its indicators' share of 100 at most: a reading whose 分值 column does
    # not is one that took the 完成值 for a 分值 and the 分值 for a 得分 (a form that leaves its scores empty)
    unscored = _template_reading(table, tuple(role for role in columns if role != "score"), start)
    for row in unscored:
        row.sure = False
    return unscored if _weights_fit(unscored) else rows


_MAX_WEIGHTS = 100.0  # what the weights of one form's rows add up to at most


def _weights_fit(rows: Sequence[Row]) -> bool:
    return sum(row.weight or 0.0 for row in rows) <= _MAX_WEIGHTS + 1e-6


def _first_level_column(table: Table, start: int) -> int:
    """The column a headerless table's level-1 cells stand in (the template's first column there): the leftmost
    national level-1 name's, else one before the leftmost level-2 name's; 0 where no level is written."""
    ones: list[int] = []
    twos: list[int] = []
    for row in table.rows[start:]:
        for cell in row.filled():
            level = level_of(cell.text)
            if level is not None and _national_level(level[1]):
                (twos if level[0] == 2 else ones).append(cell.col)
    return min(ones) if ones else max(0, min(twos) - 1) if twos else 0


def _opens_a_level(row: TableRow) -> bool:
    filled = row.filled()
    return bool(filled) and _national_level((level_of(filled[0].text) or (0, ""))[1])


def _levels_before(table: Table, at: int) -> int:
    """The index of the first of the rows just above row `at` that hold a level name of the national form (the
    levels that open a headerless table's first row), else `at`."""
    start = at
    while start > 0 and any(_national_level((level_of(c.text) or (0, ""))[1]) for c in table.rows[start - 1].filled()):
        start -= 1
    return start


def _template_reading(table: Table, columns: Sequence[str], start: int = 0) -> list[Row]:
    offset = _first_level_column(table, start)  # (a block label merged down before the levels: "绩效指标")
    header = Header(kind="indicators", rows=(), roles={role: k + offset for k, role in enumerate(columns)})
    reader = _Reader(header, table.layout)
    for row in table.rows[start:]:
        own = [c for c in row.cells if c.text and c.text not in SKIP_CELLS and not _SCORE_PIECE.match(c.text)]
        if own and END_OF_TABLE.match(own[0].text):
            break
        reader.feed(row.cells, own)
    return reader.rows


class _Reader:
    """Reads the rows under one indicator header, carrying level cells down."""

    def __init__(self, header: Header, layout: str) -> None:
        self.roles: list[str | None] = [None] * (max(header.roles.values(), default=-1) + 1)
        for role, col in header.roles.items():
            self.roles[col] = role
        self.level_kinds = {header.roles[r]: k for r, k in (("level1", 1), ("level2", 2)) if r in header.roles}
        self.header = header
        self.exact_slots = layout in EXACT_SLOT_LAYOUTS
        self.fitted = layout in FITTED_LAYOUTS
        self.levels = Levels()
        self.rows: list[Row] = []
        self.previous: list[Cell] = []  # the filled cells of the row above
        self.done = False  # the table's end (合计, 总分, 评价结论) was read
        self.placed: dict[str, Cell] = {}  # the cells of the last row fed, by role
        self.unnamed_level1 = False  # a level-1 cell was its weight alone ("(50分)"): the levels above are no merged cell's
        self.torn_from: _Reader | None = None  # the reader of the page above, when this one's header was printed again

    @property
    def end_marked(self) -> bool:
        """Whether the last row fed ended where its text marks it, so that the next row's name starts after it: a
        level cell; else a number or a value written twice in the last column a row fills, or, where the header has a
        text column after it (偏差原因), a row whose actual is its target (met as planned: no reason written)."""
        if not self.placed:
            return True
        role, last = max(self.placed.items(), key=lambda item: item[1].end)
        if role in ("level1", "level2"):
            return True
        target, actual = self.placed.get("target"), self.placed.get("actual")
        met = target is not None and actual is not None and _met(target.content, actual.content)
        after = [r for r, col in self.header.roles.items() if col > self.header.roles.get(role, -1)]
        if any(r in _TEXT_AFTER_ROLES for r in after) and role not in _TEXT_AFTER_ROLES:
            return met  # a reason may run on into the next row's name where the row missed its target
        text = last.content.strip()
        return role in ("weight", "score") or (has_digit(text) and not _CJK_WORD.search(text)) or (role == "actual" and met)

    def feed(self, slots: tuple[Cell, ...], own: list[Cell]) -> None:
        placed = self.placed = _place(own, self.roles)
        for role in ("level1", "level2"):  # a slot covered by a merged level cell shows that level
            col = self.header.column(role)
            if role not in placed and col is not None and col < len(slots) and slots[col].covered:
                placed[role] = slots[col].origin  # type: ignore[assignment]
        if self._section(placed):
            self.previous = own
            return
        found = [self._kind(f, placed[role]) for role in ("level1", "level2")
                 if role in placed and (f := _level(placed[role].content, role, self.exact_slots))]  # fmt: skip
        joined = _wrapped_levels(self.previous, own, self.level_kinds)  # "满意度" above, "指标(10分)" here
        if joined:
            found = joined + [f for f in found if f[0] == 2 and all(j[0] == 1 for j in joined)]
        outer = placed.get("level1")
        if outer is not None and not outer.covered and LEVEL_SCORE_SUFFIX.fullmatch(outer.text.strip()):
            self.levels.level1, self.levels.level2 = None, None  # "(30分)": a level 1 whose name the text lost
            self.unnamed_level1 = True
        if found and not self._centered_level1(found):
            self.levels.take(found)
        above = self.rows[-1] if self.rows and self.previous and self.rows[-1].end == self.previous[-1].end else None
        read = _row(placed, self.levels, own)
        if read is not None:
            self.rows.append(read)
        elif above is not None and joined:
            _wrapped_row(above, placed, self.levels, own)
        elif self.rows and len(own) == 1 and not is_placeholder(own[0].text) and wrapped_cell(self.rows[-1], own[0].text):
            self.rows[-1].end = own[0].end
        self.previous = own

    def _section(self, placed: dict[str, Cell]) -> bool:
        """A row whose name cell is a section of the table ("一、评价前期工作组情况 | 30 | | 29") or a level name: it
        opens the level of the columns the header has none of (its 分值 and 得分 are the level's), for the rows under it."""
        cell = placed.get("name")
        if cell is None or not (SECTION_ENUMERATOR.match(cell.content) or level_of(cell.content)):
            return False
        name = group_of(cell.content) or (level_of(cell.content) or (0, ""))[1]
        if not name:
            return False
        missing = [k for role, k in (("level1", 1), ("level2", 2)) if role not in self.header.roles]
        if not missing and not SECTION_ENUMERATOR.match(cell.content) and not _national_level(name):
            # both level columns are there: an evaluation framework's level word in the name column (资金分配,
            # 资金使用) is that row's indicator, as common a name as a level
            return False
        self.levels.take([(missing[0] if missing else 1, name)])
        return True

    def _centered_level1(self, found: list[tuple[int, str]]) -> bool:
        """A level-1 cell that first shows under rows with a level 2 and none (a merged cell written in its
        middle row, as PDF and web text place it) is those rows' level 1 too; the level 2 carries on under it."""
        firsts = [name for kind, name in found if kind == 1]
        if len(found) != 1 or not firsts or self.levels.level1 is not None or self.levels.level2 is None or self.unnamed_level1:
            return False
        for row in self.rows:
            row.level1 = row.level1 or firsts[0]
        self.levels.level1 = firsts[0]
        return True

    def _kind(self, level: tuple[int, str], cell: Cell) -> tuple[int, str]:
        """A name that may be either level (满意度指标, 成本指标): the level of its column where slots are sure
        (HTML); a level 1 where it carries its group's weight ("满意度指标(10分)"); else the carried levels decide."""
        if level[0] != 0:
            return level
        origin = cell.origin or cell
        if (self.exact_slots or self.fitted) and origin.col in self.level_kinds:
            return self.level_kinds[origin.col], level[1]
        return (1, level[1]) if _GROUP_WEIGHT.search(origin.text) else level


def _national_level(name: str) -> bool:
    """A level name of the national form (产出指标, 数量指标 …), never an indicator's name."""
    return name in LEVEL1_INDICATORS or name in LEVEL2_INDICATORS


def _wrapped_row(above: Row, placed: dict[str, Cell], levels: Levels, own: list[Cell]) -> None:
    """A row without numbers under a row, that completes the levels of the row above, is the rest of that row
    wrapped by the text tool: the levels are the row above's, a level name cut at its start ("象满意度指标")
    had its first piece glued to the row above's name ("服务对" + "用户满意"), and the cells left in the
    name column end the row above's name ("程度")."""
    cut = placed.get("level2")
    if cut is not None and levels.level2 and levels.level2 != cut.text and levels.level2.endswith(cut.text):
        piece = levels.level2[: -len(cut.text)]
        if above.name.startswith(piece) and len(above.name) > len(piece):
            above.name = above.name[len(piece) :]
    rest = placed.get("name")
    if rest is not None and level_of(rest.text) is None:
        above.name = squeeze(above.name + rest.text)
    above.level1, above.level2 = levels.level1, levels.level2
    above.end = max(above.end, own[-1].end)


def _level(text: str, role: str, exact: bool = False) -> tuple[int, str] | None:
    """The level a level cell names; a name cut at its start by the row above ("象满意度指标") is the one known
    level name it ends; a name no vocabulary knows, written with its group weight or as a section ("资金投入水平(20分)"),
    or standing in a level column's slot of a layout that keeps every cell in its slot (`exact`: HTML, CSV), the
    level of its column."""
    level = level_of(text)
    group = group_of(text) if level is None else None
    if group is None and level is None and exact and LEVEL_CELL_TEXT.match(text.strip()):
        group = LEVEL_SCORE_SUFFIX.sub("", SECTION_ENUMERATOR.sub("", text.strip()))
    if group is not None:
        return (1 if role == "level1" else 2), group
    if level is None or level[1] in _LEVEL_NAMES:
        return level
    ends = [name for name in _LEVEL_NAMES if name.endswith(level[1]) and len(level[1]) >= 4]
    return (level[0], ends[0]) if len(ends) == 1 else level


def _wrapped_levels(above: list[Cell], own: list[Cell], kinds: dict[int, int]) -> list[tuple[int, str]]:
    """Levels spelled by a cell of the row above and a cell of this row together, for a row without numbers:
    the cells of a level merged over rows, wrapped by the text tool ("满意度" / "指标(10分)")."""
    if not above or any(_SCORE.match(cell.text) for cell in own):
        return []
    found: list[tuple[int, str]] = []
    used: set[int] = set()
    for cell in own:
        for k, upper in enumerate(above):
            level = level_of(upper.text + cell.text)
            alone = level_of(upper.text)  # a piece may name a framework's level by itself ("产出"), not the form's
            if k not in used and (alone is None or alone[1] not in _LEVEL_NAMES) and level is not None and level[1] in _LEVEL_NAMES:
                found.append((kinds.get(upper.col, level[0]), level[1]))  # the level of the column it stands in
                used.add(k)
                break
    return found


def _row(placed: dict[str, Cell], levels: Levels, own: list[Cell]) -> Row | None:
    text = {role: cell.content for role, cell in placed.items()}
    if text.get("reason", "").strip() in NO_REASON_ANSWERS:
        text.pop("reason", None)  # "0", "无": no deviation, no reason
    name = text.get("name", "")
    if not name or not (any(role in text for role in ("target", "actual", "weight", "score", "note"))
                        or glued_weight(name) is not None):  # fmt: skip
        return None  # (a scoring table's row: its name, its criteria, its weight written after its name)
    cells = [cell for cell in own if cell in placed.values()]
    start, end = cells[0].start, cells[-1].end
    weight, score = _number(placed.get("weight")), _number(placed.get("score"))
    weight = glued_weight(name) if weight is None and "weight" not in placed else weight
    weight, score = _weighed(placed, weight, score)
    if "comparator" not in text and "unit" not in text:
        return row_from_cells(levels, name, text.get("target"), text.get("actual"), weight, score,
                              text.get("reason"), start, end)  # fmt: skip
    comparator, target = split_comparator(squeeze(text.get("target", "")))
    if "comparator" in text:
        comparator = split_comparator(text["comparator"])[0] or comparator
    unit = squeeze(text["unit"]) or None if "unit" in text else None
    if unit and target.endswith(unit) and is_number(target[: -len(unit)]):
        target = target[: -len(unit)].strip()
    else:  # the unit written with the number in the 指标值 cell ("351公里"): the cell's own, whatever the column says
        number_part, own_unit = split_unit(target)
        target, unit = (number_part, own_unit) if own_unit else (target, unit)
    actual = squeeze(text["actual"]) if text.get("actual") else None
    return Row(levels.level1, levels.level2, indicator_name(name), comparator, target or None, unit,
               strip_unit(actual, unit), weight, score, text.get("reason") or None, start, end)  # fmt: skip


def _weighed(placed: dict[str, Cell], weight: float | None, score: float | None) -> tuple[float | None, float | None]:
    """A weight and a score written together ("22", "1010") in a form that states each row's 得分系数: the one split of
    the digits into a weight of at most 100 and the score the coefficient gives it (得分 = 指标权重 × 得分系数)."""
    coefficient = number(placed["coefficient"].content) if "coefficient" in placed else None
    cells = [placed[role] for role in ("weight", "score") if role in placed]
    if coefficient is None or len(cells) != 1 or not _DIGITS.fullmatch(cells[0].content.strip()):
        return weight, score
    digits = cells[0].content.strip()
    splits = [(float(digits[:n]), float(digits[n:])) for n in range(1, len(digits))
              if (digits[n] != "0" or n == len(digits) - 1) and float(digits[:n]) <= _MAX_WEIGHTS
              and abs(float(digits[:n]) * coefficient / 100 - float(digits[n:])) < _SCORE_ROUNDING]  # fmt: skip
    return splits[0] if len(splits) == 1 else (weight, score)


_DIGITS = re.compile(r"\d{2,6}")
_SCORE_ROUNDING = 0.05


def _number(cell: Cell | None) -> float | None:
    if cell is None or cell.covered or not _SCORE.match(cell.text.strip()):
        return None  # a score merged over two rows counts once, in the row it stands in
    return float(cell.text.replace(SCORE_UNIT, "").strip())


def _fit(text: str, role: str | None) -> float:
    """How well a cell's text fits a column's role: positive when it is the kind of text that column holds."""
    level = level_of(text)
    numeric = bool(_SCORE.match(text)) and float(text.replace(SCORE_UNIT, "").strip()) <= 100
    if role in ("level1", "level2"):
        if level is None:
            # a level's name, or its group weight alone where the text lost the name ("(10分)"): the level's slot
            lone_weight = bool(LEVEL_SCORE_SUFFIX.match(text.strip()))
            return (GROUP_FIT if role == "level2" else GROUP_FIT_OUTER) if group_of(text) or lone_weight else -1.0
        return 2.0 if level[0] == 0 or level[0] == (1 if role == "level1" else 2) else 0.5
    if level is not None:
        # a level name of the national form is in no other column; an evaluation framework's level word (资金分配,
        # 资金使用) is also a common indicator name, so in the name column its place decides
        return 1.0 if role == "name" and not _national_level(level[1]) else -2.0
    if INDICATOR_NUMBERING.match(text):  # "指标1：…": the template numbers its names, its digit is no value's
        return _NUMBERED_NAME if role == "name" else -1.0
    if role in ("weight", "score", *LEVEL_WEIGHT_ROLES.values()):
        return 2.0 if numeric else -3.0
    if role == "comparator":
        sign, rest = split_comparator(text)
        return 2.0 if (sign and not rest) or text in QUALITATIVE_MARKS else -2.0
    if role == "unit":
        return unit_fit(text)
    if role == "name":
        return -1.0 if is_number(text) else 1.0
    if role == "target":
        return 1.5 if comparator_led(text) or has_digit(text) else 1.0
    if role == "actual":
        return 1.0
    if role in ("reason", "note"):
        return 0.5 if text.strip() in NO_REASON_ANSWERS else (-1.0 if numeric else 0.5)
    if role in UNIT_FORM_ROLES:  # a unit-wide form's columns: read as the stream reads them
        return stream_fit(text, role, "indicators")
    return -1.0


def _place(cells: list[Cell], roles: list[str | None]) -> dict[str, Cell]:
    """The filled cells matched to columns in order (a cell to one column, a column to one cell), each match
    scored by how well the text fits the role less how far the cell stands from that column."""
    width = max(len(roles), max((c.col + 1 for c in cells), default=0))
    roles = roles + [None] * (width - len(roles))
    n = len(cells)
    # a row whose cells all stand left of the name column: the merged cells before them were left out (pipe rows of a
    # web page's table), so its cells belong further right, at no cost for the move
    name_col = roles.index("name") if "name" in roles else -1
    short = bool(cells) and all(cell.col < name_col for cell in cells)
    # best[k][c]: the best score of matching the first k cells to the first c columns; how[k][c] how it was got
    best = [[float("-inf")] * (width + 1) for _ in range(n + 1)]
    how: list[list[str]] = [[""] * (width + 1) for _ in range(n + 1)]
    for c in range(width + 1):
        best[0][c] = 0.0
    for k in range(1, n + 1):
        best[k][0] = best[k - 1][0] - _DROP
        how[k][0] = "drop"
        for c in range(1, width + 1):
            cell = cells[k - 1]
            options = {
                "skip": best[k][c - 1],
                "drop": best[k - 1][c] - _DROP,
                "take": best[k - 1][c - 1] + _fit(cell.text, roles[c - 1])
                - _DISPLACED * (max(0, cell.col - (c - 1)) if short else abs(cell.col - (c - 1))),
            }
            how[k][c] = max(options, key=lambda key: options[key])
            best[k][c] = options[how[k][c]]
    placed: dict[str, Cell] = {}
    k, c = n, width
    while k > 0:
        step = how[k][c]
        if step == "skip":
            c -= 1
        elif step == "drop":
            k -= 1
        else:
            role = roles[c - 1]
            if role is not None:
                placed[role] = cells[k - 1]
            k, c = k - 1, c - 1
    return placed
