"""Bookings ahead in the store, on both backends: slots and free places, every refusal,
cancelling frees the place, check-in windows with a moved clock, the events written,
and capacity held when many processes book the last places at once."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from shared.domain.booking import BookingState
from shared.domain.errors import (
    BookingRefusedError,
    InvalidStateError,
    KhiuError,
    NotFoundError,
    SlotFullError,
)
from shared.site import load_site_file
from shared.storage import open_store
from shared.storage.api import Store
from tests.support.backends import Location
from tests.support.clock import FakeClock
from tests.support.small_site import SMALL_SITE, raw, write_site

BANGKOK = ZoneInfo("Asia/Bangkok")
# DL takes 2 bookings per 30-minute slot, 08:00-16:00 every day, up to 7 days ahead.
BOOKING_SITE = SMALL_SITE.format(fairness=3).replace(
    "processing_minutes = 20",
    'processing_minutes = 20\nbooking_per_slot = 2\nbooking_slot_minutes = 30\n'
    'booking_days_ahead = 7\nhours = [{ days = "mon-sun", open = "08:00", close = "16:00" }]',
)


def at(hhmm: str, days: int = 0) -> datetime:
    """A time on the test day (Tuesday 2026-11-24) in Bangkok, `days` later."""
    hour, minute = (int(p) for p in hhmm.split(":"))
    return datetime(2026, 11, 24, hour, minute, tzinfo=BANGKOK) + timedelta(days=days)


def make_booking_db(folder: Path, location: Location, per_slot: int = 2) -> Location:
    text = BOOKING_SITE.replace(
        "booking_per_slot = 2", f"booking_per_slot = {per_slot}"
    )
    store = open_store(location, create=True)
    store.load_site(load_site_file(write_site(folder, text=text)))
    store.close()
    return location


@pytest.fixture
def booking_db(tmp_path: Path, new_location: Callable[[str], Location]) -> Location:
    return make_booking_db(tmp_path, new_location("khiu.db"))


@pytest.fixture
def bs(booking_db: Location, clock: FakeClock) -> Iterator[Store]:
    store = open_store(booking_db, clock=clock)
    yield store
    store.close()


def test_slots_from_now_with_free_places(bs: Store) -> None:
    slots = bs.slots("dl")
    assert slots[0].start == at("10:00") and slots[0].end == at("10:30")
    assert slots[-1].start == at("15:30")
    assert {s.free for s in slots} == {2}
    bs.book("DL", at("10:30"))
    assert [s.free for s in bs.slots("DL")][:3] == [2, 1, 2]
    tomorrow = bs.slots("DL", "2026-11-25")
    assert tomorrow[0].start == at("08:00", days=1) and len(tomorrow) == 16
    assert bs.slots("DL", "2026-12-02") == []  # 8 days ahead: beyond the 7
    assert bs.slots("SSO") == []  # takes no bookings


def test_book_gives_code_token_and_url(bs: Store) -> None:
    booking = bs.book("DL", at("11:00"))
    assert booking.state is BookingState.BOOKED and booking.ticket is None
    assert len(booking.code) == 6 and len(booking.token) >= 22
    assert booking.url == "https://khiu.example.go.th/b/" + booking.token
    json = booking.to_json(BANGKOK)
    assert json["start"] == "2026-11-24T11:00:00+07:00" and json["end"].endswith("11:30:00+07:00")
    assert bs.booking(booking.code) == booking == bs.booking(booking.url)
    assert bs.booking(booking.code.lower()) == booking
    assert bs.booking_by_token(booking.token) == booking
    assert bs.booking_by_token("nope") is None
    assert [b.code for b in bs.bookings()] == [booking.code]
    assert bs.bookings("2026-11-25") == [] and bs.bookings(service_code="SSO") == []


@pytest.mark.parametrize(
    ("service", "start", "error", "words"),
    [
        ("DL", at("09:30"), BookingRefusedError, "in the past"),
        ("DL", at("10:10"), BookingRefusedError, "No slot starts at 2026-11-24 10:10"),
        ("DL", at("16:00"), BookingRefusedError, "closed at 2026-11-24 16:00"),
        ("DL", at("10:00", days=8), BookingRefusedError, "at most 7 days ahead"),
        ("SSO", at("11:00"), BookingRefusedError, "takes no bookings"),
        ("XX", at("11:00"), NotFoundError, "Unknown service 'XX'"),
    ],
)
def test_refusals_write_nothing(
    bs: Store, booking_db: Location, service: str, start: datetime, error: type[KhiuError], words: str
) -> None:
    with pytest.raises(error) as caught:
        bs.book(service, start)
    assert words in caught.value.message_en
    assert caught.value.message_th != caught.value.message_en
    assert raw(booking_db).execute("SELECT count(*) FROM bookings").fetchone()[0] == 0


def test_full_slot_refused_and_cancel_frees_the_place(bs: Store) -> None:
    first = bs.book("DL", at("12:00"))
    bs.book("DL", at("12:00"))
    with pytest.raises(SlotFullError, match="full"):
        bs.book("DL", at("12:00"))
    cancelled = bs.unbook(first.code)
    assert cancelled.state is BookingState.CANCELLED
    assert bs.unbook(first.token).state is BookingState.CANCELLED  # again: unchanged
    again = bs.book("DL", at("12:00"))
    assert again.code != first.code
    assert [s.free for s in bs.slots("DL") if s.start == at("12:00")] == [0]


def test_check_in_window_early_on_time_and_late(bs: Store, clock: FakeClock) -> None:
    on_time = bs.book("DL", at("11:00"))
    late = bs.book("DL", at("10:30"))
    with pytest.raises(InvalidStateError, match="check-in opens at 10:30") as caught:
        bs.check_in(on_time.code)
    assert "10:30" in caught.value.message_th
    clock.advance(minutes=30)  # 10:30, the early edge
    ticket = bs.check_in(on_time.url)
    assert ticket.code == "A001" and ticket.booking == on_time.code
    assert ticket.to_json(BANGKOK)["booking"] == on_time.code
    assert bs.booking(on_time.code).state is BookingState.CHECKED_IN
    assert bs.booking(on_time.code).ticket == "A001"
    with pytest.raises(InvalidStateError, match="already checked in"):
        bs.check_in(on_time.code)
    with pytest.raises(InvalidStateError, match="cannot be cancelled"):
        bs.unbook(on_time.code)
    assert bs.issue("DL").booking is None

    clock.advance(minutes=15, seconds=1)  # 10:45:01: the 10:30 slot's window closed
    assert bs.booking(late.code).state is BookingState.MISSED  # read before any write
    with pytest.raises(InvalidStateError, match="missed") as missed:
        bs.check_in(late.code)
    assert "walk-in" in missed.value.message_en
    assert bs.booking(late.code).state is BookingState.MISSED
    with pytest.raises(InvalidStateError, match="missed"):
        bs.check_in(late.code)


def test_events_for_each_booking_step(bs: Store, booking_db: Location, clock: FakeClock) -> None:
    made = bs.book("DL", at("10:30"))
    gone = bs.book("DL", at("11:00"))
    bs.unbook(gone.code)
    forgotten = bs.book("DL", at("11:30"))
    ticket = bs.check_in(made.code)
    clock.advance(hours=2)
    bs.book("DL", at("13:00"))  # any booking write marks the forgotten one missed
    kinds = [
        (e.kind, e.data.get("booking"), e.ticket)
        for e in bs.changes(0)
        if e.kind in ("booked", "booking_cancelled", "checked_in", "booking_missed")
    ]
    assert kinds[:5] == [
        ("booked", made.code, None),
        ("booked", gone.code, None),
        ("booking_cancelled", gone.code, None),
        ("booked", forgotten.code, None),
        ("checked_in", made.code, ticket.code),
    ]
    assert ("booking_missed", forgotten.code, None) in kinds
    state = raw(booking_db).execute(
        "SELECT state FROM bookings WHERE code = ?", (forgotten.code,)
    ).fetchone()[0]
    assert state == "missed"


def _book_one(location: str, t0: datetime, start: datetime) -> str:
    """A worker process: book `start` once; the code, or 'full'."""
    store = open_store(location, clock=FakeClock(t0))
    try:
        return store.book("DL", start).code
    except SlotFullError:
        return "full"
    finally:
        store.close()


@pytest.mark.slow
def test_concurrent_processes_never_overbook(
    tmp_path: Path, new_location: Callable[[str], Location]
) -> None:
    location = make_booking_db(tmp_path, new_location("khiu.db"), per_slot=3)
    clock = FakeClock()
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(8) as pool:
        results = pool.starmap(
            _book_one, [(str(location), clock.now, at("14:00"))] * 24
        )
    made = [r for r in results if r != "full"]
    assert len(made) == 3 == len(set(made))
    assert results.count("full") == 21
    conn = raw(location)
    places = conn.execute(
        "SELECT place FROM bookings WHERE state = 'booked' ORDER BY place"
    ).fetchall()
    assert [p[0] for p in places] == [1, 2, 3]


def test_calling_order_from_the_slot_start(bs: Store, clock: FakeClock) -> None:
    early = bs.book("DL", at("10:30"))
    late = bs.book("DL", at("10:30"))
    walk_ins = [bs.issue("DL").code for _ in range(2)]  # A001, A002 at 10:00
    clock.advance(minutes=5)
    checked_early = bs.check_in(early.code)  # 10:05: waits as a walk-in until 10:30
    assert (checked_early.code, checked_early.priority) == ("A003", False)
    called = bs.call_next(1)
    assert called is not None and called.code == "A001"
    clock.advance(minutes=25)  # 10:30, the slot starts
    walk_in_after = bs.issue("DL")  # A004
    checked_on_time = bs.check_in(late.code)  # at the slot's start: ahead of walk-ins
    assert (checked_on_time.code, checked_on_time.priority) == ("A005", False)  # booked, not priority
    assert bs.ticket(walk_in_after.code).position == 3  # A002, A003 and the booked A005
    order = [bs.call_next(1).code for _ in range(4)]  # type: ignore[union-attr]
    assert order == ["A003", "A005", walk_ins[1], walk_in_after.code]


def test_report_counts_bookings_per_service(bs: Store, clock: FakeClock, tmp_path: Path) -> None:
    from shared.reports import make_report
    from shared.reports.pdf import report_html
    from shared.reports.spreadsheet import write_csv

    checked = bs.book("DL", at("10:30"))
    bs.book("DL", at("10:30"))  # never comes: missed once its window closes
    bs.unbook(bs.book("DL", at("11:00")).code)
    bs.book("DL", at("10:00", days=1))  # tomorrow: not in today's report
    clock.advance(minutes=30)
    bs.check_in(checked.code)
    clock.advance(minutes=20)  # 10:50: the 10:30 window closed, nothing swept yet
    report = make_report(bs, "2026-11-24", "2026-11-24")
    services = {s["code"]: s for s in report.to_json()["services"]}
    assert services["DL"]["bookings"] == {"made": 3, "checked_in": 1, "missed": 1, "cancelled": 1}
    assert services["SSO"]["bookings"] == {"made": 0, "checked_in": 0, "missed": 0, "cancelled": 0}
    assert "Bookings ahead" in report_html(report)
    write_csv(report, tmp_path / "r.csv")
    header, *rows = (tmp_path / "r.csv").read_text("utf-8-sig").splitlines()
    assert header.endswith("bookings_made,bookings_checked_in,bookings_missed,bookings_cancelled")
    assert any(row.split(",")[1] == "DL" and row.endswith(",3,1,1,1") for row in rows)


def test_counter_scan_checks_a_booking_in_and_calls_it(bs: Store, clock: FakeClock) -> None:
    booking = bs.book("DL", at("10:30"))
    other = bs.book("DL", at("11:30"))
    walk_in = bs.issue("DL")
    with pytest.raises(InvalidStateError, match="check-in opens at 11:00"):
        bs.call_ticket(1, other.code)
    called = bs.call_ticket(1, booking.url)  # the QR, as a scanner types it
    assert (called.state.value, called.counter, called.booking) == ("called", 1, booking.code)
    assert called.code == "A002"
    assert bs.booking(booking.code).state is BookingState.CHECKED_IN
    assert bs.call_ticket(2, walk_in.code).code == walk_in.code  # tickets as before
    with pytest.raises(NotFoundError):
        bs.call_ticket(1, "A999")


def test_checked_in_early_waits_as_a_walk_in_until_its_slot(bs: Store, clock: FakeClock) -> None:
    booking = bs.book("DL", at("10:30"))
    first, second = bs.issue("DL"), bs.issue("DL")  # A001, A002 at 10:00
    clock.advance(minutes=5)
    booked = bs.check_in(booking.code)  # A003 at 10:05
    clock.advance(minutes=1)
    after = bs.issue("DL")  # A004 at 10:06
    assert [bs.ticket(t.code).position for t in (booked, after)] == [2, 3]
    clock.advance(minutes=23)  # 10:29: the slot has not started, it is a walk-in
    assert bs.call_next(1).code == first.code  # type: ignore[union-attr]
    assert bs.ticket(booked.code).position == 1  # behind A002 still
    clock.advance(minutes=1)  # 10:30: from its slot's start it goes before older walk-ins
    assert [bs.ticket(t.code).position for t in (booked, second, after)] == [0, 1, 2]
    assert bs.call_next(2).code == booked.code  # type: ignore[union-attr]
    shown = bs.ticket(booked.code).to_json(BANGKOK)
    assert (shown["priority"], shown["priority_reason"], shown["booking"]) == (
        False,
        None,
        booking.code,
    )


def test_priority_and_booked_tickets_share_the_ahead_line_and_its_fairness(
    tmp_path: Path, new_location: Callable[[str], Location], clock: FakeClock
) -> None:
    """Fairness 3: after three calls from the ahead line a walk-in is called; priority
    and booked tickets come in the order they joined that line (a priority ticket at its
    issue, a booked one at its slot's start, or at its check-in when that was later)."""
    store = open_store(make_booking_db(tmp_path, new_location("k.db"), per_slot=4), clock=clock)
    bookings = [store.book("DL", at("10:30")) for _ in range(4)]
    walk_ins = [store.issue("DL") for _ in range(2)]  # 10:00
    booked = []
    for booking in bookings[:3]:
        clock.advance(minutes=2)
        booked.append(store.check_in(booking.code))  # 10:02, 10:04, 10:06: early
    clock.advance(minutes=4)
    priority = [store.issue("DL", priority=True)]  # 10:10
    clock.advance(minutes=21)
    priority.append(store.issue("DL", priority=True))  # 10:31
    clock.advance(minutes=1)
    booked.append(store.check_in(bookings[3].code))  # 10:32: late, joins at its check-in
    clock.advance(minutes=1)
    expected = [
        priority[0], booked[0], booked[1], walk_ins[0],
        booked[2], priority[1], booked[3], walk_ins[1],
    ]  # fmt: skip
    codes = [t.code for t in expected]
    assert [t.code for t in store.upcoming(1, limit=8)] == codes
    positions = {t.code: store.ticket(t.code).position for t in expected}
    # People ahead count the whole ahead line first, then older walk-ins.
    assert positions[walk_ins[0].code] == 6 and positions[walk_ins[1].code] == 7
    assert positions[booked[3].code] == 5
    by_token = store.tickets_by_tokens([t.token for t in expected])
    assert {v.code: v.position for v in by_token.values()} == positions
    assert not any(store.ticket(t.code).priority for t in booked)
    called = [store.call_next(1) for _ in expected]
    assert [t.code for t in called if t is not None] == codes
    store.close()


def test_a_walk_ins_wait_counts_a_booking_that_comes_before_its_turn(
    bs: Store, clock: FakeClock
) -> None:
    # Two counters serve DL (20 minutes each): the sixth walk-in's turn is in 40 minutes.
    last = [bs.issue("DL") for _ in range(6)][-1]

    def wait() -> int:
        shown = bs.ticket(last.code).to_json(BANGKOK)["estimated_wait_min"]
        assert isinstance(shown, int)
        return shown

    before = wait()
    bs.book("DL", at("12:00"))  # starts after its turn: changes nothing
    assert wait() == before
    bs.book("DL", at("10:30"))  # not yet checked in; it will, and go ahead at 10:30
    assert wait() >= before + 15
    assert bs.ticket(last.code).position == 5  # people ahead are those waiting now


def test_a_booked_ticket_transferred_waits_there_by_its_issue_time(
    bs: Store, clock: FakeClock
) -> None:
    booking = bs.book("DL", at("10:30"))
    first_sso = bs.issue("SSO")  # B001 at 10:00
    walk_in = bs.issue("DL")  # A001 at 10:00
    clock.advance(minutes=30)
    booked = bs.check_in(booking.code)  # A002 at 10:30, its slot's start
    clock.advance(minutes=1)
    later_sso = bs.issue("SSO")  # B002 at 10:31
    assert bs.call_next(1).code == booked.code  # type: ignore[union-attr]
    moved = bs.transfer(1, "SSO")  # its booking was for DL: at SSO it is a walk-in
    assert (moved.code, moved.position, moved.booking) == (booked.code, 1, booking.code)
    order = [bs.call_next(3) for _ in range(3)]  # counter 3 serves SSO only
    assert [t.code for t in order if t is not None] == [
        first_sso.code,
        booked.code,
        later_sso.code,
    ]
    assert bs.ticket(walk_in.code).state.value == "waiting"
