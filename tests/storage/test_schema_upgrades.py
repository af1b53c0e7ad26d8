"""Databases made by older releases, from the migrations as they were written by hand,
reach today's schema on `khiu init` with their data: an SQLite file at each step, a
PostgreSQL database at each step of the numbering it had of its own (1..5)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import psycopg
import pytest

from shared.domain.errors import DatabaseError
from shared.storage import open_store
from shared.storage.postgres import schema as pg_schema
from shared.storage.schema_spec import SCHEMA_VERSION, STEPS
from shared.storage.sqlite import schema as sqlite_schema
from tests.support.old_schema import OLD_PG_MIGRATIONS, OLD_SQLITE_MIGRATIONS
from tests.support.schema_catalog import Catalog, differences, pg_catalog, sqlite_catalog

SITE_ID_STEP, REASON_STEP = 6, 7
DATA = [
    "INSERT INTO settings (key, value) VALUES ('site_name_en', 'Old centre')",
    "INSERT INTO services (id, code, prefix, name_th, name_en) VALUES (1, 'DL', 'A', 'ใบขับขี่', 'Licence')",
    """INSERT INTO tickets (id, business_date, service_id, origin_service_id, seq, code,
         priority, state, issued_at, token)
       VALUES (1, '2026-11-24', 1, 1, 1, 'A001', 0, 'done', '2026-11-24T03:00:00.000+00:00', 't1'),
              (2, '2026-11-24', 1, 1, 2, 'A002', 1, 'waiting', '2026-11-24T03:01:00.000+00:00', 't2')""",
    """INSERT INTO events (at, kind, ticket_id, service_id, data)
       VALUES ('2026-11-24T03:00:00.000+00:00', 'issued', 1, 1, '{"priority": false}')""",
]
HELD = [
    "SELECT key, value FROM settings WHERE key <> 'site_id' ORDER BY key",
    "SELECT id, code, state, priority, token FROM tickets ORDER BY id",
    "SELECT id, at, kind, ticket_id, data FROM events ORDER BY id",
]


def _held(conn: Any) -> list[list[tuple[Any, ...]]]:
    return [[tuple(r) for r in conn.execute(query).fetchall()] for query in HELD]


def _site_id(conn: Any) -> str | None:
    site = conn.execute("SELECT value FROM settings WHERE key = 'site_id'").fetchone()
    return site[0] if site else None


# ------------------------------------------------------------------ SQLite
def _old_sqlite(path: Path, step: int, migrations: tuple[str, ...]) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript("".join(migrations[:step]))
    conn.execute(f"PRAGMA application_id = {sqlite_schema.APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {step}")
    return conn


@pytest.mark.parametrize("step", range(1, SCHEMA_VERSION + 1), ids=[s.purpose for s in STEPS])
def test_each_sqlite_step_builds_what_the_old_one_built(tmp_path: Path, step: int) -> None:
    old = _old_sqlite(tmp_path / "old.db", step, OLD_SQLITE_MIGRATIONS)
    new = _old_sqlite(tmp_path / "new.db", step, sqlite_schema.MIGRATIONS)
    assert differences(sqlite_catalog(old), sqlite_catalog(new)) == []


@pytest.mark.parametrize("step", range(1, SCHEMA_VERSION))
def test_an_old_sqlite_file_reaches_the_schema_with_its_data(tmp_path: Path, step: int) -> None:
    fresh = tmp_path / "fresh.db"
    open_store(fresh, create=True).close()
    with sqlite3.connect(fresh) as conn:
        wanted = sqlite_catalog(conn)
    path = tmp_path / "old.db"
    conn = _old_sqlite(path, step, OLD_SQLITE_MIGRATIONS)
    for statement in DATA:
        conn.execute(statement)
    held, old_site = _held(conn), _site_id(conn)
    conn.close()

    open_store(path, create=True).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    _check_upgraded(conn, sqlite_catalog(conn), wanted, held, old_site, step)
    conn.close()


def _check_upgraded(
    conn: Any,
    catalog: Catalog,
    wanted: Catalog,
    held: list[list[tuple[Any, ...]]],
    old_site: str | None,
    step: int,
) -> None:
    """Today's schema, the rows as they were, a site identity (the one it had, if
    any), and the reason of its priority ticket as before reasons existed."""
    assert differences(catalog, wanted) == []
    assert _held(conn) == held
    site = _site_id(conn)
    assert site is not None and len(site) == 32
    assert site == old_site if step >= SITE_ID_STEP else old_site is None
    if step < REASON_STEP:
        reasons = conn.execute("SELECT code, priority_reason FROM tickets ORDER BY id")
        assert [tuple(r) for r in reasons] == [("A001", None), ("A002", "manual")]


# ------------------------------------------------------------------ PostgreSQL
def _old_pg(url: str, version: int, data: bool = True) -> None:
    """A database as an older release left it at its PostgreSQL-only `version`."""
    with psycopg.connect(url, autocommit=True) as conn, conn.transaction():
        conn.execute(pg_schema.BOOTSTRAP)
        conn.execute(
            "INSERT INTO khiu_schema (application, version) VALUES (%s, %s)",
            (pg_schema.APPLICATION, version),
        )
        for script in OLD_PG_MIGRATIONS[:version]:
            conn.execute(script)
        for statement in DATA if data else ():
            conn.execute(statement)


@pytest.mark.parametrize("version", range(1, len(OLD_PG_MIGRATIONS) + 1))
def test_an_old_numbered_server_database_reaches_the_schema_with_its_data(
    pg_server: Any, version: int
) -> None:
    fresh, url = pg_server.create_database(), pg_server.create_database()
    try:
        open_store(fresh, create=True).close()
        with psycopg.connect(fresh) as conn:
            wanted = pg_catalog(conn)
        _old_pg(url, version)
        with psycopg.connect(url) as conn:
            held, old_site = _held(conn), _site_id(conn)
        if pg_schema.LEGACY_STEPS[version] < SCHEMA_VERSION:
            with pytest.raises(DatabaseError, match="older schema"):
                open_store(url)
        else:  # up to date under its old number: opens, and says the shared one
            store = open_store(url)
            assert store.schema_version() == SCHEMA_VERSION
            store.close()

        open_store(url, create=True).close()
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT version FROM khiu_schema").fetchone() == (SCHEMA_VERSION,)
            step = pg_schema.LEGACY_STEPS[version]
            _check_upgraded(conn, pg_catalog(conn), wanted, held, old_site, step)
        open_store(url).close()  # the queue opens it as it is
    finally:
        pg_server.drop_database(fresh)
        pg_server.drop_database(url)


@pytest.mark.parametrize("version", range(1, len(OLD_PG_MIGRATIONS) + 1))
def test_an_old_server_step_built_what_its_shared_step_builds(pg_server: Any, version: int) -> None:
    old, new = pg_server.create_database(), pg_server.create_database()
    try:
        _old_pg(old, version, data=False)
        with psycopg.connect(new, autocommit=True) as conn:
            for script in pg_schema.MIGRATIONS[: pg_schema.LEGACY_STEPS[version]]:
                if script:
                    conn.execute(script)
        with psycopg.connect(old) as a, psycopg.connect(new) as b:
            assert differences(pg_catalog(a), pg_catalog(b)) == []
    finally:
        pg_server.drop_database(old)
        pg_server.drop_database(new)
