"""Read side: what apps and the command line show (tickets with position and wait,
status, event feed rows), as frozen dataclasses with their JSON form."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from shared.clock import from_db
from shared.domain.model import TicketState
from shared.domain.rules import call_order, estimate_wait_minutes


def _iso(moment: datetime | None, tz: ZoneInfo) -> str | None:
    return None if moment is None else moment.astimezone(tz).isoformat(timespec="seconds")


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

    def to_json(self, tz: ZoneInfo, status_base_url: str) -> dict[str, Any]:
        """The contract's ticket JSON; `status_url` is what the ticket's QR holds."""
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
            "status_url": status_base_url + self.token,
        }


@dataclass(frozen=True)
class EventView:
    """One change-feed row with names resolved (ticket code, service code, counter number)."""

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
            "kind": self.kind,
            "ticket": self.ticket,
            "service": self.service,
            "counter": self.counter,
            "officer": self.officer,
            "data": self.data,
        }


TICKET_SELECT = """
    SELECT t.*, s.code AS service_code, s.name_th AS service_name_th,
           s.name_en AS service_name_en, s.processing_minutes,
           o.code AS origin_code, c.number AS counter_number, f.login AS officer_login
    FROM tickets t
    JOIN services s ON s.id = t.service_id
    JOIN services o ON o.id = t.origin_service_id
    LEFT JOIN counters c ON c.id = t.counter_id
    LEFT JOIN officers f ON f.id = t.officer_id
"""


def people_ahead(conn: sqlite3.Connection, row: sqlite3.Row) -> int:
    """Waiting tickets of the same service that will be called first (on the partial index)."""
    return conn.execute(
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
    ).fetchone()[0]


def mean_service_minutes(
    conn: sqlite3.Connection, service_id: int, day: str, fallback: float
) -> float:
    """Today's measured mean service time; the manual's processing time until there is data."""
    mean = conn.execute(
        """SELECT avg((julianday(finished_at) - julianday(called_at)) * 1440.0)
           FROM tickets WHERE business_date = ? AND service_id = ? AND state = 'done'
           AND called_at IS NOT NULL""",
        (day, service_id),
    ).fetchone()[0]
    if mean is None or mean <= 0:
        return fallback
    # julianday() differences carry ~1e-6 min of float noise (3 min comes out as
    # 3.0000000037): round to the timestamps' millisecond scale before it is ceil'ed.
    return round(float(mean), 4)


def open_counters_serving(conn: sqlite3.Connection, service_id: int) -> int:
    return conn.execute(
        """SELECT count(*) FROM counters c JOIN counter_services cs ON cs.counter_id = c.id
           WHERE cs.service_id = ? AND c.open = 1 AND c.active = 1""",
        (service_id,),
    ).fetchone()[0]


def wait_for(conn: sqlite3.Connection, service_id: int, ahead: int, day: str, manual: int) -> int:
    mean = mean_service_minutes(conn, service_id, day, float(manual))
    return estimate_wait_minutes(ahead, mean, open_counters_serving(conn, service_id))


def ticket_view(conn: sqlite3.Connection, row: sqlite3.Row, today: str) -> TicketView:
    """Build the view of a row from TICKET_SELECT; position and wait only while waiting."""
    state = TicketState(row["state"])
    position = wait = None
    if state is TicketState.WAITING:
        position = people_ahead(conn, row)
        wait = wait_for(conn, row["service_id"], position, today, row["processing_minutes"])
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
    )


def events_since(conn: sqlite3.Connection, after_id: int, limit: int = 500) -> list[EventView]:
    rows = conn.execute(
        """SELECT e.id, e.at, e.kind, e.data, t.code AS ticket, s.code AS service,
                  c.number AS counter, o.login AS officer
           FROM events e
           LEFT JOIN tickets t ON t.id = e.ticket_id
           LEFT JOIN services s ON s.id = e.service_id
           LEFT JOIN counters c ON c.id = e.counter_id
           LEFT JOIN officers o ON o.id = e.officer_id
           WHERE e.id > ? ORDER BY e.id LIMIT ?""",
        (after_id, limit),
    ).fetchall()
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


def last_event_id(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]


def waiting_tickets(
    conn: sqlite3.Connection, service_ids: list[int], priority: bool, limit: int
) -> list[sqlite3.Row]:
    marks = ",".join("?" * len(service_ids))
    return conn.execute(
        f"""{TICKET_SELECT}
            WHERE t.state = 'waiting' AND t.service_id IN ({marks}) AND t.priority = ?
            ORDER BY t.issued_at, t.id LIMIT ?""",
        (*service_ids, int(priority), limit),
    ).fetchall()


def upcoming_for_counter(
    conn: sqlite3.Connection, service_ids: list[int], streak: int, fairness: int, limit: int
) -> list[sqlite3.Row]:
    """The next `limit` tickets in the order this counter would call them."""
    if not service_ids:
        return []
    return call_order(
        waiting_tickets(conn, service_ids, True, limit),
        waiting_tickets(conn, service_ids, False, limit),
        streak,
        fairness,
        limit,
    )
