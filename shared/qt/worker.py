"""One background thread per app for database work; results come back to the GUI thread
by signal (the Anki taskman shape). The GUI thread never waits on the database."""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from shared.clock import Clock, utc_now
from shared.domain.errors import KhiuError
from shared.storage import open_store
from shared.storage.api import Store, StoreFactory
from shared.storage.database import DriverError
from shared.storage.diagnosis import explain_failure

log = logging.getLogger("khiu.worker")
T = TypeVar("T")
Job = Callable[[Store], Any]
WATCH_MS = 1000  # how soon an idle app lets go of a database file replaced under it


def store_factory(source: str | Path | StoreFactory, clock: Clock = utc_now) -> StoreFactory:
    """A factory from a database location (path or URL), or the factory itself."""
    if callable(source):
        return source
    return lambda: open_store(source, clock=clock)


class _Executor(QObject):
    """Lives in the worker thread; owns the store (a connection stays in its thread)."""

    finished = Signal(int, object, object)  # job id, result, error

    def __init__(self, factory: StoreFactory) -> None:
        super().__init__()
        self.factory = factory
        self.location: str | Path | None = None  # for diagnoses (None with a factory)
        self.store: Store | None = None
        self._watch: QTimer | None = None

    @Slot()
    def start_watch(self) -> None:
        """Let go of a replaced file within a second even when no job comes: its old
        log must be cleared before anyone opens the new file, and that waits for us."""
        self._watch = QTimer(self)
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self._check_file)
        self._watch.start()

    @Slot()
    def _check_file(self) -> None:
        if self.store is not None and self.store.replaced():
            # Moved away, deleted or replaced (`cp`, `mv`): an open connection would go
            # on writing into the old file in silence. The next job opens the new one.
            log.warning("the database was replaced or removed under the app; closing it")
            self._drop_store()

    @Slot(int, object)
    def run(self, job_id: int, job: Job) -> None:
        try:
            self._check_file()
            if self.store is None:
                self.store = self.factory()
            result = job(self.store)
        except DriverError as exc:
            # The file vanished, got locked for too long, or broke: reopen on the next job.
            log.warning("database error: %s", exc.detail)
            self._drop_store()
            explained = exc if self.location is None else explain_failure(exc, self.location)
            self.finished.emit(job_id, None, explained)
        except KhiuError as exc:
            self.finished.emit(job_id, None, exc)
        except Exception as exc:  # a bug of ours: log it, keep the app alive
            log.exception("background job failed")
            self.finished.emit(
                job_id, None, KhiuError(f"Unexpected error: {exc}", f"เกิดข้อผิดพลาดที่ไม่คาดคิด: {exc}")
            )
        else:
            self.finished.emit(job_id, result, None)

    def _drop_store(self) -> None:
        if self.store is not None:
            with contextlib.suppress(KhiuError):
                self.store.close()
            self.store = None

    @Slot()
    def close(self) -> None:
        if self._watch is not None:
            self._watch.stop()
        self._drop_store()


class StoreWorker(QObject):
    """Runs `job(store)` on the worker thread, then `on_done(result)` or `on_error(error)`
    on the GUI thread. Jobs run one at a time, in order."""

    _submit = Signal(int, object)
    _close = Signal()

    def __init__(
        self,
        source: str | Path | StoreFactory,
        clock: Clock = utc_now,
        parent: QObject | None = None,
    ) -> None:
        """`source`: the database location (a path or URL), or a factory of stores."""
        super().__init__(parent)
        self.location: str | Path | None = None if callable(source) else source
        self._ids = itertools.count(1)
        self._callbacks: dict[
            int, tuple[Callable[[Any], None] | None, Callable[[KhiuError], None] | None]
        ] = {}
        self._thread = QThread()
        self._thread.setObjectName("khiu-db")
        self._executor = _Executor(store_factory(source, clock))
        self._executor.location = self.location
        self._executor.moveToThread(self._thread)
        self._submit.connect(self._executor.run)
        self._close.connect(self._executor.close)
        self._executor.finished.connect(self._deliver)
        self._thread.finished.connect(self._executor.deleteLater)
        self._thread.started.connect(self._executor.start_watch)
        self._thread.start()

    def submit(
        self,
        job: Callable[[Store], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[KhiuError], None] | None = None,
    ) -> None:
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_done, on_error)
        self._submit.emit(job_id, job)

    def pending(self) -> int:
        return len(self._callbacks)

    @Slot(int, object, object)
    def _deliver(self, job_id: int, result: Any, error: KhiuError | None) -> None:
        on_done, on_error = self._callbacks.pop(job_id, (None, None))
        if error is not None:
            if on_error is not None:
                on_error(error)
            else:
                log.warning("%s", error.message_en)
        elif on_done is not None:
            on_done(result)

    def shutdown(self) -> None:
        """Close the connection in its own thread and stop the thread."""
        if self._thread.isRunning():
            self._close.emit()
            self._thread.quit()
            self._thread.wait(5000)


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
