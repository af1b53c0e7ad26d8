"""Reading the date of birth over a fake transport: which commands go to the card, the
61xx answers, the 3B 67 ATR rule, unknown days and months, cards that refuse."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from shared.card.pcsc import choose_readers
from shared.card.thai_id import (
    READ_BIRTH_DATE,
    SELECT_MOI_APPLET,
    CardError,
    age_on,
    is_senior,
    parse_birth_date,
    read_birth_date,
    read_senior,
)
from shared.domain.errors import SiteFileError
from shared.paths import DEMO_SITE_FILE
from shared.site import load_site_file
from tests.support.virtual_card import ATR_3B67, ATR_3B68, CardBehaviour, VirtualCard

TODAY = date(2026, 12, 2)


class FakeTransport:
    """The virtual card's answers, without a reader: what the card was sent is kept."""

    def __init__(self, behaviour: CardBehaviour) -> None:
        self.card = VirtualCard(port=0, behaviour=behaviour)
        self.sent: list[list[int]] = []

    def transmit(self, apdu: list[int]) -> tuple[list[int], int, int]:
        self.sent.append(apdu)
        response = self.card.answer(bytes(apdu))
        return list(response[:-2]), response[-2], response[-1]


class ScriptedTransport:
    """Answers from a list, in order: for cards that answer in other ways."""

    def __init__(self, *answers: tuple[list[int], int, int]) -> None:
        self.answers = list(answers)
        self.sent: list[list[int]] = []

    def transmit(self, apdu: list[int]) -> tuple[list[int], int, int]:
        self.sent.append(apdu)
        return self.answers.pop(0)


@pytest.mark.parametrize(("atr", "p2"), [(ATR_3B67, 0x01), (ATR_3B68, 0x00)])
def test_only_select_read_birth_date_and_get_response_are_sent(atr: bytes, p2: int) -> None:
    transport = FakeTransport(CardBehaviour(birth_be="25060415", atr=atr))
    assert read_birth_date(transport, atr) == date(1963, 4, 15)
    assert transport.sent == [
        list(SELECT_MOI_APPLET),
        list(READ_BIRTH_DATE),
        [0x00, 0xC0, 0x00, p2, 0x08],
    ]
    assert READ_BIRTH_DATE[2:4] == (0x00, 0xD9)


def test_the_wrong_get_response_for_the_atr_is_refused_by_the_card() -> None:
    """The 3B 67 rule matters: a 3B 67 card refuses P2 = 00 (the virtual card does as
    real ones do), so reading it as another kind of card fails."""
    transport = FakeTransport(CardBehaviour(atr=ATR_3B67))
    with pytest.raises(CardError):
        read_birth_date(transport, ATR_3B68)


def test_a_card_that_answers_at_once_needs_no_get_response() -> None:
    transport = ScriptedTransport(([], 0x90, 0x00), (list(b"25000101"), 0x90, 0x00))
    assert read_birth_date(transport, ATR_3B68) == date(1957, 1, 1)
    assert len(transport.sent) == 2


def test_get_response_asks_for_the_eight_bytes_of_the_date() -> None:
    transport = ScriptedTransport(
        ([], 0x61, 0x0A), ([], 0x61, 0x08), (list(b"25101231"), 0x90, 0x00)
    )
    assert read_birth_date(transport, ATR_3B68) == date(1967, 12, 31)
    assert transport.sent[-1] == [0x00, 0xC0, 0x00, 0x00, 0x08]


def test_a_card_that_refuses_the_applet_is_not_read_further() -> None:
    transport = FakeTransport(CardBehaviour(refuses_applet=True))
    with pytest.raises(CardError) as refused:
        read_birth_date(transport, ATR_3B68)
    assert transport.sent == [list(SELECT_MOI_APPLET)]
    assert refused.value.message_th == "อ่านบัตรประชาชนไม่ได้"


def test_a_failed_read_is_an_error_not_a_date() -> None:
    transport = ScriptedTransport(([], 0x61, 0x0A), ([], 0x6A, 0x82))
    with pytest.raises(CardError):
        read_birth_date(transport, ATR_3B68)


@pytest.mark.parametrize(
    ("text", "born"),
    [
        (b"25060415", date(1963, 4, 15)),
        (b"25060400", date(1963, 4, 1)),  # day unknown: the first
        (b"25060000", date(1963, 1, 1)),  # day and month unknown: 1 January
        (b"25060015", date(1963, 1, 15)),  # month unknown
        (b"25430229", date(2000, 2, 29)),
    ],
)
def test_buddhist_era_dates(text: bytes, born: date) -> None:
    assert parse_birth_date(text) == born


@pytest.mark.parametrize("text", [b"2506041", b"2506O415", b"25061315", b"25410229", b"\xff" * 8])
def test_dates_that_are_not_dates(text: bytes) -> None:
    with pytest.raises(CardError):
        parse_birth_date(text)


def test_sixty_on_the_birthday_and_not_the_day_before() -> None:
    born = date(1966, 12, 2)
    assert age_on(born, TODAY) == 60 and is_senior(born, TODAY)
    assert not is_senior(born, date(2026, 12, 1))
    assert not is_senior(date(1966, 12, 3), TODAY)


def test_a_29_february_birthday_counts_from_1_march_in_other_years() -> None:
    born = date(1964, 2, 29)
    assert not is_senior(born, date(2024, 2, 28))
    assert is_senior(born, date(2024, 2, 29))
    assert is_senior(date(1963, 2, 28), date(2023, 2, 28))


def test_unknown_month_counts_as_january_for_the_age() -> None:
    """A card saying only "born 2509" (1966) makes the holder 60 from 1 January 2026."""
    transport = FakeTransport(CardBehaviour(birth_be="25090000"))
    assert read_senior(transport, ATR_3B68, date(2026, 1, 1))
    transport = FakeTransport(CardBehaviour(birth_be="25090000"))
    assert not read_senior(transport, ATR_3B68, date(2025, 12, 31))


def test_choosing_readers() -> None:
    names = ["Virtual PCD 00 00", "Virtual PCD 00 01", "ACS ACR39U 00 00"]
    assert choose_readers(names, "auto") == names
    assert choose_readers(names, "off") == []
    assert choose_readers(names, "ACS ACR39U") == ["ACS ACR39U 00 00"]
    assert choose_readers(names, "Virtual PCD 00 01") == ["Virtual PCD 00 01"]
    assert choose_readers(names, "Gemalto") == []


def test_the_site_file_says_which_reader(tmp_path: Path) -> None:
    text = DEMO_SITE_FILE.read_text(encoding="utf-8")
    assert load_site_file(DEMO_SITE_FILE).kiosk.card_reader == "auto"
    named = tmp_path / "named.toml"
    named.write_text(text.replace("idle_seconds = 30", 'card_reader = "ACS ACR39U"'), "utf-8")
    assert load_site_file(named).kiosk.card_reader == "ACS ACR39U"
    typo = tmp_path / "typo.toml"
    typo.write_text(text.replace("idle_seconds = 30", 'card_readr = "off"'), "utf-8")
    with pytest.raises(SiteFileError, match="card_reader"):
        load_site_file(typo)
