"""Evaluator for `figures`: pair gold and predicted figures, one outcome per figure value.

In: the gold and predicted records of one document. Out: a `Tally` of figures (gold, predicted,
matched) and outcomes added to the document's `Outcomes`.
Figures pair within a slot (key, measure, normalized subject): as many pairs as possible whose
values agree (within 0.01 万元 after unit conversion), preferring the same scope and the nearest
value; leftover gold and predicted figures of a slot pair up as mismatches; the rest are omissions
and hallucinations.
"""

from __future__ import annotations

import math

from eval.compare import figure_values_close, fold_text, normalize_subject, to_wan
from eval.match import greedy_pairs, maximum_pairs
from eval.outcomes import Outcomes, Side, Tally
from schemas import Figure, Record

Slot = tuple[str, str, str | None]


def slot_of(figure: Figure) -> Slot:
    return figure.key, figure.measure, normalize_subject(figure.subject)


def evaluate_figures(gold: Record, pred: Record, outcomes: Outcomes) -> Tally:
    slots: dict[Slot, tuple[list[int], list[int]]] = {}
    for i, figure in enumerate(gold.figures):
        slots.setdefault(slot_of(figure), ([], []))[0].append(i)
    for j, figure in enumerate(pred.figures):
        slots.setdefault(slot_of(figure), ([], []))[1].append(j)
    matched = 0
    for gold_ids, pred_ids in slots.values():
        matched += _evaluate_slot(gold, pred, gold_ids, pred_ids, outcomes)
    return Tally(gold=len(gold.figures), predicted=len(pred.figures), matched=matched)


def _evaluate_slot(gold: Record, pred: Record, gold_ids: list[int], pred_ids: list[int], outcomes: Outcomes) -> int:
    ranked = [(_rank(gold.figures[g], pred.figures[p]), g, p) for g in gold_ids for p in pred_ids]
    agreeing = [
        (rank, g, p)
        for rank, g, p in ranked
        if figure_values_close(gold.figures[g].value, gold.figures[g].unit, pred.figures[p].value, pred.figures[p].unit)
    ]
    right = maximum_pairs(agreeing)
    wrong = greedy_pairs(ranked, used_gold={g for g, _ in right}, used_pred={p for _, p in right})
    for g, p in right:
        outcomes.add("figures", "value", _side(gold, g), _side(pred, p), equal=True, paired=True)
    for g, p in wrong:
        outcomes.add("figures", "value", _side(gold, g), _side(pred, p), equal=False, paired=True)
    paired_gold = {g for g, _ in right + wrong}
    paired_pred = {p for _, p in right + wrong}
    for g in gold_ids:
        if g not in paired_gold:
            outcomes.add("figures", "value", _side(gold, g), None, equal=False, paired=False)
    for p in pred_ids:
        if p not in paired_pred:
            outcomes.add("figures", "value", None, _side(pred, p), equal=False, paired=False)
    return len(right)


def _rank(gold: Figure, pred: Figure) -> tuple[bool, float]:
    """Prefer a figure of the same scope (report), then the nearest value."""
    g, g_money = to_wan(gold.value, gold.unit)
    p, p_money = to_wan(pred.value, pred.unit)
    distance = abs(g - p) if g_money == p_money else math.inf
    return fold_text(gold.scope) != fold_text(pred.scope), distance


def _side(record: Record, i: int) -> Side:
    figure = record.figures[i]
    return Side(f"/figures/{i}/value", figure.value, figure.evidence)
