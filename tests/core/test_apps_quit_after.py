"""`KHIU_QUIT_AFTER_S=N`, the start-up check the README gives: every app, in every mode,
quits cleanly (exit 0) after N seconds; also the locked full-screen kiosk, whose window
refuses every close but the admin's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.backends import Location

ROOT = Path(__file__).resolve().parents[2]

# Each app's mode as started on a site: the kiosk and the display locked full screen.
MODES = {
    "locked kiosk": ("kiosk", []),
    "windowed kiosk": ("kiosk", ["--windowed"]),
    "full-screen display": ("display", ["--mute"]),
    "windowed display": ("display", ["--windowed", "--mute"]),
    "counter": ("counter", []),
    "counter at one counter": ("counter", ["--counter", "1"]),
}


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("mode", MODES)
def test_the_app_quits_cleanly_after_the_given_seconds(
    db_path: Location, tmp_path: Path, mode: str
) -> None:
    module, args = MODES[mode]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KHIU_QUIT_AFTER_S": "0.5",
           "PYTHONPATH": str(ROOT), "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    # The timeout only ends a program that never quits: it stays far above a start-up.
    ran = subprocess.run([sys.executable, "-m", module, "--db", str(db_path), *args],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=90)
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert "Traceback" not in ran.stderr, ran.stderr[-3000:]
