"""A throwaway PostgreSQL server for the store tests: Debian's `postgresql` binaries, a cluster made by initdb in
a temporary folder, started by pg_ctl on 127.0.0.1 (a free port, no fsync), removed at the end of the session.

`EXTRACTOR_TEST_POSTGRES` names a server to use instead (a URL of a role that may create databases); each test
gets a database of its own either way. As root, initdb and the server run as the `postgres` user Debian creates.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

INSTALL_HINT = (
    "the store tests need PostgreSQL's server binaries (initdb, pg_ctl): `make test` installs Debian's postgresql "
    "when it may (root with apt-get); otherwise run 'sudo apt-get install postgresql', or set EXTRACTOR_PG_BINDIR "
    "to their folder, or EXTRACTOR_TEST_POSTGRES to a server's URL"
)


def bindir() -> Path | None:
    """Where initdb and pg_ctl are: EXTRACTOR_PG_BINDIR, Debian's newest /usr/lib/postgresql/N/bin, or the PATH."""
    given = os.environ.get("EXTRACTOR_PG_BINDIR")
    if given:
        return Path(given)
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if debian:
        return debian[-1].parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


class Server:
    """A PostgreSQL server the tests may create databases on; `url(name)` is a database's SQLAlchemy URL."""

    def __init__(self, admin_url: str, folder: Path | None = None, stop: list[str] | None = None) -> None:
        self.admin_url = admin_url
        self.folder = folder
        self._stop = stop
        self._names = itertools.count(1)

    @classmethod
    def start(cls) -> Server:
        given = os.environ.get("EXTRACTOR_TEST_POSTGRES")
        if given:
            return cls(given)
        found = bindir()
        if found is None or not (found / "pg_ctl").exists():
            raise RuntimeError(INSTALL_HINT)
        folder = Path(tempfile.mkdtemp(prefix="extractor-pg-"))
        as_user = _as_postgres(folder)
        data = folder / "data"
        port = _free_port()
        subprocess.run(
            [*as_user, str(found / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
             "--no-sync", "--locale=C"],
            check=True, capture_output=True,
        )  # fmt: skip
        options = f"-h 127.0.0.1 -p {port} -k {folder} -F -c max_connections=200"
        stop = [*as_user, str(found / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
        started = subprocess.run(
            [*as_user, str(found / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"],
            capture_output=True, text=True,
        )  # fmt: skip
        if started.returncode != 0:
            log = (folder / "log").read_text(errors="replace") if (folder / "log").exists() else ""
            shutil.rmtree(folder, ignore_errors=True)
            raise RuntimeError(f"PostgreSQL did not start: {started.stderr.strip()} {log[-2000:]}")
        return cls(f"postgresql://postgres@127.0.0.1:{port}/postgres", folder, stop)

    def create_database(self) -> str:
        """A new empty database; returns its URL (as a user would write it: `postgresql://...`)."""
        import psycopg

        name = f"t{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')  # a name of our own, not input
        head, _sep, _old = self.admin_url.rpartition("/")
        return f"{head}/{name}"

    def stop(self) -> None:
        if self._stop:
            subprocess.run(self._stop, capture_output=True, check=False)
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)


def _as_postgres(folder: Path) -> list[str]:
    """The command prefix that runs the server's programs: as `postgres` when we are root (initdb refuses root)."""
    if os.geteuid() != 0:
        return []
    shutil.chown(folder, "postgres")
    return ["runuser", "-u", "postgres", "--"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
