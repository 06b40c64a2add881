"""Reviewers' decisions applied to a record: validated corrections, rejections, the reviewed record.

Pure functions over plain JSON data; the store keeps the decisions, this module knows what they mean.

- accept: the value stays; its assessment becomes confidence 1.0, source "review".
- correct: the value is replaced by the reviewer's, validated against the record schema first
  (a number where a number is due); a value the schema refuses raises `CorrectionError`.
- reject: the value is wrong and nothing replaces it. A field that may be absent becomes null; a
  field an item cannot live without (a figure's value, a project's name, an indicator's name, a
  narrative's text) takes its item out of the record, and later pointers are renumbered.

Decisions name fields by their pointers in the extracted record. `apply(..., keep_places=True)` is the
reviewer's view: a rejected value is null where it stood and no item moves, so a pointer names the same
field before and after any decision; the reviewed record (export, eval) drops the rejected items.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ValidationError

from schemas import Record
from schemas.pointers import assign, resolve, reviewable_pointers

Action = Literal["accept", "correct", "reject"]
ACTIONS: tuple[str, ...] = ("accept", "correct", "reject")

# pointer pattern of a value whose item cannot exist without it -> the item's list and index
_ITEM_KEYS = re.compile(
    r"^/(?P<list>figures)/(?P<i>\d+)/value$"
    r"|^/(?P<plist>projects)/(?P<pi>\d+)/name$"
    r"|^/projects/(?P<ip>\d+)/(?P<ilist>indicators)/(?P<ii>\d+)/name$"
    r"|^/(?P<nlist>narratives)/(?P<ni>\d+)/text$"
)


class CorrectionError(ValueError):
    """A decision that cannot be applied: unknown pointer, unknown action, or a value the schema refuses."""


@dataclass(frozen=True)
class Decision:
    pointer: str
    action: str
    value: Any = None
    reviewer: str = ""


def reviewable(record: dict[str, Any]) -> dict[str, Any]:
    """Every pointer a reviewer may decide on, with its current value."""
    return dict(reviewable_pointers(record))


def check(record: dict[str, Any], pointer: str, action: str, value: Any) -> Any:
    """Validate one decision against the extracted record; returns the value to store (coerced by the schema).

    Numbers are held to the record schema's rule: finite, never a boolean (`schemas.numbers`)."""
    if action not in ACTIONS:
        raise CorrectionError(f"action must be one of {', '.join(ACTIONS)}, not {action!r}")
    if pointer not in reviewable(record):
        raise CorrectionError(f"{pointer} names no reviewable value in this record")
    if action != "correct":
        return None
    if value is None or (isinstance(value, str) and not value.strip()):
        raise CorrectionError(f"{pointer}: a correction needs a value (use reject to remove a value)")
    trial = _strip(record)
    assign(trial, pointer, value.strip() if isinstance(value, str) else value)
    try:
        validated = Record.model_validate(trial).model_dump(mode="json")
    except ValidationError as exc:
        problem = exc.errors()[0]
        raise CorrectionError(f"{pointer}: {value!r} is refused: {problem['msg']}") from exc
    return resolve(validated, pointer)


def apply(record: dict[str, Any], decisions: Iterable[Decision], *, keep_places: bool = False) -> dict[str, Any]:
    """The record with the latest decision per pointer applied (decisions in the order they were made).

    `keep_places`: the reviewer's view, where a rejected value is null and no item is taken out."""
    out = copy.deepcopy(record)
    latest: dict[str, Decision] = {}
    for decision in decisions:
        latest[decision.pointer] = decision
    assessments: dict[str, Any] = out.get("assessments") or {}
    drops: list[tuple[tuple[str, ...], int]] = []
    known = set(reviewable(out))
    for pointer, decision in latest.items():
        if pointer not in known:
            continue
        if decision.action == "correct":
            assign(out, pointer, decision.value)
        elif decision.action == "reject":
            item = None if keep_places else _item_of(pointer)
            if item is not None:
                drops.append(item)
            else:
                assign(out, pointer, None)
        assessments[pointer] = {
            "confidence": 1.0,
            "flags": [],
            "source": "review",
            "reasons": [f"{decision.action} by {decision.reviewer or 'a reviewer'}"],
        }
    for path, index in sorted(drops, key=lambda d: (len(d[0]), d[1]), reverse=True):
        _drop(out, assessments, path, index)
    if "assessments" in out:
        out["assessments"] = {p: a for p, a in assessments.items() if _exists(out, p)}
    return out


def _strip(record: dict[str, Any]) -> dict[str, Any]:
    trial = {k: v for k, v in record.items() if k not in ("assessments", "review")}
    return copy.deepcopy(trial)


def _item_of(pointer: str) -> tuple[tuple[str, ...], int] | None:
    """(path of the list, index) of the item a rejected pointer takes out, or None for nullable fields."""
    m = _ITEM_KEYS.match(pointer)
    if not m:
        return None
    if m["list"]:
        return ("figures",), int(m["i"])
    if m["plist"]:
        return ("projects",), int(m["pi"])
    if m["ilist"]:
        return ("projects", m["ip"], "indicators"), int(m["ii"])
    return ("narratives",), int(m["ni"])


def _drop(record: dict[str, Any], assessments: dict[str, Any], path: tuple[str, ...], index: int) -> None:
    """Remove item `index` of the list at `path`, renumbering the assessments behind it."""
    items = resolve(record, "/" + "/".join(path))
    del items[index]
    prefix = "/" + "/".join(path) + "/"
    moved: dict[str, Any] = {}
    for pointer in list(assessments):
        if not pointer.startswith(prefix):
            continue
        head, _, rest = pointer[len(prefix) :].partition("/")
        if not head.isdigit():
            continue
        i = int(head)
        entry = assessments.pop(pointer)
        if i > index:
            moved[f"{prefix}{i - 1}/{rest}" if rest else f"{prefix}{i - 1}"] = entry
        elif i < index:
            moved[pointer] = entry
    assessments.update(moved)


def _exists(record: dict[str, Any], pointer: str) -> bool:
    try:
        resolve(record, pointer)
    except (KeyError, IndexError, ValueError, TypeError):
        return False
    return True
