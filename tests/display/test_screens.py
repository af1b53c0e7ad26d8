"""Screenshots at TV sizes, landscape and portrait: saved for people to look at, and
checked for what a person 10 m away needs (a huge number, nothing squeezed out)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from display.app import DisplayApp, DisplaySettings
from display.widgets.fit_label import FitLabel
from shared.storage import open_store, parse_location
from shared.storage.api import Store
from tests.support.shots import shots_dir
from tests.support.thai import assert_between_words

SHOTS = shots_dir("display")


def busy_hall(store: Store) -> None:
    """A mid-morning hall: queues at every service, most counters serving, one paused."""
    for code in ("DL", "DL", "SSO", "FLU", "FLU", "DL", "SSO", "FLU"):
        store.issue(code)
    for service in [s.code for s in store.services()]:
        for _ in range(2):
            store.issue(service, priority=service == "FLU")
    for counter in (1, 2, 3, 4, 5, 6, 7):
        store.call_next(counter)
    store.call_next(1)
    store.set_counter_open(8, False)


@pytest.mark.parametrize(
    ("width", "height"), [(1920, 1080), (1080, 1920), (1280, 720), (3840, 2160)]
)
def test_screenshot(qtbot: QtBot, db_path: Path, width: int, height: int) -> None:
    store = open_store(db_path)
    busy_hall(store)
    store.close()
    app = DisplayApp(DisplaySettings(location=parse_location(db_path), muted=True, speaker_factory=lambda voice: None))
    qtbot.addWidget(app.window)
    try:
        app.window.resize(width, height)
        app.window.show()
        app.start()
        qtbot.waitUntil(lambda: app.controller.board is not None)
        store = open_store(db_path)
        called = store.call_next(2)  # a live call: flashing
        store.close()
        assert called is not None
        window = app.window
        # Calls made just before start-up are replayed and flash too: wait for this one.
        qtbot.waitUntil(lambda: window.call.number.text() == called.code and window.call.flashing)
        assert window.size().width() == width and window.size().height() == height
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SHOTS / f"display-{width}x{height}.png"))

        # The number is readable across the hall: its ink at least 12% of the screen height.
        assert window.call.number.text() == called.code
        assert window.call.number.ink_height() >= 0.12 * height
        # The counter board lists every counter; the paused one says it is closed.
        assert sorted(window.counters.tiles) == list(range(1, 9))
        assert "Closed" in window.counters.tiles[8].shown_ticket()
        # Every visible label has room to be read: none is squeezed to a speck.
        labels = [w for w in window.findChildren(FitLabel) if w.isVisible() and w.text()]
        smallest = min(label.fitted_font().pixelSize() for label in labels)
        assert smallest >= height * (0.008 if height > width else 0.012), [
            (label.text(), label.fitted_font().pixelSize())
            for label in labels
            if label.fitted_font().pixelSize() < height * 0.015
        ]
        # Names wrap and elide only between words (never น้ำตาล cut to น้ำตา, tears).
        for label in labels:
            assert_between_words(label.text(), label.shown_lines())
    finally:
        app.shutdown()
