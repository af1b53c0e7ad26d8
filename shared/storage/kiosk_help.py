"""The kiosk's "Call staff": a citizen asks for help (an event), every signed-in counter
shows it until an officer answers (an event naming the officer and the counter). Whether
a call is open is one `settings` row, so counters read it without scanning the log."""

from __future__ import annotations

from shared.clock import to_db
from shared.domain.errors import AuthError
from shared.domain.model import EventKind
from shared.storage.core import QueueCore

_KEY = "kiosk_help"


class KioskHelpOps(QueueCore):
    """Asking for staff at the kiosk and answering from a counter."""

    def call_staff(self) -> None:
        """The kiosk needs an officer; asking again while unanswered is one more event."""
        now = to_db(self.clock())
        with self.db.write() as tx:
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (:key, :value) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                {"key": _KEY, "value": now},
            )
            self._event(tx, now, EventKind.KIOSK_HELP)

    def answer_kiosk_help(self, counter_number: int, login: str) -> None:
        """The officer holding the counter goes to the kiosk: the call is cleared
        everywhere. AuthError when that officer does not hold that counter."""
        with self.db.write() as tx:
            counter = self._counter_row(tx, counter_number)
            officer_id = tx.scalar("SELECT id FROM officers WHERE login = :l", {"l": login})
            if officer_id is None or counter["officer_id"] != officer_id:
                raise AuthError(
                    f"ท่านไม่ได้เข้าระบบที่ช่องบริการ {counter_number}",
                    f"You are not signed in at counter {counter_number}",
                )
            tx.execute("DELETE FROM settings WHERE key = :key", {"key": _KEY})
            self._event(
                tx,
                to_db(self.clock()),
                EventKind.KIOSK_HELP_ANSWERED,
                counter_id=counter["id"],
                officer_id=officer_id,
            )

    def kiosk_help_pending(self) -> bool:
        """True while the latest call for staff has not been answered."""
        asked = self.db.direct().scalar(
            "SELECT value FROM settings WHERE key = :key", {"key": _KEY}
        )
        return asked is not None
