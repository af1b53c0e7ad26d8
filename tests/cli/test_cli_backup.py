"""`khiu backup DEST`: a consistent, checked copy while another process keeps writing;
an existing file is not overwritten without --force."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from shared.storage import open_store
from shared.storage.sqlite import SqliteStore
from tests.support.cli import khiu_process

WRITER = (
    "import sys\nfrom shared.storage import open_store\n"
    "s = open_store(sys.argv[1])\n"
    "for _ in range(200): s.issue('DL')\n"
)


def test_backup_while_another_process_writes(small_db: Path, tmp_path: Path) -> None:
    store = open_store(small_db)
    store.issue("SSO")
    store.close()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(small_db)])
    dest = tmp_path / "backups" / "khiu-2569-11-25.db"
    run = khiu_process(small_db, "backup", str(dest))
    writer.wait(timeout=60)
    assert run.code == 0, run.err
    assert json.loads(run.out)["backup"] == str(dest.resolve())
    copy = sqlite3.connect(dest)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    tickets = copy.execute("SELECT count(*) FROM tickets").fetchone()[0]
    assert 1 <= tickets <= 201
    seqs = (
        copy.execute(
            "SELECT max(last_seq) FROM daily_sequences JOIN services s "
            "ON s.id = service_id WHERE s.code = 'DL'"
        ).fetchone()[0]
        or 0
    )
    dl = copy.execute(
        "SELECT count(*) FROM tickets t JOIN services s ON s.id = t.service_id WHERE s.code = 'DL'"
    ).fetchone()[0]
    assert dl == seqs  # a snapshot of one moment: numbering and tickets agree
    # The copy opens as a Khiu database.
    SqliteStore.open(dest).close()


def test_backup_refuses_to_overwrite(small_db: Path, tmp_path: Path) -> None:
    dest = tmp_path / "old.db"
    dest.write_bytes(b"an older backup")
    run = khiu_process(small_db, "backup", str(dest))
    assert run.code == 2 and "exists" in run.err
    assert dest.read_bytes() == b"an older backup"
    assert khiu_process(small_db, "backup", str(dest), "--force").code == 0
    assert sqlite3.connect(dest).execute("PRAGMA quick_check").fetchone()[0] == "ok"
