"""The store: documents, runs, records, fields (with their assessments) and review decisions.

A real database through SQLAlchemy: SQLite by default (WAL journal, foreign keys on, a writing
transaction takes the write lock when it begins), PostgreSQL through psycopg 3 (`postgresql://...`).
The schema is made and kept by Alembic migrations (`extractor/migrations`): opening a store brings
it to the newest revision, so a store made by one version opens with the next. Decisions are
versioned per (document, pointer): a decision names the version it was made on, and a stale version
is refused with `Conflict` instead of silently overwriting a colleague's decision (a unique index
settles two that race).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    cast,
    create_engine,
    event,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from extractor import corrections
from schemas.pointers import resolve

STATUSES: tuple[str, ...] = ("queued", "running", "done", "failed")
MIGRATIONS = Path(__file__).parent / "migrations"
INITIAL_REVISION = "0001"  # the schema release 0.1.0 made with create-all, before migrations
MIGRATION_LOCK = 0x62756467  # PostgreSQL advisory lock held while a store is brought up to date


class Conflict(Exception):
    """A decision made on a version of the field that is no longer current."""

    def __init__(self, pointer: str, expected: int, current: int) -> None:
        super().__init__(
            f"{pointer} was decided by someone else meanwhile (you saw version {expected}, it is now {current}); "
            "reload and decide again"
        )
        self.pointer, self.expected, self.current = pointer, expected, current


class NotFound(LookupError):
    pass


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)


class RunRow(Base):
    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    configuration: Mapped[str] = mapped_column(String(300))
    threshold: Mapped[float] = mapped_column(Float)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class FieldRow(Base):
    __tablename__ = "fields"
    __table_args__ = (
        UniqueConstraint("run_id", "pointer"),
        Index("ix_fields_queue", "flagged", "confidence"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    pointer: Mapped[str] = mapped_column(String(200))
    family: Mapped[str] = mapped_column(String(20))
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    confidence: Mapped[float] = mapped_column(Float)
    flagged: Mapped[bool] = mapped_column(Boolean)
    flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(40))
    quote: Mapped[str | None] = mapped_column(Text, nullable=True)
    start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end: Mapped[int | None] = mapped_column(Integer, nullable=True)


class DecisionRow(Base):
    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("run_id", "pointer", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"))
    pointer: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(10))
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    previous: Mapped[Any] = mapped_column(JSON, nullable=True)
    reviewer: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


@dataclass(frozen=True)
class Document:
    id: int
    name: str
    sha256: str
    status: str
    error: str | None
    created_at: str
    size: int

    @classmethod
    def of(cls, row: DocumentRow) -> Document:
        return cls(row.id, row.name, row.sha256, row.status, row.error, row.created_at.isoformat(), len(row.raw))


def family_of(pointer: str) -> str:
    if pointer.startswith("/figures/"):
        return "figures"
    if pointer.startswith("/narratives/"):
        return "narratives"
    return "indicators" if "/indicators/" in pointer else "projects"


def _field_dict(row: FieldRow, document_name: str, version: int, decision: DecisionRow | None) -> dict[str, Any]:
    return {
        "document": row.document_id,
        "document_name": document_name,
        "pointer": row.pointer,
        "family": row.family,
        "value": row.value,
        "confidence": row.confidence,
        "flagged": row.flagged,
        "flags": row.flags,
        "reasons": row.reasons,
        "source": row.source,
        "evidence": {"quote": row.quote, "start": row.start, "end": row.end},
        "version": version,
        "decision": None if decision is None else _decision_dict(decision),
    }


def _decision_dict(row: DecisionRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "document": row.document_id,
        "run": row.run_id,
        "pointer": row.pointer,
        "version": row.version,
        "action": row.action,
        "value": row.value,
        "previous": row.previous,
        "reviewer": row.reviewer,
        "at": row.created_at.isoformat(timespec="seconds") + "Z",
    }


def engine_url(url: str) -> URL:
    """The SQLAlchemy URL for a store URL: `postgresql://` (and `postgres://`) means psycopg 3."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1) if url.startswith("postgres://") else url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun by `_sqlite_begin`, not by the driver
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")  # first: switching to WAL takes a lock another opener may hold
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """A writing transaction takes SQLite's write lock at once (BEGIN IMMEDIATE), waiting its turn: one that read
    first and wrote later would fail at once when another wrote between (a stale snapshot cannot be upgraded)."""
    connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.get_execution_options().get("writes") else "BEGIN")


def migrate(engine: Engine) -> None:
    """Bring the database to the newest revision; a store made before migrations is stamped as the initial one.

    On PostgreSQL an advisory lock is held meanwhile, so servers and batches opening one database at once do not
    both create its tables."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.execution_options(writes=True).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        current = MigrationContext.configure(connection).get_current_revision()
        if current is None and inspect(connection).has_table("documents"):
            command.stamp(config, INITIAL_REVISION)
        command.upgrade(config, "head")


class Store:
    """All persistence of the review service, behind plain methods that return plain data."""

    def __init__(self, url: str) -> None:
        self.url = url
        target = engine_url(url)
        is_sqlite = target.get_backend_name() == "sqlite"
        self.engine = create_engine(
            target, connect_args={"check_same_thread": False} if is_sqlite else {}, pool_pre_ping=not is_sqlite
        )
        if is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        try:
            migrate(self.engine)
        except BaseException:
            self.engine.dispose()
            raise
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writes = sessionmaker(self.engine.execution_options(writes=True), expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self, *, writes: bool = False) -> Iterator[Session]:
        """A transaction; `writes` for one that changes the store (on SQLite it waits for the write lock first)."""
        with (self._writes if writes else self._sessions)() as session, session.begin():
            yield session

    # documents ---------------------------------------------------------------------------------

    def add_document(self, name: str, sha256: str, raw: bytes, text: str) -> Document:
        with self.session(writes=True) as s:
            row = DocumentRow(name=name, sha256=sha256, raw=raw, text=text, status="queued")
            s.add(row)
            s.flush()
            return Document.of(row)

    def set_status(self, document_id: int, status: str, error: str | None = None) -> None:
        assert status in STATUSES, status
        with self.session(writes=True) as s:
            row = self._document_row(s, document_id)
            row.status, row.error = status, error

    def document(self, document_id: int) -> Document:
        with self.session() as s:
            return Document.of(self._document_row(s, document_id))

    def documents(self) -> list[Document]:
        with self.session() as s:
            return [Document.of(r) for r in s.scalars(select(DocumentRow).order_by(DocumentRow.id))]

    def unfinished(self) -> list[int]:
        """Documents whose extraction was queued or running when the server stopped."""
        with self.session() as s:
            rows = s.scalars(select(DocumentRow.id).where(DocumentRow.status.in_(("queued", "running"))))
            return list(rows)

    def source(self, document_id: int) -> tuple[bytes, str]:
        with self.session() as s:
            row = self._document_row(s, document_id)
            return row.raw, row.text

    # runs and fields ---------------------------------------------------------------------------

    def save_run(self, document_id: int, record: dict[str, Any]) -> int:
        """Store an extracted record and one field row per reviewable value; the document is done."""
        with self.session(writes=True) as s:
            return self._save_run(s, self._document_row(s, document_id), record)

    def import_record(self, name: str, raw: bytes, text: str, record: dict[str, Any]) -> int | None:
        """Put a record a batch extracted into the review queue: its document (found by name and bytes, or added)
        gets the record as its current run. None when that document's current run already has this record's
        configuration (a batch run again adds nothing)."""
        sha256 = str((record.get("document") or {}).get("sha256", ""))
        configuration = str(((record.get("meta") or {}).get("run") or {}).get("configuration", ""))
        with self.session(writes=True) as s:
            doc = s.scalars(
                select(DocumentRow).where(DocumentRow.name == name, DocumentRow.sha256 == sha256).order_by(DocumentRow.id)
            ).first()
            if doc is None:
                doc = DocumentRow(name=name, sha256=sha256, raw=raw, text=text, status="running")
                s.add(doc)
                s.flush()
            else:
                latest = s.scalars(
                    select(RunRow.configuration).where(RunRow.document_id == doc.id).order_by(RunRow.id.desc()).limit(1)
                ).first()
                if latest == configuration:
                    return None
            self._save_run(s, doc, record)
            return doc.id

    def _save_run(self, s: Session, doc: DocumentRow, record: dict[str, Any]) -> int:
        threshold = float((record.get("review") or {}).get("threshold", 0.0))
        assessments: dict[str, Any] = record.get("assessments") or {}
        document_id = doc.id
        configuration = str(((record.get("meta") or {}).get("run") or {}).get("configuration", ""))
        run = RunRow(document_id=document_id, configuration=configuration, threshold=threshold, record=record)
        s.add(run)
        s.flush()
        for pointer, value in corrections.reviewable(record).items():
            a = assessments.get(pointer) or {"confidence": 0.0, "flags": ["unassessed"], "source": "?"}
            evidence = _evidence_of(record, pointer)
            s.add(
                FieldRow(
                    run_id=run.id,
                    document_id=document_id,
                    pointer=pointer,
                    family=family_of(pointer),
                    value=value,
                    confidence=float(a["confidence"]),
                    flagged=float(a["confidence"]) < threshold,
                    flags=list(a.get("flags") or []),
                    reasons=list(a.get("reasons") or []),
                    source=str(a.get("source", "")),
                    quote=evidence.get("quote"),
                    start=evidence.get("start"),
                    end=evidence.get("end"),
                )
            )
        doc.status, doc.error = "done", None
        return run.id

    def current_run(self, session: Session, document_id: int) -> RunRow:
        run = session.scalars(
            select(RunRow).where(RunRow.document_id == document_id).order_by(RunRow.id.desc()).limit(1)
        ).first()
        if run is None:
            status = self._document_row(session, document_id).status
            raise NotFound(f"document {document_id} has no record yet (status: {status})")
        return run

    def record(self, document_id: int) -> dict[str, Any]:
        """The current record with every decision applied."""
        with self.session() as s:
            return self.record_unlocked(s, self.current_run(s, document_id))

    def view(self, document_id: int) -> dict[str, Any]:
        """The current record as the reviewer sees it: decisions applied, rejected values null in their place."""
        with self.session() as s:
            return self.view_unlocked(s, self.current_run(s, document_id))

    def views(self, document_ids: set[int]) -> dict[int, dict[str, Any]]:
        """`view` of each of these documents that has a record."""
        out = {}
        with self.session() as s:
            for document_id in sorted(document_ids):
                try:
                    out[document_id] = self.view_unlocked(s, self.current_run(s, document_id))
                except NotFound:
                    continue
        return out

    def fields(
        self,
        document_id: int | None = None,
        *,
        flagged_only: bool = True,
        family: str | None = None,
        reason: str | None = None,
        undecided_only: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Fields of the documents' current runs, lowest confidence first, each with its version and decision.

        `limit`/`offset` page them in the database (`count_fields` says how many there are in all)."""
        with self.session() as s:
            q = self._fields_query(document_id, flagged_only, family, reason, undecided_only)
            q = q.order_by(FieldRow.confidence, FieldRow.document_id, FieldRow.id).offset(offset)
            if limit is not None:
                q = q.limit(limit)
            rows = s.execute(q).all()
            last = self._last_decisions(s, {r[0].run_id for r in rows})
            out = []
            for field, name in rows:
                decision = last.get((field.run_id, field.pointer))
                out.append(_field_dict(field, name, decision.version if decision else 0, decision))
            return out

    def count_fields(
        self,
        document_id: int | None = None,
        *,
        flagged_only: bool = True,
        family: str | None = None,
        reason: str | None = None,
        undecided_only: bool = False,
    ) -> int:
        """How many fields `fields` would list with these filters and no limit."""
        with self.session() as s:
            q = self._fields_query(document_id, flagged_only, family, reason, undecided_only).subquery()
            return int(s.scalar(select(func.count()).select_from(q)) or 0)

    @staticmethod
    def _fields_query(
        document_id: int | None, flagged_only: bool, family: str | None, reason: str | None, undecided_only: bool
    ) -> Any:  # a Select of (FieldRow, document name); its generic form differs between SQLAlchemy 2.0 and 2.1
        latest = select(RunRow.document_id, func.max(RunRow.id).label("run_id")).group_by(RunRow.document_id)
        if document_id is not None:
            latest = latest.where(RunRow.document_id == document_id)
        current = latest.subquery()
        q = (
            select(FieldRow, DocumentRow.name)
            .join(current, FieldRow.run_id == current.c.run_id)
            .join(DocumentRow, DocumentRow.id == FieldRow.document_id)
        )
        if flagged_only:
            q = q.where(FieldRow.flagged.is_(True))
        if family:
            q = q.where(FieldRow.family == family)
        if reason:  # flags are a JSON list of names: the name, quoted, is in its text
            quoted = json.dumps(reason).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            q = q.where(cast(FieldRow.flags, Text).like(f"%{quoted}%", escape="\\"))
        if undecided_only:
            decided = select(DecisionRow.id).where(
                DecisionRow.run_id == FieldRow.run_id, DecisionRow.pointer == FieldRow.pointer
            )
            q = q.where(~decided.exists())
        return q

    def reasons(self) -> list[str]:
        """Every flag that occurs on a flagged field of a current run (for the queue's filter)."""
        seen: set[str] = set()
        with self.session() as s:
            # as text: PostgreSQL has no equality on json, so no DISTINCT of it
            flags = cast(FieldRow.flags, Text)
            for listed in s.scalars(self._fields_query(None, True, None, None, False).with_only_columns(flags).distinct()):
                seen.update(json.loads(listed) if listed else ())
        return sorted(seen)

    # decisions ---------------------------------------------------------------------------------

    def decide(
        self,
        document_id: int,
        pointer: str,
        action: str,
        value: Any,
        reviewer: str,
        version: int | None = None,
    ) -> dict[str, Any]:
        """Record a decision on the current run. `version` is the field's version the reviewer saw."""
        if not reviewer.strip():
            raise corrections.CorrectionError("a decision needs the reviewer's name")
        try:
            with self.session(writes=True) as s:
                run = self.current_run(s, document_id)
                current = self.view_unlocked(s, run)  # pointers as extracted: a rejected item keeps its place
                stored = corrections.check(run.record, pointer, action, value)
                last = self._last_decisions(s, {run.id}).get((run.id, pointer))
                current_version = last.version if last else 0
                if version is not None and version != current_version:
                    raise Conflict(pointer, version, current_version)
                row = DecisionRow(
                    document_id=document_id,
                    run_id=run.id,
                    pointer=pointer,
                    version=current_version + 1,
                    action=action,
                    value=stored,
                    previous=resolve(current, pointer),
                    reviewer=reviewer.strip(),
                )
                s.add(row)
                s.flush()
                return _decision_dict(row)
        except IntegrityError as exc:  # a colleague's decision on the same version landed first
            raise Conflict(pointer, version or 0, (version or 0) + 1) from exc

    def trail(self, document_id: int) -> list[dict[str, Any]]:
        """Every decision on the document, oldest first: who, when, what, from which value to which."""
        with self.session() as s:
            self._document_row(s, document_id)
            rows = s.scalars(select(DecisionRow).where(DecisionRow.document_id == document_id).order_by(DecisionRow.id))
            return [_decision_dict(r) for r in rows]

    def progress(self, document_id: int) -> dict[str, int]:
        """How many flagged fields there are, how many were checked, and how many of those corrected."""
        flagged = self.fields(document_id)
        decided = [f for f in flagged if f["decision"]]
        trail = self.trail(document_id)
        return {
            "flagged": len(flagged),
            "checked": len({d["pointer"] for d in trail}),
            "flagged_checked": len(decided),
            "corrected": len({d["pointer"] for d in trail if d["action"] == "correct"}),
            "rejected": len({d["pointer"] for d in trail if d["action"] == "reject"}),
        }

    # helpers -----------------------------------------------------------------------------------

    def record_unlocked(self, session: Session, run: RunRow) -> dict[str, Any]:
        return corrections.apply(run.record, self._decisions(session, run))

    def view_unlocked(self, session: Session, run: RunRow) -> dict[str, Any]:
        return corrections.apply(run.record, self._decisions(session, run), keep_places=True)

    @staticmethod
    def _decisions(session: Session, run: RunRow) -> list[corrections.Decision]:
        rows = session.scalars(select(DecisionRow).where(DecisionRow.run_id == run.id).order_by(DecisionRow.id))
        return [corrections.Decision(d.pointer, d.action, d.value, d.reviewer) for d in rows]

    @staticmethod
    def _last_decisions(session: Session, run_ids: set[int]) -> dict[tuple[int, str], DecisionRow]:
        if not run_ids:
            return {}
        rows = session.scalars(select(DecisionRow).where(DecisionRow.run_id.in_(run_ids)).order_by(DecisionRow.id))
        return {(r.run_id, r.pointer): r for r in rows}

    @staticmethod
    def _document_row(session: Session, document_id: int) -> DocumentRow:
        row = session.get(DocumentRow, document_id)
        if row is None:
            raise NotFound(f"no document {document_id}")
        return row


def _evidence_of(record: dict[str, Any], pointer: str) -> dict[str, Any]:
    """The evidence of the item a pointer belongs to (the figure, indicator, project or narrative)."""
    tokens = pointer.lstrip("/").split("/")
    for cut in (4, 2):  # /projects/i/indicators/j, then /figures/i, /projects/i, /narratives/i
        if len(tokens) > cut and (cut == 2 or tokens[2] == "indicators"):
            try:
                item = resolve(record, "/" + "/".join(tokens[:cut]))
            except (KeyError, IndexError):
                continue
            if isinstance(item, dict) and isinstance(item.get("evidence"), dict):
                return dict(item["evidence"])
    return {}
