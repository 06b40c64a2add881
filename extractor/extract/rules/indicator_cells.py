"""Cell-level rules for indicator rows: comparator, target and unit, numbers, indicator levels.

In: cell texts as written. Out: the indicator's normalized cell values. Shared by the row parsers for
tab-separated tables and for forms torn into one cell per line.
"""

from __future__ import annotations

import re

from extractor.vocabulary import (
    BENEFIT_WORD,
    COMPARATOR_WORDS,
    INDICATOR_NUMBERING,
    LEVEL1_INDICATORS,
    LEVEL2_EXTRA_ENDINGS,
    LEVEL2_INDICATORS,
    LEVEL_HEADER_CELLS,
    LEVEL_SCORE_SUFFIX,
    QUANTITY_QUALIFIERS,
    SCORE_UNIT,
    YEAR_WORD,
)

_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_SPACE_NEXT_TO_CJK = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")
_QUANTITY = re.compile(r"^(-?\d+(?:\.\d+)?)\s*([^\d\s.,，。;；:：()（）]{1,6})?$")


def is_number(text: str) -> bool:
    return bool(_NUMBER.match(text.strip()))


def number(text: str | None) -> float | None:
    if text is None:
        return None
    cleaned = text.strip().rstrip("%").replace(SCORE_UNIT, "").strip()
    return float(cleaned) if _NUMBER.match(cleaned) else None


def indicator_name(text: str) -> str:
    """An indicator's name without the "指标 3:" numbering some tables put before it."""
    return INDICATOR_NUMBERING.sub("", squeeze(text))


def squeeze(text: str) -> str:
    """Cell text with extraction spaces removed between CJK characters (kept between Latin/digits)."""
    text = text.strip()
    return _SPACE_NEXT_TO_CJK.sub("", text)


def split_comparator(text: str) -> tuple[str | None, str]:
    """'≥95%' -> ('≥', '95%'); '不低于90%' -> ('≥', '90%'). A word comparator before words, not a number
    ("不超过预算费用（79.76万元）"), is part of a qualitative target and stays."""
    text = text.strip()
    for word, sign in COMPARATOR_WORDS:
        if text.startswith(word):
            rest = text[len(word) :].strip()
            if word[0] in "<>=≥≤≠" or not rest or rest[0].isdigit() or rest[0] in "-.":
                return sign, rest
            return None, text
    return None, text


def split_unit(text: str) -> tuple[str, str | None]:
    """'95%' -> ('95', '%'); '12 份' -> ('12', '份'); qualitative text stays whole."""
    match = _QUANTITY.match(text.strip())
    if match and match.group(2) and _is_unit(match.group(1), match.group(2)):
        return match.group(1), match.group(2)
    return text.strip(), None


def _is_unit(number: str, unit: str) -> bool:
    if any(word in unit for word in QUANTITY_QUALIFIERS):
        return False
    return not (len(number) == 4 and number.startswith(("19", "20")) and unit.startswith(YEAR_WORD))  # a year


def strip_unit(actual: str | None, unit: str | None) -> str | None:
    if actual is None:
        return None
    actual = actual.strip()
    if unit and actual.endswith(unit) and is_number(actual[: -len(unit)]):
        return actual[: -len(unit)].strip()
    if actual.endswith("%") and is_number(actual[:-1]) and unit in (None, "%"):
        return actual[:-1].strip()
    return actual or None


# how the names of second-level indicators end (数量指标, 社会效益指标, 生态环境成本指标, 服务对象满意度指标…)
_LEVEL2_ENDINGS: tuple[str, ...] = tuple(sorted({label[-4:] for label in LEVEL2_INDICATORS} | set(LEVEL2_EXTRA_ENDINGS)))


def level_of(cell: str) -> tuple[int, str] | None:
    """(level, name) when a cell names an indicator level: 1, 2, or 0 when it may be either."""
    name = LEVEL_SCORE_SUFFIX.sub("", squeeze(cell).replace(" ", ""))
    if name in LEVEL_HEADER_CELLS:
        return None
    if name in LEVEL1_INDICATORS:
        return (0 if name in LEVEL2_INDICATORS else 1), name
    if name in LEVEL2_INDICATORS:
        return 2, name
    if name.endswith(BENEFIT_WORD) and 4 <= len(name) <= 8:
        return 2, name
    if name.endswith(_LEVEL2_ENDINGS) and 4 <= len(name) <= 16 and not any(ch.isdigit() for ch in name):
        return 2, name
    return None


def target_cells(raw: str) -> tuple[str | None, str | None, str | None]:
    """(comparator, target, unit) from a 指标值 cell as written."""
    comparator, rest = split_comparator(squeeze(raw))
    target, unit = split_unit(rest)
    return comparator, target or None, unit
