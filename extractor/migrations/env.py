"""Alembic's environment: migrations run on the connection `extractor.store` hands over.

The store opens its engine, takes a lock where the database has one (PostgreSQL: an advisory lock,
so two servers starting on one empty database do not both create it) and runs `upgrade head` here
on that connection. The models' metadata is the target, so `alembic revision --autogenerate` (with
`-x url=...`) writes the next migration from a change to `extractor/store.py`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from extractor.store import Base

config = context.config
target_metadata = Base.metadata


def run_with(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("give the database: alembic -x url=postgresql://... (or sqlite:///FILE)")
    engine = create_engine(url)
    with engine.connect() as conn:
        run_with(conn)
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run()
