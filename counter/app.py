"""Composition root of the counter app: the only place that picks concrete classes."""

from __future__ import annotations

from dataclasses import dataclass

from counter.controller import CounterController
from counter.help_watch import KioskHelpWatch
from counter.models import Session
from counter.pages.admin_tabs import build_admin_page
from counter.prefs import CounterPrefs
from counter.reports_controller import ReportsController
from counter.widgets.theme import Theme
from counter.window import CounterWindow
from shared.clock import Clock, utc_now
from shared.i18n.thai_breaks import warm_up_in_background
from shared.qt.feed import ChangeFeed
from shared.qt.fonts import load_bundled_fonts
from shared.qt.worker import StoreWorker
from shared.storage import Location


@dataclass
class CounterApp:
    """Everything one counter app owns; `shutdown()` releases the counter and the threads."""

    window: CounterWindow
    controller: CounterController
    worker: StoreWorker
    feed: ChangeFeed
    prefs: CounterPrefs
    report_worker: StoreWorker | None = None
    help_watch: KioskHelpWatch | None = None

    def shutdown(self) -> None:
        self.controller.sign_out_on_quit()
        self.feed.shutdown()
        self.worker.shutdown()
        if self.report_worker is not None:
            self.report_worker.shutdown()
        self.window.mini.close()
        self.window.close()


@dataclass
class CounterSettings:
    """How to build one counter app (what main() parsed; tests change the seams)."""

    location: Location  # the database: a file or a PostgreSQL server
    counter: int | None = None  # --counter: this counter only; else the last one chosen
    clock: Clock = utc_now
    prefs: CounterPrefs | None = None  # what the PC remembers; None: its own QSettings


def build(settings: CounterSettings) -> CounterApp:
    """Wire worker, feed, controller and window; needs a running QApplication."""
    warm_up_in_background()
    theme = Theme(family=load_bundled_fonts())
    location, counter, clock = settings.location, settings.counter, settings.clock
    prefs = settings.prefs or CounterPrefs.default()
    worker = StoreWorker(location, clock=clock)
    feed = ChangeFeed(location)
    controller = CounterController(worker, feed)
    # Reports read and write files on their own thread: an export never delays a call.
    report_worker = StoreWorker(location, clock=clock)
    preselect = counter if counter is not None else prefs.last_counter()
    reports = ReportsController(report_worker)
    window = CounterWindow(
        controller, theme, clock, preselect, locked=counter is not None, reports=reports,
        # The admin pages share the reports' worker (an admin's work, off the counter's).
        admin=build_admin_page(report_worker),
    )

    def remember(session: Session) -> None:
        prefs.set_last_counter(session.counter)

    controller.signed_in.connect(remember)
    help_watch = _watch_kiosk_help(worker, feed, controller, window)
    feed.start()
    controller.load_counters()
    help_watch.refresh()
    return CounterApp(window, controller, worker, feed, prefs, report_worker, help_watch)


def _watch_kiosk_help(
    worker: StoreWorker, feed: ChangeFeed, controller: CounterController, window: CounterWindow
) -> KioskHelpWatch:
    """The kiosk's call for staff: a banner on this counter while signed in, answered by
    the officer signed in here."""
    watch = KioskHelpWatch(worker, feed)
    banner = window.kiosk_help
    watch.pending_changed.connect(banner.set_pending)
    watch.failed.connect(window.status_line.show_notice)
    controller.signed_in.connect(lambda _session: banner.set_signed_in(True))
    controller.signed_out.connect(lambda _notice: banner.set_signed_in(False))

    def answer() -> None:
        session = controller.session
        if session is not None:
            watch.answer(session.counter, session.login)

    banner.answer_requested.connect(answer)
    return watch
