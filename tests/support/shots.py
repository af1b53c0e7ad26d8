"""Where screenshot tests save PNGs for people to look at: $KHIU_SHOTS, else
`khiu-shots` in the system's temporary folder (portable: Windows too)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def shots_dir(app: str = "") -> Path:
    root = Path(os.environ.get("KHIU_SHOTS") or Path(tempfile.gettempdir()) / "khiu-shots")
    return root / app if app else root
