"""Label patterns built from the figure catalog: one regex that finds any catalog label in text.

In: text. Out: the catalog labels it names, with their keys. The wordings are the catalog's own labels
(`schemas.catalog.FIGURE_KEYS`) and the statement grammar's (`extractor.vocabulary.STATEMENT_LABELS`);
labels are compared loosely (`LABEL_OPTIONAL_CHARS`), so "三公”经费", "“三公”经费" and "三公经费" all match.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from extractor.vocabulary import (
    GENERIC_LABELS,
    LABEL_EQUIVALENT_CHARS,
    LABEL_OPTIONAL_CHARS,
    LABEL_QUALIFIER,
    OTHER_BUDGET_QUALIFIERS,
    SECTION_LABELS,
    STATEMENT_LABELS,
    SUB_LABELS,
)
from schemas.catalog import COUNT_KEYS, FIGURE_KEYS, SUBJECT_KEYS

__all__ = ["LABELS", "LABEL_RE", "SUB_LABELS", "LabelMatch", "find_labels", "find_labels_across", "label_pattern"]

# up to two: a closing quote and the space a PDF's text puts after it ("“三公” 经费")
_OPTIONAL_BETWEEN = "[" + re.escape(LABEL_OPTIONAL_CHARS) + r"\s]{0,2}"


def label_pattern(label: str) -> str:
    """The loose regex of one label: optional quotes and separators between characters, either parenthesis."""
    chars = [c for c in label if c not in LABEL_OPTIONAL_CHARS]
    return _OPTIONAL_BETWEEN.join(LABEL_EQUIVALENT_CHARS.get(c, re.escape(c)) for c in chars)


def _normal(label: str) -> str:
    return "".join(c for c in label if c not in LABEL_OPTIONAL_CHARS)


@dataclass(frozen=True)
class LabelMatch:
    start: int
    end: int
    keys: tuple[str, ...]
    label: str


def _label_table(wordings: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for key, labels in FIGURE_KEYS.items():
        if key in COUNT_KEYS or key in SUBJECT_KEYS:
            continue
        for label in labels:
            if label not in GENERIC_LABELS:
                table.setdefault(_normal(label), [])
                if key not in table[_normal(label)]:
                    table[_normal(label)].append(key)
    for label, keys in wordings.items():
        entry = table.setdefault(_normal(label), [])
        entry.extend(k for k in keys if k not in entry)
    return {label: tuple(keys) for label, keys in table.items()}


# A label read after one of these qualifiers names another budget's figure, not the catalog's.
_NOT_AFTER = "".join(f"(?<!{re.escape(q)})" for q in OTHER_BUDGET_QUALIFIERS)


class _Finder:
    """One compiled alternation of labels, longest first."""

    def __init__(self, table: dict[str, tuple[str, ...]]) -> None:
        self.table = table
        self.ordered = sorted(table, key=len, reverse=True)
        alternation = "|".join(f"(?P<l{i}>{label_pattern(label)})" for i, label in enumerate(self.ordered))
        self.regex = re.compile(_NOT_AFTER + "(?:" + alternation + ")")

    def find(self, text: str) -> list[LabelMatch]:
        found = []
        for match in self.regex.finditer(text):
            label = self.ordered[int(match.lastgroup[1:])]  # type: ignore[index]
            found.append(LabelMatch(match.start(), match.end(), self.table[label], label))
        return found


LABELS = _label_table(STATEMENT_LABELS)
_FINDER = _Finder(LABELS)
LABEL_RE = _FINDER.regex
# Per section heading word: the finder with that section's extra wordings.
_SECTION_FINDERS: tuple[tuple[str, _Finder], ...] = tuple(
    (heading, _Finder(_label_table({**STATEMENT_LABELS, **extra}))) for heading, extra in SECTION_LABELS
)


def find_labels(text: str, section: str = "") -> list[LabelMatch]:
    """Catalog labels in `text`; `section` (the heading trail) adds the wordings valid in that section."""
    for heading, finder in _SECTION_FINDERS:
        if heading in section:
            return finder.find(text)
    return _FINDER.find(text)


def find_labels_across(text: str, section: str = "") -> list[LabelMatch]:
    """Catalog labels in `text` as `find_labels` finds them, and the labels a qualifier in parentheses interrupts
    ("公务用车（含执勤执法用车）运行支出": `LABEL_QUALIFIER`), each at its span in `text` (the qualifier inside it)."""
    found = find_labels(text, section)
    cuts = list(LABEL_QUALIFIER.finditer(text))
    if not cuts:
        return found
    kept: list[int] = []  # the offset in `text` of each character kept
    at = 0
    for cut in cuts:
        kept.extend(range(at, cut.start()))
        at = cut.end()
    kept.extend(range(at, len(text)))
    compact = "".join(text[i] for i in kept)
    spans = {(m.start, m.end) for m in found}
    for m in find_labels(compact, section):
        start, end = kept[m.start], kept[m.end - 1] + 1
        if (start, end) not in spans and not any(a <= start < b or a < end <= b for a, b in spans):
            found.append(LabelMatch(start, end, m.keys, m.label))
    return sorted(found, key=lambda m: m.start)
