"""From the database's aggregate rows to the report's figures. Pure: no SQL, no I/O.

Counting rules (what a manager expects; the README says the same):
- a ticket is *issued* once, at the service where it was issued, on its business date;
  a transfer does not issue it again;
- it *ends* (served, no-show, cancelled, expired) at the service, counter and officer
  where it ended: a ticket transferred from DL to SS and served there is served by SS;
- *waiting time* runs from issue to the FIRST call, and belongs to the service where
  the ticket was issued (a returned or transferred ticket is not counted twice);
- *service time* runs from the last call to "done" (recalls do not restart it);
- *within promise*: a served ticket whose service time is at most the service's
  citizen-manual processing time (`processing_minutes`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from shared.reports.model import (
    BookingCounts,
    CounterFigures,
    Counts,
    DayServiceFigures,
    HourFigures,
    OfficerFigures,
    Report,
    ServiceFigures,
    Stats,
)
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

_QUANTILES = ((1, 2), (9, 10))  # p50, p90 as exact fractions


def percentile_from_ranks(ranked: dict[int, float], n: int, num: int, den: int) -> float:
    """Linear interpolation between the closest ranks (like numpy's default and
    PostgreSQL's percentile_cont): position q*(n-1), 0-based, with q = num/den."""
    whole, rest = divmod((n - 1) * num, den)
    lo = ranked[whole + 1]
    if rest == 0:
        return lo
    return lo + (ranked[whole + 2] - lo) * rest / den


def _stats(total: float, count: int, samples: list[RankedSample] | None) -> Stats:
    if count == 0 or not samples:
        return Stats()
    ranked = {s.rn: s.value for s in samples}
    n = samples[0].n
    p50, p90 = (percentile_from_ranks(ranked, n, num, den) for num, den in _QUANTILES)
    return Stats(mean=total / count, p50=p50, p90=p90)


def _days(date_from: str, date_to: str) -> list[str]:
    start, end = date.fromisoformat(date_from), date.fromisoformat(date_to)
    return [(start + timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]


class _Acc:
    """Additive sums of one group (a service, a service-day, a counter...)."""

    __slots__ = (
        "booked_cancelled", "booked_checked_in", "booked_made", "booked_missed",
        "called", "cancelled", "expired", "issued", "no_show", "rating_sum", "ratings",
        "served", "service_n", "service_sum", "wait_n", "wait_sum", "waiting", "within",
    )  # fmt: skip
    called: int
    cancelled: int
    expired: int
    issued: int
    no_show: int
    rating_sum: float
    ratings: int
    served: int
    service_n: int
    service_sum: float
    wait_n: int
    wait_sum: float
    waiting: int
    within: int
    booked_made: int
    booked_checked_in: int
    booked_missed: int
    booked_cancelled: int

    def __init__(self) -> None:
        for name in self.__slots__:
            setattr(self, name, 0)

    def counts(self) -> Counts:
        return Counts(
            self.issued, self.served, self.no_show, self.cancelled, self.expired,
            self.waiting, self.called,
        )  # fmt: skip

    def bookings(self) -> BookingCounts:
        return BookingCounts(
            self.booked_made, self.booked_checked_in, self.booked_missed, self.booked_cancelled
        )


@dataclass
class _Sums:
    """The aggregate rows summed per group: service, service-day, officer, counter, hour."""

    tz: ZoneInfo
    by_service: defaultdict[int, _Acc] = field(default_factory=lambda: defaultdict(_Acc))
    by_day: defaultdict[tuple[str, int], _Acc] = field(default_factory=lambda: defaultdict(_Acc))
    by_officer: defaultdict[int, _Acc] = field(default_factory=lambda: defaultdict(_Acc))
    by_counter: defaultdict[int, _Acc] = field(default_factory=lambda: defaultdict(_Acc))
    total: _Acc = field(default_factory=_Acc)
    hour_issued: list[int] = field(default_factory=lambda: [0] * 24)
    hour_wait_sum: list[float] = field(default_factory=lambda: [0.0] * 24)
    hour_wait_n: list[int] = field(default_factory=lambda: [0] * 24)
    #: (dimension, key, day) -> the ranked values around each percentile's rank
    samples: defaultdict[tuple[str, int, str], list[RankedSample]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def add_issued(self, rows: Sequence[IssuedRow]) -> None:
        for r in rows:
            for acc in (self.by_service[r.service_id], self.by_day[(r.day, r.service_id)],
                        self.total):  # fmt: skip
                acc.issued += r.issued
                acc.wait_sum += r.wait_sum
                acc.wait_n += r.wait_n
            hour = _local_hour(r.utc_hour, self.tz)
            self.hour_issued[hour] += r.issued
            self.hour_wait_sum[hour] += r.wait_sum
            self.hour_wait_n[hour] += r.wait_n

    def add_ended(self, rows: Sequence[EndedRow]) -> None:
        for e in rows:
            groups = [self.by_service[e.service_id], self.by_day[(e.day, e.service_id)], self.total]
            if e.officer_id is not None:
                groups.append(self.by_officer[e.officer_id])
            if e.counter_id is not None:
                groups.append(self.by_counter[e.counter_id])
            for acc in groups:
                acc.served += e.served
                acc.no_show += e.no_show
                acc.cancelled += e.cancelled
                acc.expired += e.expired
                acc.waiting += e.waiting
                acc.called += e.called
                acc.service_sum += e.service_sum
                acc.service_n += e.service_n
                acc.within += e.within

    def add_rated(self, rows: Sequence[RatedRow]) -> None:
        for q in rows:
            for acc in (self.by_service[q.service_id], self.by_day[(q.day, q.service_id)],
                        self.total):  # fmt: skip
                acc.ratings += q.ratings
                acc.rating_sum += q.rating_sum

    def add_booked(self, rows: Sequence[BookedRow]) -> None:
        for b in rows:
            for acc in (self.by_service[b.service_id], self.by_day[(b.day, b.service_id)],
                        self.total):  # fmt: skip
                acc.booked_made += b.made
                acc.booked_checked_in += b.checked_in
                acc.booked_missed += b.missed
                acc.booked_cancelled += b.cancelled

    def add_samples(self, rows: Sequence[RankedSample]) -> None:
        for s in rows:
            self.samples[(s.dim, s.key, s.day)].append(s)

    def service_figures(self, info: ServiceInfo, acc: _Acc, day: str = "") -> ServiceFigures:
        wait_dim, service_dim = ("wait_day", "service_day") if day else (
            "wait_service", "service_service")  # fmt: skip
        return ServiceFigures(
            code=info.code,
            name_th=info.name_th,
            name_en=info.name_en,
            promised_min=info.promised_min,
            counts=acc.counts(),
            wait=_stats(acc.wait_sum, acc.wait_n, self.samples.get((wait_dim, info.id, day))),
            service=_stats(
                acc.service_sum, acc.service_n, self.samples.get((service_dim, info.id, day))
            ),
            within_promise_pct=_pct(acc.within, acc.served),
            rating_mean=acc.rating_sum / acc.ratings if acc.ratings else None,
            ratings=acc.ratings,
            bookings=acc.bookings(),
        )

    def service_time(self, acc: _Acc, dim: str, key: int) -> Stats:
        return _stats(acc.service_sum, acc.service_n, self.samples.get((dim, key, "")))

    def officer_figures(self, officer: OfficerInfo) -> OfficerFigures:
        acc = self.by_officer[officer.id]
        return OfficerFigures(
            officer.login, officer.name, acc.served, acc.no_show,
            self.service_time(acc, "service_officer", officer.id),
        )  # fmt: skip

    def counter_figures(self, counter: CounterInfo) -> CounterFigures:
        acc = self.by_counter[counter.id]
        return CounterFigures(
            counter.number, counter.name_th, counter.name_en, acc.served, acc.no_show,
            self.service_time(acc, "service_counter", counter.id),
        )  # fmt: skip

    def hour_figures(self, hour: int) -> HourFigures:
        wait_n = self.hour_wait_n[hour]
        mean_wait = self.hour_wait_sum[hour] / wait_n if wait_n else None
        return HourFigures(hour, self.hour_issued[hour], mean_wait)

    def total_figures(self) -> ServiceFigures:
        """All services together: means only (percentiles are not summed across groups)."""
        total = self.total
        return ServiceFigures(
            code="*",
            name_th="รวมทุกบริการ",
            name_en="All services",
            promised_min=0,
            counts=total.counts(),
            wait=Stats(mean=total.wait_sum / total.wait_n if total.wait_n else None),
            service=Stats(mean=total.service_sum / total.service_n if total.service_n else None),
            within_promise_pct=_pct(total.within, total.served),
            rating_mean=total.rating_sum / total.ratings if total.ratings else None,
            ratings=total.ratings,
            bookings=total.bookings(),
        )


def build_report(
    rows: AggregateRows,
    *,
    tz: ZoneInfo,
    site_th: str = "",
    site_en: str = "",
    now: datetime | None = None,
) -> Report:
    sums = _Sums(tz)
    sums.add_issued(rows.issued)
    sums.add_ended(rows.ended)
    sums.add_rated(rows.rated)
    sums.add_samples(rows.samples)
    sums.add_booked(rows.booked)
    moment = (now or datetime.now(UTC)).astimezone(tz)
    return Report(
        date_from=rows.date_from,
        date_to=rows.date_to,
        site_th=site_th,
        site_en=site_en,
        generated_at=moment.isoformat(timespec="seconds"),
        services=tuple(sums.service_figures(s, sums.by_service[s.id]) for s in rows.services),
        officers=tuple(sums.officer_figures(o) for o in rows.officers),
        counters=tuple(sums.counter_figures(c) for c in rows.counters),
        days=tuple(
            DayServiceFigures(day, sums.service_figures(s, sums.by_day[(day, s.id)], day))
            for day in _days(rows.date_from, rows.date_to)
            for s in rows.services
        ),
        hours=tuple(sums.hour_figures(h) for h in range(24)),
        total=sums.total_figures(),
    )


def _pct(part: int, whole: int) -> float | None:
    return 100.0 * part / whole if whole else None


def _local_hour(utc_hour: str, tz: ZoneInfo) -> int:
    """'2026-11-24T03' (UTC) -> the site's hour of day (10 in Bangkok)."""
    moment = datetime.fromisoformat(f"{utc_hour}:00:00+00:00")
    return moment.astimezone(tz).hour
