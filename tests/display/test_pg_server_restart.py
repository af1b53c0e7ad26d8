"""The PostgreSQL server restarted under a running hall display and counter: both show
that they are reconnecting, recover by themselves, and no call is missed or said twice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter.app import CounterSettings, build
from counter.prefs import CounterPrefs
from display.app import DisplayApp, DisplaySettings
from shared.domain.errors import DatabaseError
from shared.paths import DEMO_SITE_FILE
from shared.site import VoiceConfig, load_site_file
from shared.storage import open_store, parse_location
from tests.support.counter_app import press, shown_code, sign_in
from tests.support.pg import PgServer, start_server
from tests.support.speakers import RecordingSpeaker

pytestmark = pytest.mark.slow


@pytest.fixture
def own_server() -> Iterator[PgServer]:
    """A server of this test's own: it is stopped and started under the apps."""
    server = start_server()
    yield server
    server.destroy()


def test_server_restart_under_display_and_counter(
    qtbot: QtBot, own_server: PgServer, tmp_path: Path
) -> None:
    url = own_server.create_database("hall")
    setup = open_store(url, create=True)
    setup.load_site(load_site_file(DEMO_SITE_FILE))
    setup.add_officer("somchai", "สมชาย ใจดี", "1111")
    setup.close()
    other = open_store(url)  # a kiosk and another counter, on their own PCs
    for _ in range(5):
        other.issue("DL")

    speaker = RecordingSpeaker()

    def speakers(voice: VoiceConfig) -> tuple[RecordingSpeaker, list[object]]:
        return speaker, []

    display = DisplayApp(
        DisplaySettings(location=parse_location(url), muted=True, speaker_factory=speakers, probe_ms=100)
    )
    qtbot.addWidget(display.window)
    display.window.show()
    display.start()
    qtbot.waitUntil(lambda: display.controller.board is not None)
    counter = build(
        CounterSettings(parse_location(url), 1, prefs=CounterPrefs.at(tmp_path / "counter.ini"))
    )
    counter.window.show()
    qtbot.waitUntil(lambda: counter.window.login_page.counter_box.count() > 0)
    sign_in(qtbot, counter)
    try:
        press(qtbot, counter, Qt.Key.Key_Return)
        assert shown_code(counter) == "A001"
        qtbot.waitUntil(lambda: [c[0] for c in speaker.calls] == ["A001"], timeout=10000)

        own_server.stop()
        mark = display.window.header.mark
        qtbot.waitUntil(mark.isVisible, timeout=15000)  # the display says: reconnecting
        with pytest.raises(DatabaseError):
            other.call_next(2)
        press(qtbot, counter, Qt.Key.Key_Return)  # the officer tries while it is down
        assert shown_code(counter) == "A001"  # nothing changed, the error is shown
        assert counter.window.status_line.text()

        own_server.start()
        other.call_next(2)  # A002, before the display has reconnected
        qtbot.waitUntil(lambda: not mark.isVisible(), timeout=20000)
        press(qtbot, counter, Qt.Key.Key_Return)  # A001 finished, A003 called
        qtbot.waitUntil(lambda: shown_code(counter) == "A003", timeout=10000)
        qtbot.waitUntil(lambda: [c[0] for c in speaker.calls] == ["A001", "A002", "A003"],
                        timeout=15000)
        qtbot.wait(500)  # nothing said twice after the catch-up
        assert [c[0] for c in speaker.calls] == ["A001", "A002", "A003"]
        assert display.window.call.number.text() == "A003"
    finally:
        counter.shutdown()
        display.shutdown()
        other.close()
