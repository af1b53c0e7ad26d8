"""A service's two call lines in SQL, written once for calling, positions and upcoming lists.

The *ahead* line holds priority tickets and, from their slot's start, the tickets of
checked-in bookings; everything else waits in the *walk-in* line. Both kinds of ahead
ticket are one line under one fairness rule (shared/domain/rules.py): they are called
in the order they joined it, a priority ticket at its issue, a booked ticket at its
slot's start (or at its check-in, when it checked in late), the ticket id breaking
ties. A booked ticket checked in early waits as a walk-in, by its issue time, until its
slot starts. Nothing is written for the move: the line is worked out from the booking's
slot start and `:now` at each read, so a booked ticket keeps `priority` false.
"""

from __future__ import annotations


def slot_of(ticket: str) -> str:
    """The slot start of the ticket's checked-in booking (NULL for other tickets), through
    the unique index on bookings.ticket_id. A booked ticket transferred to another
    service has no slot there: it waits in that service's walk-in line by its issue time,
    as any transferred ticket."""
    return (
        f"(SELECT sb.slot_start FROM bookings sb"
        f" WHERE sb.ticket_id = {ticket}.id AND sb.service_id = {ticket}.service_id)"
    )


def line_of(ticket: str, slot: str) -> str:
    """0 for the ahead line, 1 for the walk-in line (`slot`: the booking's slot start)."""
    return f"(CASE WHEN {ticket}.priority = 1 OR {slot} <= :now THEN 0 ELSE 1 END)"


def joined_of(ticket: str, slot: str) -> str:
    """When the ticket joined its line: its issue, or a booked ticket's slot start once
    that has come, when it checked in before it."""
    return (
        f"(CASE WHEN {ticket}.priority = 0 AND {slot} <= :now AND {slot} > {ticket}.issued_at"
        f" THEN {slot} ELSE {ticket}.issued_at END)"
    )


def call_key(ticket: str, slot: str) -> str:
    """The call order within a service, as a row value (line, joined, id): a smaller
    key is called first, the fairness rule aside."""
    return f"({line_of(ticket, slot)}, {joined_of(ticket, slot)}, {ticket}.id)"


def count_ahead_of(ticket: str) -> str:
    """An SQL expression: the waiting tickets of `ticket`'s service called before it (the
    people ahead shown to the citizen), counted on the partial index of waiting tickets."""
    return f"""(SELECT count(*) FROM tickets w
               WHERE w.state = 'waiting' AND w.service_id = {ticket}.service_id
                 AND {call_key("w", slot_of("w"))} < {call_key(ticket, slot_of(ticket))})"""
