"""PgDatabase: the storage adapter on a PostgreSQL server (psycopg 3).

- `write()`: BEGIN, then the site-wide `pg_advisory_xact_lock`, sent in one round trip.
  Writers take turns exactly as under SQLite's BEGIN IMMEDIATE, so the queue logic
  ports unchanged (no ticket given twice, gapless numbers) and event ids commit in
  id order (an "events after id N" reader never skips one).
- `read()`: one REPEATABLE READ, READ ONLY snapshot (works for a read-only role).
- SQL is written with `:name` placeholders; they are rewritten to `%(name)s` once per
  statement text. Python bools are sent as 0/1 (the schema's INTEGER booleans) and
  NUMERIC results (sum/avg) come back as int or float, as from SQLite.
- A connection dropped while idle (server restart, network cut) is replaced at the
  start of the next transaction; one dropped in the middle of a transaction fails that
  operation with a DatabaseError (the server rolled it back, or it committed whole).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg
import psycopg.sql
from psycopg.adapt import Dumper
from psycopg.rows import dict_row
from psycopg.types.numeric import NumericLoader

from shared.domain.errors import DatabaseError
from shared.storage.postgres.connection import (
    SITE_LOCK_KEY,
    connect,
    lost_connection,
    schema_state,
)
from shared.storage.postgres.schema import shared_step
from shared.storage.postgres.url import PgUrl, parse_url

if TYPE_CHECKING:
    from shared.storage.postgres.feed import PgFeedCursor

from shared.storage.database import DriverError, Params, Row, Tx, UniqueViolation
from shared.storage.tables import ID_TABLES

# How long a write waits for another one's lock before "the database is busy" (as
# SQLite's busy_timeout): a program holding the site lock must not freeze the apps.
LOCK_TIMEOUT_MS = 5000
# Write transactions pipeline their statements (fewer round trips under the site lock).
PIPELINE_WRITES = True


def busy(url: PgUrl) -> DatabaseError:
    return DatabaseError(
        f"ฐานข้อมูลที่ {url.host}:{url.port} ไม่ว่าง (ถูกล็อกโดยโปรแกรมอื่น) กรุณาลองใหม่",
        f"The database at {url.host}:{url.port} is busy (locked by another program for "
        f"more than {LOCK_TIMEOUT_MS / 1000:g} s); try again.",
    )


# ------------------------------------------------------------ SQL rewriting
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|::|%|(?<![:\w]):([A-Za-z_]\w*)")


@lru_cache(maxsize=512)
def to_pyformat(sql: str) -> str:
    """`:name` -> `%(name)s`, `%` -> `%%`; string literals, quoted names and `::type`
    casts are left alone."""

    def replace(match: re.Match[str]) -> str:
        text = match.group(0)
        if match.group(1):
            return f"%({match.group(1)})s"
        if text == "%":
            return "%%"
        return text

    return _TOKENS.sub(replace, sql)


_RETURNS_ROWS = re.compile(
    r"^\s*(SELECT|WITH|VALUES|SHOW|EXPLAIN|TABLE)\b|\bRETURNING\b", re.IGNORECASE
)


@lru_cache(maxsize=512)
def returns_rows(sql: str) -> bool:
    """Whether a statement gives rows the caller reads (a SELECT, or DML … RETURNING)."""
    return bool(_RETURNS_ROWS.search(sql))


# ------------------------------------------------------------ value adapters
class _BoolAsInt(Dumper):
    """True/False as 1/0: booleans are INTEGER columns in the shared schema."""

    oid = psycopg.adapters.types["int2"].oid

    def dump(self, obj: bool) -> bytes:
        return b"1" if obj else b"0"


class _NumericAsNumber(NumericLoader):
    """sum()/avg() give NUMERIC on PostgreSQL: an int when it has no fraction digits,
    else a float, as SQLite returns them."""

    def load(self, data: Any) -> Any:
        value = super().load(data)
        if isinstance(value, Decimal):
            if value.as_tuple().exponent == 0:
                return int(value)
            return float(value)
        return value


def _adapt(conn: psycopg.Connection[Any]) -> None:
    conn.adapters.register_dumper(bool, _BoolAsInt)
    conn.adapters.register_loader("numeric", _NumericAsNumber)


def translate(url: PgUrl, exc: psycopg.Error) -> DatabaseError:
    """A driver error as the seam's error types (psycopg errors never leave here)."""
    if isinstance(exc, psycopg.errors.LockNotAvailable):
        return busy(url)
    if isinstance(exc, psycopg.errors.UniqueViolation):
        detail = exc.diag.message_primary or str(exc)
        return UniqueViolation(f"ข้อมูลซ้ำ: {detail}", f"Duplicate value: {detail}")
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError) and not isinstance(
        exc, psycopg.errors.QueryCanceled | psycopg.errors.LockNotAvailable
    ):
        return lost_connection(url, exc)
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return DatabaseError(
            f"ผู้ใช้ {url.user!r} ไม่มีสิทธิ์เปลี่ยนแปลงข้อมูลคิว (สิทธิ์อ่านอย่างเดียว)",
            f"User {url.user!r} may not change the queue (a read-only database role).",
        )
    detail = (exc.diag.message_primary if isinstance(exc, psycopg.Error) else None) or str(exc)
    return DriverError(detail.strip())


class PgDialect:
    def index_hint(self, index: str) -> str:
        return ""

    def minutes_between(self, start: str, end: str) -> str:
        return (
            f"(EXTRACT(EPOCH FROM (({end})::timestamptz - ({start})::timestamptz))"
            " / 60.0)::double precision"
        )

    def json_int(self, column: str, key: str) -> str:
        return f"CAST(CAST({column} AS json) ->> '{key}' AS integer)"

    def analytics_setup(self) -> tuple[str, ...]:
        # JIT-compiling a report's queries costs more than running them; the percentile
        # windows sort a month of rows in memory, not on disk.
        return ("SET LOCAL jit = off", "SET LOCAL work_mem = '64MB'")

    def site_manager_query(self) -> str | None:
        # The database's owner (khiu_admin in the README's set-up) and its members
        # manage the site; the apps' role (khiu_app) only runs the queue.
        return (
            "SELECT pg_get_userbyid(datdba) AS manager,"
            " pg_has_role(current_user, datdba, 'MEMBER') AS may"
            " FROM pg_database WHERE datname = current_database()"
        )


class PgTx:
    """Statements on the adapter's connection (inside a transaction or autocommit)."""

    dialect = PgDialect()

    def __init__(self, db: PgDatabase) -> None:
        self._db = db

    def execute(self, sql: str, params: Params | None = None) -> list[Row]:
        conn = self._db._conn
        if conn is None:
            raise lost_connection(self._db.url)
        try:
            cur = conn.execute(to_pyformat(sql), params or None)
            if self._db._pipeline is not None:
                # In a pipelined write, a statement whose rows nobody reads is only
                # queued: it travels with the next query (or the COMMIT), one round trip
                # for several statements while the site lock is held. Its error, if
                # any, is raised there and undoes the whole transaction.
                return cur.fetchall() if returns_rows(sql) else []
            return cur.fetchall() if cur.description is not None else []
        except psycopg.Error as exc:
            raise translate(self._db.url, exc) from None

    def one(self, sql: str, params: Params | None = None) -> Row | None:
        rows = self.execute(sql, params)
        return rows[0] if rows else None

    def all(self, sql: str, params: Params | None = None) -> list[Row]:
        return self.execute(sql, params)

    def scalar(self, sql: str, params: Params | None = None) -> Any:
        row = self.one(sql, params)
        return None if row is None else next(iter(row.values()))


class PgDatabase:
    """One connection to one Khiu database on a PostgreSQL server, used from one thread."""

    dialect = PgDialect()

    def __init__(self, url: PgUrl, conn: psycopg.Connection[Any]) -> None:
        self.url = url
        self._conn: psycopg.Connection[Any] | None = conn
        self._depth = 0  # inside write()/read(): nested read() joins
        self._pipeline: psycopg.Pipeline | None = None
        self._tx = PgTx(self)
        self.instance = self._instance(conn)
        # Called with each new connection after a reconnect (the feed re-LISTENs).
        self.on_connect: Callable[[psycopg.Connection[Any]], None] | None = None

    @classmethod
    def open(cls, location: str | PgUrl, *, create: bool = False) -> PgDatabase:
        url = parse_url(location) if isinstance(location, str) else location
        return cls(url, cls._connect(url, create=create))

    @staticmethod
    def _connect(url: PgUrl, *, create: bool = False) -> psycopg.Connection[Any]:
        conn = connect(url, create=create)
        conn.execute(f"SET lock_timeout = {int(LOCK_TIMEOUT_MS)}")
        _adapt(conn)
        conn.row_factory = dict_row  # type: ignore[assignment]
        return conn

    @staticmethod
    def _instance(conn: psycopg.Connection[Any]) -> str:
        """The database's identity: its OID and the moment Khiu's schema was made in it
        (a database dropped and made again under the same name is another one)."""
        row = conn.execute(
            "SELECT (SELECT oid FROM pg_database WHERE datname = current_database())::text"
            " || '/' || coalesce((SELECT created_at FROM khiu_schema), '') AS instance"
        ).fetchone()
        assert row is not None
        return str(row["instance"] if isinstance(row, dict) else row[0])

    def describe(self) -> str:
        return self.url.shown

    def replaced(self) -> bool:
        """A server database is not swapped under an open connection like a file; a
        database dropped and made again is noticed on reconnecting (its instance)."""
        return False

    def schema_version(self) -> int:
        return shared_step(int(self.direct().scalar("SELECT version FROM khiu_schema")))

    # ------------------------------------------------------------ connection
    def _usable(self) -> psycopg.Connection[Any]:
        conn = self._conn
        if conn is None or conn.closed or conn.broken:
            if conn is not None:
                with contextlib.suppress(Exception):
                    conn.close()
            self._conn = None
            conn = self._connect(self.url)
            if self._instance(conn) != self.instance:
                conn.close()
                raise DatabaseError(
                    f"ฐานข้อมูล {self.url.shown} ถูกแทนที่ด้วยฐานข้อมูลอื่น กรุณาเปิดโปรแกรมใหม่",
                    f"The database {self.url.shown} was replaced by another one; restart "
                    "the app.",
                )
            if self.on_connect is not None:
                self.on_connect(conn)
            self._conn = conn
        return conn

    def _begin(self, statement: str) -> psycopg.Connection[Any]:
        """Start a transaction; a connection that died while idle is replaced once."""
        for attempt in (1, 2):
            try:
                conn = self._usable()
                conn.execute(statement)
                return conn
            except psycopg.errors.LockNotAvailable:
                with contextlib.suppress(psycopg.Error):
                    conn.execute("ROLLBACK")
                raise busy(self.url) from None
            except psycopg.OperationalError as exc:
                self._drop()
                if attempt == 2:
                    raise translate(self.url, exc) from None
            except psycopg.Error as exc:
                raise translate(self.url, exc) from None
        raise AssertionError("unreachable")

    def _drop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
        self._conn = None

    def _end(self, conn: psycopg.Connection[Any], statement: str) -> None:
        try:
            conn.execute(statement)
        except psycopg.Error as exc:
            if conn.broken or conn.closed:
                self._drop()
            raise translate(self.url, exc) from None

    @contextlib.contextmanager
    def _transaction(self, begin: str, *, pipelined: bool = False) -> Iterator[PgTx]:
        if self._depth:
            # A read inside a write (or a read) joins it.
            self._depth += 1
            try:
                yield self._tx
            finally:
                self._depth -= 1
            return
        conn = self._begin(begin)
        self._depth = 1
        try:
            if pipelined:
                with conn.pipeline() as pipeline:
                    self._pipeline = pipeline
                    try:
                        yield self._tx
                        conn.execute("COMMIT")  # sent with the last queued statements
                    finally:
                        self._pipeline = None
            else:
                yield self._tx
        except BaseException as exc:
            self._depth = 0
            if conn.broken or conn.closed:
                self._drop()
            elif conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                try:
                    conn.execute("ROLLBACK")
                except psycopg.Error:
                    self._drop()
            if isinstance(exc, psycopg.Error):  # raised by a queued statement or COMMIT
                raise translate(self.url, exc) from None
            raise
        self._depth = 0
        if not pipelined:
            self._end(conn, "COMMIT")

    def write(self) -> contextlib.AbstractContextManager[PgTx]:
        return self._write(pipelined=PIPELINE_WRITES)

    def _write(self, *, pipelined: bool) -> contextlib.AbstractContextManager[PgTx]:
        if self._depth:
            raise RuntimeError("write() inside another transaction")
        return self._transaction(
            f"BEGIN; SELECT pg_advisory_xact_lock({SITE_LOCK_KEY})", pipelined=pipelined
        )

    def read(self) -> contextlib.AbstractContextManager[PgTx]:
        return self._transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def direct(self) -> PgTx:
        if not self._depth:
            # Autocommit statements: make sure a live connection is there.
            try:
                self._usable()
            except psycopg.Error as exc:
                raise translate(self.url, exc) from None
        return self._tx

    # ------------------------------------------------------------ khiu copy
    def copy_write(self) -> contextlib.AbstractContextManager[PgTx]:
        return self._write(pipelined=False)  # COPY cannot run in a pipeline

    def insert_rows(self, table: str, rows: Sequence[Row]) -> None:
        """Rows into `table` with COPY, inside the current (unpipelined) write transaction."""
        conn = self._conn
        if conn is None or not self._depth:
            raise RuntimeError("insert_rows outside a write transaction")
        columns = list(rows[0]) if rows else []
        statement = psycopg.sql.SQL("COPY {} ({}) FROM STDIN").format(
            psycopg.sql.Identifier(table),
            psycopg.sql.SQL(", ").join(psycopg.sql.Identifier(c) for c in columns),
        )
        try:
            with conn.cursor() as cur, cur.copy(statement) as copy:
                for row in rows:
                    copy.write_row([row[c] for c in columns])
        except psycopg.Error as exc:
            raise translate(self.url, exc) from None

    def after_copy(self, tx: Tx) -> None:
        """Identity sequences past the copied ids (the next ticket or event follows)."""
        for table in sorted(ID_TABLES):
            tx.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
            )

    # --------------------------------------------------------------- extras
    def open_feed(self, after_id: int | None) -> PgFeedCursor:
        from shared.storage.postgres.feed import PgFeedCursor

        return PgFeedCursor(self.url, after_id, instance=self.instance)

    def health(self) -> None:
        """A fresh connection: is the server up and is it still the same database?"""
        try:
            conn = psycopg.connect(**self.url.conninfo(), autocommit=True)  # type: ignore[arg-type]
        except psycopg.Error as exc:
            raise lost_connection(self.url, exc) from None
        try:
            with conn:
                schema_state(conn, self.url)
                if self._instance(conn) != self.instance:
                    raise DatabaseError(
                        f"ฐานข้อมูล {self.url.shown} ถูกแทนที่ด้วยฐานข้อมูลอื่น",
                        f"The database {self.url.shown} was replaced by another one.",
                    )
        except psycopg.Error as exc:
            raise lost_connection(self.url, exc) from None

    def backup(self, target: Path) -> None:
        """A consistent copy of the whole site into the new SQLite file `target`."""
        from shared.storage.sqlite.backup import copy_into_new_file

        copy_into_new_file(self, Path(target))

    def close(self) -> None:
        self._drop()
