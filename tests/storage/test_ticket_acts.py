"""Acts on a counter's current ticket: recall, no-show, finish, transfer, return; cancel."""

from __future__ import annotations

import pytest

from shared.domain.errors import InvalidStateError, NotFoundError
from shared.domain.model import TicketState
from shared.storage.sqlite import SqliteStore
from tests.support.clock import FakeClock
from tests.support.small_site import states


def _kinds(store: SqliteStore, after: int = 0) -> list[str]:
    return [e.kind for e in store.changes(after)]


def test_recall_is_counted(q: SqliteStore) -> None:
    q.issue("DL")
    q.call_next(1)
    first, second = q.recall(1), q.recall(1)
    assert (first.recall_count, second.recall_count) == (1, 2)
    assert second.state is TicketState.CALLED and second.counter == 1
    recalls = [e for e in q.changes(0) if e.kind == "recalled"]
    assert [e.data["recall_count"] for e in recalls] == [1, 2]
    assert {(e.ticket, e.counter) for e in recalls} == {("A001", 1)}


def test_no_show_and_finish(q: SqliteStore, clock: FakeClock) -> None:
    q.issue("DL")
    q.issue("DL")
    q.call_next(1)
    clock.advance(minutes=2)
    gone = q.no_show(1)
    assert gone.state is TicketState.NO_SHOW and gone.finished_at == clock.now
    assert q.current_ticket(1) is None
    q.call_next(1)
    done = q.finish(1)
    assert done.state is TicketState.DONE and done.code == "A002"
    assert states(q) == {"A001": "no_show", "A002": "done"}


@pytest.mark.parametrize("act", ["recall", "no_show", "finish", "return_to_queue"])
def test_acts_need_a_current_ticket(q: SqliteStore, act: str) -> None:
    q.issue("DL")
    before = q.last_event_id()
    with pytest.raises(InvalidStateError, match="Counter 1 has no ticket being served"):
        getattr(q, act)(1)
    assert q.last_event_id() == before


def test_transfer_keeps_code_token_and_place_by_issue_time(
    q: SqliteStore, clock: FakeClock
) -> None:
    q.issue("SSO")  # B001, issued before A001
    clock.advance(minutes=1)
    a001 = q.issue("DL")
    clock.advance(minutes=1)
    q.issue("SSO")  # B002, issued after A001
    q.call_next(1)
    moved = q.transfer(1, "sso")
    assert (moved.code, moved.token, moved.service) == ("A001", a001.token, "SSO")
    assert moved.origin_service == "DL" and moved.state is TicketState.WAITING
    assert moved.counter is None and moved.called_at is None
    assert moved.position == 1  # only B001 is ahead; B002 came later
    assert q.current_ticket(1) is None
    calls = [q.call_next(3) for _ in range(3)]
    assert [c.code if c else None for c in calls] == ["B001", "A001", "B002"]
    event = next(e for e in q.changes(0) if e.kind == "transferred")
    assert event.data == {"from": "DL", "to": "SSO"} and event.service == "SSO"


def test_transfer_keeps_priority(q: SqliteStore) -> None:
    q.issue("SSO")
    q.issue("DL", priority=True)
    q.call_next(1)
    moved = q.transfer(1, "SSO")
    assert moved.priority and moved.position == 0
    nxt = q.call_next(3)
    assert nxt is not None and nxt.code == "A001"


def test_refused_transfer_changes_nothing(q: SqliteStore) -> None:
    q.issue("DL")
    q.call_next(1)
    before = q.last_event_id()
    with pytest.raises(InvalidStateError, match="already at DL"):
        q.transfer(1, "DL")
    with pytest.raises(NotFoundError):
        q.transfer(1, "XX")
    current = q.current_ticket(1)
    assert current is not None and current.code == "A001"
    assert q.last_event_id() == before


def test_return_puts_ticket_back_at_its_place(q: SqliteStore, clock: FakeClock) -> None:
    q.issue("DL")
    clock.advance(minutes=1)
    q.issue("DL")
    q.call_next(1)
    back = q.return_to_queue(1)
    assert back.state is TicketState.WAITING and back.position == 0 and back.counter is None
    nxt = q.call_next(2)
    assert nxt is not None and nxt.code == "A001"


def test_cancel_waiting_only(q: SqliteStore) -> None:
    first, _ = q.issue("DL"), q.issue("DL")
    cancelled = q.cancel(first.token)
    assert cancelled.state is TicketState.CANCELLED and cancelled.finished_at is not None
    assert q.ticket("A002").position == 0
    q.call_next(1)
    with pytest.raises(InvalidStateError):
        q.cancel("A002")  # being served
    with pytest.raises(InvalidStateError):
        q.cancel("A001")  # already cancelled
    with pytest.raises(NotFoundError):
        q.cancel("Z999")
    assert states(q) == {"A001": "cancelled", "A002": "called"}


def test_one_event_per_state_change(q: SqliteStore) -> None:
    start = q.last_event_id()
    q.issue("DL")
    q.issue("DL")
    q.issue("SSO")
    q.call_next(1)  # called A001
    q.recall(1)
    q.call_next(1)  # finished A001, called A002
    q.no_show(1)
    q.call_next(2)  # called B001
    q.transfer(2, "DL")
    q.call_next(2)  # called B001 again (now at DL)
    q.return_to_queue(2)
    q.issue("SSO")
    q.cancel("B002")
    assert _kinds(q, start) == [
        "issued", "issued", "issued", "called", "recalled", "finished", "called", "no_show",
        "called", "transferred", "called", "returned", "issued", "cancelled",
    ]  # fmt: skip
    tickets = [e.ticket for e in q.changes(start)]
    assert tickets == [
        "A001", "A002", "B001", "A001", "A001", "A001", "A002", "A002",
        "B001", "B001", "B001", "B001", "B002", "B002",
    ]  # fmt: skip
