"""Every database has a site identity from its creation, kept by `khiu backup` and
`khiu copy`; `khiu restore` of another site's backup is refused (both sites named,
nothing changed) unless --other-site. The site under test runs on either backend; the
restore target is always a file (restore works on SQLite files; on a server database
it is refused and the server's own tools restore)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.backends import Location, is_pg
from tests.support.cli import khiu_process
from tests.support.small_site import SMALL_SITE, make_db, raw, sha256

OTHER_SITE = SMALL_SITE.replace("ศูนย์ทดสอบ", "ศูนย์ราชการเชียงใหม่").replace(
    "Test centre", "Chiang Mai centre"
)


def site_id(location: Location) -> str | None:
    conn = raw(location)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = 'site_id'").fetchone()
    finally:
        conn.close()
    return None if row is None else str(row[0])


def tickets(location: Location) -> list[str]:
    conn = raw(location)
    try:
        return sorted(r[0] for r in conn.execute("SELECT token FROM tickets").fetchall())
    finally:
        conn.close()


def ok(location: Location, *argv: str) -> dict[str, object]:
    run = khiu_process(location, *argv)
    assert run.code == 0, run.err
    value = run.value
    assert isinstance(value, dict)
    return value


def other_site(tmp_path: Path) -> Path:
    """Another site's file database, in use: its own services, officers, tickets."""
    folder = tmp_path / "chiang-mai"
    folder.mkdir()
    path = folder / "khiu.db"
    site = folder / "site.toml"
    site.write_text(OTHER_SITE.format(fairness=3), "utf-8")
    ok(path, "init", "--site", str(site))
    ok(path, "officer", "add", "nok", "--name", "นก", "--pin", "4321")
    ok(path, "issue", "SSO")
    return path


def test_each_database_has_its_own_identity_kept_by_backup_and_copy(
    small_db: Location, new_location: Callable[[str], Location], tmp_path: Path
) -> None:
    mine = site_id(small_db)
    assert mine is not None and re.fullmatch(r"[0-9a-f]{32}", mine)
    another = make_db(tmp_path, name="another.db", at=new_location("another.db"))
    assert site_id(another) not in (None, mine)

    ok(small_db, "backup", str(tmp_path / "bk.db"))
    assert site_id(tmp_path / "bk.db") == mine
    copy = new_location("copy.db")
    ok(small_db, "copy", str(copy))
    assert site_id(copy) == mine
    file_copy = tmp_path / "copy-file.db"
    ok(small_db, "copy", str(file_copy))
    assert site_id(file_copy) == mine


def test_a_database_made_before_site_identities_gets_one_on_upgrade(
    small_db: Location,
) -> None:
    ok(small_db, "issue", "DL")
    held = tickets(small_db)
    conn = raw(small_db)
    conn.execute("DELETE FROM settings WHERE key = 'site_id'")
    # The schema as it was before the identity (step 6 added it): the steps after it
    # (the tickets' priority_reason, the bookings) undone too. A server stored such a
    # database as 2, in the numbering PostgreSQL had before the steps were numbered alike.
    conn.execute("DROP TABLE bookings")
    conn.execute("ALTER TABLE tickets DROP COLUMN priority_reason")
    if is_pg(small_db):
        conn.execute("UPDATE khiu_schema SET version = 2")
    else:
        conn.execute(f"PRAGMA user_version = {conn.execute('PRAGMA user_version').fetchone()[0] - 3}")
    conn.close()

    refused = khiu_process(small_db, "status")
    assert refused.code != 0 and "older schema" in refused.err
    ok(small_db, "init")
    assert site_id(small_db) is not None and re.fullmatch(r"[0-9a-f]{32}", site_id(small_db) or "")
    assert tickets(small_db) == held
    ok(small_db, "issue", "DL")  # and the queue goes on


@pytest.mark.parametrize(
    ("lang", "first"),
    [("th_TH.UTF-8", "เป็นของสถานที่อื่น"), ("C.UTF-8", "is a backup of another site")],
)
def test_restore_refuses_another_sites_backup_unless_asked(
    small_db: Location, tmp_path: Path, lang: str, first: str
) -> None:
    ok(small_db, "issue", "DL")
    backup = tmp_path / "test-centre.db"
    ok(small_db, "backup", str(backup))
    target = other_site(tmp_path)
    before, held = sha256(target), tickets(target)

    refused = khiu_process(target, "restore", str(backup), lang=lang)
    assert refused.code != 0 and refused.out == ""
    assert refused.err.startswith("khiu: ") and refused.err.count("\n") == 1
    assert first in refused.err
    for name in ("ศูนย์ทดสอบ", "Test centre", "ศูนย์ราชการเชียงใหม่", "Chiang Mai centre"):
        assert name in refused.err
    assert "--other-site" in refused.err
    if lang.startswith("th"):  # Thai first: the Thai site names before the English ones
        assert refused.err.index("ศูนย์ทดสอบ") < refused.err.index("Test centre")
    assert sha256(target) == before and tickets(target) == held

    done = ok(target, "restore", str(backup), "--other-site")
    assert done["tickets"] == 1
    assert tickets(target) == tickets(small_db)
    assert site_id(target) == site_id(small_db)  # it holds that site now
    conn = sqlite3.connect(target)
    data = conn.execute("SELECT data FROM events WHERE kind = 'restored'").fetchone()[0]
    conn.close()
    assert '"other_site": true' in data


def test_restore_takes_the_same_sites_backup_and_a_blank_database_takes_any(
    small_db: Location, tmp_path: Path
) -> None:
    ok(small_db, "issue", "DL")
    backup = tmp_path / "bk.db"
    ok(small_db, "backup", str(backup))
    same_site = tmp_path / "same-site.db"  # the site copied to a file, then used on
    ok(small_db, "copy", str(same_site))
    ok(same_site, "issue", "SSO")
    assert ok(same_site, "restore", str(backup))["tickets"] == 1
    assert tickets(same_site) == tickets(small_db)

    new_pc = tmp_path / "new-pc" / "khiu.db"  # a new install: nothing there yet
    ok(new_pc, "init")
    assert ok(new_pc, "restore", str(backup))["tickets"] == 1
    assert site_id(new_pc) == site_id(small_db)


@pytest.mark.sqlite_only
def test_a_backup_from_before_site_identities_is_judged_by_the_site_names(
    small_db: Path, tmp_path: Path
) -> None:
    ok(small_db, "issue", "DL")
    backup = tmp_path / "old-backup.db"
    ok(small_db, "backup", str(backup))
    conn = sqlite3.connect(backup)
    conn.execute("DELETE FROM settings WHERE key = 'site_id'")
    conn.execute(f"PRAGMA user_version = {conn.execute('PRAGMA user_version').fetchone()[0] - 1}")
    conn.commit()
    conn.close()

    assert ok(small_db, "restore", str(backup))["tickets"] == 1  # same names
    target = other_site(tmp_path)
    before = sha256(target)
    refused = khiu_process(target, "restore", str(backup))
    assert refused.code != 0 and "Chiang Mai centre" in refused.err
    assert sha256(target) == before
