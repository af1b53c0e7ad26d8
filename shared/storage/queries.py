"""Read operations of the store: tickets, a counter's next tickets, the hall's latest
calls, the status (services and counters), and the event log."""

from __future__ import annotations

from datetime import datetime

from shared.clock import from_db
from shared.storage.api import CounterLine, EventView, ServiceLine, StatusView, TicketView
from shared.storage.core import QueueCore, on_a_live_day
from shared.storage.reads import (
    TICKET_SELECT,
    TodayWaits,
    open_counters_serving,
    read_changes,
    read_last_event_id,
    ticket_view,
    upcoming_for_counter,
)


class ReadOps(QueueCore):
    """What the apps show and the command line prints, as read models."""

    def ticket(self, reference: str) -> TicketView:
        """Today's ticket by code, or any ticket by token or status URL."""
        today = self.today()
        with self.db.read() as tx:
            return self._view(tx, self._find_ticket(tx, reference, today)["id"], today)

    def ticket_by_token(self, token: str) -> TicketView | None:
        """Any ticket by its token alone (what the QR carries); None when unknown."""
        today = self.today()
        with self.db.read() as tx:
            ticket_id = tx.scalar("SELECT id FROM tickets WHERE token = :t", {"t": token})
            return None if ticket_id is None else self._view(tx, ticket_id, today)

    def current_ticket(self, counter_number: int) -> TicketView | None:
        today = self.today()
        with self.db.read() as tx:
            counter = self._counter_row(tx, counter_number)
            row = self._current_row(tx, counter)
            return None if row is None else self._view(tx, row["id"], today)

    def upcoming(self, counter_number: int, limit: int = 5) -> list[TicketView]:
        """The next tickets in the order this counter would call them."""
        today = self.today()
        with self.db.read() as tx:
            counter = self._counter_row(tx, counter_number)
            site = self.site()
            now = self.clock()
            rows = upcoming_for_counter(
                tx, counter["id"], counter["priority_streak"], site.priority_fairness, limit, now
            )
            wanted = [row["id"] for row in rows]
            waits = TodayWaits(tx, today, now, site, wanted=wanted)
            return [ticket_view(tx, row, today, site.status_base_url, waits) for row in rows]

    def recent_calls(self, limit: int = 6) -> list[TicketView]:
        """Today's latest calls (newest first), for the hall display's history strip."""
        today = self.today()
        with self.db.read() as tx:
            rows = tx.all(
                f"""{TICKET_SELECT} WHERE t.business_date = :day AND t.called_at IS NOT NULL
                    ORDER BY t.called_at DESC, t.id DESC LIMIT :limit""",
                {"day": today, "limit": limit},
            )
            site = self.site()
            wanted = [row["id"] for row in rows]
            waits = TodayWaits(tx, today, self.clock(), site, wanted=wanted)
            return [ticket_view(tx, row, today, site.status_base_url, waits) for row in rows]

    def status(self) -> StatusView:
        """Services with waiting counts, counters with current tickets."""
        site = self.site()
        today = self.today()
        now = self.clock()
        local_now = now.astimezone(site.tz)
        services = self.services()
        with self.db.read() as tx:
            waits = TodayWaits(
                tx,
                today,
                now,
                site,
                wanted=(),  # the counters' current tickets are called: no estimate
                new_ticket_services=tuple(svc.id for svc in services),
            )
            per_service = {
                r["service_id"]: r
                for r in tx.all(
                    """SELECT service_id, count(*) AS waiting, min(issued_at) AS oldest
                       FROM tickets t WHERE state = 'waiting' AND """
                    + on_a_live_day("t")
                    + " GROUP BY service_id",
                    {"today": today},
                )
            }
            lines = []
            for svc in services:
                found = per_service.get(svc.id)
                count = int(found["waiting"]) if found else 0
                longest = None
                if found:
                    # A PC clock set back after a sync is behind the oldest ticket.
                    waited = (now - _parse(found["oldest"])).total_seconds()
                    longest = int(max(0.0, waited) // 60)
                new_ticket = waits.for_new_ticket(svc.id)
                lines.append(
                    ServiceLine(
                        code=svc.code,
                        prefix=svc.prefix,
                        name_th=svc.name_th,
                        name_en=svc.name_en,
                        agency_th=svc.agency_th,
                        agency_en=svc.agency_en,
                        waiting=count,
                        longest_wait_min=longest,
                        estimated_wait_min=new_ticket.minutes,
                        estimated_wait_range_min=(new_ticket.low, new_ticket.high),
                        open_counters=open_counters_serving(tx, svc.id),
                        open_now=svc.is_open_at(local_now),
                    )
                )
            counters = []
            for counter in self.counters():
                row = tx.one(
                    f"{TICKET_SELECT} WHERE c.number = :n AND t.state = 'called'",
                    {"n": counter.number},
                )
                counters.append(
                    CounterLine(
                        number=counter.number,
                        name_th=counter.name_th,
                        name_en=counter.name_en,
                        services=counter.service_codes,
                        open=counter.open,
                        officer=counter.officer_login,
                        current=None
                        if row is None
                        else ticket_view(tx, row, today, site.status_base_url, waits),
                    )
                )
        return StatusView(tuple(lines), tuple(counters))

    def changes(self, after: int, limit: int = 500) -> list[EventView]:
        """The events after id `after`, oldest first (the change feed, read once)."""
        return read_changes(self.db.direct(), after, limit)

    def last_event_id(self) -> int:
        return read_last_event_id(self.db.direct())


def _parse(text: str) -> datetime:
    moment = from_db(text)
    assert moment is not None
    return moment
