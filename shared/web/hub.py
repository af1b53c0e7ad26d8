"""One change-feed watcher per server process. A background thread polls the store's
feed cursor (microseconds when nothing changed) and wakes, on the event loop, only the
open pages a change may concern; each page then re-reads its own ticket."""

from __future__ import annotations

import asyncio
import logging
import select
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from shared.domain.errors import KhiuError
from shared.storage.api import EventView, FeedCursor
from shared.web.source import StoreSource

log = logging.getLogger(__name__)

POLL_S = 0.02  # SQLite: data_version costs microseconds; a phone sees a call sooner
FD_WAIT_S = 2.0  # a backend with a socket to watch: slow fallback poll
RETRY_S = 1.0  # the database went away: try again this often


@dataclass(eq=False)
class Watch:
    """One open stream: the ticket it shows (None: the services page) and its wake-up."""

    service: str | None
    code: str | None
    event: asyncio.Event = field(default_factory=asyncio.Event)


class Hub:
    """Holds the open streams and the watcher thread that wakes them."""

    def __init__(self, source: StoreSource, poll_s: float = POLL_S) -> None:
        self.source = source
        self.poll_s = poll_s
        self.generation = 0  # bumped on every change batch (the services page cache key)
        self._watches: set[Watch] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # ---------------------------------------------------------- streams
    def watch(self, service: str | None, code: str | None) -> Watch:
        watch = Watch(service, code)
        self._watches.add(watch)
        return watch

    def unwatch(self, watch: Watch) -> None:
        self._watches.discard(watch)

    @property
    def open_streams(self) -> int:
        return len(self._watches)

    def wake_all(self) -> None:
        self.generation += 1
        for watch in self._watches:
            watch.event.set()

    def dispatch(self, events: Iterable[EventView]) -> None:
        """On the loop: wake the streams whose ticket or service the events touch.
        An event with no service (a counter paused, the site reloaded) may change every
        wait estimate, so it wakes all."""
        services: set[str] = set()
        codes: set[str] = set()
        for event in events:
            if event.service is None:
                self.wake_all()
                return
            services.add(event.service)
            if event.ticket is not None:
                codes.add(event.ticket)
        self.generation += 1
        for watch in self._watches:
            if watch.service is None or watch.service in services or watch.code in codes:
                watch.event.set()

    # ---------------------------------------------------------- watcher
    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="khiu-web-feed", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _post(self, events: list[EventView] | None) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            if events is None:
                loop.call_soon_threadsafe(self.wake_all)
            else:
                loop.call_soon_threadsafe(self.dispatch, events)
        except RuntimeError:  # the loop closed meanwhile (shutdown)
            pass

    def _run(self) -> None:
        feed: FeedCursor | None = None
        while not self._stop.is_set():
            try:
                if feed is None:
                    feed = self.source.open_feed()
                    self._post(None)  # caught up after a (re)open: everyone re-reads
                events = feed.poll()
            except (KhiuError, OSError) as exc:
                log.warning("change feed: %s; retrying", exc)
                if feed is not None:
                    feed.close()
                    feed = None
                self._stop.wait(RETRY_S)
                continue
            if events:
                self._post(events)
            fd = feed.wait_fd()
            if fd is None:
                self._stop.wait(self.poll_s)
            else:
                select.select([fd], [], [], FD_WAIT_S)
        if feed is not None:
            feed.close()
