"""Stage `extract`, LLM: ask a model for each (chunk, family) the router allows, at most once per run.

In: the normalized document, its chunks and their routes; a `ModelClient` stack; the families
(`extractor.families`: each one's prompt, answer model and converter). Out: an `Extraction` of "llm"
candidates, the chunks that failed (`ChunkFailure`, the rest goes on) and the usage (calls, cache
hits, server-reported tokens, failed attempts). One request asks one family about a batch of
consecutive routed chunks (each delimited apart) up to `batch_chars`, because the instructions cost
the same whether they come with 200 characters or 4,000. Calls run concurrently on a bounded pool.
An answer cut at the token limit is never accepted: its batch is halved (by chunks, then a chunk at
the line nearest its middle) and each half asked again, down to `max_splits` levels; a document that
spends its token budget makes no further calls. A configuration error (bad key, unknown model) stops
the document. `max_questions` bounds the questions asked about one document (in document order, cache
hits included, so a rerun asks the same ones); the questions past it are failures ("not asked"), so the
record says it is incomplete and a rerun with a larger bound asks only for them.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

from extractor.chunk import Chunk
from extractor.extract.base import Candidate, ChunkFailure, Extraction, Usage
from extractor.extract.llm.client import (
    BudgetExhausted,
    CallSettings,
    IncompleteAnswer,
    LLMError,
    ModelClient,
    ModelUnavailable,
)
from extractor.extract.llm.convert import Batch, to_candidates
from extractor.extract.llm.echo import example_projects, flag_echoes
from extractor.extract.llm.prompts import Block, PromptTemplate, load_prompt, prompt_manifest
from extractor.families import FAMILIES, Registry
from extractor.normalize import Normalized
from extractor.route import Routes, route
from extractor.settings import Settings

MAX_SPLITS = 4  # a batch halved at most four times
BATCH_CHARS = 4800  # chunk text per request: two chunks of the chunker's largest size


class TokenBudget:
    """Tokens a document may spend, failed attempts included; shared by its concurrent calls."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.spent = 0
        self._lock = threading.Lock()

    def check(self) -> None:
        with self._lock:
            if self.spent >= self.limit:
                raise BudgetExhausted(f"token budget of {self.limit} spent ({self.spent} tokens)")

    def charge(self, usage: Usage) -> None:
        with self._lock:
            self.spent += usage.prompt_tokens + usage.completion_tokens


@dataclass
class _Outcome:
    candidates: list[Candidate] = field(default_factory=list)
    failures: list[ChunkFailure] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)


class LLMExtractor:
    name = "llm"

    def __init__(
        self,
        client: ModelClient,
        settings: CallSettings | None = None,
        *,
        concurrency: int = 4,
        token_budget: int = 400_000,
        families: Registry = FAMILIES,
        prompts: dict[str, PromptTemplate] | None = None,
        max_splits: int = MAX_SPLITS,
        batch_chars: int = BATCH_CHARS,
        max_questions: int | None = None,
    ) -> None:
        self.client = client
        self.settings = settings or CallSettings()
        self.concurrency = max(1, concurrency)
        self.token_budget = token_budget
        self.families = families
        self.prompts = prompts or {family.name: load_prompt(family) for family in families}
        # each prompt's own example projects, which a model may repeat instead of reading (`echo`)
        self._examples = {name: example_projects(p.example()[1]) for name, p in self.prompts.items()}
        self.max_splits = max_splits
        self.batch_chars = batch_chars
        self.max_questions = max_questions

    @classmethod
    def from_settings(cls, settings: Settings, client: ModelClient) -> LLMExtractor:
        return cls(
            client,
            CallSettings.from_settings(settings),
            concurrency=settings.llm_concurrency,
            token_budget=settings.llm_token_budget,
            max_questions=settings.llm_max_questions,
        )

    def extract(self, doc: Normalized, chunks: list[Chunk], routes: Routes | None = None) -> Extraction:
        """Every (chunk, family) of the routes (the router's, with these families, when none are given) asked."""
        routes = routes if routes is not None else route(chunks, self.families)
        tasks = sorted(
            ((batch, family) for family in self.prompts for batch in batches(chunks, family, self.batch_chars, routes)),
            key=lambda task: (task[0].pieces[0].chunk.id, list(self.prompts).index(task[1])),
        )  # in document order, so candidates come out in document order
        budget = TokenBudget(self.token_budget)
        extraction = Extraction()
        if self.max_questions is not None:
            for batch, family in tasks[self.max_questions :]:
                _fail(extraction, batch, family, f"not asked: over {self.max_questions} questions per document")
            tasks = tasks[: self.max_questions]
        with ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="llm") as pool:
            futures = [pool.submit(self._ask_batch, doc, batch, family, budget) for batch, family in tasks]
            try:
                for future in futures:
                    outcome = future.result()
                    extraction.candidates.extend(outcome.candidates)
                    extraction.failures.extend(outcome.failures)
                    extraction.usage.add(outcome.usage)
            except ModelUnavailable:
                for future in futures:
                    future.cancel()
                raise
        return extraction

    def manifest(self) -> dict[str, Any]:
        """What produced the LLM candidates, for `record.meta.run`: endpoint, parameters, prompt and schema hashes."""
        identity = dict(self.client.identity)
        return {
            "model": identity.get("model"),
            "mode": identity.get("mode"),
            "base_url": identity.get("base_url"),
            "parameters": asdict(self.settings),
            "token_budget": self.token_budget,
            "batch_chars": self.batch_chars,
            "max_questions": self.max_questions,
            "prompts": prompt_manifest(self.prompts),
        }

    def _ask_batch(self, doc: Normalized, batch: Batch, family: str, budget: TokenBudget) -> _Outcome:
        outcome = _Outcome()
        self._ask(doc, batch, family, budget, outcome, depth=0)
        return outcome

    def _ask(self, doc: Normalized, batch: Batch, family: str, budget: TokenBudget, outcome: _Outcome, depth: int) -> None:
        prompt = self.prompts[family]
        blocks = [Block(p.text, p.chunk.trail, p.chunk.project) for p in batch.pieces]
        try:
            budget.check()
            completion = self.client.complete(prompt.render(blocks), prompt.answer, settings=self.settings)
        except ModelUnavailable as exc:
            outcome.usage.add(exc.usage)
            raise
        except IncompleteAnswer as exc:
            self._spend(exc.usage, budget, outcome)
            halves = batch.halves() if depth < self.max_splits else None
            if halves is None:
                _fail(outcome, batch, family, "answer cut at the token limit, even after splitting")
                return
            for half in halves:
                self._ask(doc, half, family, budget, outcome, depth + 1)
            return
        except LLMError as exc:
            self._spend(exc.usage, budget, outcome)
            _fail(outcome, batch, family, f"{type(exc).__name__}: {exc}")
            return
        self._spend(completion.usage, budget, outcome)
        convert = self.families[family].convert
        candidates = to_candidates(completion.value, batch, doc, convert=convert, rule=prompt.ref)
        flag_echoes(candidates, self._examples[family])
        outcome.candidates.extend(candidates)

    @staticmethod
    def _spend(usage: Usage, budget: TokenBudget, outcome: _Outcome) -> None:
        budget.charge(usage)
        outcome.usage.add(usage)


def batches(chunks: list[Chunk], family: str, limit: int, routes: Routes | None = None) -> list[Batch]:
    """The chunks routed to `family` (by `routes`, else by the registered families), in order, packed into
    batches of at most `limit` characters.

    A section's chunks (the same two outer headings, or the same project) go into one batch when they fit
    in one, so a passage running over a section's subsections is seen whole; a chunk larger than the limit
    is a batch of its own; `limit` 0 asks about one chunk per request.
    """
    routes = routes if routes is not None else route(chunks, FAMILIES)
    groups: list[list[Chunk]] = []
    for chunk in chunks:
        if family not in routes.get(chunk.id, ()):
            continue
        if groups and _section(groups[-1][-1]) == _section(chunk):
            groups[-1].append(chunk)
        else:
            groups.append([chunk])
    # a section that fits in a batch is packed whole; a larger one chunk by chunk
    units = [part for group in groups
             for part in ([group] if sum(len(c.text) for c in group) <= limit else [[c] for c in group])]  # fmt: skip
    out: list[list[Chunk]] = []
    size = 0
    for unit in units:
        unit_size = sum(len(chunk.text) for chunk in unit)
        if out and size + unit_size <= limit:
            out[-1].extend(unit)
            size += unit_size
        else:
            out.append(list(unit))
            size = unit_size
    return [Batch.of(group) for group in out]


def _section(chunk: Chunk) -> tuple[str | None, tuple[str, ...]]:
    return (chunk.project, chunk.trail[:2]) if chunk.project is None else (chunk.project, ())


def _fail(outcome: _Outcome | Extraction, batch: Batch, family: str, reason: str) -> None:
    where = batch.where()
    for chunk_id in dict.fromkeys(p.chunk.id for p in batch.pieces):
        outcome.failures.append(ChunkFailure(chunk_id=chunk_id, family=family, reason=reason + where))
