"""Issuing tickets: the next gapless number of a service for the business day."""

from __future__ import annotations

import secrets

from shared.domain.errors import InvalidStateError
from shared.domain.model import Action, PriorityReason
from shared.storage.api import TicketView
from shared.storage.core import QueueCore
from shared.storage.database import Tx, UniqueViolation

# The day's next number of the (active) service: no rows are read back, so PostgreSQL
# sends it with the ticket's INSERT in one round trip.
_CLAIM_NUMBER = """INSERT INTO daily_sequences (service_id, business_date, last_seq)
    SELECT id, :day, 1 FROM services WHERE code = :code AND active = 1
    ON CONFLICT (service_id, business_date)
    DO UPDATE SET last_seq = daily_sequences.last_seq + 1"""

# The ticket with the number just claimed. The code is the prefix and the number with at
# least three digits (A007, A1000: lpad(…, 3) would cut 1000 to "100").
_NEW_TICKET = """INSERT INTO tickets (business_date, service_id, origin_service_id, seq,
      code, priority, priority_reason, state, issued_at, token)
    SELECT :day, s.id, s.id, d.last_seq,
      s.prefix || CASE WHEN d.last_seq < 10 THEN '00' WHEN d.last_seq < 100 THEN '0'
                  ELSE '' END || CAST(d.last_seq AS TEXT),
      :priority, :priority_reason, 'waiting', :now, :token
    FROM services s
    JOIN daily_sequences d ON d.service_id = s.id AND d.business_date = :day
    WHERE s.code = :code AND s.active = 1
    RETURNING id, service_id"""


class IssueOps(QueueCore):
    """`issue`: the daily sequence is claimed in the issuing transaction (an upsert), so
    numbers have no gaps and no doubles across processes."""

    def issue(
        self,
        service_code: str,
        *,
        priority: bool = False,
        priority_reason: PriorityReason | None = None,
    ) -> TicketView:
        """A new ticket: the next gapless number of the service for today. A reason makes
        it a priority ticket; a priority ticket without one was chosen by hand."""
        if priority_reason is None and priority:
            priority_reason = PriorityReason.MANUAL
        priority = priority_reason is not None
        now, today = self._begin()
        code = service_code.strip().upper()
        try:
            with self.db.write() as tx:
                ticket_id = self._issue_in(
                    tx, code, today, now, priority=priority, priority_reason=priority_reason
                )
        except UniqueViolation:
            raise self._number_taken(code, today) from None
        return self._view_after_commit(ticket_id, today)

    def _issue_in(
        self,
        tx: Tx,
        code: str,
        today: str,
        now: str,
        *,
        priority: bool = False,
        priority_reason: PriorityReason | None = None,
    ) -> int:
        """Issue the service's next ticket inside the caller's write transaction (its
        `issued` event included); the new ticket's id. A UniqueViolation means the
        number's code is taken (see `_number_taken`)."""
        tx.execute(_CLAIM_NUMBER, {"code": code, "day": today})
        row = tx.one(
            _NEW_TICKET,
            {
                "code": code,
                "day": today,
                "priority": int(priority),
                "priority_reason": priority_reason and priority_reason.value,
                "now": now,
                "token": secrets.token_urlsafe(18),
            },
        )
        if row is None:  # no such active service: nothing was claimed
            self._service_row(tx, code)  # raises NotFoundError
            raise AssertionError("a claimed number without its ticket")
        self._event(
            tx,
            now,
            Action.ISSUE,
            ticket_id=row["id"],
            service_id=row["service_id"],
            data={"priority": priority},
        )
        return int(row["id"])

    def _number_taken(self, code: str, today: str) -> InvalidStateError:
        """The number's code belongs to another ticket today (two services, one prefix)."""
        row = self.db.direct().one(
            """SELECT s.prefix, coalesce(d.last_seq, 0) + 1 AS seq FROM services s
               LEFT JOIN daily_sequences d ON d.service_id = s.id AND d.business_date = :day
               WHERE s.code = :code""",
            {"code": code, "day": today},
        )
        prefix, seq = (row["prefix"], row["seq"]) if row else ("?", 0)
        taken = f"{prefix}{seq:03d}"
        return InvalidStateError(
            f"หมายเลข {taken} ถูกใช้ไปแล้ววันนี้ (ตัวอักษรนำหน้าซ้ำกับบริการอื่น?)",
            f"Ticket {taken} already exists today (was prefix {prefix} "
            "given to another service?)",
        )
