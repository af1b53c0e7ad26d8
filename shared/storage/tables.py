"""The queue's tables, named once for every backend (copying a site, setting ids)."""

from __future__ import annotations

# Parents before children (foreign keys): the order a whole site is copied in.
TABLES: tuple[str, ...] = (
    "settings",
    "services",
    "officers",
    "counters",
    "counter_services",
    "daily_sequences",
    "tickets",
    "bookings",
    "events",
)
# Tables whose `id` is generated (read in id pages; a server's sequences are set past
# the copied ids).
ID_TABLES: frozenset[str] = frozenset(
    {"services", "officers", "counters", "tickets", "bookings", "events"}
)
