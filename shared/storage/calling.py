"""Calling: the next ticket for a counter (the ahead line under the fairness rule), or
one exact ticket."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from shared.clock import to_db
from shared.domain.booking import is_booking_reference
from shared.domain.errors import InvalidStateError, NotFoundError
from shared.domain.model import Action, TicketState, next_state
from shared.domain.rules import choose_next
from shared.storage.api import TicketView
from shared.storage.bookings import BookingOps
from shared.storage.core import event_values
from shared.storage.database import Row, Tx
from shared.storage.lines import slot_of

# The counter, its current ticket and (for call-next) the heads of its lines, in ONE
# statement: every statement under the write lock makes the other counters wait. With
# heads: one row per service of the counter, with that service's oldest priority ticket,
# oldest started booked ticket and oldest walk-in ticket (lines.py), each an index probe:
# LIMIT 1 on the partial index of waiting tickets, already in call order (a walk-in probe
# steps over the few booked tickets whose slot has started), and today's bookings of the
# service on their day index, so the cost does not grow with the queue or the history.
_COUNTER_NOW = """SELECT c.id, c.number, c.open, c.officer_id, c.priority_streak,
       cur.id AS cur_id, cur.state AS cur_state, cur.code AS cur_code,
       cur.service_id AS cur_service{head_columns}
FROM counters c
LEFT JOIN tickets cur ON cur.counter_id = c.id AND cur.state = 'called'{head_joins}
WHERE c.number = :number AND c.active = 1"""

# Per line: the ticket's id, when it joined the line (the call order, the id after it),
# and which tickets are in it. The bookings' and tickets' rows are matched through
# scalar subqueries on the unique ticket id: both engines then probe that index
# (PostgreSQL would otherwise be free to join them by scanning, as its planner guesses).
# A checked-in booking's `ended_at` is its check-in, its ticket's issue. Its slot is
# today's (a ticket lives one day): the day and the slot's range from the day's start
# keep the probe on today's bookings of the service, whichever index the engine takes
# (SQLite the day index, PostgreSQL may take the places index by slot start).
_LINES = {
    "priority": (
        "w.id",
        "w.issued_at",
        """FROM tickets w
           WHERE w.state = 'waiting' AND w.priority = 1 AND w.service_id = cs.service_id""",
    ),
    "booked": (
        "b.ticket_id",
        "(CASE WHEN b.slot_start > b.ended_at THEN b.slot_start ELSE b.ended_at END)",
        """FROM bookings b
           WHERE b.business_date = :day AND b.service_id = cs.service_id
             AND b.state = 'checked_in' AND b.slot_start >= :day_start AND b.slot_start <= :now
             AND (SELECT w.state FROM tickets w WHERE w.id = b.ticket_id AND w.priority = 0
                    AND w.service_id = b.service_id) = 'waiting'""",
    ),
    "walk_in": (
        "w.id",
        "w.issued_at",
        f"""FROM tickets w
           WHERE w.state = 'waiting' AND w.priority = 0 AND w.service_id = cs.service_id
             AND NOT COALESCE({slot_of("w")} <= :now, FALSE)""",
    ),
}

_WITH_HEADS = _COUNTER_NOW.format(
    head_columns=",\n       cs.service_id AS head_service"
    + "".join(
        f",\n       (SELECT {value} {source} ORDER BY {joined}, {ticket} LIMIT 1) AS {line}_{column}"
        for line, (ticket, joined, source) in _LINES.items()
        for column, value in (("head", ticket), ("joined", joined))
    ),
    head_joins="\nLEFT JOIN counter_services cs ON cs.counter_id = c.id",
)
_WITHOUT_HEADS = _COUNTER_NOW.format(head_columns="", head_joins="")


def _oldest(rows: list[Row], lines: tuple[str, ...]) -> tuple[int, int] | None:
    """(ticket id, service id) of the head that joined its line first over the given
    lines and the counter's services (the ticket id breaking ties)."""
    heads = [
        (r[f"{line}_joined"], r[f"{line}_head"], r["head_service"])
        for r in rows
        for line in lines
        if r[f"{line}_head"] is not None
    ]
    if not heads:
        return None
    _, ticket_id, service_id = min(heads)
    return ticket_id, service_id


class CallOps(BookingOps):
    """`call_next` and `call_ticket`."""

    def call_next(self, counter_number: int) -> TicketView | None:
        """Finish the counter's current ticket (if any) and call the next one for it."""
        now, today = self._begin()
        fairness = self._site.priority_fairness  # read by _begin for this operation
        with self.db.write() as tx:
            day_start = datetime.combine(date.fromisoformat(today), time.min, self._site.tz)
            rows = self._counter_now(
                tx, counter_number, _WITH_HEADS, now=now, day=today, day_start=to_db(day_start)
            )
            counter = rows[0]
            events = self._finish_current(tx, counter, now)
            # Priority and started booked tickets are one ahead line (lines.py).
            ahead = _oldest(rows, ("priority", "booked"))
            walk_in = _oldest(rows, ("walk_in",))
            choice = choose_next(
                ahead is not None, walk_in is not None, counter["priority_streak"], fairness
            )
            if choice is None:
                self._events(tx, events)
                return None
            head = ahead if choice.take_priority else walk_in
            assert head is not None
            ticket_id, service_id = head
            if choice.streak_after != counter["priority_streak"]:
                tx.execute(
                    "UPDATE counters SET priority_streak = :streak WHERE id = :id",
                    {"streak": choice.streak_after, "id": counter["id"]},
                )
            events.append(self._mark_called(tx, ticket_id, service_id, counter, now))
            self._events(tx, events)
        return self._view_after_commit(ticket_id, today)

    def call_ticket(self, counter_number: int, reference: str) -> TicketView:
        """Call one exact waiting ticket: a typed code (A001) or a scanned status URL/token."""
        now, today = self._begin()
        with self.db.write() as tx:
            counter = self._counter_now(tx, counter_number, _WITHOUT_HEADS)[0]
            row = self._ticket_or_booking(tx, reference, now, today)
            next_state(TicketState(row["state"]), Action.CALL, row["code"])
            events = self._finish_current(tx, counter, now)
            events.append(self._mark_called(tx, row["id"], row["service_id"], counter, now))
            self._events(tx, events)
            ticket_id = row["id"]
        return self._view_after_commit(ticket_id, today)

    def _ticket_or_booking(self, tx: Tx, reference: str, now: str, today: str) -> Row:
        """The waiting ticket `reference` names, or, for a booking's code or QR, the
        ticket its check-in issues now (the counter's scan box checks in and calls at
        once); the check-in's refusals (too early, missed) as for `check_in`."""
        try:
            return self._find_ticket(tx, reference, today)
        except NotFoundError:
            if not is_booking_reference(reference):
                raise
        booking = self._find_booking(tx, reference)
        ticket_id = self._check_in_row(tx, booking, now, today)
        row = tx.one("SELECT * FROM tickets WHERE id = :id", {"id": ticket_id})
        assert row is not None
        return row

    def _counter_now(self, tx: Tx, number: int, sql: str, **moment: str) -> list[Row]:
        """The open counter with its current ticket (`cur_*`, None when it has none):
        one row, or with heads (`moment`: the `now`, business `day` and the day's start
        they are read at) one per service of the counter (the counter repeated)."""
        rows = tx.all(sql, {"number": number, **moment})
        if not rows:
            raise self._unknown_counter(number)
        if not rows[0]["open"]:
            raise InvalidStateError(
                f"ช่องบริการ {number} พักอยู่ กรุณากดเปิดให้บริการก่อนเรียกคิว",
                f"Counter {number} is paused; resume it before calling",
            )
        return rows

    @staticmethod
    def _finish_current(tx: Tx, counter: Row, now: str) -> list[dict[str, Any]]:
        """Finish the counter's current ticket, if any: its event, to be written with
        the call's in one INSERT."""
        if counter["cur_id"] is None:
            return []
        state = next_state(TicketState(counter["cur_state"]), Action.FINISH, counter["cur_code"])
        tx.execute(
            "UPDATE tickets SET state = :state, finished_at = :now WHERE id = :id",
            {"state": state.value, "now": now, "id": counter["cur_id"]},
        )
        return [
            event_values(
                now,
                Action.FINISH,
                ticket_id=counter["cur_id"],
                service_id=counter["cur_service"],
                counter_id=counter["id"],
                officer_id=counter["officer_id"],
            )
        ]

    @staticmethod
    def _mark_called(
        tx: Tx, ticket_id: int, service_id: int, counter: Row, now: str
    ) -> dict[str, Any]:
        tx.execute(
            """UPDATE tickets SET state = 'called', counter_id = :counter,
                 officer_id = :officer, called_at = :now
               WHERE id = :id AND state = 'waiting'""",
            {
                "counter": counter["id"],
                "officer": counter["officer_id"],
                "now": now,
                "id": ticket_id,
            },
        )
        return event_values(
            now,
            Action.CALL,
            ticket_id=ticket_id,
            service_id=service_id,
            counter_id=counter["id"],
            officer_id=counter["officer_id"],
        )
