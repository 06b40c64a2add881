"""End to end on the five samples: the rules-only records scored against the hand-labeled gold.

The records are scored by the eval package's own evaluator (`eval.harness.evaluate_case`, the code
`extractor eval` runs) and must hold the DESIGN §7 bars on every sample and overall. A family a
sample's gold has no items of is skipped for that sample (the test id says so) rather than passed
vacuously. When a bar falls, the message names the wrong values so the change can be found.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from eval.cases import Case, read_record, read_source
from eval.harness import evaluate_case
from eval.outcomes import Outcome
from eval.summary import DocumentResult, DocumentScore, score_results
from extractor.ground import fold
from extractor.load import load_path
from schemas import Record
from schemas.pointers import reviewable_pointers
from tests.conftest import GOLD, SAMPLES

STEMS = [path.stem for path in sorted(SAMPLES.glob("*.txt"))]


@dataclass(frozen=True)
class Bar:
    """One quality bar: a number read from a document's score, its limit, and the gold family it needs."""

    name: str
    family: str  # outcome family whose values explain a miss; "review" for the review bars
    read: Callable[[DocumentScore], float | None]
    limit: float
    at_most: bool = False  # a ceiling (flag rate) rather than a floor

    def holds(self, value: float) -> bool:
        return value <= self.limit if self.at_most else value >= self.limit


def _bars(items: float) -> list[Bar]:
    """DESIGN §7's bars; item F1 bars at `items` (0.95 per sample, 0.99 overall)."""
    return [
        Bar("figures_f1", "figures", lambda s: s.figures.f1, items),
        Bar("indicator_rows_f1", "indicators", lambda s: s.indicators.f1, items),
        Bar("indicator_cell_accuracy", "indicators", lambda s: s.indicators.cell_accuracy, 0.97),
        Bar("narratives_rouge_l", "narratives", lambda s: s.narratives.rouge_l, 0.85),
        Bar("flag_rate", "review", lambda s: s.review.flag_rate, 0.15, at_most=True),
        Bar("unflagged_accuracy", "review", lambda s: s.review.unflagged_accuracy, 0.995),
        Bar("wrong_fields_flagged", "review", lambda s: s.review.flag_recall, 0.95),
    ]


PER_SAMPLE = _bars(0.95)
OVERALL = _bars(0.99)


def _gold_items(gold: Record) -> dict[str, int]:
    return {
        "figures": len(gold.figures),
        "indicators": sum(len(p.indicators) for p in gold.projects),
        "narratives": len(gold.narratives),
        "review": 1,  # every record has fields to review; a bar without wrong fields is skipped at run time
    }


def _gold(stem: str) -> Record:
    gold, errors = read_record(GOLD / f"{stem}.json")
    assert gold is not None, errors
    return gold


def _per_sample_params() -> list[object]:
    params: list[object] = []
    for stem in STEMS:
        items = _gold_items(_gold(stem))
        for bar in PER_SAMPLE:
            if items[bar.family]:
                params.append(pytest.param(stem, bar, id=f"{stem[:3]}-{bar.name}"))
            else:
                reason = f"{stem[:3]} has no gold {bar.family}"
                params.append(
                    pytest.param(
                        stem,
                        bar,
                        id=f"{stem[:3]}-{bar.name}-skipped-no-gold-{bar.family}",
                        marks=pytest.mark.skip(reason=reason),
                    )
                )
    return params


@pytest.fixture(scope="module")
def results(sample_records: dict[str, Record]) -> dict[str, DocumentResult]:
    """Each sample's eval result: its rules-only record against its gold record."""
    return {
        stem: evaluate_case(Case(stem, _gold(stem), sample_records[stem], "scored", read_source(SAMPLES, stem)))
        for stem in STEMS
    }


def _wrong(outcomes: list[Outcome], family: str, limit: int = 15) -> str:
    """The values behind a fallen bar: each wrong outcome with its pointer and both sides."""
    if family == "review":
        wrong = [o for o in outcomes if o.predicted is not None and o.status != "right"]
    elif family == "narratives":
        wrong = [o for o in outcomes if o.family == family and (o.similarity or 0.0) < 0.85]
    else:
        wrong = [o for o in outcomes if o.family == family and o.status != "right"]
    lines = [
        f"  {o.document[:3]} {o.status:<13} {o.pointer}  gold={_short(o.gold and o.gold.value)!r}"
        f"  predicted={_short(o.predicted and o.predicted.value)!r}"
        for o in wrong[:limit]
    ]
    if len(wrong) > limit:
        lines.append(f"  … and {len(wrong) - limit} more (`make run` then `extractor eval ... --errors FILE`)")
    return "\n".join(lines)


def _short(value: object) -> object:
    return value[:40] + "…" if isinstance(value, str) and len(value) > 40 else value


def check(score: DocumentScore, bar: Bar, outcomes: list[Outcome], where: str) -> None:
    """Fail with the number, the bar and the wrong values when `bar` does not hold for `score`."""
    value = bar.read(score)
    if value is None and bar.name == "wrong_fields_flagged":
        pytest.skip(f"{where}: no wrong fields, so nothing to flag")
    sign = "≤" if bar.at_most else "≥"
    if value is None or not bar.holds(value):
        shown = "undefined" if value is None else f"{value:.4f}"
        pytest.fail(
            f"{where} {bar.name} = {shown}, bar {sign} {bar.limit}\n{_wrong(outcomes, bar.family)}", pytrace=False
        )


@pytest.mark.parametrize(("stem", "bar"), _per_sample_params())
def test_sample_holds_the_bar(stem: str, bar: Bar, results: dict[str, DocumentResult]) -> None:
    result = results[stem]
    check(score_results([result]), bar, result.outcomes, stem)


@pytest.mark.parametrize("bar", OVERALL, ids=lambda bar: f"overall-{bar.name}")
def test_all_samples_hold_the_bar(bar: Bar, results: dict[str, DocumentResult]) -> None:
    pooled = list(results.values())
    check(score_results(pooled), bar, [o for r in pooled for o in r.outcomes], "all samples")


def test_a_record_missing_values_falls_under_the_bars(results: dict[str, DocumentResult]) -> None:
    """The bars can fail: the first sample's record without half its figures is caught."""
    stem = STEMS[0]
    gold = _gold(stem)
    assert gold.figures, "the first sample is expected to have gold figures"
    predicted = gold.model_copy(update={"figures": gold.figures[: len(gold.figures) // 2]})
    score = score_results([evaluate_case(Case(stem, gold, predicted, "scored", None))])
    with pytest.raises(pytest.fail.Exception, match="figures_f1"):
        check(score, PER_SAMPLE[0], [], stem)


@pytest.mark.parametrize("stem", STEMS, ids=lambda stem: stem[:3])
def test_every_value_has_a_source_span_holding_its_quote(stem: str, sample_records: dict[str, Record]) -> None:
    source = load_path(SAMPLES / f"{stem}.txt").text
    record = sample_records[stem].model_dump()
    nodes = list(record["figures"]) + list(record["narratives"])
    for project in record["projects"]:
        nodes.append(project)
        nodes.extend(project["indicators"])
    assert nodes
    for node in nodes:
        evidence = node["evidence"]
        assert evidence["start"] is not None, evidence["quote"]
        assert fold(source[evidence["start"] : evidence["end"]])[0] == fold(evidence["quote"])[0]
    pointers = dict(reviewable_pointers(record))
    assert set(pointers) == set(record["assessments"])


def test_samples_and_gold_pair_up() -> None:
    """Every sample has a gold record and every gold record a sample, so no sample goes unscored."""
    assert STEMS and STEMS == sorted(path.stem for path in GOLD.glob("*.json"))
