"""The booking commands as a user's script runs them (whole processes, clock moved by
libfaketime): JSON per the contract, one clear line and exit ≠ 0 on every refusal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.test_clock_cli import LIBFAKETIME, at
from tests.storage.test_bookings import make_booking_db
from tests.support.backends import Location
from tests.support.cli import Run

pytestmark = [
    pytest.mark.skipif(not LIBFAKETIME.exists(), reason="needs Debian's faketime package"),
    pytest.mark.slow,
]

TEN = "2026-11-24 03:00:00"  # 10:00 in Bangkok, a Tuesday


def refused(run: Run, words: str) -> None:
    assert run.code != 0
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], lines
    assert run.out == ""


def test_booking_commands_from_slots_to_checkin(
    tmp_path: Path, new_location: Callable[[str], Location]
) -> None:
    db = make_booking_db(tmp_path, new_location("khiu.db"))
    slots = at(db, TEN, "slots", "DL", "--date", "2026-11-24")
    assert slots.code == 0, slots.err
    # The faked clock runs on from 10:00:00, so the 10:00 slot has just begun: past.
    assert slots.value[0] == {
        "start": "2026-11-24T10:30:00+07:00", "end": "2026-11-24T11:00:00+07:00", "free": 2
    }
    assert at(db, TEN, "slots", "SSO").value == []

    made = at(db, TEN, "book", "DL", "--at", "2026-11-24 11:00")
    assert made.code == 0, made.err
    booking = made.value
    assert set(booking) >= {"code", "token", "service", "start", "end", "state", "ticket", "url"}
    assert (booking["service"], booking["state"], booking["ticket"]) == ("DL", "booked", None)
    assert booking["url"].endswith("/b/" + booking["token"])
    iso = at(db, TEN, "book", "DL", "--at", "2026-11-24T11:30:00+07:00")
    assert iso.value["start"] == "2026-11-24T11:30:00+07:00"

    refused(at(db, TEN, "book", "DL", "--at", "2026-11-24 10:10"), "No slot starts at")
    refused(at(db, TEN, "book", "DL", "--at", "tomorrow"), "must be YYYY-MM-DD HH:MM")
    refused(at(db, TEN, "checkin", booking["code"]), "check-in opens at 10:30")

    ticket = at(db, "2026-11-24 03:45:00", "checkin", booking["url"])
    assert ticket.code == 0, ticket.err
    assert (ticket.value["code"], ticket.value["booking"]) == ("A001", booking["code"])
    shown = at(db, "2026-11-24 03:46:00", "booking", booking["code"]).value
    assert (shown["state"], shown["ticket"]) == ("checked_in", "A001")
    refused(at(db, "2026-11-24 03:46:00", "unbook", booking["code"]), "cannot be cancelled")

    listed = at(db, "2026-11-24 03:46:00", "bookings", "--service", "DL").value
    assert [b["code"] for b in listed] == [booking["code"], iso.value["code"]]
    refused(at(db, "2026-11-24 05:00:00", "checkin", iso.value["code"]), "missed")
    assert at(db, "2026-11-24 05:00:00", "booking", iso.value["code"]).value["state"] == "missed"


def test_unbook_and_full_slot(tmp_path: Path, new_location: Callable[[str], Location]) -> None:
    db = make_booking_db(tmp_path, new_location("khiu.db"), per_slot=1)
    first = at(db, TEN, "book", "DL", "--at", "2026-11-24 12:00").value
    refused(at(db, TEN, "book", "DL", "--at", "2026-11-24 12:00"), "is full")
    cancelled = at(db, TEN, "unbook", first["token"])
    assert cancelled.code == 0 and cancelled.value["state"] == "cancelled"
    assert at(db, TEN, "book", "DL", "--at", "2026-11-24 12:00").code == 0
    refused(at(db, TEN, "booking", "NOSUCH"), "No booking 'NOSUCH'")


def test_demo_makes_bookings_for_today_that_check_in_at_once(
    new_location: Callable[[str], Location],
) -> None:
    db = new_location("khiu.db")
    init = at(db, TEN, "init", "--demo")
    assert init.code == 0, init.err
    codes = init.value["demo_bookings"]
    assert len(codes) == 3
    again = at(db, TEN, "init", "--demo")  # `make run` runs it every time: no pile-up
    assert again.value["demo_bookings"] == []
    ticket = at(db, "2026-11-24 03:01:00", "checkin", codes[0])
    assert ticket.code == 0, ticket.err
    assert ticket.value["booking"] == codes[0] and ticket.value["service"] == "DL"
