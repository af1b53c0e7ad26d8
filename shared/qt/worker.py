"""One background thread per app for database work; results come back to the GUI thread
by signal (the Anki taskman shape). The GUI thread never waits on the database."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from shared.clock import Clock, utc_now
from shared.domain.errors import KhiuError
from shared.storage import Location, open_store
from shared.storage.api import Store, StoreFactory
from shared.storage.session import StoreSession

log = logging.getLogger("khiu.worker")
T = TypeVar("T")
WATCH_MS = 1000  # how soon an idle app lets go of a database file replaced under it


def store_factory(source: Location | StoreFactory, clock: Clock = utc_now) -> StoreFactory:
    """A factory from a database location, or the factory itself."""
    if callable(source):
        return source
    return lambda: open_store(source, clock=clock)


class _Runner(QObject):
    """Lives in the worker's thread and runs one callable at a time."""

    finished = Signal(int, object, object)  # task id, result, error

    @Slot(int, object)
    def run(self, task_id: int, task: Callable[[], Any]) -> None:
        try:
            result = task()
        except KhiuError as exc:  # a refusal or a known failure: the caller shows it
            self.finished.emit(task_id, None, exc)
        except Exception as exc:  # a bug or an unexpected driver error: report, stay alive
            log.exception("background task failed")
            self.finished.emit(task_id, None, exc)
        else:
            self.finished.emit(task_id, result, None)


class TaskWorker(QObject):
    """Runs `task()` callables one at a time, in order, on a thread of its own; then
    `on_done(result)` or `on_error(exception)` on the GUI thread (the Anki taskman shape).
    Slow work (database, printer) never blocks the GUI."""

    _submit = Signal(int, object)

    def __init__(self, name: str, parent: QObject | None = None, *, start: bool = True) -> None:
        """`start=False`: a subclass wires more to the thread, then calls `_thread.start()`."""
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._callbacks: dict[
            int, tuple[Callable[[Any], None] | None, Callable[[Exception], None] | None]
        ] = {}
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._submit.connect(self._runner.run)
        self._runner.finished.connect(self._deliver)
        self._thread.finished.connect(self._runner.deleteLater)
        if start:
            self._thread.start()

    def submit(
        self,
        task: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        task_id = next(self._ids)
        self._callbacks[task_id] = (on_done, on_error)
        self._submit.emit(task_id, task)

    def pending(self) -> int:
        """Tasks submitted whose result has not been delivered yet."""
        return len(self._callbacks)

    def busy(self) -> bool:
        return bool(self._callbacks)

    @Slot(int, object, object)
    def _deliver(self, task_id: int, result: Any, error: Exception | None) -> None:
        on_done, on_error = self._callbacks.pop(task_id, (None, None))
        if error is not None:
            if on_error is not None:
                on_error(error)
            else:
                log.warning("%s", getattr(error, "message_en", error))
        elif on_done is not None:
            on_done(result)

    def shutdown(self, wait_ms: int = 5000, last: Callable[[], None] | None = None) -> None:
        """Run `last` after every task already submitted, then stop the thread. Waits at
        most `wait_ms` (a task stuck on a device is abandoned); no nested event loop."""
        if not self._thread.isRunning():
            return

        def stop() -> None:
            try:
                if last is not None:
                    last()
            finally:
                thread = QThread.currentThread()
                if thread is not None:
                    thread.quit()

        # Queued behind the tasks already submitted: they run first, in order.
        self._submit.emit(0, stop)
        self._thread.wait(wait_ms)
        # The app is going away: a result already posted to the GUI thread must not
        # start anything now (a board read that starts the voice's thread, say).
        self._callbacks.clear()


class StoreWorker(TaskWorker):
    """Runs `job(store)` on the database thread, then `on_done(result)` or
    `on_error(error)` on the GUI thread. The thread holds the store through a
    `StoreSession` (opened, let go of and reopened in that thread: a connection stays
    in its thread); a driver failure arrives as its explained error."""

    def __init__(
        self, location: Location, clock: Clock = utc_now, parent: QObject | None = None
    ) -> None:
        super().__init__("khiu-db", parent, start=False)
        self.location = location
        self._session = StoreSession(location, clock=clock)  # used only in the worker thread
        self._watch = _Watch(self._session.let_go_if_replaced)
        self._watch.moveToThread(self._thread)
        self._thread.started.connect(self._watch.start)
        self._thread.finished.connect(self._watch.deleteLater)
        self._thread.start()

    def submit(  # type: ignore[override]
        self,
        job: Callable[[Store], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[KhiuError], None] | None = None,
    ) -> None:
        def failed(error: Exception) -> None:
            if on_error is not None:
                on_error(error if isinstance(error, KhiuError) else _unexpected(error))

        super().submit(lambda: self._session.run(job), on_done, failed if on_error else None)

    def shutdown(self, wait_ms: int = 5000, last: Callable[[], None] | None = None) -> None:
        """Run what was submitted, close the connection in its own thread, stop."""

        def close() -> None:
            try:
                if last is not None:
                    last()
            finally:
                self._watch.stop()
                self._session.close()

        super().shutdown(wait_ms, close)


class _Watch(QObject):
    """Lives in the database thread: lets go of a replaced file within a second even when
    no job comes (its old log must be cleared before anyone opens the new file, and that
    waits for us)."""

    def __init__(self, check: Callable[[], None]) -> None:
        super().__init__()
        self._check = check
        self._timer: QTimer | None = None

    @Slot()
    def start(self) -> None:
        self._timer = QTimer(self)
        self._timer.setInterval(WATCH_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    @Slot()
    def check(self) -> None:
        self._check()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()


def _unexpected(error: Exception) -> KhiuError:
    return KhiuError(f"เกิดข้อผิดพลาดที่ไม่คาดคิด: {error}", f"Unexpected error: {error}")


class CoalescingReader(Generic[T]):
    """One background read at a time: requests that arrive while it runs become a single
    further run of the newest job, so a burst of feed events costs two reads, not one
    per event. With `again_after_error=False` a failed read drops the pending re-run
    (something else, e.g. a reconnect probe, asks again)."""

    def __init__(
        self,
        worker: StoreWorker,
        on_done: Callable[[T], None],
        on_error: Callable[[KhiuError], None],
        *,
        again_after_error: bool = True,
    ) -> None:
        self._worker = worker
        self._on_done = on_done
        self._on_error = on_error
        self._again_after_error = again_after_error
        self._job: Callable[[Store], T] | None = None
        self._running = False
        self._again = False

    def request(self, job: Callable[[Store], T]) -> None:
        self._job = job
        if self._running:
            self._again = True
            return
        self._running = True
        self._worker.submit(job, self._done, self._failed)

    def _done(self, result: T) -> None:
        self._running = False
        self._on_done(result)
        self._run_again()

    def _failed(self, error: KhiuError) -> None:
        self._running = False
        if not self._again_after_error:
            self._again = False
        self._on_error(error)
        self._run_again()

    def _run_again(self) -> None:
        if self._again and self._job is not None:
            self._again = False
            self.request(self._job)
