"""How eval compares one gold value with one predicted value (eval/README.md, "Comparing values").

In: values as they stand in gold and predicted records (numbers, cell text, subjects, prose).
Out: normalized forms and equality verdicts; the character-level ROUGE-L F1 of two texts.
Text is folded as the `ground` stage folds it: whitespace and HTML tags removed, full/half width
unified, thousands separators dropped.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from extractor.ground import fold
from schemas.catalog import MONEY_UNITS

MONEY_TOLERANCE = 0.01  # 万元: the rounding DESIGN §6 allows for amounts
NUMBER_TOLERANCE = 1e-6  # weights, scores, rates and numbers written in cells must be equal
RIGHT_ROUGE = 0.8  # a predicted text is right when its ROUGE-L F1 against gold reaches this
NAME_MATCH = 0.8  # projects and indicator rows pair when their folded names are this similar

_LEVEL_SUFFIX = re.compile(r"\((?:类|款|项)\)$")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
# Comparators written as words or ASCII, to the signs of schemas.catalog.COMPARATORS.
_COMPARATOR_WORDS = (
    ("大于等于", "≥"),
    ("不低于", "≥"),
    ("不少于", "≥"),
    (">=", "≥"),
    ("≧", "≥"),
    ("小于等于", "≤"),
    ("不高于", "≤"),
    ("不超过", "≤"),
    ("不多于", "≤"),
    ("<=", "≤"),
    ("≦", "≤"),
    ("大于", ">"),
    ("小于", "<"),
    ("等于", "="),
)


def fold_text(text: str | None) -> str | None:
    """Text as compared; None for None and for text that folds to nothing."""
    if text is None:
        return None
    folded = fold(text)[0]
    return folded or None


def normalize_subject(subject: str | None) -> str | None:
    """A figure subject as compared: folded, a trailing （类）/（款）/（项） removed."""
    folded = fold_text(subject)
    if folded is None:
        return None
    return _LEVEL_SUFFIX.sub("", folded) or None


def normalize_comparator(text: str | None) -> str | None:
    folded = fold_text(text)
    if folded is None:
        return None
    for words, sign in _COMPARATOR_WORDS:
        if folded == words:
            return sign
    return folded


def to_wan(value: float, unit: str | None) -> tuple[float, bool]:
    """(value in 万元, True) for a money unit (元/万元/亿元); (value, False) for any other unit."""
    if unit is not None and unit.strip() in MONEY_UNITS:
        return value * MONEY_UNITS[unit.strip()], True
    return value, False


def figure_values_close(gold: float, gold_unit: str | None, pred: float, pred_unit: str | None) -> bool:
    """Whether two figure values agree: within 0.01 万元 for money, equal otherwise."""
    g, g_money = to_wan(gold, gold_unit)
    p, p_money = to_wan(pred, pred_unit)
    if g_money != p_money:
        return False
    return abs(g - p) <= (MONEY_TOLERANCE if g_money else NUMBER_TOLERANCE) + 1e-9


def parse_number(text: str | float | None) -> float | None:
    """The number a cell states, if the whole cell is one number (a trailing % allowed)."""
    if text is None:
        return None
    if isinstance(text, int | float):
        return float(text)
    folded = fold_text(text)
    if folded is None:
        return None
    folded = folded.removesuffix("%")
    return float(folded) if _NUMBER.fullmatch(folded) else None


def cells_equal(gold: str | float | None, pred: str | float | None, *, tolerance: float = NUMBER_TOLERANCE) -> bool:
    """Whether two cells agree: equal numbers when both parse as one, else equal folded text."""
    if gold is None or pred is None:
        return gold is None and pred is None
    g, p = parse_number(gold), parse_number(pred)
    if g is not None and p is not None:
        return abs(g - p) <= tolerance + 1e-9
    return fold_text(str(gold)) == fold_text(str(pred))


def comparators_equal(gold: str | None, pred: str | None) -> bool:
    return normalize_comparator(gold) == normalize_comparator(pred)


def name_similarity(gold: str | None, pred: str | None) -> float:
    """Similarity in [0, 1] of two folded names (rapidfuzz normalized Indel similarity)."""
    a, b = fold_text(gold) or "", fold_text(pred) or ""
    if not a and not b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def rouge_l(gold: str | None, pred: str | None) -> float:
    """Character-level ROUGE-L F1 of two texts after folding: 2·LCS / (len(gold) + len(pred))."""
    a, b = fold_text(gold) or "", fold_text(pred) or ""
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return 2.0 * LCSseq.similarity(a, b) / (len(a) + len(b))
