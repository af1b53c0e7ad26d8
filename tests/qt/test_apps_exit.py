"""How the apps are asked to end, in every mode, also the locked full-screen kiosk whose
window refuses every close but the admin's: `KHIU_QUIT_AFTER_S=N` (the start-up check the
README gives) quits after N seconds, and SIGTERM (a service manager's or `khiu demo
--run`'s stop) ends the app cleanly; both exit 0."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
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


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
            "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"), **extra}


def _handles(pid: int, signum: int) -> bool:
    """Whether the process has a handler for the signal (Linux: SigCgt in its status)."""
    status = Path(f"/proc/{pid}/status").read_text()
    caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) >> (signum - 1) & 1)


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("mode", MODES)
def test_the_app_quits_cleanly_after_the_given_seconds(
    db_path: Location, tmp_path: Path, mode: str
) -> None:
    module, args = MODES[mode]
    # The timeout only ends a program that never quits: it stays far above a start-up.
    ran = subprocess.run([sys.executable, "-m", module, "--db", str(db_path), *args],
                         cwd=ROOT, env=_env(tmp_path, KHIU_QUIT_AFTER_S="0.5"),
                         capture_output=True, text=True, timeout=90)
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert "Traceback" not in ran.stderr, ran.stderr[-3000:]


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's /proc")
@pytest.mark.parametrize("mode", ["locked kiosk", "full-screen display"])
def test_sigterm_ends_the_app_cleanly(db_path: Location, tmp_path: Path, mode: str) -> None:
    module, args = MODES[mode]
    app = subprocess.Popen([sys.executable, "-m", module, "--db", str(db_path), *args],
                           cwd=ROOT, env=_env(tmp_path), stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not _handles(app.pid, signal.SIGTERM):  # it has started and listens for it
            assert app.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        app.send_signal(signal.SIGTERM)
        _out, err = app.communicate(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert app.returncode == 0, err[-3000:]  # not -15: it ended by itself, cleanly
    assert "Traceback" not in err, err[-3000:]
