"""Opening a second connection must not drop this process's SQLite locks.

Regression: connect() once read the file header with Python's open(); on POSIX,
closing that descriptor released every lock the process held on the file, so another
process closing its last connection deleted the WAL under our open connection and two
counters could then be given the same ticket.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from shared.storage.sqlite import SqliteStore

READ_AND_CLOSE = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
    "print(c.execute('SELECT count(*) FROM tickets').fetchone()[0]); c.close()"
)


pytestmark = pytest.mark.sqlite_only  # about SQLite files themselves


@pytest.mark.skipif(os.name == "nt", reason="POSIX advisory-lock behaviour")
def test_wal_survives_another_process_closing(db_path: Path) -> None:
    held = SqliteStore.open(db_path)
    held.issue("DL")
    SqliteStore.open(db_path).close()  # a second connection in this process, opened and closed
    wal = Path(f"{db_path}-wal")
    assert wal.exists()

    out = subprocess.run(
        [sys.executable, "-c", READ_AND_CLOSE, str(db_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "1"
    # Our connection is still open, so the other process must not have removed the WAL.
    assert wal.exists()

    held.issue("DL")
    out = subprocess.run(
        [sys.executable, "-c", READ_AND_CLOSE, str(db_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "2"
    held.close()
    assert sqlite3.connect(db_path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
