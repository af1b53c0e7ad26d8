"""The report as figures: frozen dataclasses and the contract's JSON shape. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Stats:
    """Minutes: mean, median (p50) and 90th percentile; None when there is no value."""

    mean: float | None = None
    p50: float | None = None
    p90: float | None = None

    def to_json(self) -> dict[str, float | None]:
        return {"mean": self.mean, "p50": self.p50, "p90": self.p90}


@dataclass(frozen=True)
class Counts:
    issued: int = 0
    served: int = 0
    no_show: int = 0
    cancelled: int = 0
    expired: int = 0
    waiting: int = 0  # still waiting now (only today's report can have any)
    called: int = 0  # being served now


@dataclass(frozen=True)
class BookingCounts:
    """Bookings ahead of a service: made, and how they ended (still booked: the rest)."""

    made: int = 0
    checked_in: int = 0
    missed: int = 0
    cancelled: int = 0

    def to_json(self) -> dict[str, int]:
        return {
            "made": self.made,
            "checked_in": self.checked_in,
            "missed": self.missed,
            "cancelled": self.cancelled,
        }


@dataclass(frozen=True)
class ServiceFigures:
    code: str
    name_th: str
    name_en: str
    promised_min: int
    counts: Counts
    wait: Stats
    service: Stats
    within_promise_pct: float | None
    rating_mean: float | None
    ratings: int
    bookings: BookingCounts = BookingCounts()

    def to_json(self) -> dict[str, Any]:
        c = self.counts
        return {
            "code": self.code,
            "name_th": self.name_th,
            "name_en": self.name_en,
            "issued": c.issued,
            "served": c.served,
            "no_show": c.no_show,
            "cancelled": c.cancelled,
            "expired": c.expired,
            "waiting": c.waiting,
            "wait_min": self.wait.to_json(),
            "service_min": self.service.to_json(),
            "promised_min": self.promised_min,
            "within_promise_pct": self.within_promise_pct,
            "rating_mean": self.rating_mean,
            "ratings": self.ratings,
            "bookings": self.bookings.to_json(),
        }


@dataclass(frozen=True)
class DayServiceFigures:
    """One service on one business date: the pivot-ready row of CSV and XLSX."""

    date: str
    figures: ServiceFigures

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date, **self.figures.to_json()}


@dataclass(frozen=True)
class OfficerFigures:
    login: str
    name: str
    served: int
    no_show: int
    service: Stats

    def to_json(self) -> dict[str, Any]:
        return {
            "login": self.login,
            "name": self.name,
            "served": self.served,
            "no_show": self.no_show,
            "service_min": self.service.to_json(),
        }


@dataclass(frozen=True)
class CounterFigures:
    number: int
    name_th: str
    name_en: str
    served: int
    no_show: int
    service: Stats

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "name_th": self.name_th,
            "name_en": self.name_en,
            "served": self.served,
            "no_show": self.no_show,
            "service_min": self.service.to_json(),
        }


@dataclass(frozen=True)
class HourFigures:
    """Tickets issued in one local hour of day (0-23), summed over the period."""

    hour: int
    issued: int
    wait_mean: float | None

    def to_json(self) -> dict[str, Any]:
        return {"hour": self.hour, "issued": self.issued, "wait_min_mean": self.wait_mean}


@dataclass(frozen=True)
class Report:
    date_from: str
    date_to: str
    site_th: str
    site_en: str
    generated_at: str  # ISO, site time
    services: tuple[ServiceFigures, ...]
    officers: tuple[OfficerFigures, ...]
    counters: tuple[CounterFigures, ...]
    days: tuple[DayServiceFigures, ...]
    hours: tuple[HourFigures, ...]
    total: ServiceFigures

    def to_json(self) -> dict[str, Any]:
        """The `khiu report --json` contract (plus a few extra keys scripts may ignore)."""
        return {
            "from": self.date_from,
            "to": self.date_to,
            "site": {"name_th": self.site_th, "name_en": self.site_en},
            "generated_at": self.generated_at,
            "services": [s.to_json() for s in self.services],
            "officers": [o.to_json() for o in self.officers],
            "counters": [c.to_json() for c in self.counters],
            "hours": [h.to_json() for h in self.hours],
            "days": [d.to_json() for d in self.days],
            "total": self.total.to_json(),
        }
