"""Shared by the review tests: an app on a real SQLite file, and a small report with flagged fields."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from extractor.review.app import create_app
from extractor.settings import Settings

MINI = Path(__file__).parent / "data" / "review_mini.txt"
BASE = "http://127.0.0.1"


def settings_for(db: Path, **extra: object) -> Settings:
    return Settings(database_url=f"sqlite:///{db}", cache_dir=db.parent / "cache", **extra).without_llm()  # type: ignore[arg-type]


def client_for(db: Path, **extra: object) -> TestClient:
    return TestClient(create_app(settings_for(db, **extra), resume=False), base_url=BASE)


def submit_mini(client: TestClient) -> int:
    response = client.post("/api/documents", json={"name": "mini.txt", "text": MINI.read_text(encoding="utf-8")})
    assert response.status_code == 202, response.text
    return int(response.json()["id"])
