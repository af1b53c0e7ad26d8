"""`khiu demo --run --simulate` (what `make demo` runs): starts the display, kiosk,
counter 1, the web pages and the simulator, says what each window is and the logins,
and a Ctrl+C (SIGINT) stops every program it started."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name == "nt", reason="SIGINT to a process group is POSIX"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_demo_run_starts_everything_and_ctrl_c_stops_it(tmp_path: Path) -> None:
    db = tmp_path / "khiu.db"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    cli = [sys.executable, "-m", "shared.cli.main", "--db", str(db)]
    assert subprocess.run([*cli, "init", "--demo"], env=env, capture_output=True).returncode == 0
    port = _free_port()
    out = tmp_path / "out.txt"
    with open(out, "wb") as sink:
        demo = subprocess.Popen(
            [*cli, "demo", "--run", "--simulate", "--rate", "30", "--port", str(port)],
            env=env, stdout=sink, stderr=subprocess.STDOUT, cwd=tmp_path,
        )
    try:
        deadline = time.monotonic() + 90
        while True:  # the web pages answer once everything has started
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                    assert page.status == 200
                break
            except OSError:
                assert demo.poll() is None, out.read_text()
                assert time.monotonic() < deadline, out.read_text()
                time.sleep(0.3)
        children = psutil.Process(demo.pid).children()
        assert len(children) == 5, [c.cmdline() for c in children]  # 3 apps, web, simulator
        deadline = time.monotonic() + 60
        while "call " not in out.read_text():  # the simulator's feed reaches the console
            assert time.monotonic() < deadline, out.read_text()
            time.sleep(0.3)
        assert all(c.is_running() and c.status() != psutil.STATUS_ZOMBIE for c in children)
        text = out.read_text()
        for expected in ("Ctrl+C", 'window "Khiu kiosk"', 'window "Khiu counter"',
                         'window "Khiu hall display"', f"http://127.0.0.1:{port}/",
                         "somchai  1111", "admin    9999", "simulated at 30x"):
            assert expected in text, expected

        demo.send_signal(signal.SIGINT)  # Ctrl+C
        assert demo.wait(30) == 0
        _gone, alive = psutil.wait_procs(children, timeout=10)
        assert alive == [], [c.cmdline() for c in alive]
        assert "stopped 5 programs (SIGINT)" in out.read_text()
        assert {p.name for p in (tmp_path / "logs").iterdir()} == {
            "citizens-web-pages.log", "hall-display.log", "counter-1.log", "ticket-kiosk.log"
        }
    finally:
        if demo.poll() is None:
            demo.kill()
            demo.wait()
