"""Read side, written once for every backend: rows to domain objects and read models
(tickets with position and wait, events), in portable SQL on a `Tx`."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timedelta

from shared.clock import from_db, to_db
from shared.domain.estimate import (
    Call,
    Desk,
    Today,
    WaitEstimate,
    Waiting,
    estimate_waits,
    served_from_calls,
)
from shared.domain.model import Counter, OpeningHours, PriorityReason, Service, TicketState
from shared.domain.rules import call_order
from shared.site import SiteConfig
from shared.storage.api import EventView, TicketView
from shared.storage.database import Row, Tx
from shared.storage.lines import count_ahead_of, joined_of, line_of, slot_of

TICKET_SELECT = """
    SELECT t.*, s.code AS service_code, s.name_th AS service_name_th,
           s.name_en AS service_name_en, s.processing_minutes,
           o.code AS origin_code, c.number AS counter_number, f.login AS officer_login,
           (SELECT b.code FROM bookings b WHERE b.ticket_id = t.id) AS booking_code
    FROM tickets t
    JOIN services s ON s.id = t.service_id
    JOIN services o ON o.id = t.origin_service_id
    LEFT JOIN counters c ON c.id = t.counter_id
    LEFT JOIN officers f ON f.id = t.officer_id
"""


def service_from_row(row: Row) -> Service:
    return Service(
        id=row["id"],
        code=row["code"],
        prefix=row["prefix"],
        name_th=row["name_th"],
        name_en=row["name_en"],
        agency_th=row["agency_th"],
        agency_en=row["agency_en"],
        documents_th=tuple(json.loads(row["documents_th"])),
        documents_en=tuple(json.loads(row["documents_en"])),
        processing_minutes=row["processing_minutes"],
        fee_th=row["fee_th"],
        fee_en=row["fee_en"],
        where_th=row["where_th"],
        where_en=row["where_en"],
        hours=tuple(
            OpeningHours(days=tuple(h["days"]), opens=h["open"], closes=h["close"])
            for h in json.loads(row["hours"])
        ),
        active=bool(row["active"]),
        display_order=row["display_order"],
    )


def read_counters(tx: Tx) -> list[Counter]:
    """Active counters by number, each with the codes of its services in order."""
    codes: dict[int, list[str]] = {}
    for link in tx.all(
        """SELECT cs.counter_id, s.code FROM counter_services cs
           JOIN services s ON s.id = cs.service_id ORDER BY cs.counter_id, cs.position"""
    ):
        codes.setdefault(link["counter_id"], []).append(link["code"])
    rows = tx.all(
        """SELECT c.*, o.login AS officer_login
           FROM counters c LEFT JOIN officers o ON o.id = c.officer_id
           WHERE c.active = 1 ORDER BY c.number"""
    )
    return [
        Counter(
            id=row["id"],
            number=row["number"],
            name_th=row["name_th"],
            name_en=row["name_en"],
            service_codes=tuple(codes.get(row["id"], ())),
            open=bool(row["open"]),
            officer_login=row["officer_login"],
        )
        for row in rows
    ]


def people_ahead(tx: Tx, ticket_id: int, now: datetime) -> int:
    """Waiting tickets of the same service that will be called first (see lines.py)."""
    return int(
        tx.scalar(
            f"SELECT {count_ahead_of('t')} FROM tickets t WHERE t.id = :id",
            {"id": ticket_id, "now": to_db(now)},
        )
    )


# What the estimate is made from, in ONE statement: every waiting ticket (the partial
# index) with its booking's slot start, the tickets at the counters (their partial
# index), today's latest ended calls (bounded: the day's rows of one index, never the
# history), today's bookings still to check in (the day index), the counters with their
# services, and the services' manual times. Times come as minutes before :now, worked
# out by the database. Columns are shared: see `read_today`.
RECENT_CALLS = 200  # today's latest ended calls the pace is learnt from
_TODAY = """
    SELECT 'w' AS kind, id, service_id, priority, counter_id, {issued} AS issued_ago,
           CAST(NULL AS REAL) AS called_ago, CAST(NULL AS REAL) AS ended_ago, 0 AS n,
           {ticket_slot} AS slot_ago
    FROM tickets WHERE state = 'waiting'
    UNION ALL
    SELECT 'c', id, service_id, priority, counter_id, {issued}, {called},
           CAST(NULL AS REAL), 0, CAST(NULL AS REAL)
    FROM tickets WHERE state = 'called'
    UNION ALL
    SELECT * FROM (
        SELECT 'f' AS kind, id, service_id, priority, counter_id, {issued} AS issued_ago,
               {called} AS called_ago, {ended} AS ended_ago, 0 AS n,
               CAST(NULL AS REAL) AS slot_ago
        FROM tickets WHERE business_date = :day AND state IN ('done', 'no_show')
        AND called_at IS NOT NULL AND counter_id IS NOT NULL
        ORDER BY finished_at DESC LIMIT :recent) ended
    UNION ALL
    SELECT 'b', id, service_id, 0, NULL, NULL, NULL, NULL, 0, {booking_slot}
    FROM bookings WHERE business_date = :day AND state = 'booked'
        AND slot_start >= :missed_before
    UNION ALL
    SELECT 'k', c.id, cs.service_id, c.open, cs.position, NULL, NULL, NULL, c.priority_streak,
           NULL
    FROM counters c JOIN counter_services cs ON cs.counter_id = c.id WHERE c.active = 1
    UNION ALL
    SELECT 's', id, id, 0, NULL, NULL, NULL, NULL, processing_minutes, NULL FROM services
"""


def today_select(tx: Tx) -> str:
    return _TODAY.format(
        issued=tx.dialect.minutes_between("issued_at", ":now"),
        called=tx.dialect.minutes_between("called_at", ":now"),
        ended=tx.dialect.minutes_between("finished_at", ":now"),
        ticket_slot=tx.dialect.minutes_between(slot_of("tickets"), ":now"),
        booking_slot=tx.dialect.minutes_between("slot_start", ":now"),
    )


def read_today(tx: Tx, day: str, now: datetime, site: SiteConfig) -> Today:
    """Today's queue, counters and pace as the estimator takes them (minutes from now).
    Rows: `w` waiting (`slot_ago`: its booking's slot start) and `c` at a counter
    (tickets); `f` ended today; `b` a booking of today still to check in, not missed;
    `k` a counter's service (`priority` = open, `counter_id` = the service's place, `n` =
    the priority streak); `s` a service (`n` = the manual's minutes)."""
    manual: dict[int, float] = {}
    links: dict[int, list[tuple[int, int]]] = {}
    counters: dict[int, tuple[bool, int]] = {}
    busy: dict[int, tuple[int, float]] = {}
    waiting: list[Waiting] = []
    calls: list[Call] = []
    priority_ago: dict[int, list[float]] = {}
    bookings_due: dict[int, list[float]] = {}
    missed_before = now - timedelta(minutes=site.checkin_late_minutes)
    params = {
        "day": day,
        "recent": RECENT_CALLS,
        "now": to_db(now),
        "missed_before": to_db(missed_before),
    }
    for row in tx.all(today_select(tx), params):
        kind = row["kind"]
        if kind == "s":
            manual[row["id"]] = float(row["n"])
            continue
        if kind == "k":
            links.setdefault(row["id"], []).append((row["counter_id"], row["service_id"]))
            counters[row["id"]] = (bool(row["priority"]), int(row["n"]))
            continue
        if kind == "b":
            bookings_due.setdefault(row["service_id"], []).append(-float(row["slot_ago"]))
            continue
        issued = float(row["issued_ago"])
        if kind == "w":
            slot = None if row["slot_ago"] is None else -float(row["slot_ago"])
            priority = bool(row["priority"])
            waiting.append(Waiting(row["id"], row["service_id"], priority, -issued, slot))
        else:
            called = max(float(row["called_ago"]), 0.0)
            ended = None if kind == "c" else float(row["ended_ago"])
            calls.append(Call(row["service_id"], row["counter_id"], issued, called, ended))
            if kind == "c":
                busy[row["counter_id"]] = (row["service_id"], called)
        if row["priority"]:
            priority_ago.setdefault(row["service_id"], []).append(issued)
    desks = [
        Desk(
            id=counter_id,
            services=tuple(service for _, service in sorted(links[counter_id])),
            open=is_open,
            priority_streak=streak,
            busy_service=busy.get(counter_id, (None, 0.0))[0],
            busy_for=busy.get(counter_id, (None, 0.0))[1],
        )
        for counter_id, (is_open, streak) in sorted(counters.items())
    ]
    return Today(
        manual,
        desks,
        waiting,
        served_from_calls(calls),
        priority_ago,
        site.priority_fairness,
        bookings_due,
    )


class TodayWaits:
    """Today's wait estimates at `now`, read and worked out once, when first asked for (a
    view of a ticket that is not waiting reads nothing): for the `wanted` waiting tickets
    (and those ahead of them) and a new ticket at each of `new_ticket_services`."""

    def __init__(
        self,
        tx: Tx,
        day: str,
        now: datetime,
        site: SiteConfig,
        *,
        wanted: Iterable[int],
        new_ticket_services: tuple[int, ...] = (),
    ) -> None:
        self._tx, self._day, self.now, self._site = tx, day, now, site
        self._wanted = tuple(wanted)
        self._new_ticket_services = new_ticket_services
        self._done: tuple[dict[int, WaitEstimate], dict[int, WaitEstimate]] | None = None

    def _worked_out(self) -> tuple[dict[int, WaitEstimate], dict[int, WaitEstimate]]:
        if self._done is None:
            today = read_today(self._tx, self._day, self.now, self._site)
            self._done = estimate_waits(today, self._new_ticket_services, self._wanted)
        return self._done

    def of(self, ticket_id: int) -> WaitEstimate:
        """A wanted waiting ticket's estimate (one that left the queue between two
        statements of this read: no wait)."""
        return self._worked_out()[0].get(ticket_id, NO_WAIT)

    def for_new_ticket(self, service_id: int) -> WaitEstimate:
        """A normal ticket taken now at that service (one of `new_ticket_services`)."""
        return self._worked_out()[1].get(service_id, NO_WAIT)


NO_WAIT = WaitEstimate(0, 0, 0)


def view_select() -> str:
    """TICKET_SELECT plus, for a waiting ticket, its people ahead: the row of the view in
    ONE statement (parameter `:now`), see `view_of_row`."""
    return TICKET_SELECT.replace(
        "FROM tickets t",
        f""", CASE WHEN t.state = 'waiting' THEN {count_ahead_of("t")} END AS view_ahead
    FROM tickets t""",
        1,
    )


def view_of_row(row: Row, today: str, status_base_url: str, waits: TodayWaits) -> TicketView:
    """The view of a row from `view_select` (the estimate's read only while waiting)."""
    ahead = int(row["view_ahead"]) if row["state"] == TicketState.WAITING.value else None
    return ticket_view(None, row, today, status_base_url, waits, ahead)


def open_counters_serving(tx: Tx, service_id: int) -> int:
    return int(
        tx.scalar(
            """SELECT count(*) FROM counters c JOIN counter_services cs ON cs.counter_id = c.id
               WHERE cs.service_id = :service AND c.open = 1 AND c.active = 1""",
            {"service": service_id},
        )
    )


def ticket_view(
    tx: Tx | None,
    row: Row,
    today: str,
    status_base_url: str,
    waits: TodayWaits | None,
    ahead: int | None = None,
) -> TicketView:
    """Build the view of a row from TICKET_SELECT; position and wait only while waiting
    (`ahead`: the position already worked out, e.g. for a whole queue at once)."""
    state = TicketState(row["state"])
    position = estimate = None
    if state is TicketState.WAITING:
        assert waits is not None
        if ahead is None:
            assert tx is not None
            ahead = people_ahead(tx, row["id"], waits.now)
        position, estimate = ahead, waits.of(row["id"])
    issued = from_db(row["issued_at"])
    assert issued is not None
    return TicketView(
        id=row["id"],
        code=row["code"],
        service=row["service_code"],
        service_name_th=row["service_name_th"],
        service_name_en=row["service_name_en"],
        origin_service=row["origin_code"],
        state=state,
        counter=row["counter_number"],
        officer=row["officer_login"],
        priority=bool(row["priority"]),
        business_date=row["business_date"],
        issued_at=issued,
        called_at=from_db(row["called_at"]),
        finished_at=from_db(row["finished_at"]),
        recall_count=row["recall_count"],
        token=row["token"],
        position=position,
        estimated_wait_min=None if estimate is None else estimate.minutes,
        estimated_wait_range_min=None if estimate is None else (estimate.low, estimate.high),
        status_url=status_base_url + row["token"],
        booking=row["booking_code"],
        priority_reason=PriorityReason(row["priority_reason"]) if row["priority_reason"] else None,
    )


def read_changes(tx: Tx, after_id: int, limit: int = 500) -> list[EventView]:
    """The events after `after_id`, oldest first, with names resolved."""
    rows = tx.all(
        """SELECT e.id, e.at, e.kind, e.data, t.code AS ticket, s.code AS service,
                  c.number AS counter, o.login AS officer
           FROM events e
           LEFT JOIN tickets t ON t.id = e.ticket_id
           LEFT JOIN services s ON s.id = e.service_id
           LEFT JOIN counters c ON c.id = e.counter_id
           LEFT JOIN officers o ON o.id = e.officer_id
           WHERE e.id > :after ORDER BY e.id LIMIT :limit""",
        {"after": after_id, "limit": limit},
    )
    return [
        EventView(
            id=r["id"],
            at=from_db(r["at"]) or datetime.min,
            kind=r["kind"],
            ticket=r["ticket"],
            service=r["service"],
            counter=r["counter"],
            officer=r["officer"],
            data=json.loads(r["data"]),
        )
        for r in rows
    ]


def read_last_event_id(tx: Tx) -> int:
    return int(tx.scalar("SELECT coalesce(max(id), 0) FROM events"))


def waiting_tickets(
    tx: Tx, counter_id: int, ahead: bool, limit: int, now: datetime
) -> list[Row]:
    """The counter's waiting tickets of one line (ahead or walk-in), in call order."""
    slot = slot_of("t")
    return tx.all(
        f"""{TICKET_SELECT}
            WHERE t.state = 'waiting' AND {line_of("t", slot)} = :line AND t.service_id IN
                (SELECT service_id FROM counter_services WHERE counter_id = :counter)
            ORDER BY {joined_of("t", slot)}, t.id LIMIT :limit""",
        {"counter": counter_id, "line": 0 if ahead else 1, "limit": limit, "now": to_db(now)},
    )


def upcoming_for_counter(
    tx: Tx, counter_id: int, streak: int, fairness: int, limit: int, now: datetime
) -> list[Row]:
    """The next `limit` tickets in the order this counter would call them."""
    return call_order(
        waiting_tickets(tx, counter_id, True, limit, now),
        waiting_tickets(tx, counter_id, False, limit, now),
        streak,
        fairness,
        limit,
    )
