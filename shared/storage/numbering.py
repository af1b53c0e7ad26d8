"""Issuing tickets: the next gapless number of a service for the business day."""

from __future__ import annotations

import secrets

from shared.domain.errors import InvalidStateError
from shared.domain.model import Action
from shared.storage.api import TicketView
from shared.storage.core import QueueCore
from shared.storage.database import UniqueViolation


class IssueOps(QueueCore):
    """`issue`: the daily sequence is claimed in the issuing transaction (an upsert with
    RETURNING), so numbers have no gaps and no doubles across processes."""

    def issue(self, service_code: str, *, priority: bool = False) -> TicketView:
        """A new ticket: the next gapless number of the service for today."""
        now, today = self._begin()
        with self.db.write() as tx:
            service = self._service_row(tx, service_code)
            seq = tx.scalar(
                """INSERT INTO daily_sequences (service_id, business_date, last_seq)
                   VALUES (:service, :day, 1)
                   ON CONFLICT (service_id, business_date)
                   DO UPDATE SET last_seq = daily_sequences.last_seq + 1
                   RETURNING last_seq""",
                {"service": service["id"], "day": today},
            )
            # Formatted here, not in SQL: lpad(…, 3) would cut 1000 to "100".
            code = f"{service['prefix']}{seq:03d}"
            try:
                ticket_id = tx.scalar(
                    """INSERT INTO tickets (business_date, service_id, origin_service_id, seq,
                         code, priority, state, issued_at, token)
                       VALUES (:day, :service, :service, :seq, :code, :priority, 'waiting',
                         :now, :token) RETURNING id""",
                    {
                        "day": today,
                        "service": service["id"],
                        "seq": seq,
                        "code": code,
                        "priority": int(priority),
                        "now": now,
                        "token": secrets.token_urlsafe(18),
                    },
                )
            except UniqueViolation:
                raise InvalidStateError(
                    f"หมายเลข {code} ถูกใช้ไปแล้ววันนี้ (ตัวอักษรนำหน้าซ้ำกับบริการอื่น?)",
                    f"Ticket {code} already exists today (was prefix {service['prefix']} "
                    "given to another service?)",
                ) from None
            self._event(
                tx,
                now,
                Action.ISSUE,
                ticket_id=ticket_id,
                service_id=service["id"],
                data={"priority": priority},
            )
        return self._view_after_commit(ticket_id, today)
