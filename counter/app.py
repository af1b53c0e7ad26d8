"""Composition root of the counter app: the only place that picks concrete classes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from counter.controller import CounterController
from counter.models import Session
from counter.settings import CounterSettings
from counter.widgets.theme import stylesheet
from counter.window import CounterWindow
from shared.clock import Clock, utc_now
from shared.qt.feed import ChangeFeed
from shared.qt.fonts import load_bundled_fonts
from shared.qt.worker import StoreWorker


@dataclass
class CounterApp:
    """Everything one counter app owns; `shutdown()` releases the counter and the threads."""

    window: CounterWindow
    controller: CounterController
    worker: StoreWorker
    feed: ChangeFeed
    settings: CounterSettings
    report_worker: StoreWorker | None = None

    def shutdown(self) -> None:
        self.controller.sign_out_on_quit()
        self.feed.shutdown()
        self.worker.shutdown()
        if self.report_worker is not None:
            self.report_worker.shutdown()
        self.window.mini.close()
        self.window.close()


def build(
    db_path: str | Path, settings: CounterSettings, counter: int | None = None, clock: Clock = utc_now
) -> CounterApp:
    """Wire worker, feed, controller and window; needs a running QApplication."""
    family = load_bundled_fonts()
    worker = StoreWorker(db_path, clock=clock)
    feed = ChangeFeed(db_path)
    controller = CounterController(worker, feed)
    # Reports read and write files on their own thread: an export never delays a call.
    report_worker = StoreWorker(db_path, clock=clock)
    preselect = counter if counter is not None else settings.last_counter()
    window = CounterWindow(
        controller, clock, preselect, locked=counter is not None, report_worker=report_worker
    )
    sheet = stylesheet(family)
    window.setStyleSheet(sheet)
    window.mini.setStyleSheet(sheet)

    def remember(session: Session) -> None:
        settings.set_last_counter(session.counter)

    controller.signed_in.connect(remember)
    feed.start()
    controller.load_counters()
    return CounterApp(window, controller, worker, feed, settings, report_worker)
