"""The hall display's brain: turns the change feed and store snapshots into facts for the
window (board, calls to flash, calls to announce, connection state). No widgets here."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from display.model import (
    Board,
    CallState,
    apply_events,
    calls_in,
    feed_start_id,
    load_board,
    with_latest,
)
from shared.clock import Clock, utc_now
from shared.domain.errors import KhiuError
from shared.domain.model import EventKind
from shared.qt.feed import ChangeFeed
from shared.qt.worker import CoalescingReader, StoreWorker
from shared.storage.api import EventView, Store

log = logging.getLogger("khiu.display")

REFRESH_MS = 30_000  # safety net: the whole board is re-read even if an event was missed
PROBE_MS = 2_000  # how soon a moved, replaced or locked database file is noticed
MAX_VOICE_DELAY = timedelta(seconds=60)  # older calls (after a reconnect) are shown, not said
EVENT_BUFFER = 1000
STARTUP_REPLAY = timedelta(seconds=10)  # calls this recent are flashed and said at start


def probe_database(store: Store) -> bool:
    """Reach the database afresh: the long-lived connections keep reading a file that
    was moved away or replaced, so only a new connection notices it is gone or locked."""
    store.health()
    return True


class DisplayController(QObject):
    """Command slots `start`, `refresh`, `shutdown`; fact signals for the window and voice."""

    board_changed = Signal(object)  # Board
    call_shown = Signal(object)  # CallState: a new call to flash
    call_announced = Signal(str, int, bool)  # code, counter, recall
    connection_changed = Signal(bool)
    site_changed = Signal(object)  # SiteConfig, on the first board and when it changes

    def __init__(
        self,
        worker: StoreWorker,
        feed: ChangeFeed,
        *,
        clock: Clock = utc_now,
        refresh_ms: int = REFRESH_MS,
        probe_ms: int = PROBE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self.feed = feed
        self.clock = clock
        self.board: Board | None = None
        self.connected = True
        self._feed_ok = True
        self._probe_ok = True
        self._probing = False
        self._reader = CoalescingReader(
            worker, self._on_board, self._on_refresh_error, again_after_error=False
        )
        self._feed_state = "stopped"  # stopped | starting | running
        self._calls_until = 0  # the newest feed event already taken as a call
        self._latest_call: CallState | None = None
        self._buffer: list[EventView] = []  # events a snapshot in flight may not include
        feed.events.connect(self._on_events)
        feed.connection_changed.connect(self._on_feed_connection)
        feed.reset.connect(self._on_reset)
        self._refresh_timer = self._timer(refresh_ms, self.refresh)
        self._probe_timer = self._timer(probe_ms, self._probe)

    def _timer(self, ms: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    # ------------------------------------------------------------ commands
    @Slot()
    def start(self) -> None:
        self._start_feed()
        self.refresh()
        self._refresh_timer.start()
        self._probe_timer.start()

    @Slot()
    def refresh(self) -> None:
        """Re-read the whole board; calls made while one is in flight coalesce."""
        self._reader.request(load_board)

    def shutdown(self) -> None:
        self._refresh_timer.stop()
        self._probe_timer.stop()
        self.feed.shutdown()

    # --------------------------------------------------------------- feed
    @Slot(int)
    def _on_reset(self, last_id: int) -> None:
        """The feed restarted on another file (replaced) or a log put back by a restore:
        forget what came from the old one, so calls on the new one are flashed and said."""
        log.warning("the database was replaced or restored; re-reading the board")
        self._calls_until = last_id
        self._forget_calls()

    def _forget_calls(self) -> None:
        self._latest_call = None
        self._buffer = []
        if self.board is not None:
            # The big number and the call list come back from the re-read.
            self.board = replace(self.board, latest=None, calls=())
        self.refresh()

    @Slot(list)
    def _on_events(self, events: list[EventView]) -> None:
        restored = [e for e in events if e.kind == "restored"]
        if restored:
            # `khiu restore` put a backup back: only what follows its event is news.
            self._calls_until = max(self._calls_until, restored[-1].id)
            self._forget_calls()
            events = [e for e in events if e.id > restored[-1].id]
        self._buffer = (self._buffer + events)[-EVENT_BUFFER:]
        if any(e.kind == EventKind.SITE_LOADED for e in events):
            self.refresh()
        calls = calls_in(events, self._calls_until)
        if events:
            self._calls_until = max(self._calls_until, events[-1].id)
        if calls:
            self._latest_call = calls[-1]
        if self.board is not None:
            # The fast path: the call is on screen without waiting for a database read.
            board, _ = apply_events(self.board, events)
            self._publish(with_latest(board, calls))
        for call in calls:
            self._on_call(call, events)
        # Waiting counts and anything the fast path does not model come with the re-read.
        self.refresh()

    def _on_call(self, call: CallState, events: list[EventView]) -> None:
        self.call_shown.emit(call)
        at = next((e.at for e in events if e.id == call.event_id), None)
        if at is not None and self._too_late(at):
            log.info("call %s at counter %s is too old to announce", call.code, call.counter)
            return
        self.call_announced.emit(call.code, call.counter, call.recall)

    def _too_late(self, at: datetime) -> bool:
        return self.clock() - at > MAX_VOICE_DELAY

    # ------------------------------------------------------------ snapshots
    def _on_board(self, board: Board) -> None:
        self._buffer = [e for e in self._buffer if e.id > board.last_event_id]
        board, _ = apply_events(board, self._buffer)
        if self._latest_call is not None:
            # The call shown huge comes from the feed; a snapshot orders by first call time.
            board = with_latest(board, [self._latest_call])
        if self.board is None or self.board.site != board.site:
            self.site_changed.emit(board.site)
        self._publish(board)

    def _on_refresh_error(self, error: KhiuError) -> None:
        # No re-run after a failure: the probe or the feed asks again on recovery.
        log.warning("display refresh failed: %s", error.message_en)

    def _publish(self, board: Board) -> None:
        if board != self.board:
            self.board = board
            self.board_changed.emit(board)

    # ----------------------------------------------------------- connection
    @Slot(bool, str)
    def _on_feed_connection(self, ok: bool, message: str) -> None:
        self._feed_ok = ok
        self._update_connected()

    def _probe(self) -> None:
        if self._probing:
            return
        self._probing = True
        self.worker.submit(probe_database, self._on_probe_ok, self._on_probe_error)

    def _start_feed(self) -> None:
        """Start the feed a few seconds back from the newest event, read on the worker
        before the first board: every call from then on arrives as an event (flashed and
        announced), so none falls between the board read and the feed's first look, and
        a call made while the display was starting or restarting is still said."""
        if self._feed_state != "stopped":
            return
        self._feed_state = "starting"

        def started(last_id: int) -> None:
            self._feed_state = "running"
            self.feed.start(after_id=last_id)

        def failed(_error: KhiuError) -> None:
            self._feed_state = "stopped"  # the probe starts it when the database is back

        since = self.clock() - STARTUP_REPLAY
        self.worker.submit(lambda store: feed_start_id(store, since), started, failed)

    def _on_probe_ok(self, _: bool) -> None:
        self._probing = False
        self._start_feed()
        self._set_probe_ok(True)

    def _on_probe_error(self, error: KhiuError) -> None:
        self._probing = False
        if self._probe_ok:
            log.warning("database unreachable: %s", error.message_en)
        self._set_probe_ok(False)

    def _set_probe_ok(self, ok: bool) -> None:
        self._probe_ok = ok
        self._update_connected()

    def _update_connected(self) -> None:
        connected = self._feed_ok and self._probe_ok
        if connected == self.connected:
            return
        self.connected = connected
        self.connection_changed.emit(connected)
        if connected:
            self.refresh()  # whatever was missed while away
