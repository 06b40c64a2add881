"""Cell-level rules for indicator rows: comparator, target and unit, numbers, indicator levels.

In: cell texts as written. Out: the indicator's normalized cell values. Shared by the row parsers for
tab-separated tables and for forms torn into one cell per line.
"""

from __future__ import annotations

import re

from extractor.tables.kinds import level_of, squeeze

__all__ = ["level_of", "squeeze"]  # re-exported: the indicator rules and the form rules read them from here
from extractor.vocabulary import (
    COMPARATOR_WORDS,
    INDICATOR_GLUED_WEIGHT,
    INDICATOR_MARK,
    INDICATOR_NAME_HINT,
    INDICATOR_NUMBERING,
    ITEM_ENUMERATOR,
    LEVEL_SCORE_SUFFIX,
    QUANTITY_QUALIFIERS,
    SCORE_UNIT,
    YEAR_WORD,
)

_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_QUANTITY = re.compile(r"^(-?\d+(?:\.\d+)?)\s*([^\d\s.,，。;；:：()（）]{1,6})?$")


def is_number(text: str) -> bool:
    return bool(_NUMBER.match(text.strip()))


def number(text: str | None) -> float | None:
    if text is None:
        return None
    cleaned = text.strip().rstrip("%").replace(SCORE_UNIT, "").strip()
    return float(cleaned) if _NUMBER.match(cleaned) else None


def indicator_name(text: str) -> str:
    """An indicator's name without the "指标 3:" or "2." numbering tables put before it or a core indicator's mark
    ("★"), and without the weight a scoring table writes after it ("组织管理(6分)": `glued_weight`)."""
    name = INDICATOR_MARK.sub("", squeeze(text))
    name = ITEM_ENUMERATOR.sub("", INDICATOR_NUMBERING.sub("", INDICATOR_NAME_HINT.sub("", name)))
    name = _TRAILING_ELLIPSIS.sub("", name) or name  # a template's "……" row glued after the name
    return LEVEL_SCORE_SUFFIX.sub("", name).strip() if _GLUED_WEIGHT.search(name) else name


_GLUED_WEIGHT = INDICATOR_GLUED_WEIGHT
_TRAILING_ELLIPSIS = re.compile(r"\s*(?:…|\.{3,}|。{3,})+$")


def glued_weight(text: str) -> float | None:
    """The weight a scoring table writes after an indicator's name ("资金落实(10分)"), or None."""
    match = _GLUED_WEIGHT.search(squeeze(text))
    return float(match.group(1)) if match else None


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
def target_cells(raw: str) -> tuple[str | None, str | None, str | None]:
    """(comparator, target, unit) from a 指标值 cell as written."""
    comparator, rest = split_comparator(squeeze(raw))
    target, unit = split_unit(rest)
    return comparator, target or None, unit
