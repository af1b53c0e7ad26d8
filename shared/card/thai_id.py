"""Reading a Thai ID card's date of birth, and only that, over any APDU transport.

The card's MOI applet is selected, the 8-byte date of birth at offset 00 D9 is read,
and the card hands the data over on GET RESPONSE. No other command is ever sent: the
ID number, names, address and photo stay on the card. The date itself is dropped as
soon as the age is known; only "senior or not" leaves this module.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from shared.domain.errors import KhiuError

SELECT_MOI_APPLET = (0x00, 0xA4, 0x04, 0x00, 0x08, 0xA0, 0x00, 0x00, 0x00, 0x54, 0x48, 0x00, 0x01)
BIRTH_DATE_LENGTH = 8
READ_BIRTH_DATE = (0x80, 0xB0, 0x00, 0xD9, 0x02, 0x00, BIRTH_DATE_LENGTH)
GET_RESPONSE = 0xC0
# Cards whose ATR begins 3B 67 want P2 = 01 in GET RESPONSE (the others 00).
ATR_NEEDING_P2_01 = (0x3B, 0x67)
BUDDHIST_ERA_OFFSET = 543
SENIOR_AGE = 60  # the Older Persons Act B.E. 2546

_MORE_DATA = 0x61  # SW1 61 xx: xx bytes wait for GET RESPONSE
_OK = (0x90, 0x00)


class Transport(Protocol):
    """What a card connection does: send a command APDU, get (data, SW1, SW2)."""

    def transmit(self, apdu: list[int]) -> tuple[list[int], int, int]: ...


class CardError(KhiuError):
    """No reader, no card, or a card that cannot be read as a Thai ID card."""


def unreadable_card() -> CardError:
    return CardError("อ่านบัตรประชาชนไม่ได้", "The ID card could not be read")


def get_response(atr: bytes, length: int) -> list[int]:
    """GET RESPONSE for `length` bytes, with the P2 the card's kind expects."""
    p2 = 0x01 if tuple(atr[:2]) == ATR_NEEDING_P2_01 else 0x00
    return [0x00, GET_RESPONSE, 0x00, p2, length]


def read_birth_date(transport: Transport, atr: bytes) -> date:
    """The card holder's date of birth (Gregorian); CardError when the card refuses."""
    _data, sw1, sw2 = transport.transmit(list(SELECT_MOI_APPLET))
    if sw1 != _MORE_DATA and (sw1, sw2) != _OK:  # not a Thai ID card (or a locked one)
        raise unreadable_card()
    data, sw1, sw2 = transport.transmit(list(READ_BIRTH_DATE))
    if sw1 == _MORE_DATA:
        data, sw1, sw2 = transport.transmit(get_response(atr, BIRTH_DATE_LENGTH))
    if (sw1, sw2) != _OK:
        raise unreadable_card()
    return parse_birth_date(bytes(data[:BIRTH_DATE_LENGTH]))


def parse_birth_date(data: bytes) -> date:
    """`YYYYMMDD` in the Buddhist era, ASCII; a `00` day or month is unknown and counts
    as the first (so the holder is never younger than the card says)."""
    text = data.decode("ascii", errors="replace")
    if len(text) != BIRTH_DATE_LENGTH or not text.isdigit():
        raise unreadable_card()
    year = int(text[:4]) - BUDDHIST_ERA_OFFSET
    month = int(text[4:6]) or 1
    day = int(text[6:]) or 1
    try:
        return date(year, month, day)
    except ValueError:
        raise unreadable_card() from None


def age_on(birth: date, day: date) -> int:
    """Whole years completed on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def is_senior(birth: date, day: date) -> bool:
    return age_on(birth, day) >= SENIOR_AGE


def read_senior(transport: Transport, atr: bytes, day: date) -> bool:
    """Whether the card's holder is 60 or over on `day` (the site's date)."""
    return is_senior(read_birth_date(transport, atr), day)
