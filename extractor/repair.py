"""Stage `normalize`, first step: character repairs of what web pages, converters and OCR do to text.

In: the decoded source text. Out: `Repaired`, the repaired text and, for every character of it, the offset
of the input character it came from (one extra entry at the end). Every repair either puts one character
in the place of one (`substitute`: look-alike glyphs, odd spaces, full-width digits and letters, traditional
script to simplified, OCR letters inside numbers, the budget terms of a text run through a synonym spinner) or deletes characters (`dropped_spans`: zero-width
characters, pinyin glosses after characters, comments, scripts and styles of web pages, a table's box-drawn rule lines,
spaces inside numbers). So the map is exact and strictly increasing, and `normalize` composes it with its own. `ground.fold` applies the same repairs, so a quote
copied from a traditional or damaged source is compared as the normalized text reads it.

Simplified text with none of these artifacts goes through a handful of C-level scans and is returned as is.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from extractor.vocabulary import OCR_LOOKALIKE_WORDS, SPUN_MIN, SPUN_WORDS, UNITS

if TYPE_CHECKING:
    import opencc

# One character for one: look-alike glyphs, odd spaces, full-width digits, letters and operators.
GLYPHS: dict[str, str] = {
    "≧": "≥", "⩾": "≥", "≦": "≤", "⩽": "≤", "═": "=", "＝": "=", "﹦": "=", "﹤": "<", "﹥": ">", "＜": "<",
    "＞": ">", "−": "-", "﹣": "-", "﹪": "%", "٪": "%", "％": "%",
    "\u00a0": " ", "\u2007": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u205f": " ",
    "\u2000": " ", "\u2001": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ",
}  # fmt: skip
GLYPHS.update({chr(0xFF10 + k): str(k) for k in range(10)})  # full-width digits
GLYPHS.update({chr(0xFF21 + k): chr(0x41 + k) for k in range(26)})  # full-width capitals
GLYPHS.update({chr(0xFF41 + k): chr(0x61 + k) for k in range(26)})  # full-width small letters
# A converter's table drawn with box-drawing characters: a vertical bar is a cell's edge, as "|" is; a line drawn of
# rules and corners alone ("├────┼────┤", "┏━━━┳━━━┓") is no text and goes with its line break (`rule_lines`).
BOX_BARS = "│┃┆┇┊┋║╎╏"
GLYPHS.update(dict.fromkeys(BOX_BARS, "|"))
_BOX = "\u2500-\u257f"  # the box-drawing block
_BOX_CHAR = re.compile(f"[{_BOX}]")
_RULE_LINE = re.compile(f"^[ \\t]*[{_BOX}][{_BOX}|= \\t]*(?:\\n|\\Z)", re.MULTILINE)
_GLYPH_TABLE = str.maketrans(GLYPHS)
_GLYPH_CHARS = re.compile("[" + re.escape("".join(GLYPHS)) + "]")

# Letters OCR reads for digits, and the digit each stands for, inside a number ("2O23", "1l5.3", "1O%"): a run of
# digits and such letters that starts with a digit and ends with one (or before "%"), next to no other letter.
OCR_DIGITS: dict[str, str] = {"O": "0", "o": "0", "\u3007": "0", "I": "1", "l": "1"}
_OCR_LETTER = re.compile(r"[OoIl\u3007](?:[0-9]|(?<=[0-9][OoIl\u3007]))")  # a cheap first look
_OCR_RUN = re.compile(
    r"(?<![A-Za-z0-9_])[0-9][0-9.OoIl\u3007]*[OoIl\u3007][0-9.OoIl\u3007]*"
    r"(?:(?<=[0-9])(?![A-Za-z0-9_])|(?<=[OoIl\u3007])(?=[%‰]))"  # ends in a digit, or before a percent sign
)

# Such letters alone between CJK characters, two or three of them ("…2370人IO指标…": a score of 10 glued between
# a unit and the next label in OCR'd text): no word of a report is written so.
# An O (or 〇) among them: a run of I alone is a Roman numeral ("II类水质").
_OCR_ALONE = re.compile(r"(?<=[\u4e00-\u9fff])(?=[Il]{0,2}[O\u3007])[OIl\u3007]{2,3}(?=[\u4e00-\u9fff])")

# Words OCR misreads by a look-alike character ("顼目" for 项目), each for a word of the same length.
_OCR_WORD = re.compile("|".join(re.escape(word) for word in OCR_LOOKALIKE_WORDS))

# Budget terms a synonym spinner wrote by their synonyms, each for the term (same length), in a text that holds several.
_SPUN = re.compile("|".join(re.escape(word) for word in SPUN_WORDS))

# Characters that are no text: zero-width spaces and joiners, the byte-order mark, soft hyphens.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{INVISIBLE}]+")

# A pinyin gloss written after characters: "(jì)", "（zhī chū）", "(zhi1 chu1)".
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYLLABLE = rf"[a-zü{_TONED}]{{1,6}}[1-5]?"
_GLOSS_OPEN = re.compile(rf"[(\uff08] ?[a-zü{_TONED}]")
_GLOSS = re.compile(rf"[(\uff08] ?({_SYLLABLE}(?:[ '\u2019-]{_SYLLABLE}){{0,7}}) ?[)\uff09]")
_TONE_MARKED = re.compile(rf"[{_TONED}]")
_TONE_NUMBERED = re.compile(r"^(?:[a-zü]+[1-5][ '\u2019-]?)+$")
# Markup whose contents are no report text: comments, scripts, styles, ruby annotations (pinyin over characters).
_HIDDEN_MARKUP = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style|rt|rp)\b[^<>]*>.*?(?:</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL)
_HIDDEN_TAG = re.compile(r"<(?:!--|(?i:script|style|rt|rp)\b)")  # a cheap first look
_HAN = re.compile(r"[\u3400-\u9fff]")

# Spaces inside numbers: before a percent sign or a unit, and between digit groups ("1 234.56").
_UNIT_WORDS = sorted((u for u in UNITS if u != "%"), key=len, reverse=True)
_UNIT = "(?:" + "|".join(map(re.escape, _UNIT_WORDS)) + ")"
_SPACE_BEFORE_UNIT = re.compile(rf"[0-9](?P<space> {{1,2}}(?=[%‰])| (?={_UNIT}))")
_THIN_SPACES = ("\u2009", "\u202f")
_THIN_GROUP = re.compile(r"(?<=\d)[\u2009\u202f](?=\d{3}(?!\d))")
_SPACED_GROUPS = re.compile(r"(?: [0-9]{3})+\.[0-9]+")  # the groups after the first, up to the decimals
_AFTER_GROUPS = re.compile(rf" ?(?:%|{_UNIT})")


@dataclass(frozen=True)
class Repaired:
    """Repaired text and `index[i]`, the input offset of `text[i]` (one extra entry at the end); `index` is
    None when no character was deleted (then offsets are unchanged)."""

    text: str
    index: array[int] | None  # array("q"): 8 bytes a character, no int object per character


def repair(text: str) -> Repaired:
    """All repairs: `substitute` one character for one, then delete the `dropped_spans`."""
    substituted = substitute(text)
    spans = dropped_spans(text, substituted)
    if not spans:
        return Repaired(substituted, None)
    pieces: list[str] = []
    index: array[int] = array("q")
    at = 0
    for start, end in spans:
        pieces.append(substituted[at:start])
        index.extend(range(at, start))
        at = end
    pieces.append(substituted[at:])
    index.extend(range(at, len(text) + 1))
    return Repaired("".join(pieces), index)


def substitute(text: str) -> str:
    """The text with one character put for one: glyphs, odd spaces, traditional script, OCR letters in numbers, the
    budget terms of a spun text."""
    if not _script().suspect.search(text):
        return text
    if _GLYPH_CHARS.search(text):
        text = text.translate(_GLYPH_TABLE)
    if is_traditional(text):
        text = to_simplified(text)
    if _OCR_LETTER.search(text):
        text = _OCR_RUN.sub(_digits, text)
    if _OCR_ALONE.search(text):
        text = _OCR_ALONE.sub(_digits, text)
    if _OCR_WORD.search(text):
        text = _OCR_WORD.sub(lambda m: OCR_LOOKALIKE_WORDS[m.group()], text)
    if len(set(_SPUN.findall(text))) >= SPUN_MIN:
        text = _SPUN.sub(lambda m: SPUN_WORDS[m.group()], text)
    return text


def dropped_spans(original: str, substituted: str) -> list[tuple[int, int]]:
    """Sorted, disjoint [start, end) spans to delete: `hidden_spans` and `number_spaces`. `substituted` is
    `substitute(original)`: positions are the same in both."""
    spans = hidden_spans(substituted) + number_spaces(original, substituted)
    if len(spans) < 2:
        return spans
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def hidden_spans(text: str) -> list[tuple[int, int]]:
    """Spans of characters that are no text: invisible characters, pinyin glosses after characters, and the
    comments, scripts and styles of a web page (with their tags)."""
    spans = [m.span() for m in _INVISIBLE.finditer(text)] + rule_lines(text)
    if _HIDDEN_TAG.search(text):
        spans += [m.span() for m in _HIDDEN_MARKUP.finditer(text)]
    for opening in _GLOSS_OPEN.finditer(text):
        at = opening.start()
        gloss = _GLOSS.match(text, at) if at and _HAN.match(text, at - 1) else None
        if gloss and _is_pinyin(gloss.group(1)):
            spans.append(gloss.span())
    return spans


def rule_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines a converter drew of box-drawing rules and corners alone, each with its line break (the bars
    on them already made "|" by `substitute`, or not yet: both are read)."""
    if not _BOX_CHAR.search(text):
        return []
    return [m.span() for m in _RULE_LINE.finditer(text) if m.end() > m.start()]


def number_spaces(original: str, substituted: str) -> list[tuple[int, int]]:
    """Spans of spaces inside numbers: before "%" or a unit, thin spaces between digit groups, and ordinary
    spaces between the groups of a number with decimals that stands alone (`_stands_alone`)."""
    spans = [m.span("space") for m in _SPACE_BEFORE_UNIT.finditer(substituted)]
    if any(thin in original for thin in _THIN_SPACES):
        spans += [m.span() for m in _THIN_GROUP.finditer(original)]
    for match in _SPACED_GROUPS.finditer(substituted):
        for at in range(match.start(), match.end() - 4, 4):  # the number may start at any group: " 100 100.00"
            start = _first_group(substituted, at)
            if start is not None and _stands_alone(substituted, start, match.end()):
                spans += [(k, k + 1) for k in range(at, match.end()) if substituted[k] == " "]
                break
    return spans


def _first_group(text: str, at: int) -> int | None:
    """Where the first group of a space-grouped number ends at `at` starts: 1-3 digits after no digit, "." or ","."""
    start = at
    while start > 0 and at - start < 4 and text[start - 1].isascii() and text[start - 1].isdigit():
        start -= 1
    if not 1 <= at - start <= 3 or (start > 0 and text[start - 1] in ".,0123456789"):
        return None
    return start


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether space-grouped digits are one number: a unit follows, or they fill their cell or line."""
    if _AFTER_GROUPS.match(text, end):
        return True
    return (start == 0 or text[start - 1] in "\t\n\r") and (end == len(text) or text[end] in "\t\n\r")


def _is_pinyin(gloss: str) -> bool:
    return bool(_TONE_MARKED.search(gloss) or _TONE_NUMBERED.match(gloss))


def _digits(match: re.Match[str]) -> str:
    run = match.group()
    if run.count(".") > 1:
        return run  # a date or a version, not a number
    return "".join(OCR_DIGITS.get(ch, ch) for ch in run)


@dataclass(frozen=True)
class _Script:
    characters: dict[str, str]  # traditional character → simplified, one for one
    traditional: re.Pattern[str]
    suspect: re.Pattern[str]  # any character that `substitute` may change
    artifact: re.Pattern[str]  # any character that `substitute` may change or that may start a hidden span


@cache
def _script() -> _Script:
    """Character-level traditional → simplified table, read once from OpenCC's own conversion."""
    import opencc

    chars = [chr(c) for c in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000), *range(0xF900, 0xFB00))]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    table = {a: b for a, b in zip(chars, converted, strict=True) if a != b and len(b) == 1}
    suspect = "".join(table) + "".join(GLYPHS) + "".join(OCR_DIGITS) + "".join(w[0] for w in OCR_LOOKALIKE_WORDS)
    suspect += "".join(w[0] for w in SPUN_WORDS)
    artifact = suspect + INVISIBLE + "(\uff08<" + "".join(map(chr, range(0x2500, 0x2580)))
    return _Script(
        table,
        re.compile("[" + "".join(table) + "]"),
        re.compile("[" + re.escape(suspect) + "]"),
        re.compile("[" + re.escape(artifact) + "]"),
    )


def has_artifacts(text: str) -> bool:
    """Whether `substitute` or `hidden_spans` may find anything in the text (one scan; False: nothing to repair
    but spaces inside numbers)."""
    return _script().artifact.search(text) is not None


@cache
def _converter() -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC("t2s")


def is_traditional(text: str) -> bool:
    """Whether the text holds any character that OpenCC writes otherwise in simplified script."""
    return _script().traditional.search(text) is not None


def to_simplified(text: str) -> str:
    """Traditional → simplified, one character for one: OpenCC's phrase-aware conversion line by line where it
    keeps every position, character by character where a phrase would change the length."""
    table = _script().characters
    converted = _converter().convert(text)
    if len(converted) == len(text) and _aligned(text, converted, table):
        return converted
    lines = text.split("\n")
    out = []
    for line in lines:
        phrase = _converter().convert(line)
        if len(phrase) == len(line) and _aligned(line, phrase, table):
            out.append(phrase)
        else:
            out.append("".join(table.get(ch, ch) for ch in line))
    return "\n".join(out)


def _aligned(before: str, after: str, table: dict[str, str]) -> bool:
    """Every changed position changed a character that the table converts (so positions line up)."""
    return all(a == b or a in table for a, b in zip(before, after, strict=True))


def thousands_separator(text: str, k: int) -> bool:
    """Whether the comma at `k` groups thousands: exactly three digits follow it (then no digit), and the digits
    before it are a whole number's first group (one to three digits) or a group after another separator (three):
    "1,234.5" and "25,754,899.39" group; "12.30,45.60", "1234.56,1300.12" and "1234,567" are two numbers
    ("收、支总计分别为…"). At the start of `text` the digits before it may stand in the text before."""
    after = text[k + 1 : k + 5]
    if len(after) < 3 or not after[:3].isdigit() or (len(after) > 3 and after[3].isdigit()):
        return False
    j = k - 1
    while j >= 0 and text[j].isdigit():
        j -= 1
    digits = k - 1 - j
    if j < 0:
        return digits <= 3
    if text[j] in ".．":
        return False
    return digits == 3 if text[j] in ",，" else 1 <= digits <= 3
