"""The counter's controller: command slots in, fact signals out; no widgets, no SQLite here
(every database touch is a job for the StoreWorker)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from counter import strings
from counter.models import Notice, Session, Snapshot, read_session, read_snapshot
from shared.domain.errors import KhiuError
from shared.domain.model import Counter, TicketState
from shared.i18n.bilingual import Bilingual
from shared.qt.feed import ChangeFeed
from shared.qt.worker import CoalescingReader, StoreWorker
from shared.storage.api import Store, TicketView

HOLD_REFRESH_MS = 30_000  # the store counts a hold older than 2 minutes as abandoned


class CounterController(QObject):
    """Signs an officer in at one counter and runs the queue actions for it."""

    counters_loaded = Signal(list)  # list[Counter]
    signed_in = Signal(object)  # Session
    signed_out = Signal(object)  # Notice: why
    login_failed = Signal(object)  # Notice
    snapshot_changed = Signal(object)  # Snapshot
    busy_changed = Signal(bool)
    notice = Signal(object)  # Notice

    def __init__(
        self, worker: StoreWorker, feed: ChangeFeed, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self.session: Session | None = None
        self.snapshot: Snapshot | None = None
        self._busy = False
        self._reader: CoalescingReader[tuple[Session, Snapshot]] = CoalescingReader(
            worker, self._on_snapshot, self._report
        )
        self._hold_timer = QTimer(self)
        self._hold_timer.setInterval(HOLD_REFRESH_MS)
        self._hold_timer.timeout.connect(self.check_hold)
        feed.events.connect(self._on_feed)
        feed.connection_changed.connect(self._on_connection)
        feed.reset.connect(lambda _last_id: self.refresh())

    @property
    def busy(self) -> bool:
        return self._busy

    # ------------------------------------------------------------- sign-in
    @Slot()
    def load_counters(self) -> None:
        self._worker.submit(lambda store: store.counters(), self.counters_loaded.emit, self._report)

    @Slot(int, str, str)
    def sign_in(self, counter: int, login: str, pin: str) -> None:
        if self._busy:
            return
        if not login.strip() or not pin:
            self.login_failed.emit(Notice(strings.NEED_LOGIN, "warn"))
            return

        def job(store: Store) -> Session:
            officer = store.sign_in(counter, login, pin)
            return read_session(
                store, counter, officer.login, officer.display_name, officer.role == "admin"
            )

        self._set_busy(True)
        self._worker.submit(job, self._signed_in, self._login_error)

    def _signed_in(self, session: Session) -> None:
        self._set_busy(False)
        self.session = session
        self.snapshot = None
        self._hold_timer.start()
        self.signed_in.emit(session)
        self.refresh()

    def _login_error(self, error: KhiuError) -> None:
        self._set_busy(False)
        self.login_failed.emit(Notice(Bilingual(error.message_th, error.message_en), "error"))

    @Slot()
    def sign_out(self) -> None:
        session = self._end_session()
        if session is None:
            return
        self._worker.submit(
            lambda store: store.sign_out(session.counter, session.login), None, self._report
        )
        self.signed_out.emit(Notice(strings.SIGNED_OUT, "info"))

    def sign_out_on_quit(self) -> None:
        """On quit: release the counter. The job is queued before the worker's shutdown,
        which runs every queued job first (bounded, never hangs; no nested event loop)."""
        session = self._end_session()
        if session is None:
            return

        def job(store: Store) -> None:
            store.sign_out(session.counter, session.login)

        self._worker.submit(job)

    def _end_session(self) -> Session | None:
        session, self.session, self.snapshot = self.session, None, None
        self._hold_timer.stop()
        return session

    @Slot()
    def check_hold(self) -> None:
        """Refresh our hold; if another officer took the counter, leave it to them."""
        session = self.session
        if session is None:
            return

        def done(kept: bool) -> None:
            if not kept and self.session is session:
                self._end_session()
                self.signed_out.emit(Notice(strings.HOLD_LOST, "warn"))

        self._worker.submit(
            lambda store: store.keep_hold(session.counter, session.login), done, self._report
        )

    # ------------------------------------------------------------- actions
    @Slot()
    def call_next(self) -> None:
        def job(store: Store, n: int) -> TicketView | None:
            return store.call_next(n)

        self._act(
            job,
            lambda t: Notice(strings.CALLED.format(code=t.code), "ok") if t else Notice(strings.NOBODY, "info"),
        )

    @Slot(str)
    def call_ticket(self, reference: str) -> None:
        reference = reference.strip()
        if not reference:
            self.call_next()
            return
        self._act(
            lambda store, n: store.call_ticket(n, reference),
            lambda t: Notice(strings.CALLED.format(code=t.code), "ok"),
        )

    @Slot()
    def recall(self) -> None:
        self._act(
            lambda store, n: store.recall(n),
            lambda t: Notice(strings.RECALLED.format(code=t.code, n=t.recall_count), "ok"),
            needs_ticket=True,
        )

    @Slot()
    def no_show(self) -> None:
        self._act(
            lambda store, n: store.no_show(n),
            lambda t: Notice(strings.NO_SHOWED.format(code=t.code), "ok"),
            needs_ticket=True,
        )

    @Slot()
    def finish(self) -> None:
        self._act(
            lambda store, n: store.finish(n),
            lambda t: Notice(strings.FINISHED.format(code=t.code), "ok"),
            needs_ticket=True,
        )

    @Slot(str)
    def transfer(self, service_code: str) -> None:
        self._act(
            lambda store, n: store.transfer(n, service_code),
            lambda t: Notice(strings.TRANSFERRED.format(code=t.code, service=t.service), "ok"),
            needs_ticket=True,
        )

    @Slot()
    def return_to_queue(self) -> None:
        self._act(
            lambda store, n: store.return_to_queue(n),
            lambda t: Notice(strings.RETURNED.format(code=t.code), "ok"),
            needs_ticket=True,
        )

    @Slot()
    def toggle_pause(self) -> None:
        is_open = self.snapshot.counter_open if self.snapshot else True
        self._act(
            lambda store, n: store.set_counter_open(n, not is_open),
            lambda c: Notice(strings.RESUMED if c.open else strings.PAUSED, "ok"),
        )

    def _act(
        self,
        job: Callable[[Store, int], Any],
        describe: Callable[[Any], Notice],
        needs_ticket: bool = False,
    ) -> None:
        """Run one action; one at a time, so a double key press can never call two tickets.
        What the action leaves at the counter is shown at once; the panel follows by refresh."""
        session = self.session
        if session is None or self._busy:
            return
        if needs_ticket and self.snapshot is not None and self.snapshot.current is None:
            self.notice.emit(Notice(strings.NEED_TICKET, "warn"))
            return

        def done(result: Any) -> None:
            self._set_busy(False)
            if self.session is not session:
                return
            if self.snapshot is not None:
                self._show(_after(self.snapshot, result))
            self.notice.emit(describe(result))
            self.refresh()

        def failed(error: KhiuError) -> None:
            self._set_busy(False)
            self.notice.emit(Notice(Bilingual(error.message_th, error.message_en), "error"))
            self.refresh()

        self._set_busy(True)
        self._worker.submit(lambda store: job(store, session.counter), done, failed)

    # ------------------------------------------------------------ live data
    @Slot()
    def refresh(self) -> None:
        """Re-read the snapshot; refreshes that pile up while one runs become one more."""
        session = self.session
        if session is None:
            return
        self._reader.request(lambda store: (session, read_snapshot(store, session)))

    def _on_snapshot(self, result: tuple[Session, Snapshot]) -> None:
        session, snapshot = result
        if self.session is session:  # not a snapshot of a session signed out since
            self._show(snapshot)

    def _show(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.snapshot_changed.emit(snapshot)

    @Slot(list)
    def _on_feed(self, _events: list[Any]) -> None:
        self.refresh()

    @Slot(bool, str)
    def _on_connection(self, ok: bool, message: str) -> None:
        if ok:
            self.notice.emit(Notice(strings.DB_BACK, "ok"))
            self.refresh()
        else:
            self.notice.emit(
                Notice(Bilingual(f"{strings.DB_LOST.th}: {message}", f"{strings.DB_LOST.en}: {message}"), "error")
            )

    def _report(self, error: KhiuError) -> None:
        self.notice.emit(Notice(Bilingual(error.message_th, error.message_en), "error"))

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)


def _after(snapshot: Snapshot, result: Any) -> Snapshot:
    """The snapshot as an action's result changes it, before the full re-read arrives."""
    if isinstance(result, Counter):  # pause or resume
        return replace(snapshot, counter_open=result.open)
    if isinstance(result, TicketView):
        # Called or recalled: it is at the counter; finished, no-show, moved: it is not.
        return replace(snapshot, current=result if result.state is TicketState.CALLED else None)
    return replace(snapshot, current=None)  # call next: nobody waits, the last one finished
