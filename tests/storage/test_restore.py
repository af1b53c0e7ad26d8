"""`khiu restore BACKUP`: a backup's content goes back into the live file while other
processes keep working; numbers of today are never handed out twice; a damaged,
foreign or newer backup is refused before anything is touched."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from shared.domain.errors import DatabaseError
from shared.storage.sqlite import SqliteStore
from shared.storage.sqlite.restore import restore
from shared.storage.sqlite.schema import APPLICATION_ID, SCHEMA_VERSION
from tests.support import workers
from tests.support.cli import khiu_process
from tests.support.clock import FakeClock
from tests.support.small_site import make_many_counters_db, raw, sha256

# About SQLite files themselves (moved, replaced, restored): not run on PostgreSQL.
pytestmark = pytest.mark.sqlite_only


def _backup(store: SqliteStore, dest: Path) -> Path:
    copy = sqlite3.connect(dest)
    store.conn.backup(copy)
    copy.close()
    return dest


def _tickets(path: Path) -> dict[str, tuple[str, str]]:
    conn = raw(path)
    rows = conn.execute("SELECT token, code, state FROM tickets").fetchall()
    conn.close()
    return {r[0]: (r[1], r[2]) for r in rows}


def _events(path: Path) -> list[tuple[int, str, str]]:
    conn = raw(path)
    rows = conn.execute("SELECT id, kind, at FROM events ORDER BY id").fetchall()
    conn.close()
    return [tuple(r) for r in rows]


def test_restore_puts_the_backup_back_and_keeps_todays_numbers(
    small_db: Path, clock: FakeClock, tmp_path: Path
) -> None:
    store = SqliteStore.open(small_db, clock=clock)
    for _ in range(3):
        store.issue("DL")
    store.call_next(1)
    backup = _backup(store, tmp_path / "bk.db")
    held = _tickets(backup)
    logged = _events(backup)
    after_backup = [store.issue("DL").code for _ in range(4)]  # A004..A007: citizens hold them
    high_before = store.last_event_id()

    result = restore(small_db, backup, clock)

    assert result == {"tickets": 3, "events": len(logged)}
    assert _tickets(small_db) == held
    assert _events(small_db)[: len(logged)] == logged  # the log as the backup held it
    # The same open store (same file) goes on: the next number follows A007, not A003.
    assert after_backup == ["A004", "A005", "A006", "A007"]
    assert store.issue("DL").code == "A008"
    restored = [e for e in store.changes(0, 1000) if e.kind == "restored"]
    assert len(restored) == 1 and restored[0].id > high_before  # ids keep rising
    assert restored[0].data["numbers_kept"] == {"DL": 7}
    store.close()
    conn = raw(small_db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # The append-only triggers are back.
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM events")
    conn.close()


def test_restore_cli_prints_counts_and_creates_a_missing_database(
    small_db: Path, tmp_path: Path
) -> None:
    store = SqliteStore.open(small_db)
    store.issue("SSO")
    backup = _backup(store, tmp_path / "bk.db")
    store.close()
    fresh = tmp_path / "new" / "khiu.db"
    run = khiu_process(fresh, "restore", str(backup))
    assert run.code == 0, run.err
    assert run.value == {"tickets": 1, "events": len(_events(backup))}
    assert [code for code, _ in _tickets(fresh).values()] == ["B001"]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _foreign(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    return path


def _newer(source: Path, path: Path) -> Path:
    conn = sqlite3.connect(source)
    copy = sqlite3.connect(path)
    conn.backup(copy)
    copy.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    copy.commit()
    copy.close()
    conn.close()
    return path


def _damaged(source: Path, path: Path) -> Path:
    conn = sqlite3.connect(source)
    copy = sqlite3.connect(path)
    conn.backup(copy)
    copy.execute("PRAGMA journal_mode = DELETE")
    copy.close()
    conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, page):
        data[offset : offset + 64] = b"\xff" * 64  # b-tree page headers trashed
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda src, p: _write(p, b"hello, not a database" * 100), "not a Khiu database"),
        (lambda src, p: _foreign(p), "not a Khiu database"),
        (lambda src, p: _newer(src, p), "newer Khiu"),
        (lambda src, p: _damaged(src, p), "damaged"),
        (lambda src, p: p, "no such file"),
    ],
    ids=["not-sqlite", "foreign", "newer", "damaged", "missing"],
)
def test_a_bad_backup_is_refused_before_anything_is_touched(
    small_db: Path, tmp_path: Path, make: Callable[[Path, Path], Path], message: str
) -> None:
    store = SqliteStore.open(small_db)
    store.issue("DL")
    store.close()
    backup = make(small_db, tmp_path / "bad.db")
    before = sha256(small_db)
    with pytest.raises(DatabaseError, match=message):
        restore(small_db, backup, FakeClock())
    assert sha256(small_db) == before
    run = khiu_process(small_db, "restore", str(backup))
    assert run.code == 2 and "Traceback" not in run.err and message in run.err
    assert len(run.err.strip().splitlines()) == 1
    assert sha256(small_db) == before


def test_restoring_the_live_file_onto_itself_is_refused(small_db: Path) -> None:
    with pytest.raises(DatabaseError, match="live database itself"):
        restore(small_db, small_db, FakeClock())


def test_backup_application_id_is_khius(small_db: Path) -> None:
    conn = raw(small_db)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


@pytest.mark.slow
def test_restore_during_traffic_loses_nothing_the_backup_held(tmp_path: Path) -> None:
    """Issuers in other processes run through the restore: the file stays intact, every
    ticket and event the backup held is there, and no code is handed out twice today."""
    path = make_many_counters_db(tmp_path, 4)
    t0 = time.time()
    clock = workers.ShiftedClock(t0)
    store = SqliteStore.open(path, clock=clock)
    handed_out = [store.issue("DL").code for _ in range(20)]
    for counter in (1, 2):
        store.call_next(counter)
    backup = _backup(store, tmp_path / "bk.db")
    held, logged = _tickets(backup), _events(backup)
    handed_out += [store.issue("SSO").code for _ in range(10)]  # lost by the restore
    store.close()

    ctx = multiprocessing.get_context("spawn")
    manager = ctx.Manager()
    start = manager.Event()
    with ctx.Pool(2) as pool:
        jobs = [
            pool.apply_async(workers.issuer_codes, (str(path), t0, 150, seed, start))
            for seed in (1, 2)
        ]
        start.set()
        # Restore while they issue: wait until traffic is really flowing.
        deadline = time.monotonic() + 60
        while len(_tickets(path)) < 60 and time.monotonic() < deadline:
            time.sleep(0.005)
        result = restore(path, backup, clock)
        for job in jobs:
            handed_out += job.get(timeout=120)
    manager.shutdown()

    assert result["tickets"] == len(held)
    twice = [code for code, n in Counter(handed_out).items() if n > 1]
    assert twice == []  # no citizen holds the same number as another
    conn = raw(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    now = _tickets(path)
    assert all(now[token][0] == code for token, (code, _) in held.items())
    assert _events(path)[: len(logged)] == logged
    kinds = [kind for _, kind, _ in _events(path)]
    assert kinds.count("restored") == 1
    codes = [code for code, _ in now.values()]
    assert len(codes) == len(set(codes))


@pytest.mark.slow
def test_the_issues_repro_with_khiu_restore_instead_of_cp(tmp_path: Path) -> None:
    """The recipe that once broke a database (a follower running, a backup, traffic, then a restore while the
    traffic goes on) with `khiu restore` in place of `cp`: nothing is malformed."""
    import os
    import subprocess
    import sys

    from tests.support.cli import ROOT

    db = tmp_path / "r.db"
    assert khiu_process(db, "init", "--demo").code == 0
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}

    def khiu_bg(*argv: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "shared.cli.main", "--db", str(db), *argv],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
        )

    follower = khiu_bg("events", "--follow", "--json")
    try:
        assert khiu_process(db, "backup", str(tmp_path / "bk.db")).code == 0
        traffic = khiu_bg("demo", "--simulate", "--rate", "200", "--duration", "8", "--json")
        time.sleep(3)
        run = khiu_process(db, "restore", str(tmp_path / "bk.db"))
        assert run.code == 0, run.err
        _, traffic_err = traffic.communicate(timeout=60)
        assert traffic.returncode == 0 and "Traceback" not in traffic_err
        issued = khiu_process(db, "issue", "DL")
        assert issued.code == 0, issued.err
        status = khiu_process(db, "status")
        assert status.code == 0, status.err
        init = khiu_process(db, "init")
        assert init.code == 0, init.err  # the intact-file check passes
    finally:
        follower.kill()
        _, follow_err = follower.communicate(timeout=10)
    assert "Traceback" not in follow_err
    conn = raw(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    codes = conn.execute(
        "SELECT count(*), count(DISTINCT business_date || code) FROM tickets"
    ).fetchone()
    conn.close()
    assert codes[0] == codes[1]
