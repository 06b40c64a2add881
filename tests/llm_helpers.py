"""What the tests of the OpenAI adapter share: an invented question and its answer, fast call settings, and
adapters and retry wrappers pointed at the simulated OpenAI-compatible server (`eval.openai_server`; the
`openai_server` and `adapters` fixtures are in conftest.py)."""

from __future__ import annotations

from eval.openai_server import OpenAIServer
from extractor.extract.llm.client import CallSettings, ModelClient, Prompt
from extractor.extract.llm.openai_adapter import OpenAICompatible
from extractor.extract.llm.retrying import Retrying

ANSWER = {"figures": [{"key": "grand_total_revenue", "measure": "actual", "value": 73.5, "quote": "收、支总计73.5万元"}]}
PROMPT = Prompt(
    id="figures",
    version=1,
    digest="d",
    messages=({"role": "system", "content": "抽取"}, {"role": "user", "content": "2041年度收、支总计73.5万元"}),
)
FAST = CallSettings(temperature=0.0, max_tokens=512, max_reasks=1)


def adapter(
    server: OpenAIServer, made: list[OpenAICompatible], mode: str = "json_schema", **kwargs: object
) -> OpenAICompatible:
    """An adapter for `server` in `mode` (5 s idle timeout unless `timeout_s`), closed by the `adapters` fixture."""
    timeout = float(kwargs.pop("timeout_s", 5.0))  # type: ignore[arg-type]
    built = OpenAICompatible("local-model", server.url, kwargs.pop("key", None), mode, timeout, **kwargs)  # type: ignore[arg-type]
    made.append(built)
    return built


def retrying(inner: ModelClient, retries: int = 3) -> Retrying:
    """Transport retries with waits short enough for a test."""
    return Retrying(inner, max_retries=retries, initial_wait_s=0.01, max_wait_s=0.05)
