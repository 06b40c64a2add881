"""Stage `extract`, LLM: a disk cache of accepted answers, a wrapper implementing the protocol.

The key hashes everything that can change an answer: the endpoint's identity (base URL, model,
mode), the prompt's id, version and template digest, the JSON Schema of the response model, the
messages in order (so the chunk text), and the call settings. Accepted answers are stored; so, when the
temperature is 0, is a question whose answers never validated, re-asks included, and one whose answer ran
to `max_tokens` (the same question to the same model fails the same way: a rerun replays the failure, named
so in the run's failures, and splits a cut batch into halves at once, instead of spending the attempts
again; delete the cache to ask anew). A cut stream or a prompt over the server's window is not stored: the
moment or the server's setting, not the question; it is asked again next run. A hit costs no call and no
tokens. An answer is stored under the identity as it is after its call: an endpoint in `auto` mode names
the mode it found only once its first call has probed for it, and an entry keyed `auto` would never be
looked up again (every later call, and every process told the mode, asks by it).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

import diskcache

from extractor.extract.base import Usage
from extractor.extract.llm.client import (
    CallSettings,
    Completion,
    InvalidAnswer,
    ModelClient,
    Prompt,
    T,
    TokenLimit,
    schema_digest,
)

CACHE_FORMAT = 1  # bump when the stored entry's shape changes


def cache_key(
    identity: dict[str, str], prompt: Prompt, response_model: type[object], settings: CallSettings
) -> str:
    parts = {
        "format": CACHE_FORMAT,
        "endpoint": identity,
        "prompt": {"id": prompt.id, "version": prompt.version, "digest": prompt.digest},
        "schema": schema_digest(response_model),  # type: ignore[arg-type]
        "messages": list(prompt.messages),
        "settings": asdict(settings),
    }
    data = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


class Cached:
    def __init__(self, inner: ModelClient, cache: diskcache.Cache | Path | str) -> None:
        self.inner = inner
        self.identity = inner.identity
        self.cache = cache if isinstance(cache, diskcache.Cache) else diskcache.Cache(str(cache))

    def complete(self, prompt: Prompt, response_model: type[T], *, settings: CallSettings) -> Completion[T]:
        key = cache_key(self.identity, prompt, response_model, settings)
        stored = self.cache.get(key)
        if isinstance(stored, dict) and "failed" in stored:
            replayed = TokenLimit if stored.get("kind") == "token_limit" else InvalidAnswer
            raise replayed(f"{stored['failed']} (replayed from the cache)", Usage(cache_hits=1))
        if isinstance(stored, dict):
            return Completion(
                value=response_model.model_validate_json(stored["value"]),
                usage=Usage(cache_hits=1),
                model=stored["model"],
                raw_text=stored["raw_text"],
                finish_reason=stored["finish_reason"],
                cached=True,
            )
        try:
            completion = self.inner.complete(prompt, response_model, settings=settings)
        except (InvalidAnswer, TokenLimit) as exc:
            if settings.temperature == 0:
                kind = "token_limit" if isinstance(exc, TokenLimit) else "invalid"
                failed = {"failed": str(exc), "kind": kind}
                self.cache.set(cache_key(self.identity, prompt, response_model, settings), failed)  # under the mode found, as an answer
            raise
        if completion.finish_reason != "length":  # defence in depth: the adapter raises on these
            self.cache.set(
                cache_key(self.identity, prompt, response_model, settings),  # the mode found by this call, if any
                {
                    "value": completion.value.model_dump_json(),
                    "model": completion.model,
                    "raw_text": completion.raw_text,
                    "finish_reason": completion.finish_reason,
                },
            )
        return completion

    def close(self) -> None:
        self.cache.close()
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()
