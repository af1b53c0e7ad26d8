"""Officers: accounts with hashed PINs, sign-in with lockout, holding a counter."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from shared.clock import Clock, from_db, to_db
from shared.domain.errors import AuthError, InvalidStateError
from shared.domain.model import Officer
from shared.domain.pins import check_pin_format, hash_pin, verify_pin
from shared.storage.connection import write_transaction

if TYPE_CHECKING:
    from shared.site import SiteConfig

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=5)
# A counter app refreshes its hold every half minute; a hold older than this was
# left by a crashed app and may be taken over.
HOLD_STALE_AFTER = timedelta(minutes=2)


def _officer(row: sqlite3.Row) -> Officer:
    return Officer(
        id=row["id"],
        login=row["login"],
        display_name=row["display_name"],
        role=row["role"],
        active=bool(row["active"]),
    )


class OfficerMixin:
    """Officer operations of the store (mixed into SqliteStore)."""

    conn: sqlite3.Connection
    clock: Clock

    def site(self) -> SiteConfig: ...
    def _counter_row(self, c: sqlite3.Connection, number: int) -> sqlite3.Row: ...
    def _event(self, c: sqlite3.Connection, at: str, kind: str, **kwargs: Any) -> None: ...

    def add_officer(
        self, login: str, display_name: str, pin: str, role: str = "officer"
    ) -> Officer:
        login = login.strip()
        if not login or not display_name.strip():
            raise InvalidStateError(
                "An officer needs a login and a name", "ต้องระบุรหัสผู้ใช้และชื่อเจ้าหน้าที่"
            )
        if role not in ("officer", "admin"):
            raise InvalidStateError(
                f"Role must be officer or admin, not {role!r}",
                f"บทบาทต้องเป็น officer หรือ admin (ได้ {role!r})",
            )
        check_pin_format(pin)
        pin_hash = hash_pin(pin)
        now = to_db(self.clock())
        with write_transaction(self.conn) as c:
            row = c.execute(
                """INSERT INTO officers (login, display_name, pin_hash, role) VALUES (?, ?, ?, ?)
                   ON CONFLICT (login) DO UPDATE SET display_name = excluded.display_name,
                     pin_hash = excluded.pin_hash, role = excluded.role, active = 1,
                     failed_attempts = 0, locked_until = NULL
                   RETURNING *""",
                (login, display_name.strip(), pin_hash, role),
            ).fetchone()
            self._event(c, now, "officer_saved", officer_id=row["id"], data={"role": role})
            return _officer(row)

    def officers(self) -> list[Officer]:
        rows = self.conn.execute("SELECT * FROM officers ORDER BY login").fetchall()
        return [_officer(r) for r in rows]

    def authenticate(self, login: str, pin: str) -> Officer:
        """Check a PIN; 5 failures in a row lock the officer out for 5 minutes.
        The slow hash runs outside the write lock so other counters are not held up."""
        moment = self.clock()
        row = self.conn.execute(
            "SELECT * FROM officers WHERE login = ? AND active = 1", (login.strip(),)
        ).fetchone()
        if row is None:
            raise AuthError("Unknown officer or wrong PIN", "ไม่พบเจ้าหน้าที่ หรือรหัส PIN ไม่ถูกต้อง")
        locked_until = from_db(row["locked_until"])
        if locked_until is not None and locked_until > moment:
            local = locked_until.astimezone(self.site().tz).strftime("%H:%M")
            raise AuthError(
                f"Too many wrong PINs: {login} is locked until {local}",
                f"ใส่รหัสผิดเกินกำหนด บัญชี {login} ถูกล็อกถึงเวลา {local} น.",
            )
        ok = verify_pin(pin, row["pin_hash"])
        now = to_db(moment)
        with write_transaction(self.conn) as c:
            if ok:
                c.execute(
                    "UPDATE officers SET failed_attempts = 0, locked_until = NULL WHERE id = ?",
                    (row["id"],),
                )
                return _officer(row)
            failures = c.execute(
                "UPDATE officers SET failed_attempts = failed_attempts + 1 WHERE id = ? "
                "RETURNING failed_attempts",
                (row["id"],),
            ).fetchone()[0]
            locked = failures >= MAX_FAILURES
            if locked:
                c.execute(
                    "UPDATE officers SET failed_attempts = 0, locked_until = ? WHERE id = ?",
                    (to_db(moment + LOCKOUT), row["id"]),
                )
            self._event(
                c,
                now,
                "officer_login_failed",
                officer_id=row["id"],
                data={"failures": failures, "locked": locked},
            )
        if locked:
            raise AuthError(
                f"Wrong PIN {MAX_FAILURES} times: {login} is locked for 5 minutes",
                f"ใส่รหัสผิด {MAX_FAILURES} ครั้ง บัญชี {login} ถูกล็อก 5 นาที",
            )
        raise AuthError("Unknown officer or wrong PIN", "ไม่พบเจ้าหน้าที่ หรือรหัส PIN ไม่ถูกต้อง")

    def is_admin_pin(self, pin: str) -> bool:
        """True when `pin` is the PIN of any active admin (the kiosk's way out)."""
        rows = self.conn.execute(
            "SELECT pin_hash FROM officers WHERE role = 'admin' AND active = 1"
        ).fetchall()
        return any(verify_pin(pin, r[0]) for r in rows)

    def sign_in(self, counter_number: int, login: str, pin: str) -> Officer:
        """Authenticate and take the counter; a counter is held by one officer at a time."""
        officer = self.authenticate(login, pin)
        moment = self.clock()
        now = to_db(moment)
        held_by: str | None = None
        with write_transaction(self.conn) as c:
            counter = self._counter_row(c, counter_number)
            holder = counter["officer_id"]
            seen = from_db(counter["officer_seen_at"])
            fresh = seen is not None and moment - seen < HOLD_STALE_AFTER
            if holder is not None and holder != officer.id and fresh:
                held_by = c.execute(
                    "SELECT display_name FROM officers WHERE id = ?", (holder,)
                ).fetchone()[0]
                # Logged, then refused after the commit: raising inside the
                # transaction would roll the audit event back.
                self._event(
                    c,
                    now,
                    "officer_login_refused",
                    counter_id=counter["id"],
                    officer_id=officer.id,
                    data={"held_by": held_by},
                )
            else:
                c.execute(
                    "UPDATE counters SET officer_id = ?, officer_seen_at = ? WHERE id = ?",
                    (officer.id, now, counter["id"]),
                )
                self._event(
                    c, now, "officer_login", counter_id=counter["id"], officer_id=officer.id
                )
        if held_by is not None:
            raise AuthError(
                f"Counter {counter_number} is in use by {held_by}; ask them to sign out",
                f"ช่องบริการ {counter_number} มีเจ้าหน้าที่ {held_by} ใช้งานอยู่ กรุณาให้ออกจากระบบก่อน",
            )
        return officer

    def sign_out(self, counter_number: int, login: str) -> None:
        now = to_db(self.clock())
        with write_transaction(self.conn) as c:
            counter = self._counter_row(c, counter_number)
            officer = c.execute("SELECT id FROM officers WHERE login = ?", (login,)).fetchone()
            if officer is None or counter["officer_id"] != officer[0]:
                return
            c.execute(
                "UPDATE counters SET officer_id = NULL, officer_seen_at = NULL WHERE id = ?",
                (counter["id"],),
            )
            self._event(c, now, "officer_logout", counter_id=counter["id"], officer_id=officer[0])

    def keep_hold(self, counter_number: int, login: str) -> bool:
        """Refresh the officer's hold on the counter; False when someone else holds it."""
        now = to_db(self.clock())
        with write_transaction(self.conn) as c:
            counter = self._counter_row(c, counter_number)
            updated = c.execute(
                """UPDATE counters SET officer_seen_at = ? WHERE id = ?
                   AND officer_id = (SELECT id FROM officers WHERE login = ?)""",
                (now, counter["id"], login),
            ).rowcount
            return updated == 1

    def officer_day_stats(self, login: str) -> dict[str, Any]:
        """Today's figures for one officer: served, no-shows, mean service minutes."""
        today = self.today()  # type: ignore[attr-defined]
        row = self.conn.execute(
            """SELECT sum(t.state = 'done'), sum(t.state = 'no_show'),
                 avg(CASE WHEN t.state = 'done' THEN
                     (julianday(t.finished_at) - julianday(t.called_at)) * 1440.0 END)
               FROM tickets t JOIN officers o ON o.id = t.officer_id
               WHERE t.business_date = ? AND o.login = ?""",
            (today, login),
        ).fetchone()
        return {
            "served": row[0] or 0,
            "no_shows": row[1] or 0,
            "mean_service_min": None if row[2] is None else round(row[2], 1),
        }
