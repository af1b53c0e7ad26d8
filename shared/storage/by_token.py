"""Many tickets by token in one read: what the citizens' web pages need when one change
(a call) moves a whole queue and every open page re-reads its ticket."""

from __future__ import annotations

from collections.abc import Sequence

from shared.clock import to_db
from shared.storage.api import TicketView
from shared.storage.core import QueueCore
from shared.storage.lines import joined_of, line_of, slot_of
from shared.storage.reads import TICKET_SELECT, TodayWaits, ticket_view

CHUNK = 500  # tokens per IN (…) list: well under every backend's parameter limit


class TokenReadOps(QueueCore):
    """Ticket views by token in bulk, the same views `ticket_by_token` gives one by one."""

    def tickets_by_tokens(self, tokens: Sequence[str]) -> dict[str, TicketView]:
        """The known tokens' tickets (unknown ones are left out), in one read
        transaction. A waiting ticket's position is its index in its service's call
        order (the ahead line first: what people_ahead counts, see lines.py), one
        ordered read of the service's waiting tickets instead of one count per ticket."""
        unique = list(dict.fromkeys(tokens))
        if not unique:
            return {}
        today = self.today()
        site = self.site()
        now = self.clock()
        with self.db.read() as tx:
            rows = []
            for start in range(0, len(unique), CHUNK):
                chunk = unique[start : start + CHUNK]
                params = {f"t{i}": token for i, token in enumerate(chunk)}
                marks = ", ".join(f":t{i}" for i in range(len(chunk)))
                rows += tx.all(f"{TICKET_SELECT} WHERE t.token IN ({marks})", params)
            ahead: dict[int, int] = {}
            slot = slot_of("w")
            for service_id in {r["service_id"] for r in rows if r["state"] == "waiting"}:
                order = tx.all(
                    f"""SELECT w.id FROM tickets w WHERE w.state = 'waiting' AND w.service_id = :s
                        ORDER BY {line_of("w", slot)}, {joined_of("w", slot)}, w.id""",
                    {"s": service_id, "now": to_db(now)},
                )
                ahead.update((r["id"], position) for position, r in enumerate(order))
            waits = TodayWaits(
                tx,
                today,
                now,
                site,
                wanted=[r["id"] for r in rows if r["state"] == "waiting"],
            )
            return {
                r["token"]: ticket_view(
                    tx, r, today, site.status_base_url, waits, ahead.get(r["id"])
                )
                for r in rows
            }
