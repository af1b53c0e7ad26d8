"""Opening a Khiu SQLite file safely: pragmas, identity checks, migrations, transactions.

A damaged or foreign file is refused and never overwritten; a file from a newer
version is refused with the version numbers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from shared.domain.errors import DatabaseError
from shared.storage import khiu_command
from shared.storage.sqlite import diagnose
from shared.storage.sqlite.identity import clear_orphan_sidecars, prepare_open
from shared.storage.sqlite.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 5000


def connect(path: Path, *, create: bool = False) -> sqlite3.Connection:
    """Open (and with `create`, initialise or upgrade) the database at `path`.

    The file is never opened by Python itself: on POSIX, closing any descriptor of a
    file drops every SQLite lock this process holds on it, after which another process
    may delete the WAL under our open connections. SQLite rejects foreign files itself.
    """
    diagnose.check_path(path, create=create)
    exists = path.exists()
    if not exists and not create:
        init = khiu_command(path, "init")
        raise DatabaseError(
            f"ไม่พบฐานข้อมูลที่ {path} กรุณาสั่ง '{init}' (หรือ '{init} --demo') ก่อน",
            f"No database at {path}. Run '{init}' (or '{init} --demo') first.",
        )
    if not exists:
        clear_orphan_sidecars(path)
    else:
        prepare_open(path)  # the old log of a file replaced under this process goes first
    try:
        conn = sqlite3.connect(
            str(path),
            isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
        )
    except sqlite3.Error as exc:
        raise diagnose.explain(exc, path) from None
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        _check_identity(conn, path)
        if create:
            if exists:
                _check_intact(conn, path)
            conn.execute("PRAGMA journal_mode = WAL")
            _migrate(conn)
        elif conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            raise DatabaseError(
                f"ฐานข้อมูล {path} เป็นรุ่นเก่า กรุณาสั่ง '{khiu_command(path, 'init')}' "
                "เพื่อปรับรุ่น",
                f"{path} uses an older schema; run '{khiu_command(path, 'init')}' to "
                "upgrade it.",
            )
        # A power cut must not lose an issued ticket.
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as exc:
        conn.close()
        raise diagnose.explain(exc, path) from None
    except DatabaseError:
        conn.close()
        raise
    return conn


def _check_identity(conn: sqlite3.Connection, path: Path) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    has_tables = conn.execute(
        "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'"
    ).fetchone()[0]
    if app_id != APPLICATION_ID and (has_tables or app_id != 0):
        raise DatabaseError(
            f"{path} เป็นฐานข้อมูลของโปรแกรมอื่น ไม่ใช่ของระบบคิว ไม่ได้แก้ไขไฟล์นี้",
            f"{path} is an SQLite file of another program, not a Khiu database; "
            "it was left untouched.",
        )
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"ฐานข้อมูล {path} มาจากระบบคิวรุ่นใหม่กว่า (รุ่น {version}) กรุณาอัปเดตโปรแกรม",
            f"{path} was made by a newer Khiu (schema {version}; this version knows up to "
            f"{SCHEMA_VERSION}). Update Khiu; the file was left untouched.",
        )


def _check_intact(conn: sqlite3.Connection, path: Path) -> None:
    """Before init writes to an existing file (migrations, a site): the whole file must
    read back. Opening for the queue skips this; it would cost seconds on a big file."""
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
    if problems != ["ok"]:
        raise diagnose.damaged(path, "; ".join(problems))


def _migrate(conn: sqlite3.Connection) -> None:
    """Apply each missing migration atomically, with its user_version bump."""
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version >= SCHEMA_VERSION:
                conn.execute("COMMIT")
                return
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> Iterator[str]:
    """Split a migration into statements (executescript would commit on its own)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer
            buffer = ""
    if buffer.strip():
        yield buffer


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE: take the write lock up front so a read-then-write never fails
    half-way with 'database is locked' (a deferred BEGIN would)."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseError(
                f"ฐานข้อมูลไม่ว่าง กรุณาลองใหม่ ({exc})", f"The database is busy; try again ({exc})"
            ) from None
        raise
    try:
        yield conn
    except BaseException:
        # SQLite may already have rolled back (I/O error, full disk, corruption):
        # a second ROLLBACK would raise and hide the real error.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def read_snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A consistent read of several queries (WAL readers never block writers)."""
    conn.execute("BEGIN")
    try:
        yield conn
    except BaseException:
        # End the read without letting a failing COMMIT hide the error that got here.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
