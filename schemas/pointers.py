"""JSON Pointers (RFC 6901) to every value a reviewer may correct in a record.

`assessments` is keyed by these pointers; eval and review walk the same list.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

BUDGET_FIELDS: tuple[str, ...] = ("initial", "adjusted", "executed", "execution_rate_pct", "weight", "score")
PROJECT_FIELDS: tuple[str, ...] = ("code", "total_score", "conclusion", "problems", "measures")
INDICATOR_FIELDS: tuple[str, ...] = (
    "level1",
    "level2",
    "name",
    "comparator",
    "target",
    "unit",
    "actual",
    "weight",
    "score",
    "deviation_reason",
)


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def reviewable_pointers(record: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Yield (pointer, value) for every stated value of a record given as plain JSON data."""
    for i, figure in enumerate(record.get("figures") or []):
        yield f"/figures/{i}/value", figure.get("value")
    for i, project in enumerate(record.get("projects") or []):
        base = f"/projects/{i}"
        yield f"{base}/name", project.get("name")
        for field in PROJECT_FIELDS:
            if project.get(field) is not None:
                yield f"{base}/{field}", project[field]
        for field in BUDGET_FIELDS:
            value = (project.get("budget") or {}).get(field)
            if value is not None:
                yield f"{base}/budget/{field}", value
        for j, indicator in enumerate(project.get("indicators") or []):
            for field in INDICATOR_FIELDS:
                if indicator.get(field) is not None:
                    yield f"{base}/indicators/{j}/{field}", indicator[field]
    for i, narrative in enumerate(record.get("narratives") or []):
        yield f"/narratives/{i}/text", narrative.get("text")


def resolve(record: dict[str, Any], pointer: str) -> Any:
    """The value a pointer names; KeyError/IndexError if it names nothing."""
    node: Any = record
    for token in pointer.lstrip("/").split("/"):
        token = unescape(token)
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def assign(record: dict[str, Any], pointer: str, value: Any) -> None:
    """Set the value a pointer names, in place."""
    tokens = [unescape(t) for t in pointer.lstrip("/").split("/")]
    parent = resolve(record, "/" + "/".join(escape(t) for t in tokens[:-1])) if len(tokens) > 1 else record
    last = tokens[-1]
    if isinstance(parent, list):
        parent[int(last)] = value
    else:
        if last not in parent:
            raise KeyError(pointer)
        parent[last] = value
