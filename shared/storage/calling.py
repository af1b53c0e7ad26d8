"""Calling: the next ticket for a counter (priority fairness), or one exact ticket."""

from __future__ import annotations

from shared.domain.model import Action, TicketState, next_state
from shared.domain.rules import choose_next
from shared.storage.api import TicketView
from shared.storage.core import QueueCore
from shared.storage.database import Row, Tx

# One queue's head for call-next, on the partial index of waiting tickets.
_OLDEST_WAITING = """SELECT * FROM (
    SELECT priority, id FROM tickets
    WHERE state = 'waiting' AND priority = {priority} AND service_id IN
        (SELECT service_id FROM counter_services WHERE counter_id = :counter)
    ORDER BY issued_at, id LIMIT 1) AS head_{priority}"""

_HEADS = f"{_OLDEST_WAITING.format(priority=1)} UNION ALL {_OLDEST_WAITING.format(priority=0)}"


class CallOps(QueueCore):
    """`call_next` and `call_ticket`."""

    def call_next(self, counter_number: int) -> TicketView | None:
        """Finish the counter's current ticket (if any) and call the next one for it."""
        now, today = self._begin()
        with self.db.write() as tx:
            counter = self._open_counter(tx, counter_number)
            self._end_current(tx, counter, Action.FINISH, now)
            # The oldest priority and the oldest normal ticket of the counter's services,
            # in one statement (each statement under the write lock delays other counters).
            oldest = {
                row["priority"]: row["id"]
                for row in tx.execute(_HEADS, {"counter": counter["id"]})
            }
            choice = choose_next(
                1 in oldest,
                0 in oldest,
                counter["priority_streak"],
                self.site().priority_fairness,
            )
            if choice is None:
                return None
            ticket_id = oldest[1 if choice.take_priority else 0]
            if choice.streak_after != counter["priority_streak"]:
                tx.execute(
                    "UPDATE counters SET priority_streak = :streak WHERE id = :id",
                    {"streak": choice.streak_after, "id": counter["id"]},
                )
            self._mark_called(tx, ticket_id, counter, now)
        return self._view_after_commit(ticket_id, today)

    def call_ticket(self, counter_number: int, reference: str) -> TicketView:
        """Call one exact waiting ticket: a typed code (A001) or a scanned status URL/token."""
        now, today = self._begin()
        with self.db.write() as tx:
            counter = self._open_counter(tx, counter_number)
            row = self._find_ticket(tx, reference, today)
            next_state(TicketState(row["state"]), Action.CALL, row["code"])
            self._end_current(tx, counter, Action.FINISH, now)
            self._mark_called(tx, row["id"], counter, now)
            ticket_id = row["id"]
        return self._view_after_commit(ticket_id, today)

    def _mark_called(self, tx: Tx, ticket_id: int, counter: Row, now: str) -> None:
        service_id = tx.scalar(
            """UPDATE tickets SET state = 'called', counter_id = :counter,
                 officer_id = :officer, called_at = :now
               WHERE id = :id AND state = 'waiting' RETURNING service_id""",
            {
                "counter": counter["id"],
                "officer": counter["officer_id"],
                "now": now,
                "id": ticket_id,
            },
        )
        self._event(
            tx,
            now,
            Action.CALL,
            ticket_id=ticket_id,
            service_id=service_id,
            counter_id=counter["id"],
            officer_id=counter["officer_id"],
        )
