"""Wait estimates from today's pace (pure: no I/O, no clock; times are minutes from now).

The waiting queue is replayed forward under the real calling rule (each open counter,
when it comes free, takes the oldest head of its services, the ahead line first under
the fairness rule), with each counter's expected time per ticket learnt from today's
calls, priority tickets arriving at today's rate, and booked tickets joining the ahead
line at their slot's start (those checked in early leave the walk-in line then; those
still to check in arrive then). A ticket's point estimate is the minute it comes up in
that replay; its range widens with how much today's service times vary and with how
many calls stand between now and its turn, plus a share of the estimate for what the
replay cannot know (the constants below were calibrated on the estimator's own errors
over simulated days, see tests/bench/estimate.py).
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from shared.domain.rules import choose_next

HALF_LIFE_MIN = 60.0  # a service time an hour old weighs half as much as one just ended
MANUAL_WEIGHT = 1.0  # the manual's processing time counts as one ticket, until data outweighs it
COUNTER_SHRINK = 3.0  # a counter's own pace counts fully once it has a few tickets today
CV_PRIOR = 0.5  # how much service times vary before today has shown it
CV_PRIOR_WEIGHT = 3.0
OVERRUN_SHARE = 0.3  # a ticket past its expected time still has this share of it to go
PRIORITY_WINDOW_MIN = 60.0  # priority arrivals are counted over the last hour
MODEL_SHARE = 0.15  # what the replay cannot know, as a share of the estimate
FLOOR_MIN = 1.5  # ... and in minutes (walking up, a recall, the officer's pace)
# The range spans about the 14th to the 96th percentile of the wait: waits run long more
# often than short (a slow ticket ahead, a priority arrival), so the upper side is wider.
Z_LOW = 1.1
Z_HIGH = 1.8
HORIZON_MIN = 12 * 60.0  # nobody is told more than a working day
PROBE_ID = 1 << 62
BOOKING_ID = 1 << 40  # bookings still to check in are -(BOOKING_ID + n): no ticket's id


@dataclass(frozen=True)
class Served:
    """One ticket today that was called and ended (done, or a no-show's short wait)."""

    service: int
    counter: int
    ended_ago: float  # minutes before now
    minutes: float  # from call to end


@dataclass(frozen=True)
class Call:
    """One ticket called at a counter today (minutes before now); `ended_ago` None while
    it is still at the counter."""

    service: int
    counter: int
    issued_ago: float
    called_ago: float
    ended_ago: float | None


HANDOVER_CAP_MIN = 5.0  # a longer gap before the next call is a pause, not a handover


def served_from_calls(calls: Iterable[Call]) -> list[Served]:
    """The ended calls with what each cost its counter: call to end, plus the gap before
    the counter's next call when someone was already waiting for it (an officer who
    presses "finish", then "call" a little later, spends that gap on the queue too)."""
    by_counter: dict[int, list[Call]] = {}
    for call in calls:
        by_counter.setdefault(call.counter, []).append(call)
    served = []
    for mine in by_counter.values():
        mine.sort(key=lambda c: -c.called_ago)
        for one, following in zip(mine, [*mine[1:], None], strict=True):
            if one.ended_ago is None:
                continue
            cost = max(one.called_ago - one.ended_ago, 0.0)
            if following is not None and following.issued_ago > one.ended_ago:
                gap = one.ended_ago - following.called_ago
                if 0.0 < gap <= HANDOVER_CAP_MIN:
                    cost += gap
            served.append(Served(one.service, one.counter, one.ended_ago, cost))
    return served


@dataclass(frozen=True)
class Desk:
    """One counter now: what it serves (in order), open or paused, its current ticket."""

    id: int
    services: tuple[int, ...]
    open: bool
    priority_streak: int = 0
    busy_service: int | None = None  # the service of the ticket at the counter, if any
    busy_for: float = 0.0  # minutes that ticket has been at the counter


@dataclass(frozen=True)
class Waiting:
    """One waiting ticket; `issued` in minutes from now (≤ 0), the id breaks ties;
    `slot_at`: its checked-in booking's slot start in minutes from now (None: a walk-in
    or priority ticket)."""

    id: int
    service: int
    priority: bool
    issued: float
    slot_at: float | None = None


@dataclass(frozen=True)
class Today:
    """Everything the estimate is made from, read from the store in one statement."""

    manual: Mapping[int, float]  # service id → the citizen manual's processing minutes
    desks: Sequence[Desk]
    waiting: Sequence[Waiting]
    served: Sequence[Served] = ()
    priority_issued_ago: Mapping[int, Sequence[float]] = field(default_factory=dict)
    fairness: int = 3
    # service id → the slot starts (minutes from now) of today's bookings still to check in
    bookings_due: Mapping[int, Sequence[float]] = field(default_factory=dict)


@dataclass(frozen=True)
class WaitEstimate:
    """Whole minutes: low ≤ minutes ≤ high."""

    minutes: int
    low: int
    high: int


@dataclass(frozen=True)
class Pace:
    """Expected minutes per ticket (per service, and per counter and service) and how
    much service times vary (coefficient of variation) per service."""

    service_mean: Mapping[int, float]
    desk_mean: Mapping[tuple[int, int], float]
    variation: Mapping[int, float]

    def minutes(self, desk: int, service: int) -> float:
        return self.desk_mean.get((desk, service), self.service_mean[service])


def learn_pace(manual: Mapping[int, float], served: Iterable[Served]) -> Pace:
    """Recency-weighted means of today's service times; the manual's time carries the
    weight of one ticket, so it matters only until today has data; each counter's own
    mean is drawn towards its service's until it has a few tickets."""
    sums: dict[int, list[float]] = {s: [0.0, 0.0, 0.0] for s in manual}  # weight, Σwx, Σwx²
    per_desk: dict[tuple[int, int], list[float]] = {}
    for one in served:
        if one.service not in sums:
            continue
        weight = 0.5 ** (max(one.ended_ago, 0.0) / HALF_LIFE_MIN)
        for acc in (sums[one.service], per_desk.setdefault((one.counter, one.service), [0.0, 0.0])):
            acc[0] += weight
            acc[1] += weight * one.minutes
        sums[one.service][2] += weight * one.minutes**2
    service_mean: dict[int, float] = {}
    variation: dict[int, float] = {}
    for service, (weight, total, squares) in sums.items():
        mean = (total + MANUAL_WEIGHT * manual[service]) / (weight + MANUAL_WEIGHT)
        service_mean[service] = max(mean, 0.1)
        measured = 0.0
        if weight > 0 and total > 0:
            data_mean = total / weight
            spread = max(squares / weight - data_mean**2, 0.0)
            measured = math.sqrt(spread) / data_mean
        variation[service] = (measured * weight + CV_PRIOR * CV_PRIOR_WEIGHT) / (
            weight + CV_PRIOR_WEIGHT
        )
    desk_mean = {
        key: (total + COUNTER_SHRINK * service_mean[key[1]]) / (weight + COUNTER_SHRINK)
        for key, (weight, total) in per_desk.items()
    }
    return Pace(service_mean, desk_mean, variation)


def priority_rates(today: Today) -> dict[int, float]:
    """Priority tickets per minute per service over the last hour."""
    return {
        service: sum(1 for ago in agos if ago <= PRIORITY_WINDOW_MIN) / PRIORITY_WINDOW_MIN
        for service, agos in today.priority_issued_ago.items()
    }


@dataclass(order=True)
class _Entry:
    """A ticket in the replay's lines, in call order within its line (`joined`: when it
    joined the line)."""

    joined: float
    id: int
    target: bool = field(compare=False)  # a real waiting ticket (or a new ticket's probe)
    probe: bool = field(compare=False)  # a ticket not yet issued: takes no counter time


@dataclass
class _Turn:
    at: float
    calls_before: int  # calls ended by its counters before its turn
    arrivals_before: int  # future priority and booked tickets that went first


Line = tuple[int, bool]  # (service, the ahead line)


class _Lines:
    """The replay's lines per service, the ahead line (priority tickets, booked tickets
    from their slot's start) and the walk-in line, each in call order; and what joins the
    ahead line later: booked tickets checked in early at their slot's start (leaving
    the walk-in line), bookings still to check in at their slot's start."""

    def __init__(self) -> None:
        self.queues: dict[Line, list[_Entry]] = {}
        self.heads: dict[Line, int] = {}
        self._joins: list[tuple[float, int, _Entry]] = []  # (at, service, entry)
        self._moved: set[int] = set()  # ids that left the walk-in line for the ahead line

    def add(self, service: int, ahead: bool, entry: _Entry) -> None:
        """Put an entry in a line at its place (never before the line's head)."""
        key = (service, ahead)
        self.heads.setdefault(key, 0)
        bisect.insort(self.queues.setdefault(key, []), entry, lo=self.heads[key])

    def join_later(self, at: float, service: int, entry: _Entry) -> None:
        bisect.insort(self._joins, (at, service, entry))

    def admit(self, now: float, turned: Mapping[int, object]) -> None:
        """Let everything due by `now` join the ahead line (a booked ticket checked in
        early and already called as a walk-in stays out)."""
        while self._joins and self._joins[0][0] <= now:
            _, service, entry = self._joins.pop(0)
            if entry.id not in turned:
                self.add(service, True, entry)
                if entry.id >= 0:  # a waiting ticket, not a booking still to check in
                    self._moved.add(entry.id)

    def next_join(self, services: Sequence[int]) -> float | None:
        return min((at for at, service, _ in self._joins if service in services), default=None)

    def oldest(self, services: Sequence[int], ahead: bool) -> int | None:
        """The service whose head in this line came first (joined, then id)."""
        best: tuple[_Entry, int] | None = None
        for service in services:
            head = self._head((service, ahead))
            if head is not None and (best is None or head < best[0]):
                best = (head, service)
        return None if best is None else best[1]

    def take(self, key: Line) -> _Entry:
        entry = self._head(key)
        assert entry is not None
        self.heads[key] += 1
        return entry

    def left_over(self) -> Iterable[tuple[Line, _Entry]]:
        for key, entries in self.queues.items():
            for entry in entries[self.heads[key] :]:
                yield key, entry

    def _head(self, key: Line) -> _Entry | None:
        entries = self.queues.get(key, [])
        while self.heads.get(key, 0) < len(entries):
            entry = entries[self.heads[key]]
            if key[1] or entry.id not in self._moved:
                return entry
            self.heads[key] += 1  # moved to the ahead line at its slot's start
        return None


def estimate_waits(
    today: Today,
    new_ticket_services: Iterable[int] = (),
    wanted: Iterable[int] | None = None,
) -> tuple[dict[int, WaitEstimate], dict[int, WaitEstimate]]:
    """The estimates of the waiting tickets (by id: those `wanted`, None for all, and
    the ones ahead of them), and of a normal ticket taken now at each of
    `new_ticket_services` (by service id; the kiosk's buttons). The replay stops once
    every wanted ticket has its turn: one ticket's read costs what the queue ahead of
    it costs."""
    pace = learn_pace(today.manual, today.served)
    desks = _working_desks(today)
    wanted_ids = None if wanted is None else set(wanted)
    lines = _Lines()
    for ticket in today.waiting:
        if ticket.service in today.manual:
            target = wanted_ids is None or ticket.id in wanted_ids
            _place(lines, ticket, target)
    _expect_bookings(lines, today)
    # A probe is issued now, after every waiting ticket: ids past any real one.
    probes = {
        service: PROBE_ID + index
        for index, service in enumerate(dict.fromkeys(new_ticket_services))
        if service in today.manual
    }
    for service, probe_id in probes.items():
        lines.add(service, False, _Entry(0.0, probe_id, True, True))
    turns = _replay(today, pace, desks, lines)
    estimates = {
        ticket_id: _estimate(turn, pace.variation.get(service, CV_PRIOR))
        for ticket_id, (service, turn) in turns.items()
    }
    probe_tickets = [Waiting(probe_id, service, False, 0.0) for service, probe_id in probes.items()]
    waits = _monotone([*today.waiting, *probe_tickets], estimates)
    new = {service: waits.pop(probe_id) for service, probe_id in probes.items()}
    return waits, new


def _place(lines: _Lines, ticket: Waiting, target: bool) -> None:
    """A waiting ticket in its line now; a booked one checked in before its slot also
    joins the ahead line at the slot's start (lines.py in storage: the same rule)."""
    slot = ticket.slot_at
    if ticket.priority or slot is None or slot <= 0:
        ahead = ticket.priority or slot is not None
        joined = ticket.issued if ticket.priority or slot is None else max(ticket.issued, slot)
        lines.add(ticket.service, ahead, _Entry(joined, ticket.id, target, False))
        return
    lines.add(ticket.service, False, _Entry(ticket.issued, ticket.id, target, False))
    lines.join_later(slot, ticket.service, _Entry(slot, ticket.id, target, False))


def _expect_bookings(lines: _Lines, today: Today) -> None:
    """Bookings still to check in arrive at their slot's start (or now, when it has
    begun) and join the ahead line: they take counter time but are nobody's estimate."""
    arrival = BOOKING_ID
    for service, slots in today.bookings_due.items():
        if service in today.manual:
            for slot in sorted(slots):
                arrival += 1
                at = max(slot, 0.0)
                lines.join_later(at, service, _Entry(at, -arrival, False, False))


def _working_desks(today: Today) -> list[Desk]:
    """The open counters; a service no open counter serves is counted as served by one
    counter of its own from now (its counters are paused or it has none)."""
    desks = [d for d in today.desks if d.open]
    served = {s for d in desks for s in d.services}
    for service in sorted(set(today.manual) - served):
        desks.append(Desk(id=-service, services=(service,), open=True))
    return desks


def _replay(
    today: Today, pace: Pace, desks: list[Desk], lines: _Lines
) -> dict[int, tuple[int, _Turn]]:
    """Run the calling rule forward until every target has had its turn (every ticket
    called on the way gets its turn recorded)."""
    targets_left = sum(1 for _, e in lines.left_over() if e.target)
    rates = {s: r for s, r in priority_rates(today).items() if r > 0 and s in today.manual}
    next_arrival = {s: 0.5 / r for s, r in rates.items()}
    arrival_id = 0
    ended = dict.fromkeys(today.manual, 0)
    arrivals_served = dict.fromkeys(today.manual, 0)
    streak = [d.priority_streak for d in desks]
    serves = [tuple(s for s in d.services if s in today.manual) for d in desks]
    clock, busy_with = _desks_at_start(today, pace, desks)
    turns: dict[int, tuple[int, _Turn]] = {}
    while clock and targets_left:
        now, index = heapq.heappop(clock)
        if now > HORIZON_MIN:
            break
        mine = serves[index]
        if busy_with[index]:
            for service in mine:
                ended[service] += 1
            busy_with[index] = False
        for service, rate in rates.items():  # priority tickets that have arrived by now
            while next_arrival[service] <= now:
                arrival_id += 1
                lines.add(service, True, _Entry(next_arrival[service], -arrival_id, False, False))
                next_arrival[service] += 1.0 / rate
        lines.admit(now, turns)
        oldest_ahead = lines.oldest(mine, True)
        oldest_walk_in = lines.oldest(mine, False)
        choice = choose_next(
            oldest_ahead is not None, oldest_walk_in is not None, streak[index], today.fairness
        )
        if choice is None:  # idle until a ticket joins one of its lines, if ever
            upcoming = [next_arrival[s] for s in mine if s in next_arrival]
            joining = lines.next_join(mine)
            upcoming += [] if joining is None else [joining]
            if upcoming:
                heapq.heappush(clock, (min(upcoming), index))
            continue
        chosen = oldest_ahead if choice.take_priority else oldest_walk_in
        assert chosen is not None
        entry = lines.take((chosen, choice.take_priority))
        if entry.id < 0:
            arrivals_served[chosen] += 1
        else:
            turns[entry.id] = (chosen, _Turn(now, ended[chosen], arrivals_served[chosen]))
            targets_left -= entry.target
        if entry.probe:  # not issued yet: takes no counter time, leaves the streak alone
            heapq.heappush(clock, (now, index))
            continue
        streak[index] = choice.streak_after
        busy_with[index] = True
        heapq.heappush(clock, (now + pace.minutes(desks[index].id, chosen), index))
    for (service, _), entry in lines.left_over():  # past the horizon: told the horizon
        if entry.target and entry.id not in turns:
            turns[entry.id] = (service, _Turn(HORIZON_MIN, 0, 0))
    return turns


def _desks_at_start(
    today: Today, pace: Pace, desks: list[Desk]
) -> tuple[list[tuple[float, int]], list[bool]]:
    """When each desk comes free (a heap of (minute, desk index)) and which are busy."""
    clock: list[tuple[float, int]] = []
    busy_with = [False] * len(desks)
    for index, desk in enumerate(desks):
        free_at = 0.0
        if desk.busy_service is not None and desk.busy_service in today.manual:
            expected = pace.minutes(desk.id, desk.busy_service)
            free_at = max(expected - desk.busy_for, OVERRUN_SHARE * expected)
            busy_with[index] = True
        clock.append((free_at, index))
    heapq.heapify(clock)
    return clock, busy_with


def _estimate(turn: _Turn, variation: float) -> WaitEstimate:
    """The point (the replay's minute) and a range of Z_LOW and Z_HIGH standard deviations:
    service times vary (their spread shrinks as 1/√n over the n calls before the turn),
    future priority arrivals are a Poisson count, and a share and a floor stand for the
    rest."""
    point = turn.at
    calls = max(turn.calls_before, 1)
    step = point / calls
    spread = math.sqrt(
        (variation * point) ** 2 / calls
        + turn.arrivals_before * step**2
        + (MODEL_SHARE * point) ** 2
        + FLOOR_MIN**2
    )
    minutes = round(point)
    low = min(math.floor(max(point - Z_LOW * spread, 0.0)), minutes)
    high = max(math.ceil(point + Z_HIGH * spread), minutes)
    return WaitEstimate(minutes, low, high)


def _monotone(
    waiting: Sequence[Waiting], estimates: Mapping[int, WaitEstimate]
) -> dict[int, WaitEstimate]:
    """Within one service and kind (priority or not), a ticket further back is never told
    less than one ahead of it (a faster counter freeing up could otherwise make it so).
    Across kinds the fairness rule interleaves calls, so a normal ticket may rightly be
    told less than the fourth priority ticket counted ahead of it. A booked ticket
    is in no such chain: from its slot's start it passes walk-ins issued before it."""
    ordered = sorted(
        (t for t in waiting if t.id in estimates),
        key=lambda t: (t.service, t.priority, t.issued, t.id),
    )
    result: dict[int, WaitEstimate] = {}
    last: WaitEstimate | None = None
    last_kind: tuple[int, bool] | None = None
    for ticket in ordered:
        mine = estimates[ticket.id]
        if ticket.slot_at is not None:
            result[ticket.id] = mine
            continue
        if last is not None and last_kind == (ticket.service, ticket.priority):
            mine = WaitEstimate(
                max(mine.minutes, last.minutes), max(mine.low, last.low), max(mine.high, last.high)
            )
        result[ticket.id] = last = mine
        last_kind = (ticket.service, ticket.priority)
    return result
