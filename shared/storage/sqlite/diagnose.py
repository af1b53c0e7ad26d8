"""Precise, bilingual diagnoses of why a database file cannot be used, each with the
right next step. A read-only file, a read-only folder, a full disk, a lock held by
another program, a damaged file and a file that is not Khiu's need different actions:
telling them apart keeps people from "restoring" a healthy database."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from pathlib import Path

from shared.domain.errors import DatabaseError

# SQLite primary result codes (the low byte of an extended code).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = (
    3, 5, 6, 8, 10, 11, 13, 14, 26,
)
_RESTORE_EN = (
    "Stop the apps, move the file aside (keep it), then run "
    "'khiu --db {path} restore BACKUP' with the latest backup file."
)
_RESTORE_TH = (
    "ปิดโปรแกรมทั้งหมด ย้ายไฟล์นี้ไปเก็บไว้ที่อื่น แล้วสั่ง "
    "'khiu --db {path} restore BACKUP' ด้วยไฟล์สำรองล่าสุด"
)


_FILE_READ_ONLY_VOLUME = 0x00080000  # GetVolumeInformationW's flag


def on_read_only_disk(path: Path) -> bool:
    """True when the file system holding `path` (or its nearest existing folder) is
    read-only as a whole (mounted read-only, a write-protected drive): no permission or
    file attribute would help then."""
    for place in (path, *path.parents):
        try:
            if sys.platform == "win32":
                return _read_only_volume(place)
            return bool(os.statvfs(place).f_flag & os.ST_RDONLY)
        except OSError:
            continue  # not there (yet): ask about the folder that holds it
    return False


if sys.platform == "win32":

    def _read_only_volume(place: Path) -> bool:
        """The volume's own read-only flag (os.access on Windows reads only the file's
        "Read-only" attribute, so a write-protected drive looks writable to it)."""
        import ctypes
        from ctypes import wintypes

        if not place.exists():
            raise FileNotFoundError(place)
        root = ctypes.create_unicode_buffer(1024)
        kernel32 = ctypes.windll.kernel32
        if not kernel32.GetVolumePathNameW(str(place), root, len(root)):
            return False
        flags = wintypes.DWORD()
        if not kernel32.GetVolumeInformationW(
            root.value, None, 0, None, None, ctypes.byref(flags), None, 0
        ):
            return False
        return bool(flags.value & _FILE_READ_ONLY_VOLUME)


def read_only_disk(path: Path) -> DatabaseError:
    return DatabaseError(
        f"ดิสก์ที่เก็บ {path} เป็นแบบอ่านอย่างเดียวทั้งดิสก์ (เช่น แฟลชไดรฟ์ที่เปิดสวิตช์ป้องกันการเขียน "
        "แผ่นซีดี หรือดิสก์ที่ระบบเปลี่ยนเป็นอ่านอย่างเดียวหลังพบข้อผิดพลาด) ไม่ได้แก้ไขข้อมูลใด ๆ "
        "สิทธิ์ของไฟล์ไม่ใช่สาเหตุ กรุณาคัดลอกไฟล์ฐานข้อมูลไปไว้บนดิสก์ที่เขียนได้แล้วใช้ --db ที่นั่น "
        "หรือให้ช่างตรวจดิสก์ แล้วเริ่มใหม่",
        f"The disk holding {path} is read-only as a whole (a write-protected USB drive, "
        "a CD, or a disk the system switched to read-only after errors); nothing was "
        "changed. The file's own permissions are not the cause: copy the database file "
        "to a writable disk and give --db that copy, or have the disk checked, then "
        "start again.",
    )


def read_only_file(path: Path) -> DatabaseError:
    return DatabaseError(
        f"ไฟล์ฐานข้อมูล {path} เป็นแบบอ่านอย่างเดียวสำหรับผู้ใช้นี้ ไม่ได้แก้ไขข้อมูลใด ๆ "
        "กรุณาให้สิทธิ์เขียนไฟล์แก่ผู้ใช้ที่เปิดโปรแกรม (Windows: เอาเครื่องหมาย 'อ่านอย่างเดียว' "
        "ออกใน Properties) แล้วเริ่มใหม่",
        f"{path} is read-only for this user; nothing was changed. Give the user who runs "
        "Khiu permission to write the file (on Windows: untick 'Read-only' in its "
        "Properties), then start again.",
    )


def read_only_folder(path: Path) -> DatabaseError:
    folder = path.parent
    return DatabaseError(
        f"โฟลเดอร์ {folder} เป็นแบบอ่านอย่างเดียวสำหรับผู้ใช้นี้ ฐานข้อมูลต้องสร้างไฟล์ "
        f"{path.name}-wal และ {path.name}-shm ข้างไฟล์ ไม่ได้แก้ไขข้อมูลใด ๆ "
        "กรุณาให้สิทธิ์เขียนในโฟลเดอร์นั้น หรือใช้ --db ในโฟลเดอร์ของผู้ใช้เอง",
        f"The folder {folder} is read-only for this user; the database needs to create "
        f"{path.name}-wal and {path.name}-shm beside it. Nothing was changed. Give the user "
        "who runs Khiu permission to write in that folder, or use --db in a folder they own.",
    )


def check_path(path: Path, *, create: bool) -> None:
    """Before SQLite touches anything: a folder where the file should be, a file where
    the folder should be, a folder the user may not create, read-only file or folder."""
    parent = path.parent
    for folder in (parent, *parent.parents):
        if folder.exists():
            if not folder.is_dir():
                raise DatabaseError(
                    f"ใช้ {path} ไม่ได้: {folder} เป็นไฟล์ ไม่ใช่โฟลเดอร์ กรุณาเลือก --db ที่อื่น",
                    f"Cannot use {path}: {folder} is a file, not a folder. Choose another --db path.",
                )
            break
    if path.is_dir():
        raise DatabaseError(
            f"{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ฐานข้อมูล กรุณาระบุ --db เป็นไฟล์ เช่น {path / 'khiu.db'}",
            f"{path} is a folder, not a database file. Give --db the file, e.g. {path / 'khiu.db'}.",
        )
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise read_only_disk(path) if on_read_only_disk(path) else read_only_file(path)
        if not os.access(parent, os.W_OK | os.X_OK) and not _wal_files_writable(path):
            raise read_only_disk(path) if on_read_only_disk(path) else read_only_folder(path)
        return
    if not create:
        return
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except PermissionError:
        raise DatabaseError(
            f"ผู้ใช้นี้ไม่มีสิทธิ์สร้างโฟลเดอร์ {parent} สำหรับ {path.name} กรุณาให้ผู้ดูแลระบบ"
            "สร้างโฟลเดอร์และให้สิทธิ์เขียน หรือเลือก --db ในโฟลเดอร์ของผู้ใช้เอง",
            f"This user may not create the folder {parent} for {path.name}. Create it as an "
            "administrator and give this user write permission, or choose a --db path in a "
            "folder this user owns.",
        ) from None
    except OSError as exc:
        if on_read_only_disk(parent):
            raise read_only_disk(path) from None
        raise DatabaseError(
            f"สร้างโฟลเดอร์ {parent} สำหรับ {path.name} ไม่ได้: {exc.strerror or exc}",
            f"Cannot create the folder {parent} for {path.name}: {exc.strerror or exc}",
        ) from None
    if not os.access(parent, os.W_OK | os.X_OK):
        raise read_only_disk(path) if on_read_only_disk(path) else read_only_folder(path)


def _wal_files_writable(path: Path) -> bool:
    """In a read-only folder WAL works only while its two side files exist and are writable."""
    sides = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    return all(side.exists() and os.access(side, os.R_OK | os.W_OK) for side in sides)


def _little_space(path: Path, below: int = 1 << 20) -> bool:
    """A full disk often reaches SQLite as a plain I/O error (the -shm or WAL could not
    grow): look at the free space before blaming the disk itself."""
    try:
        return shutil.disk_usage(path.parent).free < below
    except OSError:
        return False


def explain(exc: sqlite3.Error, path: Path) -> DatabaseError:
    """The SQLite error as a diagnosis with its next step (never a bare 'damaged')."""
    return explain_detail(str(exc), getattr(exc, "sqlite_errorcode", None), path)


def explain_detail(text: str, full_code: int | None, path: Path) -> DatabaseError:
    """The diagnosis from the driver's text and (extended) result code."""
    code = (full_code or 0) & 0xFF
    if code == _READONLY or "readonly database" in text:
        if on_read_only_disk(path):
            return read_only_disk(path)
        if path.exists() and os.access(path, os.W_OK):
            return read_only_folder(path)
        return read_only_file(path)
    if code == _FULL or "disk is full" in text or (
        code in (_IOERR, _CANTOPEN) and _little_space(path)
    ):
        return DatabaseError(
            f"ดิสก์ที่เก็บ {path} เต็ม การทำงานล่าสุดไม่ถูกบันทึก ข้อมูลที่บันทึกไว้ก่อนหน้าไม่สูญหาย "
            "กรุณาลบไฟล์ที่ไม่ใช้ (ไฟล์สำรองเก่า ไฟล์ spool) ให้มีที่ว่าง แล้วลองใหม่",
            f"The disk holding {path} is full: the last action was not saved; nothing "
            "saved before is lost. Free some space on that disk (old backups, spool "
            "files), then try again.",
        )
    if code in (_BUSY, _LOCKED) or "locked" in text:
        return DatabaseError(
            f"ฐานข้อมูล {path} ถูกโปรแกรมอื่นล็อกไว้ (เช่น โปรแกรมเปิดดูฐานข้อมูล หรือโปรแกรม"
            "คัดลอก/สำรองไฟล์) หรือมีงานที่ใช้เวลานาน ไม่ได้แก้ไขข้อมูลใด ๆ กรุณาปิดโปรแกรมนั้นแล้วลองใหม่",
            f"{path} is locked by another program (a database browser, a copy or backup "
            "tool holding it open) or a long task; nothing was changed. Close that program "
            "and try again.",
        )
    if code == _NOTADB or "not a database" in text:
        return DatabaseError(
            f"{path} ไม่ใช่ฐานข้อมูลของระบบคิว (ไม่ใช่ไฟล์ SQLite) ไม่ได้แก้ไขไฟล์นี้ "
            "กรุณาตรวจสอบ --db",
            f"{path} is not a Khiu database (not an SQLite file); it was left untouched. "
            "Check the --db path.",
        )
    if code == _CORRUPT or "malformed" in text:
        return damaged(path, text)
    if code == _CANTOPEN:
        return DatabaseError(
            f"เปิดฐานข้อมูล {path} ไม่ได้ ({text}) กรุณาตรวจสอบว่ามีโฟลเดอร์นี้ และผู้ใช้นี้มีสิทธิ์อ่านเขียน",
            f"Cannot open {path} ({text}): check that its folder exists and that this user "
            "may read and write there.",
        )
    if code in (_IOERR, _PERM):
        return DatabaseError(
            f"ดิสก์แจ้งข้อผิดพลาดที่ {path} ({text}) กรุณาตรวจสอบดิสก์ (ไดรฟ์ USB ถูกถอด "
            "ดิสก์เสีย หรือสิทธิ์การเข้าถึง) แล้วลองใหม่",
            f"The disk reported an error on {path} ({text}): check the disk (a removed USB "
            "drive, a failing disk, permissions), then try again.",
        )
    return DatabaseError(
        f"ใช้ฐานข้อมูล {path} ไม่ได้ ({text})",
        f"Database {path} could not be used ({text}).",
    )


def damaged(path: Path, detail: str) -> DatabaseError:
    return DatabaseError(
        f"ฐานข้อมูล {path} เสียหาย ({detail}) ไม่ได้แก้ไขไฟล์นี้ " + _RESTORE_TH.format(path=path),
        f"{path} is damaged ({detail}); it was left untouched. "
        + _RESTORE_EN.format(path=path),
    )
