"""The PostgreSQL adapter on a real server: schema, identity, URL errors, locking, feed."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import psycopg
import pytest

from shared.domain.errors import DatabaseError
from shared.storage.postgres import schema as pg_schema
from shared.storage.postgres.database import PgDatabase, to_pyformat
from shared.storage.postgres.url import is_url, parse_url
from tests.support.pg import PgServer


def test_named_parameters_become_pyformat() -> None:
    assert to_pyformat("SELECT :a, ':b', x::text, 5 % 2 FROM t WHERE c = :c_1") == (
        "SELECT %(a)s, ':b', x::text, 5 %% 2 FROM t WHERE c = %(c_1)s"
    )


@pytest.mark.parametrize(
    "text",
    ["postgresql:/khiu@h/db", "postgresql://h/db", "postgresql://khiu@h:99x/db",
     "postgresql://khiu@h/", "postgres//khiu@h/db"],
)
def test_url_typos_are_refused_clearly(text: str) -> None:
    with pytest.raises(DatabaseError) as err:
        parse_url(text)
    assert "postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME" in err.value.message_en
    assert "เขียนไม่ถูกต้อง" in err.value.message_th


def test_url_parts_and_password_never_shown() -> None:
    url = parse_url("postgresql://kiosk:s3cret@10.0.0.5:5433/khiu?sslmode=prefer")
    assert (url.user, url.password, url.host, url.port, url.dbname) == (
        "kiosk", "s3cret", "10.0.0.5", 5433, "khiu")
    assert "s3cret" not in url.shown
    assert is_url("postgresql://a@b/c") and is_url("postgresl://a@b/c")
    assert not is_url(r"C:\khiu\khiu.db") and not is_url("khiu.db")


def test_init_creates_schema_and_refuses_foreign_and_newer(pg_server: PgServer,
                                                           pg_url: str) -> None:
    db = PgDatabase.open(pg_url, create=True)
    with db.read() as tx:
        assert tx.scalar("SELECT version FROM khiu_schema") == pg_schema.SCHEMA_VERSION
    db.close()
    PgDatabase.open(pg_url, create=True).close()  # again: nothing to do
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE khiu_schema SET version = version + 1")
    with pytest.raises(DatabaseError, match="newer Khiu"):
        PgDatabase.open(pg_url)

    other = pg_server.create_database("other")
    with psycopg.connect(other, autocommit=True) as conn:
        conn.execute("CREATE TABLE customers (id int)")
    for create in (False, True):
        with pytest.raises(DatabaseError, match="another program") as err:
            PgDatabase.open(other, create=create)
        assert "โปรแกรมอื่น" in err.value.message_th
    with psycopg.connect(other) as conn:
        tables = {r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert tables == {"customers"}


def test_empty_database_needs_init(pg_url: str) -> None:
    with pytest.raises(DatabaseError, match="is empty"):
        PgDatabase.open(pg_url)


def test_connection_errors_are_one_clear_sentence(pg_server: PgServer, pg_url: str) -> None:
    with pytest.raises(DatabaseError, match="no database 'nope'"):
        PgDatabase.open(pg_server.url("nope"))
    with pytest.raises(DatabaseError, match="Cannot reach the database server"):
        PgDatabase.open("postgresql://khiu@127.0.0.1:1/khiu")
    pg_server.create_role("adapter_pw", "right")
    with pytest.raises(DatabaseError) as err:
        PgDatabase.open(pg_url.replace("khiu@", "adapter_pw:wrong@"))
    assert "wrong password" in err.value.message_en
    assert "รหัสผ่านไม่ถูกต้อง" in err.value.message_th
    assert ":wrong@" not in err.value.message_en


def test_events_are_append_only_and_notify(pg_url: str) -> None:
    db = PgDatabase.open(pg_url, create=True)
    with psycopg.connect(pg_url, autocommit=True) as listener:
        listener.execute("LISTEN khiu_events")
        with db.write() as tx:
            tx.execute("INSERT INTO events (at, kind) VALUES (:at, 'x'), (:at, 'y')",
                       {"at": "2026-01-01T00:00:00.000+00:00"})
        got = [n.payload for n in listener.notifies(timeout=2, stop_after=1)]
    assert got == ["2"]
    for statement in ("UPDATE events SET kind = 'z'", "DELETE FROM events",
                      "TRUNCATE events CASCADE",
                      "INSERT INTO events (id, at, kind) VALUES (1, 'forged', 'forged') "
                      "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind"):
        with pytest.raises(DatabaseError, match="append-only"), db.write() as tx:
            tx.execute(statement)
    with db.read() as tx:
        assert tx.scalar("SELECT count(*) FROM events") == 2
    db.close()


def test_values_come_back_as_from_sqlite(pg_url: str) -> None:
    db = PgDatabase.open(pg_url, create=True)
    with db.read() as tx:
        row = tx.one("SELECT sum(x) AS s, avg(x) AS a, :flag AS f, count(*) AS n "
                     "FROM (VALUES (1::bigint), (2::bigint)) v(x)", {"flag": True})
    assert row == {"s": 3, "a": 1.5, "f": 1, "n": 2}
    assert type(row["s"]) is int and type(row["a"]) is float
    db.close()


def test_writers_take_turns_and_events_commit_in_id_order(pg_url: str) -> None:
    """The advisory lock serialises writers: a reader of 'events after N' never skips."""
    PgDatabase.open(pg_url, create=True).close()
    seen: list[int] = []
    stop = threading.Event()

    def reader() -> None:
        db = PgDatabase.open(pg_url)
        last = 0
        while not stop.is_set() or last < 400:
            for row in db.direct().all("SELECT id FROM events WHERE id > :a ORDER BY id",
                                       {"a": last}):
                seen.append(row["id"])
                last = row["id"]
        db.close()

    def writer() -> None:
        db = PgDatabase.open(pg_url)
        for _ in range(50):
            with db.write() as tx:
                tx.execute("INSERT INTO events (at, kind) VALUES ('t', 'x')")
                time.sleep(0.0005)
        db.close()

    threads = [threading.Thread(target=writer) for _ in range(8)]
    watcher = threading.Thread(target=reader)
    watcher.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    watcher.join(30)
    assert seen == list(range(1, 401))


def test_idle_connection_dropped_is_replaced(pg_server: PgServer, pg_url: str) -> None:
    db = PgDatabase.open(pg_url, create=True)
    with psycopg.connect(pg_server.url(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE datname = %s AND pid <> pg_backend_pid()",
                      (pg_url.rsplit("/", 1)[1],))
    with db.write() as tx:
        tx.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")
    with db.read() as tx:
        assert tx.scalar("SELECT value FROM settings WHERE key = 'a'") == "b"
    db.close()


def test_feed_wakes_on_notify_and_catches_up_after_reconnect(pg_server: PgServer,
                                                              pg_url: str) -> None:
    db = PgDatabase.open(pg_url, create=True)
    feed = db.open_feed(None)
    assert feed.poll() == [] and feed.wait_fd() is not None

    def add(kind: str) -> None:
        with db.write() as tx:
            tx.execute("INSERT INTO events (at, kind) VALUES "
                       "('2026-01-01T00:00:00.000+00:00', :k)", {"k": kind})

    add("a")
    deadline = time.monotonic() + 5
    got: list[str] = []
    while not got and time.monotonic() < deadline:
        got = [e.kind for e in feed.poll()]
    assert got == ["a"]
    assert feed.poll() == []
    # Cut the feed's connection; events committed meanwhile arrive after reconnecting.
    with psycopg.connect(pg_server.url(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE datname = %s AND pid <> pg_backend_pid()",
                      (pg_url.rsplit("/", 1)[1],))
    add("b")
    add("c")
    kinds: list[str] = []
    errors = 0
    deadline = time.monotonic() + 10
    while len(kinds) < 2 and time.monotonic() < deadline:
        try:
            kinds += [e.kind for e in feed.poll()]
        except DatabaseError:
            errors += 1
            time.sleep(0.05)
    assert kinds == ["b", "c"]
    feed.close()
    db.close()


def test_call_next_reads_the_partial_waiting_index_on_the_server(
    pg_url: str, tmp_path: Path
) -> None:
    """With months of history (and the statistics autovacuum keeps), the head of each
    queue comes from the partial index of waiting tickets, not a scan of history."""
    from shared.storage.calling import _WITH_HEADS
    from tests.support.small_site import make_db

    make_db(tmp_path, at=pg_url)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(
            """INSERT INTO tickets (business_date, service_id, origin_service_id, seq, code,
                 priority, state, issued_at, token)
               SELECT '2026-10-' || lpad((1 + i / 400 % 28)::text, 2, '0'), 1, 1, i, 'H' || i,
                      0, 'done', '2026-10-01T03:00:00.000+00:00', 'h' || i
               FROM generate_series(1, 12000) AS i""")
        conn.execute("INSERT INTO tickets (business_date, service_id, origin_service_id, seq, "
                     "code, state, issued_at, token) VALUES ('2026-11-24', 1, 1, 1, 'A001', "
                     "'waiting', '2026-11-24T03:00:00.000+00:00', 'w1')")
        conn.execute("ANALYZE")
        plan = "\n".join(r[0] for r in conn.execute(
            "EXPLAIN " + to_pyformat(_WITH_HEADS),
            {"number": 1, "day": "2026-11-24", "day_start": "2026-11-23T17:00:00.000+00:00",
             "now": "2026-11-24T05:00:00.000+00:00"}))
    assert "ix_tickets_waiting" in plan, plan
    assert "Seq Scan on tickets" not in plan, plan
