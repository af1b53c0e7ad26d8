"""A consistent copy of a live SQLite database (the online backup API), checked before
it takes the target's name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from shared.domain.errors import KhiuError


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
