"""ID card benchmark: a senior's card inserted in the (virtual) reader -> the priority
notice on the kiosk's screen. pcscd with the vpcd virtual reader (as the tests start
it), offscreen Qt, a real SQLite file. Prints figures only."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.app import KioskSettings, build
from shared.paths import DEMO_SITE_FILE
from shared.site import load_site_file
from shared.storage import parse_location
from shared.storage.sqlite import SqliteStore
from tests.bench.kiosk import _wait
from tests.bench.stats import summary_ms
from tests.support.clock import ShiftedClock
from tests.support.pcsc import start_service, wait_for_card
from tests.support.virtual_card import CardBehaviour, VirtualCard

INSERTS = 30


def run() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    qt_app = QApplication.instance() or QApplication([])
    service = start_service()
    if isinstance(service, str):
        print(f"skipped: {service}")
        return
    try:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "khiu.db"
            clock = ShiftedClock()
            store = SqliteStore.open(db, create=True, clock=clock)
            store.load_site(load_site_file(DEMO_SITE_FILE))
            store.close()
            kiosk = build(KioskSettings(location=parse_location(db), status_interval_ms=3_600_000, clock=clock))
            kiosk.start(size=(1080, 1920))
            w = kiosk.window
            _wait(lambda: len(w.home.buttons) == 8)
            samples = []
            for _ in range(INSERTS):
                card = VirtualCard(service.port, CardBehaviour(birth_be="24930705"))
                card.insert()
                _wait(w.senior_note.isVisible)
                samples.append(time.perf_counter() - card.inserted_at)
                card.remove()
                wait_for_card(False)
                w.reset_to_start()
            print(summary_ms(f"card insert -> priority shown ({INSERTS} cards)", samples))
            kiosk.shutdown()
    finally:
        service.stop()
    assert qt_app is not None


if __name__ == "__main__":
    run()
