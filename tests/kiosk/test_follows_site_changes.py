"""The running kiosk follows the admin pages' changes through the change feed, without
a restart: a service added, another's hours changed, one taken off the screen."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from shared.site_edit import add_service, edit_service
from shared.storage.sqlite import SqliteStore
from tests.support.clock import FakeClock
from tests.support.kiosk_app import Factory


def test_services_changed_by_the_admin_show_at_once(
    qtbot: QtBot, make_kiosk: Factory, clock: FakeClock, store: SqliteStore
) -> None:
    clock.advance(hours=7)  # 17:00 in Bangkok: flu vaccination closed at 16:00
    home = make_kiosk().window.home
    assert home.buttons["FLU"].property("closed") == "true"
    store.change_site(
        add_service({"code": "PP", "prefix": "P", "name_th": "หนังสือเดินทาง",
                     "name_en": "Passport"}),
        by="boss",
    )
    store.change_site(
        edit_service("FLU", {"hours": [{"days": "mon-sun", "open": "08:00", "close": "20:00"}]}),
        by="boss",
    )
    store.change_site(edit_service("SEED", {"active": False}), by="boss")
    qtbot.waitUntil(lambda: "PP" in home.buttons and "SEED" not in home.buttons)
    qtbot.waitUntil(lambda: home.buttons["FLU"].property("closed") != "true")
    assert home.buttons["PP"].isVisible()
