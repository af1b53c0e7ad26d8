"""The real stack: pcscd, the vpcd virtual reader and a made-up card, read through
`khiu card` and `khiu issue --card` as separate processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.card.thai_id import READ_BIRTH_DATE, SELECT_MOI_APPLET
from tests.cli.test_clock_cli import LIBFAKETIME
from tests.support.cli import Run, khiu_process
from tests.support.pcsc import READER, PcscService, wait_for_card
from tests.support.virtual_card import ATR_3B67, ATR_3B68, CardBehaviour, VirtualCard

# 01:00 on 24 November 2026 in Bangkok, still the 23rd in UTC: ages count on the site's day.
BANGKOK_EARLY = "2026-11-23 18:00:00"
SENIOR = "24930705"  # 5 July 1950
YOUNG = "25430101"  # 1 January 2000
SIXTY_TODAY = "25091124"  # 24 November 1966 (B.E. 2509)
SIXTY_TOMORROW = "25091125"

pytestmark = pytest.mark.skipif(
    not LIBFAKETIME.exists(), reason="needs Debian's faketime package (make system-deps)"
)


def khiu(db: Path, *argv: str) -> Run:
    """`khiu ARGV` in a process whose clock starts at BANGKOK_EARLY (libfaketime), in
    Thai."""
    return khiu_process(
        db,
        *argv,
        lang="th_TH.UTF-8",
        env={
            "LD_PRELOAD": str(LIBFAKETIME),
            "FAKETIME": f"@{BANGKOK_EARLY}",
            "TZ": "UTC",
            "FAKETIME_DONT_FAKE_MONOTONIC": "1",
        },
    )


def _inserted(pcsc: PcscService, behaviour: CardBehaviour) -> VirtualCard:
    card = VirtualCard(pcsc.port, behaviour)
    card.insert()
    wait_for_card(True)
    return card


def _removed(card: VirtualCard) -> None:
    card.remove()
    wait_for_card(False)


def _only_the_birth_date_was_asked(card: VirtualCard, p2: int) -> None:
    assert [c.hex(" ") for c in card.commands] == [
        bytes(SELECT_MOI_APPLET).hex(" "),
        bytes(READ_BIRTH_DATE).hex(" "),  # READ BINARY at 00 D9, 8 bytes
        bytes([0x00, 0xC0, 0x00, p2, 0x08]).hex(" "),  # GET RESPONSE
    ]


@pytest.mark.parametrize(("atr", "p2"), [(ATR_3B67, 0x01), (ATR_3B68, 0x00)])
@pytest.mark.sqlite_only  # the card part does not depend on the backend
def test_khiu_card_says_senior_and_reads_only_the_birth_date(
    pcsc: PcscService, db_path: Path, atr: bytes, p2: int
) -> None:
    card = _inserted(pcsc, CardBehaviour(birth_be=SENIOR, atr=atr))
    try:
        run = khiu(db_path, "card")
    finally:
        _removed(card)
    assert run.code == 0, run.err
    assert run.value == {"reader": READER, "senior": True}
    _only_the_birth_date_was_asked(card, p2)


@pytest.mark.sqlite_only  # the card part does not depend on the backend
@pytest.mark.parametrize(
    ("birth_be", "senior"), [(SIXTY_TODAY, True), (SIXTY_TOMORROW, False), (YOUNG, False)]
)
def test_khiu_card_counts_the_age_on_the_sites_day(
    pcsc: PcscService, db_path: Path, birth_be: str, senior: bool
) -> None:
    card = _inserted(pcsc, CardBehaviour(birth_be=birth_be))
    try:
        run = khiu(db_path, "card", "--reader", "Virtual PCD")
    finally:
        _removed(card)
    assert run.value == {"reader": READER, "senior": senior}


def test_issue_with_the_card_gives_a_senior_priority_ticket(
    pcsc: PcscService, db_path: Path
) -> None:
    card = _inserted(pcsc, CardBehaviour(birth_be=SENIOR, atr=ATR_3B67))
    try:
        senior = khiu(db_path, "issue", "DL", "--card")
    finally:
        _removed(card)
    card = _inserted(pcsc, CardBehaviour(birth_be=YOUNG))
    try:
        young = khiu(db_path, "issue", "DL", "--card", "--reader", READER)
    finally:
        _removed(card)
    assert senior.code == 0 and young.code == 0, senior.err + young.err
    assert (senior.value["code"], senior.value["priority"], senior.value["priority_reason"]) == (
        "A001",
        True,
        "senior",
    )
    assert (young.value["priority"], young.value["priority_reason"]) == (False, None)
    for birth_date in ("24930705", "1950-07-05"):  # nothing of the card but "senior"
        assert birth_date not in senior.out


@pytest.mark.sqlite_only  # the card part does not depend on the backend
def test_no_card_no_reader_and_a_foreign_card_are_one_line_errors(
    pcsc: PcscService, db_path: Path
) -> None:
    wait_for_card(False)
    no_card = khiu(db_path, "issue", "DL", "--card")
    no_reader = khiu(db_path, "card", "--reader", "Gemalto")
    card = _inserted(pcsc, CardBehaviour(refuses_applet=True))
    try:
        foreign = khiu(db_path, "card")
    finally:
        _removed(card)
    for run, message in (
        (no_card, f"ไม่มีบัตรในเครื่องอ่าน {READER}"),
        (no_reader, "ไม่พบเครื่องอ่านบัตร"),
        (foreign, "อ่านบัตรประชาชนไม่ได้"),
    ):
        assert run.code != 0 and run.out == ""
        assert run.err == f"khiu: {message}\n"
    assert [c[:2] for c in card.commands] == [b"\x00\xa4"], "SELECT only: then it stopped"
    ticket = khiu(db_path, "ticket", "A001")
    assert ticket.code != 0, "no ticket was issued without the card"


@pytest.mark.sqlite_only  # the card part does not depend on the backend
def test_a_card_pulled_out_mid_read_is_an_error(pcsc: PcscService, db_path: Path) -> None:
    card = _inserted(pcsc, CardBehaviour(birth_be=SENIOR, vanishes_on_read=True))
    try:
        run = khiu(db_path, "card")
    finally:
        _removed(card)
    assert run.code != 0 and run.out == ""
    assert run.err.count("\n") == 1 and "Traceback" not in run.err
