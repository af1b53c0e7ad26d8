"""The PostgreSQL roles README gives (section "A site with several PCs"): `khiu serve` as
`khiu_web` records ratings and can do nothing else; `khiu_display` stays read-only."""

from __future__ import annotations

import itertools

import httpx
import psycopg
import pytest

from shared.paths import DEMO_SITE_FILE
from shared.site import load_site_file
from shared.storage import open_store
from tests.support.cli import khiu_process
from tests.support.pg import PgServer
from tests.web.serve_process import ServeProcess

pytestmark = pytest.mark.slow

_names = itertools.count(1)


def readme_roles(url: str) -> tuple[str, str]:
    """README's statements as the database owner runs them (the test's owner is the
    `khiu` superuser; role names are cluster-wide, so each test has its own): step 2
    before `khiu init`, the INSERT on events after it. URLs for (web, display)."""
    n = next(_names)
    web, display = f"khiu_web_t{n}", f"khiu_display_t{n}"
    with psycopg.connect(url, autocommit=True) as conn:
        for role in (web, display):
            conn.execute(f"DROP ROLE IF EXISTS {role}")
            conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute(
            "ALTER DEFAULT PRIVILEGES FOR ROLE khiu IN SCHEMA public"
            f" GRANT SELECT ON TABLES TO {display}, {web}"
        )
    store = open_store(url, create=True)  # `khiu init` as the owner
    store.load_site(load_site_file(DEMO_SITE_FILE))
    store.close()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"GRANT INSERT ON events TO {web}")
    return url.replace("//khiu@", f"//{web}@"), url.replace("//khiu@", f"//{display}@")


def done_ticket(url: str) -> str:
    """A ticket served at counter 1 (by a counter PC, with the owner's rights here)."""
    store = open_store(url)
    token = store.issue("DL").token
    store.call_next(1)
    store.finish(1)
    store.close()
    return token


def refused(url: str, statement: str) -> bool:
    with psycopg.connect(url, autocommit=True) as conn:
        try:
            conn.execute(statement)
        except psycopg.errors.InsufficientPrivilege:
            return True
    return False


def test_khiu_web_records_ratings_and_nothing_else(pg_server: PgServer, pg_url: str) -> None:
    web, _display = readme_roles(pg_url)
    rated_token = done_ticket(pg_url)
    with ServeProcess(web) as server:
        resp = httpx.post(
            f"{server.url}/api/tickets/{rated_token}/feedback", json={"rating": 4}, timeout=20
        )
        assert resp.status_code == 201, resp.text
        assert server.get(f"/api/tickets/{rated_token}").json()["rated"] is True
    assert "Traceback" not in server.stderr
    with psycopg.connect(pg_url) as conn:
        rated = conn.execute("SELECT data FROM events WHERE kind = 'rated'").fetchall()
    assert [row[0] for row in rated] == ['{"rating": 4}']

    desk = open_store(pg_url)  # a citizen waits: calling them would be a write
    desk.issue("DL")
    desk.close()
    for argv in (("issue", "DL"), ("call", "1")):
        run = khiu_process(web, *argv)
        assert run.code != 0 and run.out == "", run.err
        # The last line is the CLI's own (psycopg may log a warning before it when its
        # pipeline aborts: the CLI's business, not the role's).
        assert "read-only" in run.err.strip().splitlines()[-1], run.err
    assert refused(web, "UPDATE tickets SET state = 'cancelled'")
    assert refused(web, "DELETE FROM tickets")
    assert refused(web, "INSERT INTO counters (number) VALUES (99)")
    assert refused(web, "UPDATE settings SET value = 'x'")
    with psycopg.connect(pg_url) as conn:
        states = conn.execute("SELECT state FROM tickets ORDER BY id").fetchall()
    assert [row[0] for row in states] == ["done", "waiting"]


def test_khiu_display_stays_read_only(pg_server: PgServer, pg_url: str) -> None:
    _web, display = readme_roles(pg_url)
    token = done_ticket(pg_url)
    with ServeProcess(display) as server:
        assert server.get(f"/api/tickets/{token}").status_code == 200
        resp = httpx.post(
            f"{server.url}/api/tickets/{token}/feedback", json={"rating": 5}, timeout=20
        )
        assert resp.status_code == 503 and resp.json()["status"] == 503
    assert refused(display, "INSERT INTO events (at, kind) VALUES ('2026-01-01', 'rated')")
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM events WHERE kind = 'rated'").fetchone() == (0,)
