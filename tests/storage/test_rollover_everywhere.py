"""Day rollover runs on every write, on its own partial index; schema 1 upgrades to 2."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from shared.domain.errors import InvalidStateError
from shared.storage import open_store
from shared.storage.sqlite import SqliteStore, connection
from shared.storage.sqlite.schema import MIGRATIONS
from tests.support.clock import FakeClock
from tests.support.small_site import location_of, raw


def _yesterday_called(q: SqliteStore, clock: FakeClock) -> str:
    q.issue("DL")
    code = q.call_next(1).code  # type: ignore[union-attr]
    clock.advance(days=1)
    return code


def test_finish_on_a_new_day_serves_yesterdays_called_ticket(
    q: SqliteStore, clock: FakeClock
) -> None:
    code = _yesterday_called(q, clock)
    done = q.finish(1)
    assert (done.code, done.state.value, done.business_date) == (code, "done", "2026-11-24")
    with pytest.raises(InvalidStateError, match="no ticket being served"):
        q.finish(1)


def test_pause_and_cancel_roll_the_day_over_too(q: SqliteStore, clock: FakeClock) -> None:
    q.issue("SSO")
    clock.advance(days=1)
    q.set_counter_open(3, False)
    assert q.status().counters[2].current is None
    assert (
        raw(location_of(q)).execute("SELECT count(*) FROM tickets WHERE state = 'expired'").fetchone()[0]
        == 1
    )


@pytest.mark.sqlite_only
def test_rollover_reads_only_open_tickets(q: SqliteStore) -> None:
    plan = " ".join(
        row[3]
        for row in q.conn.execute(
            "EXPLAIN QUERY PLAN UPDATE tickets INDEXED BY ix_tickets_open "
            "SET state = 'expired' WHERE state IN ('waiting', 'called') AND business_date < ?",
            ("2026-01-01",),
        )
    )
    assert "ix_tickets_open" in plan


def test_a_schema_1_database_upgrades_to_the_current_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    monkeypatch.setattr(connection, "MIGRATIONS", MIGRATIONS[:1])
    monkeypatch.setattr(connection, "SCHEMA_VERSION", 1)
    connection.connect(path, create=True).close()
    monkeypatch.undo()
    with pytest.raises(Exception, match="older schema"):
        SqliteStore.open(path)
    SqliteStore.open(path, create=True).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert (
        conn.execute(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'ix_tickets_open'"
        ).fetchone()[0]
        == 1
    )


def test_a_reader_that_goes_away_is_not_an_error(small_db: Path) -> None:
    script = (
        "import subprocess, sys\n"
        "p = subprocess.Popen([sys.executable, '-m', 'shared.cli.main', '--db', sys.argv[1],"
        " 'events'], stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
        "p.stdout.read(10); p.stdout.close()\n"
        "err = p.stderr.read().decode(); code = p.wait()\n"
        "print(code, 'Traceback' in err)\n"
    )
    store = open_store(small_db)
    for _ in range(40):  # enough events that the output fills the pipe
        store.issue("DL")
    store.close()
    out = subprocess.run(
        [sys.executable, "-c", script, str(small_db)], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["0", "False"]
