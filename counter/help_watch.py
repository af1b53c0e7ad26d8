"""Whether the kiosk has called for staff: read at start and after every kiosk-help event
in the change feed; answering is a job for the StoreWorker. No widgets."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from counter.models import Notice
from shared.domain.errors import KhiuError
from shared.domain.model import EventKind
from shared.i18n.bilingual import Bilingual
from shared.qt.feed import ChangeFeed
from shared.qt.worker import CoalescingReader, StoreWorker
from shared.storage.api import Store

_HELP_KINDS = frozenset({EventKind.KIOSK_HELP, EventKind.KIOSK_HELP_ANSWERED})


def _pending(store: Store) -> bool:
    return store.kiosk_help_pending()


class KioskHelpWatch(QObject):
    """`pending_changed(True)` while a call for staff waits; `answer(counter, login)`."""

    pending_changed = Signal(bool)
    failed = Signal(object)  # Notice

    def __init__(
        self, worker: StoreWorker, feed: ChangeFeed, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self.pending = False
        self._reader: CoalescingReader[bool] = CoalescingReader(
            worker, self._on_read, self._on_error
        )
        feed.events.connect(self._on_events)
        feed.reset.connect(lambda _last_id: self.refresh())

    @Slot()
    def refresh(self) -> None:
        self._reader.request(_pending)

    @Slot(int, str)
    def answer(self, counter: int, login: str) -> None:
        self._worker.submit(
            lambda store: store.answer_kiosk_help(counter, login),
            lambda _none: self.refresh(),
            self._on_error,
        )

    def _on_events(self, events: list[Any]) -> None:
        if any(e.kind in _HELP_KINDS for e in events):
            self.refresh()

    def _on_read(self, pending: bool) -> None:
        if pending != self.pending:
            self.pending = pending
            self.pending_changed.emit(pending)

    def _on_error(self, error: KhiuError) -> None:
        self.failed.emit(Notice(Bilingual(error.message_th, error.message_en), "error"))
