"""The store session: the `Store` at one location, held open across jobs in one thread.

It opens the store on first use, lets it go when its file was replaced under it (the
next job opens the file now at the path) or when the driver failed under a job (the
next job opens it afresh: a new file handle, a new server connection), and it is the
one place a driver failure becomes an explained error. The apps' database thread
(`shared.qt.worker.StoreWorker`), the web pages' reader threads (`ThreadSessions`, one
session per thread: a connection stays in the thread that opened it) and the command
line (`shared.cli.context.CliContext`) all hold their store through it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

from shared.clock import Clock, utc_now
from shared.domain.errors import DatabaseError, KhiuError
from shared.storage import Location, open_store
from shared.storage.api import Store
from shared.storage.database import ConnectionLost, DriverError
from shared.storage.diagnosis import explain_failure

log = logging.getLogger("khiu.storage.session")
T = TypeVar("T")


def explained(error: DriverError, location: Location) -> DatabaseError:
    """What a person is told when the driver failed under a job: a lost server
    connection says so itself; any other failure gets the diagnosis with its next step
    (SQLite: read-only, full disk, locked, damaged…; a server: which one, and why)."""
    if isinstance(error, ConnectionLost):
        return error
    return explain_failure(error, location)


class StoreSession:
    """The store at `location` for one thread: opened when first asked for, let go when
    it went bad, opened again on the next job. Opening creates nothing unless asked
    (`store(create=True)`: khiu init)."""

    def __init__(self, location: Location, *, clock: Clock = utc_now) -> None:
        self.location = location
        self.clock = clock
        self._store: Store | None = None

    def store(self, *, create: bool = False) -> Store:
        """The open store, opened now when none is (after letting go of a replaced file)."""
        self.let_go_if_replaced()
        if self._store is None:
            self._store = open_store(self.location, create=create, clock=self.clock)
        return self._store

    def run(self, job: Callable[[Store], T]) -> T:
        """`job(store)`; a driver failure (on opening or under the job) closes the store
        and is raised as its explained error."""
        with self.explaining():
            return job(self.store())

    @contextlib.contextmanager
    def explaining(self) -> Iterator[None]:
        """Around work on `store()`: a driver failure inside closes the store (the next
        use opens it afresh) and leaves as its explained error."""
        try:
            yield
        except DriverError as exc:
            # The file vanished, got locked for too long or broke; the server went away.
            log.warning("database error: %s", exc.detail)
            self.close()
            error = explained(exc, self.location)
            if error is exc:  # already says what happened (a lost server connection)
                raise
            raise error from exc

    def let_go_if_replaced(self) -> None:
        """Close the store if its file was moved away, deleted or replaced (`cp`, `mv`):
        an open connection would go on writing into the old file in silence. Cheap (a
        stat); long-lived holders also call it when idle, so the old file's log can be
        cleared before anyone opens the new one."""
        if self._store is not None and self._store.replaced():
            log.warning("the database was replaced or removed under us; closing it")
            self.close()

    def close(self) -> None:
        """Close the store if one is open (a failure to close has nothing left to lose)."""
        store, self._store = self._store, None
        if store is not None:
            with contextlib.suppress(KhiuError):
                store.close()


class _ThisThread(threading.local):
    """This thread's session, None until its first use (a class default is per thread)."""

    session: StoreSession | None = None


class ThreadSessions:
    """One `StoreSession` per thread, for a pool of threads over one location (a
    connection stays in the thread that opened it); `close()` ends them all."""

    def __init__(self, location: Location, *, clock: Clock = utc_now) -> None:
        self.location = location
        self.clock = clock
        self._local = _ThisThread()
        self._sessions: list[StoreSession] = []
        self._lock = threading.Lock()

    def here(self) -> StoreSession:
        """This thread's session (made on its first use)."""
        session = self._local.session
        if session is None:
            session = StoreSession(self.location, clock=self.clock)
            self._local.session = session
            with self._lock:
                self._sessions.append(session)
        return session

    def close(self) -> None:
        """Close every thread's store (once their threads have stopped using them)."""
        with self._lock:
            sessions, self._sessions = self._sessions, []
        for session in sessions:
            session.close()
