"""Cell-level rules for indicator rows: comparator, target and unit, numbers, indicator levels.

In: cell texts as written. Out: the indicator's normalized cell values. Shared by the row parsers for
tab-separated tables and for forms torn into one cell per line.
"""

from __future__ import annotations

import re

from extractor.vocabulary import LEVEL1_INDICATORS, LEVEL2_INDICATORS

_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_SCORE_SUFFIX = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分?\s*[）)]?\s*$")  # "(50分)", or cut: "(50)", "(50"
# Comparator written as a sign or as words at the start of a target.
_COMPARATOR_WORDS: tuple[tuple[str, str], ...] = (
    (">=", "≥"), ("<=", "≤"), ("≥", "≥"), ("≤", "≤"), ("≠", "≠"), ("=", "="), (">", ">"), ("<", "<"),
    ("不低于", "≥"), ("不少于", "≥"), ("不小于", "≥"), ("大于等于", "≥"), ("不高于", "≤"), ("不超过", "≤"),
    ("不大于", "≤"), ("小于等于", "≤"), ("大于", ">"), ("高于", ">"), ("超过", ">"), ("小于", "<"), ("低于", "<"),
    ("等于", "="),
)  # fmt: skip
COMPARATOR_START = re.compile("|".join(re.escape(word) for word, _ in _COMPARATOR_WORDS))
_QUANTITY = re.compile(r"^(-?\d+(?:\.\d+)?)\s*([^\d\s.,，。;；:：()（）]{1,6})?$")


def is_number(text: str) -> bool:
    return bool(_NUMBER.match(text.strip()))


def number(text: str | None) -> float | None:
    if text is None:
        return None
    cleaned = text.strip().rstrip("%").replace("分", "").strip()
    return float(cleaned) if _NUMBER.match(cleaned) else None


_NUMBERING = re.compile(r"^\s*指标\s*\d+\s*[:：]\s*")


def indicator_name(text: str) -> str:
    """An indicator's name without the "指标 3:" numbering some tables put before it."""
    return _NUMBERING.sub("", squeeze(text))


def squeeze(text: str) -> str:
    """Cell text with extraction spaces removed between CJK characters (kept between Latin/digits)."""
    text = text.strip()
    return re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", text)


def split_comparator(text: str) -> tuple[str | None, str]:
    """'≥95%' -> ('≥', '95%'); '不低于90%' -> ('≥', '90%'). A word comparator before words, not a number
    ("不超过预算费用（79.76万元）"), is part of a qualitative target and stays."""
    text = text.strip()
    for word, sign in _COMPARATOR_WORDS:
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


# words that make "3次及以上", "1小时内", "2个人工", "2023年底" a phrase to keep whole, not a number and a unit
_QUALIFIERS = ("以上", "以下", "以内", "及", "左右", "全年", "底", "内", "前", "后", "人工")


def _is_unit(number: str, unit: str) -> bool:
    if any(word in unit for word in _QUALIFIERS):
        return False
    return not (len(number) == 4 and number.startswith(("19", "20")) and unit.startswith("年"))  # a year


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
_LEVEL2_ENDINGS: tuple[str, ...] = tuple(sorted({label[-4:] for label in LEVEL2_INDICATORS} | {"影响指标", "发展指标"}))


def level_of(cell: str) -> tuple[int, str] | None:
    """(level, name) when a cell names an indicator level: 1, 2, or 0 when it may be either."""
    name = _SCORE_SUFFIX.sub("", squeeze(cell).replace(" ", ""))
    if name in ("一级指标", "二级指标", "三级指标", "绩效指标", "年度绩效指标"):
        return None
    if name in LEVEL1_INDICATORS:
        return (0 if name in LEVEL2_INDICATORS else 1), name
    if name in LEVEL2_INDICATORS:
        return 2, name
    if name.endswith("效益") and 4 <= len(name) <= 8:
        return 2, name
    if name.endswith(_LEVEL2_ENDINGS) and 4 <= len(name) <= 16 and not any(ch.isdigit() for ch in name):
        return 2, name
    return None


def target_cells(raw: str) -> tuple[str | None, str | None, str | None]:
    """(comparator, target, unit) from a 指标值 cell as written."""
    comparator, rest = split_comparator(squeeze(raw))
    target, unit = split_unit(rest)
    return comparator, target or None, unit
