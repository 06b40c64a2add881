"""Evaluator for `narratives`: pair texts by kind and scope, score each pair by ROUGE-L.

In: the gold and predicted records of one document. Out: a `Tally` of narratives (matched = pairs
with ROUGE-L ≥ RIGHT_ROUGE) and one outcome per narrative added to the document's `Outcomes`, its
`field` the narrative kind and its `similarity` the pair's ROUGE-L F1 (0 for an unpaired text).
Narratives pair one-to-one within a kind when their scopes agree (both null, or folded names at
least NAME_MATCH similar): the same scope first, then the highest ROUGE-L.
"""

from __future__ import annotations

from eval.compare import NAME_MATCH, RIGHT_ROUGE, fold_text, name_similarity, rouge_l
from eval.match import greedy_pairs
from eval.outcomes import Outcomes, Side, Tally
from schemas import Narrative, Record


def _scopes_agree(gold: Narrative, pred: Narrative) -> bool:
    if gold.scope is None or pred.scope is None:
        return fold_text(gold.scope) == fold_text(pred.scope)
    return name_similarity(gold.scope, pred.scope) >= NAME_MATCH


def evaluate_narratives(gold: Record, pred: Record, outcomes: Outcomes) -> Tally:
    scores: dict[tuple[int, int], float] = {}
    candidates = []
    for i, g in enumerate(gold.narratives):
        for j, p in enumerate(pred.narratives):
            if g.kind == p.kind and _scopes_agree(g, p):
                scores[i, j] = rouge_l(g.text, p.text)
                candidates.append(((fold_text(g.scope) != fold_text(p.scope), -scores[i, j]), i, j))
    pairs = greedy_pairs(candidates)
    for i, j in pairs:
        g, p = gold.narratives[i], pred.narratives[j]
        outcomes.add(
            "narratives",
            g.kind,
            _side(g, i),
            _side(p, j),
            equal=scores[i, j] >= RIGHT_ROUGE,
            paired=True,
            similarity=scores[i, j],
        )
    paired_gold = {i for i, _ in pairs}
    paired_pred = {j for _, j in pairs}
    for i, g in enumerate(gold.narratives):
        if i not in paired_gold:
            outcomes.add("narratives", g.kind, _side(g, i), None, equal=False, paired=False, similarity=0.0)
    for j, p in enumerate(pred.narratives):
        if j not in paired_pred:
            outcomes.add("narratives", p.kind, None, _side(p, j), equal=False, paired=False, similarity=0.0)
    matched = sum(1 for pair in pairs if scores[pair] >= RIGHT_ROUGE)
    return Tally(gold=len(gold.narratives), predicted=len(pred.narratives), matched=matched)


def _side(narrative: Narrative, i: int) -> Side:
    return Side(f"/narratives/{i}/text", narrative.text, narrative.evidence)
