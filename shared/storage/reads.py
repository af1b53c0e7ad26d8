"""Read side, written once for every backend: rows to domain objects and read models
(tickets with position and wait, events), in portable SQL on a `Tx`."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from shared.clock import from_db
from shared.domain.model import Counter, OpeningHours, Service, TicketState
from shared.domain.rules import call_order, estimate_wait_minutes
from shared.storage.api import EventView, TicketView
from shared.storage.database import Row, Tx

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


def people_ahead(tx: Tx, row: Row) -> int:
    """Waiting tickets of the same service that will be called first (on the partial index)."""
    return int(
        tx.scalar(
            """SELECT count(*) FROM tickets
               WHERE state = 'waiting' AND service_id = :service AND (
                   priority > :priority OR (priority = :priority AND
                   (issued_at < :issued OR (issued_at = :issued AND id < :id))))""",
            {
                "service": row["service_id"],
                "priority": row["priority"],
                "issued": row["issued_at"],
                "id": row["id"],
            },
        )
    )


def mean_service_minutes(tx: Tx, service_id: int, day: str, fallback: float) -> float:
    """Today's measured mean service time; the manual's processing time until there is data."""
    minutes = tx.dialect.minutes_between("called_at", "finished_at")
    mean = tx.scalar(
        f"""SELECT avg({minutes})
           FROM tickets WHERE business_date = :day AND service_id = :service
           AND state = 'done' AND called_at IS NOT NULL""",
        {"day": day, "service": service_id},
    )
    return mean_or(mean, fallback)


def mean_or(mean: Any, fallback: float) -> float:
    """A measured mean service time, or the manual's when there is none yet."""
    if mean is None or float(mean) <= 0:
        return fallback
    # Date arithmetic carries ~1e-6 min of float noise (3 min comes out as
    # 3.0000000037): round to the timestamps' millisecond scale before it is ceil'ed.
    return round(float(mean), 4)


def view_select(tx: Tx) -> str:
    """TICKET_SELECT plus, for a waiting ticket, what its position and wait are worked
    out from (people ahead, today's mean service time, open counters serving it): the
    whole view in ONE statement (`:day` = the business day), see `view_of_row`."""
    minutes = tx.dialect.minutes_between("d.called_at", "d.finished_at")
    return TICKET_SELECT.replace(
        "FROM tickets t",
        f""", CASE WHEN t.state = 'waiting' THEN (SELECT count(*) FROM tickets w
               WHERE w.state = 'waiting' AND w.service_id = t.service_id AND (
                   w.priority > t.priority OR (w.priority = t.priority AND
                   (w.issued_at < t.issued_at OR (w.issued_at = t.issued_at AND w.id < t.id)))))
           END AS view_ahead,
           CASE WHEN t.state = 'waiting' THEN (SELECT avg({minutes}) FROM tickets d
               WHERE d.business_date = :day AND d.service_id = t.service_id
               AND d.state = 'done' AND d.called_at IS NOT NULL) END AS view_mean,
           CASE WHEN t.state = 'waiting' THEN (SELECT count(*) FROM counters oc
               JOIN counter_services ocs ON ocs.counter_id = oc.id
               WHERE ocs.service_id = t.service_id AND oc.open = 1 AND oc.active = 1)
           END AS view_open
    FROM tickets t""",
        1,
    )


def view_of_row(row: Row, today: str, status_base_url: str = "") -> TicketView:
    """The view of a row from `view_select` (no further statement)."""
    known = None
    if row["state"] == TicketState.WAITING.value:
        ahead = int(row["view_ahead"])
        mean = mean_or(row["view_mean"], float(row["processing_minutes"]))
        known = (ahead, estimate_wait_minutes(ahead, mean, int(row["view_open"])))
    return ticket_view(None, row, today, status_base_url, known)


def open_counters_serving(tx: Tx, service_id: int) -> int:
    return int(
        tx.scalar(
            """SELECT count(*) FROM counters c JOIN counter_services cs ON cs.counter_id = c.id
               WHERE cs.service_id = :service AND c.open = 1 AND c.active = 1""",
            {"service": service_id},
        )
    )


def wait_for(tx: Tx, service_id: int, ahead: int, day: str, manual: int) -> int:
    mean = mean_service_minutes(tx, service_id, day, float(manual))
    return estimate_wait_minutes(ahead, mean, open_counters_serving(tx, service_id))


def ticket_view(
    tx: Tx | None,
    row: Row,
    today: str,
    status_base_url: str = "",
    known: tuple[int, int] | None = None,
) -> TicketView:
    """Build the view of a row from TICKET_SELECT; position and wait only while waiting
    (`known`: both already worked out for a whole queue at once, see by_token.py)."""
    state = TicketState(row["state"])
    position = wait = None
    if state is TicketState.WAITING and known is not None:
        position, wait = known
    elif state is TicketState.WAITING:
        assert tx is not None
        position = people_ahead(tx, row)
        wait = wait_for(tx, row["service_id"], position, today, row["processing_minutes"])
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
        estimated_wait_min=wait,
        status_url=status_base_url + row["token"],
        booking=row["booking_code"],
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


def waiting_tickets(tx: Tx, counter_id: int, priority: bool, limit: int) -> list[Row]:
    """The counter's waiting tickets of one kind (priority or not), oldest first."""
    return tx.all(
        f"""{TICKET_SELECT}
            WHERE t.state = 'waiting' AND t.priority = :priority AND t.service_id IN
                (SELECT service_id FROM counter_services WHERE counter_id = :counter)
            ORDER BY t.issued_at, t.id LIMIT :limit""",
        {"counter": counter_id, "priority": int(priority), "limit": limit},
    )


def upcoming_for_counter(
    tx: Tx, counter_id: int, streak: int, fairness: int, limit: int
) -> list[Row]:
    """The next `limit` tickets in the order this counter would call them."""
    return call_order(
        waiting_tickets(tx, counter_id, True, limit),
        waiting_tickets(tx, counter_id, False, limit),
        streak,
        fairness,
        limit,
    )
