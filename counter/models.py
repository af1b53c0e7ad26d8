"""Frozen facts the controller sends to the views: the session, the live snapshot, notices."""

from __future__ import annotations

from dataclasses import dataclass

from shared.domain.booking import BookingState
from shared.domain.model import Counter, Service
from shared.i18n.bilingual import Bilingual
from shared.storage.api import Store, TicketView

UPCOMING_LIMIT = 6


@dataclass(frozen=True)
class ServiceOption:
    """A service a ticket can be transferred to."""

    code: str
    name_th: str
    name_en: str


@dataclass(frozen=True)
class Session:
    """Who is signed in at which counter, and what that counter serves."""

    counter: int
    counter_name_th: str
    counter_name_en: str
    service_codes: tuple[str, ...]
    login: str
    display_name: str
    services: tuple[ServiceOption, ...]
    is_admin: bool = False  # admins also see the reports page


@dataclass(frozen=True)
class ServiceWaiting:
    """How many wait for one service this counter serves, and the longest wait."""

    code: str
    name_th: str
    name_en: str
    waiting: int
    longest_wait_min: int | None
    # Today's bookings ahead: made (not cancelled), checked in, and still to come.
    booked: int = 0
    checked_in: int = 0
    to_come: int = 0


@dataclass(frozen=True)
class OfficerStats:
    """Today's figures for the signed-in officer."""

    served: int
    no_shows: int
    mean_service_min: float | None


@dataclass(frozen=True)
class Snapshot:
    """Everything the main view shows, read in one background job."""

    current: TicketView | None
    counter_open: bool
    waiting: tuple[ServiceWaiting, ...]
    upcoming: tuple[TicketView, ...]
    stats: OfficerStats


@dataclass(frozen=True)
class Notice:
    """One line for the status bar; level is info, ok, warn or error."""

    text: Bilingual
    level: str = "info"


def read_session(
    store: Store, counter: int, login: str, display_name: str, is_admin: bool = False
) -> Session:
    """Runs on the worker thread right after a successful sign-in."""
    info: Counter = store.counter(counter)
    services: list[Service] = store.services()
    return Session(
        counter=info.number,
        counter_name_th=info.name_th,
        counter_name_en=info.name_en,
        service_codes=info.service_codes,
        login=login,
        display_name=display_name,
        services=tuple(ServiceOption(s.code, s.name_th, s.name_en) for s in services),
        is_admin=is_admin,
    )


def read_snapshot(store: Store, session: Session) -> Snapshot:
    """Runs on the worker thread: current ticket, queue per service, next tickets, figures."""
    status = store.status()
    by_code = {s.code: s for s in status.services}
    line = status.counter(session.counter)
    # The counter's services as stored now: an admin may have changed them since sign-in.
    serves = line.services if line is not None else session.service_codes
    bookings = [b for b in store.bookings() if b.state is not BookingState.CANCELLED]
    waiting = tuple(
        ServiceWaiting(
            code=code,
            name_th=by_code[code].name_th,
            name_en=by_code[code].name_en,
            waiting=by_code[code].waiting,
            longest_wait_min=by_code[code].longest_wait_min,
            booked=sum(1 for b in bookings if b.service == code),
            checked_in=sum(
                1 for b in bookings if b.service == code and b.state is BookingState.CHECKED_IN
            ),
            to_come=sum(
                1 for b in bookings if b.service == code and b.state is BookingState.BOOKED
            ),
        )
        for code in serves
        if code in by_code
    )
    stats = store.officer_day_stats(session.login)
    return Snapshot(
        current=store.current_ticket(session.counter),
        counter_open=line is not None and line.open,
        waiting=waiting,
        upcoming=tuple(store.upcoming(session.counter, UPCOMING_LIMIT)),
        stats=OfficerStats(stats.served, stats.no_shows, stats.mean_service_min),
    )
