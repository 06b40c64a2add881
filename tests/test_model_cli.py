"""`extract` checks the model first and fails loudly; `doctor` says what works and what to set.

Fault injection against the simulated server on 127.0.0.1: a closed port, a URL that is not one, a
refused key, a zero timeout, an unknown model, a server that refuses json_schema, one that goes down
after the check (the circuit breaker), and usage that matches the requests the server saw.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eval.openai_server import PROFILES, OpenAIServer, Recorded, Reply
from extractor.cli import app
from extractor.extractors import model_client
from schemas import Record

runner = CliRunner()
REPORT = """一、收入支出决算总体情况
2041年度收、支总计73.50万元。本年支出合计61.20万元，其中基本支出50.00万元，项目支出11.20万元。
二、部门职责
示例站主要负责全区河道水位的监测和预警。
三、政府采购情况
政府采购支出总额4.00万元，其中：政府采购服务支出4.00万元。
"""


@pytest.fixture(autouse=True)
def fresh_stacks() -> Iterator[None]:
    model_client.cache_clear()
    yield
    model_client.cache_clear()


@pytest.fixture
def report(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT, encoding="utf-8")
    (folder / "b.txt").write_text(REPORT.replace("73.50", "83.50"), encoding="utf-8")
    return folder


def env(url: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "EXTRACTOR_LLM_BASE_URL": url,
        "EXTRACTOR_LLM_MODEL": "local-model",
        "EXTRACTOR_LLM_API_KEY": "k-test",
        "EXTRACTOR_CACHE_DIR": str(tmp_path / "cache"),
        "EXTRACTOR_LLM_MAX_RETRIES": "1",
        "COLUMNS": "240",  # one table row a line
        **extra,
    }


def empty_answer(request: Recorded) -> Reply:
    name = json.dumps(request.body, ensure_ascii=False)
    key = next(k for k, n in (("figures", "FiguresAnswer"), ("projects", "ProjectsAnswer"),
                              ("narratives", "NarrativesAnswer")) if n in name)  # fmt: skip
    return Reply.json({key: []})


def closed_port() -> str:
    with OpenAIServer() as gone:
        return gone.url


def one_error_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, output
    assert "Traceback" not in output
    return lines[0]


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        ("closed", "cannot reach the model endpoint"),
        ("not-a-url", "is not an http(s) URL"),
        ("refused-key", "refused the API key (HTTP 401)"),
        ("zero-timeout", "greater than 0"),
        ("unknown-model", "does not serve model 'local-model' (HTTP 404"),
        ("json-schema-refused", "refuses json_schema requests"),
    ],
)
def test_extract_stops_at_once_with_one_line_when_the_model_cannot_be_used(
    setup: str, words: str, report: Path, tmp_path: Path
) -> None:
    profile = {
        "refused-key": PROFILES["openai"].__class__(api_key="another-key"),
        "unknown-model": PROFILES["openai"].__class__(models=frozenset({"other-model"})),
        "json-schema-refused": PROFILES["llama-cpp-python"],
    }.get(setup, PROFILES["openai"])
    with OpenAIServer(empty_answer, profile=profile) as server:
        url = {"closed": closed_port(), "not-a-url": "localhost:8080"}.get(setup, server.url)
        extra = {"EXTRACTOR_LLM_TIMEOUT_S": "0"} if setup == "zero-timeout" else {}
        if setup == "json-schema-refused":
            extra["EXTRACTOR_LLM_MODE"] = "json_schema"
        started = time.monotonic()
        result = runner.invoke(app, ["extract", str(report), "--out", str(tmp_path / "out")], env=env(url, tmp_path, **extra))
    assert result.exit_code == 2, result.output
    assert words in one_error_line(result.output)
    assert time.monotonic() - started < 60  # no retries (20 s a document before); the openai import is most of it
    assert not list((tmp_path / "out").glob("*.json"))  # nothing extracted
    assert len(server.requests) == 0 and len(server.probes) <= 1  # one probe at most, never retried


def test_auto_mode_extracts_with_the_mode_found_and_counts_every_request(report: Path, tmp_path: Path) -> None:
    seen: list[int] = []

    def bad_json_once(request: Recorded) -> Reply:  # every first ask gets broken JSON: each is re-asked
        seen.append(1)
        return Reply.text('{"figures": [') if len(request.body["messages"]) == 2 else empty_answer(request)

    queueing = replace(PROFILES["llama-cpp-python"], interrupts=False)  # cut answers: the test below
    with OpenAIServer(bad_json_once, profile=queueing) as server:
        result = runner.invoke(app, ["extract", str(report), "--out", str(tmp_path / "out")], env=env(server.url, tmp_path))
    assert result.exit_code == 0, result.output
    record = Record.model_validate_json((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))
    assert record.meta.run and record.meta.run["llm"]["mode"] == "json_object_schema"
    calls = int(re.search(r"LLM: (\d+) calls", result.output).group(1))  # type: ignore[union-attr]
    assert calls == len(server.requests) == len(seen) and calls % 2 == 0  # re-asks counted
    assert "2 probe calls" in result.output  # json_schema refused, json_object_schema answered


def test_an_endpoint_that_goes_down_mid_run_trips_the_breaker_and_the_exit_says_incomplete(
    report: Path, tmp_path: Path
) -> None:
    with OpenAIServer(lambda request: Reply.failure(503, "upstream gone")) as server:
        extra = {"EXTRACTOR_LLM_BREAKER_FAILURES": "2", "EXTRACTOR_LLM_MAX_RETRIES": "0", "EXTRACTOR_LLM_CONCURRENCY": "1"}
        started = time.monotonic()
        result = runner.invoke(app, ["extract", str(report), "--out", str(tmp_path / "out")], env=env(server.url, tmp_path, **extra))
    assert result.exit_code == 1, result.output
    assert "2 written" in result.output  # every record written, with what the rules found
    assert "the rest of the run was rules-only" in result.output and "incomplete:" in result.output
    assert len(server.requests) == 2  # the breaker opened at the second failure: nothing sent after
    assert time.monotonic() - started < 60
    record = json.loads((tmp_path / "out" / "b.json").read_text(encoding="utf-8"))
    assert record["meta"]["run"]["failures"] and any(f["value"] == 73.5 or f["value"] == 83.5 for f in record["figures"])


def test_doctor_prints_what_works_and_what_to_set(tmp_path: Path) -> None:
    slow_single = PROFILES["llama-cpp-python"].__class__(
        "slow-llama", json_schema="500", tools="ignore", single_slot=True, token_delay_s=0.03,
        models=frozenset({"local-model"}),
    )  # fmt: skip
    with OpenAIServer(profile=slow_single) as server:
        result = runner.invoke(app, ["doctor"], env=env(server.url, tmp_path, EXTRACTOR_LLM_MODE="json_schema"))
    assert result.exit_code == 0, result.output
    out = result.output
    assert re.search(r"mode json_schema .*refused by the server", out)
    assert re.search(r"mode json_object_schema .*ok .*valid answer", out)
    assert re.search(r"mode tools .*no valid answer", out)
    assert "'local-model' listed" in out
    assert "EXTRACTOR_LLM_MODE=json_object_schema" in out and "EXTRACTOR_LLM_CONCURRENCY=1" in out
    assert "the model can be used" in out


def test_doctor_tells_a_server_that_cuts_an_answer_when_another_arrives(tmp_path: Path) -> None:
    cutting = replace(PROFILES["llama-cpp-python"], token_delay_s=0.25)  # each probe streams a second or more
    with OpenAIServer(profile=cutting) as server:
        result = runner.invoke(app, ["doctor"], env=env(server.url, tmp_path))
    said = " ".join(result.output.split())
    assert result.exit_code == 0, result.output
    assert server.cut >= 1 and "the server cut one answer when the other arrived" in said
    assert "EXTRACTOR_LLM_CONCURRENCY=1" in result.output


@pytest.mark.parametrize("single_slot", [True, False])
def test_doctor_tells_a_server_that_answers_one_at_a_time_by_when_the_second_answer_starts(
    single_slot: bool, tmp_path: Path
) -> None:
    profile = PROFILES["openai"].__class__("paced", single_slot=single_slot, token_delay_s=0.03)
    with OpenAIServer(profile=profile) as server:
        result = runner.invoke(app, ["doctor"], env=env(server.url, tmp_path))
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())  # the table wraps its cells
    assert "two probes at once: the second began answering after" in said
    assert ("answers one at a time" in said) is single_slot
    assert ("EXTRACTOR_LLM_CONCURRENCY=1" in result.output) is single_slot


def test_doctor_raises_timeouts_too_short_for_the_server(tmp_path: Path) -> None:
    with OpenAIServer(profile="slow") as server:
        settings = env(server.url, tmp_path, EXTRACTOR_LLM_TIMEOUT_S="5", EXTRACTOR_LLM_CALL_MAX_S="5")
        result = runner.invoke(app, ["doctor"], env=settings)
    assert result.exit_code == 0, result.output
    export = next(line for line in result.output.splitlines() if line.startswith("export "))
    timeout = float(re.search(r"EXTRACTOR_LLM_TIMEOUT_S=(\d+)", export).group(1))  # type: ignore[union-attr]
    call_max = float(re.search(r"EXTRACTOR_LLM_CALL_MAX_S=(\d+)", export).group(1))  # type: ignore[union-attr]
    assert 60 <= timeout <= call_max  # a whole answer takes at least as long as its first token


@pytest.mark.parametrize(("setup", "words"), [("closed", "cannot reach"), ("refused-key", "refused (HTTP 401)")])
def test_doctor_fails_with_the_reason(setup: str, words: str, tmp_path: Path) -> None:
    profile = PROFILES["openai"].__class__(api_key="another-key") if setup == "refused-key" else PROFILES["openai"]
    with OpenAIServer(profile=profile) as server:
        url = closed_port() if setup == "closed" else server.url
        result = runner.invoke(app, ["doctor"], env=env(url, tmp_path))
    assert result.exit_code == 1, result.output
    assert words in result.output and "the model cannot be used" in result.output
