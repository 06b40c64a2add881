"""Stage `extract`, LLM: a scripted model client for tests of the extractor logic (no HTTP).

`enqueue()` answers in order (a response-model instance, a dict validated into the response model,
an `LLMError` to raise, or a callable of the prompt); when the queue is empty the `responder`
answers, else an empty answer of the response model. `history` records every call.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from extractor.extract.base import Usage
from extractor.extract.llm.client import CallSettings, Completion, LLMError, Prompt, T


def estimate_tokens(text: str) -> int:
    """A tokenizer-free estimate: one token per CJK character, one per four other characters."""
    cjk = sum(1 for ch in text if ch >= "\u2e80")
    return cjk + (len(text) - cjk + 3) // 4


@dataclass(frozen=True)
class FakeCall:
    prompt: Prompt
    response_model: type[BaseModel]
    settings: CallSettings

    @property
    def text(self) -> str:
        return "\n".join(m["content"] for m in self.prompt.messages)


Scripted = BaseModel | dict[str, Any] | LLMError | Callable[[Prompt], Any]


class FakeModel:
    identity = {"base_url": "fake://", "model": "fake", "mode": "fake"}

    def __init__(self, responder: Callable[[Prompt, type[BaseModel]], Any] | None = None) -> None:
        self.responder = responder
        self.history: list[FakeCall] = []
        self._queue: deque[Scripted] = deque()
        self._lock = threading.Lock()

    def enqueue(self, *answers: Scripted) -> None:
        with self._lock:
            self._queue.extend(answers)

    def complete(self, prompt: Prompt, response_model: type[T], *, settings: CallSettings) -> Completion[T]:
        with self._lock:
            self.history.append(FakeCall(prompt, response_model, settings))
            scripted = self._queue.popleft() if self._queue else None
        if scripted is None and self.responder is not None:
            scripted = self.responder(prompt, response_model)
        if callable(scripted) and not isinstance(scripted, BaseModel):
            scripted = scripted(prompt)
        if isinstance(scripted, LLMError):
            raise scripted
        value = response_model.model_validate(scripted if scripted is not None else {})
        raw = value.model_dump_json()
        prompt_text = "\n".join(m["content"] for m in prompt.messages)
        usage = Usage(calls=1, prompt_tokens=estimate_tokens(prompt_text), completion_tokens=estimate_tokens(raw))
        return Completion(value=value, usage=usage, model="fake", raw_text=raw, finish_reason="stop")

    @property
    def calls(self) -> int:
        return len(self.history)
