"""The kiosk's "Call staff" reaches every signed-in counter through the change feed; one
officer's answer (an event naming them) clears it on all counters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from counter.app import CounterApp
from kiosk.app import KioskApp, KioskSettings
from kiosk.app import build as build_kiosk
from shared.domain.errors import AuthError
from shared.domain.model import EventKind
from shared.storage import parse_location
from shared.storage.sqlite import SqliteStore
from tests.kiosk.fakes import FakePrinter, port_for
from tests.support.clock import FakeClock
from tests.support.counter_app import AppFactory, sign_in
from tests.support.shots import shots_dir

SHOTS = shots_dir("counter")


def _sign_in(qtbot: QtBot, app: CounterApp, login: str, pin: str) -> None:
    """Several counter windows on one screen: the officer types into the active one."""
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow)
    sign_in(qtbot, app, login, pin)


@pytest.fixture
def kiosk(qtbot: QtBot, db_path: Path, clock: FakeClock) -> Iterator[KioskApp]:
    app = build_kiosk(KioskSettings(location=parse_location(db_path), clock=clock, printer=port_for(FakePrinter())))
    app.start(size=(1080, 1920))
    qtbot.waitUntil(lambda: len(app.window.home.buttons) == 8)
    yield app
    app.shutdown()


def test_call_staff_shows_on_every_signed_in_counter_until_answered(
    qtbot: QtBot, make_app: AppFactory, kiosk: KioskApp, store: SqliteStore
) -> None:
    first, second, idle = make_app(counter=1), make_app(counter=2), make_app(counter=3)
    _sign_in(qtbot, first, "somchai", "1111")
    _sign_in(qtbot, second, "somsri", "2222")
    banners = [app.window.kiosk_help for app in (first, second)]
    assert not any(b.isVisible() for b in banners)

    w = kiosk.window
    w.toolbar.call_staff.click()
    qtbot.waitUntil(lambda: all(b.isVisible() for b in banners), timeout=10_000)
    assert banners[0].message.text() == "ตู้บัตรคิวต้องการความช่วยเหลือ / The kiosk needs help"
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert first.window.grab().save(str(SHOTS / "kiosk-needs-help.png"))
    assert not idle.window.kiosk_help.isVisible()  # nobody signed in there
    assert not w.toolbar.call_staff.isEnabled()  # told once: "staff are coming"
    assert w.toolbar.call_staff.text() == "แจ้งเจ้าหน้าที่แล้ว"

    second.window.kiosk_help.answer_button.click()
    qtbot.waitUntil(lambda: not any(b.isVisible() for b in banners), timeout=10_000)
    kinds = [(e.kind, e.officer, e.counter) for e in store.changes(0)]
    assert (EventKind.KIOSK_HELP, None, None) in kinds
    assert kinds[-1] == (EventKind.KIOSK_HELP_ANSWERED, "somsri", 2)
    assert not store.kiosk_help_pending()

    w.reset_to_start()  # the next citizen can call again
    assert w.toolbar.call_staff.isEnabled()


def test_a_counter_signed_in_later_sees_an_open_call(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore
) -> None:
    store.call_staff()
    app = make_app(counter=1)
    qtbot.waitUntil(lambda: app.help_watch is not None and app.help_watch.pending)
    assert not app.window.kiosk_help.isVisible()  # on the sign-in page: not yet
    sign_in(qtbot, app)
    assert app.window.kiosk_help.isVisible()


def test_only_the_officer_holding_the_counter_answers(officers: SqliteStore) -> None:
    officers.call_staff()
    with pytest.raises(AuthError):
        officers.answer_kiosk_help(1, "somchai")  # not signed in at counter 1
    assert officers.kiosk_help_pending()
    officers.sign_in(1, "somchai", "1111")
    officers.answer_kiosk_help(1, "somchai")
    assert not officers.kiosk_help_pending()
