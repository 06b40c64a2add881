"""The `--errors` file: every value that is not right, one JSON object per line.

In: the `DocumentResult`s of an evaluation. Out: JSON lines with the document, family, field,
status (mismatch / omission / hallucination), the pointer (predicted, else gold) and both pointers,
the gold and predicted values, ROUGE-L for texts, the predicted field's confidence and whether it
was flagged, and the evidence of both sides.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eval.outcomes import Side
from eval.summary import DocumentResult


def _evidence(side: Side | None) -> dict[str, Any] | None:
    if side is None or side.evidence is None:
        return None
    return side.evidence.model_dump()


def mismatch_lines(results: list[DocumentResult]) -> Iterator[dict[str, Any]]:
    for result in results:
        fields = {f.pointer: f for f in result.review}
        for outcome in result.outcomes:
            if outcome.status == "right":
                continue
            field = fields.get(outcome.predicted.pointer) if outcome.predicted is not None else None
            yield {
                "document": outcome.document,
                "family": outcome.family,
                "field": outcome.field,
                "status": outcome.status,
                "pointer": outcome.pointer,
                "gold_pointer": outcome.gold.pointer if outcome.gold is not None else None,
                "predicted_pointer": outcome.predicted.pointer if outcome.predicted is not None else None,
                "gold": outcome.gold.value if outcome.gold is not None else None,
                "predicted": outcome.predicted.value if outcome.predicted is not None else None,
                "similarity": outcome.similarity,
                "confidence": field.confidence if field is not None else None,
                "flagged": field.flagged if field is not None else None,
                "evidence": {"gold": _evidence(outcome.gold), "predicted": _evidence(outcome.predicted)},
            }


def write_mismatches(results: list[DocumentResult], path: Path) -> int:
    """Write the lines; returns how many."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for line in mismatch_lines(results):
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += 1
    return count
