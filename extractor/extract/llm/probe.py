"""Stage `extract`, LLM: find how an endpoint answers in structure, with one small question per mode.

In: something that can ask a question in a given mode (`ModeProber`, the OpenAI adapter). Out:
`ModeCheck`s, one per mode tried. `detect_mode` tries the modes in `AUTO_ORDER` (JSON schema, then
llama.cpp's json_object with a `schema`, then tools, then plain JSON, then fenced JSON) and stops at the
first that returns a valid instance. A refusal that no mode can fix (the endpoint is unreachable, the
key is refused, the model is unknown, the server is too slow) stops the search at once: it is the
configuration, not the mode. A refused request shape or an answer that does not validate moves on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal, Protocol

from pydantic import BaseModel

from extractor.extract.base import Usage
from extractor.extract.llm.client import (
    CallSettings,
    Completion,
    IncompleteAnswer,
    InvalidAnswer,
    LLMError,
    ModelUnavailable,
    Prompt,
    ShapeRejected,
    T,
    TransportError,
)

AUTO_ORDER: tuple[str, ...] = ("json_schema", "json_object_schema", "tools", "json", "md_json")
PROBE_MARKER = "extractor-probe"  # lets a simulated server tell the probe from extraction requests
PROBE_TOTAL = 1519.86
PROBE_SETTINGS = CallSettings(temperature=0.0, max_tokens=160, max_reasks=0)
PROBE_PROMPT = Prompt(
    id="probe",
    version=1,
    digest="probe-v1",
    messages=(
        {"role": "system", "content": "You read one amount from a sentence and answer with JSON only."},
        {
            "role": "user",
            "content": f"[{PROBE_MARKER}] Sentence: \"Total spending was {PROBE_TOTAL} (unit: 10,000 yuan).\" "
            'Answer as {"total": <the number>, "unit": "<its unit>"}.',
        },
    ),
)

Outcome = Literal["ok", "rejected", "invalid", "fatal"]


class ProbeAnswer(BaseModel):
    """The probe's answer: the amount and its unit."""

    total: float
    unit: str


class ModeProber(Protocol):
    def complete_in(
        self, mode: str, prompt: Prompt, response_model: type[T], *, settings: CallSettings
    ) -> Completion[T]: ...


@dataclass
class ModeCheck:
    """What one mode's probe did: ok, rejected (the server refuses the shape), invalid, or fatal."""

    mode: str
    outcome: Outcome
    seconds: float
    usage: Usage = field(default_factory=Usage)
    detail: str = ""
    right: bool | None = None  # whether the answer read the amount correctly (a valid answer may not)
    completion_tokens: int = 0
    error: LLMError | None = None
    first_token_s: float | None = None  # how long the server took to read the prompt and start answering

    @property
    def tokens_per_s(self) -> float | None:
        """Generation speed: completion tokens over the time after the first token (the whole call if unknown)."""
        generating = self.seconds - (self.first_token_s or 0.0)
        return self.completion_tokens / generating if self.completion_tokens and generating > 0 else None

    @property
    def prompt_tokens_per_s(self) -> float | None:
        """Prompt reading speed: the probe's prompt tokens over the time to its first token."""
        if not self.first_token_s or not self.usage.prompt_tokens:
            return None
        return self.usage.prompt_tokens / self.first_token_s


def check_mode(client: ModeProber, mode: str) -> ModeCheck:
    """Ask the probe question once in `mode`, without re-asks, and say how it went."""
    started = time.monotonic()
    try:
        completion = client.complete_in(mode, PROBE_PROMPT, ProbeAnswer, settings=PROBE_SETTINGS)
    except ShapeRejected as exc:
        return _failed(mode, "rejected", started, exc)
    except (InvalidAnswer, IncompleteAnswer) as exc:
        return _failed(mode, "invalid", started, exc)
    except (ModelUnavailable, TransportError) as exc:
        return _failed(mode, "fatal", started, exc)
    except LLMError as exc:
        return _failed(mode, "invalid", started, exc)
    answer = completion.value
    return ModeCheck(
        mode=mode,
        outcome="ok",
        seconds=completion.seconds or time.monotonic() - started,
        usage=completion.usage,
        detail=f"answered total={answer.total:g} unit={answer.unit[:20]!r}",
        right=abs(answer.total - PROBE_TOTAL) < 0.005,
        completion_tokens=completion.usage.completion_tokens,
        first_token_s=completion.first_token_s,
    )


def detect_mode(client: ModeProber, modes: tuple[str, ...] = AUTO_ORDER) -> list[ModeCheck]:
    """Probe `modes` in order up to the first that works; the last check is the one that decided.

    Raises the fatal error of a check that no mode can fix, and `ModelUnavailable` naming every mode's
    failure when none works.
    """
    checks: list[ModeCheck] = []
    for mode in modes:
        check = check_mode(client, mode)
        checks.append(check)
        if check.outcome == "ok":
            return checks
        if check.outcome == "fatal" and check.error is not None:
            check.error.usage = total_usage(checks)
            raise check.error
    tried = "; ".join(f"{c.mode}: {c.outcome} ({c.detail})" for c in checks)
    raise ModelUnavailable(f"no structured-output mode works with this endpoint: {tried}", total_usage(checks))


def total_usage(checks: list[ModeCheck]) -> Usage:
    usage = Usage()
    for check in checks:
        usage.add(check.usage)
    return usage


def _failed(mode: str, outcome: Outcome, started: float, exc: LLMError) -> ModeCheck:
    return ModeCheck(
        mode=mode,
        outcome=outcome,
        seconds=time.monotonic() - started,
        usage=exc.usage,
        detail=str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__,
        error=exc,
    )
