"""Satisfaction ratings: one `rated` event per done ticket, found by its token only."""

from __future__ import annotations

import json

from shared.domain.errors import InvalidStateError, NotFoundError
from shared.domain.model import EventKind
from shared.storage.core import QueueCore
from shared.storage.database import Tx


class RatingOps(QueueCore):
    """The citizen's 1..5 rating of a done ticket (an event, which the reports count)."""

    def rate(self, token: str, rating: int) -> int:
        """Record the rating once; returns it. NotFoundError for an unknown token,
        InvalidStateError before `done` or when rated already (the partial unique index
        ux_events_rated is the last guard)."""
        if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
            raise ValueError("rating must be a whole number from 1 to 5")
        now = self._stamp()
        with self.db.write() as tx:
            row = tx.one(
                "SELECT id, service_id, state FROM tickets WHERE token = :token",
                {"token": token},
            )
            if row is None:
                raise NotFoundError("ไม่พบบัตรคิวนี้", "No such ticket")
            if row["state"] != "done":
                raise InvalidStateError(
                    "ให้คะแนนได้เมื่อรับบริการเสร็จแล้ว",
                    "The ticket can be rated once its service is done",
                )
            if _rating_in(tx, row["id"]) is not None:
                raise InvalidStateError("บัตรคิวนี้ให้คะแนนแล้ว", "This ticket was rated already")
            self._event(
                tx,
                now,
                EventKind.RATED,
                ticket_id=row["id"],
                service_id=row["service_id"],
                data={"rating": rating},
            )
        return rating

    def rating_of(self, token: str) -> int | None:
        """The rating given to the ticket with this token, None when not rated."""
        with self.db.read() as tx:
            ticket_id = tx.scalar("SELECT id FROM tickets WHERE token = :t", {"t": token})
            return None if ticket_id is None else _rating_in(tx, ticket_id)


def _rating_in(tx: Tx, ticket_id: int) -> int | None:
    # One key lookup on the partial unique index ux_events_rated.
    data = tx.scalar(
        "SELECT data FROM events WHERE ticket_id = :id AND kind = 'rated'", {"id": ticket_id}
    )
    return None if data is None else int(json.loads(data)["rating"])
