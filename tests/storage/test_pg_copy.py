"""`khiu copy DEST`: a one-PC site into an empty PostgreSQL database and back; the queue
goes on there where it stood; a non-empty destination is refused and left unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from shared.storage import open_store
from tests.support.cli import khiu_process
from tests.support.pg import PgServer
from tests.support.small_site import make_db

pytestmark = pytest.mark.slow


def _counts(location: str | Path) -> dict[str, int]:
    store = open_store(location)
    try:
        rows = {
            table: store.db.direct().scalar(f"SELECT count(*) FROM {table}")  # type: ignore[attr-defined]
            for table in ("tickets", "events", "officers", "services", "counters",
                          "daily_sequences", "counter_services", "settings")
        }
    finally:
        store.close()
    return rows


def test_copy_sqlite_to_postgres_and_back(pg_server: PgServer, pg_url: str,
                                          tmp_path: Path) -> None:
    path = make_db(tmp_path)
    store = open_store(path)
    store.add_officer("somchai", "สมชาย ใจดี", "1111")
    for service in ("DL", "DL", "SSO", "DL"):
        store.issue(service)
    store.issue("DL", priority=True)
    store.call_next(1)  # the priority ticket
    store.call_next(2)
    store.finish(2)
    waiting_before = [t.code for t in store.upcoming(1, limit=10)]
    store.close()

    run = khiu_process(path, "copy", pg_url)
    assert run.code == 0, run.err
    copied = json.loads(run.out)
    source = _counts(path)
    assert copied == {"tickets": source["tickets"], "events": source["events"],
                      "officers": 1}
    assert _counts(pg_url) == source

    server_store = open_store(pg_url)
    try:
        assert [t.code for t in server_store.upcoming(1, limit=10)] == waiting_before
        assert server_store.current_ticket(1).code == "A004"  # type: ignore[union-attr]
        assert server_store.issue("DL").code == "A005"  # the numbers go on
        assert server_store.authenticate("somchai", "1111").login == "somchai"  # PIN hash kept
        called = server_store.call_next(1)
        assert called is not None and called.code == waiting_before[0]
    finally:
        server_store.close()

    # A non-empty destination is refused and left as it was.
    with psycopg.connect(pg_url) as conn:
        before = conn.execute("SELECT count(*), max(id) FROM events").fetchone()
    refused = khiu_process(path, "copy", pg_url, lang="th_TH.UTF-8")
    assert refused.code != 0 and refused.out == "" and refused.err.count("\n") == 1
    assert "ไม่ว่าง" in refused.err
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*), max(id) FROM events").fetchone() == before

    # And back into a new file (an archive): the same rows, numbers go on there too.
    archive = tmp_path / "archive" / "khiu-2569.db"
    archive.parent.mkdir()
    back = khiu_process(pg_url, "copy", str(archive))
    assert back.code == 0, back.err
    assert _counts(archive) == _counts(pg_url)
    again = open_store(archive)
    try:
        assert again.issue("DL").code == "A006"
    finally:
        again.close()
    # Copying into another program's database is refused too.
    other = pg_server.create_database("other")
    with psycopg.connect(other, autocommit=True) as conn:
        conn.execute("CREATE TABLE payroll (id int)")
    assert khiu_process(path, "copy", other).code != 0
