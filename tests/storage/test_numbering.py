"""Ticket numbers: per service, per business day in the site's zone, gapless, restart at 001."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

import pytest

from shared.domain.errors import InvalidStateError, NotFoundError
from shared.storage.sqlite import SqliteStore
from tests.support.clock import FakeClock
from tests.support.small_site import location_of, raw


def test_numbers_per_service_without_gaps(q: SqliteStore) -> None:
    codes = [q.issue("DL").code for _ in range(3)]
    codes += [q.issue("sso").code, q.issue(" dl ", priority=True).code, q.issue("SSO").code]
    assert codes == ["A001", "A002", "A003", "B001", "A004", "B002"]
    assert [q.issue("DL").code for _ in range(996)][-1] == "A1000"


def test_bangkok_midnight_restarts_numbers(q: SqliteStore, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 24, 16, 58, tzinfo=UTC)  # 23:58 Bangkok
    first = q.issue("DL")
    clock.now = datetime(2026, 11, 24, 16, 59, 30, tzinfo=UTC)  # 23:59:30 Bangkok
    second = q.issue("DL")
    clock.now = datetime(2026, 11, 24, 17, 1, tzinfo=UTC)  # 00:01 Bangkok, next day
    third = q.issue("DL")
    fourth = q.issue("SSO")
    assert (first.code, second.code, third.code, fourth.code) == ("A001", "A002", "A001", "B001")
    assert (first.business_date, second.business_date) == ("2026-11-24", "2026-11-24")
    assert third.business_date == "2026-11-25"


def test_utc_midnight_is_not_a_new_day(q: SqliteStore, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 24, 23, 59, tzinfo=UTC)  # 06:59 Bangkok on the 25th
    assert q.issue("DL").code == "A001"
    clock.now = datetime(2026, 11, 25, 0, 1, tzinfo=UTC)  # 07:01 Bangkok, same day
    assert q.issue("DL").code == "A002"


def test_sequences_match_committed_tickets(q: SqliteStore, clock: FakeClock) -> None:
    for day in range(3):
        for _ in range(5 + day):
            q.issue("DL")
        q.issue("SSO", priority=True)
        clock.advance(days=1)
    conn = raw(location_of(q))
    rows = conn.execute(
        """SELECT d.business_date, d.service_id, d.last_seq, count(t.id), max(t.seq)
           FROM daily_sequences d JOIN tickets t
             ON t.origin_service_id = d.service_id AND t.business_date = d.business_date
           GROUP BY d.business_date, d.service_id"""
    ).fetchall()
    assert len(rows) == 6
    for _day, _service, last_seq, count, top in rows:
        assert last_seq == count == top
    conn.close()


def test_failed_issue_uses_no_number(q: SqliteStore) -> None:
    q.issue("DL")
    with pytest.raises(NotFoundError):
        q.issue("NOPE")
    assert q.issue("DL").code == "A002"


def test_token_is_random_url_safe_and_long(q: SqliteStore) -> None:
    tokens = {q.issue("DL").token for _ in range(50)}
    assert len(tokens) == 50
    for token in tokens:
        assert len(token) >= 22  # 22 base64 characters carry at least 128 bits
        assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert len(secrets.token_urlsafe(16)) == 22


def test_a_code_taken_by_another_service_is_refused_and_claims_no_number(
    q: SqliteStore,
) -> None:
    """Two services given one prefix behind Khiu's back (a site load refuses it): the
    second service's first ticket would be A001 again; it is refused with the code, and
    its number is not used up."""
    q.issue("DL")
    with raw(location_of(q)) as conn:
        conn.execute("UPDATE services SET prefix = 'A' WHERE code = 'SSO'")
    with pytest.raises(InvalidStateError) as refused:
        q.issue("SSO")
    assert "A001" in str(refused.value) and "prefix A" in str(refused.value)
    with raw(location_of(q)) as conn:
        conn.execute("UPDATE services SET prefix = 'B' WHERE code = 'SSO'")
    assert q.issue("SSO").code == "B001"
