"""Kinds of cell text: what a cell's words say it is, whatever column it stands in.

Stage: tables (used by the readers that must find a row's end themselves, and by the indicator rules). In: a
cell's text as written. Out: whether it names an indicator level (and which), is an amount, a score, a
comparator sign alone, a unit, or starts with a comparator. Words come from `extractor.vocabulary`.
"""

from __future__ import annotations

import re

from extractor.vocabulary import (
    ACHIEVEMENT_START,
    BENEFIT_WORD,
    COMPARATOR_START,
    CRITERIA_SCORE,
    ITEM_ENUMERATOR,
    LEVEL1_INDICATORS,
    LEVEL2_EXTRA_ENDINGS,
    LEVEL2_INDICATORS,
    LEVEL_HEADER_CELLS,
    LEVEL_SCORE_SUFFIX,
    LEVEL_TEMPLATE_ETC,
    PLACEHOLDER_CELL,
    QUALITATIVE_MARKS,
    QUALITATIVE_SCALE,
    SCORE_CELL,
    SCORE_UNIT,
    SCORING_COLUMN_LEVELS,
    SCORING_LEVEL1,
    SCORING_LEVEL2,
    SECTION_ENUMERATOR,
    UNITS,
)

_SPACE_NEXT_TO_CJK = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")
_LEVEL2_ENDINGS: tuple[str, ...] = tuple(sorted({label[-4:] for label in LEVEL2_INDICATORS} | set(LEVEL2_EXTRA_ENDINGS)))
_AMOUNT = re.compile(r"^(?:[-+]?\d+(?:\.\d+)?%?|[-—–/]+)$")
_DIGIT = re.compile(r"\d")
_MAX_SCORE = 100.0
_MAX_UNIT_CHARS = 5
_LONG_CELL_CHARS = 30
SENTENCE_STOP = "。"
_LEVEL_NAMES = frozenset((*LEVEL1_INDICATORS, *LEVEL2_INDICATORS))
_SHORT_UNIT_CHARS = 3
# how well a level cell known only by its group weight or section mark fits a level column: less than a known level
# name, less than the same text in the name column (an indicator's name may carry its weight too)
GROUP_FIT = 0.8
GROUP_FIT_OUTER = 0.75  # the same in a level-1 column: a lone level cell before a name is rather the nearer level
_MIN_CRITERIA_SCORES = 2  # scores for cases ("明确:3分") in a criteria cell at least
_MAX_GROUP_CHARS = 16  # characters of a level cell's name at most


def squeeze(text: str) -> str:
    """Cell text with extraction spaces removed between CJK characters (kept between Latin/digits)."""
    return _SPACE_NEXT_TO_CJK.sub("", text.strip())


def level_of(cell: str) -> tuple[int, str] | None:
    """(level, name) when a cell names an indicator level: 1, 2, or 0 when it may be either. The national form's
    levels (产出指标, 数量指标 …) and an evaluation framework's (项目决策, 资金管理 … in a scoring table), their group weight
    "(20分)" and a section's enumerator ("一、", "（一）") aside; a numbered cell ("8.经济效益(20分)") is an indicator,
    unless what follows its number is one of the national form's levels."""
    text = squeeze(cell).replace(" ", "")
    numbered = ITEM_ENUMERATOR.match(text)
    name = LEVEL_SCORE_SUFFIX.sub("", SECTION_ENUMERATOR.sub("", ITEM_ENUMERATOR.sub("", text)))
    if name in LEVEL_HEADER_CELLS:
        return None
    if name in LEVEL1_INDICATORS:
        return (0 if name in LEVEL2_INDICATORS else 1), name
    if name in LEVEL2_INDICATORS or name.removesuffix(LEVEL_TEMPLATE_ETC) in LEVEL2_INDICATORS:  # "服务对象满意度指标等"
        return 2, name
    if numbered:
        return None
    if name in SCORING_LEVEL1:
        return (0 if name in SCORING_LEVEL2 else 1), name
    if name in SCORING_LEVEL2:
        return 2, name
    if name.endswith(BENEFIT_WORD) and 4 <= len(name) <= 8:
        return 2, name
    if name.endswith(_LEVEL2_ENDINGS) and 4 <= len(name) <= 16 and not any(ch.isdigit() for ch in name):
        return 2, name
    return None


def group_of(cell: str) -> str | None:
    """The name of a level cell a scoring table writes with its group weight or as a section ("资金投入水平(20分)",
    "一、评价前期工作组情况"), whatever the framework calls it, or one of the framework's levels that only a level column
    tells from a piece of a torn name (满意度); None for other text. Only a level column's cells are
    read so: an indicator's name may carry its weight too."""
    text = squeeze(cell).replace(" ", "")
    if text in SCORING_COLUMN_LEVELS:
        return text
    section = SECTION_ENUMERATOR.match(text)
    weighted = LEVEL_SCORE_SUFFIX.search(text)
    name = LEVEL_SCORE_SUFFIX.sub("", SECTION_ENUMERATOR.sub("", text))
    if not (section or weighted) or not name or len(name) > _MAX_GROUP_CHARS or ITEM_ENUMERATOR.match(text):
        return None
    return None if any(ch.isdigit() for ch in name) or name.endswith(SENTENCE_STOP) else name


def is_amount(text: str) -> bool:
    """A number, a percentage or a dash (an amount column's cell)."""
    return bool(_AMOUNT.match(text.replace(" ", "")))


def is_score(text: str) -> bool:
    """A weight or score: a number of at most 100, "分" after it or not."""
    text = text.strip()
    return bool(SCORE_CELL.match(text)) and float(text.replace(SCORE_UNIT, "").strip()) <= _MAX_SCORE


def comparator_led(text: str) -> bool:
    """Text that opens with a comparator, a sign or words ("≥95%", "不低于90%")."""
    return bool(COMPARATOR_START.match(text.strip()))


def is_mark(text: str) -> bool:
    """A 指标性质 cell: a comparator alone ("≥", "不低于") or 定性/定量."""
    text = text.strip()
    match = COMPARATOR_START.match(text)
    return (match is not None and match.end() == len(text)) or text in QUALITATIVE_MARKS


def is_unit(text: str) -> bool:
    """A 度量单位 cell: a few characters, no digit, no level name."""
    text = text.strip()
    return 0 < len(text) <= _MAX_UNIT_CHARS and not _DIGIT.search(text) and level_of(text) is None


def unit_fit(text: str) -> float:
    """How sure a cell is a unit: a known unit or a word of three characters at most; a longer short word (a
    qualitative value such as 有效提升 stands where units do) less."""
    text = text.strip()
    if not is_unit(text) or text in QUALITATIVE_SCALE or ACHIEVEMENT_START.match(text):  # ("较高", "已建立": values)
        return -2.0
    return 1.0 if text in UNITS or len(text) <= _SHORT_UNIT_CHARS else 0.3


def has_digit(text: str) -> bool:
    return bool(_DIGIT.search(text))


def is_sentence(text: str) -> bool:
    """A sentence rather than a name: it ends with a full stop or runs long."""
    text = text.strip()
    return text.endswith(SENTENCE_STOP) or len(text) > _LONG_CELL_CHARS


def is_criteria(text: str) -> bool:
    """How a scoring table scores an indicator ("明确:3分;基本明确:1.5分;不明确:0分"): scores given for cases, never a
    name."""
    return len(CRITERIA_SCORE.findall(text)) >= _MIN_CRITERIA_SCORES


def is_placeholder(text: str) -> bool:
    """A template's placeholder ("指标2", "……"): no value."""
    return bool(PLACEHOLDER_CELL.match(text.strip()))


def level_piece(first: str, second: str) -> str | None:
    """The level name two cells spell together when the first is not one by itself ("经济效益" + "指标")."""
    joined = squeeze(first) + squeeze(second)
    name = LEVEL_SCORE_SUFFIX.sub("", joined)
    if squeeze(first) in _LEVEL_NAMES or name not in _LEVEL_NAMES:
        return None
    return joined
