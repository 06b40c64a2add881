"""Shared by the review tests: an app on a real database (a SQLite file or a PostgreSQL database's URL), and a
small report with flagged fields."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi.testclient import TestClient

from extractor.review.app import create_app
from extractor.settings import Settings

MINI = Path(__file__).parent / "data" / "review_mini.txt"
BASE = "http://127.0.0.1"


def settings_for(db: Path | str, **extra: object) -> Settings:
    """Rules-only settings on `db`: a SQLite file's path, or a database URL (the `database` fixture's)."""
    url = db if isinstance(db, str) else f"sqlite:///{db}"
    return Settings(database_url=url, **extra).without_llm()  # type: ignore[arg-type]


def client_for(db: Path | str, **extra: object) -> TestClient:
    return TestClient(create_app(settings_for(db, **extra), resume=False), base_url=BASE)


def submit_mini(client: TestClient) -> int:
    response = client.post("/api/documents", json={"name": "mini.txt", "text": MINI.read_text(encoding="utf-8")})
    assert response.status_code == 202, response.text
    return int(response.json()["id"])


@contextmanager
def live_server(settings: Settings) -> Iterator[str]:
    """A real uvicorn server on 127.0.0.1 (a free port) over the app; yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    app = create_app(settings, resume=False)
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "the review server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(10)
