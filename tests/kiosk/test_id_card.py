"""The ID card at the kiosk over the real stack (pcscd, the vpcd virtual reader, a
made-up card): a senior's card on the home or a service page makes the next ticket a
priority one; other cards, unreadable ones and no card change nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp
from shared.card.thai_id import READ_BIRTH_DATE, SELECT_MOI_APPLET
from shared.paths import DEMO_SITE_FILE
from shared.site import SiteConfig, load_site_file
from shared.storage.sqlite import SqliteStore
from tests.support.backends import location_of, raw
from tests.support.clock import FakeClock
from tests.support.kiosk_app import Factory, touch
from tests.support.pcsc import PcscService, wait_for_card
from tests.support.virtual_card import ATR_3B67, CardBehaviour, VirtualCard

# 01:00 on 24 November 2026 in Bangkok, still the 23rd in UTC: ages count on the site's day.
BANGKOK_EARLY = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
SIXTY_TODAY = "25091124"  # 24 November 1966 (B.E. 2509)
SIXTY_TOMORROW = "25091125"
# pcscd notices a virtual card in about half a second when the machine is quiet; on a
# loaded test machine it has taken over five. A bound, not a measure.
CARD_WAIT_MS = 30_000


def tickets(store: SqliteStore) -> list[tuple[str, int, str | None]]:
    return [
        (r[0], r[1], r[2])
        for r in raw(location_of(store)).execute(
            "SELECT code, priority, priority_reason FROM tickets ORDER BY id"
        ).fetchall()
    ]


def insert_card(qtbot: QtBot, pcsc: PcscService, behaviour: CardBehaviour) -> VirtualCard:
    card = VirtualCard(pcsc.port, behaviour)
    card.insert()
    qtbot.waitUntil(lambda: len(card.commands) >= 1, timeout=CARD_WAIT_MS)
    return card


def take_ticket(qtbot: QtBot, kiosk: KioskApp, service: str = "DL") -> None:
    w = kiosk.window
    if w.stack.currentWidget() is w.home:
        touch(qtbot, w.home.buttons[service])
    touch(qtbot, w.service.take)
    # Printed before anything else is touched, as a citizen waits for the ticket.
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.issued and w.issued.outcome is not None)


@pytest.fixture
def no_card(pcsc: PcscService) -> PcscService:
    wait_for_card(False)
    return pcsc


def test_a_senior_card_on_the_home_page_gives_a_priority_ticket(
    qtbot: QtBot, make_kiosk: Factory, store: SqliteStore, no_card: PcscService, clock: FakeClock
) -> None:
    clock.now = BANGKOK_EARLY
    kiosk = make_kiosk()
    w = kiosk.window
    store.issue("DL")  # someone already waiting: the senior goes first
    card = insert_card(qtbot, no_card, CardBehaviour(birth_be=SIXTY_TODAY, atr=ATR_3B67))
    try:
        qtbot.waitUntil(w.senior_note.isVisible, timeout=CARD_WAIT_MS)
        assert w.senior_note.text() == "ผู้สูงอายุ ได้รับบัตรคิวช่องทางพิเศษ"
        assert w.stack.currentWidget() is w.home
        take_ticket(qtbot, kiosk)  # the ordinary button: the card already said it
    finally:
        card.remove()
    assert w.issued.code.text() == "A002"
    assert w.issued.band.isVisible() and w.issued.band.text() == "ช่องทางพิเศษ"
    assert w.issued.ahead.text() == "ไม่มีคิวรอก่อนหน้า"
    assert not w.senior_note.isVisible()
    assert tickets(store) == [("A001", 0, None), ("A002", 1, "senior")]
    assert [bytes(c) for c in card.commands] == [
        bytes(SELECT_MOI_APPLET),
        bytes(READ_BIRTH_DATE),
        bytes([0x00, 0xC0, 0x00, 0x01, 0x08]),
    ]
    # Only that ticket: the next citizen gets an ordinary one.
    touch(qtbot, w.issued.done)
    wait_for_card(False)
    take_ticket(qtbot, kiosk)
    assert tickets(store)[-1] == ("A003", 0, None)


def test_a_senior_card_on_a_service_page_and_the_manual_button(
    qtbot: QtBot, make_kiosk: Factory, store: SqliteStore, no_card: PcscService
) -> None:
    kiosk = make_kiosk()
    w = kiosk.window
    touch(qtbot, w.home.buttons["FLU"])
    card = insert_card(qtbot, no_card, CardBehaviour(birth_be="24930705"))
    try:
        qtbot.waitUntil(w.senior_note.isVisible, timeout=CARD_WAIT_MS)
        touch(qtbot, w.service.priority)  # a senior touching the priority button: senior
        qtbot.waitUntil(lambda: w.issued.outcome is not None)
    finally:
        card.remove()
    touch(qtbot, w.issued.done)
    touch(qtbot, w.home.buttons["FLU"])
    touch(qtbot, w.service.priority)  # no card: chosen by hand
    qtbot.waitUntil(lambda: w.issued.code.text() == "C002" and w.issued.outcome is not None)
    assert tickets(store) == [("C001", 1, "senior"), ("C002", 1, "manual")]


@pytest.mark.parametrize(
    ("behaviour", "senior"),
    [
        (CardBehaviour(birth_be=SIXTY_TOMORROW), False),  # 59 until tomorrow in Bangkok
        (CardBehaviour(refuses_applet=True), None),  # not a Thai ID card
        (CardBehaviour(birth_be="24930705", vanishes_on_read=True), None),  # pulled out
    ],
    ids=["younger", "foreign", "pulled-out"],
)
def test_other_cards_change_nothing(
    qtbot: QtBot,
    make_kiosk: Factory,
    store: SqliteStore,
    no_card: PcscService,
    clock: FakeClock,
    behaviour: CardBehaviour,
    senior: bool | None,
) -> None:
    clock.now = BANGKOK_EARLY
    kiosk = make_kiosk()
    w = kiosk.window
    with qtbot.waitSignal(kiosk.cards.card_read, timeout=CARD_WAIT_MS) as read:
        card = insert_card(qtbot, no_card, behaviour)
    card.remove()
    assert read.args == [senior]
    assert not w.senior_note.isVisible()
    assert not w.home.banner.isVisible(), "nothing alarming"
    take_ticket(qtbot, kiosk)
    assert tickets(store) == [("A001", 0, None)]


def test_a_senior_card_on_the_ticket_page_does_not_count(
    qtbot: QtBot, make_kiosk: Factory, store: SqliteStore, no_card: PcscService
) -> None:
    kiosk = make_kiosk()
    w = kiosk.window
    take_ticket(qtbot, kiosk)
    with qtbot.waitSignal(kiosk.cards.card_read, timeout=CARD_WAIT_MS) as read:
        card = insert_card(qtbot, no_card, CardBehaviour(birth_be="24930705"))
    card.remove()
    assert read.args == [True]
    assert not w.senior_note.isVisible()
    touch(qtbot, w.issued.done)
    take_ticket(qtbot, kiosk)
    assert tickets(store) == [("A001", 0, None), ("A002", 0, None)]


def _site_with_reader(tmp_path: Path, setting: str) -> SiteConfig:
    text = DEMO_SITE_FILE.read_text(encoding="utf-8")
    path = tmp_path / f"site-{len(list(tmp_path.iterdir()))}.toml"
    path.write_text(
        text.replace("idle_seconds = 30", f'idle_seconds = 30\ncard_reader = "{setting}"'),
        encoding="utf-8",
    )
    return load_site_file(path)


def test_card_reader_off_reads_nothing_until_a_reader_is_named(
    qtbot: QtBot, make_kiosk: Factory, store: SqliteStore, no_card: PcscService, tmp_path: Path
) -> None:
    store.load_site(_site_with_reader(tmp_path, "off"))
    kiosk = make_kiosk()
    w = kiosk.window
    card = VirtualCard(no_card.port, CardBehaviour(birth_be="24930705"))
    card.insert()
    try:
        wait_for_card(True)
        assert card.commands == []
        # The site manager names the reader: the card already in it is read.
        store.load_site(_site_with_reader(tmp_path, "Virtual PCD"))
        qtbot.waitUntil(w.senior_note.isVisible, timeout=CARD_WAIT_MS)
    finally:
        card.remove()
    assert [c[:2] for c in card.commands] == [b"\x00\xa4", b"\x80\xb0", b"\x00\xc0"]
