"""The local batch holds `llm_concurrency` for the whole run: one model-client stack however many documents start
at once (and so one bound, one probe, one cache)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from eval.openai_server import OpenAIServer, Recorded, Reply
from eval.simulate import request_family
from extractor.batch import plan_batch, run_batch
from extractor.extractors import model_client
from extractor.outputs import collect_inputs
from extractor.settings import Settings


@pytest.fixture(autouse=True)
def fresh_stacks() -> Iterator[None]:
    model_client.cache_clear()
    yield
    model_client.cache_clear()


def _settings(url: str, tmp_path: Path, concurrency: int) -> Settings:
    return Settings.model_validate({
        "llm_base_url": url, "llm_model": "m", "llm_api_key": "none", "llm_concurrency": concurrency,
        "cache_dir": tmp_path / "cache", "llm_max_retries": 0,
    })  # fmt: skip


def test_threads_asking_for_the_stack_at_once_get_one(tmp_path: Path) -> None:
    settings = _settings("http://127.0.0.1:9/v1", tmp_path, 4)
    start = threading.Barrier(8)
    got: list[object] = []

    def ask() -> None:
        start.wait()
        got.append(model_client(settings))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(got) == 8 and all(client is got[0] for client in got)


def test_a_batch_of_many_documents_at_once_keeps_to_the_bound(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for k in range(6):  # a report of our own per document: a heading and one sentence with a total
        text = f"单位{k}2023年度部门决算\n\n一、收入支出决算总体情况说明\n2023年度收、支总计{10 + k}.50万元。\n"
        (inputs / f"unit{k}.txt").write_text(text, encoding="utf-8")

    def slow_empty(request: Recorded) -> Reply:
        return Reply.json({request_family(request.body): []}, usage=(100, 5), delay_s=0.3)

    with OpenAIServer(slow_empty) as server:
        settings = _settings(server.url, tmp_path, 2)
        plan = plan_batch(collect_inputs([inputs]), tmp_path / "out")
        result = run_batch(plan, settings, jobs=6)  # no model check first: the workers meet the stack together
        assert len(result.written) == 6 and not result.failed
        assert len(server.requests) >= 6
        assert server.max_in_flight == 2
        assert len(server.probes) == 1  # one stack, which found the mode once
