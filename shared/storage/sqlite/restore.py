"""`khiu restore BACKUP`: put a `khiu backup` file's content back into the live database
while the apps run, in ONE write transaction on the open file.

Never by copying files: a file copied over a database in use is written to by apps
that still hold the old one, and SQLite may replay an old WAL onto it (a malformed
database). SQLite's online backup API into the open file would be safe for the file,
but it commits the copy on its own: a kiosk issuing between that commit and the
fix-ups below would hand out a number a citizen already holds. So the backup is
attached read-only and copied table by table inside one BEGIN IMMEDIATE:

- every table is emptied and refilled from the backup (columns both have);
- each service's highest number of today is kept (max of before and after), so no
  number is handed out twice in a day (citizens hold the tickets issued after the
  backup was taken);
- event ids keep rising (the AUTOINCREMENT sequence keeps its old high mark), so every
  change-feed cursor simply reads on; a `restored` event tells the apps to re-read
  their whole state;
- the append-only triggers are lifted only inside that transaction;
- a backup of another site (another site identity, see schema migration 6) is refused
  in that same transaction, unless asked for (`--other-site`): it would replace this
  site's services, officers with their PINs and its whole history. A blank database
  (no services, officers or tickets: a new PC) takes any backup.

Other connections see one commit (their data_version changes); the file, its path and
its identity stay the same, so nothing is reopened.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shared.clock import Clock, business_date, to_db
from shared.domain.errors import DatabaseError, KhiuError
from shared.site import DEFAULT_SITE, site_from_mapping
from shared.storage.sqlite import diagnose
from shared.storage.sqlite.connection import BUSY_TIMEOUT_MS, connect
from shared.storage.sqlite.identity import file_identity
from shared.storage.sqlite.schema import APPLICATION_ID, SCHEMA_VERSION

# The tables every Khiu database has had since schema 1.
REQUIRED_TABLES = frozenset(
    {
        "settings",
        "services",
        "officers",
        "counters",
        "counter_services",
        "daily_sequences",
        "tickets",
        "events",
    }
)


def _uri(path: Path, query: str = "") -> str:
    return path.resolve().as_uri() + (f"?{query}" if query else "")


def _backup_problem(path: Path, th: str, en: str) -> DatabaseError:
    return DatabaseError(
        f"กู้คืนจาก {path} ไม่ได้: {th} ไม่ได้แก้ไขข้อมูลใด ๆ",
        f"{path} cannot be restored: {en}. Nothing was changed.",
    )


def check_backup(path: Path) -> dict[str, int]:
    """Refuse anything but an intact Khiu database of this or an older schema, before
    the live database is touched. Returns the backup's ticket and event counts."""
    if not path.exists():
        raise _backup_problem(path, "ไม่พบไฟล์", "no such file")
    if path.is_dir():
        raise _backup_problem(path, "เป็นโฟลเดอร์ ไม่ใช่ไฟล์", "it is a folder")
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise _backup_problem(
            path,
            f"มีไฟล์ {wal.name} อยู่ข้างไฟล์ แสดงว่าเป็นสำเนาของฐานข้อมูลที่กำลังใช้งาน ไม่ใช่ไฟล์สำรองที่สมบูรณ์ "
            "กรุณาสำรองข้อมูลด้วย 'khiu backup'",
            f"{wal.name} lies beside it, so it is a copy of a database in use, not a "
            "closed backup; make backups with 'khiu backup'",
        )
    try:
        conn = sqlite3.connect(_uri(path, "mode=ro&immutable=1"), uri=True)
    except sqlite3.Error as exc:
        raise _backup_problem(path, f"เปิดไฟล์ไม่ได้ ({exc})", f"cannot open it ({exc})") from None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {
            r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
        }
        if app_id != APPLICATION_ID or not tables >= REQUIRED_TABLES or version < 1:
            raise _backup_problem(
                path,
                "ไม่ใช่ฐานข้อมูลของระบบคิว (เป็นไฟล์ของโปรแกรมอื่น หรือไฟล์ว่าง)",
                "it is not a Khiu database (another program's file, or empty)",
            )
        if version > SCHEMA_VERSION:
            raise _backup_problem(
                path,
                f"มาจากระบบคิวรุ่นใหม่กว่า (รุ่น {version}) กรุณาอัปเดตโปรแกรมก่อน",
                f"it was made by a newer Khiu (schema {version}; this version knows up to "
                f"{SCHEMA_VERSION}); update Khiu first",
            )
        problems = [r[0] for r in conn.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise _backup_problem(
                path,
                f"ไฟล์สำรองเสียหาย ({'; '.join(problems)}) กรุณาใช้ไฟล์สำรองที่เก่ากว่า",
                f"it is damaged ({'; '.join(problems)}); try an older backup",
            )
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise _backup_problem(
                path,
                "ข้อมูลในไฟล์ไม่สอดคล้องกัน (foreign key) กรุณาใช้ไฟล์สำรองที่เก่ากว่า",
                "its rows do not fit together (foreign keys); try an older backup",
            )
        return {
            "tickets": conn.execute("SELECT count(*) FROM tickets").fetchone()[0],
            "events": conn.execute("SELECT count(*) FROM events").fetchone()[0],
        }
    except sqlite3.Error as exc:
        if "not a database" in str(exc):
            raise _backup_problem(
                path, "ไม่ใช่ฐานข้อมูลของระบบคิว (ไม่ใช่ไฟล์ SQLite)",
                "it is not a Khiu database (not an SQLite file)",
            ) from None
        raise _backup_problem(
            path, f"ไฟล์สำรองเสียหาย ({exc}) กรุณาใช้ไฟล์สำรองที่เก่ากว่า",
            f"it is damaged ({exc}); try an older backup",
        ) from None
    finally:
        conn.close()


@dataclass(frozen=True)
class SiteMark:
    """Which site a database holds: its identity (None in a backup made before sites
    had one), its names, and whether it is still blank."""

    site_id: str | None
    name_th: str
    name_en: str
    blank: bool


def site_mark(conn: sqlite3.Connection, schema: str) -> SiteMark:
    """The site of the database attached as `schema` ("main" or "backup")."""
    settings = dict(conn.execute(f"SELECT key, value FROM {schema}.settings").fetchall())
    site = (
        site_from_mapping(json.loads(settings["site"]), "site") if "site" in settings
        else DEFAULT_SITE
    )
    used = conn.execute(
        f"""SELECT EXISTS (SELECT 1 FROM {schema}.services)
                OR EXISTS (SELECT 1 FROM {schema}.officers)
                OR EXISTS (SELECT 1 FROM {schema}.tickets)"""
    ).fetchone()[0]
    return SiteMark(settings.get("site_id"), site.name_th, site.name_en, not used)


def is_same_site(live: SiteMark, backup: SiteMark) -> bool:
    """Both identities known: they decide. A backup from before site identities: the
    site's names decide."""
    if live.site_id is not None and backup.site_id is not None:
        return live.site_id == backup.site_id
    return (live.name_th, live.name_en) == (backup.name_th, backup.name_en)


def other_site_error(path: Path, live: SiteMark, backup: SiteMark) -> KhiuError:
    same_name = (live.name_th, live.name_en) == (backup.name_th, backup.name_en)
    note_th = " (ชื่อเดียวกัน แต่เป็นฐานข้อมูลที่สร้างแยกกันด้วย khiu init คนละครั้ง)" if same_name else ""
    note_en = " (the same name, but a database made by a separate 'khiu init')" if same_name else ""
    return KhiuError(
        f"ไฟล์สำรอง {path} เป็นของสถานที่อื่น: {backup.name_th} ({backup.name_en}) "
        f"ส่วนฐานข้อมูลนี้เป็นของ {live.name_th} ({live.name_en}){note_th} "
        "การกู้คืนจะแทนที่บริการ ช่องบริการ เจ้าหน้าที่พร้อมรหัส PIN และประวัติทั้งหมดของที่นี่ "
        "ไม่ได้แก้ไขข้อมูลใด ๆ หากต้องการแทนที่จริง ให้สั่งใหม่พร้อม --other-site",
        f"{path} is a backup of another site: {backup.name_en} ({backup.name_th}); this "
        f"database belongs to {live.name_en} ({live.name_th}){note_en}. Restoring it would "
        "replace this site's services, counters, officers with their PINs and all its "
        "history; nothing was changed. To replace them anyway, run it again with "
        "--other-site.",
    )


def restore(
    live: Path, backup: Path, clock: Clock, *, other_site: bool = False
) -> dict[str, int]:
    """Put `backup`'s content into the database at `live` (created when missing).
    A backup of another site is refused unless `other_site`.

    Returns what the backup held: {"tickets": N, "events": N}."""
    counts = check_backup(backup)
    # Validates the live file (intact, Khiu's, not newer), creates or upgrades it.
    connect(live, create=True).close()
    if file_identity(live) == file_identity(backup):
        raise _backup_problem(
            backup, "เป็นไฟล์ฐานข้อมูลที่กำลังใช้งานเอง", "it is the live database itself"
        )
    try:
        conn = sqlite3.connect(
            _uri(live), uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
        )
    except sqlite3.Error as exc:
        raise diagnose.explain(exc, live) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("ATTACH DATABASE ? AS backup", (_uri(backup, "mode=ro&immutable=1"),))
        try:
            _copy_in_one_transaction(conn, backup, clock, other_site=other_site)
        finally:
            if not conn.in_transaction:
                conn.execute("DETACH DATABASE backup")
    except sqlite3.Error as exc:
        raise diagnose.explain(exc, live) from None
    finally:
        conn.close()
    return counts


def _copy_in_one_transaction(
    conn: sqlite3.Connection, backup: Path, clock: Clock, *, other_site: bool
) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        here, there = site_mark(conn, "main"), site_mark(conn, "backup")
        replaces_other_site = not here.blank and not is_same_site(here, there)
        if replaces_other_site and not other_site:
            raise other_site_error(backup, here, there)
        # Foreign keys are checked at COMMIT, so tables may be refilled in any order.
        conn.execute("PRAGMA defer_foreign_keys = ON")
        today = _today(conn, clock)
        numbers = conn.execute(
            """SELECT s.code, d.business_date, d.last_seq FROM daily_sequences d
               JOIN services s ON s.id = d.service_id WHERE d.business_date >= ?""",
            (today,),
        ).fetchall()
        high_event = conn.execute(
            """SELECT max(coalesce((SELECT max(id) FROM events), 0),
                          coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0))"""
        ).fetchone()[0]
        triggers = conn.execute(
            "SELECT name, sql FROM main.sqlite_schema WHERE type = 'trigger' AND sql IS NOT NULL"
        ).fetchall()
        for name, _sql in triggers:
            conn.execute(f'DROP TRIGGER main."{name}"')
        _refill_tables(conn)
        _keep_event_ids_rising(conn, high_event)
        kept = _keep_numbers(conn, numbers, today)
        for _name, sql in triggers:
            conn.execute(sql)
        conn.execute(
            "INSERT INTO events (at, kind, data) VALUES (?, 'restored', ?)",
            (to_db(clock()), json.dumps({
                "backup": str(backup.resolve()),
                "numbers_kept": kept,
                "other_site": replaces_other_site,
            })),
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _refill_tables(conn: sqlite3.Connection) -> None:
    """Every live table emptied, then filled from the backup's table of the same name
    (the columns both have; a table the backup lacks stays empty)."""
    tables = [
        r[0]
        for r in conn.execute(
            """SELECT name FROM main.sqlite_schema
               WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"""
        )
    ]
    backup_tables = {
        r[0] for r in conn.execute("SELECT name FROM backup.sqlite_schema WHERE type = 'table'")
    }
    for table in tables:
        conn.execute(f'DELETE FROM main."{table}"')
    for table in tables:
        if table not in backup_tables:
            continue
        backup_columns = {r[1] for r in conn.execute(f'PRAGMA backup.table_info("{table}")')}
        columns = ", ".join(
            f'"{r[1]}"'
            for r in conn.execute(f'PRAGMA main.table_info("{table}")')
            if r[1] in backup_columns
        )
        conn.execute(
            f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM backup."{table}"'
        )
    conn.execute("DELETE FROM main.sqlite_sequence")
    if "sqlite_sequence" in backup_tables:
        conn.execute("INSERT INTO main.sqlite_sequence SELECT * FROM backup.sqlite_sequence")


def _keep_event_ids_rising(conn: sqlite3.Connection, high_event: int) -> None:
    """Event ids go on past every id a change-feed reader has already seen."""
    conn.execute("DELETE FROM main.sqlite_sequence WHERE name = 'events'")
    conn.execute(
        "INSERT INTO main.sqlite_sequence (name, seq) VALUES ('events', ?)", (high_event,)
    )


def _keep_numbers(
    conn: sqlite3.Connection, numbers: list[tuple[str, str, int]], today: str
) -> dict[str, int]:
    """Each service's highest number of today and later stays (the higher of before
    and the backup): citizens hold the tickets issued after the backup was taken.
    Returns today's kept numbers by service code."""
    kept = {}
    for code, day, last_seq in numbers:
        row = conn.execute(
            """INSERT INTO daily_sequences (service_id, business_date, last_seq)
               SELECT id, ?, ? FROM services WHERE code = ?
               ON CONFLICT (service_id, business_date)
               DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)
               RETURNING last_seq""",
            (day, last_seq, code),
        ).fetchone()
        if row is not None and day == today:
            kept[code] = row[0]
    return kept


def _today(conn: sqlite3.Connection, clock: Clock) -> str:
    row = conn.execute("SELECT value FROM settings WHERE key = 'site'").fetchone()
    site: Any = DEFAULT_SITE
    if row is not None:
        site = site_from_mapping(json.loads(row[0]), "site")
    return business_date(clock(), site.tz)
