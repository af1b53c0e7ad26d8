"""The kiosk's admin PIN pad cannot be guessed without limit: wrong PINs are
counted, 5 in a row lock the pad for 5 minutes (even the right PIN is refused then),
and every failure, refusal and unlock is in the event log — as the counter's sign-in."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.window import KioskWindow
from shared.storage import open_store
from shared.storage.sqlite import SqliteStore
from tests.support.backends import location_of
from tests.support.clock import FakeClock
from tests.support.kiosk_app import Factory, touch


def _type(qtbot: QtBot, w: KioskWindow, pin: str) -> None:
    for key in [*pin, "ok"]:
        touch(qtbot, w.pin.keys[key])


def test_five_wrong_pins_lock_the_pad_and_are_logged(
    qtbot: QtBot, make_kiosk: Factory, store: SqliteStore, clock: FakeClock
) -> None:
    store.add_officer("admin", "ผู้ดูแลระบบ", "9999", "admin")
    w = make_kiosk().window
    w.ask_pin()
    for _ in range(4):
        _type(qtbot, w, "1234")
        qtbot.waitUntil(lambda: w.pin.message.text() == "รหัสไม่ถูกต้อง")
        w.pin.message.setText("")
    _type(qtbot, w, "1234")  # the fifth
    qtbot.waitUntil(lambda: "ถูกล็อก" in w.pin.message.text())
    w.pin.message.setText("")
    _type(qtbot, w, "9999")  # the right PIN, while locked
    qtbot.waitUntil(lambda: "ถูกล็อก" in w.pin.message.text())
    assert w.stack.currentWidget() is w.pin

    kinds = [e.kind for e in store.changes(0, 1000) if e.kind.startswith("kiosk_")]
    assert kinds == ["kiosk_pin_failed"] * 5 + ["kiosk_pin_refused"]
    failed = [e for e in store.changes(0, 1000) if e.kind == "kiosk_pin_failed"]
    assert [e.data["failures"] for e in failed] == [1, 2, 3, 4, 5]
    assert failed[-1].data["locked"] is True

    clock.advance(minutes=5, seconds=1)
    w.pin.message.setText("")
    _type(qtbot, w, "9999")
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.admin)
    last = store.changes(0, 1000)[-1]
    assert last.kind == "kiosk_unlocked" and last.officer == "admin"


def test_the_count_survives_a_restart_and_a_success_clears_it(
    store: SqliteStore, clock: FakeClock
) -> None:
    store.add_officer("admin", "ผู้ดูแลระบบ", "9999", "admin")
    for _ in range(4):
        assert store.is_admin_pin("0000") is False
    again = open_store(location_of(store), clock=clock)  # the kiosk restarted
    assert again.is_admin_pin("9999") is True
    for _ in range(4):
        assert again.is_admin_pin("0000") is False  # counting starts afresh after success
    again.close()
