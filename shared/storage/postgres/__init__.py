"""Khiu on a PostgreSQL server: sites whose counters, kiosks and screens are separate PCs.

The queue logic is the same as on SQLite (`QueueStore`); only the adapter differs:
connection and schema (`connection.py`, `schema.py`), `PgDatabase` (advisory-lock
writes, snapshot reads, reconnect), and the LISTEN/NOTIFY feed (`feed.py`). Nothing
outside `shared.storage` imports psycopg."""

from __future__ import annotations

from shared.clock import Clock, utc_now
from shared.storage.postgres.database import PgDatabase
from shared.storage.postgres.url import PgUrl, parse_url
from shared.storage.queue import QueueStore

DRIVER_LOGGER = "psycopg"  # the driver's own logger (it sets WARNING on import)


class PgStore(QueueStore):
    """The queue on one PostgreSQL database."""

    db: PgDatabase

    def __init__(self, db: PgDatabase, clock: Clock = utc_now) -> None:
        super().__init__(db, clock)

    @classmethod
    def open(cls, url: str | PgUrl, *, create: bool = False, clock: Clock = utc_now) -> PgStore:
        return cls(PgDatabase.open(parse_url(url) if isinstance(url, str) else url,
                                   create=create), clock)

    @property
    def url(self) -> PgUrl:
        return self.db.url
