"""A database file moved away, deleted or replaced under running readers and writers
(`cp backup.db khiu.db`, `mv`): nothing is ever written into the old, unlinked file;
the store worker and the change feed follow the new file; `khiu events --follow`
follows it too and says so on stderr."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from shared.cli.admin import follow_events
from shared.cli.context import CliContext
from shared.domain.errors import DatabaseError
from shared.qt.feed import ChangeFeed
from shared.qt.worker import StoreWorker
from shared.storage import parse_location
from shared.storage.database import FileReplacedError
from shared.storage.sqlite import SqliteStore
from shared.storage.sqlite.restore import restore
from tests.support.cli import ROOT
from tests.support.clock import FakeClock
from tests.support.small_site import raw

# About SQLite files themselves (moved, replaced, restored): not run on PostgreSQL.
pytestmark = pytest.mark.sqlite_only


def _copy(db: Path, dest: Path) -> Path:
    """A closed copy of the database (as `khiu backup` makes)."""
    store = SqliteStore.open(db)
    copy = sqlite3.connect(dest)
    store.conn.backup(copy)
    copy.close()
    store.close()
    return dest


def _codes(path: Path) -> list[str]:
    conn = raw(path)
    codes = [r[0] for r in conn.execute("SELECT code FROM tickets ORDER BY id")]
    conn.close()
    return codes


def test_a_store_never_writes_into_a_replaced_file(small_db: Path, tmp_path: Path) -> None:
    store = SqliteStore.open(small_db)
    store.issue("DL")
    replacement = _copy(small_db, tmp_path / "copy.db")
    os.replace(replacement, small_db)  # `mv copy.db khiu.db` while the store is open
    with pytest.raises(FileReplacedError, match="replaced"):
        store.issue("DL")
    # Nothing went into the old inode (still open through the store's connection).
    assert [r[0] for r in store.conn.execute("SELECT code FROM tickets")] == ["A001"]
    store.close()
    assert _codes(small_db) == ["A001"]


def test_a_store_never_writes_into_a_deleted_file(small_db: Path) -> None:
    store = SqliteStore.open(small_db)
    small_db.unlink()
    with pytest.raises(DatabaseError, match="removed or moved away"):
        store.issue("DL")
    store.close()


def test_the_store_worker_reopens_the_new_file(qtbot: QtBot, small_db: Path, tmp_path: Path) -> None:
    worker = StoreWorker(parse_location(small_db))
    results: list[str] = []
    try:
        worker.submit(lambda s: s.issue("DL").code, results.append)
        qtbot.waitUntil(lambda: results == ["A001"])
        os.replace(_copy(small_db, tmp_path / "copy.db"), small_db)
        worker.submit(lambda s: s.issue("DL").code, results.append)
        qtbot.waitUntil(lambda: len(results) == 2)
        assert results == ["A001", "A002"]
        assert _codes(small_db) == ["A001", "A002"]  # in the file at the path
        conn = raw(small_db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        small_db.unlink(missing_ok=True)
        errors: list[str] = []
        worker.submit(lambda s: s.issue("DL").code, results.append, lambda e: errors.append(e.message_en))
        qtbot.waitUntil(lambda: len(errors) == 1)
        assert "No database at" in errors[0]
    finally:
        worker.shutdown()


def test_the_feed_follows_a_replaced_file_and_resets(
    qtbot: QtBot, small_db: Path, tmp_path: Path
) -> None:
    writer = SqliteStore.open(small_db)
    for _ in range(5):
        writer.issue("DL")
    backup = _copy(small_db, tmp_path / "early.db")
    for _ in range(5):
        writer.issue("DL")  # the live file is ahead of the copy
    writer.close()
    feed = ChangeFeed(parse_location(small_db))
    kinds: list[str] = []
    resets: list[int] = []
    feed.events.connect(lambda events: kinds.extend(e.ticket or e.kind for e in events))
    feed.reset.connect(resets.append)
    try:
        feed.start()
        qtbot.wait(200)
        os.replace(backup, small_db)
        qtbot.waitUntil(lambda: len(resets) == 1, timeout=5000)
        other = SqliteStore.open(small_db)
        other.issue("SSO")  # an event id the old file had long passed
        qtbot.waitUntil(lambda: "B001" in kinds, timeout=5000)
        other.close()
    finally:
        feed.shutdown()


class Follower:
    """`khiu events --follow --json` in its own process; its lines read by a thread."""

    def __init__(self, db: Path, after: int) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "shared.cli.main", "--db", str(db), "events", "--follow",
             "--after", str(after), "--json"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
        )
        self.lines: queue.Queue[dict[str, Any]] = queue.Queue()
        self.notes: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_notes, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        with self.proc.stdout:  # closed at the end of its output (the process ended)
            for line in self.proc.stdout:
                self.lines.put(json.loads(line))

    def _read_notes(self) -> None:
        assert self.proc.stderr is not None
        with self.proc.stderr:
            for line in self.proc.stderr:
                self.notes.append(line)

    def until(
        self, done: Callable[[list[dict[str, Any]]], bool], timeout_s: float = 30
    ) -> list[dict[str, Any]]:
        seen: list[dict[str, Any]] = []
        deadline = time.monotonic() + timeout_s
        while not done(seen) and time.monotonic() < deadline:
            with contextlib.suppress(queue.Empty):
                seen.append(self.lines.get(timeout=0.1))
        return seen

    def stop(self) -> str:
        self.proc.kill()
        self.proc.wait(timeout=10)
        time.sleep(0.1)
        return "".join(self.notes)


def _ticket(lines: list[dict[str, Any]], code: str) -> bool:
    return any(e["ticket"] == code for e in lines)


def test_events_follow_follows_a_replaced_file(small_db: Path, tmp_path: Path) -> None:
    store = SqliteStore.open(small_db)
    store.issue("DL")
    backup = _copy(small_db, tmp_path / "bk.db")
    for _ in range(3):
        store.issue("DL")
    follower = Follower(small_db, store.last_event_id())
    try:
        store.issue("SSO")  # seen on the old file
        assert _ticket(follower.until(lambda lines: _ticket(lines, "B001")), "B001")
        store.close()
        shutil.copyfile(backup, tmp_path / "swap.db")
        os.replace(tmp_path / "swap.db", small_db)  # `cp` + `mv` over the live path
        # The follower lets go of the old file and clears its stale log, then follows the
        # new one (a writer that opened it before would replay the old log onto it).
        deadline = time.monotonic() + 10
        while not any("following the new file" in n for n in follower.notes):
            assert time.monotonic() < deadline, follower.notes
            time.sleep(0.05)
        writer = SqliteStore.open(small_db)
        code = writer.issue("DL").code
        writer.close()
        assert code == "A002"  # the copy's numbering
        assert _ticket(follower.until(lambda lines: _ticket(lines, code)), code)
        conn = raw(small_db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [r[0] for r in conn.execute("SELECT code FROM tickets")] == ["A001", "A002"]
        conn.close()
    finally:
        err = follower.stop()
    assert "was replaced; following the new file" in err
    assert "Traceback" not in err


def test_events_follow_goes_on_through_a_restore(small_db: Path, tmp_path: Path) -> None:
    store = SqliteStore.open(small_db)
    store.issue("DL")
    backup = _copy(small_db, tmp_path / "bk.db")
    store.issue("DL")
    follower = Follower(small_db, store.last_event_id())
    try:
        store.issue("SSO")
        assert _ticket(follower.until(lambda lines: _ticket(lines, "B001")), "B001")
        restore(small_db, backup, FakeClock())
        code = store.issue("DL").code  # the same open store goes on after a restore
        seen = follower.until(lambda lines: _ticket(lines, code))
        assert [e["kind"] for e in seen] == ["restored", "issued"]
        assert code == "A003"  # A002 is held by a citizen: not handed out again today
    finally:
        store.close()
        err = follower.stop()
    assert "Traceback" not in err


def test_follow_stops_and_says_so_when_the_file_is_gone(small_db: Path) -> None:
    ctx = CliContext(location=parse_location(small_db), lang="en")
    printed: list[dict[str, Any]] = []

    def emit(item: dict[str, Any]) -> None:
        printed.append(item)
        small_db.unlink(missing_ok=True)

    writer = SqliteStore.open(small_db)
    writer.issue("DL")
    writer.close()
    with pytest.raises(DatabaseError, match="removed or moved away"):
        follow_events(ctx, 0, emit, ZoneInfo("Asia/Bangkok"), gone_grace_s=0.3)
    assert printed


def test_the_traffic_simulator_stops_and_says_so(small_db: Path, tmp_path: Path) -> None:
    """`khiu demo --simulate` is a long-running writer too: it stops, it does not go on
    writing into a file no app reads any more."""
    backup = _copy(small_db, tmp_path / "bk.db")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "shared.cli.main", "--db", str(small_db), "demo", "--simulate",
         "--rate", "50", "--duration", "60", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 30
        while not _codes(small_db) and time.monotonic() < deadline:
            time.sleep(0.05)
        os.replace(backup, small_db)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 2
    assert "was replaced by another file" in err and "Traceback" not in err
    assert _codes(small_db) == []  # nothing went into the new file behind our back


def test_a_cursor_whose_ids_went_back_starts_again_and_says_so(small_db: Path) -> None:
    """A log put back by some other tool (ids lower than those already seen): the cursor
    does not wait for ids it has passed; it restarts at the newest and reports it."""
    from shared.storage.sqlite.feed import SqliteFeedCursor

    writer = SqliteStore.open(small_db)
    newest = writer.last_event_id()
    cursor = SqliteFeedCursor.open(small_db, after_id=10_000)  # ahead of this file's log
    try:
        assert newest < 10_000
        assert cursor.poll() == []
        assert cursor.take_reset() == newest and cursor.last_id == newest
        assert cursor.take_reset() is None
        writer.issue("DL")
        assert [e.ticket for e in cursor.poll()] == ["A001"]
        assert cursor.take_reset() is None
    finally:
        cursor.close()
        writer.close()
