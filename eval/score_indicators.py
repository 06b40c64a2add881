"""Evaluator for indicator rows within a pair of projects: pair rows, one outcome per stated cell.

In: the gold rows and predicted rows of one project pair (either side may be empty when the project
has no counterpart) with their JSON Pointer bases. Out: a `Tally` of rows and outcomes added to the
document's `Outcomes`. Rows pair one-to-one by folded-name similarity (≥ NAME_MATCH), the most
similar first and, among equally similar names, the nearest position in the table.
"""

from __future__ import annotations

from collections.abc import Callable

from eval.compare import NAME_MATCH, RIGHT_ROUGE, cells_equal, comparators_equal, fold_text, name_similarity, rouge_l
from eval.match import greedy_pairs
from eval.outcomes import Outcomes, Side, Tally
from schemas import Indicator
from schemas.pointers import INDICATOR_FIELDS

# The cells whose agreement is `indicators.cell_accuracy` (name pairs the rows; reasons are prose).
CELL_FIELDS: tuple[str, ...] = ("level1", "level2", "comparator", "target", "unit", "actual", "weight", "score")


def pair_rows(gold: list[Indicator], pred: list[Indicator]) -> list[tuple[int, int]]:
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            similarity = name_similarity(g.name, p.name)
            if similarity >= NAME_MATCH:
                candidates.append(((-round(similarity, 6), abs(i - j)), i, j))
    return greedy_pairs(candidates)


def evaluate_rows(
    gold: list[Indicator], gold_base: str, pred: list[Indicator], pred_base: str, outcomes: Outcomes
) -> Tally:
    pairs = pair_rows(gold, pred)
    for i, j in pairs:
        _row_values(gold[i], f"{gold_base}/indicators/{i}", pred[j], f"{pred_base}/indicators/{j}", outcomes)
    paired_gold = {i for i, _ in pairs}
    paired_pred = {j for _, j in pairs}
    for i, row in enumerate(gold):
        if i not in paired_gold:
            _row_values(row, f"{gold_base}/indicators/{i}", None, "", outcomes)
    for j, row in enumerate(pred):
        if j not in paired_pred:
            _row_values(None, "", row, f"{pred_base}/indicators/{j}", outcomes)
    return Tally(gold=len(gold), predicted=len(pred), matched=len(pairs))


def _row_values(
    gold: Indicator | None, gold_pointer: str, pred: Indicator | None, pred_pointer: str, outcomes: Outcomes
) -> None:
    paired = gold is not None and pred is not None
    for name in INDICATOR_FIELDS:
        g = getattr(gold, name) if gold is not None else None
        p = getattr(pred, name) if pred is not None else None
        similarity = rouge_l(g, p) if name == "deviation_reason" and paired else None
        if similarity is not None:
            equal = similarity >= RIGHT_ROUGE
        else:
            equal = paired and _EQUAL[name](g, p)
        outcomes.add(
            "indicators",
            name,
            Side(f"{gold_pointer}/{name}", g, gold.evidence) if gold is not None else None,
            Side(f"{pred_pointer}/{name}", p, pred.evidence) if pred is not None else None,
            equal=equal,
            paired=paired,
            similarity=similarity,
        )


def _same_text(gold: str | None, pred: str | None) -> bool:
    return fold_text(gold) == fold_text(pred)


_EQUAL: dict[str, Callable[..., bool]] = {
    "level1": cells_equal,
    "level2": cells_equal,
    "name": _same_text,
    "comparator": comparators_equal,
    "target": cells_equal,
    "unit": _same_text,
    "actual": cells_equal,
    "weight": cells_equal,
    "score": cells_equal,
}  # deviation_reason is prose: ROUGE-L, above
