"""Round trips: how many statements the shared queue logic sends per operation (each
one a round trip to a PostgreSQL server, and each one under the write lock delays every
other counter). The figures pin the combined statements in place; raise them only with
a reason."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from shared.storage.api import Store
from shared.storage.database import Params, Row
from tests.support.clock import FakeClock
from tests.support.small_site import location_of, raw


class _CountingTx:
    def __init__(self, tx: Any, log: list[str]) -> None:
        self._tx, self._log = tx, log
        self.dialect = tx.dialect

    def _run(self, how: str, sql: str, params: Params | None) -> Any:
        self._log.append(sql)
        return getattr(self._tx, how)(sql, params)

    def execute(self, sql: str, params: Params | None = None) -> list[Row]:
        return self._run("execute", sql, params)

    def one(self, sql: str, params: Params | None = None) -> Row | None:
        return self._run("one", sql, params)

    def all(self, sql: str, params: Params | None = None) -> list[Row]:
        return self._run("all", sql, params)

    def scalar(self, sql: str, params: Params | None = None) -> Any:
        return self._run("scalar", sql, params)


class _CountingDb:
    """The store's Database with every statement logged (transactions counted apart)."""

    def __init__(self, db: Any) -> None:
        self._db = db
        self.statements: list[str] = []
        self.transactions = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)

    def _wrap(self, cm: Any) -> Any:
        @contextmanager
        def wrapped() -> Iterator[_CountingTx]:
            self.transactions += 1
            with cm as tx:
                yield _CountingTx(tx, self.statements)

        return wrapped()

    def write(self) -> Any:
        return self._wrap(self._db.write())

    def read(self) -> Any:
        return self._wrap(self._db.read())

    def direct(self) -> _CountingTx:
        return _CountingTx(self._db.direct(), self.statements)


def _counting(store: Store) -> _CountingDb:
    db = _CountingDb(store.db)  # type: ignore[attr-defined]
    store.db = db  # type: ignore[attr-defined]
    return db


def _count(db: _CountingDb, act: Any) -> tuple[int, int]:
    db.statements.clear()
    db.transactions = 0
    act()
    return len(db.statements), db.transactions


def test_call_next_and_issue_send_few_statements(q: Store, clock: FakeClock) -> None:
    for _ in range(3):
        q.issue("DL")
    q.issue("DL", priority=True)
    db = _counting(q)
    # 1 site + rolled-over date (before the transaction); 2 counter, current ticket and
    # the heads of its lines (priority, booked from their slot's start, walk-in: no
    # write moves a booked ticket, the heads are read with the time); 3 priority streak
    # (only when it changes); 4 the call; 5 its event; 6 the view after the commit.
    assert _count(db, lambda: q.call_next(1)) == (6, 1)  # the priority one; no current
    # the same + finishing the current ticket (its event goes in the same INSERT).
    assert _count(db, lambda: q.call_next(1)) == (7, 1)
    # a normal ticket after a normal one: the streak stays 0, no update.
    assert _count(db, lambda: q.call_next(1)) == (6, 1)
    # 1 site + rolled-over date; 2 the daily number (no rows read back); 3 the ticket;
    # 4 its event; 5 the view; 6 what its wait estimate is made from (the whole queue,
    # the counters and today's pace in one statement, after the commit: a waiting
    # ticket's view only; a called ticket's view above reads no estimate).
    assert _count(db, lambda: q.issue("DL")) == (6, 1)


def test_the_first_write_of_a_day_still_rolls_over_in_its_own_transaction(
    q: Store, clock: FakeClock
) -> None:
    q.issue("DL")
    db = _counting(q)
    clock.advance(days=1)
    _, transactions = _count(db, lambda: q.issue("DL"))
    assert transactions == 2  # the rollover commits apart from the issue
    assert _count(db, lambda: q.issue("DL"))[1] == 1


def test_finish_and_call_events_are_written_in_order(q: Store) -> None:
    q.issue("DL")
    q.issue("DL")
    first = q.call_next(1)
    second = q.call_next(1)
    assert first is not None and second is not None
    conn = raw(location_of(q))
    rows = conn.execute("SELECT kind, ticket_id FROM events ORDER BY id").fetchall()
    conn.close()
    assert [(r[0], r[1]) for r in rows][-2:] == [("finished", first.id), ("called", second.id)]
