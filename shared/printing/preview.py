"""The preview "printer": the ticket as a PNG plus its raw ESC/POS bytes in a spool folder."""

from __future__ import annotations

import hashlib
import os
import re
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class SpoolFiles:
    """Where a ticket's preview went."""

    png: Path
    raw: Path | None  # the .bin, written for the preview printer only


def spool_stem(issued_at: datetime, code: str, status_url: str) -> str:
    """`2026-11-24-A001-1a2b3c4d`: sorts by day, names the ticket, never collides.

    The last part is a digest of the status URL rather than the token itself, so the
    folder does not hand out what a QR would grant.
    """
    safe_code = re.sub(r"[^A-Za-z0-9]", "", code) or "ticket"
    digest = hashlib.sha256(status_url.encode()).hexdigest()[:8]
    return f"{issued_at:%Y-%m-%d}-{safe_code}-{digest}"


def _write_atomic(path: Path, data: bytes) -> None:
    # A kiosk or a watcher may read the spool while we write: never show half a file.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_spool(spool_dir: Path, stem: str, png: bytes, raw: bytes | None = None) -> SpoolFiles:
    """Write `<stem>.png` (and `<stem>.bin` when raw is given); OSError if the folder fails."""
    spool_dir.mkdir(parents=True, exist_ok=True)
    png_path = spool_dir / f"{stem}.png"
    _write_atomic(png_path, png)
    raw_path = None
    if raw is not None:
        raw_path = spool_dir / f"{stem}.bin"
        _write_atomic(raw_path, raw)
    return SpoolFiles(png_path, raw_path)


def prune_spool(spool_dir: Path, *, keep_days: float = 7, now: float | None = None) -> int:
    """Delete spool files older than `keep_days`; returns how many went."""
    if not spool_dir.is_dir():
        return 0
    cutoff = (time.time() if now is None else now) - keep_days * 86400
    removed = 0
    for path in spool_dir.iterdir():
        if path.suffix in (".png", ".bin") and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
