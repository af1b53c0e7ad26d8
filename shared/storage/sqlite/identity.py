"""Which file sits at a database path: device and inode (Windows: the file index).

A connection keeps reading and writing the file it opened even after that file was
moved away, deleted or replaced (`cp backup.db khiu.db`, `mv`), and SQLite raises
nothing. Every long-running reader and writer compares the identity it opened with
the identity at the path before it acts (one `stat`, about a microsecond).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from shared.domain.errors import DatabaseError
from shared.storage.database import FileReplacedError

FileIdentity = tuple[int, int]


def file_identity(path: Path) -> FileIdentity | None:
    """(device, inode) of the file at `path`, None when nothing is there."""
    try:
        stat = os.stat(path)
    except (OSError, ValueError):
        return None
    return stat.st_dev, stat.st_ino


def replaced_error(path: Path, now: FileIdentity | None) -> FileReplacedError:
    if now is None:
        return FileReplacedError(
            f"ไฟล์ฐานข้อมูล {path} ถูกลบหรือถูกย้ายไป ไม่ได้บันทึกข้อมูลใด ๆ "
            "กู้คืนด้วย 'khiu restore BACKUP' (ห้ามคัดลอกไฟล์ทับฐานข้อมูลที่กำลังใช้งาน)",
            f"The database file {path} was removed or moved away; nothing was written. "
            "Restore it with 'khiu restore BACKUP' (never copy files over a database in use).",
        )
    return FileReplacedError(
        f"ไฟล์ฐานข้อมูล {path} ถูกแทนที่ด้วยไฟล์อื่นขณะใช้งาน ไม่ได้บันทึกข้อมูลใด ๆ "
        "โปรแกรมจะเปลี่ยนไปใช้ไฟล์ใหม่เอง กรุณาลองอีกครั้ง "
        "(การกู้คืนข้อมูลสำรองให้ใช้ 'khiu restore BACKUP' ห้ามคัดลอกไฟล์ทับ)",
        f"The database file {path} was replaced by another file while in use; nothing was "
        "written to either. The apps switch to the new file by themselves: try again. "
        "(To put a backup back, use 'khiu restore BACKUP', never a copy over the file.)",
    )


Sidecars = tuple[FileIdentity | None, FileIdentity | None]  # (-wal, -shm)
SWAP_LOCK_STALE_S = 10.0


def _sides(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def sidecars(path: Path) -> Sidecars:
    """Identities of the write-ahead log and shared-memory files beside the database.
    Read right after opening: they stay the same files while the database is open."""
    wal, shm = _sides(path)
    return file_identity(wal), file_identity(shm)


def clear_stale_sidecars(path: Path, old: Sidecars) -> None:
    """Before opening a file that replaced the one we had open: remove the OLD file's
    -wal and -shm still lying under the path's names.

    SQLite never deletes the log of a database that was moved or unlinked (the close
    sees the file moved and leaves it), so the old log stays beside the new file. A
    connection opened on the new file would replay those old frames onto it (the
    "malformed" database of a restore by copying) or share the old shared memory.

    The first app to get here clears them and writes a marker naming the new file, so
    the others (which may see a new log that happens to reuse the old inode number)
    leave them alone; a lock file keeps two apps from doing it at once. Processes still
    on the old file keep their open (now unlinked) copies, apart from the new file."""
    lock = path.with_name(path.name + "-khiu-swap.lock")
    marker = path.with_name(path.name + "-khiu-swapped")
    fd = _take_lock(lock, path)
    try:
        current = file_identity(path)
        if current is None:
            return  # nothing to open yet; the caller reports the missing file
        try:
            done = marker.read_text("ascii").strip() == f"{current[0]} {current[1]}"
        except OSError:
            done = False
        if done:
            return
        for side, identity in zip(_sides(path), old, strict=True):
            if identity is not None and file_identity(side) == identity:
                side.unlink()
        marker.write_text(f"{current[0]} {current[1]}\n", "ascii")
    except OSError:
        raise still_in_use_error(path) from None
    finally:
        os.close(fd)
        lock.unlink(missing_ok=True)


def _take_lock(lock: Path, path: Path, wait_s: float = 3.0) -> int:
    """The swap lock file, waited for a moment (another app of ours may hold it)."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            try:
                stale = time.time() - lock.stat().st_mtime > SWAP_LOCK_STALE_S
            except OSError:
                stale = False
            if stale:
                lock.unlink(missing_ok=True)
            elif time.monotonic() > deadline:
                raise still_in_use_error(path) from None
            time.sleep(0.02)
        except OSError:
            raise still_in_use_error(path) from None


def let_go(path: Path, opened: FileIdentity | None, old: Sidecars) -> None:
    """After closing a connection: if the file at `path` is no longer the one it had
    open, clear that file's stale -wal/-shm now (we know which they are; a process
    opening the new file later would otherwise replay them). Best effort."""
    if file_identity(path) == opened:
        return
    note_replaced(path, opened, old)
    # Another app may be at it; the next opener of ours clears first anyway.
    with contextlib.suppress(DatabaseError):
        clear_stale_sidecars(path, old)


def clear_orphan_sidecars(path: Path) -> None:
    """A -wal or -shm without its database (deleted) belongs to no file: a database
    created at the path must not replay it."""
    if not path.exists():
        for side in _sides(path):
            side.unlink(missing_ok=True)


def still_in_use_error(path: Path) -> DatabaseError:
    return DatabaseError(
        f"ไฟล์ฐานข้อมูล {path} ถูกแทนที่ขณะใช้งาน กำลังเปลี่ยนไปใช้ไฟล์ใหม่ (หากยังเป็นอยู่ กรุณาปิดโปรแกรม"
        "ระบบคิวทั้งหมดแล้วเปิดใหม่ การกู้คืนข้อมูลสำรองให้ใช้ 'khiu restore BACKUP')",
        f"The database file {path} was replaced while in use; switching to the new file "
        "(if this stays, close all Khiu apps and start them again; to put a backup back, "
        "use 'khiu restore BACKUP').",
    )


# What this process saw of files replaced under it: path -> (the old file's -wal/-shm,
# when the replacement was noticed, the identity of the old file). Kept per process so
# that every connection the process opens next (store worker, feed, command) clears
# the old log first and a feed knows where to start on the new file.
@dataclass(frozen=True)
class Replacement:
    old_file: FileIdentity | None
    sidecars: Sidecars
    noticed_at: float  # time.time()


_replaced: dict[str, Replacement] = {}
_registry_lock = threading.Lock()


def _key(path: Path) -> str:
    return os.path.abspath(path)


def note_replaced(path: Path, old_file: FileIdentity | None, old_sidecars: Sidecars) -> None:
    """Remember, for this process, that the file it had open at `path` was replaced."""
    with _registry_lock:
        noted = _replaced.get(_key(path))
        if noted is None or noted.old_file != old_file:
            _replaced[_key(path)] = Replacement(old_file, old_sidecars, time.time())


def replacement_noted(path: Path) -> Replacement | None:
    with _registry_lock:
        return _replaced.get(_key(path))


def prepare_open(path: Path) -> None:
    """Before a connection is opened at `path`: if this process saw the file there
    replaced, clear the old file's log first (raises while that cannot be done yet)."""
    noted = replacement_noted(path)
    if noted is not None and file_identity(path) != noted.old_file:
        clear_stale_sidecars(path, noted.sidecars)


def switched_files(path: Path, current: FileIdentity | None) -> Replacement | None:
    """For a change feed in this process: the replacement, if the file it followed at
    `path` before is not `current` (it must start again on the new file)."""
    with _registry_lock:
        before = _followed.get(_key(path))
        _followed[_key(path)] = current
        if before is None or before == current:
            return None
        return _replaced.get(_key(path))


_followed: dict[str, FileIdentity | None] = {}
