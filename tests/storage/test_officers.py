"""Officers: hashed PINs, lockout after 5 failures for 5 minutes, one officer per counter."""

from __future__ import annotations

import pytest

from shared.domain.errors import AuthError, InvalidStateError
from shared.storage.sqlite import SqliteStore
from tests.support.clock import FakeClock
from tests.support.small_site import location_of, raw


@pytest.fixture
def staffed(q: SqliteStore) -> SqliteStore:
    q.add_officer("somchai", "สมชาย ใจดี", "1111")
    q.add_officer("somsri", "สมศรี รักงาน", "2222")
    return q


def test_pin_stored_only_as_hash(staffed: SqliteStore) -> None:
    conn = raw(location_of(staffed))
    hashes = [r[0] for r in conn.execute("SELECT pin_hash FROM officers")]
    conn.close()
    assert all(h.startswith("scrypt$") and "1111" not in h and "2222" not in h for h in hashes)
    assert [o.login for o in staffed.officers()] == ["somchai", "somsri"]


def test_add_officer_refuses_bad_input(q: SqliteStore) -> None:
    with pytest.raises(AuthError):
        q.add_officer("x", "X", "12")
    with pytest.raises(InvalidStateError):
        q.add_officer(" ", "X", "1234")
    with pytest.raises(InvalidStateError):
        q.add_officer("x", "X", "1234", role="root")
    assert q.officers() == []


def test_lockout_after_five_failures(staffed: SqliteStore, clock: FakeClock) -> None:
    for _ in range(4):
        with pytest.raises(AuthError, match="Unknown officer or wrong PIN"):
            staffed.authenticate("somchai", "0000")
    with pytest.raises(AuthError, match="locked for 5 minutes"):
        staffed.authenticate("somchai", "0000")
    clock.advance(minutes=4, seconds=59)
    with pytest.raises(AuthError, match="locked until 10:05"):
        staffed.authenticate("somchai", "1111")  # even the right PIN
    assert staffed.authenticate("somsri", "2222").login == "somsri"  # others unaffected
    clock.advance(seconds=1)
    assert staffed.authenticate("somchai", "1111").login == "somchai"
    kinds = [e.data for e in staffed.changes(0) if e.kind == "officer_login_failed"]
    assert [k["failures"] for k in kinds] == [1, 2, 3, 4, 5]
    assert kinds[-1]["locked"] is True


def test_success_resets_the_failure_count(staffed: SqliteStore) -> None:
    for _ in range(4):
        with pytest.raises(AuthError):
            staffed.authenticate("somchai", "0000")
    staffed.authenticate("somchai", "1111")
    for _ in range(4):
        with pytest.raises(AuthError, match="wrong PIN"):
            staffed.authenticate("somchai", "0000")
    assert staffed.authenticate("somchai", "1111").login == "somchai"


def test_unknown_officer(staffed: SqliteStore) -> None:
    with pytest.raises(AuthError, match="Unknown officer or wrong PIN"):
        staffed.authenticate("nobody", "1111")


def test_second_officer_refused_on_held_counter(staffed: SqliteStore, clock: FakeClock) -> None:
    staffed.sign_in(1, "somchai", "1111")
    clock.advance(seconds=30)
    with pytest.raises(AuthError, match="Counter 1 is in use by สมชาย ใจดี"):
        staffed.sign_in(1, "somsri", "2222")
    assert staffed.counter(1).officer_login == "somchai"
    assert staffed.sign_in(1, "somchai", "1111").login == "somchai"  # same officer again
    assert staffed.sign_in(2, "somsri", "2222").login == "somsri"
    kinds = [e.kind for e in staffed.changes(0)]
    assert kinds.count("officer_login_refused") == 1


def test_calls_record_the_officer(staffed: SqliteStore) -> None:
    staffed.sign_in(1, "somchai", "1111")
    staffed.issue("DL")
    view = staffed.call_next(1)
    assert view is not None and view.officer == "somchai"
    staffed.finish(1)
    stats = staffed.officer_day_stats("somchai")
    assert stats.served == 1 and stats.no_shows == 0


def test_hold_is_kept_fresh_and_stale_hold_taken_over(
    staffed: SqliteStore, clock: FakeClock
) -> None:
    staffed.sign_in(1, "somchai", "1111")
    for _ in range(5):
        clock.advance(seconds=30)
        assert staffed.keep_hold(1, "somchai")
    with pytest.raises(AuthError):
        staffed.sign_in(1, "somsri", "2222")
    clock.advance(minutes=2, seconds=1)  # the counter app crashed: no refresh
    assert staffed.sign_in(1, "somsri", "2222").login == "somsri"
    assert staffed.counter(1).officer_login == "somsri"
    assert not staffed.keep_hold(1, "somchai")


def test_sign_out_frees_the_counter(staffed: SqliteStore) -> None:
    staffed.sign_in(1, "somchai", "1111")
    staffed.sign_out(1, "somsri")  # not theirs: nothing happens
    assert staffed.counter(1).officer_login == "somchai"
    staffed.sign_out(1, "somchai")
    assert staffed.counter(1).officer_login is None
    assert staffed.sign_in(1, "somsri", "2222").login == "somsri"
