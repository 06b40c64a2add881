"""One-to-one pairing of gold items with predicted items.

In: candidate pairs `(rank, gold index, predicted index)`, a lower rank preferred. Out: pairs
`(gold index, predicted index)`, each index used at most once.
`greedy_pairs` takes the best-ranked pair first (projects, rows, narratives, leftover figures);
`maximum_pairs` pairs as many as possible, preferring better ranks (figures within tolerance,
where a greedy choice could leave a matchable figure unmatched).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Candidate = tuple[Any, int, int]


def greedy_pairs(
    candidates: Iterable[Candidate], used_gold: set[int] | None = None, used_pred: set[int] | None = None
) -> list[tuple[int, int]]:
    """Best-ranked first; a pair is taken when neither side is taken yet."""
    taken_gold = set(used_gold or ())
    taken_pred = set(used_pred or ())
    pairs: list[tuple[int, int]] = []
    for _rank, g, p in sorted(candidates, key=lambda c: (c[0], c[1], c[2])):
        if g in taken_gold or p in taken_pred:
            continue
        taken_gold.add(g)
        taken_pred.add(p)
        pairs.append((g, p))
    return pairs


def maximum_pairs(candidates: Iterable[Candidate]) -> list[tuple[int, int]]:
    """A maximum-cardinality matching (Kuhn's augmenting paths), trying better-ranked pairs first."""
    options: dict[int, list[tuple[Any, int]]] = {}
    for rank, g, p in candidates:
        options.setdefault(g, []).append((rank, p))
    for choices in options.values():
        choices.sort(key=lambda c: (c[0], c[1]))
    owner: dict[int, int] = {}  # predicted index -> gold index

    def augment(g: int, seen: set[int]) -> bool:
        for _rank, p in options[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in sorted(options, key=lambda g: (options[g][0][0], g)):
        augment(g, set())
    return sorted((g, p) for p, g in owner.items())
