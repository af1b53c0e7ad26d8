"""Write a report file whole or not at all: a temp file beside the target, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from shared.reports.period import ReportError


def write_atomically(out: Path, write: Callable[[Path], None]) -> int:
    """Call write(temp_path), then move the temp file onto `out`; returns the size.

    On any failure the temp file is removed and `out` is left as it was (absent or the
    previous report), so a reader never sees half a report.
    """
    out = Path(out)
    if out.is_dir():
        raise ReportError(
            f"--out {out} เป็นโฟลเดอร์ กรุณาระบุชื่อไฟล์",
            f"--out {out} is a folder; give a file name",
        )
    folder = out.parent if str(out.parent) else Path(".")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise _cannot_write(out, exc) from None
    os.close(fd)
    temp = Path(name)
    try:
        write(temp)
        size = temp.stat().st_size
        os.replace(temp, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise _cannot_write(out, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return size


def _cannot_write(out: Path, exc: OSError) -> ReportError:
    reason = exc.strerror or str(exc)
    return ReportError(
        f"บันทึกรายงานลง {out} ไม่ได้: {reason}",
        f"Cannot write the report to {out}: {reason}",
    )
