"""Satisfaction ratings: one `rated` event per done ticket, found by its token only."""

from __future__ import annotations

import sqlite3
from typing import Any

from shared.clock import Clock, to_db
from shared.domain.errors import InvalidStateError, NotFoundError
from shared.storage.connection import read_snapshot, write_transaction

RATED = "rated"  # the event kind (issue 12 reads it): data {"rating": 1..5}


class RatingMixin:
    """Rating operations of the store (mixed into SqliteStore)."""

    conn: sqlite3.Connection
    clock: Clock

    def _event(self, c: sqlite3.Connection, at: str, kind: str, **kwargs: Any) -> None: ...

    def rate(self, token: str, rating: int) -> int:
        """Record the citizen's 1..5 rating of a done ticket, once; returns the rating.
        NotFoundError for an unknown token, InvalidStateError before `done` or when the
        ticket was rated already (the partial unique index is the last guard)."""
        if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
            raise ValueError("rating must be a whole number from 1 to 5")
        now = to_db(self.clock())
        with write_transaction(self.conn) as c:
            row = c.execute(
                "SELECT id, service_id, state FROM tickets WHERE token = ?", (token,)
            ).fetchone()
            if row is None:
                raise NotFoundError("No such ticket", "ไม่พบบัตรคิวนี้")
            if row["state"] != "done":
                raise InvalidStateError(
                    "The ticket can be rated once its service is done",
                    "ให้คะแนนได้เมื่อรับบริการเสร็จแล้ว",
                )
            if self._rating_in(c, row["id"]) is not None:
                raise InvalidStateError("This ticket was rated already", "บัตรคิวนี้ให้คะแนนแล้ว")
            self._event(
                c, now, RATED, ticket_id=row["id"], service_id=row["service_id"],
                data={"rating": rating},
            )
        return rating

    def rating_of(self, token: str) -> int | None:
        """The rating given to the ticket with this token, None when not rated."""
        with read_snapshot(self.conn) as c:
            row = c.execute("SELECT id FROM tickets WHERE token = ?", (token,)).fetchone()
            return None if row is None else self._rating_in(c, row["id"])

    @staticmethod
    def _rating_in(c: sqlite3.Connection, ticket_id: int) -> int | None:
        row = c.execute(
            # On the partial unique index ux_events_rated (schema 3).
            "SELECT json_extract(data, '$.rating') FROM events "
            "WHERE ticket_id = ? AND kind = 'rated'",
            (ticket_id,),
        ).fetchone()
        return None if row is None else int(row[0])
