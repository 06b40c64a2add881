"""Evaluator for `projects`: pair gold and predicted projects, score their cells, texts and rows.

In: the gold and predicted records of one document. Out: a `Tally` of projects, a `Tally` of
indicator rows, and outcomes added to the document's `Outcomes`.
Projects pair one-to-one by code (folded, equal), then the rest by folded-name similarity
(≥ NAME_MATCH, the most similar first), then what is left by their rows: a project whose name was misread (a torn
label, a lone "|") pairs with the gold project when at least ROW_PAIRING of the smaller one's rows (and at least
MIN_ROWS_PAIRED) pair by name, so its name counts as one wrong cell and its rows are scored, not all lost. Budget amounts agree within 0.01 万元, other numbers must
be equal; conclusion / problems / measures are prose and right at ROUGE-L ≥ RIGHT_ROUGE.
"""

from __future__ import annotations

from eval.compare import (
    MONEY_TOLERANCE,
    NAME_MATCH,
    NUMBER_TOLERANCE,
    RIGHT_ROUGE,
    cells_equal,
    fold_text,
    name_similarity,
    rouge_l,
)
from eval.match import greedy_pairs
from eval.outcomes import Outcomes, Side, Tally
from eval.score_indicators import evaluate_rows, pair_rows
from schemas import Project, Record
from schemas.pointers import BUDGET_FIELDS

# The cells whose agreement is `projects.cell_accuracy` (the name pairs the projects).
CELL_FIELDS: tuple[str, ...] = ("code", *(f"budget/{f}" for f in BUDGET_FIELDS), "total_score")
TEXT_FIELDS: tuple[str, ...] = ("conclusion", "problems", "measures")
_MONEY = {"budget/initial", "budget/adjusted", "budget/executed"}
ROW_PAIRING = 0.5
MIN_ROWS_PAIRED = 3


def pair_projects(gold: list[Project], pred: list[Project]) -> list[tuple[int, int]]:
    by_code = [
        (0, i, j)
        for i, g in enumerate(gold)
        for j, p in enumerate(pred)
        if fold_text(g.code) is not None and fold_text(g.code) == fold_text(p.code)
    ]
    pairs = greedy_pairs(by_code)
    by_name = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            similarity = name_similarity(g.name, p.name)
            if similarity >= NAME_MATCH:
                by_name.append((-similarity, i, j))
    pairs += greedy_pairs(by_name, used_gold={i for i, _ in pairs}, used_pred={j for _, j in pairs})
    used_gold, used_pred = {i for i, _ in pairs}, {j for _, j in pairs}
    by_rows = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if i in used_gold or j in used_pred:
                continue
            paired_rows = len(pair_rows(g.indicators, p.indicators))
            smaller = min(len(g.indicators), len(p.indicators))
            if paired_rows >= MIN_ROWS_PAIRED and paired_rows >= ROW_PAIRING * smaller:
                by_rows.append((-paired_rows / smaller, i, j))
    pairs += greedy_pairs(by_rows, used_gold=used_gold, used_pred=used_pred)
    return sorted(pairs)


def evaluate_projects(gold: Record, pred: Record, outcomes: Outcomes) -> tuple[Tally, Tally]:
    """(projects tally, indicator rows tally) of one document."""
    pairs = pair_projects(gold.projects, pred.projects)
    rows = Tally()
    for i, j in pairs:
        _project_values(gold.projects[i], f"/projects/{i}", pred.projects[j], f"/projects/{j}", outcomes)
        rows += evaluate_rows(
            gold.projects[i].indicators, f"/projects/{i}", pred.projects[j].indicators, f"/projects/{j}", outcomes
        )
    paired_gold = {i for i, _ in pairs}
    paired_pred = {j for _, j in pairs}
    for i, project in enumerate(gold.projects):
        if i not in paired_gold:
            _project_values(project, f"/projects/{i}", None, "", outcomes)
            rows += evaluate_rows(project.indicators, f"/projects/{i}", [], "", outcomes)
    for j, project in enumerate(pred.projects):
        if j not in paired_pred:
            _project_values(None, "", project, f"/projects/{j}", outcomes)
            rows += evaluate_rows([], "", project.indicators, f"/projects/{j}", outcomes)
    return Tally(gold=len(gold.projects), predicted=len(pred.projects), matched=len(pairs)), rows


def _cell(project: Project | None, name: str) -> str | float | None:
    if project is None:
        return None
    if name.startswith("budget/"):
        return getattr(project.budget, name.removeprefix("budget/"))
    return getattr(project, name)


def _text(value: str | float | None) -> str | None:
    return None if value is None else str(value)


def _project_values(
    gold: Project | None, gold_base: str, pred: Project | None, pred_base: str, outcomes: Outcomes
) -> None:
    paired = gold is not None and pred is not None
    for name in ("name", *CELL_FIELDS, *TEXT_FIELDS):
        g, p = _cell(gold, name), _cell(pred, name)
        similarity = None
        if not paired:
            equal = False
        elif name in TEXT_FIELDS:
            similarity = rouge_l(_text(g), _text(p))
            equal = similarity >= RIGHT_ROUGE
        elif name in ("name", "code"):
            equal = fold_text(_text(g)) == fold_text(_text(p))
        else:
            equal = cells_equal(g, p, tolerance=MONEY_TOLERANCE if name in _MONEY else NUMBER_TOLERANCE)
        outcomes.add(
            "projects",
            name,
            Side(f"{gold_base}/{name}", g, gold.evidence) if gold is not None else None,
            Side(f"{pred_base}/{name}", p, pred.evidence) if pred is not None else None,
            equal=equal,
            paired=paired,
            similarity=similarity,
        )
