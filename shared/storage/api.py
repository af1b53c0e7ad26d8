"""The typed storage interface the apps, the command line, the simulator and the workers
depend on (`Store`), the read models it returns, and their JSON form (the CLI contract).

Read models are frozen dataclasses: safe to send through Qt signals and to compare.
The JSON of tickets, events and status is made here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from shared.clock import Clock
from shared.domain.booking import BookingState
from shared.domain.model import Counter, Officer, PriorityReason, Service, TicketState
from shared.reports.rows import AggregateRows
from shared.site import SiteConfig


def _iso(moment: datetime | None, tz: ZoneInfo) -> str | None:
    return None if moment is None else moment.astimezone(tz).isoformat(timespec="seconds")


def _range(low_high: tuple[int, int] | None) -> list[int] | None:
    return None if low_high is None else list(low_high)


@dataclass(frozen=True)
class TicketView:
    """A ticket as people see it: where it waits, how many are ahead, how long to wait."""

    id: int
    code: str
    service: str
    service_name_th: str
    service_name_en: str
    origin_service: str
    state: TicketState
    counter: int | None
    officer: str | None
    priority: bool
    business_date: str
    issued_at: datetime
    called_at: datetime | None
    finished_at: datetime | None
    recall_count: int
    token: str
    position: int | None
    estimated_wait_min: int | None
    status_url: str = ""  # the site's status_base_url + token: what the QR holds
    # [low, high] minutes around estimated_wait_min while waiting (see shared/domain/estimate)
    estimated_wait_range_min: tuple[int, int] | None = None
    priority_reason: PriorityReason | None = None  # set on every priority ticket
    booking: str | None = None  # the booking's code for a ticket issued at check-in

    def to_json(self, tz: ZoneInfo) -> dict[str, Any]:
        """The contract's ticket JSON (CLI, web)."""
        return {
            "code": self.code,
            "service": self.service,
            "service_name_th": self.service_name_th,
            "service_name_en": self.service_name_en,
            "origin_service": self.origin_service,
            "state": self.state.value,
            "counter": self.counter,
            "officer": self.officer,
            "priority": self.priority,
            "business_date": self.business_date,
            "issued_at": _iso(self.issued_at, tz),
            "called_at": _iso(self.called_at, tz),
            "finished_at": _iso(self.finished_at, tz),
            "recall_count": self.recall_count,
            "token": self.token,
            "position": self.position,
            "estimated_wait_min": self.estimated_wait_min,
            "estimated_wait_range_min": _range(self.estimated_wait_range_min),
            "status_url": self.status_url,
            "priority_reason": self.priority_reason,
            "booking": self.booking,
        }


@dataclass(frozen=True)
class BookingView:
    """A booking ahead: its slot, its state, and the ticket once checked in."""

    code: str
    token: str
    service: str
    service_name_th: str
    service_name_en: str
    start: datetime
    end: datetime
    state: BookingState
    ticket: str | None
    url: str  # the booking's page (what its QR holds)
    checkin_opens: datetime
    checkin_closes: datetime

    def to_json(self, tz: ZoneInfo) -> dict[str, Any]:
        """The contract's booking JSON (CLI, web)."""
        return {
            "code": self.code,
            "token": self.token,
            "service": self.service,
            "service_name_th": self.service_name_th,
            "service_name_en": self.service_name_en,
            "start": _iso(self.start, tz),
            "end": _iso(self.end, tz),
            "state": self.state.value,
            "ticket": self.ticket,
            "url": self.url,
            "checkin_opens": _iso(self.checkin_opens, tz),
            "checkin_closes": _iso(self.checkin_closes, tz),
        }


@dataclass(frozen=True)
class SlotView:
    """One bookable slot of a service and its free places."""

    start: datetime
    end: datetime
    free: int

    def to_json(self, tz: ZoneInfo) -> dict[str, Any]:
        return {"start": _iso(self.start, tz), "end": _iso(self.end, tz), "free": self.free}


@dataclass(frozen=True)
class EventView:
    """One change-feed row with names resolved (ticket code, service code, counter number).

    `kind` is an `EventKind` value (a str: compare it with `EventKind` members); kinds
    written by a newer version arrive as plain strings."""

    id: int
    at: datetime
    kind: str
    ticket: str | None
    service: str | None
    counter: int | None
    officer: str | None
    data: dict[str, Any]

    def to_json(self, tz: ZoneInfo) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": _iso(self.at, tz),
            "kind": str(self.kind),
            "ticket": self.ticket,
            "service": self.service,
            "counter": self.counter,
            "officer": self.officer,
            "data": self.data,
        }


@dataclass(frozen=True)
class ServiceLine:
    """One service in the status: its queue now (kiosk tiles, counter panel, board)."""

    code: str
    prefix: str
    name_th: str
    name_en: str
    agency_th: str
    agency_en: str
    waiting: int
    longest_wait_min: int | None
    estimated_wait_min: int  # for a normal ticket taken now
    estimated_wait_range_min: tuple[int, int]
    open_counters: int
    open_now: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "prefix": self.prefix,
            "name_th": self.name_th,
            "name_en": self.name_en,
            "agency_th": self.agency_th,
            "agency_en": self.agency_en,
            "waiting": self.waiting,
            "longest_wait_min": self.longest_wait_min,
            "estimated_wait_min": self.estimated_wait_min,
            "estimated_wait_range_min": _range(self.estimated_wait_range_min),
            "open_counters": self.open_counters,
            "open_now": self.open_now,
        }


@dataclass(frozen=True)
class CounterLine:
    """One counter in the status: open or paused, who is at it, whom it serves now."""

    number: int
    name_th: str
    name_en: str
    services: tuple[str, ...]
    open: bool
    officer: str | None
    current: TicketView | None

    def to_json(self, tz: ZoneInfo) -> dict[str, Any]:
        return {
            "number": self.number,
            "name": self.name_th,
            "name_th": self.name_th,
            "name_en": self.name_en,
            "services": list(self.services),
            "open": self.open,
            "officer": self.officer,
            "current": None if self.current is None else self.current.to_json(tz),
        }


@dataclass(frozen=True)
class StatusView:
    """Services with waiting counts, counters with current tickets."""

    services: tuple[ServiceLine, ...]
    counters: tuple[CounterLine, ...]

    def service(self, code: str) -> ServiceLine | None:
        return next((s for s in self.services if s.code == code), None)

    def counter(self, number: int) -> CounterLine | None:
        return next((c for c in self.counters if c.number == number), None)

    def to_json(self, tz: ZoneInfo) -> dict[str, Any]:
        """The contract's `status --json` shape."""
        return {
            "services": [s.to_json() for s in self.services],
            "counters": [c.to_json(tz) for c in self.counters],
        }


@dataclass(frozen=True)
class OfficerDayStats:
    """Today's figures for one officer."""

    served: int
    no_shows: int
    mean_service_min: float | None


class FeedCursor(Protocol):
    """The events committed since the last poll, on a connection of its own."""

    last_id: int

    def poll(self) -> list[EventView]:
        """New events (cheap when nothing changed); DatabaseError when the database is
        gone or was replaced."""
        ...

    def wait_fd(self) -> int | None:
        """A socket to watch for readiness before polling (PostgreSQL's LISTEN
        connection); None: poll on a short timer (SQLite)."""
        ...

    def take_reset(self) -> int | None:
        """The id the cursor started again from since the last call (the ids it read
        went back: another file, or a log put back by a restore), or None. The reader
        must then re-read its whole state."""
        ...

    def close(self) -> None: ...


class Store(Protocol):
    """Every operation the apps, the command line, the simulator and the workers use.

    Only `KhiuError`s (`DatabaseError` for the database itself) come out of it."""

    @property
    def clock(self) -> Clock:
        """The store's clock (injected in tests and benchmarks)."""
        ...

    # -- site and lookups
    def site(self) -> SiteConfig: ...
    def today(self) -> str: ...
    def load_site(self, site: SiteConfig, *, by: str | None = None) -> None: ...
    def change_site(
        self, edit: Callable[[SiteConfig], SiteConfig], *, by: str
    ) -> SiteConfig: ...
    def services(self, *, include_inactive: bool = False) -> list[Service]: ...
    def service(self, code: str) -> Service: ...
    def counters(self) -> list[Counter]: ...
    def counter(self, number: int) -> Counter: ...

    # -- queue acts
    def issue(
        self,
        service_code: str,
        *,
        priority: bool = False,
        priority_reason: PriorityReason | None = None,
    ) -> TicketView: ...
    def call_next(self, counter_number: int) -> TicketView | None: ...
    def call_ticket(self, counter_number: int, reference: str) -> TicketView: ...
    def recall(self, counter_number: int) -> TicketView: ...
    def no_show(self, counter_number: int) -> TicketView: ...
    def finish(self, counter_number: int) -> TicketView: ...
    def transfer(self, counter_number: int, service_code: str) -> TicketView: ...
    def return_to_queue(self, counter_number: int) -> TicketView: ...
    def cancel(self, reference: str) -> TicketView: ...
    def set_counter_open(
        self, counter_number: int, is_open: bool, *, by: str | None = None
    ) -> Counter: ...

    # -- reads
    def ticket(self, reference: str) -> TicketView: ...
    def ticket_by_token(self, token: str) -> TicketView | None: ...
    def tickets_by_tokens(self, tokens: Sequence[str]) -> dict[str, TicketView]: ...
    def current_ticket(self, counter_number: int) -> TicketView | None: ...
    def upcoming(self, counter_number: int, limit: int = 5) -> list[TicketView]: ...
    def recent_calls(self, limit: int = 6) -> list[TicketView]: ...
    def status(self) -> StatusView: ...

    # -- change feed
    def changes(self, after: int, limit: int = 500) -> list[EventView]: ...
    def last_event_id(self) -> int: ...
    def open_feed(self, after_id: int | None = None) -> FeedCursor: ...
    def rate(self, token: str, rating: int) -> int: ...
    def rating_of(self, token: str) -> int | None: ...
    def call_staff(self) -> None: ...
    def answer_kiosk_help(self, counter_number: int, login: str) -> None: ...
    def kiosk_help_pending(self) -> bool: ...

    # -- officers
    def add_officer(
        self, login: str, display_name: str, pin: str, role: str = "officer",
        *, by: str | None = None,
    ) -> Officer: ...
    def officers(self) -> list[Officer]: ...
    def disable_officer(self, login: str, *, by: str) -> Officer: ...
    def enable_officer(self, login: str, *, by: str) -> Officer: ...
    def set_officer_pin(self, login: str, pin: str, *, by: str) -> Officer: ...
    def set_officer_role(self, login: str, role: str, *, by: str) -> Officer: ...
    def release_counter(self, counter_number: int, *, by: str) -> None: ...
    def site_manager(self) -> str | None: ...
    def authenticate(self, login: str, pin: str) -> Officer: ...
    def is_admin_pin(self, pin: str) -> bool: ...
    def sign_in(self, counter_number: int, login: str, pin: str) -> Officer: ...
    def sign_out(self, counter_number: int, login: str) -> None: ...
    def keep_hold(self, counter_number: int, login: str) -> bool: ...
    def officer_day_stats(self, login: str) -> OfficerDayStats: ...

    # -- reports (aggregates only; shared/reports builds the figures)
    def report_rows(self, date_from: str, date_to: str) -> AggregateRows: ...

    # -- bookings ahead
    def slots(self, service_code: str, day: str | None = None) -> list[SlotView]: ...
    def book(self, service_code: str, start: datetime) -> BookingView: ...
    def booking(self, reference: str) -> BookingView: ...
    def booking_by_token(self, token: str) -> BookingView | None: ...
    def bookings(self, day: str | None = None, service_code: str | None = None) -> list[
        BookingView
    ]: ...
    def unbook(self, reference: str) -> BookingView: ...
    def check_in(self, reference: str) -> TicketView: ...

    # -- the database itself
    def health(self) -> None: ...
    def replaced(self) -> bool: ...
    def backup(self, target: Path) -> None: ...
    def schema_version(self) -> int: ...
    def describe(self) -> str: ...
    def close(self) -> None: ...


# What workers take: opens a store in the thread that will use it.
StoreFactory = Callable[[], Store]
