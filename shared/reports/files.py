"""Write a report file whole or not at all: a temp file beside the target, then rename.

The file is the user's: a new one gets the mode the umask gives (colleagues on a shared
folder can open it), an existing one keeps its mode and owner, a symlink is written
through (its target changes, the link stays), and anything that is not a regular file
(a device, a FIFO, a folder) is refused and left alone.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

from shared.reports.period import ReportError

_TEMP_ATTEMPTS = 16


def write_atomically(out: Path, write: Callable[[Path], None]) -> int:
    """Call write(temp_path), then move the temp file onto `out`; returns the size.

    On any failure the temp file is removed and `out` is left as it was (absent or the
    previous report), so a reader never sees half a report. When an existing file's
    owner cannot be kept by a rename (another user's file we may write to), the new
    content is copied into that file instead.
    """
    out = Path(out)
    target = Path(os.path.realpath(out))
    existing = _existing_regular_file(out, target)
    temp = _new_temp_file(out, target)
    try:
        write(temp)
        size = temp.stat().st_size
        if existing is None or _adopt_mode_and_owner(temp, existing):
            os.replace(temp, target)
        else:
            _copy_into(temp, target)
            temp.unlink()
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise _cannot_write(out, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return size


def _existing_regular_file(out: Path, target: Path) -> os.stat_result | None:
    """The target's status when it is a regular file, None when it does not exist yet;
    anything else is refused, so a report never replaces a device, FIFO or folder."""
    try:
        status = os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _cannot_write(out, exc) from None
    if stat.S_ISREG(status.st_mode):
        return status
    if stat.S_ISDIR(status.st_mode):
        raise ReportError(
            f"--out {out} เป็นโฟลเดอร์ กรุณาระบุชื่อไฟล์",
            f"--out {out} is a folder; give a file name",
        )
    raise ReportError(
        f"--out {out} ไม่ใช่ไฟล์ธรรมดา (เช่น อุปกรณ์หรือท่อ) จึงไม่บันทึกรายงานทับ กรุณาระบุชื่อไฟล์",
        f"--out {out} is not a regular file (a device, FIFO or socket); the report is not "
        "written over it: give a file name",
    )


def _new_temp_file(out: Path, target: Path) -> Path:
    """An empty new file beside the target, created with mode 0666 so that the umask,
    not a fixed 0600, decides who may read the report."""
    for _ in range(_TEMP_ATTEMPTS):
        temp = target.parent / f".{target.name}.{secrets.token_hex(6)}.part"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _cannot_write(out, exc) from None
        os.close(fd)
        return temp
    raise _cannot_write(out, FileExistsError(f"no free temporary name in {target.parent}"))


def _adopt_mode_and_owner(temp: Path, existing: os.stat_result) -> bool:
    """Give the temp file the existing file's mode and owner; False when the owner
    cannot be given (only root may give a file away)."""
    os.chmod(temp, stat.S_IMODE(existing.st_mode))
    mine = temp.stat()
    if not hasattr(os, "chown") or (mine.st_uid, mine.st_gid) == (existing.st_uid, existing.st_gid):
        return True
    try:
        os.chown(temp, existing.st_uid, existing.st_gid)
    except PermissionError:
        return False
    return True


def _copy_into(temp: Path, target: Path) -> None:
    """Overwrite the target's content in place: its inode, and so its owner and mode,
    stay. Not atomic: used only when a rename would take the file from its owner."""
    with open(temp, "rb") as source, open(target, "r+b") as destination:
        shutil.copyfileobj(source, destination)
        destination.truncate()
        destination.flush()
        os.fsync(destination.fileno())


def _cannot_write(out: Path, exc: OSError) -> ReportError:
    reason = exc.strerror or str(exc)
    return ReportError(
        f"บันทึกรายงานลง {out} ไม่ได้: {reason}",
        f"Cannot write the report to {out}: {reason}",
    )
