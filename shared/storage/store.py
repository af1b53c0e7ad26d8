"""SqliteStore: the one storage interface the apps and the command line use.

Every read-then-write is one short BEGIN IMMEDIATE transaction, so two counters in
different processes can never get the same ticket. Every state change writes its
event in the same transaction (the log is the audit trail and the change feed).
A PostgreSQL store for multi-PC sites will implement the same public methods.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from shared.clock import Clock, business_date, from_db, to_db, utc_now
from shared.domain.errors import InvalidStateError, NotFoundError
from shared.domain.model import Action, Counter, Service, TicketState, next_state
from shared.domain.rules import choose_next
from shared.site import DEFAULT_SITE, SiteConfig, site_from_mapping
from shared.storage import officers as officer_ops
from shared.storage.connection import connect, read_snapshot, write_transaction
from shared.storage.identity import check_same_file, file_identity, sidecars
from shared.storage.rows import counter_from_row, service_from_row
from shared.views import (
    TICKET_SELECT,
    EventView,
    TicketView,
    events_since,
    last_event_id,
    open_counters_serving,
    ticket_view,
    upcoming_for_counter,
    wait_for,
)

Params = dict[str, Any]

# One queue's head for call-next, on the partial index of waiting tickets.
_OLDEST_WAITING = """SELECT * FROM (
    SELECT priority, id FROM tickets
    WHERE state = 'waiting' AND priority = {priority} AND service_id IN
        (SELECT service_id FROM counter_services WHERE counter_id = :counter)
    ORDER BY issued_at, id LIMIT 1)"""


class SqliteStore(officer_ops.OfficerMixin):
    """The queue on one SQLite file (WAL, synchronous=FULL)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock = utc_now) -> None:
        self.conn = conn
        self.path = path
        self.clock = clock
        # The file this connection has open: writes are refused once another is there.
        self.identity = file_identity(path)
        self.sidecars = sidecars(path)  # its -wal and -shm (see clear_stale_sidecars)
        self._site_text: str | None = None
        self._site: SiteConfig = DEFAULT_SITE

    @classmethod
    def open(cls, path: Path, *, create: bool = False, clock: Clock = utc_now) -> SqliteStore:
        return cls(connect(Path(path), create=create), Path(path), clock)

    def close(self) -> None:
        self.conn.close()

    def file_replaced(self) -> bool:
        """True when the file at the path is no longer the one this store has open."""
        return file_identity(self.path) != self.identity

    # ----------------------------------------------------------------- site
    def site(self) -> SiteConfig:
        """The site configuration as last loaded (re-parsed only when it changed)."""
        row = self.conn.execute("SELECT value FROM settings WHERE key = 'site'").fetchone()
        text = row[0] if row else None
        if text != self._site_text:
            self._site = site_from_mapping(json.loads(text), "site") if text else DEFAULT_SITE
            self._site_text = text
        return self._site

    def today(self) -> str:
        return business_date(self.clock(), self.site().tz)

    def load_site(self, site: SiteConfig) -> None:
        """Store the site file; upsert services and counters (history keeps old ones)."""
        now = to_db(self.clock())
        with write_transaction(self.conn) as c:
            c.execute(
                "INSERT INTO settings (key, value) VALUES ('site', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (json.dumps(site.raw, ensure_ascii=False),),
            )
            c.execute("UPDATE services SET active = 0")
            for order, svc in enumerate(site.services):
                c.execute(
                    """INSERT INTO services (code, prefix, name_th, name_en, agency_th, agency_en,
                         documents_th, documents_en, processing_minutes, fee_th, fee_en,
                         where_th, where_en, hours, active, display_order)
                       VALUES (:code, :prefix, :name_th, :name_en, :agency_th, :agency_en,
                         :documents_th, :documents_en, :processing_minutes, :fee_th, :fee_en,
                         :where_th, :where_en, :hours, :active, :display_order)
                       ON CONFLICT (code) DO UPDATE SET prefix = excluded.prefix,
                         name_th = excluded.name_th, name_en = excluded.name_en,
                         agency_th = excluded.agency_th, agency_en = excluded.agency_en,
                         documents_th = excluded.documents_th,
                         documents_en = excluded.documents_en,
                         processing_minutes = excluded.processing_minutes,
                         fee_th = excluded.fee_th, fee_en = excluded.fee_en,
                         where_th = excluded.where_th, where_en = excluded.where_en,
                         hours = excluded.hours, active = excluded.active,
                         display_order = excluded.display_order""",
                    {
                        "code": svc.code,
                        "prefix": svc.prefix,
                        "name_th": svc.name_th,
                        "name_en": svc.name_en,
                        "agency_th": svc.agency_th,
                        "agency_en": svc.agency_en,
                        "documents_th": json.dumps(svc.documents_th, ensure_ascii=False),
                        "documents_en": json.dumps(svc.documents_en, ensure_ascii=False),
                        "processing_minutes": svc.processing_minutes,
                        "fee_th": svc.fee_th,
                        "fee_en": svc.fee_en,
                        "where_th": svc.where_th,
                        "where_en": svc.where_en,
                        "hours": json.dumps(
                            [
                                {"days": h.days, "open": h.opens, "close": h.closes}
                                for h in svc.hours
                            ]
                        ),
                        "active": int(svc.active),
                        "display_order": order,
                    },
                )
            c.execute("UPDATE counters SET active = 0")
            for counter in site.counters:
                counter_id = c.execute(
                    """INSERT INTO counters (number, name_th, name_en, active)
                       VALUES (?, ?, ?, 1)
                       ON CONFLICT (number) DO UPDATE SET name_th = excluded.name_th,
                         name_en = excluded.name_en, active = 1
                       RETURNING id""",
                    (counter.number, counter.name_th, counter.name_en),
                ).fetchone()[0]
                c.execute("DELETE FROM counter_services WHERE counter_id = ?", (counter_id,))
                for position, code in enumerate(counter.services):
                    c.execute(
                        """INSERT INTO counter_services (counter_id, service_id, position)
                           SELECT ?, id, ? FROM services WHERE code = ?""",
                        (counter_id, position, code),
                    )
            self._event(c, now, "site_loaded", data={"name_en": site.name_en})

    # -------------------------------------------------------------- lookups
    def services(self, *, include_inactive: bool = False) -> list[Service]:
        rows = self.conn.execute(
            "SELECT * FROM services WHERE active = 1 OR ? ORDER BY display_order, code",
            (int(include_inactive),),
        ).fetchall()
        return [service_from_row(r) for r in rows]

    def service(self, code: str) -> Service:
        return service_from_row(self._service_row(self.conn, code))

    def counters(self) -> list[Counter]:
        rows = self.conn.execute(
            """SELECT c.*, o.login AS officer_login,
                 (SELECT group_concat(code, ',') FROM (
                    SELECT s.code FROM counter_services cs JOIN services s ON s.id = cs.service_id
                    WHERE cs.counter_id = c.id ORDER BY cs.position)) AS service_codes
               FROM counters c LEFT JOIN officers o ON o.id = c.officer_id
               WHERE c.active = 1 ORDER BY c.number"""
        ).fetchall()
        return [counter_from_row(r) for r in rows]

    def counter(self, number: int) -> Counter:
        for counter in self.counters():
            if counter.number == number:
                return counter
        raise self._unknown_counter(number)

    def _service_row(self, c: sqlite3.Connection, code: str) -> sqlite3.Row:
        row = c.execute(
            "SELECT * FROM services WHERE code = ? AND active = 1", (code.strip().upper(),)
        ).fetchone()
        if row is None:
            known = ", ".join(s.code for s in self.services())
            raise NotFoundError(
                f"Unknown service {code!r} (services here: {known})",
                f"ไม่มีบริการรหัส {code!r} (บริการที่มี: {known})",
            )
        return row

    def _counter_row(self, c: sqlite3.Connection, number: int) -> sqlite3.Row:
        row = c.execute(
            "SELECT * FROM counters WHERE number = ? AND active = 1", (number,)
        ).fetchone()
        if row is None:
            raise self._unknown_counter(number)
        return row

    def _unknown_counter(self, number: int) -> NotFoundError:
        known = ", ".join(
            str(n[0])
            for n in self.conn.execute(
                "SELECT number FROM counters WHERE active = 1 ORDER BY number"
            )
        )
        return NotFoundError(
            f"Unknown counter {number} (counters here: {known})",
            f"ไม่มีช่องบริการหมายเลข {number} (ช่องที่มี: {known})",
        )

    # --------------------------------------------------------------- events
    def _event(
        self,
        c: sqlite3.Connection,
        at: str,
        kind: str,
        *,
        ticket_id: int | None = None,
        service_id: int | None = None,
        counter_id: int | None = None,
        officer_id: int | None = None,
        data: Params | None = None,
    ) -> None:
        c.execute(
            """INSERT INTO events (at, kind, ticket_id, service_id, counter_id, officer_id, data)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (
                at,
                kind,
                ticket_id,
                service_id,
                counter_id,
                officer_id,
                json.dumps(data or {}, ensure_ascii=False),
            ),
        )

    def events_since(self, after_id: int, limit: int = 500) -> list[EventView]:
        return events_since(self.conn, after_id, limit)

    def last_event_id(self) -> int:
        return last_event_id(self.conn)

    # --------------------------------------------------------- day rollover
    def _rollover(self, c: sqlite3.Connection, today: str, now: str) -> None:
        """Expire tickets left waiting (or still called) from earlier business days.
        Checked against a stored date so the cost is one key lookup on most writes."""
        row = c.execute("SELECT value FROM settings WHERE key = 'rolled_over_to'").fetchone()
        if row is not None and row[0] >= today:
            return
        stale = c.execute(
            # INDEXED BY: without statistics the planner takes the all-history date index.
            """UPDATE tickets INDEXED BY ix_tickets_open SET state = 'expired', finished_at = ?
               WHERE state IN ('waiting', 'called') AND business_date < ?
               RETURNING id, service_id, counter_id""",
            (now, today),
        ).fetchall()
        for ticket_id, service_id, counter_id in stale:
            self._event(
                c,
                now,
                Action.EXPIRE.value,
                ticket_id=ticket_id,
                service_id=service_id,
                counter_id=counter_id,
            )
        c.execute(
            "INSERT INTO settings (key, value) VALUES ('rolled_over_to', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (today,),
        )

    def _begin(self) -> tuple[str, str]:
        """(now, today) for a write: the clock read once per transaction. On the first
        write of a business day the rollover commits first, in its own transaction, so
        it stands even when the action that follows is refused."""
        # Never write into a file that was moved away, deleted or replaced: the tickets
        # would exist only there, and no counter would ever call them.
        check_same_file(self.path, self.identity)
        moment = self.clock()
        now, today = to_db(moment), business_date(moment, self.site().tz)
        row = self.conn.execute(
            "SELECT value FROM settings WHERE key = 'rolled_over_to'"
        ).fetchone()
        if row is None or row[0] < today:
            with write_transaction(self.conn) as c:
                self._rollover(c, today, now)
        return now, today

    # ---------------------------------------------------------------- issue
    def issue(self, service_code: str, *, priority: bool = False) -> TicketView:
        """A new ticket: the next gapless number of the service for today."""
        now, today = self._begin()
        with write_transaction(self.conn) as c:
            service = self._service_row(c, service_code)
            seq = c.execute(
                """INSERT INTO daily_sequences (service_id, business_date, last_seq)
                   VALUES (?, ?, 1)
                   ON CONFLICT (service_id, business_date) DO UPDATE SET last_seq = last_seq + 1
                   RETURNING last_seq""",
                (service["id"], today),
            ).fetchone()[0]
            code = f"{service['prefix']}{seq:03d}"
            try:
                ticket_id = c.execute(
                    """INSERT INTO tickets (business_date, service_id, origin_service_id, seq,
                         code, priority, state, issued_at, token)
                       VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?, ?) RETURNING id""",
                    (
                        today,
                        service["id"],
                        service["id"],
                        seq,
                        code,
                        int(priority),
                        now,
                        secrets.token_urlsafe(18),
                    ),
                ).fetchone()[0]
            except sqlite3.IntegrityError:
                raise InvalidStateError(
                    f"Ticket {code} already exists today (was prefix {service['prefix']} "
                    "given to another service?)",
                    f"หมายเลข {code} ถูกใช้ไปแล้ววันนี้ (ตัวอักษรนำหน้าซ้ำกับบริการอื่น?)",
                ) from None
            self._event(
                c,
                now,
                Action.ISSUE.value,
                ticket_id=ticket_id,
                service_id=service["id"],
                data={"priority": priority},
            )
        return self._view_after_commit(ticket_id, today)

    # ----------------------------------------------------------------- call
    def call_next(self, counter_number: int) -> TicketView | None:
        """Finish the counter's current ticket (if any) and call the next one for it."""
        now, today = self._begin()
        with write_transaction(self.conn) as c:
            counter = self._open_counter(c, counter_number)
            self._end_current(c, counter, Action.FINISH, now)
            # The oldest priority and the oldest normal ticket of the counter's services,
            # in one statement (each statement under the write lock delays other counters).
            oldest = dict(
                c.execute(
                    f"""{_OLDEST_WAITING.format(priority=1)}
                        UNION ALL {_OLDEST_WAITING.format(priority=0)}""",
                    {"counter": counter["id"]},
                ).fetchall()
            )
            choice = choose_next(
                1 in oldest,
                0 in oldest,
                counter["priority_streak"],
                self.site().priority_fairness,
            )
            if choice is None:
                return None
            ticket_id = oldest[1 if choice.take_priority else 0]
            if choice.streak_after != counter["priority_streak"]:
                c.execute(
                    "UPDATE counters SET priority_streak = ? WHERE id = ?",
                    (choice.streak_after, counter["id"]),
                )
            self._mark_called(c, ticket_id, counter, now)
        return self._view_after_commit(ticket_id, today)

    def call_ticket(self, counter_number: int, reference: str) -> TicketView:
        """Call one exact waiting ticket: a typed code (A001) or a scanned status URL/token."""
        now, today = self._begin()
        with write_transaction(self.conn) as c:
            counter = self._open_counter(c, counter_number)
            row = self._find_ticket(c, reference, today)
            next_state(TicketState(row["state"]), Action.CALL, row["code"])
            self._end_current(c, counter, Action.FINISH, now)
            self._mark_called(c, row["id"], counter, now)
            ticket_id = row["id"]
        return self._view_after_commit(ticket_id, today)

    def _mark_called(
        self, c: sqlite3.Connection, ticket_id: int, counter: sqlite3.Row, now: str
    ) -> None:
        service_id = c.execute(
            """UPDATE tickets SET state = 'called', counter_id = ?, officer_id = ?, called_at = ?
               WHERE id = ? AND state = 'waiting' RETURNING service_id""",
            (counter["id"], counter["officer_id"], now, ticket_id),
        ).fetchone()[0]
        self._event(
            c,
            now,
            Action.CALL.value,
            ticket_id=ticket_id,
            service_id=service_id,
            counter_id=counter["id"],
            officer_id=counter["officer_id"],
        )

    def _open_counter(self, c: sqlite3.Connection, number: int) -> sqlite3.Row:
        counter = self._counter_row(c, number)
        if not counter["open"]:
            raise InvalidStateError(
                f"Counter {number} is paused; resume it before calling",
                f"ช่องบริการ {number} พักอยู่ กรุณากดเปิดให้บริการก่อนเรียกคิว",
            )
        return counter

    def _find_ticket(self, c: sqlite3.Connection, reference: str, today: str) -> sqlite3.Row:
        text = reference.strip()
        # A keyboard-wedge scanner types the status URL: its last path part is the token.
        token = urlparse(text).path.rstrip("/").rsplit("/", 1)[-1] if "/" in text else text
        row = c.execute("SELECT * FROM tickets WHERE token = ?", (token,)).fetchone()
        if row is None:
            row = c.execute(
                "SELECT * FROM tickets WHERE business_date = ? AND code = ?", (today, text.upper())
            ).fetchone()
        if row is None:
            raise NotFoundError(f"No ticket {text!r} today", f"ไม่พบบัตรคิว {text!r} ของวันนี้")
        return row

    # ------------------------------------------------ acts on current ticket
    def _current_row(self, c: sqlite3.Connection, counter: sqlite3.Row) -> sqlite3.Row | None:
        return c.execute(
            "SELECT * FROM tickets WHERE counter_id = ? AND state = 'called'", (counter["id"],)
        ).fetchone()

    def _require_current(self, c: sqlite3.Connection, counter: sqlite3.Row) -> sqlite3.Row:
        row = self._current_row(c, counter)
        if row is None:
            raise InvalidStateError(
                f"Counter {counter['number']} has no ticket being served",
                f"ช่องบริการ {counter['number']} ไม่มีคิวที่กำลังให้บริการ",
            )
        return row

    def _end_current(
        self, c: sqlite3.Connection, counter: sqlite3.Row, action: Action, now: str
    ) -> None:
        row = self._current_row(c, counter)
        if row is not None:
            self._finish_row(c, row, counter, action, now)

    def _finish_row(
        self,
        c: sqlite3.Connection,
        row: sqlite3.Row,
        counter: sqlite3.Row,
        action: Action,
        now: str,
    ) -> None:
        state = next_state(TicketState(row["state"]), action, row["code"])
        c.execute(
            "UPDATE tickets SET state = ?, finished_at = ? WHERE id = ?",
            (state.value, now, row["id"]),
        )
        self._event(
            c,
            now,
            action.value,
            ticket_id=row["id"],
            service_id=row["service_id"],
            counter_id=counter["id"],
            officer_id=counter["officer_id"],
        )

    def _act(self, counter_number: int, action: Action, **extra: Any) -> TicketView:
        now, today = self._begin()
        with write_transaction(self.conn) as c:
            counter = self._counter_row(c, counter_number)
            row = self._require_current(c, counter)
            if action in (Action.FINISH, Action.NO_SHOW):
                self._finish_row(c, row, counter, action, now)
            elif action is Action.RECALL:
                c.execute(
                    "UPDATE tickets SET recall_count = recall_count + 1 WHERE id = ?", (row["id"],)
                )
                self._event(
                    c,
                    now,
                    action.value,
                    ticket_id=row["id"],
                    service_id=row["service_id"],
                    counter_id=counter["id"],
                    officer_id=counter["officer_id"],
                    data={"recall_count": row["recall_count"] + 1},
                )
            else:
                self._requeue(c, row, counter, action, now, **extra)
            ticket_id = row["id"]
        return self._view_after_commit(ticket_id, today)

    def _requeue(
        self,
        c: sqlite3.Connection,
        row: sqlite3.Row,
        counter: sqlite3.Row,
        action: Action,
        now: str,
        target: str | None = None,
    ) -> None:
        """Return or transfer: the ticket waits again at its original place by issue time."""
        next_state(TicketState(row["state"]), action, row["code"])
        service_id = row["service_id"]
        data: Params = {}
        if action is Action.TRANSFER:
            assert target is not None
            service = self._service_row(c, target)
            if service["id"] == row["service_id"]:
                raise InvalidStateError(
                    f"Ticket {row['code']} is already at {service['code']}",
                    f"บัตรคิว {row['code']} อยู่ในบริการ {service['code']} อยู่แล้ว",
                )
            service_id = service["id"]
            from_code = c.execute(
                "SELECT code FROM services WHERE id = ?", (row["service_id"],)
            ).fetchone()[0]
            data = {"from": from_code, "to": service["code"]}
        c.execute(
            """UPDATE tickets SET state = 'waiting', service_id = ?, counter_id = NULL,
                 officer_id = NULL, called_at = NULL WHERE id = ?""",
            (service_id, row["id"]),
        )
        self._event(
            c,
            now,
            action.value,
            ticket_id=row["id"],
            service_id=service_id,
            counter_id=counter["id"],
            officer_id=counter["officer_id"],
            data=data,
        )

    def recall(self, counter_number: int) -> TicketView:
        return self._act(counter_number, Action.RECALL)

    def no_show(self, counter_number: int) -> TicketView:
        return self._act(counter_number, Action.NO_SHOW)

    def finish(self, counter_number: int) -> TicketView:
        return self._act(counter_number, Action.FINISH)

    def transfer(self, counter_number: int, service_code: str) -> TicketView:
        return self._act(counter_number, Action.TRANSFER, target=service_code)

    def return_to_queue(self, counter_number: int) -> TicketView:
        return self._act(counter_number, Action.RETURN)

    def cancel(self, reference: str) -> TicketView:
        """Cancel a waiting ticket (the citizen left)."""
        now, today = self._begin()
        with write_transaction(self.conn) as c:
            row = self._find_ticket(c, reference, today)
            state = next_state(TicketState(row["state"]), Action.CANCEL, row["code"])
            c.execute(
                "UPDATE tickets SET state = ?, finished_at = ? WHERE id = ?",
                (state.value, now, row["id"]),
            )
            self._event(
                c, now, Action.CANCEL.value, ticket_id=row["id"], service_id=row["service_id"]
            )
            ticket_id = row["id"]
        return self._view_after_commit(ticket_id, today)

    def set_counter_open(self, counter_number: int, is_open: bool) -> Counter:
        """Pause or resume a counter: a paused counter gets no calls."""
        now, _ = self._begin()
        with write_transaction(self.conn) as c:
            counter = self._counter_row(c, counter_number)
            if bool(counter["open"]) != is_open:
                c.execute(
                    "UPDATE counters SET open = ? WHERE id = ?", (int(is_open), counter["id"])
                )
                self._event(
                    c,
                    now,
                    "counter_opened" if is_open else "counter_paused",
                    counter_id=counter["id"],
                    officer_id=counter["officer_id"],
                )
        return self.counter(counter_number)

    # ---------------------------------------------------------------- reads
    def _view_after_commit(self, ticket_id: int, today: str) -> TicketView:
        """The ticket as it is now, read after the write lock is released: position and
        wait estimate are reads, and every statement held under the lock makes 30
        counters queue longer (it may already show a change another process made since)."""
        with read_snapshot(self.conn) as c:
            return self._view(c, ticket_id, today)

    def _view(self, c: sqlite3.Connection, ticket_id: int, today: str) -> TicketView:
        row = c.execute(f"{TICKET_SELECT} WHERE t.id = ?", (ticket_id,)).fetchone()
        return ticket_view(c, row, today)

    def ticket(self, reference: str) -> TicketView:
        """Today's ticket by code, or any ticket by token or status URL."""
        today = self.today()
        with read_snapshot(self.conn) as c:
            return self._view(c, self._find_ticket(c, reference, today)["id"], today)

    def current_ticket(self, counter_number: int) -> TicketView | None:
        today = self.today()
        with read_snapshot(self.conn) as c:
            counter = self._counter_row(c, counter_number)
            row = self._current_row(c, counter)
            return None if row is None else self._view(c, row["id"], today)

    def upcoming(self, counter_number: int, limit: int = 5) -> list[TicketView]:
        """The next tickets in the order this counter would call them."""
        today = self.today()
        with read_snapshot(self.conn) as c:
            counter = self._counter_row(c, counter_number)
            service_ids = [
                r[0]
                for r in c.execute(
                    "SELECT service_id FROM counter_services WHERE counter_id = ?", (counter["id"],)
                )
            ]
            rows = upcoming_for_counter(
                c, service_ids, counter["priority_streak"], self.site().priority_fairness, limit
            )
            return [ticket_view(c, row, today) for row in rows]

    def recent_calls(self, limit: int = 6) -> list[TicketView]:
        """Today's latest calls (newest first), for the hall display's history strip."""
        today = self.today()
        with read_snapshot(self.conn) as c:
            rows = c.execute(
                f"""{TICKET_SELECT} WHERE t.business_date = ? AND t.called_at IS NOT NULL
                    ORDER BY t.called_at DESC, t.id DESC LIMIT ?""",
                (today, limit),
            ).fetchall()
            return [ticket_view(c, row, today) for row in rows]

    def status(self) -> dict[str, Any]:
        """Services with waiting counts, counters with current tickets (the contract's shape)."""
        site = self.site()
        today = self.today()
        local_now = self.clock().astimezone(site.tz)
        with read_snapshot(self.conn) as c:
            waiting = dict(
                c.execute(
                    """SELECT service_id, count(*) FROM tickets
                   WHERE state = 'waiting' AND business_date = ? GROUP BY service_id""",
                    (today,),
                ).fetchall()
            )
            oldest = dict(
                c.execute(
                    """SELECT service_id, min(issued_at) FROM tickets
                   WHERE state = 'waiting' AND business_date = ? GROUP BY service_id""",
                    (today,),
                ).fetchall()
            )
            services = []
            for svc in self.services():
                count = waiting.get(svc.id, 0)
                longest = None
                if svc.id in oldest:
                    longest = int((self.clock() - _parse(oldest[svc.id])).total_seconds() // 60)
                services.append(
                    {
                        "code": svc.code,
                        "prefix": svc.prefix,
                        "name_th": svc.name_th,
                        "name_en": svc.name_en,
                        "agency_th": svc.agency_th,
                        "agency_en": svc.agency_en,
                        "waiting": count,
                        "longest_wait_min": longest,
                        "estimated_wait_min": wait_for(
                            c, svc.id, count, today, svc.processing_minutes
                        ),
                        "open_counters": open_counters_serving(c, svc.id),
                        "open_now": svc.is_open_at(local_now),
                    }
                )
            counters = []
            for counter in self.counters():
                row = c.execute(
                    f"{TICKET_SELECT} WHERE c.number = ? AND t.state = 'called'", (counter.number,)
                ).fetchone()
                current = None if row is None else ticket_view(c, row, today).to_json(site.tz)
                counters.append(
                    {
                        "number": counter.number,
                        "name": counter.name_th,
                        "name_th": counter.name_th,
                        "name_en": counter.name_en,
                        "services": list(counter.service_codes),
                        "open": counter.open,
                        "officer": counter.officer_login,
                        "current": current,
                    }
                )
        return {"services": services, "counters": counters}


def _parse(text: str) -> datetime:
    moment = from_db(text)
    assert moment is not None
    return moment
