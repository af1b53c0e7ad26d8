"""The site manager's changes to officer accounts (disable and enable, a new PIN, a new
role) and to who holds a counter. Each is one transaction with an event naming who
made it; the site never loses its last active admin (nobody could then manage it
without the command line)."""

from __future__ import annotations

from typing import Any

from shared.clock import to_db
from shared.domain.errors import InvalidStateError, NotFoundError
from shared.domain.model import EventKind, Officer
from shared.domain.pins import check_pin_format, hash_pin
from shared.storage.core import QueueCore
from shared.storage.database import Row, Tx
from shared.storage.officers import _officer, keep_an_admin

ROLES = ("officer", "admin")


class OfficerAdminOps(QueueCore):
    """`disable_officer`, `enable_officer`, `set_officer_pin`, `set_officer_role`,
    `release_counter`, `site_manager`."""

    def site_manager(self) -> str | None:
        """None when this connection may change the site; else the database role that
        may (a PostgreSQL counter PC runs as the apps' role, which only runs the queue)."""
        query = self.db.dialect.site_manager_query()
        if query is None:
            return None
        row = self.db.direct().one(query)
        return None if row is None or row["may"] else str(row["manager"])

    def release_counter(self, counter_number: int, *, by: str) -> None:
        """Sign out whoever holds the counter (a PC that crashed kept its hold)."""
        now = to_db(self.clock())
        with self.db.write() as tx:
            counter = self._counter_row(tx, counter_number)
            if counter["officer_id"] is None:
                return
            tx.execute(
                "UPDATE counters SET officer_id = NULL, officer_seen_at = NULL WHERE id = :id",
                {"id": counter["id"]},
            )
            self._event(
                tx, now, EventKind.OFFICER_LOGOUT, counter_id=counter["id"],
                officer_id=counter["officer_id"], data={"by": by},
            )

    def disable_officer(self, login: str, *, by: str) -> Officer:
        """A disabled officer cannot sign in; a counter they hold is let go."""
        return self._change_officer(login, by, {"active": 0}, change="disabled")

    def enable_officer(self, login: str, *, by: str) -> Officer:
        return self._change_officer(login, by, {"active": 1}, change="enabled")

    def set_officer_pin(self, login: str, pin: str, *, by: str) -> Officer:
        """A new PIN (salted hash only) also lifts a lock-out from wrong PINs."""
        check_pin_format(pin)
        values = {"pin_hash": hash_pin(pin), "failed_attempts": 0, "locked_until": None}
        return self._change_officer(login, by, values, change="pin")

    def set_officer_role(self, login: str, role: str, *, by: str) -> Officer:
        if role not in ROLES:
            raise InvalidStateError(
                f"บทบาทต้องเป็น officer หรือ admin (ได้ {role!r})",
                f"Role must be officer or admin, not {role!r}",
            )
        return self._change_officer(login, by, {"role": role}, change="role")

    def _change_officer(
        self, login: str, by: str, values: dict[str, Any], *, change: str
    ) -> Officer:
        now = to_db(self.clock())
        with self.db.write() as tx:
            row = self._officer_row(tx, login)
            still_admin = (
                values.get("role", row["role"]) == "admin" and values.get("active", row["active"])
            )
            if row["role"] == "admin" and row["active"] and not still_admin:
                keep_an_admin(tx, row)
            assignments = ", ".join(f"{column} = :{column}" for column in values)
            updated = tx.one(
                f"UPDATE officers SET {assignments} WHERE id = :id RETURNING *",
                {**values, "id": row["id"]},
            )
            assert updated is not None
            if values.get("active") == 0:
                self._release_counters(tx, now, row["id"])
            self._event(
                tx,
                now,
                EventKind.OFFICER_SAVED,
                officer_id=row["id"],
                data={"change": change, "by": by, "role": updated["role"],
                      "active": bool(updated["active"])},
            )
            return _officer(updated)

    @staticmethod
    def _officer_row(tx: Tx, login: str) -> Row:
        row = tx.one("SELECT * FROM officers WHERE login = :login", {"login": login.strip()})
        if row is None:
            logins = tx.all("SELECT login FROM officers ORDER BY login")
            known = ", ".join(r["login"] for r in logins)
            raise NotFoundError(
                f"ไม่มีเจ้าหน้าที่รหัส {login!r} (ที่มี: {known or '-'})",
                f"Unknown officer {login!r} (officers here: {known or '-'})",
            )
        return row

    def _release_counters(self, tx: Tx, now: str, officer_id: int) -> None:
        for counter in tx.execute(
            """UPDATE counters SET officer_id = NULL, officer_seen_at = NULL
               WHERE officer_id = :officer RETURNING id""",
            {"officer": officer_id},
        ):
            self._event(
                tx, now, EventKind.OFFICER_LOGOUT, counter_id=counter["id"], officer_id=officer_id
            )
