"""The budget block of a project form read as a stream of cells, whatever the layout.

Stage: extract (rules), for `project_forms` where the table model gives no budget block (a form one cell per
line, flattened into one line, cells glued together by OCR). In: the form's lines. Out: the `Budget` of the
row of the year's whole money (年度资金总额 / 总额), or None when the block is not there or cannot be read
for sure.

How it reads (the way the form states it, not by positions): the block's header words, in the order they
stand, name the fields of its columns (`FORM_BUDGET_HEADER`; a field named twice was a group label the
first time); the total row is its label followed by its values (or, where the header names the total's
column, the values right after the header). Values are assigned to the columns in order when the layout shows
every cell of the row; when empty cells left no trace, only the placements where the percentage stands in the
rate column and the arithmetic of the block holds (rate = executed / budget, score ≤ weight) count, and only
what all of them agree on is read; numbers glued together ("64.864.8100%") are split the same way. Anything
else is left out, not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

from extractor.tables import Line
from extractor.vocabulary import (
    EMPTY_ANSWERS,
    FORM_BUDGET_AMOUNT_FIELDS,
    FORM_BUDGET_BLOCK_END,
    FORM_BUDGET_HEADER,
    FORM_BUDGET_PART_LABEL,
    FORM_BUDGET_SCORE_FORMULA,
    FORM_BUDGET_TOTAL_LABEL,
    FORM_BUDGET_TOTAL_WORD,
    FORM_BUDGET_VALUE,
)
from schemas import Budget

_CELL_BREAK = re.compile(r"[\t|]")
_TOKEN = re.compile(r"\S+")
_VALUE = re.compile(r"^-?\d+(?:\.\d+)?%?$")
_GLUED = re.compile(r"\d+(?:\.\d+)?(?:\d*\.\d+)+%?")  # two or more decimals run together
# a run of digits glued after a header word; past a percentage, the weight or score glued after it ("100%20"), one to
# three digits (a year's four digits glued after the block, "100%2021年", are the text after it)
_RUN = re.compile(r"\d[\d.]*(?:%\d{1,3}(?:\.\d{1,2})?(?![\d.])|%)?")
_OPEN, _CLOSE = "(（", ")）"
_PIECE = re.compile(r"(?:0|[1-9]\d{0,8})(?:\.\d{1,2})?")  # one amount, score or rate as forms write them
_HEADER_REACH = 16  # tokens the header may span
_RATE_TOLERANCE = 0.6  # percentage points: rates are written rounded
_SCORE_ROUNDING = 0.5  # points: a score is the weight times the rate, rounded to a whole point at most
_MAX_PLACEMENTS = 64


@dataclass(frozen=True)
class _Token:
    text: str

    @property
    def is_value(self) -> bool:
        """A value cell: a number, a percentage, or a cell that states no value (empty, "/", "-")."""
        return bool(_VALUE.match(self.text)) or self.text in EMPTY_ANSWERS


def block_budget(lines: Sequence[Line]) -> Budget | None:
    """The total row of the form's budget block, read from its cells in order; None when not found or unsure."""
    tokens = list(_tokens(lines))
    start = next((i for i, t in enumerate(tokens) if _amount_word(t.text)), None)
    if start is None:
        return None
    fields: list[str] = []
    # the total's label written before the header (PDF text that scatters the block's cells): its values follow it
    total_in_header = any(FORM_BUDGET_TOTAL_WORD.search(t.text) for t in tokens[max(0, start - _HEADER_REACH) : start])
    header_text: list[str] = []
    i = start
    while i < len(tokens) and i - start < _HEADER_REACH:
        text = tokens[i].text
        if not text:  # an empty header cell
            i += 1
            continue
        if tokens[i].is_value or FORM_BUDGET_TOTAL_LABEL.match(text):
            break
        if i == start:  # a cell that holds more than the block (a form flattened into one line) starts at it
            text = text[_first_amount(text) :]
        end = FORM_BUDGET_BLOCK_END.search(text)
        total_in_header = total_in_header or bool(FORM_BUDGET_TOTAL_WORD.search(text))
        header_text.append(text if end is None else text[: end.start()])
        glued = _header_words(header_text[-1], fields)
        if glued is not None:  # the values run on right after the header words, without a break
            return _assign(fields, _values([_Token(glued)], len(fields), glued=True), scale=_scale(header_text))
        if end is not None:
            return None
        i += 1
    if len(fields) < 2 or i >= len(tokens):
        return None
    if FORM_BUDGET_TOTAL_LABEL.match(tokens[i].text):
        i += 1
    elif not (tokens[i].is_value and (total_in_header or _part_follows(tokens, i))):
        return None
    row: list[_Token] = []
    while i < len(tokens) and (tokens[i].is_value or _GLUED.fullmatch(tokens[i].text)):
        row.append(tokens[i])
        i += 1
    return _assign(fields, _values(row, len(fields)), _positional(row, len(fields)), _scale(header_text))


def _part_follows(tokens: list[_Token], i: int) -> bool:
    """Whether the values from `i` on are followed by a part row's label (其中…): the block's first row, its total,
    whose label the text wrote elsewhere (a spreadsheet flattened cell by cell)."""
    while i < len(tokens) and tokens[i].is_value:
        i += 1
    return i < len(tokens) and bool(FORM_BUDGET_PART_LABEL.match(tokens[i].text))


def _scale(header: list[str]) -> float | None:
    """The block's weight as its score's header cell states it ("得分（20分*执行率）"), or None."""
    match = FORM_BUDGET_SCORE_FORMULA.search("".join("".join(header).split()))
    return float(match.group(1)) if match else None


def _tokens(lines: Sequence[Line]) -> Iterator[_Token]:
    """The block's cells and, inside a cell, its space-separated pieces: one stream whatever the layout. An
    empty cell is a token "" where the layout shows one: a lone "|" or a line of spaces, an empty cell between
    two separators, and a blank line unless blank lines part every cell (then they are no cells)."""
    blank_parted = _blank_parted(lines)
    for line in lines:
        if not line.text:
            if not blank_parted:
                yield _Token("")
            continue
        cells = _CELL_BREAK.split(line.text)
        if len(cells) > 1 and not cells[0].strip():
            cells = cells[1:]  # the leading bar of "| a | b |"
        if len(cells) > 1 and not cells[-1].strip():
            cells = cells[:-1]  # the closing bar of "a |"
        for cell in cells:
            pieces = _TOKEN.findall(cell)
            if not pieces:
                yield _Token("")
            for token in pieces:
                value = FORM_BUDGET_VALUE.match(token)
                yield _Token(value.group(1) if value is not None and value.group(2) not in (None, "%") else token)


def _blank_parted(lines: Sequence[Line]) -> bool:
    """Whether blank lines part the cells (each line of text followed by a blank one), as some converters write."""
    filled = [k for k, line in enumerate(lines[:-1]) if line.text]
    parted = sum(1 for k in filled if not lines[k + 1].text)
    return bool(filled) and parted >= 0.6 * len(filled)


def _amount_word(text: str) -> bool:
    return _first_amount(text) >= 0


def _first_amount(text: str) -> int:
    """Where the first header word of an amount column starts in a cell, or -1."""
    return next((m.start() for m in FORM_BUDGET_HEADER.finditer(text) if m.lastgroup in FORM_BUDGET_AMOUNT_FIELDS), -1)


def _header_words(text: str, fields: list[str]) -> str | None:
    """Adds the fields a header cell names, in order (a field named twice was the label over a group of
    columns the first time); returns the values glued right after one of its words ("执行率(B/A)64.864.8100%"),
    if the cell runs on into them."""
    matches = [m for m in FORM_BUDGET_HEADER.finditer(text) if not _in_brackets(text, m.start(), m.end())]
    for k, match in enumerate(matches):
        field = match.lastgroup
        assert field is not None
        following = matches[k + 1] if k + 1 < len(matches) else None
        if field in fields and _qualifier(match, following, fields):
            continue  # "执行率权重", "执行率得分": the rate's weight and score columns, the rate named before
        if field in fields:
            fields.remove(field)
        fields.append(field)
        upto = following.start() if following is not None else len(text)
        for run in _RUN.finditer(text, match.end(), upto):
            if ("." in run.group() or "%" in run.group()) and not _in_brackets(text, run.start(), run.end()):
                return run.group()
    return None


def _in_brackets(text: str, start: int, end: int) -> bool:
    """Whether a piece of a header cell stands inside brackets: an explanation of the column ("得分（20分*执行率）",
    "执行率(B/A)" keeps its word outside), no column of its own. Brackets left open before the piece or closed after
    it without opening (a cell cut inside its brackets: "分*执行率）") count."""
    before, after = text[:start], text[end:]
    depth = sum(before.count(c) for c in _OPEN) - sum(before.count(c) for c in _CLOSE)
    closes = 0
    for ch in after:
        if ch in _OPEN:
            break
        if ch in _CLOSE:
            closes += 1
            break
    return depth > 0 or closes > 0


def _qualifier(match: re.Match[str], following: re.Match[str] | None, fields: list[str]) -> bool:
    """A rate word glued before the weight's or the score's word, the rate's column named already: it qualifies that
    column ("执行率权重"), it names none of its own."""
    return (
        match.lastgroup == "execution_rate_pct"
        and following is not None
        and following.start() == match.end()
        and following.lastgroup in ("weight", "score")
    )


def _positional(row: list[_Token], width: int) -> list[str] | None:
    """The row's cells one per column, empty ones kept, when the layout shows every cell of the row (as many
    as the header has columns, past trailing padding); None otherwise."""
    cells = [t.text for t in row]
    while len(cells) > width and cells[-1] in EMPTY_ANSWERS:
        cells.pop()
    if len(cells) != width or any(not _VALUE.match(c) and c not in EMPTY_ANSWERS for c in cells):
        return None
    return cells


def _values(row: list[_Token], width: int, glued: bool = False) -> list[list[str]]:
    """Each value cell as written, or the ways a glued run splits into values (several lists: ambiguous). A run
    read glued after the header words splits even where it reads as one number ("1010100%": 10, 10, 100%)."""
    out: list[list[str]] = [[]]
    for token in row:
        if token.text in EMPTY_ANSWERS:
            continue
        if _VALUE.match(token.text) and not glued:
            out = [v + [token.text] for v in out]
        else:
            out = [v + split for v in out for split in _glued_splits(token.text, width - len(v))][:_MAX_PLACEMENTS]
    return out


def _glued_splits(text: str, most: int) -> list[list[str]]:
    """The splits of a glued run; a percentage inside it ("100%20") ends the numbers before it."""
    cut = text.find("%")
    if 0 <= cut < len(text) - 1:
        return [left + right for left in _splits(text[: cut + 1], most)
                for right in _splits(text[cut + 1 :], most - len(left))][:_MAX_PLACEMENTS]  # fmt: skip
    return _splits(text, most)


def _splits(text: str, most: int) -> list[list[str]]:
    """Every way a glued run of numbers splits into at most `most` numbers as forms write them (at most two
    decimals, so each decimal point belongs to a number of its own)."""
    percent = text.endswith("%")
    digits = text.rstrip("%")
    found: list[list[str]] = []

    def walk(at: int, parts: list[str]) -> None:
        if len(found) >= _MAX_PLACEMENTS:
            return
        if len(parts) > most or digits.count(".", at) > most - len(parts):
            return
        if at == len(digits):
            found.append(parts[:-1] + [parts[-1] + "%"] if percent and parts else parts)
            return
        for end in range(at + 1, len(digits) + 1):
            piece = digits[at:end]
            if _PIECE.fullmatch(piece):
                walk(end, [*parts, piece])

    walk(0, [])
    return found


def _assign(fields: list[str], readings: list[list[str]], positional: list[str] | None = None,
            scale: float | None = None) -> Budget | None:  # fmt: skip
    """The row's cells in the header's columns: one per column where the layout shows them all, else what every
    reading and placement of its values that the block's own arithmetic allows agrees on (a value two placements
    put in different columns is left out); None when nothing is agreed."""
    found: dict[tuple[tuple[str, float], ...], None] = {}
    if positional is not None:
        placed = {f: v for f, v in zip(fields, positional, strict=True) if v not in EMPTY_ANSWERS}
        if placed and _consistent(placed, exact=True, scale=scale):
            readings = []
            found[tuple((f, float(v.rstrip("%"))) for f, v in placed.items())] = None
    for values in readings:
        if not values or len(values) > len(fields):
            continue
        exact = len(values) == len(fields)
        for columns in combinations(range(len(fields)), len(values)):
            placed = {fields[c]: v for c, v in zip(columns, values, strict=True)}
            if _consistent(placed, exact and len(readings) == 1, scale):
                found[tuple((f, float(v.rstrip("%"))) for f, v in placed.items())] = None
    agreed = set.intersection(*(set(placement) for placement in found)) if found else set()
    if not agreed:
        return None
    budget = Budget()
    for field, value in agreed:  # what every placement the block allows agrees on
        setattr(budget, field, value)
    return budget


def _consistent(placed: dict[str, str], exact: bool, scale: float | None = None) -> bool:
    """A placement the block allows: a percentage only in the rate column (and the rate a percentage, where
    the row writes one), the rate what executed / budget make it, the score not above the weight (and the weight
    times the rate where the score's header states that formula). A row with a value in every column needs only
    the first; a partial row must also be checked by the arithmetic: its amounts by the rate, a row without
    amounts by the score (the weight times the rate, within a point)."""
    percents = [f for f, v in placed.items() if v.endswith("%")]
    if percents and percents != ["execution_rate_pct"]:
        return False
    numbers = {f: float(v.rstrip("%")) for f, v in placed.items()}
    if "score" in numbers and "weight" in numbers and numbers["score"] > numbers["weight"] + 1e-9:
        return False
    rate, executed = numbers.get("execution_rate_pct"), numbers.get("executed")
    base = numbers.get("adjusted", numbers.get("initial"))
    rate_ok = score_ok = False
    if rate is not None and executed is not None and base:
        if abs(executed / base * 100 - rate) > _RATE_TOLERANCE:
            return False
        rate_ok = True
    weight, score = numbers.get("weight", scale), numbers.get("score")
    if rate is not None and weight and score is not None:
        score_ok = abs(weight * rate / 100 - score) <= _SCORE_ROUNDING
        if not score_ok and scale is not None:
            return False  # the form states its score's formula: a reading that breaks it is no reading
    if exact:
        return True
    amounts = any(f in FORM_BUDGET_AMOUNT_FIELDS for f in numbers)
    return rate_ok or (score_ok and not amounts)
