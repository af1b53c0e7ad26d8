"""Call next: priority first, the fairness rule, a counter's services, paused counters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from shared.domain.errors import InvalidStateError, NotFoundError
from shared.domain.model import TicketState
from shared.storage.sqlite import SqliteStore
from tests.support.backends import Location
from tests.support.clock import FakeClock
from tests.support.small_site import make_db, open_store, states


def _calls(store: SqliteStore, counter: int, n: int) -> list[str]:
    codes = []
    for _ in range(n):
        view = store.call_next(counter)
        codes.append(view.code if view else "-")
    return codes


def test_nothing_waiting_gives_none(q: SqliteStore) -> None:
    assert q.call_next(1) is None
    assert q.current_ticket(1) is None


def test_call_marks_ticket_called_at_counter(q: SqliteStore, clock: FakeClock) -> None:
    q.issue("DL")
    clock.advance(minutes=3)
    view = q.call_next(1)
    assert view is not None
    assert (view.code, view.state, view.counter) == ("A001", TicketState.CALLED, 1)
    assert view.called_at == clock.now and view.position is None
    assert q.current_ticket(1) == view


def test_call_finishes_the_current_ticket(q: SqliteStore, clock: FakeClock) -> None:
    q.issue("DL")
    q.issue("DL")
    q.call_next(1)
    clock.advance(minutes=5)
    assert _calls(q, 1, 2) == ["A002", "-"]
    done = q.ticket("A001")
    assert done.state is TicketState.DONE and done.finished_at is not None
    assert q.ticket("A002").state is TicketState.DONE
    assert q.current_ticket(1) is None


def test_oldest_first_within_a_queue(q: SqliteStore, clock: FakeClock) -> None:
    for _ in range(4):
        q.issue("DL")
        clock.advance(seconds=1)
    assert _calls(q, 1, 5) == ["A001", "A002", "A003", "A004", "-"]


def test_priority_first(q: SqliteStore) -> None:
    q.issue("DL")
    q.issue("DL", priority=True)
    q.issue("DL")
    assert _calls(q, 1, 3) == ["A002", "A001", "A003"]


def test_counter_serves_only_its_services_oldest_across_them(
    q: SqliteStore, clock: FakeClock
) -> None:
    q.issue("SSO")
    clock.advance(seconds=1)
    q.issue("DL")
    clock.advance(seconds=1)
    q.issue("SSO")
    assert _calls(q, 1, 1) == ["A001"]  # counter 1 serves DL only
    assert _calls(q, 2, 3) == ["B001", "B002", "-"]
    q.issue("DL")
    assert _calls(q, 3, 1) == ["-"]  # counter 3 serves SSO only


def test_priority_across_services(q: SqliteStore, clock: FakeClock) -> None:
    q.issue("DL")
    clock.advance(seconds=1)
    q.issue("SSO", priority=True)
    assert _calls(q, 2, 2) == ["B001", "A001"]


def _issue(store: SqliteStore, clock: FakeClock, pattern: str) -> None:
    """'NPPP': one normal, then three priority DL tickets, a second apart."""
    for kind in pattern:
        store.issue("DL", priority=kind == "P")
        clock.advance(seconds=1)


@pytest.mark.parametrize(
    ("fairness", "expected"),
    [
        # A001 is normal, A002..A007 priority, A008 normal.
        (3, ["A002", "A003", "A004", "A001", "A005", "A006", "A007", "A008"]),
        (1, ["A002", "A001", "A003", "A008", "A004", "A005", "A006", "A007"]),
        (2, ["A002", "A003", "A001", "A004", "A005", "A008", "A006", "A007"]),
        (0, ["A002", "A003", "A004", "A005", "A006", "A007", "A001", "A008"]),
    ],
)
def test_fairness_rule(
    tmp_path: Path,
    new_location: Callable[[str], Location],
    clock: FakeClock,
    fairness: int,
    expected: list[str],
) -> None:
    store = open_store(make_db(tmp_path, fairness=fairness, at=new_location("khiu.db")), clock)
    _issue(store, clock, "NPPPPPPN")
    assert _calls(store, 1, 9) == [*expected, "-"]
    store.close()


def test_fairness_streak_is_per_counter_and_survives_reopen(
    small_db: Path, clock: FakeClock
) -> None:
    store = open_store(small_db, clock)
    _issue(store, clock, "NNPPPPPP")
    assert _calls(store, 1, 3) == ["A003", "A004", "A005"]
    assert _calls(store, 2, 1) == ["A006"]  # counter 2 has its own streak
    store.close()
    store = open_store(small_db, clock)
    assert _calls(store, 1, 2) == ["A001", "A007"]  # counter 1 had 3 in a row
    store.close()


def test_upcoming_matches_the_call_order(q: SqliteStore, clock: FakeClock) -> None:
    _issue(q, clock, "NPPPPN")
    predicted = [t.code for t in q.upcoming(1, limit=10)]
    assert predicted == ["A002", "A003", "A004", "A001", "A005", "A006"]
    assert _calls(q, 1, 6) == predicted


def test_paused_counter_gets_no_call(q: SqliteStore) -> None:
    q.issue("DL")
    assert q.set_counter_open(1, False).open is False
    with pytest.raises(InvalidStateError, match="Counter 1 is paused"):
        q.call_next(1)
    assert states(q) == {"A001": "waiting"}
    assert q.status().counters[0].open is False
    assert q.set_counter_open(1, True).open is True
    view = q.call_next(1)
    assert view is not None and view.code == "A001"
    kinds = [e.kind for e in q.changes(0)]
    assert kinds.count("counter_paused") == 1 and kinds.count("counter_opened") == 1


def test_pause_twice_logs_once(q: SqliteStore) -> None:
    q.set_counter_open(3, False)
    q.set_counter_open(3, False)
    assert [e.kind for e in q.changes(0)].count("counter_paused") == 1


def test_unknown_counter_and_service(q: SqliteStore) -> None:
    with pytest.raises(NotFoundError, match=r"Unknown counter 9 \(counters here: 1, 2, 3\)"):
        q.call_next(9)
    with pytest.raises(NotFoundError, match=r"Unknown service 'XX' \(services here: DL, SSO\)"):
        q.issue("XX")
    with pytest.raises(NotFoundError):
        q.set_counter_open(9, False)


def test_call_exact_ticket_by_code_token_or_url(q: SqliteStore) -> None:
    first, second, third = q.issue("DL"), q.issue("DL"), q.issue("SSO")
    assert q.call_ticket(1, "a002").code == "A002"
    assert q.call_ticket(1, first.token).code == "A001"
    assert q.ticket("A002").state is TicketState.DONE
    url = q.site().status_url(third.token)
    assert q.call_ticket(3, url).code == "B001"
    with pytest.raises(InvalidStateError):
        q.call_ticket(2, second.token)  # already done
    with pytest.raises(NotFoundError):
        q.call_ticket(2, "A999")
