"""Mini mode and the live panel, as the officer sees them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter.__main__ import main
from shared.domain.model import TicketState
from shared.storage.sqlite import SqliteStore
from tests.support.clock import FakeClock
from tests.support.counter_app import AppFactory, press, settle, shown_code, sign_in


def test_mini_mode_is_an_always_on_top_strip_with_call_recall_finish(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore
) -> None:
    store.issue("DL")
    store.issue("DL")
    app = make_app(counter=1)
    sign_in(qtbot, app)
    qtbot.keyClick(app.window.main_page.scan, Qt.Key.Key_F9)
    mini = app.window.mini
    qtbot.waitUntil(mini.isVisible)
    assert not app.window.isVisible()
    flags = mini.windowFlags()
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert flags & Qt.WindowType.FramelessWindowHint
    assert mini.code.text() == "—"
    assert not mini.finish_button.isEnabled()

    qtbot.mouseClick(mini.call_button, Qt.MouseButton.LeftButton)
    settle(qtbot, app)
    assert mini.code.text() == "A001"
    qtbot.mouseClick(mini.recall_button, Qt.MouseButton.LeftButton)
    settle(qtbot, app)
    assert store.ticket("A001").recall_count == 1
    qtbot.mouseClick(mini.finish_button, Qt.MouseButton.LeftButton)
    settle(qtbot, app)
    assert store.ticket("A001").state is TicketState.DONE
    assert mini.code.text() == "—"

    qtbot.mouseClick(mini.expand_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(app.window.isVisible)
    assert not mini.isVisible()


def test_live_panel_follows_the_hall(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore, clock: FakeClock
) -> None:
    store.issue("DL")
    clock.advance(minutes=7)
    store.issue("SSO")
    store.issue("DL", priority=True)
    store.issue("LAND")  # not served at counter 2: never listed there
    app = make_app(counter=2)
    sign_in(qtbot, app)
    live = app.window.main_page.live
    assert live.codes == [t.code for t in store.upcoming(2)] == ["A002", "A001", "B001"]
    counts = [(row[1].text().split()[0], row[0].text()) for row in live.waiting_rows]
    assert counts == [("DL", "2"), ("SSO", "1")]
    assert "7" in live.waiting_rows[0][2].text()  # the longest DL wait, in minutes

    store.issue("SSO")  # someone at the kiosk: the change feed brings it in
    qtbot.waitUntil(lambda: live.waiting_rows[1][0].text() == "2")
    assert live.codes[-1] == "B002"

    press(qtbot, app, Qt.Key.Key_Return)
    assert shown_code(app) == "A002"
    clock.advance(minutes=4)
    press(qtbot, app, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: live.served.text() == "1")
    assert live.mean.text().startswith("4.0")


def test_main_refuses_a_missing_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "nothing.db"), "--counter", "1"]) == 2
    thai, english = capsys.readouterr().err.splitlines()
    assert thai.startswith("khiu-counter: ไม่พบฐานข้อมูล") and english.startswith("khiu-counter: no database")
    assert "init" in thai and "init" in english


def test_the_call_time_reads_as_time_ago_not_as_a_clock(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore, clock: FakeClock
) -> None:
    store.issue("DL")
    app = make_app(counter=1)
    sign_in(qtbot, app)
    press(qtbot, app, Qt.Key.Key_Return)
    assert shown_code(app) == "A001"
    meta = app.window.main_page.current.meta
    clock.advance(seconds=8)
    qtbot.waitUntil(lambda: meta.text() == "เรียกเมื่อ 8 วินาทีที่แล้ว / Called 8 s ago")
    clock.advance(minutes=3)
    qtbot.waitUntil(lambda: meta.text() == "เรียกเมื่อ 3 นาทีที่แล้ว / Called 3 min ago")
    clock.advance(minutes=62)
    qtbot.waitUntil(
        lambda: meta.text() == "เรียกเมื่อ 1 ชั่วโมง 5 นาทีที่แล้ว / Called 1 h 5 min ago"
    )
    settle(qtbot, app)


def test_the_mean_service_time_names_its_unit_in_both_languages(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore, clock: FakeClock
) -> None:
    store.issue("DL")
    app = make_app(counter=1)
    sign_in(qtbot, app)
    press(qtbot, app, Qt.Key.Key_Return)
    clock.advance(minutes=4)
    press(qtbot, app, Qt.Key.Key_F4)
    live = app.window.main_page.live
    qtbot.waitUntil(lambda: live.served.text() == "1")
    assert live.mean.text() == "4.0 นาที / min"
    settle(qtbot, app)


def test_live_panel_shows_todays_bookings_per_service(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore, clock: FakeClock
) -> None:
    from datetime import timedelta

    soon = store.book("DL", clock() + timedelta(minutes=30))
    store.book("DL", clock() + timedelta(hours=2))
    store.unbook(store.book("DL", clock() + timedelta(hours=3)).code)  # cancelled: not shown
    app = make_app(counter=1)
    sign_in(qtbot, app)
    live = app.window.main_page.live
    dl = live.waiting_rows[0][2]
    assert "นัดหมาย 2 · เช็กอินแล้ว 0 · ยังไม่มา 2" in dl.text()
    assert "booked 2 · checked in 0 · to come 2" in dl.text()
    store.check_in(soon.code)  # at the kiosk: the change feed brings it in
    qtbot.waitUntil(lambda: "เช็กอินแล้ว 1 · ยังไม่มา 1" in dl.text())
    ticket = store.booking(soon.code).ticket
    assert ticket is not None
    # Its row in "next up" says it is booked (it goes ahead from its slot's start).
    qtbot.waitUntil(lambda: any(ticket in r.text() for r in live.upcoming_rows if not r.isHidden()))
    row = next(r for r in live.upcoming_rows if ticket in r.text())
    assert "◆ นัดหมาย" in row.text() and "★" not in row.text()
