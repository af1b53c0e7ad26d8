"""Bookings ahead: free slots, booking a place, cancelling, checking in (which issues an
ordinary ticket of the service's daily numbering), and bookings left unchecked becoming
`missed`. Written once for every backend.

A slot's capacity is a database fact: each booking holds one numbered place (1 to
`booking_per_slot`) under a unique index on (service, slot start, place) while it is not
cancelled, and the place is chosen under the site-wide write lock."""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta
from urllib.parse import urlparse

from shared.clock import from_db, to_db
from shared.domain.booking import (
    BookingState,
    CheckinWindow,
    booking_url,
    day_slots,
    new_booking_code,
    normal_code,
)
from shared.domain.errors import (
    BookingRefusedError,
    InvalidStateError,
    NotFoundError,
    SlotFullError,
)
from shared.domain.model import EventKind, Service
from shared.site import ServiceConfig, SiteConfig
from shared.storage.api import BookingView, SlotView, TicketView
from shared.storage.core import event_values
from shared.storage.database import Row, Tx, UniqueViolation
from shared.storage.numbering import IssueOps

_BOOKING_SELECT = """SELECT b.*, s.code AS service_code, s.name_th AS service_name_th,
       s.name_en AS service_name_en, t.code AS ticket_code
    FROM bookings b
    JOIN services s ON s.id = b.service_id
    LEFT JOIN tickets t ON t.id = b.ticket_id"""


class BookingOps(IssueOps):
    """`slots`, `book`, `booking`, `bookings`, `unbook`, `check_in`."""

    # ---------------------------------------------------------------- reads
    def slots(self, service_code: str, day: str | None = None) -> list[SlotView]:
        """The bookable slots of `day` (default today) with their free places: from now
        to `booking_days_ahead` days ahead; [] when the service takes no bookings."""
        site = self.site()
        service = self.service(service_code)
        config = _config(site, service.code)
        now = self.clock()
        when = _day(day) if day else date.fromisoformat(self.today())
        if config.booking_per_slot <= 0 or when > _last_day(now, site, config):
            return []
        taken = {
            r["slot_start"]: int(r["taken"])
            for r in self.db.direct().all(
                """SELECT slot_start, count(*) AS taken FROM bookings
                   WHERE business_date = :day AND service_id = :service
                     AND state <> 'cancelled' GROUP BY slot_start""",
                {"day": when.isoformat(), "service": service.id},
            )
        }
        return [
            SlotView(
                slot.start,
                slot.end,
                max(config.booking_per_slot - taken.get(to_db(slot.start), 0), 0),
            )
            for slot in day_slots(service.hours, when, site.tz, config.booking_slot_minutes)
            if slot.start >= now
        ]

    def booking(self, reference: str) -> BookingView:
        with self.db.read() as tx:
            return self._booking_view(self._find_booking(tx, reference))

    def booking_by_token(self, token: str) -> BookingView | None:
        row = self.db.direct().one(f"{_BOOKING_SELECT} WHERE b.token = :token", {"token": token})
        return None if row is None else self._booking_view(row)

    def bookings(
        self, day: str | None = None, service_code: str | None = None
    ) -> list[BookingView]:
        """The bookings of a day (default today), by slot, of one service or all."""
        when = _day(day).isoformat() if day else self.today()
        params: dict[str, object] = {"day": when}
        of_service = ""
        if service_code:
            params["service"] = self.service(service_code).id
            of_service = "AND b.service_id = :service"
        rows = self.db.direct().all(
            f"""{_BOOKING_SELECT} WHERE b.business_date = :day {of_service}
                ORDER BY b.slot_start, s.display_order, b.place""",
            params,
        )
        return [self._booking_view(row) for row in rows]

    # --------------------------------------------------------------- writes
    def book(self, service_code: str, start: datetime) -> BookingView:
        """Book a place in the slot starting at `start`; refused (BookingRefusedError,
        SlotFullError) with nothing written for a past, closed, non-existent, too far
        or full slot."""
        now, _ = self._begin()
        site = self._site
        service = self.service(service_code)
        config = _config(site, service.code)
        slot_start = self._check_slot(service, config, site, start, from_db(now) or start)
        try:
            with self.db.write() as tx:
                self._sweep_missed(tx, now)
                taken = {
                    int(r["place"])
                    for r in tx.all(
                        """SELECT place FROM bookings WHERE service_id = :service
                           AND slot_start = :start AND state <> 'cancelled'""",
                        {"service": service.id, "start": to_db(slot_start)},
                    )
                }
                free = [p for p in range(1, config.booking_per_slot + 1) if p not in taken]
                if not free:
                    raise _full(slot_start, site)
                code = self._unused_code(tx)
                booking_id = tx.scalar(
                    """INSERT INTO bookings (service_id, business_date, slot_start, slot_end,
                         place, code, token, state, booked_at)
                       VALUES (:service, :day, :start, :end, :place, :code, :token,
                         'booked', :now)
                       RETURNING id""",
                    {
                        "service": service.id,
                        "day": slot_start.astimezone(site.tz).date().isoformat(),
                        "start": to_db(slot_start),
                        "end": to_db(
                            slot_start + timedelta(minutes=config.booking_slot_minutes)
                        ),
                        "place": free[0],
                        "code": code,
                        "token": secrets.token_urlsafe(18),
                        "now": now,
                    },
                )
                self._event(
                    tx,
                    now,
                    EventKind.BOOKED,
                    service_id=service.id,
                    data={"booking": code, "start": to_db(slot_start)},
                )
        except UniqueViolation:  # another writer took the place: the slot was full
            raise _full(slot_start, site) from None
        return self._booking_by_id(booking_id)

    def unbook(self, reference: str) -> BookingView:
        """Cancel a booking: its place is free again. A checked-in or missed booking
        cannot be cancelled; a cancelled one stays as it is."""
        now, _ = self._begin()
        with self.db.write() as tx:
            self._sweep_missed(tx, now)
            row = self._find_booking(tx, reference)
            state = BookingState(row["state"])
            if state in (BookingState.CHECKED_IN, BookingState.MISSED):
                raise _not_cancellable(row, state)
            if state is BookingState.BOOKED:
                tx.execute(
                    "UPDATE bookings SET state = 'cancelled', ended_at = :now WHERE id = :id",
                    {"now": now, "id": row["id"]},
                )
                self._event(
                    tx,
                    now,
                    EventKind.BOOKING_CANCELLED,
                    service_id=row["service_id"],
                    data={"booking": row["code"], "start": row["slot_start"]},
                )
            booking_id = row["id"]
        return self._booking_by_id(booking_id)

    def check_in(self, reference: str) -> TicketView:
        """Check a booking in within its window: an ordinary ticket of the service's
        daily numbering, marked with the booking. Too early: refused with the time
        check-in opens. Too late: the booking becomes `missed` and is refused."""
        now, today = self._begin()
        moment = from_db(now)
        assert moment is not None
        missed: Row | None = None
        ticket_id: int | None = None
        try:
            with self.db.write() as tx:
                row = self._find_booking(tx, reference)
                booked = row["state"] == BookingState.BOOKED.value
                if booked and _window(row, self._site).missed(moment):
                    self._mark_missed(tx, [row], now)  # commits before the refusal
                    missed = row
                else:
                    ticket_id = self._check_in_row(tx, row, now, today)
        except UniqueViolation:
            raise self._number_taken(row["service_code"], today) from None
        if missed is not None or ticket_id is None:
            raise _not_checkable(self._booking_by_id(row["id"]), self._site, today)
        return self._view_after_commit(ticket_id, today)

    def _check_in_row(self, tx: Tx, row: Row, now: str, today: str) -> int:
        """Issue the booking's ticket inside the caller's write transaction; its id.
        InvalidStateError (nothing written) when it cannot check in now."""
        site = self._site
        moment = from_db(now)
        assert moment is not None
        window = _window(row, site)
        if row["state"] != BookingState.BOOKED.value or window.missed(moment):
            raise _not_checkable(self._booking_view(row, site, moment), site, today)
        if window.too_early(moment):
            raise _too_early(row, window, site, today)
        # A walk-in ticket of the service's numbering; from its slot's start it is
        # called in the ahead line (storage/lines.py), without being a priority ticket.
        ticket_id = self._issue_in(tx, row["service_code"], today, now)
        tx.execute(
            """UPDATE bookings SET state = 'checked_in', ended_at = :now,
                 ticket_id = :ticket WHERE id = :id""",
            {"now": now, "ticket": ticket_id, "id": row["id"]},
        )
        self._event(
            tx,
            now,
            EventKind.CHECKED_IN,
            ticket_id=ticket_id,
            service_id=row["service_id"],
            data={"booking": row["code"], "start": row["slot_start"]},
        )
        return ticket_id

    # -------------------------------------------------------------- helpers
    def _booking_by_id(self, booking_id: int) -> BookingView:
        row = self.db.direct().one(f"{_BOOKING_SELECT} WHERE b.id = :id", {"id": booking_id})
        assert row is not None
        return self._booking_view(row)

    def _booking_view(
        self, row: Row, site: SiteConfig | None = None, moment: datetime | None = None
    ) -> BookingView:
        """The view of a row from _BOOKING_SELECT (the site and time given inside a write,
        where no further statement should run)."""
        site = site or self.site()
        window = _window(row, site)
        state = BookingState(row["state"])
        if state is BookingState.BOOKED and window.missed(moment or self.clock()):
            state = BookingState.MISSED  # not yet swept by a write: it is missed all the same
        start, end = from_db(row["slot_start"]), from_db(row["slot_end"])
        assert start is not None and end is not None
        return BookingView(
            code=row["code"],
            token=row["token"],
            service=row["service_code"],
            service_name_th=row["service_name_th"],
            service_name_en=row["service_name_en"],
            start=start,
            end=end,
            state=state,
            ticket=row["ticket_code"],
            url=booking_url(site.status_base_url, row["token"]),
            checkin_opens=window.opens,
            checkin_closes=window.closes,
        )

    def _find_booking(self, tx: Tx, reference: str) -> Row:
        """A booking by its code, its token, or its page's URL (a scanner types the URL)."""
        text = reference.strip()
        token = urlparse(text).path.rstrip("/").rsplit("/", 1)[-1] if "/" in text else text
        row = tx.one(f"{_BOOKING_SELECT} WHERE b.token = :token", {"token": token})
        if row is None:
            row = tx.one(f"{_BOOKING_SELECT} WHERE b.code = :code", {"code": normal_code(text)})
        if row is None:
            raise NotFoundError(f"ไม่พบการจอง {text!r}", f"No booking {text!r}")
        return row

    def _unused_code(self, tx: Tx) -> str:
        while True:
            code = new_booking_code()
            if tx.one("SELECT 1 AS taken FROM bookings WHERE code = :code", {"code": code}) is None:
                return code

    def _sweep_missed(self, tx: Tx, now: str) -> None:
        """Bookings whose check-in window has closed become `missed` (on the partial
        index of open bookings: only the few still booked are read)."""
        moment = from_db(now)
        assert moment is not None
        cutoff = moment - timedelta(minutes=self._site.checkin_late_minutes)
        rows = tx.all(
            f"{_BOOKING_SELECT} WHERE b.state = 'booked' AND b.slot_start < :cutoff",
            {"cutoff": to_db(cutoff)},
        )
        self._mark_missed(tx, rows, now)

    def _mark_missed(self, tx: Tx, rows: list[Row], now: str) -> None:
        for row in rows:
            tx.execute(
                "UPDATE bookings SET state = 'missed', ended_at = :now WHERE id = :id",
                {"now": now, "id": row["id"]},
            )
        self._events(
            tx,
            [
                event_values(
                    now,
                    EventKind.BOOKING_MISSED,
                    service_id=row["service_id"],
                    data={"booking": row["code"], "start": row["slot_start"]},
                )
                for row in rows
            ],
        )

    def _check_slot(
        self,
        service: Service,
        config: ServiceConfig,
        site: SiteConfig,
        start: datetime,
        now: datetime,
    ) -> datetime:
        """The slot starting at `start`, or BookingRefusedError saying why not."""
        local = start.astimezone(site.tz)
        shown = local.strftime("%Y-%m-%d %H:%M")
        if config.booking_per_slot <= 0:
            raise BookingRefusedError(
                f"บริการ {service.code} ไม่รับจองเวลาล่วงหน้า",
                f"{service.code} takes no bookings",
            )
        if local < now:
            raise BookingRefusedError(
                f"เวลา {shown} ผ่านไปแล้ว จองไม่ได้", f"{shown} is in the past; it cannot be booked"
            )
        last = _last_day(now, site, config)
        if local.date() > last:
            raise BookingRefusedError(
                f"จองล่วงหน้าได้ไม่เกิน {config.booking_days_ahead} วัน (ถึงวันที่ {last})",
                f"{service.code} can be booked at most {config.booking_days_ahead} days ahead "
                f"(up to {last})",
            )
        for slot in day_slots(service.hours, local.date(), site.tz, config.booking_slot_minutes):
            if slot.start == local:
                return slot.start
        if not service.is_open_at(local):
            raise BookingRefusedError(
                f"บริการ {service.code} ปิดในเวลา {shown}",
                f"{service.code} is closed at {shown}",
            )
        raise BookingRefusedError(
            f"ไม่มีช่วงเวลาจองที่เริ่ม {shown} (ช่วงละ {config.booking_slot_minutes} นาที "
            "ดูเวลาที่จองได้ด้วย khiu slots)",
            f"No slot starts at {shown} (slots are {config.booking_slot_minutes} minutes; "
            "see khiu slots)",
        )


def _config(site: SiteConfig, code: str) -> ServiceConfig:
    """The site file's settings of a service (a service stored without them: none)."""
    for config in site.services:
        if config.code == code:
            return config
    return ServiceConfig(code=code, prefix="", name_th="", name_en="")


def _last_day(now: datetime, site: SiteConfig, config: ServiceConfig) -> date:
    return now.astimezone(site.tz).date() + timedelta(days=config.booking_days_ahead)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BookingRefusedError(
            f"วันที่ {text!r} ต้องอยู่ในรูป YYYY-MM-DD", f"date {text!r} must be YYYY-MM-DD"
        ) from None


def _window(row: Row, site: SiteConfig) -> CheckinWindow:
    start = from_db(row["slot_start"])
    assert start is not None
    return CheckinWindow.of(
        start.astimezone(site.tz), site.checkin_early_minutes, site.checkin_late_minutes
    )


def _local(moment: datetime, site: SiteConfig, today: str | None = None) -> str:
    """HH:MM in site time, with the date when it is not `today`."""
    local = moment.astimezone(site.tz)
    return local.strftime("%H:%M" if local.date().isoformat() == today else "%Y-%m-%d %H:%M")


def _full(start: datetime, site: SiteConfig) -> SlotFullError:
    shown = _local(start, site)
    return SlotFullError(
        f"ช่วงเวลา {shown} เต็มแล้ว กรุณาเลือกเวลาอื่น", f"The slot at {shown} is full"
    )


def _too_early(row: Row, window: CheckinWindow, site: SiteConfig, today: str) -> InvalidStateError:
    opens = _local(window.opens, site, today)
    return InvalidStateError(
        f"การจอง {row['code']} เช็กอินได้ตั้งแต่ {opens}",
        f"Booking {row['code']}: check-in opens at {opens}",
    )


def _not_cancellable(row: Row, state: BookingState) -> InvalidStateError:
    if state is BookingState.CHECKED_IN:
        return InvalidStateError(
            f"การจอง {row['code']} เช็กอินแล้ว ยกเลิกไม่ได้",
            f"Booking {row['code']} is checked in; it cannot be cancelled",
        )
    return InvalidStateError(
        f"การจอง {row['code']} ไม่ได้มาตามนัด (missed) ยกเลิกไม่ได้",
        f"Booking {row['code']} was missed; it cannot be cancelled",
    )


def _not_checkable(view: BookingView, site: SiteConfig, today: str) -> InvalidStateError:
    if view.state is BookingState.MISSED:
        closes = _local(view.checkin_closes, site, today)
        return InvalidStateError(
            f"การจอง {view.code} ไม่ได้มาตามนัด (missed): เช็กอินได้ถึง {closes} "
            "กรุณารับบัตรคิวปกติ",
            f"Booking {view.code} was missed: check-in closed at {closes}; "
            "please take a walk-in ticket",
        )
    if view.state is BookingState.CHECKED_IN:
        return InvalidStateError(
            f"การจอง {view.code} เช็กอินแล้ว (บัตรคิว {view.ticket})",
            f"Booking {view.code} is already checked in (ticket {view.ticket})",
        )
    return InvalidStateError(
        f"การจอง {view.code} ถูกยกเลิกแล้ว", f"Booking {view.code} was cancelled"
    )

