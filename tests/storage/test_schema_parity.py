"""Both engines build the schema the shared description says, and the same one: read
back from each engine's own catalog (tables, columns in order, types, nullability,
defaults, keys, unique and foreign keys, indexes with their order, uniqueness and
partial predicate, the event log's guards)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest

from shared.storage import open_store
from shared.storage.schema_spec import (
    SCHEMA,
    SCHEMA_VERSION,
    STEPS,
    Column,
    Guard,
    Index,
    TableGuard,
)
from shared.storage.tables import ID_TABLES, TABLES
from tests.support.backends import DB_ERRORS, Location, raw
from tests.support.schema_catalog import (
    PG_TYPES,
    SQLITE_TYPES,
    Catalog,
    differences,
    pg_catalog,
    portable,
    spec_catalog,
    sqlite_catalog,
)


def _sqlite(path: Path) -> Catalog:
    open_store(path, create=True).close()
    with sqlite3.connect(path) as conn:
        return sqlite_catalog(conn)


def _pg(url: str) -> Catalog:
    open_store(url, create=True).close()
    with psycopg.connect(url) as conn:
        return pg_catalog(conn)


def _expected_sqlite() -> Catalog:
    # SQLite's change feed polls the file's data version: no trigger for it.
    return replace(spec_catalog(SQLITE_TYPES), feeds=frozenset())


def _expected_pg() -> Catalog:
    # A server needs no trigger against overwriting an event: the primary key refuses
    # a second row with the id (the test below checks it does).
    expected = spec_catalog(PG_TYPES)
    guards = {t: g - {Guard.NO_OVERWRITE} for t, g in expected.guards.items()}
    return replace(expected, guards=guards)


def test_the_description_is_well_formed() -> None:
    assert [step.number for step in STEPS] == list(range(1, SCHEMA_VERSION + 1))
    seen: list[str] = []
    for table in SCHEMA:
        objects: list[Column | Index | TableGuard] = [
            *table.columns, *table.indexes, *table.guards
        ]
        assert all(table.since <= table.step_of(o) <= SCHEMA_VERSION for o in objects), table.name
        # Parents before children: a whole site is copied in this order.
        assert {c.references for c in table.columns if c.references} <= {*seen, table.name}
        names = {c.name for c in table.columns}
        assert set(table.primary_key) <= names and all(
            set(i.columns) <= names for i in table.indexes
        ), table.name
        seen.append(table.name)
    # Every generated id is the table's key: copies keep the ids and set servers'
    # sequences past them.
    assert {"services", "officers", "counters", "tickets", "bookings", "events"} == ID_TABLES


def test_both_engines_build_the_described_schema_and_the_same_one(
    tmp_path: Path, pg_url: str
) -> None:
    lite, pg = _sqlite(tmp_path / "khiu.db"), _pg(pg_url)
    assert differences(lite, _expected_sqlite()) == []
    assert differences(pg, _expected_pg()) == []
    # Engine to engine, apart from the two differences by design named above.
    lite_guards = {t: g - {Guard.NO_OVERWRITE} for t, g in lite.guards.items()}
    assert pg.feeds and not lite.feeds
    assert (
        differences(replace(portable(lite), guards=lite_guards, feeds=pg.feeds), portable(pg)) == []
    )
    assert set(lite.columns) == set(TABLES) and lite.indexes


def test_a_column_or_index_on_one_engine_only_is_found(tmp_path: Path, pg_url: str) -> None:
    path = tmp_path / "khiu.db"
    lite, pg = _sqlite(path), _pg(pg_url)
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE tickets ADD COLUMN note TEXT")
        conn.execute("DROP INDEX ix_events_ticket")
        changed = sqlite_catalog(conn)
    found = differences(
        portable(changed), replace(portable(pg), guards=lite.guards, feeds=lite.feeds)
    )
    assert [line.split(":")[0] for line in found] == ["columns tickets", "indexes ix_events_ticket"]
    assert differences(changed, _expected_sqlite()) == found
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("ALTER TABLE bookings ALTER COLUMN ended_at SET NOT NULL")
        assert differences(pg_catalog(conn), _expected_pg())[0].startswith("columns bookings")


def _refused(location: Location, attempt: str) -> None:
    conn = raw(location)
    try:
        conn.execute("INSERT INTO events (at, kind) VALUES ('2026-11-24T03:00:00.000+00:00', 'x')")
        before = [tuple(r) for r in conn.execute("SELECT id, kind FROM events ORDER BY id")]
        with pytest.raises(DB_ERRORS):
            conn.execute(attempt)
        assert [tuple(r) for r in conn.execute("SELECT id, kind FROM events ORDER BY id")] == before
    finally:
        conn.close()


@pytest.mark.parametrize(
    "attempt",
    [
        "UPDATE events SET kind = 'forged'",
        "DELETE FROM events",
        "INSERT INTO events (id, at, kind) SELECT id, at, 'forged' FROM events",
    ],
)
def test_the_event_log_refuses_change_and_overwrite(db_path: Location, attempt: str) -> None:
    _refused(db_path, attempt)


@pytest.mark.sqlite_only
def test_an_sqlite_event_log_refuses_insert_or_replace(db_path: Location) -> None:
    _refused(db_path, "INSERT OR REPLACE INTO events (id, at, kind) SELECT id, at, 'f' FROM events")
