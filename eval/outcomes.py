"""What happened to each value: right, mismatch, omission or hallucination (eval/README.md, "Outcomes").

In: a gold value and/or a predicted value at their JSON Pointers, and whether they agree.
Out: `Outcome`s, one per value a reviewer may correct (schemas.pointers.reviewable_pointers), and
`Tally`s of paired items per family. The evaluators (score_*.py) produce them; the summary and the
review metrics count them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from eval.compare import parse_number
from eval.source_numbers import SourceNumbers
from schemas import Evidence

Status = Literal["right", "mismatch", "omission", "hallucination"]
FAMILIES: tuple[str, ...] = ("figures", "projects", "indicators", "narratives")


@dataclass(frozen=True)
class Side:
    """One side (gold or predicted) of a value: where it is, what it is, where it was read."""

    pointer: str
    value: Any
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Outcome:
    document: str
    family: str
    field: str  # e.g. "value", "budget/initial", "target", "text"
    status: Status
    gold: Side | None
    predicted: Side | None
    paired: bool  # the figure / project / row / narrative holding the value has a counterpart
    similarity: float | None = None  # ROUGE-L F1, for texts

    @property
    def pointer(self) -> str:
        side = self.predicted or self.gold
        assert side is not None
        return side.pointer


@dataclass
class Tally:
    """Items (figures, projects, indicator rows, narratives) in gold, predicted, and matched."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    def __iadd__(self, other: Tally) -> Tally:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        return self


def judge(gold: Any, pred: Any, equal: bool, source: SourceNumbers | None) -> Status:
    """The status of a value pair; a differing number written nowhere in the source is hallucinated."""
    if pred is None:
        return "omission"
    if gold is None:
        return "hallucination"
    if equal:
        return "right"
    number = parse_number(pred) if isinstance(pred, str | int | float) else None
    if source is not None and number is not None and not source.contains(number):
        return "hallucination"
    return "mismatch"


@dataclass
class Outcomes:
    """The outcomes of one document as the evaluators add them."""

    document: str
    source: SourceNumbers | None = None
    items: list[Outcome] = field(default_factory=list)

    def add(
        self,
        family: str,
        name: str,
        gold: Side | None,
        pred: Side | None,
        *,
        equal: bool,
        paired: bool,
        similarity: float | None = None,
    ) -> Outcome | None:
        """Record one value; nothing when neither side states it."""
        gold_value = gold.value if gold is not None else None
        pred_value = pred.value if pred is not None else None
        if gold_value is None and pred_value is None:
            return None
        outcome = Outcome(
            document=self.document,
            family=family,
            field=name,
            status=judge(gold_value, pred_value, equal, self.source),
            gold=gold if gold_value is not None else None,
            predicted=pred if pred_value is not None else None,
            paired=paired,
            similarity=similarity,
        )
        self.items.append(outcome)
        return outcome
