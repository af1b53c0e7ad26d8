"""The store session: it follows a SQLite file replaced under it, outlives a PostgreSQL
server that went away, and tells every driver failure as an explained, Thai-first error."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.domain.errors import DatabaseError
from shared.paths import DEMO_SITE_FILE
from shared.site import load_site_file
from shared.storage import open_store, parse_location
from shared.storage.api import Store
from shared.storage.database import DriverError
from shared.storage.session import StoreSession, ThreadSessions
from tests.support.backends import Location, raw
from tests.support.clock import FakeClock
from tests.support.pg import PgServer, start_server


def _issue(store: Store) -> str:
    return store.issue("DL").code


def _backup(path: Path, dest: Path) -> Path:
    """A closed copy of the database file (as `khiu backup` makes)."""
    source, copy = sqlite3.connect(path), sqlite3.connect(dest)
    source.backup(copy)
    copy.close()
    source.close()
    return dest


@pytest.mark.sqlite_only  # a file replaced under the session
def test_a_replaced_file_is_let_go_and_the_new_one_opened(db_path: Path, tmp_path: Path) -> None:
    early = _backup(db_path, tmp_path / "early.db")  # taken before any ticket
    session = StoreSession(parse_location(db_path), clock=FakeClock())
    try:
        assert session.run(_issue) == "A001"
        first = session.store()
        os.replace(early, db_path)  # `mv early.db khiu.db` while the session holds it
        assert session.run(_issue) == "A001"  # numbered in the new file, not the old one
        assert session.store() is not first
        check = raw(db_path)
        assert [r[0] for r in check.execute("SELECT code FROM tickets")] == ["A001"]
        check.close()
        db_path.unlink()
        with pytest.raises(DatabaseError, match="No database at"):
            session.run(_issue)  # moved away: refused, never made anew
        assert not db_path.exists()
    finally:
        session.close()


def test_a_driver_failure_is_explained_and_the_store_opened_afresh(db_path: Location) -> None:
    location = parse_location(db_path)
    session = StoreSession(location, clock=FakeClock())
    try:
        first = session.store()
        behind = raw(db_path)
        behind.execute("DROP TABLE daily_sequences")  # a failure no diagnosis names
        behind.close()
        with pytest.raises(DatabaseError) as caught:
            session.run(_issue)
        error = caught.value
        assert not isinstance(error, DriverError)  # explained, not the driver's words alone
        assert isinstance(error.__cause__, DriverError)
        assert error.message_th.startswith("ใช้ฐานข้อมูล")
        assert error.message_en.startswith(f"Database {location} could not be used")
        assert "daily_sequences" in error.message_en
        assert session.store() is not first  # let go of, and opened afresh
    finally:
        session.close()


@pytest.fixture
def own_server() -> Iterator[PgServer]:
    """A server of this test's own: it is stopped and started under the session."""
    server = start_server()
    yield server
    server.destroy()


def test_a_lost_server_connection_is_reopened(pg_server: PgServer, own_server: PgServer) -> None:
    url = own_server.create_database("session")
    setup = open_store(url, create=True)
    setup.load_site(load_site_file(DEMO_SITE_FILE))
    setup.close()
    session = StoreSession(parse_location(url), clock=FakeClock())
    try:
        assert session.run(_issue) == "A001"
        own_server.stop()
        with pytest.raises(DatabaseError) as caught:
            session.run(_issue)
        assert f"{own_server.host}:{own_server.port}" in caught.value.message_en
        assert "เซิร์ฟเวอร์ฐานข้อมูล" in caught.value.message_th  # Thai first, saying which
        own_server.start()
        assert session.run(_issue) == "A002"  # the same session goes on, nothing doubled
    finally:
        session.close()
    check = raw(url)
    assert [r[0] for r in check.execute("SELECT code FROM tickets ORDER BY id")] == [
        "A001", "A002"
    ]
    check.close()


def test_each_thread_has_its_own_session(db_path: Location) -> None:
    sessions = ThreadSessions(parse_location(db_path), clock=FakeClock())
    mine = sessions.here()
    assert sessions.here() is mine
    theirs: list[StoreSession] = []
    worker = threading.Thread(target=lambda: theirs.append(sessions.here()))
    worker.start()
    worker.join()
    assert theirs and theirs[0] is not mine
    assert mine.run(_issue) == "A001"
    first = mine.store()
    sessions.close()  # every thread's store closed (the web server's shutdown)
    assert mine.store() is not first  # opened again when used
    assert mine.run(_issue) == "A002"
    mine.close()
