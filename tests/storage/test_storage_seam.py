"""The storage seam: locations, the factory, errors at the boundary, and a feed cursor
with a socket to watch (how PostgreSQL's LISTEN connection plugs into the Qt feed)."""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from shared.domain.errors import DatabaseError, KhiuError
from shared.domain.model import Action, EventKind
from shared.storage import (
    PostgresLocation,
    SqliteLocation,
    data_folder,
    open_store,
    parse_location,
)
from shared.storage.api import EventView, FeedCursor, Store, StoreFactory
from shared.storage.database import DriverError
from shared.storage.sqlite import SqliteStore


def test_a_url_selects_postgresql_and_anything_else_is_a_path() -> None:
    url = "postgresql://khiu:secret@db.local:5433/khiu"
    assert parse_location(url) == PostgresLocation(url)
    assert parse_location("postgres://khiu@db/khiu") == PostgresLocation("postgres://khiu@db/khiu")
    assert "secret" not in str(parse_location(url))
    assert parse_location("khiu.db") == SqliteLocation(Path("khiu.db"))
    assert parse_location(r"C:\Khiu\khiu.db") == SqliteLocation(Path(r"C:\Khiu\khiu.db"))
    assert parse_location(Path("/srv/khiu.db")) == SqliteLocation(Path("/srv/khiu.db"))
    with pytest.raises(DatabaseError):
        parse_location("mysql://nope/khiu")  # never taken as a file name


@pytest.mark.sqlite_only  # PostgreSQL: test_pg_adapter.py
def test_open_store_gives_the_typed_store(db_path: Path) -> None:
    store: Store = open_store(db_path)
    try:
        assert isinstance(store, SqliteStore)
        ticket = store.issue("DL")
        assert store.ticket_by_token(ticket.token) == store.ticket(ticket.code)
        assert store.ticket_by_token("no-such-token") is None
        line = store.status().service("DL")
        assert line is not None and line.waiting == 1
        assert data_folder(db_path) == db_path.parent
    finally:
        store.close()


def test_a_missing_file_is_a_database_error_and_never_created(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError):
        open_store(tmp_path / "absent.db")
    assert not (tmp_path / "absent.db").exists()


@pytest.mark.sqlite_only  # PostgreSQL: test_pg_adapter.py (append-only, unique, lost)
def test_driver_errors_cross_the_boundary_as_database_errors(store: SqliteStore) -> None:
    store.conn.close()  # the connection breaks under the store
    with pytest.raises(DriverError) as info:
        store.issue("DL")
    assert isinstance(info.value, DatabaseError) and info.value.detail


def test_event_kinds_are_one_enum() -> None:
    assert {a.value for a in Action} <= {k.value for k in EventKind}
    assert EventKind.RATED.value == "rated"


class _SocketCursor:
    """A feed cursor whose database says "something changed" on a socket."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.last_id = 0
        self.polls = 0

    def poll(self) -> list[EventView]:
        self.polls += 1
        try:
            data = self.sock.recv(100)
        except BlockingIOError:
            return []
        events = []
        for _ in data:
            self.last_id += 1
            events.append(
                EventView(self.last_id, datetime.now(UTC), "called", "A001", "DL", 1, None, {})
            )
        return events

    def wait_fd(self) -> int | None:
        return self.sock.fileno()

    def take_reset(self) -> int | None:
        return None

    def close(self) -> None:
        self.sock.close()


class _FakeStore:
    def __init__(self, cursor: FeedCursor) -> None:
        self.cursor = cursor

    def open_feed(self, after_id: int | None = None) -> FeedCursor:
        return self.cursor

    def close(self) -> None:
        pass


def test_qt_feed_watches_the_cursors_socket(qtbot: QtBot) -> None:
    from shared.qt import feed as feed_module
    from shared.qt.feed import ChangeFeed

    ours, theirs = socket.socketpair()
    ours.setblocking(False)
    cursor = _SocketCursor(ours)
    factory: StoreFactory = lambda: _FakeStore(cursor)  # type: ignore[assignment,return-value]  # noqa: E731
    feed = ChangeFeed(factory)
    try:
        feed.start(after_id=0)
        qtbot.waitUntil(lambda: cursor.polls >= 1, timeout=2000)
        quiet_polls = cursor.polls
        with qtbot.waitSignal(feed.events, timeout=1000) as blocker:
            theirs.send(b"x")
        assert [e.id for e in blocker.args[0]] == [1]
        # Woken by the socket, not by the 40 ms timer (the fallback runs every 2 s).
        assert cursor.polls - quiet_polls <= 3
        assert feed_module.SOCKET_FALLBACK_MS >= 1000
    finally:
        feed.shutdown()
        theirs.close()
        ours.close()  # the test owns both ends (closing twice is harmless)


def test_qt_feed_follows_a_file_location(qtbot: QtBot, db_path: Path) -> None:
    from shared.qt.feed import ChangeFeed

    feed = ChangeFeed(parse_location(db_path))
    writer = open_store(db_path)
    try:
        # From the id read now: a feed opened "from the newest" on a server may look
        # after the issue below committed (its connection takes a moment).
        feed.start(after_id=writer.last_event_id())
        with qtbot.waitSignal(feed.events, timeout=3000) as blocker:
            writer.issue("DL")
        assert [e.kind for e in blocker.args[0]] == ["issued"]
    finally:
        feed.shutdown()
        writer.close()


def test_khiu_errors_only(db_path: Path) -> None:
    store = open_store(db_path)
    try:
        with pytest.raises(KhiuError):
            store.call_next(99)
    finally:
        store.close()
