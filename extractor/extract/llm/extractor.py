"""Stage `extract`, LLM: ask a model for each (chunk, family) the router allows, at most once per run.

In: the normalized document and its chunks; a `ModelClient` stack. Out: an `Extraction` of "llm"
candidates, the chunks that failed (`ChunkFailure`, the rest goes on) and the usage (calls, cache
hits, server-reported tokens, failed attempts). Calls run concurrently on a bounded pool. An answer
cut at the token limit is never accepted: its piece is split at the line nearest the middle and
each half asked again, down to `max_splits` levels; a document that spends its token budget makes
no further calls. A configuration error (bad key, unknown model) stops the document.
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
from extractor.extract.llm.convert import Piece, to_candidates
from extractor.extract.llm.prompts import PromptTemplate, load_prompt, prompt_manifest
from extractor.extract.llm.targets import ANSWERS
from extractor.normalize import Normalized
from extractor.route import families_for
from extractor.settings import Settings

MAX_SPLITS = 3  # a chunk cut in halves at most three times: eight pieces


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
        prompts: dict[str, PromptTemplate] | None = None,
        max_splits: int = MAX_SPLITS,
    ) -> None:
        self.client = client
        self.settings = settings or CallSettings()
        self.concurrency = max(1, concurrency)
        self.token_budget = token_budget
        self.prompts = prompts or {family: load_prompt(family) for family in ANSWERS}
        self.max_splits = max_splits

    @classmethod
    def from_settings(cls, settings: Settings, client: ModelClient) -> LLMExtractor:
        return cls(
            client,
            CallSettings.from_settings(settings),
            concurrency=settings.llm_concurrency,
            token_budget=settings.llm_token_budget,
        )

    def extract(self, doc: Normalized, chunks: list[Chunk]) -> Extraction:
        tasks = list(dict.fromkeys((chunk, family) for chunk in chunks for family in families_for(chunk)))
        budget = TokenBudget(self.token_budget)
        extraction = Extraction()
        with ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="llm") as pool:
            futures = [pool.submit(self._ask_chunk, doc, chunk, family, budget) for chunk, family in tasks]
            try:
                for future in futures:  # in task order, so candidates come out in document order
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
            "prompts": prompt_manifest(tuple(self.prompts)),
        }

    def _ask_chunk(self, doc: Normalized, chunk: Chunk, family: str, budget: TokenBudget) -> _Outcome:
        outcome = _Outcome()
        self._ask(doc, Piece.whole(chunk), family, budget, outcome, depth=0)
        return outcome

    def _ask(self, doc: Normalized, piece: Piece, family: str, budget: TokenBudget, outcome: _Outcome, depth: int) -> None:
        prompt = self.prompts[family]
        try:
            budget.check()
            completion = self.client.complete(
                prompt.render(piece.text, trail=piece.chunk.trail, project=piece.chunk.project),
                ANSWERS[family],
                settings=self.settings,
            )
        except ModelUnavailable as exc:
            outcome.usage.add(exc.usage)
            raise
        except IncompleteAnswer as exc:
            self._spend(exc.usage, budget, outcome)
            halves = piece.halves() if depth < self.max_splits else None
            if halves is None:
                self._fail(outcome, piece, family, "answer cut at the token limit, even after splitting")
                return
            for half in halves:
                self._ask(doc, half, family, budget, outcome, depth + 1)
            return
        except LLMError as exc:
            self._spend(exc.usage, budget, outcome)
            self._fail(outcome, piece, family, f"{type(exc).__name__}: {exc}")
            return
        self._spend(completion.usage, budget, outcome)
        outcome.candidates.extend(to_candidates(completion.value, piece, doc, prompt.ref))

    @staticmethod
    def _spend(usage: Usage, budget: TokenBudget, outcome: _Outcome) -> None:
        budget.charge(usage)
        outcome.usage.add(usage)

    @staticmethod
    def _fail(outcome: _Outcome, piece: Piece, family: str, reason: str) -> None:
        whole = piece.start == piece.chunk.start and len(piece.text) == len(piece.chunk.text)
        where = "" if whole else f" ({piece.where})"
        outcome.failures.append(ChunkFailure(chunk_id=piece.chunk.id, family=family, reason=reason + where))
