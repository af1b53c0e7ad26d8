"""The report's aggregate queries: portable SQL (SQLite 3.40 and PostgreSQL 15).

Everything is grouped and summed in the database, on the business-date index of tickets
and the per-ticket index of events; what comes back is a few thousand aggregate rows
for a month, whatever the history holds. Percentiles (not additive) come back as the
two ranked values around each wanted rank (window functions), at most four rows per
group; shared/reports assembles means and percentiles from them.

Only two things differ between the backends, and they come from the adapter's
`Dialect`: minutes between two ISO-8601 text timestamps (`minutes_between`), and an
integer field of the JSON text in `events.data` (`json_int`). Durations are rounded to whole milliseconds in SQL so that "10
minutes" is exactly 10.0 on both (a promise kept to the millisecond counts as kept).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from shared.clock import to_db
from shared.domain.model import EventKind
from shared.reports.rows import (
    AggregateRows,
    BookedRow,
    CounterInfo,
    EndedRow,
    IssuedRow,
    OfficerInfo,
    RankedSample,
    RatedRow,
    ServiceInfo,
)
from shared.storage.core import QueueCore
from shared.storage.database import Dialect, Tx

#: Where a sample comes from: the queue's event kinds (the web pages write `rated`).
_CALLED = EventKind.CALL.value
_RATED = EventKind.RATED.value


def _minutes(dialect: Dialect, start: str, end: str) -> str:
    """Minutes from `start` to `end` rounded to whole milliseconds, so that a promise of
    10 minutes kept to the millisecond is exactly 10.0 on every backend."""
    # DOUBLE PRECISION: PostgreSQL would keep exact numerics, far slower to sort and sum
    # (SQLite reads the type name as REAL).
    ms = f"round(({dialect.minutes_between(start, end)}) * 60000.0)"
    return f"CAST({ms} / 60000.0 AS DOUBLE PRECISION)"


_IN_RANGE = "t.business_date >= :d0 AND t.business_date <= :d1"

#: Percentile groups: (dim, measure column, key column, day column or None). In SQL a
#: dim is its index here (integers sort much faster than text in the window's sort).
_SAMPLE_DIMS = (
    ("wait_service", "wait", "origin", None),
    ("wait_day", "wait", "origin", "day"),
    ("service_service", "service_min", "service", None),
    ("service_day", "service_min", "service", "day"),
    ("service_officer", "service_min", "officer", None),
    ("service_counter", "service_min", "counter", None),
)


def _tickets_cte(dialect: Dialect, *, with_wait: bool) -> str:
    """One row per ticket of the period: where it was issued (origin) and where it
    ended (service, counter, officer); waiting time = issue -> FIRST call (a returned
    or transferred ticket keeps its first call); service time = the last call -> done."""
    wait = ""
    if with_wait:
        first_call = (
            "(SELECT min(e.at) FROM events e WHERE e.ticket_id = t.id AND e.kind = :call_kind)"
        )
        wait = f", {_minutes(dialect, 't.issued_at', first_call)} AS wait"
    served = _minutes(dialect, "t.called_at", "t.finished_at")
    return f"""f AS MATERIALIZED (
        SELECT t.business_date AS day, t.origin_service_id AS origin, t.service_id AS service,
               t.counter_id AS counter, t.officer_id AS officer, t.state, t.issued_at,
               CASE WHEN t.state = 'done' THEN {served} END AS service_min{wait}
        FROM tickets t WHERE {_IN_RANGE})"""


def _ended_sql(dialect: Dialect) -> str:
    def n(state: str) -> str:
        return f"sum(CASE WHEN f.state = '{state}' THEN 1 ELSE 0 END)"

    return f"""WITH {_tickets_cte(dialect, with_wait=False)}
        SELECT f.day, f.service AS service_id, f.counter AS counter_id, f.officer AS officer_id,
               {n("done")} AS served, {n("no_show")} AS no_show, {n("cancelled")} AS cancelled,
               {n("expired")} AS expired, {n("waiting")} AS waiting, {n("called")} AS called,
               coalesce(sum(f.service_min), 0) AS service_sum, count(f.service_min) AS service_n,
               sum(CASE WHEN f.service_min <= s.processing_minutes THEN 1 ELSE 0 END) AS within
        FROM f JOIN services s ON s.id = f.service
        GROUP BY f.day, f.service, f.counter, f.officer"""


# Days as integers (20261124) in the window's sort key: text sorts by collation on
# PostgreSQL, several times slower. `replace` and CAST are portable.
_DAY_KEY = "CAST(replace(day, '-', '') AS INTEGER)"
_NO_DAY = "0"


#: `dim` of the rows of _waits_sql that are issue counts, not ranked samples.
_ISSUED_DIM = -1


def _waits_sql(dialect: Dialect) -> str:
    """One statement over the tickets-with-waits (computed once: it probes the event
    log for every ticket's first call): issue counts and wait sums by day, origin and
    UTC hour (dim -1: rn = issued, n = tickets called, v = sum of their waits), and the
    ranked samples around p50 and p90 of every percentile group (dim >= 0)."""
    parts = [
        f"SELECT {index} AS dim, {key} AS key, {_DAY_KEY if day else _NO_DAY} AS day, {col} AS v "
        f"FROM f WHERE {col} IS NOT NULL AND {key} IS NOT NULL"
        for index, (_, col, key, day) in enumerate(_SAMPLE_DIMS)
    ]
    union = "\n        UNION ALL ".join(parts)
    # Ranks around q*(n-1): lo = 1 + floor(q*(n-1)) and lo + 1, for q = 0.5 and 0.9
    # (integer division truncates alike on both backends).
    return f"""WITH {_tickets_cte(dialect, with_wait=True)},
        s AS ({union}),
        r AS (SELECT dim, key, day, v, row_number() OVER w AS rn, count(*) OVER w AS n
              FROM s
              WINDOW w AS (PARTITION BY dim, key, day ORDER BY v
                           ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
        SELECT dim, key, day, '' AS hour, rn, n, v FROM r
        WHERE rn IN (1 + (n - 1) / 2, 2 + (n - 1) / 2,
                     1 + ((n - 1) * 9) / 10, 2 + ((n - 1) * 9) / 10)
        UNION ALL
        SELECT {_ISSUED_DIM}, origin, {_DAY_KEY}, substr(issued_at, 1, 13), count(*),
               count(wait), coalesce(sum(wait), 0)
        FROM f GROUP BY day, origin, substr(issued_at, 1, 13)"""


def _rated_sql(dialect: Dialect) -> str:
    return f"""SELECT t.business_date AS day, t.service_id AS service_id, count(*) AS ratings,
               sum({dialect.json_int("e.data", "rating")}) AS rating_sum
        FROM tickets t JOIN events e ON e.ticket_id = t.id AND e.kind = :rated_kind
        WHERE {_IN_RANGE}
        GROUP BY t.business_date, t.service_id"""


_SERVICES_SQL = f"""SELECT id, code, name_th, name_en, processing_minutes, active FROM services
    WHERE active = 1 OR id IN (SELECT t.service_id FROM tickets t WHERE {_IN_RANGE})
       OR id IN (SELECT t.origin_service_id FROM tickets t WHERE {_IN_RANGE})
    ORDER BY display_order, code"""

_OFFICERS_SQL = f"""SELECT id, login, display_name FROM officers
    WHERE id IN (SELECT t.officer_id FROM tickets t WHERE {_IN_RANGE})
    ORDER BY login"""

_COUNTERS_SQL = f"""SELECT id, number, name_th, name_en FROM counters
    WHERE active = 1 OR id IN (SELECT t.counter_id FROM tickets t WHERE {_IN_RANGE})
    ORDER BY number"""


# Bookings by their slot's business date; a booking still `booked` after its check-in
# window closed (`:missed_before`: now less checkin_late_minutes) counts as missed.
_BOOKED_SQL = """SELECT b.business_date AS day, b.service_id,
       count(*) AS made,
       sum(CASE WHEN b.state = 'checked_in' THEN 1 ELSE 0 END) AS checked_in,
       sum(CASE WHEN b.state = 'missed' OR (b.state = 'booked'
                AND b.slot_start < :missed_before) THEN 1 ELSE 0 END) AS missed,
       sum(CASE WHEN b.state = 'cancelled' THEN 1 ELSE 0 END) AS cancelled
    FROM bookings b WHERE b.business_date >= :d0 AND b.business_date <= :d1
    GROUP BY b.business_date, b.service_id"""


class ReportOps(QueueCore):
    """`Store.report_rows`: the report's aggregates, in one read snapshot."""

    def report_rows(self, date_from: str, date_to: str) -> AggregateRows:
        late = timedelta(minutes=self.site().checkin_late_minutes)
        missed_before = to_db(self.clock() - late)
        with self.db.read() as tx:
            for statement in tx.dialect.analytics_setup():
                tx.execute(statement)
            return read_report_rows(tx, date_from, date_to, missed_before)


def read_report_rows(
    tx: Tx, date_from: str, date_to: str, missed_before: str = ""
) -> AggregateRows:
    """The aggregate rows of business dates date_from..date_to (inclusive), read in
    the caller's transaction `tx` so every figure is of one moment. A booking whose slot
    started before `missed_before` and is still booked counts as missed."""
    dialect = tx.dialect
    p = {"d0": date_from, "d1": date_to, "call_kind": _CALLED, "rated_kind": _RATED}

    def run(sql: str, params: dict[str, Any]) -> list[Any]:
        return tx.all(sql, params)

    rows = AggregateRows(date_from, date_to)
    rows.services = [
        ServiceInfo(
            int(r["id"]),
            r["code"],
            r["name_th"],
            r["name_en"],
            int(r["processing_minutes"]),
            bool(r["active"]),
        )
        for r in run(_SERVICES_SQL, p)
    ]
    rows.officers = [
        OfficerInfo(int(r["id"]), r["login"], r["display_name"]) for r in run(_OFFICERS_SQL, p)
    ]
    rows.counters = [
        CounterInfo(int(r["id"]), int(r["number"]), r["name_th"], r["name_en"])
        for r in run(_COUNTERS_SQL, p)
    ]
    rows.ended = [
        EndedRow(
            r["day"],
            int(r["service_id"]),
            _opt_int(r["counter_id"]),
            _opt_int(r["officer_id"]),
            int(r["served"]),
            int(r["no_show"]),
            int(r["cancelled"]),
            int(r["expired"]),
            int(r["waiting"]),
            int(r["called"]),
            float(r["service_sum"]),
            int(r["service_n"]),
            int(r["within"] or 0),
        )
        for r in run(_ended_sql(dialect), p)
    ]
    rows.rated = [
        RatedRow(r["day"], int(r["service_id"]), int(r["ratings"]), int(r["rating_sum"] or 0))
        for r in run(_rated_sql(dialect), p)
    ]
    rows.booked = [
        BookedRow(
            r["day"],
            int(r["service_id"]),
            int(r["made"]),
            int(r["checked_in"] or 0),
            int(r["missed"] or 0),
            int(r["cancelled"] or 0),
        )
        for r in tx.all(_BOOKED_SQL, {"d0": date_from, "d1": date_to,
                                      "missed_before": missed_before})
    ]
    for r in run(_waits_sql(dialect), p):
        dim, key, day = int(r["dim"]), int(r["key"]), _day_text(int(r["day"]))
        if dim == _ISSUED_DIM:
            rows.issued.append(
                IssuedRow(day, key, r["hour"], int(r["rn"]), float(r["v"]), int(r["n"]))
            )
        else:
            rows.samples.append(
                RankedSample(
                    _SAMPLE_DIMS[dim][0], key, day, int(r["rn"]), int(r["n"]), float(r["v"])
                )
            )
    return rows


def _day_text(key: int) -> str:
    """20261124 -> '2026-11-24'; 0 (no day) -> ''."""
    if not key:
        return ""
    text = f"{key:08d}"
    return f"{text[:4]}-{text[4:6]}-{text[6:]}"


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)
