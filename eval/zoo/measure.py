"""Measure the extractor on rendered records: extract the text, score it against the record it states.

In: `Rendered` texts (or the cases to render) and an extraction mode: `rules` (the embedded rules, no model) or
`oracle` (the real LLM path against the simulated OpenAI-compatible server of `eval.simulate`, whose answers
come from the expected record). Out: `Score`s: figures F1, indicator rows F1, indicator cells and budget cells,
the last two as the share of the cells the expected record or the extraction states (in expected rows and
projects) that the extraction got right (eval/README.md's value comparison).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.cases import Case
from eval.harness import evaluate_case
from eval.outcomes import Outcome
from eval.score_indicators import CELL_FIELDS
from eval.summary import score_results
from eval.zoo.render import Rendered
from extractor.load import load_bytes
from extractor.pipeline import run
from schemas import Record

MODES: tuple[str, ...] = ("rules", "oracle")


@dataclass(frozen=True)
class Score:
    figures_f1: float | None
    rows_f1: float | None
    cells: float | None
    budget_cells: float | None
    figures: int  # expected figures
    rows: int  # expected indicator rows


def _share(outcomes: list[Outcome]) -> float | None:
    return sum(o.status == "right" for o in outcomes) / len(outcomes) if outcomes else None


def score(expected: Record, predicted: Record) -> Score:
    """The zoo's four numbers for one extraction against the record its text states."""
    return score_pooled([(expected, predicted)])


def score_pooled(pairs: list[tuple[Record, Record]]) -> Score:
    """The zoo's four numbers over several (expected, predicted) records pooled."""
    results = [
        evaluate_case(Case(name=f"{i}:{e.document.name}", gold=e, predicted=p, status="scored"))
        for i, (e, p) in enumerate(pairs)
    ]
    overall = score_results(results)
    stated = [o for r in results for o in r.outcomes if o.gold is not None or o.paired]
    cells = [o for o in stated if o.family == "indicators" and o.field in CELL_FIELDS]
    budget = [o for o in stated if o.family == "projects" and o.field.startswith("budget/")]
    figures = sum(len(e.figures) for e, _ in pairs)
    rows = sum(len(p.indicators) for e, _ in pairs for p in e.projects)
    return Score(
        figures_f1=overall.figures.f1 if figures or overall.figures.predicted else None,
        rows_f1=overall.indicators.f1 if rows else None,
        cells=_share(cells),
        budget_cells=_share(budget),
        figures=figures,
        rows=rows,
    )


def extract_rules(rendered: Rendered) -> Record:
    """The rules-only record of a rendered text (no model)."""
    loaded = load_bytes(rendered.text.encode("utf-8"), name=rendered.expected.document.name)
    return run(loaded).record


class OracleSession:
    """The real LLM path against the simulated server, answering from each rendering's expected record.
    Use as a context manager; `extract(rendered)` gives the record the pipeline makes."""

    def __init__(self) -> None:
        self._stack: Any = None

    def __enter__(self) -> OracleSession:
        from contextlib import ExitStack

        from eval.openai_server import OpenAIServer
        from extractor.extractors import model_client
        from extractor.settings import Settings

        self._stack = ExitStack()
        self.server = self._stack.enter_context(OpenAIServer())
        scratch = self._stack.enter_context(tempfile.TemporaryDirectory())
        self.settings = Settings.model_validate({
            "EXTRACTOR_LLM_BASE_URL": self.server.url, "llm_model": "simulated-oracle", "llm_mode": "json_schema",
            "cache_dir": Path(scratch), "llm_max_retries": 1,
        })  # fmt: skip
        self.client = model_client(self.settings)
        self._stack.callback(model_client.cache_clear)
        self._stack.callback(self.client.close)  # type: ignore[attr-defined]
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def extract(self, rendered: Rendered) -> Record:
        from eval.simulate import make_responder
        from extractor.extract.llm.extractor import LLMExtractor

        self.server.responder = make_responder(rendered.expected, "oracle")
        llm = LLMExtractor.from_settings(self.settings, self.client)
        loaded = load_bytes(rendered.text.encode("utf-8"), name=rendered.expected.document.name)
        return run(loaded, [llm], configuration=self.settings.fingerprint()).record


@contextmanager
def extractor_for(mode: str) -> Iterator[Any]:
    """A callable Rendered -> Record for `mode` ("rules" or "oracle")."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    if mode == "rules":
        yield extract_rules
        return
    with OracleSession() as session:
        yield session.extract
