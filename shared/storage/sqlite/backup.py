"""A `khiu backup` file: a consistent copy of a live database as a new SQLite file,
checked before it takes the target's name (a half-written copy never sits under the
real name). From SQLite by its online backup API; from a server database row by row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from shared.domain.errors import DatabaseError, KhiuError
from shared.storage.database import Database


def backup_to(source: sqlite3.Connection, target: Path) -> None:
    """Copy `source` into `target` while the apps keep running; a half-written copy
    never sits under the real name."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)
        ok = copy.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        copy.close()
    if not ok:
        partial.unlink(missing_ok=True)
        raise KhiuError("สำเนาสำรองไม่ผ่านการตรวจสอบ", "The backup copy failed its check")
    partial.replace(target)


def copy_into_new_file(source: Database, target: Path) -> dict[str, int]:
    """A backup of `source` (a server database) as the new SQLite file `target`."""
    from shared.storage.copy import copy_database
    from shared.storage.sqlite.database import SqliteDatabase

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    dest = SqliteDatabase.open(partial, create=True)
    try:
        counts = copy_database(source, dest)
        ok = dest.direct().scalar("PRAGMA quick_check") == "ok"
    except BaseException:
        dest.close()
        partial.unlink(missing_ok=True)
        raise
    dest.close()
    if not ok:
        partial.unlink(missing_ok=True)
        raise DatabaseError("สำเนาสำรองไม่ผ่านการตรวจสอบ", "The backup copy failed its check")
    partial.replace(target)
    return counts
