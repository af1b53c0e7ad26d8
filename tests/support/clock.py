"""Clocks for tests and benchmarks: the core reads time only through them, so no test or
benchmark depends on the hour it runs at (the demo site has a service closed at night)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

# Tuesday 2026-11-24 10:00 in Bangkok: every demo service is open, midnight is far away.
BUSINESS_HOURS = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


class FakeClock:
    """Starts at a fixed instant (default: 2026-11-24 10:00 Bangkok) and moves when told."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or BUSINESS_HOURS

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass(frozen=True)
class ShiftedClock:
    """Wall-clock time moved to a fixed business day: it runs at real speed, and clocks
    made with the same `t0` agree in every process (pass `t0` to child processes)."""

    t0: float = field(default_factory=time.time)
    base: datetime = BUSINESS_HOURS

    def __call__(self) -> datetime:
        return self.base + timedelta(seconds=time.time() - self.t0)
