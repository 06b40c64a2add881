"""Cells of an indicator table written with no separator at all, for the flat reader.

Stage: tables (`extractor.tables.readers.flat`). In: the lines of the normalized text and the index of a line whose
text glues an indicator table's header words together ("一级指标二级指标三级指标年度指标值全年完成值…"), as a
document-sharing site or an OCR tool writes a Word form: a page of the table one line, a wrapped cell's spaces left
inside its words, the site's page fragments numbered "2、", "3、" at each page's start. Out: the `Token`s of that
table in reading order (the text before the header one token, the header's words, then the body's cells), for
`extractor.tables.stream` to cut into rows by the header's columns; and the index of the last line read.

How the body's text is parted into cells, by what each piece of text is:
- a level name (产出指标, 数量指标(10分) …), a placeholder (指标2:), a block title (绩效指标): a cell of its own;
- a value doubled (a target and an actual that agree, "100%100%", "符合要求符合要求", "2370人2370人" after a
  weight "10"): two cells, and what stands glued before them is a cell of its own;
- a number with its sign, unit or percent ("≥90%", "15万元", "0起"): a cell, unless its unit runs on into words
  ("5000吨稻谷…": part of a name); the words between values: a cell.
Nothing here is sure the way a separator is: the rows cut from these cells are held for review.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from extractor.tables.kinds import SENTENCE_STOP, has_digit, level_of
from extractor.tables.model import Line
from extractor.tables.stream import Token
from extractor.vocabulary import (
    COMPARATOR_START,
    COUNTER_UNITS,
    CRITERIA_CUT,
    EMPTY_CELL,
    GLUED_TABLE_END,
    GOAL_BLOCK_TITLE,
    GROUP_SCORE_AFTER,
    INDICATOR_BLOCK_CELLS,
    INDICATOR_COLUMNS,
    LEVEL1_INDICATORS,
    LEVEL2_INDICATORS,
    OCR_DASH,
    PAGE_FRAGMENT,
    PLACEHOLDER_IN_TEXT,
    QUALITATIVE_MARKS,
    QUANTITY_QUALIFIERS,
    REASON_HEADER_TAIL,
    SCORE_UNIT,
    SCORING_LEVEL1,
    SCORING_LEVEL2,
    UNITS,
    YES_NO_ANSWERS,
)

_HEADER_WORDS = sorted({w for words in INDICATOR_COLUMNS.values() for w in words}, key=len, reverse=True)
_WORD_ROLES = {w: role for role, words in INDICATOR_COLUMNS.items() for w in words}
_GLUED_WEIGHT = re.compile(r"[（(]\d+(?:\.\d+)?" + SCORE_UNIT + r"[）)]")
_HEADER_WORD = re.compile("|".join(re.escape(w) for w in _HEADER_WORDS))
_REASON_WORD = re.compile("|".join(re.escape(w) for w in INDICATOR_COLUMNS["reason"]))
_MIN_SCRAMBLED = 4  # characters of a word told by its characters alone
_SCRAMBLE_WORDS = tuple(w for w in _HEADER_WORDS if len(w) >= 4)
_HEADER_OPENERS = frozenset((*INDICATOR_COLUMNS["level1"], *INDICATOR_COLUMNS["level2"], *INDICATOR_COLUMNS["name"]))
_MAX_JUNK = 6  # characters between two header words that are neither (a garbled word, "(A)")
_MIN_HEADER_WORDS = 3
_LEVELS = sorted(set(LEVEL1_INDICATORS) | set(LEVEL2_INDICATORS) | INDICATOR_BLOCK_CELLS, key=len, reverse=True)
# a framework's level (项目决策, 项目产出 …) is a cell of its own only with its group weight ("项目决策(10分)"): its words
# alone may open an indicator's name
_FRAMEWORK_LEVELS = sorted(set(SCORING_LEVEL1) - set(_LEVELS), key=len, reverse=True)
_FRAMEWORK_LEVEL2 = re.compile("|".join(re.escape(w) for w in sorted(SCORING_LEVEL2, key=len, reverse=True)))
_MIN_NAME_REST = 2  # characters of a name after the level 2 glued before it
_GROUP_WEIGHT_AFTER = re.compile(GROUP_SCORE_AFTER.pattern + "$")
_EMPTY_DASH = OCR_DASH
_ANCHOR = re.compile(
    "(?P<title>" + GOAL_BLOCK_TITLE.pattern + ")|"
    "(?:" + "|".join(re.escape(w) for w in _LEVELS) + ")(?:" + GROUP_SCORE_AFTER.pattern + ")?|"
    "(?:" + "|".join(re.escape(w) for w in _FRAMEWORK_LEVELS) + ")" + GROUP_SCORE_AFTER.pattern + "|"
    + PLACEHOLDER_IN_TEXT.pattern
)
_UNIT_WORDS = sorted(set(UNITS) | set(COUNTER_UNITS), key=len, reverse=True)
_QUALIFIER = "|".join(re.escape(q) for q in QUANTITY_QUALIFIERS)
_VALUE = re.compile(
    r"(?:" + COMPARATOR_START.pattern + r")?\d+(?:\.\d+)?"
    r"(?P<unit>%|‰|" + "|".join(re.escape(u) for u in _UNIT_WORDS) + r")?"
    r"(?P<qualifier>" + _QUALIFIER + r")?"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SPACE = re.compile(r"\s")
_MAX_FRAGMENT_STEP = 3  # page fragments a line may skip (numbers of pages joined into the line before)
_FIRST_INSIDE = 2  # the first fragment number a line that does not open with one may hold inside
_MIN_FRAGMENT_VALUES = 2  # numbers a page fragment's line holds at least (a table's page: its values)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_MIN_PAGE = 60  # characters a page fragment holds at least: a "3、" closer than this to the last one is text
_MAX_DOUBLE = 30  # characters of a doubled value at most
_DIGITISH = re.compile(r"[\d.%‰]")
_BARE_NUMBER = re.compile(r"(?:0|[1-9]\d*)(?:\.\d{1,2})?")  # a number as a weight or score is written (no leading 0)
_MAX_SCORE = 100.0
_OPENING = "(（"
_RANGE_MARKS = "-－—~～"
_RANGE = re.compile(r"[-－—~～]\d")
_SIGNS = "≥≤=<>≠＝＞＜"
_MARKED_CUT = re.compile(rf"(?<=\d)(?=[{_SIGNS}]\d)|(?<=%)(?=[\d{_SIGNS}])")


@dataclass(frozen=True)
class _Text:
    """The lines' text with spaces and page-fragment numbers left out, and each character's offset."""

    chars: str
    offsets: tuple[int, ...]

    def token(self, start: int, end: int, text: str | None = None) -> Token:
        return Token(self.chars[start:end] if text is None else text, self.offsets[start], self.offsets[end - 1] + 1)


def glued_tokens(lines: Sequence[Line], at: int) -> tuple[list[Token], int] | None:
    """The tokens of a glued indicator table whose header is on `lines[at]`, and the last line read (the page
    fragments after it: lines that open with the next fragment number); None when the line holds no glued header."""
    if not _HEADER_WORD.search(lines[at].text):
        return None
    last = fragment_end(lines, at)
    text = _squeezed(lines[at : last + 1])
    header = _header(text)
    if header is None:
        return None
    start, end, words = header
    tokens = [text.token(0, start, _raw(lines, text, 0, start))] if start > 0 else []
    tokens += [text.token(a, b, word) for a, b, word in words]
    stop = GLUED_TABLE_END.search(text.chars, end)
    body_end = stop.start() if stop else len(text.chars)
    named = [w or text.chars[a:b] for a, b, w in words]
    answers = any(word in INDICATOR_COLUMNS["core"] for word in named)
    units = any(word in INDICATOR_COLUMNS["unit"] for word in named)
    if _framework(named):
        tokens += _framework_body(text, end, body_end)
    else:
        levels = any(word in INDICATOR_COLUMNS["level2"] for word in named)
        tokens += _framework_parted(_parted(_body(text, end, body_end), answers, units), levels)
    if body_end < len(text.chars):
        tokens.append(text.token(body_end, len(text.chars), _raw(lines, text, body_end, len(text.chars))))
    return tokens, last


_MIN_TAIL_LEVELS = 2  # level names a headerless glued line holds at least
_MIN_TAIL_VALUES = 2  # values opened by a comparator it holds at least


def headerless_tokens(lines: Sequence[Line], at: int) -> tuple[list[Token], int] | None:
    """The cells of a glued indicator table's tail whose header is on a page the text does not hold ("产出指标数量指标
    某某率=100% 20 某某次数≤10次 20 …"): a line with no header words that opens with a level name and holds level
    names and values opened by a comparator; parted as `glued_tokens` parts a body. None for any other line."""
    if _HEADER_WORD.search(lines[at].text):
        return None
    last = fragment_end(lines, at)
    text = _squeezed(lines[at : last + 1])
    first = _ANCHOR.match(text.chars)
    if first is None or first.group("title"):
        return None
    stop = GLUED_TABLE_END.search(text.chars)
    body_end = stop.start() if stop else len(text.chars)
    tokens = _body(text, 0, body_end)
    if not tail_like(tokens):
        return None
    if body_end < len(text.chars):
        tokens.append(text.token(body_end, len(text.chars), _raw(lines, text, body_end, len(text.chars))))
    return tokens, last


_LONG_MARKS = tuple(mark for mark in QUALITATIVE_MARKS if len(mark) >= _MIN_SCRAMBLED)
_LEADING_ZERO = re.compile(r"^0(?=\d)")
_NAME_UNIT_END = re.compile(r"[%‰]$")


def _parted(tokens: list[Token], answers: bool, units: bool = False) -> list[Token]:
    """Cells the body's parting left glued where a unit-wide form's columns stand side by side: a 是/否 answer before
    the next row's name (when the header has the answer's column), a 指标性质 mark ("定量指标", or its characters out
    of order) after a name, a percent sign (the 计量单位 cell) after a name, a "0" before the next number ("0100%":
    no number is written with a leading zero); where the header has a 计量单位 column, the unit of the value after a
    name glued to its end ("某某次数次" before "26次": the name, then the unit cell)."""
    out: list[Token] = []
    for token in tokens:
        text = token.text
        if _LEADING_ZERO.match(text) and _VALUE.fullmatch(text):
            out += [Token("0", token.start, token.start + 1), Token(text[1:], token.start + 1, token.end)]
            continue
        if has_digit(text) or level_of(text) is not None:
            out.append(token)
            continue
        if answers and len(text) > 1 and text[0] in YES_NO_ANSWERS and out and has_digit(out[-1].text):
            out.append(Token(text[0], token.start, token.start + 1))
            token, text = Token(text[1:], token.start + 1, token.end), text[1:]
        out += _name_pieces(token)
    return _units_parted(out) if units else out


def _framework_parted(tokens: list[Token], levels: bool) -> list[Token]:
    """Cells an OCR'd scoring form glues that its words part: under a header with a level-2 column (`levels`), a
    framework's level 2 before the name it heads ("项目立项相关性": 项目立项, then 相关性; the name's rest two characters
    at least; not where that level's own cell stands just before, "绩效目标8绩效目标合理性": then it is the name's), and a dash for an empty cell after
    a number, before the next cell's words ("4一目标明确…": the weight, an empty target, the actual)."""
    out: list[Token] = []
    for token in tokens:
        text = token.text
        dash = _EMPTY_DASH.match(text)
        if dash is not None and out and _BARE_NUMBER.fullmatch(out[-1].text):
            out.append(Token(EMPTY_CELL, token.start, token.start + dash.end()))
            token, text = Token(text[dash.end() :], token.start + dash.end(), token.end), text[dash.end() :]
        head = _FRAMEWORK_LEVEL2.match(text)
        stated = any(_GROUP_WEIGHT_AFTER.sub("", t.text) == (head.group() if head else None) for t in out[-2:])
        if levels and head is not None and not stated and len(text) - head.end() >= _MIN_NAME_REST and not has_digit(text) and level_of(text) is None:
            out += [Token(head.group(), token.start, token.start + head.end()),
                    Token(text[head.end() :], token.start + head.end(), token.end)]  # fmt: skip
            continue
        out.append(token)
    return out


def _units_parted(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for k, token in enumerate(tokens):
        following = tokens[k + 1] if k + 1 < len(tokens) else None
        unit = _unit_of(following.text) if following is not None else None
        text = token.text
        if unit and unit not in ("%", "‰") and not has_digit(text) and len(text) > len(unit) + 1 and text.endswith(unit):
            cut = token.end - len(unit)
            out += [Token(text[: -len(unit)], token.start, cut), Token(unit, cut, token.end)]
        else:
            out.append(token)
    return out


def _name_pieces(token: Token) -> list[Token]:
    """A name with a 指标性质 mark and a percent sign glued after it: the name, the unit, the mark."""
    text = token.text
    mark: Token | None = None
    for word in _LONG_MARKS:
        tail = text[-len(word) :]
        if len(text) > len(word) and (tail == word or sorted(tail) == sorted(word)):
            mark = Token(word, token.end - len(word), token.end)
            text = text[: -len(word)]
            break
    pieces = [Token(text, token.start, token.start + len(text))]
    if _NAME_UNIT_END.search(text) and len(text) > 1:
        pieces = [Token(text[:-1], token.start, token.start + len(text) - 1),
                  Token(text[-1], token.start + len(text) - 1, token.start + len(text))]  # fmt: skip
    return pieces + ([mark] if mark is not None else [])


def tail_like(tokens: Sequence[Token]) -> bool:
    """Whether cells read as an indicator table's rows with no header: the first a level name, level names and values
    opened by a sign among them."""
    if not tokens or level_of(tokens[0].text) is None:
        return False
    levels = sum(1 for t in tokens if level_of(t.text) is not None)
    values = sum(1 for t in tokens if COMPARATOR_START.match(t.text) and _VALUE.fullmatch(t.text))
    return levels >= _MIN_TAIL_LEVELS and values >= _MIN_TAIL_VALUES


def marked_pieces(token: Token) -> list[Token]:
    """A cell of a flattened table (parted from its neighbours by spaces) that holds two cells the text itself parts:
    a number before a comparator ("10≥12次": a weight, then a target), a percent before a number or a comparator
    ("96%10": an actual, then a score; "90%93%": a target, then an actual). Other cells stay whole."""
    cuts = [m.start() for m in _MARKED_CUT.finditer(token.text)]
    if not cuts:
        return [token]
    bounds = [0, *cuts, len(token.text)]
    return [Token(token.text[a:b], token.start + a, token.start + b) for a, b in zip(bounds, bounds[1:], strict=False)]


def fragment_end(lines: Sequence[Line], at: int) -> int:
    """The last line of the page fragments from `lines[at]` on: the lines after it that open with the next page's
    number ("2、", "3、" …; a number or two skipped where a converter joined a page onto the line before), each a
    page long (a numbered heading is no page)."""
    last = at
    number = _fragment_number(lines[at].text) or _FIRST_INSIDE - 1  # a line cut at a form's label: its page's
    while last + 1 < len(lines):
        following = _fragment_number(lines[last + 1].text)
        if following is None or not number < following <= number + _MAX_FRAGMENT_STEP:
            break
        values = len(_NUMBER.findall(lines[last + 1].text)) - 1  # its number aside
        if values < _MIN_FRAGMENT_VALUES:
            break  # a numbered heading or item, not a page of a table
        last, number = last + 1, following
    return last


def fragment_marker(text: str) -> bool:
    """A cell that is a page fragment's number alone ("3、"): the scraping site's, no cell of the table."""
    return PAGE_FRAGMENT.fullmatch(text.strip()) is not None


def _fragment_number(text: str) -> int | None:
    match = PAGE_FRAGMENT.match(text)
    return int(match.group(1)) if match else None


def _squeezed(lines: Sequence[Line]) -> _Text:
    """The lines' characters without spaces, line breaks and the page fragments' numbers: "k、" at a line's start,
    and the numbers between it and the next line's ("2、" where the next page of the scrape begins inside a line a
    converter joined), a page's length after the last."""
    chars: list[str] = []
    offsets: list[int] = []
    numbers = [_fragment_number(line.text) for line in lines]
    for n, line in enumerate(lines):
        text = line.text
        lead, following = numbers[n], (numbers[n + 1] if n + 1 < len(lines) else None)
        expected = (lead + 1) if lead is not None else (_FIRST_INSIDE if following is None or following > _FIRST_INSIDE else None)
        k = len(PAGE_FRAGMENT.match(text).group()) if lead is not None else 0  # type: ignore[union-attr]
        since = 0
        while k < len(text):
            marker = f"{expected}、" if expected is not None and (following is None or expected < following) else None
            if marker and since >= _MIN_PAGE and text.startswith(marker, k) and not _digit_after(text, k, marker):
                k += len(marker)
                expected = (expected or 0) + 1
                since = 0
                continue
            ch = text[k]
            if not _SPACE.match(ch):
                chars.append(ch)
                offsets.append(line.start + k)
                since += 1
            k += 1
    return _Text("".join(chars), tuple(offsets))


def _digit_after(text: str, k: int, marker: str) -> bool:
    after = k + len(marker)
    return after < len(text) and text[after] == "、"


def _raw(lines: Sequence[Line], text: _Text, start: int, end: int) -> str:
    """The normalized text a stretch of squeezed characters came from, as written (spaces kept)."""
    a, b = text.offsets[start], text.offsets[end - 1] + 1
    for line in lines:
        if line.start <= a <= line.end:
            if b <= line.end:
                return line.text[a - line.start : b - line.start]
            break
    return text.chars[start:end]


def _header(text: _Text) -> tuple[int, int, list[tuple[int, int, str | None]]] | None:
    """The header run: header words one after another, with a few characters of something else between two of
    them at most; it opens with a level's or the name's column word. (start, end, each word's span and, for a word
    an OCR tool scrambled, the word it stands for)."""
    for opener in _HEADER_WORD.finditer(text.chars):
        if opener.group() not in _HEADER_OPENERS:
            continue
        words: list[tuple[int, int, str | None]] = [(opener.start(), opener.end(), None)]
        k = opener.end()
        while True:
            following = _HEADER_WORD.search(text.chars, k, k + _MAX_JUNK + 20)
            if following is None or following.start() - k > _MAX_JUNK or _ANCHOR.match(text.chars, k):
                break
            scrambled = unscrambled(text.chars[k : following.start()])
            if scrambled is not None:  # "年成值全完值": 全年完成值 with its characters out of order
                words.append((k, following.start(), scrambled))
            words.append((following.start(), following.end(), None))
            k = following.end()
        tail = REASON_HEADER_TAIL.match(text.chars, k)
        if tail is not None and _REASON_WORD.fullmatch(text.chars[words[-1][0] : words[-1][1]]):
            words[-1] = (words[-1][0], tail.end(), None)  # "未完成原因" + "和改进措施": one header word
            k = tail.end()
        if len(words) >= _MIN_HEADER_WORDS:
            words = _upper_words(text, words)
            return words[0][0], k, words
    return None


def unscrambled(junk: str) -> str | None:
    """The header word an OCR tool wrote with its characters out of order, one of them at most written twice or one
    more character beside them ("年成值全完值" for 全年完成值): the longest word of at least four characters whose
    characters the junk holds all of, with one character more at most, when only one is. None for anything else."""
    if len(junk) < _MIN_SCRAMBLED:
        return None
    have = Counter(junk)
    found = [w for w in _SCRAMBLE_WORDS if len(junk) - len(w) <= 1 and not Counter(w) - have]
    longest = [w for w in found if len(w) == max(map(len, found))]  # (实际完成值 holds 实际完成: the whole word)
    return longest[0] if len(longest) == 1 else None


def _framework(named: Sequence[str]) -> bool:
    """Whether a header's words are a scoring framework's that states its weights inside its names: criteria (评价内容
    (标准), 评分标准) and no 分值 column."""
    roles = {_WORD_ROLES.get(word) for word in named}
    return "note" in roles and "weight" not in roles


def _framework_body(text: _Text, start: int, end: int) -> list[Token]:
    """The body of a glued scoring framework: each name with its glued weight ("依据的充分性(3分)", a level's too) a
    cell, from the criteria's last punctuation or score piece before it ("…没有:0分"), and the criteria between two
    names one cell (its "3分" pieces are the criteria's, no column's)."""
    tokens: list[Token] = []
    k = start
    for weight in _GLUED_WEIGHT.finditer(text.chars, start, end):
        cut = k
        for piece in CRITERIA_CUT.finditer(text.chars, k, weight.start()):
            cut = piece.end()
        if cut > k:
            tokens.append(text.token(k, cut))
        tokens.append(text.token(cut, weight.end()))  # (a weight with no name before it: a cell of its own)
        k = weight.end()
    if k < end:
        tokens.append(text.token(k, end))
    return tokens


def _upper_words(text: _Text, words: list[tuple[int, int, str | None]]) -> list[tuple[int, int, str | None]]:
    """A header's words with those glued just before its level and name words: the upper row of a header over two
    rows ("…评价内容(标准)评分" before "一级指标二级指标三级指标"), whose columns the stream reader orders."""
    while True:
        before = [m for m in _HEADER_WORD.finditer(text.chars, max(0, words[0][0] - _MAX_JUNK - 20), words[0][0])
                  if 0 <= words[0][0] - m.end() <= _MAX_JUNK and m.group() not in _HEADER_OPENERS]  # fmt: skip
        if not before:
            return words
        words = [(before[-1].start(), before[-1].end(), None), *words]


def _body(text: _Text, start: int, end: int) -> list[Token]:
    """The body's cells: anchors (levels, placeholders) and the pieces of the text between them."""
    tokens: list[Token] = []
    k = start
    for anchor in _ANCHOR.finditer(text.chars, start, end):
        tokens += _pieces(text, k, anchor.start(), tokens[-1] if tokens else None)
        if not anchor.group("title"):  # a block's title parts the rows around it and is no cell
            tokens.append(text.token(anchor.start(), anchor.end()))
        k = anchor.end()
    tokens += _pieces(text, k, end, tokens[-1] if tokens else None)
    return tokens


def _pieces(text: _Text, start: int, end: int, before: Token | None = None) -> list[Token]:
    """A stretch between anchors parted into cells: doubled values first, then values and words (`before`: the cell
    before the stretch, whose kind the cells after it are read against)."""
    if start >= end:
        return []
    double = _doubled(text.chars, start, end)
    if double is None:
        return _atoms(text, start, end, before)
    a, size = double
    pair = [text.token(a, a + size), text.token(a + size, a + 2 * size)]
    return _atoms(text, start, a, before) + pair + _pieces(text, a + 2 * size, end, pair[-1])


def _doubled(chars: str, start: int, end: int) -> tuple[int, int] | None:
    """The first place where a value is written twice in a row (its start and size): the longest there. A single
    character doubles only at the stretch's end ("高高"); a number's repeat must not be a piece of a longer number."""
    for a in range(start, end):
        for size in range(min(_MAX_DOUBLE, (end - a) // 2), 0, -1):
            first, second = chars[a : a + size], chars[a + size : a + 2 * size]
            if first != second:
                continue
            if size == 1 and (not _CJK.match(first) or (a + 2 != end and not chars[a + 2].isdigit())):
                continue  # ("高高": a word doubled at the stretch's end, or before the number after it)
            if _DIGITISH.match(first) and a > start and chars[a - 1].isdigit() and not _short_lead(chars, start, a):
                continue
            after = a + 2 * size
            if after < end and first[-1].isdigit() and _DIGITISH.match(chars[after]):
                continue
            words = _CJK.search(first) is not None and not _value(first)
            if words and after < end and not (chars[after].isdigit() or COMPARATOR_START.match(chars, after)):
                continue  # words written twice end where a number (the score) or the stretch does
            if not (_value(first) or words):
                continue
            return a, size
    return None


def _short_lead(chars: str, start: int, a: int) -> bool:
    """Digits glued before a doubled number are a weight of their own ("10" in "102370人2370人") when they are
    one or two digits after words."""
    k = a
    while k > start and chars[k - 1].isdigit():
        k -= 1
    return 1 <= a - k <= 2 and (k == start or not chars[k - 1].isdigit())


def _closes_before(chars: str, word: int, k: int) -> bool:
    """Whether the words before a number at `k` end a cell, so that a 分 after the number opens the next cell's
    words rather than being the number's unit: a level's name ("资金分配") or a sentence's end."""
    return chars[k - 1 : k] == SENTENCE_STOP or level_of(chars[word:k]) is not None


def _value(text: str) -> bool:
    match = _VALUE.fullmatch(text)
    return match is not None


def _atoms(text: _Text, start: int, end: int, before: Token | None = None) -> list[Token]:
    """Values (a number with its sign and unit) and the words between them, each a cell; a number whose unit runs
    on into words is part of those words ("5000吨稻谷、500吨成品粮储备到位率") unless a value stands just before it
    (an actual after its target, then the reason: "120次118次天气原因…")."""
    tokens: list[Token] = [before] if before is not None else []
    word = start  # where the current run of words began
    k = start
    chars = text.chars
    while k < end:
        match = _VALUE.match(chars, k, end)
        if match is None or (k > start and (chars[k - 1] in _OPENING or chars[k - 1].isdigit() and chars[k].isdigit())):
            k += 1  # a comparator parts a number from the one before it ("20≥30公里": a weight, then a target); a number
            continue  # in parentheses is the words' ("目标明确(1分)" in a scoring table's criteria)
        if _RANGE.match(chars, match.end()) or (k > start and chars[k - 1] in _RANGE_MARKS):
            k = match.end()  # "取得2018-2022监测资料": a range of years is words of a name
            continue
        unit = match.group("unit")
        stop = match.end()
        runs_on = stop < end and _CJK.match(chars[stop]) is not None and unit not in (None, "%", "‰")
        after_value = bool(tokens) and k == word and _value(tokens[-1].text)  # "120次118次天气原因…": a value
        if runs_on and unit == SCORE_UNIT and _closes_before(chars, word, k):
            stop = match.start("unit")  # "资金分配8分配办法", "…资料。3分配结果": a weight or score, then a name
        elif runs_on and not match.group("qualifier") and not after_value:
            k = stop
            continue
        if runs_on and after_value and _unit_of(tokens[-1].text) != unit:
            stop = match.start("unit")  # "11次9天气原因": a score, then words; an actual keeps its target's unit
        if k > word:
            tokens.append(text.token(word, k))
        pair = score_pair(chars[k:stop]) if len(tokens) >= 2 and all(_value(t.text) for t in tokens[-2:]) else None
        if pair is not None:  # "…96%109": after a target and an actual, a weight and a score run together
            tokens += [text.token(k, k + len(pair[0])), text.token(k + len(pair[0]), stop)]
        else:
            tokens.append(text.token(k, stop))
        k = word = stop
    if word < end:
        tokens.append(text.token(word, end))
    return tokens[1:] if before is not None else tokens


def _unit_of(value: str) -> str | None:
    match = _VALUE.fullmatch(value)
    return match.group("unit") if match else None


def score_pair(digits: str) -> tuple[str, str] | None:
    """A weight and a score written together ("109": 10 and 9, "10097": 100 and 97): a bare number no score can be
    (above 100) that splits one way only into a weight of at most 100 and a score not above it."""
    if not _BARE_NUMBER.fullmatch(digits) or float(digits) <= _MAX_SCORE:
        return None
    pairs = [(digits[:n], digits[n:]) for n in range(1, len(digits))
             if _BARE_NUMBER.fullmatch(digits[:n]) and _BARE_NUMBER.fullmatch(digits[n:])
             and float(digits[n:]) <= float(digits[:n]) <= _MAX_SCORE]  # fmt: skip
    return pairs[0] if len(pairs) == 1 else None
