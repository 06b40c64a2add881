"""The store on SQLite and on PostgreSQL: the schema its migrations make, a release-0.1.0 store opened by this one,
and several reviewers at once on one document (no decision lost, a stale version refused, the export complete)."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import JSON, LargeBinary, bindparam, create_engine, text

from extractor.pipeline import extract_text
from extractor.store import MIGRATIONS, Base, Store, engine_url
from schemas import Record
from tests.review_helpers import MINI, client_for, submit_mini

DATA = Path(__file__).parent / "data"


def _head() -> str:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return str(ScriptDirectory.from_config(config).get_current_head())


def _revision_and_drift(store: Store) -> tuple[str | None, list[Any]]:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return context.get_current_revision(), compare_metadata(context, Base.metadata)


def test_an_empty_database_is_migrated_to_the_schema_the_models_describe(database: str) -> None:
    store = Store(database)
    try:
        revision, drift = _revision_and_drift(store)
        assert revision == _head()
        assert drift == []  # a model changed without a migration shows here
    finally:
        store.close()
    again = Store(database)  # opening a current store changes nothing
    try:
        assert _revision_and_drift(again) == (_head(), [])
    finally:
        again.close()


def test_two_stores_opening_one_empty_database_at_once_both_work(database: str) -> None:
    opened: list[Store] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(3)

    def open_store() -> None:
        barrier.wait()
        try:
            opened.append(Store(database))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        assert _revision_and_drift(opened[0]) == (_head(), [])
    finally:
        for store in opened:
            store.close()


def _legacy_store(url: str) -> tuple[dict[str, Any], int]:
    """A database as release 0.1.0 left it (its create-all schema, no migration table) with a document, its run,
    two fields and a decision in it; returns the record and the document's id."""
    record = json.loads(extract_text("mini.txt", MINI.read_text(encoding="utf-8")).to_json())
    engine = create_engine(engine_url(url))
    ddl = (DATA / f"store_0_1_0.{engine.dialect.name}.sql").read_text(encoding="utf-8")
    ddl = "\n".join(line for line in ddl.splitlines() if not line.startswith("--"))
    statements = [s for s in ddl.split(";\n") if s.strip()]
    stamp = "2024-01-02 03:04:05"
    with engine.begin() as c:
        for statement in statements:
            c.exec_driver_sql(statement)
        raw = MINI.read_bytes()
        document = c.execute(
            text(
                "INSERT INTO documents (name, sha256, raw, text, status, created_at, updated_at) "
                "VALUES ('mini.txt', :sha, :raw, :text, 'done', :at, :at) RETURNING id"
            ).bindparams(bindparam("raw", type_=LargeBinary)),
            {"sha": record["document"]["sha256"], "raw": raw, "text": raw.decode("utf-8"), "at": stamp},
        ).scalar_one()
        run = c.execute(
            text(
                "INSERT INTO runs (document_id, configuration, threshold, record, created_at) "
                "VALUES (:d, 'rules', :t, :r, :at) RETURNING id"
            ).bindparams(bindparam("r", type_=JSON)),
            {"d": document, "t": record["review"]["threshold"], "r": record, "at": stamp},
        ).scalar_one()
        for pointer in ("/figures/0/value", "/figures/1/value"):
            c.execute(
                text(
                    "INSERT INTO fields (run_id, document_id, pointer, family, value, confidence, flagged, flags, "
                    "reasons, source, quote, start, \"end\") VALUES (:run, :d, :p, 'figures', :v, 0.5, :flagged, :f, "
                    ":f, 'rules', NULL, NULL, NULL)"
                ).bindparams(bindparam("v", type_=JSON), bindparam("f", type_=JSON)),
                {"run": run, "d": document, "p": pointer, "v": 1.0, "flagged": True, "f": ["sum_mismatch"]},
            )
        c.execute(
            text(
                "INSERT INTO decisions (document_id, run_id, pointer, version, action, value, previous, reviewer, "
                "created_at) VALUES (:d, :run, '/figures/0/value', 1, 'correct', :v, :prev, 'ann', :at)"
            ).bindparams(bindparam("v", type_=JSON), bindparam("prev", type_=JSON)),
            {"d": document, "run": run, "v": 4321.5, "prev": record["figures"][0]["value"], "at": stamp},
        )
    engine.dispose()
    return record, int(document)


def test_a_store_made_by_release_0_1_0_opens_with_its_data_and_takes_new_decisions(database: str) -> None:
    record, document = _legacy_store(database)
    store = Store(database)
    try:
        assert _revision_and_drift(store) == (_head(), [])  # stamped as the initial revision, then upgraded
        corrected = store.record(document)
        assert corrected["figures"][0]["value"] == 4321.5
        assert corrected["figures"][1]["value"] == record["figures"][1]["value"]
        assert [(d["pointer"], d["version"], d["reviewer"]) for d in store.trail(document)] == [
            ("/figures/0/value", 1, "ann")
        ]
        queue = {f["pointer"]: f["version"] for f in store.fields(document)}
        assert queue == {"/figures/0/value": 1, "/figures/1/value": 0}
        store.decide(document, "/figures/1/value", "correct", "77", "bo", version=0)
        assert store.record(document)["figures"][1]["value"] == 77.0
        Record.model_validate(store.record(document))
    finally:
        store.close()


def test_reviewers_at_once_on_one_document_lose_no_decision(database: str) -> None:
    with client_for(database) as client:
        document = submit_mini(client)
        every = client.get(f"/api/flags?document={document}&all=true&limit=5000").json()
        numbers = [
            f["pointer"]
            for f in every
            if f["pointer"].startswith("/figures/") and f["pointer"].endswith("/value") and f["version"] == 0
        ]
        assert len(numbers) >= 9, "the mini report has figures enough for eight reviewers and one shared field"
        shared, own = numbers[0], numbers[1:9]
        url = f"/api/documents/{document}/reviews"
        barrier = threading.Barrier(len(own))
        results: dict[str, list[int]] = {}

        def review(k: int, pointer: str) -> None:
            name = f"reviewer{k}"
            barrier.wait()
            action = "correct" if k % 2 == 0 else "accept"
            mine = {"pointer": pointer, "action": action, "value": str(1000 + k), "reviewer": name, "version": 0}
            race = {"pointer": shared, "action": "correct", "value": str(5000 + k), "reviewer": name, "version": 0}
            results[name] = [client.post(url, json=body).status_code for body in (mine, race)]

        threads = [threading.Thread(target=review, args=(k, p)) for k, p in enumerate(own)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

        assert sorted(codes[0] for codes in results.values()) == [201] * len(own)  # no decision lost
        assert sorted(codes[1] for codes in results.values()) == [201] + [409] * (len(own) - 1)  # one wins the race
        trail = client.get(url).json()
        assert len(trail) == len(own) + 1 and [d["id"] for d in trail] == sorted(d["id"] for d in trail)
        winner = next(d for d in trail if d["pointer"] == shared)

        stale = client.post(
            url, json={"pointer": own[0], "action": "correct", "value": "1", "reviewer": "late", "version": 0}
        )
        assert stale.status_code == 409 and stale.json()["current_version"] == 1

        exported = json.loads(client.get(f"/api/documents/{document}/export").text)
        for k, pointer in enumerate(own):
            index = int(pointer.split("/")[2])
            if k % 2 == 0:
                assert exported["figures"][index]["value"] == 1000 + k
            assert exported["assessments"][pointer]["source"] == "review"
            assert exported["assessments"][pointer]["reasons"] == [
                f"{'correct' if k % 2 == 0 else 'accept'} by reviewer{k}"
            ]
        assert exported["figures"][int(shared.split("/")[2])]["value"] == winner["value"]
        undecided = {f["pointer"] for f in client.get(f"/api/flags?document={document}&all=true&undecided=true").json()}
        assert undecided.isdisjoint({shared, *own})
