"""Thai service names in the counter's lists and on its current ticket break only between
words, at the counter's screen sizes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF
from pytestqt.qtbot import QtBot

from shared.qt.thai_text import ThaiLabel
from shared.storage.sqlite import SqliteStore
from tests.support.counter_app import AppFactory, settle, sign_in
from tests.support.thai import assert_between_words


def _check(label: ThaiLabel) -> None:
    lines = label.shown_lines()
    assert_between_words(label.text(), lines)
    metrics = QFontMetricsF(label.font())
    room = label.contentsRect().width()
    assert all(metrics.horizontalAdvance(line) <= room for line in lines), (lines, room)


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
def test_waiting_list_and_current_ticket(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore, size: tuple[int, int]
) -> None:
    for code in ("HC", "FLU", "HC"):
        store.issue(code)
    app = make_app(counter=4, size=size)
    sign_in(qtbot, app)
    live = app.window.main_page.live
    qtbot.waitUntil(lambda: len(live.waiting_rows) == 2)
    app.window.grab()  # settles the layout as painting the screen does
    for _, name, _ in live.waiting_rows:
        assert isinstance(name, ThaiLabel)
        _check(name)
    app.controller.call_next()
    settle(qtbot, app)
    current = app.window.main_page.current
    qtbot.waitUntil(lambda: "ตรวจสุขภาพ" in current.service.text())
    app.window.grab()
    _check(current.service)
