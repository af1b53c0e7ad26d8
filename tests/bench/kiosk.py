"""Kiosk benchmark: touch -> number on screen, ticket render + encode, memory after 500
tickets. Offscreen Qt, a real SQLite file, real preview printing. Prints figures only."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psutil
from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app import KioskApp, KioskSettings, build
from shared.paths import DEMO_SITE_FILE
from shared.printing.device import encode_escpos
from shared.printing.render import render_ticket
from shared.site import load_site_file
from shared.storage import parse_location
from shared.storage.sqlite import SqliteStore
from tests.bench.stats import summary_ms
from tests.support.clock import ShiftedClock

TOUCHES = 200
TICKETS = 500
SERVICES = ("DL", "SSO", "FLU", "HC", "SEED", "SOIL", "LAND", "MH")


def _wait(predicate: Callable[[], object], timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("kiosk did not respond")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def _touch(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def _take_ticket(kiosk: KioskApp, code: str) -> tuple[float, str]:
    """Touch 'take a ticket' on the service page; seconds until the number is shown."""
    w = kiosk.window
    w.open_service(code)
    before = w.issued.issued
    start = time.perf_counter()
    _touch(w.service.take)
    _wait(lambda: w.issued.issued is not before and w.issued.code.isVisible())
    elapsed = time.perf_counter() - start
    shown = w.issued.code.text()
    _wait(lambda: w.issued.outcome is not None)  # printing finishes before the next citizen
    _touch(w.issued.done)
    return elapsed, shown


def run() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    qt_app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "khiu.db"
        clock = ShiftedClock()  # a business day at any hour: no service closed
        store = SqliteStore.open(db, create=True, clock=clock)
        store.load_site(load_site_file(DEMO_SITE_FILE))
        store.close()
        kiosk = build(KioskSettings(location=parse_location(db), status_interval_ms=3_600_000, clock=clock))
        kiosk.start(size=(1080, 1920))
        _wait(lambda: len(kiosk.window.home.buttons) == 8)
        process = psutil.Process()
        rss_start = process.memory_info().rss

        samples = []
        for i in range(TICKETS):
            elapsed, shown = _take_ticket(kiosk, SERVICES[i % len(SERVICES)])
            assert shown, "no number on screen"
            if i < TOUCHES:
                samples.append(elapsed)
        print(summary_ms(f"touch -> number on screen ({TOUCHES} touches)", samples))
        rss_end = process.memory_info().rss
        print(
            f"kiosk RSS after start: {rss_start / 2**20:.1f} MiB; "
            f"after {TICKETS} tickets (printed to preview): {rss_end / 2**20:.1f} MiB"
        )

        issued = kiosk.window.issued.issued
        assert issued is not None
        printout = issued.printout
        render, encode = [], []
        for _ in range(50):
            t0 = time.perf_counter()
            rendered = render_ticket(printout, 576)
            t1 = time.perf_counter()
            encode_escpos(rendered.bitmap)
            encode.append(time.perf_counter() - t1)
            render.append(t1 - t0)
        print(summary_ms("ticket render (576 dots)", render))
        print(summary_ms("ticket ESC/POS encode (GS v 0)", encode))
        kiosk.shutdown()
    assert qt_app is not None


if __name__ == "__main__":
    run()
