"""Shutting the Qt change feed down closes its cursor's connection in the feed thread:
on PostgreSQL, the LISTEN session ends with the feed instead of waiting for the
garbage collector (a stop queued just before the thread's `quit()` was not always
delivered)."""

from __future__ import annotations

import psycopg
from pytestqt.qtbot import QtBot

from shared.qt.feed import ChangeFeed
from shared.storage import open_store, parse_location
from tests.support.pg import PgServer

SHUTDOWNS = 5  # the lost stop was a race: several starts and stops make it show


def _sessions(pg_server: PgServer, pg_url: str) -> int:
    """Client sessions on the site's database other than this check's own."""
    with psycopg.connect(pg_server.url(), autocommit=True) as admin:
        row = admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (pg_url.rsplit("/", 1)[1],),
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_shutdown_ends_the_listen_session(
    qtbot: QtBot, pg_server: PgServer, pg_url: str
) -> None:
    open_store(parse_location(pg_url), create=True).close()
    connection_changes: list[bool] = []
    for _ in range(SHUTDOWNS):
        feed = ChangeFeed(parse_location(pg_url))
        feed.connection_changed.connect(lambda ok, _message: connection_changes.append(ok))
        try:
            feed.start()
            # The feed's own connection (the store that opened it is closed at once).
            qtbot.waitUntil(lambda: _sessions(pg_server, pg_url) == 1, timeout=5000)
        finally:
            feed.shutdown()
        qtbot.waitUntil(lambda: _sessions(pg_server, pg_url) == 0, timeout=5000)
    assert connection_changes == []  # never lost the database on the way
