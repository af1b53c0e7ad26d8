"""`khiu serve` reads the file now at the path after the database was replaced under it:
a ticket that exists only in the new file is found, one that exists only in
the old file is not any more."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import httpx
import pytest

from shared.storage.sqlite import SqliteStore
from tests.support.web import LiveServer

# About SQLite files themselves (moved, replaced, restored): not run on PostgreSQL.
pytestmark = pytest.mark.sqlite_only


def test_pages_follow_a_replaced_file(server: LiveServer, desk: SqliteStore, db_path: Path, tmp_path: Path) -> None:
    desk.issue("DL")
    copy = tmp_path / "copy.db"
    target = sqlite3.connect(copy)
    desk.conn.backup(target)
    target.close()
    writer = SqliteStore.open(copy)
    new_only = writer.issue("SSO")  # issued in the copy only
    writer.close()
    old_only = desk.issue("DL")  # issued in the live file only
    with httpx.Client(base_url=server.url, timeout=10) as client:
        assert client.get(f"/api/tickets/{old_only.token}").status_code == 200
        desk.close()
        os.replace(copy, db_path)
        assert client.get(f"/api/tickets/{new_only.token}").status_code == 200
        assert client.get(f"/api/tickets/{old_only.token}").status_code == 404
