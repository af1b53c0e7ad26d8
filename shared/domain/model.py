"""Domain model: ticket states, event kinds and the legal state changes; services,
counters and officers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from shared.domain.errors import InvalidStateError


class TicketState(StrEnum):
    """Where a ticket is in its life: waiting → called → done | no_show, and the side exits."""

    WAITING = "waiting"
    CALLED = "called"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class PriorityReason(StrEnum):
    """Why a ticket is a priority one: the ID card said 60 or over, or someone chose it
    (the kiosk's priority button, an officer, `khiu issue --priority`)."""

    SENIOR = "senior"
    MANUAL = "manual"


class Action(StrEnum):
    """What can happen to a ticket; each action is one event in the log (its value is
    the event's kind, an `EventKind` member of the same value)."""

    ISSUE = "issued"
    CALL = "called"
    RECALL = "recalled"
    FINISH = "finished"
    NO_SHOW = "no_show"
    TRANSFER = "transferred"
    RETURN = "returned"
    CANCEL = "cancelled"
    EXPIRE = "expired"


class EventKind(StrEnum):
    """Every kind of event in the log (the audit trail and the change feed), in one place.

    The first group are the ticket actions (`Action`, same values); the rest are about
    counters, officers, the site and ratings. A new kind of event adds a member here."""

    ISSUE = "issued"
    CALL = "called"
    RECALL = "recalled"
    FINISH = "finished"
    NO_SHOW = "no_show"
    TRANSFER = "transferred"
    RETURN = "returned"
    CANCEL = "cancelled"
    EXPIRE = "expired"
    COUNTER_OPENED = "counter_opened"
    COUNTER_PAUSED = "counter_paused"
    SITE_LOADED = "site_loaded"
    OFFICER_SAVED = "officer_saved"
    OFFICER_LOGIN = "officer_login"
    OFFICER_LOGIN_FAILED = "officer_login_failed"
    OFFICER_LOGIN_REFUSED = "officer_login_refused"
    OFFICER_LOGOUT = "officer_logout"
    # The kiosk's administrator PIN pad (the way out of the locked kiosk).
    KIOSK_UNLOCKED = "kiosk_unlocked"
    KIOSK_PIN_FAILED = "kiosk_pin_failed"
    KIOSK_PIN_REFUSED = "kiosk_pin_refused"
    # A citizen touched "Call staff" at the kiosk; an officer at a counter answered it
    # (officer and counter named). Every signed-in counter shows the call until then.
    KIOSK_HELP = "kiosk_help"
    KIOSK_HELP_ANSWERED = "kiosk_help_answered"
    # A citizen's 1-5 satisfaction rating of a done ticket (data {"rating": N}).
    RATED = "rated"
    # `khiu restore` put a backup's content back (data {"backup", "numbers_kept"}):
    # readers re-read their whole state.
    RESTORED = "restored"
    # A PC's clock was found a minute or more behind the queue's newest time (data
    # {"back_s", "clock"}): the queue went on at its newest time; one per stretch behind.
    CLOCK_BACK = "clock_back"
    # Bookings ahead (data {"booking": code, "start": ISO}): made, cancelled, checked in
    # (with the ticket issued for it), or not checked in by the end of its window.
    BOOKED = "booked"
    BOOKING_CANCELLED = "booking_cancelled"
    CHECKED_IN = "checked_in"
    BOOKING_MISSED = "booking_missed"


# Which state each action may start from, and the state it leads to.
_TRANSITIONS: dict[Action, tuple[frozenset[TicketState], TicketState]] = {
    Action.CALL: (frozenset({TicketState.WAITING}), TicketState.CALLED),
    Action.RECALL: (frozenset({TicketState.CALLED}), TicketState.CALLED),
    Action.FINISH: (frozenset({TicketState.CALLED}), TicketState.DONE),
    Action.NO_SHOW: (frozenset({TicketState.CALLED}), TicketState.NO_SHOW),
    # A transfer ends the ticket at this service; it waits again at the target.
    Action.TRANSFER: (frozenset({TicketState.CALLED}), TicketState.WAITING),
    Action.RETURN: (frozenset({TicketState.CALLED}), TicketState.WAITING),
    Action.CANCEL: (frozenset({TicketState.WAITING}), TicketState.CANCELLED),
    Action.EXPIRE: (frozenset({TicketState.WAITING, TicketState.CALLED}), TicketState.EXPIRED),
}


def next_state(state: TicketState, action: Action, code: str = "") -> TicketState:
    """The state after `action`, or InvalidStateError when the action does not fit."""
    allowed_from, target = _TRANSITIONS[action]
    if state not in allowed_from:
        raise InvalidStateError(
            f"บัตรคิว {code} อยู่ในสถานะ {STATE_NAMES_TH[state]} ทำรายการนี้ไม่ได้",
            f"Ticket {code} is {state.value}; cannot {action.name.lower().replace('_', '-')} it",
        )
    return target


STATE_NAMES_TH: dict[TicketState, str] = {
    TicketState.WAITING: "รอเรียก",
    TicketState.CALLED: "กำลังรับบริการ",
    TicketState.DONE: "เสร็จสิ้น",
    TicketState.NO_SHOW: "ไม่มาตามเรียก",
    TicketState.CANCELLED: "ยกเลิก",
    TicketState.EXPIRED: "หมดอายุ",
}


@dataclass(frozen=True)
class Service:
    """A service one agency offers, with its citizen manual (Licensing Facilitation Act)."""

    id: int
    code: str
    prefix: str
    name_th: str
    name_en: str
    agency_th: str
    agency_en: str
    documents_th: tuple[str, ...]
    documents_en: tuple[str, ...]
    processing_minutes: int
    fee_th: str
    fee_en: str
    where_th: str
    where_en: str
    hours: tuple[OpeningHours, ...]
    active: bool
    display_order: int

    def is_open_at(self, local: datetime) -> bool:
        return is_open_at(self.hours, local)


@dataclass(frozen=True)
class OpeningHours:
    """One opening window: weekdays (0 = Monday) and HH:MM open/close in site time."""

    days: tuple[int, ...]
    opens: str
    closes: str

    def is_open(self, local: datetime) -> bool:
        hhmm = local.strftime("%H:%M")
        return local.weekday() in self.days and self.opens <= hhmm < self.closes


def is_open_at(hours: tuple[OpeningHours, ...], local: datetime) -> bool:
    """A service with no hours listed is always open."""
    return not hours or any(window.is_open(local) for window in hours)


@dataclass(frozen=True)
class Counter:
    """A service counter: its number, the services it serves (in order), open or paused."""

    id: int
    number: int
    name_th: str
    name_en: str
    service_codes: tuple[str, ...]
    open: bool
    officer_login: str | None


@dataclass(frozen=True)
class Officer:
    """A counter officer; the PIN is held only as a salted hash."""

    id: int
    login: str
    display_name: str
    role: str
    active: bool
