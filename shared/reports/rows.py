"""What the storage layer hands the report builder: small aggregate rows, never tickets.

The database groups and sums; the only per-ticket values that leave it are the few
ranked samples a percentile needs (at most four per group). Keys are plain values so
both backends (SQLite, PostgreSQL) can fill these without sharing any types but these.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ServiceInfo:
    id: int
    code: str
    name_th: str
    name_en: str
    promised_min: int  # the citizen manual's processing_minutes
    active: bool


@dataclass(frozen=True)
class OfficerInfo:
    id: int
    login: str
    name: str


@dataclass(frozen=True)
class CounterInfo:
    id: int
    number: int
    name_th: str
    name_en: str


@dataclass(frozen=True)
class IssuedRow:
    """Tickets issued on `day` at `service_id` (their origin) in one UTC hour."""

    day: str
    service_id: int
    utc_hour: str  # "YYYY-MM-DDTHH" of issued_at (UTC); turned into local hours later
    issued: int
    wait_sum: float  # minutes, over the tickets that were called at least once
    wait_n: int


@dataclass(frozen=True)
class EndedRow:
    """Tickets of `day` by where they are now (service, counter, officer) and state."""

    day: str
    service_id: int
    counter_id: int | None
    officer_id: int | None
    served: int
    no_show: int
    cancelled: int
    expired: int
    waiting: int
    called: int
    service_sum: float  # minutes of the served ones, call -> finish
    service_n: int
    within: int  # served within the service's promised minutes


@dataclass(frozen=True)
class RatedRow:
    day: str
    service_id: int
    ratings: int
    rating_sum: int


@dataclass(frozen=True)
class BookedRow:
    """Bookings of `day` (their slot's business date) at `service_id`, by how they ended."""

    day: str
    service_id: int
    made: int
    checked_in: int
    missed: int
    cancelled: int


@dataclass(frozen=True)
class RankedSample:
    """One ranked value of a group: rank `rn` of `n` values, for percentile assembly.

    `dim` says which measure and grouping: wait/service x service/day/officer/counter.
    """

    dim: str
    key: int
    day: str
    rn: int
    n: int
    value: float


@dataclass
class AggregateRows:
    date_from: str
    date_to: str
    services: list[ServiceInfo] = field(default_factory=list)
    officers: list[OfficerInfo] = field(default_factory=list)
    counters: list[CounterInfo] = field(default_factory=list)
    issued: list[IssuedRow] = field(default_factory=list)
    ended: list[EndedRow] = field(default_factory=list)
    rated: list[RatedRow] = field(default_factory=list)
    samples: list[RankedSample] = field(default_factory=list)
    booked: list[BookedRow] = field(default_factory=list)
