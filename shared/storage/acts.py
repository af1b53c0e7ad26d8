"""Acts on a counter's current ticket (recall, no-show, finish, transfer, return), cancel,
and pausing or resuming a counter."""

from __future__ import annotations

from typing import Any

from shared.domain.errors import InvalidStateError
from shared.domain.model import Action, Counter, EventKind, TicketState, next_state
from shared.storage.api import TicketView
from shared.storage.core import QueueCore
from shared.storage.database import Row, Tx


class ActOps(QueueCore):
    """What a counter does to the ticket it serves; what a citizen's leaving does."""

    def recall(self, counter_number: int) -> TicketView:
        return self._act(counter_number, Action.RECALL)

    def no_show(self, counter_number: int) -> TicketView:
        return self._act(counter_number, Action.NO_SHOW)

    def finish(self, counter_number: int) -> TicketView:
        return self._act(counter_number, Action.FINISH)

    def transfer(self, counter_number: int, service_code: str) -> TicketView:
        return self._act(counter_number, Action.TRANSFER, target=service_code)

    def return_to_queue(self, counter_number: int) -> TicketView:
        return self._act(counter_number, Action.RETURN)

    def cancel(self, reference: str) -> TicketView:
        """Cancel a waiting ticket (the citizen left)."""
        now, today = self._begin()
        with self.db.write() as tx:
            row = self._find_ticket(tx, reference, today)
            state = next_state(TicketState(row["state"]), Action.CANCEL, row["code"])
            tx.execute(
                "UPDATE tickets SET state = :state, finished_at = :now WHERE id = :id",
                {"state": state.value, "now": now, "id": row["id"]},
            )
            self._event(
                tx, now, Action.CANCEL, ticket_id=row["id"], service_id=row["service_id"]
            )
            ticket_id = row["id"]
        return self._view_after_commit(ticket_id, today)

    def set_counter_open(
        self, counter_number: int, is_open: bool, *, by: str | None = None
    ) -> Counter:
        """Pause or resume a counter: a paused counter gets no calls. `by`: the admin
        who did it from the floor page, named in the event."""
        now, _ = self._begin()
        with self.db.write() as tx:
            counter = self._counter_row(tx, counter_number)
            if bool(counter["open"]) != is_open:
                tx.execute(
                    "UPDATE counters SET open = :open WHERE id = :id",
                    {"open": int(is_open), "id": counter["id"]},
                )
                self._event(
                    tx,
                    now,
                    EventKind.COUNTER_OPENED if is_open else EventKind.COUNTER_PAUSED,
                    counter_id=counter["id"],
                    officer_id=counter["officer_id"],
                    data=None if by is None else {"by": by},
                )
        return self.counter(counter_number)

    # ------------------------------------------------------------- helpers
    def _require_current(self, tx: Tx, counter: Row) -> Row:
        row = self._current_row(tx, counter)
        if row is None:
            raise InvalidStateError(
                f"ช่องบริการ {counter['number']} ไม่มีคิวที่กำลังให้บริการ",
                f"Counter {counter['number']} has no ticket being served",
            )
        return row

    def _act(self, counter_number: int, action: Action, **extra: Any) -> TicketView:
        now, today = self._begin()
        with self.db.write() as tx:
            counter = self._counter_row(tx, counter_number)
            row = self._require_current(tx, counter)
            if action in (Action.FINISH, Action.NO_SHOW):
                self._finish_row(tx, row, counter, action, now)
            elif action is Action.RECALL:
                tx.execute(
                    "UPDATE tickets SET recall_count = recall_count + 1 WHERE id = :id",
                    {"id": row["id"]},
                )
                self._event(
                    tx,
                    now,
                    action,
                    ticket_id=row["id"],
                    service_id=row["service_id"],
                    counter_id=counter["id"],
                    officer_id=counter["officer_id"],
                    data={"recall_count": row["recall_count"] + 1},
                )
            else:
                self._requeue(tx, row, counter, action, now, **extra)
            ticket_id = row["id"]
        return self._view_after_commit(ticket_id, today)

    def _requeue(
        self,
        tx: Tx,
        row: Row,
        counter: Row,
        action: Action,
        now: str,
        target: str | None = None,
    ) -> None:
        """Return or transfer: the ticket waits again at its original place by issue time."""
        next_state(TicketState(row["state"]), action, row["code"])
        service_id = row["service_id"]
        data: dict[str, Any] = {}
        if action is Action.TRANSFER:
            assert target is not None
            service = self._service_row(tx, target)
            if service["id"] == row["service_id"]:
                raise InvalidStateError(
                    f"บัตรคิว {row['code']} อยู่ในบริการ {service['code']} อยู่แล้ว",
                    f"Ticket {row['code']} is already at {service['code']}",
                )
            service_id = service["id"]
            from_code = tx.scalar(
                "SELECT code FROM services WHERE id = :id", {"id": row["service_id"]}
            )
            data = {"from": from_code, "to": service["code"]}
        tx.execute(
            """UPDATE tickets SET state = 'waiting', service_id = :service, counter_id = NULL,
                 officer_id = NULL, called_at = NULL WHERE id = :id""",
            {"service": service_id, "id": row["id"]},
        )
        self._event(
            tx,
            now,
            action,
            ticket_id=row["id"],
            service_id=service_id,
            counter_id=counter["id"],
            officer_id=counter["officer_id"],
            data=data,
        )
