"""Content-keyed snapshots of records: what a record says, keyed by what each item is, not where it sits.

In: a `schemas.Record`. Out: `snapshot_of(record)`, a small JSON-able dict (figures by key, measure,
subject; projects by name with budget cells, total score and indicators by name; narratives by kind
and scope), `diff(old, new)`, a readable list of added / removed / changed keys, and
`check_snapshot(path, snapshot)`, which fails on a difference or a missing file and writes only when
UPDATE_SNAPSHOTS=1. No confidences, reasons or JSON pointers: those are not what a record says.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from schemas import Evidence, Indicator, Narrative, Project, Record

UPDATE = "UPDATE_SNAPSHOTS"
UPDATE_COMMAND = f"{UPDATE}=1 pytest tests/test_snapshots.py"
BUDGET_CELLS = ("initial", "adjusted", "executed", "execution_rate_pct", "weight", "score")
INDICATOR_CELLS = ("level1", "level2", "comparator", "target", "unit", "actual", "weight", "score")
PROJECT_TEXTS = ("conclusion", "problems", "measures")
SHOWN = 60  # lines of a diff printed before "… and N more"


def _span(evidence: Evidence) -> str:
    return f"{evidence.start}-{evidence.end}"


def _keyed(items: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """A dict from (key, value) pairs; a key seen again gets ` #2`, ` #3` in source order."""
    seen: Counter[str] = Counter()
    out: dict[str, Any] = {}
    for key, value in items:
        seen[key] += 1
        out[key if seen[key] == 1 else f"{key} #{seen[key]}"] = value
    return out


def _text(text: str | None) -> str | None:
    """A text as its first and last 20 characters, its length and a short hash."""
    if text is None:
        return None
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    shown = text if len(text) <= 40 else f"{text[:20]}…{text[-20:]}"
    return f"{shown} ({len(text)} chars, sha1 {digest})"


def _indicators(indicators: list[Indicator]) -> dict[str, Any]:
    names = Counter(i.name for i in indicators)
    return _keyed(
        (
            i.name if names[i.name] == 1 else f"{i.name} [{i.level2}]",
            {cell: getattr(i, cell) for cell in INDICATOR_CELLS},
        )
        for i in indicators
    )


def _project(project: Project) -> dict[str, Any]:
    return {
        "code": project.code,
        "budget": {cell: getattr(project.budget, cell) for cell in BUDGET_CELLS},
        "total_score": project.total_score,
        **{name: _text(getattr(project, name)) for name in PROJECT_TEXTS},
        "indicators": _indicators(project.indicators),
        "span": _span(project.evidence),
    }


def _narrative(narrative: Narrative) -> dict[str, Any]:
    return {"text": _text(narrative.text), "span": _span(narrative.evidence)}


def _by_start(evidence: Evidence) -> int:
    return evidence.start if evidence.start is not None else -1


def snapshot_of(record: Record) -> dict[str, Any]:
    """What the record says, keyed by content; duplicates numbered in source order."""
    figures = sorted(record.figures, key=lambda f: _by_start(f.evidence))
    narratives = sorted(record.narratives, key=lambda n: _by_start(n.evidence))
    return {
        "figures": _keyed(
            (
                " | ".join((f.key, f.measure, f.subject or "-")) + (f" @ {f.scope}" if f.scope else ""),
                {"value": f.value, "unit": f.unit, "span": _span(f.evidence)},
            )
            for f in figures
        ),
        "projects": _keyed((p.name, _project(p)) for p in record.projects),
        "narratives": _keyed((f"{n.kind} | {n.scope or '-'}", _narrative(n)) for n in narratives),
    }


def _compact(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 160 else text[:157] + "..."


def _diff(old: Any, new: Any, path: str, lines: list[str]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            where = f"{path} / {key}" if path else key
            if key not in new:
                lines.append(f"- removed  {where}: {_compact(old[key])}")
            elif key not in old:
                lines.append(f"+ added    {where}: {_compact(new[key])}")
            else:
                _diff(old[key], new[key], where, lines)
    elif old != new:
        lines.append(f"~ changed  {path}: {_compact(old)} → {_compact(new)}")


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """One line per removed, added or changed key, descending into items both sides have."""
    lines: list[str] = []
    _diff(old, new, "", lines)
    return lines


def _render(value: Any, depth: int) -> str:
    """JSON with one line per innermost item (a figure, a budget, an indicator), so git diffs read per item."""
    if not isinstance(value, dict) or not any(isinstance(v, dict) for v in value.values()):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    pad = " " * (depth + 1)
    items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {_render(value[k], depth + 1)}" for k in sorted(value)]
    return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}"


def dumps(snapshot: dict[str, Any]) -> str:
    return _render(snapshot, 0) + "\n"


def check_snapshot(path: Path, snapshot: dict[str, Any]) -> None:
    """Fail when `snapshot` differs from the file or the file is missing; write it only under UPDATE_SNAPSHOTS=1."""
    if os.environ.get(UPDATE) == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(snapshot), encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no snapshot {path}; write it with `{UPDATE_COMMAND}` and review it", pytrace=False)
    lines = diff(json.loads(path.read_text(encoding="utf-8")), snapshot)
    if lines:
        shown = lines[:SHOWN] + ([f"… and {len(lines) - SHOWN} more"] if len(lines) > SHOWN else [])
        pytest.fail(
            f"{path.name}: {len(lines)} difference(s) from the snapshot (old → new):\n"
            + "\n".join(shown)
            + f"\nIf every change is intended (check `make run` still meets the bars), run `{UPDATE_COMMAND}`"
            " and commit the snapshot with the change.",
            pytrace=False,
        )
