"""Officers: accounts with hashed PINs, sign-in with lockout, holding a counter."""

from __future__ import annotations

from datetime import timedelta

from shared.clock import from_db, to_db
from shared.domain.errors import AuthError, InvalidStateError
from shared.domain.model import EventKind, Officer
from shared.domain.pins import check_pin_format, hash_pin, verify_pin
from shared.storage.api import OfficerDayStats
from shared.storage.core import QueueCore
from shared.storage.database import Row, Tx
from shared.storage.kiosk_pin import check_admin_pin

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=5)
# A counter app refreshes its hold every half minute; a hold older than this was
# left by a crashed app and may be taken over.
HOLD_STALE_AFTER = timedelta(minutes=2)


def _officer(row: Row) -> Officer:
    return Officer(
        id=row["id"],
        login=row["login"],
        display_name=row["display_name"],
        role=row["role"],
        active=bool(row["active"]),
    )


def keep_an_admin(tx: Tx, row: Row) -> None:
    """Refuse to disable or demote `row`, an active admin, when no other active admin
    would be left (nobody could then manage the site without the command line)."""
    others = tx.scalar(
        "SELECT count(*) FROM officers WHERE role = 'admin' AND active = 1 AND id <> :id",
        {"id": row["id"]},
    )
    if not others:
        raise InvalidStateError(
            f"{row['login']} เป็นผู้ดูแลระบบคนสุดท้ายที่ใช้งานได้ จึงปิดหรือเปลี่ยนบทบาทไม่ได้ "
            "กรุณาเพิ่มหรือเปิดใช้ผู้ดูแลระบบอีกคนก่อน",
            f"{row['login']} is the last active admin and cannot be disabled or made an "
            "officer; add or enable another admin first",
        )


class OfficerOps(QueueCore):
    """Officer operations of the store."""

    def add_officer(
        self, login: str, display_name: str, pin: str, role: str = "officer",
        *, by: str | None = None,
    ) -> Officer:
        """Add an officer, or replace one's name, PIN and role; `by`: the admin who did
        it from the counter app, named in the event."""
        login = login.strip()
        if not login or not display_name.strip():
            raise InvalidStateError(
                "ต้องระบุรหัสผู้ใช้และชื่อเจ้าหน้าที่", "An officer needs a login and a name"
            )
        if role not in ("officer", "admin"):
            raise InvalidStateError(
                f"บทบาทต้องเป็น officer หรือ admin (ได้ {role!r})",
                f"Role must be officer or admin, not {role!r}",
            )
        check_pin_format(pin)
        pin_hash = hash_pin(pin)
        now = to_db(self.clock())
        with self.db.write() as tx:
            before = tx.one("SELECT * FROM officers WHERE login = :login", {"login": login})
            demoted = before is not None and before["role"] == "admin" and role != "admin"
            if before is not None and demoted and before["active"]:
                keep_an_admin(tx, before)
            row = tx.one(
                """INSERT INTO officers (login, display_name, pin_hash, role)
                   VALUES (:login, :name, :pin_hash, :role)
                   ON CONFLICT (login) DO UPDATE SET display_name = excluded.display_name,
                     pin_hash = excluded.pin_hash, role = excluded.role, active = 1,
                     failed_attempts = 0, locked_until = NULL
                   RETURNING *""",
                {"login": login, "name": display_name.strip(), "pin_hash": pin_hash, "role": role},
            )
            assert row is not None
            data = {"role": role} if by is None else {"role": role, "by": by}
            self._event(tx, now, EventKind.OFFICER_SAVED, officer_id=row["id"], data=data)
            return _officer(row)

    def officers(self) -> list[Officer]:
        rows = self.db.direct().all("SELECT * FROM officers ORDER BY login")
        return [_officer(r) for r in rows]

    def authenticate(self, login: str, pin: str) -> Officer:
        """Check a PIN; 5 failures in a row lock the officer out for 5 minutes.
        The slow hash runs outside the write lock so other counters are not held up."""
        moment = self.clock()
        row = self.db.direct().one(
            "SELECT * FROM officers WHERE login = :login AND active = 1", {"login": login.strip()}
        )
        if row is None:
            raise AuthError("ไม่พบเจ้าหน้าที่ หรือรหัส PIN ไม่ถูกต้อง", "Unknown officer or wrong PIN")
        locked_until = from_db(row["locked_until"])
        if locked_until is not None and locked_until > moment:
            local = locked_until.astimezone(self.site().tz).strftime("%H:%M")
            raise AuthError(
                f"ใส่รหัสผิดเกินกำหนด บัญชี {login} ถูกล็อกถึงเวลา {local} น.",
                f"Too many wrong PINs: {login} is locked until {local}",
            )
        ok = verify_pin(pin, row["pin_hash"])
        now = to_db(moment)
        with self.db.write() as tx:
            if ok:
                tx.execute(
                    "UPDATE officers SET failed_attempts = 0, locked_until = NULL WHERE id = :id",
                    {"id": row["id"]},
                )
                return _officer(row)
            failures = tx.scalar(
                "UPDATE officers SET failed_attempts = failed_attempts + 1 WHERE id = :id "
                "RETURNING failed_attempts",
                {"id": row["id"]},
            )
            locked = failures >= MAX_FAILURES
            if locked:
                tx.execute(
                    "UPDATE officers SET failed_attempts = 0, locked_until = :until WHERE id = :id",
                    {"until": to_db(moment + LOCKOUT), "id": row["id"]},
                )
            self._event(
                tx,
                now,
                EventKind.OFFICER_LOGIN_FAILED,
                officer_id=row["id"],
                data={"failures": failures, "locked": locked},
            )
        if locked:
            raise AuthError(
                f"ใส่รหัสผิด {MAX_FAILURES} ครั้ง บัญชี {login} ถูกล็อก 5 นาที",
                f"Wrong PIN {MAX_FAILURES} times: {login} is locked for 5 minutes",
            )
        raise AuthError("ไม่พบเจ้าหน้าที่ หรือรหัส PIN ไม่ถูกต้อง", "Unknown officer or wrong PIN")

    def is_admin_pin(self, pin: str) -> bool:
        """True when `pin` is the PIN of any active admin (the kiosk's way out); wrong
        PINs are counted and lock the pad like the counter's sign-in (kiosk_pin)."""
        return check_admin_pin(self, pin)

    def sign_in(self, counter_number: int, login: str, pin: str) -> Officer:
        """Authenticate and take the counter; a counter is held by one officer at a time."""
        officer = self.authenticate(login, pin)
        moment = self.clock()
        now = to_db(moment)
        held_by: str | None = None
        with self.db.write() as tx:
            counter = self._counter_row(tx, counter_number)
            holder = counter["officer_id"]
            seen = from_db(counter["officer_seen_at"])
            fresh = seen is not None and moment - seen < HOLD_STALE_AFTER
            if holder is not None and holder != officer.id and fresh:
                held_by = tx.scalar(
                    "SELECT display_name FROM officers WHERE id = :id", {"id": holder}
                )
                # Logged, then refused after the commit: raising inside the
                # transaction would roll the audit event back.
                self._event(
                    tx,
                    now,
                    EventKind.OFFICER_LOGIN_REFUSED,
                    counter_id=counter["id"],
                    officer_id=officer.id,
                    data={"held_by": held_by},
                )
            else:
                tx.execute(
                    "UPDATE counters SET officer_id = :officer, officer_seen_at = :now "
                    "WHERE id = :id",
                    {"officer": officer.id, "now": now, "id": counter["id"]},
                )
                self._event(
                    tx,
                    now,
                    EventKind.OFFICER_LOGIN,
                    counter_id=counter["id"],
                    officer_id=officer.id,
                )
        if held_by is not None:
            raise AuthError(
                f"ช่องบริการ {counter_number} มีเจ้าหน้าที่ {held_by} ใช้งานอยู่ กรุณาให้ออกจากระบบก่อน",
                f"Counter {counter_number} is in use by {held_by}; ask them to sign out",
            )
        return officer

    def sign_out(self, counter_number: int, login: str) -> None:
        now = to_db(self.clock())
        with self.db.write() as tx:
            counter = self._counter_row(tx, counter_number)
            officer_id = tx.scalar("SELECT id FROM officers WHERE login = :l", {"l": login})
            if officer_id is None or counter["officer_id"] != officer_id:
                return
            tx.execute(
                "UPDATE counters SET officer_id = NULL, officer_seen_at = NULL WHERE id = :id",
                {"id": counter["id"]},
            )
            self._event(
                tx, now, EventKind.OFFICER_LOGOUT, counter_id=counter["id"], officer_id=officer_id
            )

    def keep_hold(self, counter_number: int, login: str) -> bool:
        """Refresh the officer's hold on the counter; False when someone else holds it."""
        now = to_db(self.clock())
        with self.db.write() as tx:
            counter = self._counter_row(tx, counter_number)
            updated = tx.execute(
                """UPDATE counters SET officer_seen_at = :now WHERE id = :id
                   AND officer_id = (SELECT id FROM officers WHERE login = :login)
                   RETURNING id""",
                {"now": now, "id": counter["id"], "login": login},
            )
            return len(updated) == 1

    def officer_day_stats(self, login: str) -> OfficerDayStats:
        """Today's figures for one officer: served, no-shows, mean service minutes."""
        today = self.today()
        minutes = self.db.dialect.minutes_between("t.called_at", "t.finished_at")
        row = self.db.direct().one(
            f"""SELECT sum(CASE WHEN t.state = 'done' THEN 1 ELSE 0 END) AS served,
                 sum(CASE WHEN t.state = 'no_show' THEN 1 ELSE 0 END) AS no_shows,
                 avg(CASE WHEN t.state = 'done' THEN {minutes} END) AS mean_minutes
               FROM tickets t JOIN officers o ON o.id = t.officer_id
               WHERE t.business_date = :day AND o.login = :login""",
            {"day": today, "login": login},
        )
        assert row is not None
        mean = row["mean_minutes"]
        return OfficerDayStats(
            served=int(row["served"] or 0),
            no_shows=int(row["no_shows"] or 0),
            mean_service_min=None if mean is None else round(float(mean), 1),
        )
