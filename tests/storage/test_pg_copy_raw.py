"""`copy_database` between two PostgreSQL databases on the raw adapter (ids kept,
sequences continue, a non-empty destination refused and left unchanged)."""

from __future__ import annotations

import pytest

from shared.domain.errors import DatabaseError
from shared.storage.copy import copy_database
from shared.storage.postgres.database import PgDatabase
from tests.support.pg import PgServer

AT = "2026-11-24T03:00:00.000+00:00"


def _fill(db: PgDatabase) -> None:
    with db.write() as tx:
        tx.execute("INSERT INTO settings (key, value) VALUES ('site', '{}')")
        tx.execute("INSERT INTO services (code, prefix, name_th, name_en) "
                   "VALUES ('DL', 'A', 'ใบขับขี่', 'Licence')")
        tx.execute("INSERT INTO officers (login, display_name, pin_hash, role) "
                   "VALUES ('som', 'สมชาย', 'scrypt$x', 'officer')")
        tx.execute("INSERT INTO counters (number, name_th, name_en) VALUES (1, 'ช่อง 1', 'C1')")
        tx.execute("INSERT INTO counter_services VALUES (1, 1, 0)")
        tx.execute("INSERT INTO daily_sequences VALUES (1, '2026-11-24', 3)")
        for seq in (1, 2, 3):
            tx.execute(
                "INSERT INTO tickets (business_date, service_id, origin_service_id, seq, code, "
                "state, issued_at, token) VALUES ('2026-11-24', 1, 1, :s, :c, 'waiting', :at, "
                ":t)", {"s": seq, "c": f"A00{seq}", "at": AT, "t": f"tok{seq}"})
            tx.execute("INSERT INTO events (at, kind, ticket_id) VALUES (:at, 'issue', :s)",
                       {"at": AT, "s": seq})


def test_copy_between_servers_keeps_ids_and_continues(pg_server: PgServer, pg_url: str) -> None:
    source = PgDatabase.open(pg_url, create=True)
    _fill(source)
    dest_url = pg_server.create_database("dest")
    dest = PgDatabase.open(dest_url, create=True)
    assert copy_database(source, dest) == {"tickets": 3, "events": 3, "officers": 1}
    with dest.write() as tx:
        new_id = tx.scalar("INSERT INTO events (at, kind) VALUES (:at, 'x') RETURNING id",
                           {"at": AT})
        assert new_id == 4
        assert tx.scalar("SELECT pin_hash FROM officers") == "scrypt$x"
    # A second copy into the now non-empty destination is refused, nothing changed.
    with pytest.raises(DatabaseError, match="not empty"):
        copy_database(source, dest)
    with dest.read() as tx:
        assert tx.scalar("SELECT count(*) FROM events") == 4
    source.close()
    dest.close()
