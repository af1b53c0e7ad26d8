"""Counter app: key press -> new ticket shown, alone and while 30 other counters call
from other processes. Prints figures; asserts nothing about time."""

from __future__ import annotations

import multiprocessing as mp
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from tests.bench.stats import summary_ms
from tests.support.clock import ShiftedClock

if TYPE_CHECKING:  # the Qt modules load in the measuring process only
    from multiprocessing.sharedctypes import Synchronized

    from PySide6.QtCore import QCoreApplication

    from counter.app import CounterApp

OTHER_COUNTERS = 30
PROCESSES = 6  # 30 counters driven by 6 processes: 2 shared cores, not 30 busy interpreters
PAUSE_S = 0.02  # each process calls every 20 ms: ~300 calls/s in all, far above a real hall
SAMPLES = 150
TICKETS = 9000
OURS = OTHER_COUNTERS + 1


def _site_toml() -> str:
    counters = "\n".join(
        f'[[counters]]\nnumber = {n}\nservices = ["GEN"]\n' for n in range(1, OURS + 1)
    )
    return f"""[site]
name_th = "ศูนย์ทดสอบ"
name_en = "Bench centre"

[[services]]
code = "GEN"
prefix = "A"
name_th = "บริการทั่วไป"
name_en = "General service"
agency_th = "หน่วยงานทดสอบ"
agency_en = "Bench agency"
processing_minutes = 5

{counters}"""


def _caller(
    db_path: str,
    t0: float,
    counters: list[int],
    stop: mp.synchronize.Event,
    count: Synchronized[int],
) -> None:
    from shared.storage.sqlite import SqliteStore

    store = SqliteStore.open(Path(db_path), clock=ShiftedClock(t0))
    calls = 0
    while not stop.is_set():
        for number in counters:
            store.call_next(number)
            calls += 1
            time.sleep(PAUSE_S / len(counters))
    with count.get_lock():
        count.value += calls
    store.close()


def _press_and_wait(app: CounterApp, qt_app: QCoreApplication, previous: str) -> float:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    page = app.window.main_page
    start = time.perf_counter()
    QTest.keyClick(page.scan, Qt.Key.Key_Return)
    while app.controller.busy or page.current.code.text() == previous:
        qt_app.processEvents()
        time.sleep(0.0002)
    return time.perf_counter() - start


def _measure(app: CounterApp, qt_app: QCoreApplication, samples: int) -> list[float]:
    times = []
    for _ in range(samples):
        times.append(_press_and_wait(app, qt_app, app.window.main_page.current.code.text()))
    return times


def run() -> None:
    from PySide6.QtWidgets import QApplication

    from counter.app import CounterSettings, build
    from counter.prefs import CounterPrefs
    from shared.site import load_site_file
    from shared.storage import parse_location
    from shared.storage.sqlite import SqliteStore

    qt_app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="khiu-bench-counter-") as tmp:
        folder = Path(tmp)
        site_file = folder / "bench.toml"
        site_file.write_text(_site_toml(), encoding="utf-8")
        db_path = folder / "khiu.db"
        clock = ShiftedClock()  # a business day at any hour, shared with the callers
        store = SqliteStore.open(db_path, create=True, clock=clock)
        store.load_site(load_site_file(site_file))
        store.add_officer("bench", "ผู้ทดสอบ", "1234")
        started = time.perf_counter()
        for _ in range(TICKETS):
            store.issue("GEN")
        print(f"issued {TICKETS} tickets in {time.perf_counter() - started:.1f} s")

        app = build(
            CounterSettings(parse_location(db_path), OURS, clock, prefs=CounterPrefs.at(folder / "counter.ini"))
        )
        app.window.resize(1366, 768)
        app.window.show()
        app.controller.sign_in(OURS, "bench", "1234")
        while app.controller.snapshot is None:
            qt_app.processEvents()
            time.sleep(0.001)

        print(summary_ms("key -> ticket shown, quiet hall", _measure(app, qt_app, 50)))

        stop = mp.Event()
        count = mp.Value("i", 0)
        groups = [list(range(1 + p, OURS, PROCESSES)) for p in range(PROCESSES)]
        workers = [mp.Process(target=_caller, args=(str(db_path), clock.t0, g, stop, count)) for g in groups]
        for worker in workers:
            worker.start()
        time.sleep(1.0)  # let every caller get going
        load_started = time.perf_counter()
        busy = _measure(app, qt_app, SAMPLES)
        elapsed = time.perf_counter() - load_started
        stop.set()
        for worker in workers:
            worker.join(30)
        print(summary_ms(f"key -> ticket shown, {OTHER_COUNTERS} counters calling", busy))
        print(
            f"other counters made {count.value} calls ({count.value / (elapsed + 1):.0f}/s) "
            f"from {PROCESSES} processes"
        )
        app.shutdown()
        store.close()


if __name__ == "__main__":
    run()
