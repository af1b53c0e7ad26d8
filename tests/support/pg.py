"""A real PostgreSQL server for the test session, started and stopped by the tests.

No Docker and nothing set up by hand: the server binaries come from Debian's
`postgresql` package (the Makefile installs it). `initdb` and `postgres` refuse to
run as root, so as root they run as the `postgres` user (`runuser`) in a temporary
folder that user owns; otherwise they run as the current user. The server listens
on 127.0.0.1 on a free port, trusts the `khiu` superuser, and runs with fsync off
(tests only: a crash of the test machine loses nothing we care about). Every test
gets a fresh empty database (`CREATE DATABASE … TEMPLATE template0`).
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

SUPERUSER = "khiu"
PASSWORD_GROUP = "pw_required"


def find_bindir() -> Path | None:
    """The PostgreSQL server binaries: $KHIU_PG_BINDIR, pg_config, or Debian's folder."""
    candidates: list[str] = []
    if os.environ.get("KHIU_PG_BINDIR"):
        candidates.append(os.environ["KHIU_PG_BINDIR"])
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            candidates.append(
                subprocess.run(
                    [pg_config, "--bindir"], capture_output=True, text=True, check=True
                ).stdout.strip()
            )
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for candidate in candidates:
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PgServer:
    """One PostgreSQL cluster in a temporary folder, on loopback."""

    def __init__(self, *, fsync: bool = False, bindir: Path | None = None) -> None:
        found = bindir or find_bindir()
        if found is None:
            raise RuntimeError(
                "PostgreSQL server binaries not found: install the Debian package "
                "'postgresql' (make test does it when run as root) or set KHIU_PG_BINDIR"
            )
        self.bindir = found
        self.fsync = fsync
        self.as_root = os.geteuid() == 0 if hasattr(os, "geteuid") else False
        self.base = Path(tempfile.mkdtemp(prefix="khiu-pg-"))
        self.data = self.base / "data"
        self.sockets = self.base / "run"
        self.log = self.base / "server.log"
        self.port = free_port()
        self.host = "127.0.0.1"
        self._names = itertools.count(1)
        self.running = False

    # ------------------------------------------------------------ processes
    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        command = list(args)
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, check=False, cwd=self.base
        )

    def _check(self, result: subprocess.CompletedProcess[str], what: str) -> None:
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise RuntimeError(f"{what} failed:\n{result.stdout}\n{result.stderr}\n{log}")

    def init(self) -> PgServer:
        self.sockets.mkdir()
        if self.as_root:
            shutil.chown(self.base, "postgres", "postgres")
            shutil.chown(self.sockets, "postgres", "postgres")
        result = self._run(
            str(self.bindir / "initdb"),
            "-D", str(self.data),
            "-U", SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )
        self._check(result, "initdb")
        # Members of role pw_required must give their password even on loopback
        # (wrong-password tests); everyone else is trusted.
        hba = self.data / "pg_hba.conf"
        rule = f"host all +{PASSWORD_GROUP} 127.0.0.1/32 scram-sha-256\n"
        hba.write_text(rule + hba.read_text())  # root keeps the owner (postgres)
        return self

    def start(self) -> None:
        options = f"-k {self.sockets} -p {self.port} -c listen_addresses={self.host} "
        options += "-c max_connections=200 "
        if not self.fsync:  # tests only; the bench runs durable settings
            options += "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        result = self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
            "-o", options, "-w", "-t", "60", "start",
        )
        self._check(result, "pg_ctl start")
        self.running = True

    def stop(self, mode: str = "fast") -> None:
        if not self.running:
            return
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")
        self.running = False

    def restart(self, down_seconds: float = 0.0) -> None:
        """Stop (every client connection is cut), optionally stay down, start again."""
        self.stop("fast")
        if down_seconds:
            time.sleep(down_seconds)
        self.start()

    def destroy(self) -> None:
        with contextlib.suppress(Exception):
            self.stop("immediate")
        shutil.rmtree(self.base, ignore_errors=True)

    # ----------------------------------------------------------- databases
    def url(self, dbname: str = "postgres", user: str = SUPERUSER, password: str = "") -> str:
        auth = f"{user}:{password}" if password else user
        return f"postgresql://{auth}@{self.host}:{self.port}/{dbname}"

    def admin(self, dbname: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(self.url(dbname), autocommit=True)

    def create_database(self, prefix: str = "t", *, copy_of: str | None = None) -> str:
        """A fresh database, empty or a copy of the database at the URL `copy_of` (which
        nobody may be connected to); returns its URL."""
        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        template = "template0" if copy_of is None else copy_of.rsplit("/", 1)[1]
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def create_role(self, name: str, password: str) -> None:
        """A login role that must give `password` (member of PASSWORD_GROUP)."""
        with self.admin() as conn:
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')
            conn.execute(
                f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}' IN ROLE {PASSWORD_GROUP}"
            )

    def create_owned_database(self, role: str, password: str) -> str:
        """A new empty database owned by a new `role` that must log in with `password`;
        returns its URL with that role and password."""
        self.create_role(role, password)
        url = self.create_database("owned")
        name = url.rsplit("/", 1)[1]
        with self.admin() as conn:
            conn.execute(f'ALTER DATABASE "{name}" OWNER TO "{role}"')
        return self.url(name, user=role, password=password)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with contextlib.suppress(psycopg.Error), self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_server(*, fsync: bool = False) -> PgServer:
    """Initialise and start a server; it is stopped and removed at interpreter exit too."""
    server = PgServer(fsync=fsync).init()
    atexit.register(server.destroy)
    server.start()
    with server.admin() as conn:
        conn.execute(f"CREATE ROLE {PASSWORD_GROUP} NOLOGIN")
    return server
