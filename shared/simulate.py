"""Simulated hall traffic for demos: kiosks issue tickets, counters call, recall, mark
no-shows, finish and take breaks, at plausible intervals (pure: a store and a clock).
Like the kiosk, it issues only for services open now (in site time), and a counter
whose services are all closed calls no one."""

from __future__ import annotations

import random
from collections import Counter as Tally
from dataclasses import dataclass, field

from shared.domain.errors import KhiuError
from shared.storage.api import Store

# Seconds of simulated time; `khiu demo --rate` runs them faster than real time.
ARRIVAL_MEAN_S = 20.0  # one citizen takes a ticket every ~20 s across the hall
PRIORITY_SHARE = 0.15  # elderly, disabled, pregnant, monks
SERVE_S = (60.0, 150.0, 300.0)  # min, mode, max of a triangular service time
WALK_UP_S = (8.0, 25.0)  # a called citizen reaches the counter, or does not
NOT_HEARD_SHARE = 0.15  # called citizens who do not come at first: recalled
NO_SHOW_SHARE = 0.4  # of those recalled, how many never come
IDLE_RETRY_S = (10.0, 30.0)  # an idle counter looks at the queue again
BREAK_SHARE = 0.03  # chance a counter pauses after a ticket
BREAK_S = (60.0, 180.0)
MAX_WAITING = 12  # per service: stop issuing there so queues stay plausible
SEED_TICKETS = 10  # tickets already waiting when the demo starts


@dataclass
class _Desk:
    """What one simulated counter is doing and when it next acts."""

    number: int
    services: tuple[str, ...]
    due: float = 0.0
    ticket: str | None = None
    stage: str = "idle"  # idle | walking | recalled | serving | break


@dataclass
class SimulationReport:
    """What a simulation did: counts per action and the errors it met."""

    steps: int = 0
    actions: Tally[str] = field(default_factory=Tally)
    errors: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "steps": self.steps,
            "issued": self.actions["issued"],
            "priority": self.actions["priority"],
            "called": self.actions["called"],
            "recalled": self.actions["recalled"],
            "finished": self.actions["finished"],
            "no_show": self.actions["no_show"],
            "paused": self.actions["paused"],
            "errors": len(self.errors),
            "error_messages": self.errors[-5:],
        }


class Simulator:
    """Call `step(now)` with the simulated time in seconds; it acts on every due event.

    Counters with a signed-in officer are left to the person at them."""

    def __init__(self, store: Store, rng: random.Random | None = None) -> None:
        self.store = store
        self.rng = rng or random.Random()
        self.report = SimulationReport()
        self.services = store.services()
        self.tz = store.site().tz
        self.desks = [
            _Desk(c.number, c.service_codes, due=self.rng.uniform(0, 10))
            for c in store.counters()
            if c.officer_login is None and c.service_codes
        ]
        self.next_arrival = 0.0
        self.log: list[str] = []  # the latest actions, for a progress line

    def seed(self) -> None:
        """A few citizens already waiting, so the hall is busy from the first minute."""
        for _ in range(SEED_TICKETS):
            self._issue()

    def next_due(self) -> float:
        return min([self.next_arrival, *(d.due for d in self.desks)])

    def step(self, now: float) -> list[str]:
        """Do everything due by `now`; returns what was done (e.g. "call A003 → 2")."""
        self.report.steps += 1
        self.log = []
        while self.next_arrival <= now:
            self._issue()
            self.next_arrival += self.rng.expovariate(1 / ARRIVAL_MEAN_S)
        open_now = self._open_now()
        for desk in self.desks:
            if desk.due <= now:
                self._act(desk, now, open_now)
        return self.log

    def _open_now(self) -> set[str]:
        """The services open at this moment of the site's day (the kiosk's rule)."""
        local = self.store.clock().astimezone(self.tz)
        return {s.code for s in self.services if s.is_open_at(local)}

    # ------------------------------------------------------------------ acts
    def _issue(self) -> None:
        status = self._try(self.store.status)
        waiting = {s.code: s.waiting for s in status.services} if status else {}
        open_now = self._open_now()
        choices = [
            s.code
            for s in self.services
            if s.code in open_now and waiting.get(s.code, 0) < MAX_WAITING
        ]
        if not choices:
            return
        code = self.rng.choice(choices)
        priority = self.rng.random() < PRIORITY_SHARE
        ticket = self._try(lambda: self.store.issue(code, priority=priority))
        if ticket is not None:
            self._done("issued", f"issue {ticket.code}" + (" (priority)" if priority else ""))
            if priority:
                self.report.actions["priority"] += 1

    def _act(self, desk: _Desk, now: float, open_now: set[str]) -> None:
        rng = self.rng
        if desk.stage == "break":
            self._try(lambda: self.store.set_counter_open(desk.number, True))
            desk.stage, desk.due = "idle", now
        if desk.stage == "idle":
            if open_now.isdisjoint(desk.services):  # its services are closed now
                desk.due = now + rng.uniform(*IDLE_RETRY_S)
                return
            counter = self._try(lambda: self.store.counter(desk.number))
            if counter is None or not counter.open or counter.officer_login is not None:
                desk.due = now + rng.uniform(*IDLE_RETRY_S)  # someone else has this counter
                return
            ticket = self._try(lambda: self.store.call_next(desk.number))
            if ticket is None:
                desk.due = now + rng.uniform(*IDLE_RETRY_S)
                return
            self._done("called", f"call {ticket.code} → {desk.number}")
            desk.ticket, desk.stage = ticket.code, "walking"
            desk.due = now + rng.uniform(*WALK_UP_S)
        elif desk.stage == "walking":
            if rng.random() < NOT_HEARD_SHARE:
                if self._try(lambda: self.store.recall(desk.number)) is not None:
                    self._done("recalled", f"recall {desk.ticket} → {desk.number}")
                desk.stage, desk.due = "recalled", now + rng.uniform(*WALK_UP_S) * 2
            else:
                desk.stage, desk.due = "serving", now + rng.triangular(*self._serve())
        elif desk.stage == "recalled":
            if rng.random() < NO_SHOW_SHARE:
                if self._try(lambda: self.store.no_show(desk.number)) is not None:
                    self._done("no_show", f"no-show {desk.ticket} → {desk.number}")
                self._next(desk, now)
            else:
                desk.stage, desk.due = "serving", now + rng.triangular(*self._serve())
        elif desk.stage == "serving":
            if self._try(lambda: self.store.finish(desk.number)) is not None:
                self._done("finished", f"finish {desk.ticket} → {desk.number}")
            self._next(desk, now)

    def _next(self, desk: _Desk, now: float) -> None:
        desk.ticket = None
        if self.rng.random() < BREAK_SHARE:
            if self._try(lambda: self.store.set_counter_open(desk.number, False)) is not None:
                self._done("paused", f"pause counter {desk.number}")
            desk.stage, desk.due = "break", now + self.rng.uniform(*BREAK_S)
        else:
            desk.stage, desk.due = "idle", now + self.rng.uniform(2, 8)

    @staticmethod
    def _serve() -> tuple[float, float, float]:
        low, mode, high = SERVE_S
        return low, high, mode  # random.triangular takes (low, high, mode)

    # --------------------------------------------------------------- helpers
    def _try(self, act):  # type: ignore[no-untyped-def]
        """Run one store action; a refusal (an officer acted first) is counted, not raised."""
        try:
            return act()
        except KhiuError as exc:
            self.report.errors.append(exc.message_en)
            return None

    def _done(self, kind: str, text: str) -> None:
        self.report.actions[kind] += 1
        self.log.append(text)
