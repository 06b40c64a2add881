"""Stage `extract`, LLM: a model that repeats its prompt's own example instead of reading the text.

In: the candidates of one answer and the prompt's example answer (the template's `example_answer` block). Out: the
same candidates, flagged `example_echo` where a project repeats the example's project (its name, or three of its
budget amounts in the same places), on every row of such a project (a copied project's rows are no reading either:
SmolLM2 named one "指标值"), and, on a row, where an indicator repeats the example's row (its name, or three of its
cells). Small models do this: SmolLM2-135M, served by llama-cpp-python, answered chunks of two samples with
the example's project whole (its name's label as the name, its six budget amounts), each amount consistent with
the others, so only this check tells it from a reading.
"""

from __future__ import annotations

import json
from typing import Any

from extractor.extract.base import Candidate
from schemas import Indicator, Project

ECHO = "example_echo"
_AMOUNTS = 3  # amounts repeated in the same places that make an echo (one or two may be chance)
_ROW_CELLS = ("target", "actual", "weight", "score")


def example_projects(example_answer: str) -> list[dict[str, Any]]:
    """The projects of a template's example answer (none for another family's answer)."""
    try:
        answer = json.loads(example_answer)
    except json.JSONDecodeError:
        return []
    projects = answer.get("projects") if isinstance(answer, dict) else None
    return [p for p in projects or [] if isinstance(p, dict)]


def flag_echoes(candidates: list[Candidate], examples: list[dict[str, Any]]) -> None:
    for candidate in candidates:
        item = candidate.item
        if not isinstance(item, Project):
            continue
        for example in examples:
            copied = _project_echoes(item, example)
            if copied and ECHO not in candidate.flags:
                candidate.flags.append(ECHO)
            rows = [r for r in example.get("indicators") or [] if isinstance(r, dict)]
            for j, indicator in enumerate(item.indicators):
                if copied or any(_row_echoes(indicator, row) for row in rows):
                    flags = candidate.row_flags.get(j, ())
                    candidate.row_flags[j] = flags if ECHO in flags else (*flags, ECHO)


def _project_echoes(project: Project, example: dict[str, Any]) -> bool:
    if project.name and project.name == example.get("name"):
        return True
    budget = example.get("budget") or {}
    same = sum(1 for k, v in budget.items() if v is not None and _same(getattr(project.budget, k, None), v))
    return same >= _AMOUNTS


def _row_echoes(indicator: Indicator, row: dict[str, Any]) -> bool:
    if indicator.name and indicator.name == row.get("name"):
        return True
    return sum(1 for k in _ROW_CELLS if row.get(k) is not None and _same(getattr(indicator, k), row[k])) >= _AMOUNTS


def _same(value: Any, example: Any) -> bool:
    if value is None:
        return False
    try:
        return abs(float(value) - float(example)) < 0.005
    except (TypeError, ValueError):
        return str(value).strip() == str(example).strip()
