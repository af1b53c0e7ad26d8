"""Wait-estimate accuracy: simulated mornings through the real store with a fake clock
(several services, shared counters, arrivals that vary through the morning, service
times unlike the citizen manual's, priority tickets, no-shows, a counter's break),
each ticket's estimate at issue against the wait it really had, beside the naive
"people ahead × the manual's minutes ÷ open counters". Figures only.

`python -m tests.bench estimate` (KHIU_BENCH_QUICK=1: two days of each shape;
KHIU_BENCH_SEEDS=6-10: other days than the default 1-5)."""

from __future__ import annotations

import heapq
import math
import os
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from shared.site import load_site_file
from shared.storage import open_store
from shared.storage.api import Store, TicketView
from tests.bench.stats import percentile
from tests.support.clock import FakeClock

OPENS = datetime(2026, 11, 24, 1, 30, tzinfo=UTC)  # 08:30 in Bangkok
ISSUING_MIN = 210.0  # tickets are issued until 12:00
PRIORITY_SHARE = 0.10
NO_SHOW_SHARE = 0.05
NO_SHOW_WAIT_MIN = (1.0, 3.0)  # the officer recalls, then gives up
SERVICE_CV = 0.5  # lognormal service times vary this much


@dataclass(frozen=True)
class ServiceSpec:
    code: str
    prefix: str
    manual_min: int  # what the citizen manual says
    true_min: float  # what it really takes today
    share: float  # of the arrivals


@dataclass(frozen=True)
class DayShape:
    """One kind of morning: its services, counters (number → services, officer's pace)
    and how arrivals vary (tickets per minute at minute m of the morning)."""

    name: str
    services: tuple[ServiceSpec, ...]
    counters: tuple[tuple[int, tuple[str, ...], float], ...]
    rate: Callable[[float], float]
    break_counter: int | None = 3  # takes a 20-minute break mid-morning
    service_cv: float = SERVICE_CV
    # Officers who press "finish", then "call" a little later (0 to this many minutes),
    # instead of "call" (which finishes and calls at once).
    handover_min: float = 0.0


def _peak(top: float, at: float, width: float, base: float) -> Callable[[float], float]:
    return lambda m: base + (top - base) * math.exp(-(((m - at) / width) ** 2))


THREE = (
    ServiceSpec("DL", "A", 8, 5.0, 0.40),
    ServiceSpec("SSO", "B", 3, 4.5, 0.35),
    ServiceSpec("TAX", "C", 5, 3.0, 0.25),
)
SIX_SHARED = (
    (1, ("DL",), 1.0),
    (2, ("DL",), 1.25),
    (3, ("SSO",), 0.9),
    (4, ("TAX",), 1.0),
    (5, ("DL", "SSO"), 1.1),
    (6, ("SSO", "TAX"), 0.85),
)
SHAPES = (
    DayShape("mid-morning peak", THREE, SIX_SHARED, _peak(2.1, 100, 45, 0.8)),
    DayShape("opening rush", THREE, SIX_SHARED, _peak(3.0, 10, 20, 1.0)),
    DayShape("steady", THREE, SIX_SHARED, lambda m: 1.3),
    DayShape(
        "peak, finish then call, erratic times",
        THREE,
        SIX_SHARED,
        _peak(2.0, 110, 40, 0.7),
        service_cv=0.8,
        handover_min=1.0,
    ),
    DayShape(
        "four services, two peaks",
        (
            ServiceSpec("DL", "A", 10, 6.5, 0.30),
            ServiceSpec("SSO", "B", 5, 4.0, 0.30),
            ServiceSpec("TAX", "C", 3, 5.0, 0.20),
            ServiceSpec("VAC", "D", 3, 2.0, 0.20),
        ),
        (
            (1, ("DL",), 1.0),
            (2, ("DL", "TAX"), 1.2),
            (3, ("SSO",), 0.9),
            (4, ("SSO", "VAC"), 1.0),
            (5, ("TAX", "VAC"), 1.1),
            (6, ("DL", "SSO"), 0.8),
            (7, ("VAC",), 1.0),
        ),
        lambda m: _peak(2.2, 60, 30, 0.8)(m) + _peak(1.6, 160, 30, 0.0)(m),
        break_counter=6,
    ),
)


def site_toml(shape: DayShape) -> str:
    parts = [
        '[site]\nname_th = "ศูนย์จำลอง"\nname_en = "Simulated centre"\n'
        'timezone = "Asia/Bangkok"\npriority_fairness = 3\n'
    ]
    for s in shape.services:
        parts.append(
            f'[[services]]\ncode = "{s.code}"\nprefix = "{s.prefix}"\nname_th = "{s.code}"\n'
            f'name_en = "{s.code}"\nprocessing_minutes = {s.manual_min}\n'
        )
    for number, services, _ in shape.counters:
        codes = ", ".join(f'"{c}"' for c in services)
        parts.append(f"[[counters]]\nnumber = {number}\nservices = [{codes}]\n")
    return "\n".join(parts)


@dataclass
class Issued:
    """One ticket: what it was told at issue and when it was really called."""

    code: str
    at: float
    estimate: int
    low: int
    high: int
    naive: float
    called: float | None = None


@dataclass
class Day:
    """A simulated morning's tickets and the cost of the estimate's reads."""

    shape: str
    seed: int
    tickets: list[Issued] = field(default_factory=list)
    read_s: list[float] = field(default_factory=list)


def simulate(shape: DayShape, seed: int, folder: Path) -> Day:
    """Run one morning through a real SQLite store; every act at its simulated minute."""
    rng = random.Random(seed)
    folder = folder / f"{shape.name}-{seed}"
    folder.mkdir()
    site = folder / "site.toml"
    site.write_text(site_toml(shape), "utf-8")
    clock = FakeClock(OPENS)
    store = open_store(folder / "khiu.db", create=True, clock=clock)
    store.load_site(load_site_file(site))
    day = Day(shape.name, seed)
    try:
        _run(store, clock, shape, rng, day)
    finally:
        store.close()
    return day


def _run(store: Store, clock: FakeClock, shape: DayShape, rng: random.Random, day: Day) -> None:
    specs = {s.code: s for s in shape.services}
    pace = {number: factor for number, _, factor in shape.counters}
    serves = {number: services for number, services, _ in shape.counters}
    is_open = {number: True for number in serves}
    idle = set(serves)
    events: list[tuple[float, int, str, int]] = []  # (minute, order, kind, counter)
    order = 0

    def at(minute: float, kind: str, counter: int = 0) -> None:
        nonlocal order
        order += 1
        heapq.heappush(events, (minute, order, kind, counter))

    by_code: dict[str, Issued] = {}
    no_show: dict[int, bool] = {}
    break_at = 100.0 + rng.uniform(-20, 20)
    on_break = False
    at(rng.expovariate(shape.rate(0.0)), "arrive")
    while events:
        minute, _, kind, counter = heapq.heappop(events)
        clock.now = OPENS + timedelta(minutes=minute)
        if kind == "arrive":
            if minute <= ISSUING_MIN:
                code = rng.choices(list(specs), [s.share for s in specs.values()])[0]
                view = store.issue(code, priority=rng.random() < PRIORITY_SHARE)
                ticket = _issued(store, view, minute, specs[code].manual_min, serves, is_open, day)
                by_code[view.code] = ticket
                day.tickets.append(ticket)
                for number in sorted(idle):
                    if code in serves[number] and is_open[number]:
                        idle.discard(number)
                        at(minute, "free", number)
                at(minute + _next_arrival(rng, shape, minute), "arrive")
            continue
        if kind == "resume":
            store.set_counter_open(counter, True)
            is_open[counter] = True
        elif no_show.pop(counter, False):
            store.no_show(counter)
        if kind == "free" and counter == shape.break_counter and not on_break and minute >= break_at:
            on_break = True
            if store.current_ticket(counter) is not None:
                store.finish(counter)
            store.set_counter_open(counter, False)
            is_open[counter] = False
            at(minute + 20.0, "resume", counter)
            continue
        if kind == "free" and shape.handover_min and store.current_ticket(counter) is not None:
            store.finish(counter)
            at(minute + rng.uniform(0.0, shape.handover_min), "call", counter)
            continue
        called = store.call_next(counter)
        if called is None:
            idle.add(counter)
            continue
        by_code[called.code].called = minute
        if rng.random() < NO_SHOW_SHARE:
            no_show[counter] = True
            at(minute + rng.uniform(*NO_SHOW_WAIT_MIN), "free", counter)
        else:
            mean = specs[called.service].true_min * pace[counter]
            at(minute + _lognormal(rng, mean, shape.service_cv), "free", counter)


def _issued(
    store: Store,
    view: TicketView,
    minute: float,
    manual: int,
    serves: dict[int, tuple[str, ...]],
    is_open: dict[int, bool],
    day: Day,
) -> Issued:
    assert view.estimated_wait_min is not None and view.estimated_wait_range_min is not None
    assert view.position is not None
    started = time.perf_counter()
    store.ticket(view.token)  # what a phone's page read costs at this moment
    day.read_s.append(time.perf_counter() - started)
    counters = sum(1 for n, s in serves.items() if view.service in s and is_open[n])
    low, high = view.estimated_wait_range_min
    return Issued(
        view.code, minute, view.estimated_wait_min, low, high,
        view.position * manual / max(counters, 1),
    )  # fmt: skip


def _next_arrival(rng: random.Random, shape: DayShape, minute: float) -> float:
    """Thinning: a time-varying Poisson process of arrivals."""
    top = max(shape.rate(m) for m in range(0, int(ISSUING_MIN) + 1, 5)) * 1.1
    gap = 0.0
    while True:
        gap += rng.expovariate(top)
        if rng.random() * top <= shape.rate(minute + gap):
            return gap


def _lognormal(rng: random.Random, mean: float, cv: float) -> float:
    sigma = math.sqrt(math.log(1 + cv**2))
    return rng.lognormvariate(math.log(mean) - sigma**2 / 2, sigma)


@dataclass(frozen=True)
class Figures:
    tickets: int
    mean_wait: float
    p90_wait: float
    mae: float
    within: float
    naive_mae: float
    naive_within: float
    inside: float
    after: float
    before: float


def figures(tickets: list[Issued]) -> Figures:
    called = [t for t in tickets if t.called is not None]
    waits = [t.called - t.at for t in called if t.called is not None]

    def close(estimate: float, real: float) -> bool:
        return abs(estimate - real) <= max(0.2 * real, 3.0)

    def share(flags: list[bool]) -> float:
        return 100.0 * sum(flags) / max(len(flags), 1)

    def mean(values: list[float]) -> float:
        return sum(values) / max(len(values), 1)

    return Figures(
        tickets=len(called),
        mean_wait=mean(waits),
        p90_wait=percentile(waits, 90),
        mae=mean([abs(t.estimate - w) for t, w in zip(called, waits, strict=True)]),
        within=share([close(t.estimate, w) for t, w in zip(called, waits, strict=True)]),
        naive_mae=mean([abs(t.naive - w) for t, w in zip(called, waits, strict=True)]),
        naive_within=share([close(t.naive, w) for t, w in zip(called, waits, strict=True)]),
        inside=share([t.low <= w <= t.high for t, w in zip(called, waits, strict=True)]),
        after=share([w > t.high for t, w in zip(called, waits, strict=True)]),
        before=share([w < t.low for t, w in zip(called, waits, strict=True)]),
    )


def _line(label: str, f: Figures) -> str:
    return (
        f"{label:<34} n={f.tickets:>4} wait mean {f.mean_wait:5.1f} p90 {f.p90_wait:5.1f} | "
        f"MAE {f.mae:4.1f} (naive {f.naive_mae:4.1f}, x{f.mae / max(f.naive_mae, 1e-9):.2f}) "
        f"within {f.within:5.1f}% (naive {f.naive_within:5.1f}%) | "
        f"range: inside {f.inside:5.1f}% after {f.after:4.1f}% before {f.before:4.1f}%"
    )


def run() -> None:
    # KHIU_BENCH_SEEDS=6-10: other days than the ones the constants were calibrated on.
    first, last = (int(n) for n in os.environ.get("KHIU_BENCH_SEEDS", "1-5").split("-"))
    seeds = range(first, first + 2) if os.environ.get("KHIU_BENCH_QUICK") else range(first, last + 1)
    everything: list[Issued] = []
    reads: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for shape in SHAPES:
            for seed in seeds:
                day = simulate(shape, seed, Path(tmp))
                everything += day.tickets
                reads += day.read_s
                print(_line(f"{shape.name} #{seed}", figures(day.tickets)), flush=True)
    print(_line("all days", figures(everything)))
    print(
        f"ticket read (position + estimate) at issue: p50 {percentile(reads, 50) * 1000:.2f} ms"
        f"  p95 {percentile(reads, 95) * 1000:.2f} ms  n={len(reads)}"
    )
