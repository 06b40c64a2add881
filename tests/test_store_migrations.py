"""A store made by this release, or by release 0.1.0, opens with the next one: its migrations run on SQLite and on
PostgreSQL and the data stays. The next release is played by a copy of the package's migrations with one revision
more (a column added), as the next version of the package would ship it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

import extractor.store as store_module
from extractor.store import MIGRATIONS, Store
from tests.test_store import _legacy_store

NEXT_REVISION = '''"""The next release: documents get a note."""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
'''


@contextmanager
def next_release(tmp_path: Path) -> Iterator[None]:
    """Within it, stores open with the package's migrations and one revision more."""
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "0002_note.py").write_text(NEXT_REVISION, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store_module, "MIGRATIONS", folder)
        yield


def _revision_and_columns(store: Store) -> tuple[str | None, set[str]]:
    with store.engine.connect() as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
        return revision, {column["name"] for column in inspect(connection).get_columns("documents")}


def test_a_store_of_this_release_is_upgraded_by_the_next_with_its_data(database: str, tmp_path: Path) -> None:
    store = Store(database)
    try:
        assert _revision_and_columns(store)[0] == "0001"
        document = store.add_document("mini.txt", "0" * 64, b"2031\n", "2031\n").id
    finally:
        store.close()
    with next_release(tmp_path):
        upgraded = Store(database)
        try:
            revision, columns = _revision_and_columns(upgraded)
            assert revision == "0002" and "note" in columns
            assert [d.name for d in upgraded.documents()] == ["mini.txt"]
            assert upgraded.source(document) == (b"2031\n", "2031\n")
        finally:
            upgraded.close()


def test_a_store_of_release_0_1_0_is_stamped_then_upgraded_by_the_next(database: str, tmp_path: Path) -> None:
    record, document = _legacy_store(database)
    with next_release(tmp_path):
        store = Store(database)
        try:
            revision, columns = _revision_and_columns(store)
            assert revision == "0002" and "note" in columns
            assert store.record(document)["figures"][0]["value"] == 4321.5  # its decision applied, as before
            assert store.record(document)["figures"][1]["value"] == record["figures"][1]["value"]
        finally:
            store.close()
