"""Exact figures from a clock-controlled history: transfers, returns, recalls, no-shows,
cancels, expiry at the day boundary, a day with no traffic, a service added mid-period."""

from __future__ import annotations

from typing import Any

import pytest

from shared.reports import make_report
from shared.reports.assemble import percentile_from_ranks
from shared.storage import open_store
from tests.support.backends import Location
from tests.support.clock import FakeClock


def _report(db: Location, start: str, end: str) -> dict[str, Any]:
    store = open_store(db, clock=FakeClock())
    try:
        return make_report(store, start, end).to_json()
    finally:
        store.close()


def _by_code(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["code"]: s for s in report["services"]}


def test_first_day_counts_and_times(history_db: Location) -> None:
    day = _report(history_db, "2026-11-24", "2026-11-24")
    assert day["from"] == day["to"] == "2026-11-24"
    dl, sso = _by_code(day)["DL"], _by_code(day)["SSO"]
    # DL issued A001-A004; A002 was transferred to SSO and is served there.
    assert (dl["issued"], dl["served"], dl["no_show"], dl["cancelled"], dl["expired"]) == (
        4, 1, 1, 0, 1,
    )  # fmt: skip
    # Waits of DL's tickets to their FIRST call: A001 5, A002 10 (then transferred), A003 20.
    assert dl["wait_min"] == {"mean": pytest.approx(35 / 3), "p50": 10.0, "p90": 18.0}
    assert dl["service_min"] == {"mean": 12.0, "p50": 12.0, "p90": 12.0}
    assert dl["promised_min"] == 20
    assert dl["within_promise_pct"] == 100.0
    # SSO: B001 (returned once), B002 cancelled, B003 issued 23:59:30 expired; A002 served.
    assert (sso["issued"], sso["served"], sso["cancelled"], sso["expired"]) == (3, 2, 1, 1)
    # B001 waited 10 to its first call, not 20 to the call after its return.
    assert sso["wait_min"] == {"mean": 10.0, "p50": 10.0, "p90": 10.0}
    # Service: B001 15 (last call 10:20 -> 10:35), A002 8 (a recall does not restart it).
    assert sso["service_min"] == {"mean": 11.5, "p50": 11.5, "p90": pytest.approx(14.3)}
    assert sso["within_promise_pct"] == 50.0  # promise 10: A002 kept, B001 not
    assert (dl["rating_mean"], dl["ratings"], sso["rating_mean"], sso["ratings"]) == (4.0, 1, 5.0, 1)
    issued_by_hour = {h["hour"]: h["issued"] for h in day["hours"] if h["issued"]}
    assert issued_by_hour == {10: 3, 11: 2, 16: 1, 23: 1}  # Bangkok hours
    assert [h["hour"] for h in day["hours"]] == list(range(24))


def test_day_boundary_and_expiry(history_db: Location) -> None:
    """B003 at 23:59:30 belongs to the 24th and expires; B001 at 00:00:30 is the 25th's."""
    sso = _by_code(_report(history_db, "2026-11-25", "2026-11-25"))["SSO"]
    assert (sso["issued"], sso["served"], sso["expired"]) == (1, 1, 0)
    assert sso["wait_min"]["mean"] == 539.5
    assert sso["service_min"]["mean"] == 5.0
    assert sso["rating_mean"] == 2.0


def test_day_without_traffic(history_db: Location) -> None:
    day = _report(history_db, "2026-11-26", "2026-11-26")
    for svc in day["services"]:
        assert (svc["issued"], svc["served"], svc["ratings"]) == (0, 0, 0)
        assert svc["wait_min"] == {"mean": None, "p50": None, "p90": None}
        assert svc["service_min"] == {"mean": None, "p50": None, "p90": None}
        assert svc["within_promise_pct"] is None
        assert svc["rating_mean"] is None
    assert day["officers"] == []
    assert all(h["issued"] == 0 for h in day["hours"])


def test_whole_period_with_a_service_added_mid_period(history_db: Location) -> None:
    report = _report(history_db, "2026-11-24", "2026-11-27")
    codes = _by_code(report)
    assert list(codes) == ["DL", "SSO", "VAX"]
    assert (codes["SSO"]["issued"], codes["SSO"]["served"]) == (4, 3)
    assert codes["SSO"]["wait_min"] == {"mean": 274.75, "p50": 274.75, "p90": 486.55}
    assert codes["SSO"]["within_promise_pct"] == pytest.approx(200 / 3)
    assert codes["SSO"]["rating_mean"] == 3.5
    vax = codes["VAX"]
    assert (vax["issued"], vax["served"], vax["promised_min"]) == (1, 1, 15)
    assert vax["wait_min"]["mean"] == 3.0 and vax["service_min"]["mean"] == 7.0
    # One row per service per business date, every date (zero rows included).
    rows = {(d["date"], d["code"]): d for d in report["days"]}
    assert len(rows) == 4 * 3
    assert rows[("2026-11-26", "DL")]["issued"] == 0
    assert rows[("2026-11-24", "VAX")]["issued"] == 0
    assert rows[("2026-11-27", "VAX")]["served"] == 1
    assert sum(d["issued"] for d in report["days"]) == 9
    officers = {o["login"]: o for o in report["officers"]}
    assert officers["somchai"]["served"] == 1 and officers["somchai"]["no_show"] == 1
    assert officers["suda"]["served"] == 3
    assert officers["suda"]["service_min"] == {"mean": 28 / 3, "p50": 8.0, "p90": pytest.approx(13.6)}
    assert officers["suda"]["name"] == "สุดา รักงาน"
    counters = {c["number"]: c for c in report["counters"]}
    assert counters[3]["served"] == 3 and counters[2]["served"] == 0
    assert report["total"]["issued"] == 9 and report["total"]["served"] == 5


def test_contract_shape(history_db: Location) -> None:
    report = _report(history_db, "2026-11-24", "2026-11-27")
    assert {"from", "to", "services", "officers", "hours"} <= report.keys()
    svc_keys = {
        "code", "issued", "served", "no_show", "cancelled", "expired", "wait_min",
        "service_min", "promised_min", "within_promise_pct", "rating_mean", "ratings",
    }  # fmt: skip
    for svc in report["services"]:
        assert svc_keys <= svc.keys()
        assert set(svc["wait_min"]) == {"mean", "p50", "p90"}
    for officer in report["officers"]:
        assert {"login", "name", "served", "service_min"} <= officer.keys()
    assert all(set(h) >= {"hour", "issued"} for h in report["hours"])


def test_live_figures_of_today(history_db: Location) -> None:
    """Today's report counts who waits now (the counter app's live view)."""
    clock = FakeClock()
    from tests.reports.history import at

    at(clock, 28, 9, 0)
    store = open_store(history_db, clock=clock)
    try:
        store.issue("DL")
        store.issue("DL")
        today = store.today()
        dl = _by_code(make_report(store, today, today).to_json())["DL"]
    finally:
        store.close()
    assert (dl["issued"], dl["waiting"], dl["served"]) == (2, 2, 0)


@pytest.mark.parametrize(
    ("values", "p50", "p90"),
    [([7.0], 7.0, 7.0), ([1.0, 2.0], 1.5, 1.9), ([5, 10, 20], 10, 18), (list(range(1, 12)), 6, 10)],
)
def test_percentiles_interpolate_like_percentile_cont(
    values: list[float], p50: float, p90: float
) -> None:
    ranked = {i + 1: float(v) for i, v in enumerate(sorted(values))}
    n = len(values)
    assert percentile_from_ranks(ranked, n, 1, 2) == pytest.approx(p50)
    assert percentile_from_ranks(ranked, n, 9, 10) == pytest.approx(p90)
