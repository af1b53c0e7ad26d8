"""Hall display latency: commit of a call in another process → the number painted on screen.

Another process calls 200 tickets (~8 a second) and records each commit's wall time;
the display records when its big-number label painted each code. Same machine, same clock.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from display.app import DisplayApp, DisplaySettings
from shared.paths import DEMO_SITE_FILE
from shared.site import load_site_file
from shared.storage import open_store, parse_location
from tests.bench.stats import summary_ms
from tests.support.clock import ShiftedClock

CALLS = 200
INTERVAL_S = 0.12

CALLER = r"""
import json, random, sys, time
from shared.storage import open_store
from tests.support.clock import ShiftedClock
store = open_store(sys.argv[1], clock=ShiftedClock(float(sys.argv[4])))
time.sleep(1.0)  # let the display settle
for i in range(int(sys.argv[2])):
    ticket = store.call_next(1 + i % 2)
    print(json.dumps([ticket.code, time.time()]), flush=True)
    time.sleep(float(sys.argv[3]) * random.uniform(0.5, 1.5))
"""


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="khiu-bench-display-") as folder:
        measure(Path(folder) / "khiu.db")


def measure(location: str | Path, indent: str = "") -> None:
    """Calls committed by another process → painted on a display, on `location` (an
    empty database: a new file path or a PostgreSQL URL)."""
    qt_app = QApplication.instance() or QApplication([])
    clock = ShiftedClock()  # a business day at any hour, shared with the caller
    store = open_store(location, create=True, clock=clock)
    store.load_site(load_site_file(DEMO_SITE_FILE))
    for _ in range(CALLS):
        store.issue("DL")
    store.close()

    app = DisplayApp(
        DisplaySettings(
            location=parse_location(location), muted=True, speaker_factory=lambda voice: None, clock=clock
        )
    )
    painted: dict[str, float] = {}
    received: dict[str, float] = {}
    app.window.call.number.painted.connect(lambda code: painted.setdefault(code, time.time()))
    app.controller.call_shown.connect(lambda call: received.setdefault(call.code, time.time()))
    app.window.resize(1920, 1080)
    app.window.show()
    app.start()

    caller = subprocess.Popen(
        [sys.executable, "-c", CALLER, str(location), str(CALLS), str(INTERVAL_S),
         repr(clock.t0)],
        stdout=subprocess.PIPE,
        text=True,
    )
    loop = QEventLoop()
    check = QTimer()
    check.timeout.connect(lambda: loop.quit() if caller.poll() is not None else None)
    check.start(50)
    loop.exec()
    # Let the last call reach the screen.
    QTimer.singleShot(500, loop.quit)
    loop.exec()
    commits = [json.loads(line) for line in caller.stdout or [] if line.strip()]
    app.shutdown()
    app.window.close()

    to_screen = [painted[code] - at for code, at in commits if code in painted]
    to_feed = [received[code] - at for code, at in commits if code in received]
    missing = [code for code, _ in commits if code not in painted]
    print(f"{indent}calls committed by another process: {len(commits)}, "
          f"never painted: {len(missing)}")
    print(indent + summary_ms("commit → call received by the controller", to_feed))
    print(indent + summary_ms("commit → big number painted", to_screen))
    del qt_app


if __name__ == "__main__":
    run()
