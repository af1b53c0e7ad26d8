"""Which file sits at a database path: device and inode (Windows: the file index).

A connection keeps reading and writing the file it opened even after that file was
moved away, deleted or replaced (`cp backup.db khiu.db`, `mv`), and SQLite raises
nothing. Every long-running reader and writer compares the identity it opened with
the identity at the path before it acts (one `stat`, about a microsecond).
"""

from __future__ import annotations

import os
from pathlib import Path

from shared.domain.errors import DatabaseError

FileIdentity = tuple[int, int]


def file_identity(path: Path) -> FileIdentity | None:
    """(device, inode) of the file at `path`, None when nothing is there."""
    try:
        stat = os.stat(path)
    except (OSError, ValueError):
        return None
    return stat.st_dev, stat.st_ino


class FileReplacedError(DatabaseError):
    """The file at the database path is no longer the one this connection has open."""


def replaced_error(path: Path, now: FileIdentity | None) -> FileReplacedError:
    if now is None:
        return FileReplacedError(
            f"The database file {path} was removed or moved away; nothing was written. "
            "Restore it with 'khiu restore BACKUP' (never copy files over a database in use).",
            f"ไฟล์ฐานข้อมูล {path} ถูกลบหรือถูกย้ายไป ไม่ได้บันทึกข้อมูลใด ๆ "
            "กู้คืนด้วย 'khiu restore BACKUP' (ห้ามคัดลอกไฟล์ทับฐานข้อมูลที่กำลังใช้งาน)",
        )
    return FileReplacedError(
        f"The database file {path} was replaced by another file; reconnecting to it.",
        f"ไฟล์ฐานข้อมูล {path} ถูกแทนที่ด้วยไฟล์อื่น กำลังเชื่อมต่อไฟล์ใหม่",
    )


def check_same_file(path: Path, opened: FileIdentity | None) -> None:
    """Raise FileReplacedError unless the file at `path` is still the one opened."""
    now = file_identity(path)
    if now != opened:
        raise replaced_error(path, now)
