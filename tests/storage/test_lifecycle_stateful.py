"""A Hypothesis state machine of the ticket life cycle against a plain in-memory model."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from shared.domain.errors import InvalidStateError
from shared.storage import open_store
from tests.support.backends import Location
from tests.support.clock import FakeClock
from tests.support.pg import PgServer
from tests.support.small_site import make_db, raw

BANGKOK = ZoneInfo("Asia/Bangkok")
FAIRNESS = 2
PREFIX = {"DL": "A", "SSO": "B"}
SERVES = {1: ("DL",), 2: ("DL", "SSO"), 3: ("SSO",)}
counters = st.sampled_from(sorted(SERVES))
services = st.sampled_from(sorted(PREFIX))


@dataclass
class Model:
    """One ticket as the model sees it."""

    token: str
    code: str
    day: str
    service: str
    priority: bool
    order: int  # issue order = issue time order (the clock never goes back)
    state: str = "waiting"
    counter: int | None = None


class LifeCycle(RuleBasedStateMachine):
    # Set by the test: a fresh copy of the small site for each example (given the
    # example's folder), and what to drop at its end on a server.
    fresh_site: Callable[[Path], Location]
    drop_location: Callable[[str], None] | None = None

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="khiu-sm-"))
        self.clock = FakeClock()
        self.path = type(self).fresh_site(self.folder)
        self.store = open_store(self.path, clock=self.clock)
        self.raw = raw(self.path)
        self.tickets: dict[str, Model] = {}
        self.seq: dict[tuple[str, str], int] = {}
        self.open = dict.fromkeys(SERVES, True)
        self.streak = dict.fromkeys(SERVES, 0)
        self.rolled_to = self.day()

    def teardown(self) -> None:
        self.store.close()
        self.raw.close()
        drop = type(self).drop_location
        if drop is not None:
            drop(str(self.path))
        shutil.rmtree(self.folder, ignore_errors=True)

    # ------------------------------------------------------------ model
    def day(self) -> str:
        return self.clock().astimezone(BANGKOK).date().isoformat()

    def rollover(self) -> None:
        """Every write that starts a new business day first expires what earlier days
        left waiting (committed on its own, even when the action itself is then refused);
        a ticket being served stays with its counter."""
        today = self.day()
        if self.rolled_to < today:
            for t in self.tickets.values():
                if t.state == "waiting" and t.day < today:
                    t.state, t.counter = "expired", None
            self.rolled_to = today

    def current(self, counter: int) -> Model | None:
        found = [t for t in self.tickets.values() if t.state == "called" and t.counter == counter]
        assert len(found) <= 1
        return found[0] if found else None

    def waiting(self, service_codes: tuple[str, ...], priority: bool) -> list[Model]:
        return sorted(
            (
                t
                for t in self.tickets.values()
                if t.state == "waiting" and t.service in service_codes and t.priority == priority
            ),
            key=lambda t: t.order,
        )

    # ------------------------------------------------------------ rules
    @rule(service=services, priority=st.booleans())
    def issue(self, service: str, priority: bool) -> None:
        self.rollover()
        key = (service, self.day())
        self.seq[key] = self.seq.get(key, 0) + 1
        view = self.store.issue(service, priority=priority)
        assert view.code == f"{PREFIX[service]}{self.seq[key]:03d}"
        assert view.state.value == "waiting" and view.service == service
        self.tickets[view.token] = Model(
            view.token, view.code, self.day(), service, priority, len(self.tickets)
        )

    @rule(items=st.lists(st.tuples(services, st.booleans()), min_size=2, max_size=6))
    def issue_several(self, items: list[tuple[str, bool]]) -> None:
        for service, priority in items:
            self.issue(service, priority)

    @rule(counter=counters, times=st.integers(2, 5))
    def call_several(self, counter: int, times: int) -> None:
        for _ in range(times):
            self.call_next(counter)

    @rule(counter=counters)
    def call_next(self, counter: int) -> None:
        self.rollover()
        if not self.open[counter]:
            with pytest.raises(InvalidStateError):
                self.store.call_next(counter)
            return
        view = self.store.call_next(counter)
        current = self.current(counter)
        if current is not None:
            current.state = "done"
        priority = self.waiting(SERVES[counter], True)
        normal = self.waiting(SERVES[counter], False)
        normal_due = FAIRNESS > 0 and self.streak[counter] >= FAIRNESS and bool(normal)
        if priority and not normal_due:
            chosen: Model | None = priority[0]
            self.streak[counter] += 1
        elif normal:
            chosen = normal[0]
            self.streak[counter] = 0
        else:
            chosen = None
        if chosen is None:
            assert view is None
            return
        assert view is not None and view.token == chosen.token, (view, chosen)
        chosen.state, chosen.counter = "called", counter

    def _act(self, counter: int, method: str, *args: str) -> Model | None:
        self.rollover()
        current = self.current(counter)
        if current is None:
            with pytest.raises(InvalidStateError):
                getattr(self.store, method)(counter, *args)
            return None
        view = getattr(self.store, method)(counter, *args)
        assert view.token == current.token
        return current

    @rule(counter=counters)
    def recall(self, counter: int) -> None:
        self._act(counter, "recall")

    @rule(counter=counters)
    def no_show(self, counter: int) -> None:
        ticket = self._act(counter, "no_show")
        if ticket is not None:
            ticket.state, ticket.counter = "no_show", None

    @rule(counter=counters)
    def finish(self, counter: int) -> None:
        ticket = self._act(counter, "finish")
        if ticket is not None:
            ticket.state, ticket.counter = "done", None

    @rule(counter=counters)
    def return_to_queue(self, counter: int) -> None:
        ticket = self._act(counter, "return_to_queue")
        if ticket is not None:
            ticket.state, ticket.counter = "waiting", None

    @rule(counter=counters, to=services)
    def transfer(self, counter: int, to: str) -> None:
        self.rollover()
        current = self.current(counter)
        if current is not None and current.service == to:
            with pytest.raises(InvalidStateError):
                self.store.transfer(counter, to)
            return
        ticket = self._act(counter, "transfer", to)
        if ticket is not None:
            ticket.state, ticket.counter, ticket.service = "waiting", None, to

    @rule(pick=st.integers(0, 10_000))
    def cancel(self, pick: int) -> None:
        if not self.tickets:
            return
        self.rollover()
        ticket = list(self.tickets.values())[pick % len(self.tickets)]
        if ticket.state != "waiting":
            with pytest.raises(InvalidStateError):
                self.store.cancel(ticket.token)
            return
        assert self.store.cancel(ticket.token).state.value == "cancelled"
        ticket.state = "cancelled"

    @rule(minutes=st.integers(1, 600))
    def advance(self, minutes: int) -> None:
        self.clock.advance(minutes=minutes)

    @rule()
    def to_just_before_midnight(self) -> None:
        local = self.clock().astimezone(BANGKOK)
        midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), BANGKOK)
        self.clock.now = (midnight - timedelta(minutes=1)).astimezone(UTC)

    @rule(counter=counters, is_open=st.booleans())
    def pause_or_resume(self, counter: int, is_open: bool) -> None:
        self.rollover()
        assert self.store.set_counter_open(counter, is_open).open is is_open
        self.open[counter] = is_open

    @rule()
    def reopen(self) -> None:
        self.store.close()
        self.store = open_store(self.path, clock=self.clock)

    # ------------------------------------------------------- invariants
    @invariant()
    def states_match(self) -> None:
        conn = self.raw
        rows = conn.execute(
            """SELECT t.token, t.code, t.business_date, t.state, s.code, c.number
               FROM tickets t JOIN services s ON s.id = t.service_id
               LEFT JOIN counters c ON c.id = t.counter_id"""
        ).fetchall()
        assert len(rows) == len(self.tickets)
        for token, code, day, state, service, counter in rows:
            m = self.tickets[token]
            assert (code, day, state, service) == (m.code, m.day, m.state, m.service)
            if state == "called":
                assert counter == m.counter

    @invariant()
    def one_called_ticket_per_counter(self) -> None:
        rows = self.raw.execute(
            "SELECT counter_id, count(*) FROM tickets WHERE state = 'called' GROUP BY counter_id"
        ).fetchall()
        assert all(n == 1 for _, n in rows)
        for number in SERVES:
            current = self.store.current_ticket(number)
            model = self.current(number)
            assert (current and current.token) == (model and model.token)

    @invariant()
    def codes_unique_per_day(self) -> None:
        total, distinct = self.raw.execute(
            "SELECT count(*), count(DISTINCT business_date || '/' || code) FROM tickets"
        ).fetchone()
        assert total == distinct

    @invariant()
    def waiting_positions(self) -> None:
        for t in self.tickets.values():
            if t.state != "waiting":
                continue
            ahead = sum(
                1
                for o in self.tickets.values()
                if o.state == "waiting"
                and o.service == t.service
                and (o.priority > t.priority or (o.priority == t.priority and o.order < t.order))
            )
            view = self.store.ticket(t.token)
            assert view.position == ahead, (t, view)
            assert view.estimated_wait_min is not None and view.estimated_wait_min >= 0


@pytest.mark.slow
def test_life_cycle(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    # Each example starts from a copy of one prepared site: copying a file, or CREATE
    # DATABASE … TEMPLATE on the server, takes a fraction of a schema and site load.
    if backend == "postgres":
        server: PgServer = request.getfixturevalue("pg_server")
        prepared = make_db(tmp_path, fairness=FAIRNESS, at=server.create_database("life"))
        request.addfinalizer(lambda: server.drop_database(prepared))
        LifeCycle.fresh_site = lambda _folder: server.create_database(copy_of=prepared)
        LifeCycle.drop_location = server.drop_database
    else:
        prepared = make_db(tmp_path, fairness=FAIRNESS)
        LifeCycle.fresh_site = lambda folder: shutil.copy(prepared, folder / "khiu.db")
        LifeCycle.drop_location = None
    # The rules are the same SQL on both engines; a step costs a server round trip on
    # PostgreSQL, so the server runs half as many examples (its longest test otherwise).
    LifeCycle.TestCase.settings = settings(
        max_examples=60 if backend == "sqlite" else 30,
        stateful_step_count=40,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    LifeCycle.TestCase().runTest()
