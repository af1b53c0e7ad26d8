"""The change feed notices a database file moved away or replaced (an open connection
would keep reading the old file and the apps would silently stop updating)."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.domain.errors import DatabaseError
from shared.storage.sqlite import SqliteStore
from shared.storage.sqlite.connection import connect
from shared.storage.sqlite.feed import SqliteFeedCursor as FeedCursor

pytestmark = pytest.mark.sqlite_only  # about SQLite files themselves

def test_moved_away_file_is_reported(db_path: Path) -> None:
    cursor = FeedCursor(connect(db_path), path=db_path)
    assert cursor.poll() == []
    db_path.rename(db_path.with_suffix(".moved"))
    with pytest.raises(DatabaseError, match="moved or replaced"):
        cursor.poll()


def test_replaced_file_is_reported_and_a_new_cursor_follows_it(db_path: Path) -> None:
    cursor = FeedCursor(connect(db_path), path=db_path)
    backup = db_path.with_name("restored.db")
    writer = SqliteStore.open(db_path)
    writer.conn.execute(f"VACUUM INTO '{backup}'")
    writer.close()
    db_path.unlink()
    backup.rename(db_path)
    with pytest.raises(DatabaseError):
        cursor.poll()
    fresh = FeedCursor(connect(db_path), path=db_path)
    other = SqliteStore.open(db_path)
    other.issue("DL")
    assert [e.kind for e in fresh.poll()] == ["issued"]
    other.close()
