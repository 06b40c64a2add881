"""Label patterns built from the figure catalog: one regex that finds any catalog label in text.

Labels are compared loosely: quotes, 、 and spaces between characters are optional, and full- and
half-width parentheses are the same, so "三公”经费", "“三公”经费" and "三公经费" all match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schemas.catalog import COUNT_KEYS, FIGURE_KEYS, SUBJECT_KEYS

_OPTIONAL_BETWEEN = r"[“”\"、\s]?"
_SPECIAL = {"（": "[（(]", "(": "[（(]", "）": "[）)]", ")": "[）)]"}
_GENERIC = {"货物", "工程", "服务", "车辆", "公务用车", "绩效目标", "事前绩效评估", "绩效监控", "绩效自评"}

# Extra wordings seen in reports for catalog figures, beyond the catalog's own labels.
EXTRA_LABELS: dict[str, tuple[str, ...]] = {
    "gpb_expenditure": ("财政拨款支出", "一般公共预算支出"),
    "vehicle_total": ("公务用车购置费及运行维护费", "公务用车购置及运维费"),
    "grand_total_revenue": ("收入总计",),
    "expenditure_current_year": ("支出合计",),
    "procurement_total": ("政府采购金额",),
}

# Sub-labels valid only right after their parent figure, e.g. "其中：货物x万元、工程y万元".
SUB_LABELS: dict[str, dict[str, str]] = {
    "procurement_total": {"货物": "procurement_goods", "工程": "procurement_works", "服务": "procurement_services"},
}


def _pattern(label: str) -> str:
    chars = [c for c in label if c not in "“”\"、 "]
    return _OPTIONAL_BETWEEN.join(_SPECIAL.get(c, re.escape(c)) for c in chars)


@dataclass(frozen=True)
class LabelMatch:
    start: int
    end: int
    keys: tuple[str, ...]
    label: str


def _label_table() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for key, labels in list(FIGURE_KEYS.items()) + list(EXTRA_LABELS.items()):
        if key in COUNT_KEYS or key in SUBJECT_KEYS:
            continue
        for label in labels:
            if label in _GENERIC:
                continue
            norm = "".join(c for c in label if c not in "“”\"、 ")
            table.setdefault(norm, [])
            if key not in table[norm]:
                table[norm].append(key)
    return {label: tuple(keys) for label, keys in table.items()}


LABELS = _label_table()
_ORDERED = sorted(LABELS, key=len, reverse=True)
# A label read after one of these qualifiers names another budget's figure, not the catalog's.
_NOT_AFTER = "".join(f"(?<!{q})" for q in ("政府性基金预算", "国有资本经营预算", "非", "基金预算", "经营预算"))
LABEL_RE = re.compile(_NOT_AFTER + "(?:" + "|".join(f"(?P<l{i}>{_pattern(label)})" for i, label in enumerate(_ORDERED)) + ")")


def find_labels(text: str) -> list[LabelMatch]:
    found = []
    for match in LABEL_RE.finditer(text):
        label = _ORDERED[int(match.lastgroup[1:])]  # type: ignore[index]
        found.append(LabelMatch(match.start(), match.end(), LABELS[label], label))
    return found
