"""Human names for fields and flags: what a reviewer reads instead of `/projects/2/indicators/5/actual`
or `sum_mismatch`.

Field names are the reports' own words (the catalog's labels in `schemas/catalog.py`: “三公”经费 · 决算数),
with the record's key kept for hover; flags are named in Chinese or English, the reviewer's choice
(`?lang=`, remembered in a cookie) or else the browser's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schemas.catalog import FIELD_LABELS, FIGURE_KEYS, FLAG_LABELS, ITEM_LABELS, MEASURE_LABELS, NARRATIVE_KINDS
from schemas.pointers import resolve

LANGUAGES: tuple[str, ...] = ("zh", "en")
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class FieldLabel:
    text: str  # what the reviewer reads: “三公”经费 · 决算数
    key: str  # what the record says, shown on hover: three_public_total · actual (/figures/3/value)


def _get(record: dict[str, Any], pointer: str) -> Any:
    try:
        return resolve(record, pointer)
    except (KeyError, IndexError, ValueError):
        return None


def _joined(*parts: object) -> str:
    return " · ".join(str(p) for p in parts if p not in (None, ""))


def field_label(record: dict[str, Any], pointer: str) -> FieldLabel:
    """The name of the field at `pointer` (a pointer into the extracted record, as the store keeps them)."""
    tokens = pointer.lstrip("/").split("/")
    field = FIELD_LABELS.get(tokens[-1], tokens[-1])
    if tokens[0] == "figures":
        figure = _get(record, f"/figures/{tokens[1]}") or {}
        key, measure = figure.get("key", "?"), figure.get("measure", "?")
        name = (FIGURE_KEYS.get(key) or (key,))[0]
        text = _joined(name, MEASURE_LABELS.get(measure, measure), figure.get("subject"), figure.get("scope"))
        return FieldLabel(text, f"{_joined(key, measure)} ({pointer})")
    if tokens[0] == "narratives":
        narrative = _get(record, f"/narratives/{tokens[1]}") or {}
        kind = narrative.get("kind")
        name = (NARRATIVE_KINDS.get(kind) or (kind,))[0] if kind else None
        text = _joined(ITEM_LABELS["narrative"], name, narrative.get("scope"))
        return FieldLabel(text, f"{_joined('narrative', kind)} ({pointer})")
    project = _get(record, f"/projects/{tokens[1]}") or {}
    head = f"{ITEM_LABELS['project']} {int(tokens[1]) + 1} {project.get('name') or ''}".strip()
    if len(tokens) > 3 and tokens[2] == "indicators":
        indicator = _get(record, f"/projects/{tokens[1]}/indicators/{tokens[3]}") or {}
        item = f"{ITEM_LABELS['indicator']} {int(tokens[3]) + 1} {indicator.get('name') or ''}".strip()
        return FieldLabel(_joined(head, item, field), pointer)
    if tokens[2] == "budget":
        return FieldLabel(_joined(head, ITEM_LABELS["budget"], field), pointer)
    return FieldLabel(_joined(head, field), pointer)


def flag_name(flag: str, language: str) -> str:
    """A flag's short name in `language` (the flag itself when the catalog has no name for it)."""
    return FLAG_LABELS.get(language, {}).get(flag, (flag, flag))[0]


def flag_reason(flag: str, language: str) -> str:
    """Why a field with this flag is held back, in a sentence in `language`."""
    return FLAG_LABELS.get(language, {}).get(flag, (flag, flag))[1]


def language(chosen: str | None, accept_language: str | None) -> str:
    """The reviewer's language: the one chosen if known, else the first known one the browser prefers."""
    if chosen in LANGUAGES:
        return chosen
    preferred: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        preferred.append((-weight, position, tag.strip().lower().split("-")[0]))
    for _weight, _position, primary in sorted(preferred):
        if primary in LANGUAGES:
            return primary
    return DEFAULT_LANGUAGE
