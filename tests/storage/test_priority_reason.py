"""Why a ticket is a priority one (`priority_reason`): stored with the ticket, in its
JSON, and filled in for the priority tickets of a database made before it existed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from shared.domain.model import PriorityReason
from shared.paths import DEMO_SITE_FILE
from shared.site import load_site_file
from shared.storage import open_store
from shared.storage.api import Store
from shared.storage.postgres import connection as pg_connection
from shared.storage.postgres import schema as pg_schema
from shared.storage.sqlite import connection as sqlite_connection
from shared.storage.sqlite import schema as sqlite_schema
from tests.support.backends import DB_ERRORS, Location, is_pg, location_of, raw


def test_a_priority_ticket_says_why(q: Store) -> None:
    tz = q.site().tz
    plain = q.issue("DL")
    manual = q.issue("DL", priority=True)
    senior = q.issue("DL", priority_reason=PriorityReason.SENIOR)
    assert [(t.priority, t.priority_reason) for t in (plain, manual, senior)] == [
        (False, None),
        (True, PriorityReason.MANUAL),
        (True, PriorityReason.SENIOR),
    ]
    assert [q.ticket(t.code).to_json(tz)["priority_reason"] for t in (plain, manual, senior)] == [
        None,
        "manual",
        "senior",
    ]
    # Priority tickets are one queue in issue order: the reason only says why.
    called = q.call_next(1)
    assert called is not None and called.code == manual.code


def test_the_database_refuses_an_unknown_reason(q: Store) -> None:
    conn = raw(location_of(q))
    with pytest.raises(DB_ERRORS):
        conn.execute(
            "UPDATE tickets SET priority_reason = 'vip' WHERE id = ?", (q.issue("DL").id,)
        )
    conn.close()


def _reason_step(migrations: tuple[str, ...]) -> int:
    """The index of the migration that adds priority_reason (later ones may follow it)."""
    return next(i for i, sql in enumerate(migrations) if "ADD COLUMN priority_reason" in sql)


def _before_priority_reason(location: Location, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database made by the version before priority_reason, with the demo site."""
    if is_pg(location):
        migrations = pg_schema.MIGRATIONS[: _reason_step(pg_schema.MIGRATIONS)]
        monkeypatch.setattr(pg_connection, "MIGRATIONS", migrations)
        monkeypatch.setattr(pg_connection, "SCHEMA_VERSION", len(migrations))
    else:
        migrations = sqlite_schema.MIGRATIONS[: _reason_step(sqlite_schema.MIGRATIONS)]
        monkeypatch.setattr(sqlite_connection, "MIGRATIONS", migrations)
        monkeypatch.setattr(sqlite_connection, "SCHEMA_VERSION", len(migrations))
    store = open_store(location, create=True)
    store.load_site(load_site_file(DEMO_SITE_FILE))
    store.close()
    monkeypatch.undo()


def test_an_older_database_gains_the_reason_on_upgrade(
    new_location: Callable[[str], Location], monkeypatch: pytest.MonkeyPatch
) -> None:
    location = new_location("old.db")
    _before_priority_reason(location, monkeypatch)
    conn = raw(location)
    conn.executemany(
        """INSERT INTO tickets (business_date, service_id, origin_service_id, seq, code,
             priority, state, issued_at, token)
           VALUES ('2026-11-24', 1, 1, ?, ?, ?, 'waiting', '2026-11-24T03:00:00.000+00:00', ?)""",
        [(1, "A001", 0, "t-plain"), (2, "A002", 1, "t-priority")],
    )
    conn.close()
    store = open_store(location, create=True)  # `khiu init` upgrades the schema
    try:
        assert store.ticket("t-plain").priority_reason is None
        assert store.ticket("t-priority").priority_reason is PriorityReason.MANUAL
    finally:
        store.close()
