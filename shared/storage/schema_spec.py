"""The queue's schema, described once for every backend: tables, columns, constraints,
indexes, the event log's guards and the numbered steps that built them.

No SQL dialect here: `sqlite/schema.py` and `postgres/schema.py` render this into their
own statements (`schema_sql.py` walks the steps for both). Every object carries the step
(`since`) that added it, and the steps are numbered the same on every backend, so a
database at step N has the same tables whatever its engine. A new step appends: the
objects it adds (with its number as `since`) and, if it moves data, its `StepData`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """The portable type vocabulary. Timestamps are ISO 8601 text and flags 0/1
    integers on every backend, so the queue SQL reads the same text everywhere."""

    TEXT = "text"
    INTEGER = "integer"
    ID = "id"  # the table's own generated key
    REF = "ref"  # holds another table's id


@dataclass(frozen=True)
class Column:
    """One column; `one_of`/`at_least` are its check, `references` a table's id."""

    name: str
    kind: Kind
    not_null: bool = False
    default: str | int | None = None
    unique: bool = False
    one_of: tuple[str, ...] = ()
    at_least: int | None = None
    references: str | None = None
    since: int | None = None  # None: made with its table


@dataclass(frozen=True)
class Where:
    """A partial index's rows: `column` holds one of `values` (none of them if
    `negated`)."""

    column: str
    values: tuple[str, ...]
    negated: bool = False


@dataclass(frozen=True)
class Index:
    name: str
    columns: tuple[str, ...]
    descending: tuple[str, ...] = ()
    unique: bool = False
    where: Where | None = None
    since: int | None = None  # None: made with its table


class Guard(Enum):
    """What an append-only table refuses."""

    NO_CHANGE = "no_change"  # a row is never updated or removed
    NO_OVERWRITE = "no_overwrite"  # an insert never takes an existing row's id


@dataclass(frozen=True)
class TableGuard:
    guard: Guard
    since: int


@dataclass(frozen=True)
class Table:
    """A table; `primary_key` names a composite key (an `ID` column is its own key).

    `ids_never_reused`: an id is never handed out twice (readers of the log keep the
    last id they saw). `feed`: new rows wake the change feed's listeners.
    """

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    unique_together: tuple[tuple[str, ...], ...] = ()
    indexes: tuple[Index, ...] = ()
    guards: tuple[TableGuard, ...] = ()
    ids_never_reused: bool = False
    feed: bool = False
    since: int = 1

    def step_of(self, item: Column | Index | TableGuard) -> int:
        """The step that added `item` to this table."""
        return self.since if item.since is None else item.since


@dataclass(frozen=True)
class RandomSetting:
    """A `settings` row made once: 32 random hexadecimal digits, kept if present."""

    key: str


@dataclass(frozen=True)
class Backfill:
    """Existing rows whose `when` column equals its value get `value` in `column`."""

    table: str
    column: str
    value: str
    when: tuple[str, int]


@dataclass(frozen=True)
class Step:
    """One numbered migration step: what it is for, and the data it moves (the
    objects it adds name it in their `since`)."""

    number: int
    purpose: str
    data: tuple[RandomSetting | Backfill, ...] = ()


_TICKET_STATES = ("waiting", "called", "done", "no_show", "cancelled", "expired")
_BOOKING_STATES = ("booked", "checked_in", "cancelled", "missed")
_T, _I = Kind.TEXT, Kind.INTEGER

# Parents before children (foreign keys): the order a whole site is copied in.
SCHEMA: tuple[Table, ...] = (
    Table("settings", (Column("key", _T), Column("value", _T, not_null=True)), ("key",)),
    Table(
        "services",
        (
            Column("id", Kind.ID),
            Column("code", _T, not_null=True, unique=True),
            Column("prefix", _T, not_null=True),
            Column("name_th", _T, not_null=True),
            Column("name_en", _T, not_null=True),
            Column("agency_th", _T, not_null=True, default=""),
            Column("agency_en", _T, not_null=True, default=""),
            Column("documents_th", _T, not_null=True, default="[]"),
            Column("documents_en", _T, not_null=True, default="[]"),
            Column("processing_minutes", _I, not_null=True, default=10),
            Column("fee_th", _T, not_null=True, default=""),
            Column("fee_en", _T, not_null=True, default=""),
            Column("where_th", _T, not_null=True, default=""),
            Column("where_en", _T, not_null=True, default=""),
            Column("hours", _T, not_null=True, default="[]"),
            Column("active", _I, not_null=True, default=1),
            Column("display_order", _I, not_null=True, default=0),
        ),
    ),
    Table(
        "officers",
        (
            Column("id", Kind.ID),
            Column("login", _T, not_null=True, unique=True),
            Column("display_name", _T, not_null=True),
            Column("pin_hash", _T, not_null=True),
            Column("role", _T, not_null=True, one_of=("officer", "admin")),
            Column("active", _I, not_null=True, default=1),
            Column("failed_attempts", _I, not_null=True, default=0),
            Column("locked_until", _T),
        ),
    ),
    Table(
        "counters",
        (
            Column("id", Kind.ID),
            Column("number", _I, not_null=True, unique=True),
            Column("name_th", _T, not_null=True),
            Column("name_en", _T, not_null=True),
            Column("open", _I, not_null=True, default=1),
            Column("active", _I, not_null=True, default=1),
            Column("priority_streak", _I, not_null=True, default=0),
            Column("officer_id", Kind.REF, references="officers"),
            Column("officer_seen_at", _T),
        ),
    ),
    Table(
        "counter_services",
        (
            Column("counter_id", Kind.REF, not_null=True, references="counters"),
            Column("service_id", Kind.REF, not_null=True, references="services"),
            Column("position", _I, not_null=True),
        ),
        ("counter_id", "service_id"),
    ),
    # Gapless per-service daily numbering, claimed inside the issuing transaction.
    Table(
        "daily_sequences",
        (
            Column("service_id", Kind.REF, not_null=True, references="services"),
            Column("business_date", _T, not_null=True),
            Column("last_seq", _I, not_null=True),
        ),
        ("service_id", "business_date"),
    ),
    Table(
        "tickets",
        (
            Column("id", Kind.ID),
            Column("business_date", _T, not_null=True),
            Column("service_id", Kind.REF, not_null=True, references="services"),
            Column("origin_service_id", Kind.REF, not_null=True, references="services"),
            Column("seq", _I, not_null=True),
            Column("code", _T, not_null=True),
            Column("priority", _I, not_null=True, default=0),
            Column("state", _T, not_null=True, one_of=_TICKET_STATES),
            Column("counter_id", Kind.REF, references="counters"),
            Column("officer_id", Kind.REF, references="officers"),
            Column("issued_at", _T, not_null=True),
            Column("called_at", _T),
            Column("finished_at", _T),
            Column("recall_count", _I, not_null=True, default=0),
            Column("token", _T, not_null=True, unique=True),
            # Why a ticket is a priority one: `senior` (the ID card said 60 or over) or
            # `manual` (chosen by hand).
            Column("priority_reason", _T, one_of=("senior", "manual"), since=7),
        ),
        unique_together=(("business_date", "code"),),
        indexes=(
            # Call-next reads only waiting tickets: a partial index keeps it independent
            # of months of history.
            Index(
                "ix_tickets_waiting",
                ("service_id", "priority", "issued_at", "id"),
                descending=("priority",),
                where=Where("state", ("waiting",)),
            ),
            # A counter serves at most one ticket at a time.
            Index(
                "ux_tickets_called_counter",
                ("counter_id",),
                unique=True,
                where=Where("state", ("called",)),
            ),
            Index("ix_tickets_day_service", ("business_date", "service_id", "state")),
            # Day rollover reads only open tickets (without it, the first write of each
            # business day scanned the whole history).
            Index(
                "ix_tickets_open",
                ("business_date",),
                where=Where("state", ("waiting", "called")),
                since=2,
            ),
        ),
    ),
    # A booking holds one numbered place of its slot until it is cancelled: the unique
    # place index makes a slot's capacity a database fact, so concurrent bookings of the
    # last place can never overfill it.
    Table(
        "bookings",
        (
            Column("id", Kind.ID),
            Column("service_id", Kind.REF, not_null=True, references="services"),
            Column("business_date", _T, not_null=True),
            Column("slot_start", _T, not_null=True),
            Column("slot_end", _T, not_null=True),
            Column("place", _I, not_null=True, at_least=1),
            Column("code", _T, not_null=True, unique=True),
            Column("token", _T, not_null=True, unique=True),
            Column("state", _T, not_null=True, one_of=_BOOKING_STATES),
            Column("ticket_id", Kind.REF, unique=True, references="tickets"),
            Column("booked_at", _T, not_null=True),
            Column("ended_at", _T),
        ),
        indexes=(
            Index(
                "ux_bookings_place",
                ("service_id", "slot_start", "place"),
                unique=True,
                where=Where("state", ("cancelled",), negated=True),
            ),
            Index("ix_bookings_day", ("business_date", "service_id")),
            Index("ix_bookings_open", ("slot_start",), where=Where("state", ("booked",))),
        ),
        since=8,
    ),
    # The log is the audit trail: it can only grow.
    Table(
        "events",
        (
            Column("id", Kind.ID),
            Column("at", _T, not_null=True),
            Column("kind", _T, not_null=True),
            Column("ticket_id", Kind.REF, references="tickets"),
            Column("service_id", Kind.REF, references="services"),
            Column("counter_id", Kind.REF, references="counters"),
            Column("officer_id", Kind.REF, references="officers"),
            Column("data", _T, not_null=True, default="{}"),
        ),
        indexes=(
            Index("ix_events_counter", ("counter_id", "id")),
            # Reports find each ticket's first call (and its rating) by ticket, not by
            # scanning the whole log.
            Index("ix_events_ticket", ("ticket_id", "kind", "at"), since=3),
            # A citizen rates a done ticket at most once.
            Index(
                "ux_events_rated",
                ("ticket_id",),
                unique=True,
                where=Where("kind", ("rated",)),
                since=4,
            ),
        ),
        guards=(TableGuard(Guard.NO_CHANGE, 1), TableGuard(Guard.NO_OVERWRITE, 5)),
        ids_never_reused=True,
        feed=True,
    ),
)

STEPS: tuple[Step, ...] = (
    Step(1, "the initial schema"),
    Step(2, "day rollover reads only open tickets"),
    Step(3, "a ticket's events by kind (reports, the web pages)"),
    Step(4, "at most one rating per ticket"),
    Step(5, "an insert may not overwrite an event"),
    # Backups and copies keep the identity; `khiu restore` refuses another site's.
    Step(6, "the site's identity", (RandomSetting("site_id"),)),
    # Every priority ticket before this step was chosen by hand.
    Step(
        7,
        "why a ticket is a priority one",
        (Backfill("tickets", "priority_reason", "manual", ("priority", 1)),),
    ),
    Step(8, "bookings ahead"),
)

SCHEMA_VERSION = len(STEPS)
