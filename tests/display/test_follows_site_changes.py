"""The running hall display follows the admin pages' changes (the ticker, a retired
counter) through the change feed, without a restart."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from display.app import DisplayApp
from shared.site_edit import put_display, retire_counter
from shared.storage.sqlite import SqliteStore


def test_a_new_ticker_and_a_retired_counter_show_at_once(
    qtbot: QtBot, display: DisplayApp, other: SqliteStore
) -> None:
    window = display.window
    assert 8 in window.counters.tiles
    other.change_site(
        put_display({"ticker_th": "ปิดรับบัตรคิว 15:30 น.", "ticker_en": "Tickets until 15:30"}, {}),
        by="boss",
    )
    other.change_site(retire_counter(8), by="boss")
    qtbot.waitUntil(lambda: "Tickets until 15:30" in window.ticker.text())
    assert window.ticker.text().startswith("ปิดรับบัตรคิว 15:30 น.")
    qtbot.waitUntil(lambda: 8 not in window.counters.tiles)
