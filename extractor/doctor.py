"""Can the configured model be used, and how: `extractor doctor`, and the check `extract` runs first.

In: settings. Out: for `preflight`, None or one line saying why the model cannot be used (unreachable,
not a server, key refused, model unknown, too slow, no structured-output mode works); for `diagnose`,
rows of checks (endpoint, key, model, each mode, latency and speed, concurrency) with what to set.
The questions asked are the probe's (`extract.llm.probe`): small, one per mode, never re-asked.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from extractor.extract.llm.client import LLMError, ModelUnavailable, ShapeRejected, StreamCut, TimedOut, TransportError
from extractor.extract.llm.openai_adapter import OpenAICompatible
from extractor.extract.llm.probe import AUTO_ORDER, ModeCheck, check_mode
from extractor.extractors import layer, model_client
from extractor.settings import Settings

DEFAULT_URL = "https://api.openai.com/v1"
SERIAL_FACTOR = 1.7  # two probes at once taking this much longer than one: the server answers one at a time
# the longest prompt a run sends: a batch of chunk text (4,800 characters) and the instructions, at up to two
# tokens a character (a small vocabulary reading Chinese); the idle timeout must cover reading it
LONGEST_PROMPT_TOKENS = 15_000
LONGEST_ANSWER_TOKENS = 1_024  # a sized answer's allowance for a full batch (`extract.llm.sizing`), typically


def preflight(settings: Settings) -> str | None:
    """Probe the run's own model stack once (finding the mode in `auto`); None when it can be used."""
    adapter = layer(model_client(settings), OpenAICompatible)
    if adapter is None:
        return None
    try:
        adapter.check()
    except LLMError as exc:
        return explain(exc, settings)
    return None


def explain(exc: LLMError, settings: Settings) -> str:
    """One line for a user: what failed, and which setting to look at."""
    url = settings.llm_base_url or DEFAULT_URL
    status = getattr(exc, "status", None)
    if isinstance(exc, ShapeRejected):
        return (
            f"the model endpoint {url} refuses {settings.llm_mode} requests ({exc}): "
            "set EXTRACTOR_LLM_MODE=auto, or run `extractor doctor` to see which modes it takes"
        )
    if isinstance(exc, ModelUnavailable) and status in (401, 403):
        return f"the model endpoint {url} refused the API key (HTTP {status}): check EXTRACTOR_LLM_API_KEY"
    if isinstance(exc, ModelUnavailable) and status == 404:
        return (
            f"the model endpoint {url} does not serve model {settings.llm_model!r} (HTTP 404: {_said(exc)}): "
            "check EXTRACTOR_LLM_MODEL, and that EXTRACTOR_LLM_BASE_URL ends where /chat/completions starts (…/v1)"
        )
    if isinstance(exc, TimedOut):
        return (
            f"the model endpoint {url} sent nothing within EXTRACTOR_LLM_TIMEOUT_S={settings.llm_timeout_s:g}s: "
            "is it overloaded, or is the timeout too short for it?"
        )
    if isinstance(exc, TransportError) and status is None and not isinstance(exc, ModelUnavailable):
        return f"{exc} ({url}): is the server running? (EXTRACTOR_LLM_BASE_URL)"
    return f"the model cannot be used ({url}, model {settings.llm_model!r}): {exc}"


@dataclass
class Row:
    check: str
    status: str  # "ok", "fail", "warn", "info"
    result: str
    advice: str = ""


def diagnose(settings: Settings) -> tuple[list[Row], list[str]]:
    """Every check, in order, and the `export` lines to set; stops early when the endpoint cannot be reached."""
    rows = [Row("configuration", "info", f"{settings.llm_base_url or DEFAULT_URL} · model {settings.llm_model!r} · "
                f"mode {settings.llm_mode} · timeout {settings.llm_timeout_s:g}s")]  # fmt: skip
    adapter = OpenAICompatible.from_settings(settings.model_copy(update={"llm_mode": "json_schema"}))
    try:
        if not _endpoint_rows(adapter, settings, rows):
            return rows, []
        checks: list[ModeCheck] = []
        for mode in AUTO_ORDER:
            checks.append(check_mode(adapter, mode))
            fatal = checks[-1]
            if fatal.outcome == "fatal" and fatal.error is not None:  # unreachable, refused, too slow: no mode helps
                rows.extend(_mode_row(check, settings) for check in checks[:-1])
                rows.append(Row(f"mode {fatal.mode}", "fail", explain(fatal.error, settings)))
                return rows, []
        rows.extend(_mode_row(check, settings) for check in checks)
        working = [c for c in checks if c.outcome == "ok"]
        if not working:
            rows.append(Row("structured output", "fail", "no mode returned a valid answer", "try a larger model"))
            return rows, []
        return rows, _advice(adapter, working[0], settings, rows)
    finally:
        adapter.close()


def _endpoint_rows(adapter: OpenAICompatible, settings: Settings, rows: list[Row]) -> bool:
    started = time.monotonic()
    try:
        models = adapter.list_models()
    except ModelUnavailable as exc:
        if exc.status in (401, 403):
            rows.append(Row("endpoint", "ok", f"answers ({time.monotonic() - started:.2f}s)"))
            rows.append(Row("key", "fail", f"refused (HTTP {exc.status})", "set EXTRACTOR_LLM_API_KEY"))
            return False
        rows.append(Row("endpoint", "ok", f"answers; no model list (HTTP {exc.status}) ({time.monotonic() - started:.2f}s)"))
        rows.append(Row("key", "info", "not checked by the model list; see the modes below"))
        return True
    except TransportError as exc:
        rows.append(Row("endpoint", "fail", explain(exc, settings)))
        return False
    rows.append(Row("endpoint", "ok", f"answers ({time.monotonic() - started:.2f}s)"))
    rows.append(Row("key", "ok", "accepted" if settings.llm_api_key else "none needed"))
    if not models or settings.llm_model in models:
        rows.append(Row("model", "ok", f"{settings.llm_model!r} listed" if models else "the server lists no names"))
    else:
        listed = ", ".join(models[:5])
        rows.append(Row("model", "warn", f"{settings.llm_model!r} not listed (lists: {listed})",
                        f"EXTRACTOR_LLM_MODEL={models[0]}"))  # fmt: skip
    return True


def _mode_row(check: ModeCheck, settings: Settings) -> Row:
    name = f"mode {check.mode}"
    if check.outcome == "ok":
        right = "" if check.right else " (valid, but read the amount wrong)"
        return Row(name, "ok", f"valid answer in {check.seconds:.2f}s{right}")
    label = {"rejected": "refused by the server", "invalid": "no valid answer", "fatal": "failed"}[check.outcome]
    detail = check.detail.replace(" from the model endpoint", "")[:110]
    return Row(name, "fail" if check.outcome == "fatal" else "warn", f"{label}: {detail}")


def _advice(adapter: OpenAICompatible, best: ModeCheck, settings: Settings, rows: list[Row]) -> list[str]:
    exports = []
    if settings.llm_mode not in ("auto", best.mode):
        exports.append(f"EXTRACTOR_LLM_MODE={best.mode}")
    speed, reading = best.tokens_per_s, best.prompt_tokens_per_s
    rows.append(Row("latency", "info", f"probe answered in {best.seconds:.2f}s"
                    + (f", first token after {best.first_token_s:.2f}s" if best.first_token_s else "")
                    + (f", reads ≈{reading:.1f} prompt tokens/s" if reading else "")
                    + (f", writes ≈{speed:.1f} tokens/s" if speed else "")))  # fmt: skip
    # the first token of the longest prompt must come within the idle timeout, the whole answer within the call bound
    reading_s = LONGEST_PROMPT_TOKENS / reading if reading else best.seconds * 13
    wanted_timeout = float(round(max(60.0, 1.5 * reading_s)))
    wanted_call = float(round(max(600.0, 1.5 * (reading_s + LONGEST_ANSWER_TOKENS / (speed or 1.0)))))
    advice = []
    if settings.llm_timeout_s < wanted_timeout:
        advice.append(f"EXTRACTOR_LLM_TIMEOUT_S={wanted_timeout:g}")
    if settings.llm_call_max_s < wanted_call:
        advice.append(f"EXTRACTOR_LLM_CALL_MAX_S={wanted_call:g}")
    rows[-1].advice = " ".join(advice)
    exports.extend(advice)
    rows.append(_concurrency_row(adapter, best.mode))
    if rows[-1].advice:
        exports.append(rows[-1].advice)
    return exports


def _concurrency_row(adapter: OpenAICompatible, mode: str) -> Row:
    """Two probes at once: a server that answers one at a time starts the second answer only after the first
    ended (read from the streams' first tokens, which load on the machine does not fool); without streams,
    the pair's wall time against one warm probe's."""
    pair, wall = _concurrent_probes(adapter, mode)
    errors = [c.detail for c in pair if c.outcome in ("fatal", "rejected")]  # an invalid answer is the model's
    if errors:
        return Row("concurrency", "warn", f"two probes at once failed: {errors[0]}", "EXTRACTOR_LLM_CONCURRENCY=1")
    if any(isinstance(c.error, StreamCut) for c in pair):  # llama-cpp-python's server, by default
        said = "two probes at once: the server cut one answer when the other arrived"
        return Row("concurrency", "warn", f"{said}: answers one at a time", "EXTRACTOR_LLM_CONCURRENCY=1")
    firsts = [c.first_token_s for c in pair if c.outcome == "ok" and c.first_token_s is not None]
    if len(firsts) == 2:
        first = min(pair, key=lambda c: c.seconds)
        # the second began once the first was more than half written: it waited for it (not merely for the CPU)
        serial = max(firsts) >= ((first.first_token_s or 0.0) + first.seconds) / 2
        said = f"two probes at once: the second began answering after {max(firsts):.2f}s, the first ended at {first.seconds:.2f}s"
    else:
        single = check_mode(adapter, mode)  # warm, like the pair (a server may reuse the prompt it just read)
        serial = wall > SERIAL_FACTOR * single.seconds and wall > 0.2
        said = f"two probes at once took {wall:.2f}s, one alone {single.seconds:.2f}s"
    if serial:
        return Row("concurrency", "warn", f"{said}: answers one at a time", "EXTRACTOR_LLM_CONCURRENCY=1")
    return Row("concurrency", "ok", said)


def _concurrent_probes(adapter: OpenAICompatible, mode: str) -> tuple[list[ModeCheck], float]:
    checks: list[ModeCheck] = []

    def ask() -> None:
        checks.append(check_mode(adapter, mode))

    threads = [threading.Thread(target=ask) for _ in range(2)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return checks, time.monotonic() - started


def _said(exc: BaseException) -> str:
    text = str(exc)
    return text.split(": ", 1)[-1][:160]
