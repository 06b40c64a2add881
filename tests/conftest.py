"""Shared fixtures: the bundled samples, their rules-only records (computed once per session), a store
database on SQLite and on PostgreSQL (`database`), the simulated OpenAI-compatible server and the adapters
pointed at it (`openai_server`, `adapters`; helpers in tests/llm_helpers.py), and a guard that fails any
non-loopback network call."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from eval.openai_server import OpenAIServer
from extractor.extract.llm.openai_adapter import OpenAICompatible
from extractor.load import load_path
from extractor.pipeline import run
from schemas import Record
from tests.postgres import Server

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "eval" / "samples"
GOLD = ROOT / "eval" / "gold"

# Speed is measured by benchmarks that print numbers, never by a test's clock: a property test on a loaded
# machine (CI, or two cores shared by several suites) must not fail for being slow.
settings.register_profile("unhurried", deadline=None)
settings.load_profile("unhurried")

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address, *args, **kwargs):  # type: ignore[no-untyped-def]
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and host not in ("127.0.0.1", "localhost", "::1") and not host.startswith("/"):
        raise RuntimeError(f"network call to {host!r} in a test; only 127.0.0.1 is allowed")
    return _real_connect(self, address, *args, **kwargs)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def sample_records(sample_paths: list[Path]) -> dict[str, Record]:
    """The rules-only record of each sample by file stem, as `extractor extract` writes and eval reads it."""
    return {
        path.stem: Record.model_validate_json(run(load_path(path)).record.model_dump_json()) for path in sample_paths
    }


@pytest.fixture
def openai_server() -> Iterator[OpenAIServer]:
    """The simulated OpenAI-compatible server on 127.0.0.1 (replies queued with `enqueue`, or a `responder`)."""
    with OpenAIServer() as running:
        yield running


@pytest.fixture
def adapters() -> Iterator[list[OpenAICompatible]]:
    """Adapters made by a test (`tests.llm_helpers.adapter` appends them), closed after it."""
    made: list[OpenAICompatible] = []
    yield made
    for adapter in made:
        adapter.close()


@pytest.fixture(scope="session")
def postgres() -> Iterator[Server]:
    """One throwaway PostgreSQL server for the session (see tests/postgres.py)."""
    try:
        server = Server.start()
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty store database's URL: a SQLite file, then a PostgreSQL database (every test that takes it runs
    on both)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'review.db'}"
    server: Server = request.getfixturevalue("postgres")
    return server.create_database()
