"""QueueCore: what every part of the queue logic shares: the database adapter and the
clock, site and lookups, the event writer, the day rollover, the ticket finders.

Written once for every backend on the `Database` adapter in portable SQL. Every
read-then-write is one short `db.write()` transaction, so two counters in different
processes can never get the same ticket; every state change writes its event in the
same transaction (the log is the audit trail and the change feed).
"""

from __future__ import annotations

import json
import logging
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from shared.clock import Clock, business_date, from_db, to_db, utc_now
from shared.domain.errors import DatabaseError, NotFoundError
from shared.domain.model import Action, Counter, EventKind, Service, TicketState, next_state
from shared.site import DEFAULT_SITE, SiteConfig, site_from_mapping
from shared.storage.api import FeedCursor, TicketView
from shared.storage.database import Database, Row, Tx
from shared.storage.reads import (
    TodayWaits,
    read_counters,
    service_from_row,
    view_of_row,
    view_select,
)

log = logging.getLogger(__name__)

# A clock found this far behind the queue's newest time is recorded (a `clock_back`
# event) and logged: a hand-set clock, a bad NTP server, a dead CMOS battery. Smaller
# steps (NTP slewing, two PCs a few seconds apart) are only absorbed.
CLOCK_BACK_RECORDED_FROM = timedelta(minutes=1)

# What every write reads before its transaction, in ONE statement: the site, the day
# the queue has rolled over to, and the queue's newest time (the last ticket event's:
# stamps never decrease, so the last one is the newest; the primary key read
# backwards stops at the first ticket event; `+` keeps SQLite's planner off the
# ticket index, which would read every ticket event). Events without a ticket (site loads,
# officers) keep their own PC's time and do not move the queue's clock: an admin's
# laptop with a wrong clock must not freeze the queue.
_WRITE_CONTEXT = """SELECT key, value FROM settings WHERE key IN ('site', 'rolled_over_to')
UNION ALL
SELECT 'queue_clock', (SELECT at FROM events WHERE +ticket_id IS NOT NULL
                       ORDER BY id DESC LIMIT 1)"""


def on_a_live_day(table: str) -> str:
    """SQL condition (parameter :today) on `table`'s waiting or called tickets: today's,
    or, once today's rollover has run, one from an earlier day still being served at
    midnight and sent back to a queue since (the rollover expired every other one; before
    it runs, an earlier day's waiting tickets are about to expire and count nowhere)."""
    return (
        f"({table}.business_date = :today OR EXISTS (SELECT 1 FROM settings "
        "WHERE key = 'rolled_over_to' AND value >= :today))"
    )


class QueueCore:
    """The shared state and helpers of the queue logic (the mixins build on it)."""

    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self.db = db
        self.clock = clock
        self._site_text: str | None = None
        self._site: SiteConfig = DEFAULT_SITE

    # ------------------------------------------------------------ database
    def close(self) -> None:
        self.db.close()

    def health(self) -> None:
        self.db.health()

    def replaced(self) -> bool:
        return self.db.replaced()

    def backup(self, target: Path) -> None:
        self.db.backup(Path(target))

    def describe(self) -> str:
        return self.db.describe()

    def schema_version(self) -> int:
        return self.db.schema_version()

    def open_feed(self, after_id: int | None = None) -> FeedCursor:
        return self.db.open_feed(after_id)

    # ----------------------------------------------------------------- site
    def site(self) -> SiteConfig:
        """The site configuration as last loaded (re-parsed only when it changed)."""
        return self._parsed_site(
            self.db.direct().scalar("SELECT value FROM settings WHERE key = 'site'")
        )

    def _parsed_site(self, text: str | None) -> SiteConfig:
        if text != self._site_text:
            self._site = site_from_mapping(json.loads(text), "site") if text else DEFAULT_SITE
            self._site_text = text
        return self._site

    def today(self) -> str:
        """The business day: the clock's, but never a day the queue has already left
        (a clock set back to yesterday must not show yesterday's queue)."""
        values = {
            r["key"]: r["value"]
            for r in self.db.direct().all(
                "SELECT key, value FROM settings WHERE key IN ('site', 'rolled_over_to')"
            )
        }
        day = business_date(self.clock(), self._parsed_site(values.get("site")).tz)
        return max(day, values.get("rolled_over_to") or day)

    # -------------------------------------------------------------- lookups
    def services(self, *, include_inactive: bool = False) -> list[Service]:
        rows = self.db.direct().all(
            "SELECT * FROM services WHERE active = 1 OR :all = 1 ORDER BY display_order, code",
            {"all": int(include_inactive)},
        )
        return [service_from_row(r) for r in rows]

    def service(self, code: str) -> Service:
        return service_from_row(self._service_row(self.db.direct(), code))

    def counters(self) -> list[Counter]:
        with self.db.read() as tx:
            return read_counters(tx)

    def counter(self, number: int) -> Counter:
        for counter in self.counters():
            if counter.number == number:
                return counter
        raise self._unknown_counter(number)

    def _service_row(self, tx: Tx, code: str) -> Row:
        row = tx.one(
            "SELECT * FROM services WHERE code = :code AND active = 1",
            {"code": code.strip().upper()},
        )
        if row is None:
            known = ", ".join(s.code for s in self.services())
            raise NotFoundError(
                f"ไม่มีบริการรหัส {code!r} (บริการที่มี: {known})",
                f"Unknown service {code!r} (services here: {known})",
            )
        return row

    def _counter_row(self, tx: Tx, number: int) -> Row:
        row = tx.one("SELECT * FROM counters WHERE number = :n AND active = 1", {"n": number})
        if row is None:
            raise self._unknown_counter(number)
        return row

    def _unknown_counter(self, number: int) -> NotFoundError:
        known = ", ".join(
            str(r["number"])
            for r in self.db.direct().all(
                "SELECT number FROM counters WHERE active = 1 ORDER BY number"
            )
        )
        return NotFoundError(
            f"ไม่มีช่องบริการหมายเลข {number} (ช่องที่มี: {known})",
            f"Unknown counter {number} (counters here: {known})",
        )

    # --------------------------------------------------------------- events
    def _event(
        self,
        tx: Tx,
        at: str,
        kind: EventKind | Action,
        *,
        ticket_id: int | None = None,
        service_id: int | None = None,
        counter_id: int | None = None,
        officer_id: int | None = None,
        data: dict[str, Any] | None = None,
    ) -> None:
        self._events(
            tx,
            [
                event_values(
                    at,
                    kind,
                    ticket_id=ticket_id,
                    service_id=service_id,
                    counter_id=counter_id,
                    officer_id=officer_id,
                    data=data,
                )
            ],
        )

    @staticmethod
    def _events(tx: Tx, events: list[dict[str, Any]]) -> None:
        """The events of one operation in ONE multi-row INSERT: ids follow the list's
        order (and, under the write lock, commit order)."""
        if not events:
            return
        values = ", ".join(
            f"(:at{i}, :kind{i}, :ticket{i}, :service{i}, :counter{i}, :officer{i}, :data{i})"
            for i in range(len(events))
        )
        params = {f"{key}{i}": value for i, e in enumerate(events) for key, value in e.items()}
        tx.execute(
            "INSERT INTO events (at, kind, ticket_id, service_id, counter_id, officer_id, data)"
            f" VALUES {values}",
            params,
        )

    # --------------------------------------------------------- day rollover
    def _rollover(self, tx: Tx, today: str, now: str) -> None:
        """Expire tickets left waiting from earlier business days. A ticket being served
        (called) when its day ends stays with its counter, to be finished, marked no-show
        or transferred there (and counted on its own day); the counter's next call
        finishes it. Checked against a stored date so the cost is one key lookup on most
        writes."""
        rolled = tx.scalar("SELECT value FROM settings WHERE key = 'rolled_over_to'")
        if rolled is not None and rolled >= today:
            return
        # The index hint: without statistics SQLite's planner takes the all-history
        # date index. The partial index's own condition is repeated so SQLite may use it.
        stale = tx.execute(
            f"""UPDATE tickets {tx.dialect.index_hint("ix_tickets_open")}
               SET state = 'expired', finished_at = :now
               WHERE state IN ('waiting', 'called') AND state = 'waiting'
                 AND business_date < :today
               RETURNING id, service_id, counter_id""",
            {"now": now, "today": today},
        )
        for start in range(0, len(stale), 100):  # bounded statements (SQLite: ≤ 32766 params)
            self._events(
                tx,
                [
                    event_values(
                        now,
                        Action.EXPIRE,
                        ticket_id=row["id"],
                        service_id=row["service_id"],
                        counter_id=row["counter_id"],
                    )
                    for row in stale[start : start + 100]
                ],
            )
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('rolled_over_to', :today) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            {"today": today},
        )

    def _begin(self) -> tuple[str, str]:
        """(now, today) for a write: the clock read once per transaction, never earlier
        than the queue's newest time nor on a day already left (the site's clock never
        runs backwards in the database, so a clock set back cannot reorder the queue or
        reopen yesterday). On the first write of a business day the rollover commits
        first, in its own transaction, so it stands even when the action that follows
        is refused. The site, the rolled-over date and the queue's newest time come in
        one statement; the operation then uses `self._site` (no further site()
        statement before its commit)."""
        values = {r["key"]: r["value"] for r in self.db.direct().all(_WRITE_CONTEXT)}
        site = self._parsed_site(values.get("site"))
        rolled = values.get("rolled_over_to")
        clock = self.clock()
        moment = steady_moment(clock, from_db(values.get("queue_clock")), rolled, site.tz)
        now, today = to_db(moment), business_date(moment, site.tz)
        if moment - clock >= CLOCK_BACK_RECORDED_FROM:
            self._record_clock_back(clock, moment)
        if rolled is None or rolled < today:
            with self.db.write() as tx:
                self._rollover(tx, today, now)
        return now, today

    def _stamp(self) -> str:
        """The time to stamp a ticket's event written outside `_begin` (a rating): the
        clock, never earlier than the queue's newest time."""
        values = {r["key"]: r["value"] for r in self.db.direct().all(_WRITE_CONTEXT)}
        site = self._parsed_site(values.get("site"))
        return to_db(
            steady_moment(
                self.clock(),
                from_db(values.get("queue_clock")),
                values.get("rolled_over_to"),
                site.tz,
            )
        )

    def _record_clock_back(self, clock: datetime, moment: datetime) -> None:
        """Record a clock found behind the queue by a minute or more: one `clock_back`
        event (and one log line) per stretch of time the clock stays behind. The queue's
        time stands still at its newest stamp while the clock catches up, so an event
        stamped after the clock's reading is this same stretch, unless the clock was
        set back again (by a minute or more) since that event."""
        back_s = round((moment - clock).total_seconds(), 3)
        reading = to_db(clock)
        with self.db.write() as tx:
            stretch = tx.all(
                "SELECT data FROM events WHERE ticket_id IS NULL AND kind = :kind AND at > :clock",
                {"kind": EventKind.CLOCK_BACK.value, "clock": reading},
            )
            if any(_same_stretch(json.loads(r["data"]), clock) for r in stretch):
                return
            self._event(
                tx, to_db(moment), EventKind.CLOCK_BACK, data={"back_s": back_s, "clock": reading}
            )
        log.warning(
            "This PC's clock (%s) is %.0f s behind the queue's newest time: the queue "
            "goes on at %s until the clock catches up; check the clock and its time server",
            reading,
            back_s,
            to_db(moment),
        )

    # ------------------------------------------------------------- tickets
    def _find_ticket(self, tx: Tx, reference: str, today: str) -> Row:
        text = reference.strip()
        # A keyboard-wedge scanner types the status URL: its last path part is the token.
        token = urlparse(text).path.rstrip("/").rsplit("/", 1)[-1] if "/" in text else text
        row = tx.one("SELECT * FROM tickets WHERE token = :token", {"token": token})
        if row is None:
            row = tx.one(
                "SELECT * FROM tickets WHERE business_date = :day AND code = :code",
                {"day": today, "code": text.upper()},
            )
        if row is None:
            raise NotFoundError(f"ไม่พบบัตรคิว {text!r} ของวันนี้", f"No ticket {text!r} today")
        return row

    def _current_row(self, tx: Tx, counter: Row) -> Row | None:
        return tx.one(
            "SELECT * FROM tickets WHERE counter_id = :counter AND state = 'called'",
            {"counter": counter["id"]},
        )

    def _finish_row(self, tx: Tx, row: Row, counter: Row, action: Action, now: str) -> None:
        state = next_state(TicketState(row["state"]), action, row["code"])
        tx.execute(
            "UPDATE tickets SET state = :state, finished_at = :now WHERE id = :id",
            {"state": state.value, "now": now, "id": row["id"]},
        )
        self._event(
            tx,
            now,
            action,
            ticket_id=row["id"],
            service_id=row["service_id"],
            counter_id=counter["id"],
            officer_id=counter["officer_id"],
        )

    def _view_after_commit(self, ticket_id: int, today: str) -> TicketView:
        """The ticket as it is now, read after the write lock is released: position and
        wait estimate are reads, and every statement held under the lock makes 30
        counters queue longer (it may already show a change another process made since)."""
        return self._view(self.db.direct(), ticket_id, today, self._site.status_base_url)

    def _view(self, tx: Tx, ticket_id: int, today: str, base_url: str | None = None) -> TicketView:
        """The ticket's view in one statement (position and wait included)."""
        now = self.clock()
        row = tx.one(
            f"{view_select()} WHERE t.id = :id", {"id": ticket_id, "day": today, "now": to_db(now)}
        )
        if row is None:  # a restore replaced the database between the write and this read
            raise _replaced_meanwhile()
        url = self.site().status_base_url if base_url is None else base_url
        waits = TodayWaits(tx, today, now, self._site, wanted=(ticket_id,))
        return view_of_row(row, today, url, waits)


def steady_moment(
    clock: datetime, newest: datetime | None, rolled_over_to: str | None, tz: ZoneInfo
) -> datetime:
    """The time a write stamps: the clock's reading, but never earlier than the queue's
    newest stamp nor than the start of the business day the queue has rolled over to."""
    floors = [clock]
    if newest is not None:
        floors.append(newest)
    if rolled_over_to is not None:
        floors.append(datetime.combine(date.fromisoformat(rolled_over_to), time.min, tz))
    return max(floors)


def _same_stretch(recorded: dict[str, Any], clock: datetime) -> bool:
    """Whether a `clock_back` event's clock reading is at most a minute after `clock`
    (clocks of different processes read a little apart)."""
    reading = from_db(recorded.get("clock"))
    return reading is not None and reading - clock < CLOCK_BACK_RECORDED_FROM


def _replaced_meanwhile() -> DatabaseError:
    return DatabaseError(
        "ฐานข้อมูลถูกแทนที่ระหว่างบันทึกบัตรคิว กรุณาลองใหม่",
        "The database was replaced while the ticket was saved; please try again",
    )


def event_values(
    at: str,
    kind: EventKind | Action,
    *,
    ticket_id: int | None = None,
    service_id: int | None = None,
    counter_id: int | None = None,
    officer_id: int | None = None,
    data: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One event's values for `QueueCore._events`."""
    return {
        "at": at,
        "kind": kind.value,
        "ticket": ticket_id,
        "service": service_id,
        "counter": counter_id,
        "officer": officer_id,
        "data": json.dumps(data or {}, ensure_ascii=False),
    }
