"""Soak: weeks without a restart. Drives each app far longer than a test does and samples
the process's memory (RSS), open file descriptors (handles on Windows) and threads as it
goes, to find leaks. Prints the curves; asserts nothing (the aim is printed: after the
warm-up of the first 500 steps, RSS grows by at most 10 MB, fds and threads stay flat).

    python -m tests.bench soak            # kiosk 5,000 tickets, display 5,000 calls with
                                          # announcements, counter 5,000 actions
                                          # (+ the web server over 100,000 requests)
    python -m tests.bench soak --quick    # 1,000 of each (10,000 requests), a quick look

Offscreen Qt, real SQLite files, real preview printing, the real TTS worker; a business-day
clock (tests/support/clock.py) so it runs at any hour.
"""

from __future__ import annotations

import gc
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication

from shared.domain.errors import KhiuError
from shared.paths import DEMO_SITE_FILE
from shared.site import load_site_file
from shared.storage import parse_location
from shared.storage.sqlite import SqliteStore
from tests.support.clock import ShiftedClock

WARMUP = 500
AIM_RSS_MB = 10.0
QUICK = os.environ.get("KHIU_BENCH_QUICK") == "1"
STEPS = 1_000 if QUICK else 5_000
WEB_REQUESTS = 10_000 if QUICK else 100_000
EVERY = 100 if QUICK else 250
MB = 1e6


@dataclass
class Curve:
    """RSS / fds / threads of this process, sampled every `every` steps."""

    label: str
    every: int
    points: list[tuple[int, float, int, int]] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    pid: int | None = None  # another process (the web server); None: this one

    def sample(self, step: int) -> None:
        gc.collect()  # what is still referenced, not what the collector has not reached yet
        proc = psutil.Process(self.pid)
        handles = proc.num_fds() if hasattr(proc, "num_fds") else proc.num_handles()
        self.points.append((step, proc.memory_info().rss / MB, handles, proc.num_threads()))

    def maybe_sample(self, step: int) -> None:
        if step % self.every == 0:
            self.sample(step)

    def report(self, extra: str = "") -> None:
        took = time.monotonic() - self.started
        print(f"-- {self.label}: {self.points[-1][0]:,} steps in {took:.0f} s {extra}")
        print(f"   {'step':>6}  {'RSS MB':>8}  {'fds':>4}  {'threads':>7}")
        for step, rss, fds, threads in self.points:
            print(f"   {step:>6}  {rss:8.1f}  {fds:>4}  {threads:>7}")
        after = [p for p in self.points if p[0] >= WARMUP]
        if len(after) < 2:
            print("   (too few samples after the warm-up)")
            return
        base, last = after[0], after[-1]
        grow = max(p[1] for p in after) - base[1]
        verdicts = [_flat([p[2] for p in after]), _flat([p[3] for p in after])]
        met = grow <= AIM_RSS_MB and not any(v.startswith("growing") for v in verdicts)
        print(
            f"   after warm-up (step {base[0]} → {last[0]}): RSS +{grow:.1f} MB "
            f"(aim ≤ {AIM_RSS_MB:.0f}); fds {verdicts[0]}; threads {verdicts[1]}: "
            f"{'aim met' if met else 'AIM MISSED'}"
        )


def _flat(values: list[int]) -> str:
    """'flat at N', 'bounded N–M' (ups and downs, e.g. a worker-thread pool, and the
    second half never above the first half's peak) or 'growing'."""
    if len(set(values)) == 1:
        return f"flat at {values[0]}"
    half = len(values) // 2
    if max(values[half:]) <= max(values[:half]) and values[-1] <= max(values[:half]):
        return f"bounded {min(values)}–{max(values)}, no upward trend"
    return f"growing {values[0]} → {values[-1]}"


def _spin(predicate: Callable[[], bool], timeout_s: float = 30.0, *, strict: bool = True) -> bool:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            if strict:
                raise TimeoutError("the app did not respond")
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    return True


def _demo_db(folder: Path, clock: ShiftedClock) -> Path:
    db = folder / "khiu.db"
    store = SqliteStore.open(db, create=True, clock=clock)
    store.load_site(load_site_file(DEMO_SITE_FILE))
    store.add_officer("soak", "ผู้ทดสอบ", "1234")
    store.close()
    return db


# --------------------------------------------------------------------- kiosk
def soak_kiosk(folder: Path) -> None:
    from kiosk.app import KioskSettings, build
    from tests.bench.kiosk import SERVICES, _take_ticket

    clock = ShiftedClock()
    db = _demo_db(folder, clock)
    kiosk = build(KioskSettings(location=parse_location(db), clock=clock))
    kiosk.start(size=(1080, 1920))
    _spin(lambda: len(kiosk.window.home.buttons) == 8)
    curve = Curve(f"kiosk, {STEPS:,} tickets printed to preview", EVERY)
    curve.sample(0)
    for step in range(1, STEPS + 1):
        _, shown = _take_ticket(kiosk, SERVICES[step % len(SERVICES)])
        assert shown, "no number on screen"
        curve.maybe_sample(step)
    spool = sum(1 for _ in (db.parent / "spool").rglob("*")) if (db.parent / "spool").exists() else 0
    curve.report(f"({spool} files in the preview spool)")
    kiosk.shutdown()


# ------------------------------------------------------------------- display
def soak_display(folder: Path) -> None:
    from display.app import DisplayApp, DisplaySettings
    from shared.qt.announcer import Announcer, SilentPlayer
    from shared.site import VoiceConfig
    from shared.speech.engines import Engine, engine_chain

    clock = ShiftedClock()
    db = _demo_db(folder, clock)
    caller = SqliteStore.open(db, clock=clock)
    counters = [c.number for c in caller.counters()]
    # Enough waiting tickets for every call: each counter finds one of its services.
    for service in load_site_file(DEMO_SITE_FILE).services:
        for _ in range(STEPS // 8 + 200):
            caller.issue(service.code)

    made: list[Announcer] = []
    stats = {"started": 0, "dropped": 0, "warnings": 0}

    def factory(voice: VoiceConfig) -> tuple[Announcer, list[Engine]]:
        engines = engine_chain("auto")  # the system voice: the real TTS worker process
        # No sound device here; SilentPlayer keeps the pacing, 50× faster than real time.
        announcer = Announcer(engines, player=SilentPlayer(speed=50.0))
        announcer.started.connect(lambda _code: stats.__setitem__("started", stats["started"] + 1))
        announcer.dropped.connect(lambda _code: stats.__setitem__("dropped", stats["dropped"] + 1))
        announcer.warning.connect(lambda _m: stats.__setitem__("warnings", stats["warnings"] + 1))
        made.append(announcer)
        return announcer, engines

    app = DisplayApp(DisplaySettings(location=parse_location(db), speaker_factory=factory, clock=clock))
    app.window.resize(1920, 1080)
    app.window.show()
    app.start()
    _spin(lambda: app.controller.board is not None)
    shown: list[str] = []
    app.controller.call_shown.connect(lambda call: shown.append(call.code))

    curve = Curve(f"display, {STEPS:,} calls with announcements", EVERY)
    curve.sample(0)
    step = turn = late = 0
    while step < STEPS:
        counter = counters[turn % len(counters)]
        turn += 1
        try:
            recall = turn % 7 == 0 and step > 0
            ticket = caller.recall(counter) if recall else caller.call_next(counter)
        except KhiuError:  # nothing to recall at this counter
            continue
        if ticket is None:
            continue
        step += 1
        # Let the display take the call from the feed and paint it (a busy hall: ~15/s).
        before = len(shown)
        def grew(before: int = before) -> bool:
            return len(shown) > before

        if not _spin(grew, 5.0, strict=False):
            late += 1
        pause = time.monotonic() + 0.05
        while time.monotonic() < pause:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        curve.maybe_sample(step)
    curve.report(
        f"({len(shown):,} shown, {late} not within 5 s; announced {stats['started']:,}, dropped from voice "
        f"{stats['dropped']:,} as too late, {stats['warnings']} voice warnings)"
    )
    app.shutdown()
    for announcer in made:
        announcer.shutdown()
    caller.close()


# ------------------------------------------------------------------- counter
def soak_counter(folder: Path) -> None:
    from counter.app import CounterSettings, build
    from counter.prefs import CounterPrefs

    clock = ShiftedClock()
    db = _demo_db(folder, clock)
    store = SqliteStore.open(db, clock=clock)
    for _ in range(STEPS):  # counter 2 serves DL and SSO
        store.issue("DL")
    store.close()
    app = build(CounterSettings(parse_location(db), 2, clock, prefs=CounterPrefs.at(folder / "counter.ini")))
    app.window.resize(1366, 768)
    app.window.show()
    c = app.controller
    c.sign_in(2, "soak", "1234")
    _spin(lambda: c.snapshot is not None and not c.busy)
    # An officer's day in miniature: call, recall, finish; call, no-show; call, transfer.
    cycle: list[Callable[[], None]] = [
        c.call_next, c.recall, c.finish, c.call_next, c.no_show, c.call_next,
        lambda: c.transfer("SSO"), c.call_next, c.finish,
    ]
    curve = Curve(f"counter, {STEPS:,} actions", EVERY)
    curve.sample(0)
    for step in range(1, STEPS + 1):
        cycle[step % len(cycle)]()
        _spin(lambda: not c.busy)
        curve.maybe_sample(step)
    curve.report()
    app.shutdown()


# ----------------------------------------------------------------------- web
def soak_web(folder: Path) -> None:
    """`khiu serve`'s app (tests/bench/web_server.py: no per-address rate limit, since
    every request comes from 127.0.0.1) over WEB_REQUESTS requests on keep-alive
    connections: ticket JSON, ticket pages, the services page, static files, unknown
    tokens, and every 200 requests a live (SSE) stream opened, read and dropped."""
    import http.client
    import json
    import subprocess
    import sys

    from tests.support.web import free_port

    db = _demo_db(folder, ShiftedClock())  # the server reads with the wall clock: no writes
    store = SqliteStore.open(db)
    tokens = [store.issue(code).token for code in ("DL", "SSO", "HC", "SEED") * 50]
    for number in (1, 2, 3, 5):
        store.call_next(number)
    store.close()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "tests.bench.web_server", str(db), str(port)])
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                probe.request("GET", "/")
                probe.getresponse().read()
                probe.close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        curve = Curve(f"web server (khiu serve), {WEB_REQUESTS:,} requests",
                      WEB_REQUESTS // 20, pid=server.pid)
        curve.sample(0)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        statuses: dict[int, int] = {}
        streams = 0
        for step in range(1, WEB_REQUESTS + 1):
            token = tokens[step % len(tokens)]
            kind = step % 20
            path = (
                f"/api/tickets/{token}" if kind < 12
                else f"/t/{token}" if kind < 17
                else "/" if kind == 17
                else "/api/tickets/no-such-token-0000000000" if kind == 18
                else "/static/khiu.css"
            )
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            statuses[response.status] = statuses.get(response.status, 0) + 1
            if step % 200 == 0:  # a phone opens the live page, gets its first event, leaves
                live = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                live.request("GET", f"/api/tickets/{token}/stream",
                             headers={"Accept": "text/event-stream"})
                stream = live.getresponse()
                while not stream.readline().startswith(b"data: "):
                    pass
                live.close()
                streams += 1
            if step < WEB_REQUESTS:
                curve.maybe_sample(step)
        conn.close()
        time.sleep(1.0)  # let the server notice the dropped streams
        curve.sample(WEB_REQUESTS)
        curve.report(f"(statuses {json.dumps(statuses)}; {streams} live streams opened and dropped)")
    finally:
        server.terminate()
        server.wait(30)


def run() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    qt_app = QApplication.instance() or QApplication([])
    print(
        f"{'quick' if QUICK else 'full'} soak: {STEPS:,} steps each ({WEB_REQUESTS:,} web "
        f"requests), sampled every {EVERY}"
    )
    soaks = (
        ("kiosk", soak_kiosk), ("display", soak_display), ("counter", soak_counter),
        ("web", soak_web),
    )
    only = os.environ.get("KHIU_SOAK_ONLY")  # e.g. "web": one soak (development)
    for name, soak in soaks:
        if only and name not in only.split(","):
            continue
        with tempfile.TemporaryDirectory(prefix=f"khiu-soak-{name}-") as tmp:
            soak(Path(tmp))
    assert qt_app is not None


if __name__ == "__main__":
    run()
