"""The kiosk's way out (an administrator's PIN) guarded as the counter's sign-in is:
wrong PINs are counted, 5 in a row lock the kiosk's PIN pad for 5 minutes, and every
failure, refusal and unlock is in the event log. The count is kept in the database
(`settings`), so restarting the kiosk does not reset it."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from shared.clock import from_db, to_db
from shared.domain.errors import AuthError
from shared.domain.model import EventKind
from shared.domain.pins import verify_pin
from shared.storage.core import QueueCore
from shared.storage.database import Tx

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=5)
_KEY = "kiosk_pin"


def check_admin_pin(store: QueueCore, pin: str) -> bool:
    """True for the PIN of an active admin; False for a wrong one; AuthError while the
    pad is locked or when this failure locks it."""
    moment = store.clock()
    now = to_db(moment)
    state = _state(store)
    locked_until = from_db(state.get("locked_until"))
    if locked_until is not None and locked_until > moment:
        with store.db.write() as tx:
            store._event(
                tx, now, EventKind.KIOSK_PIN_REFUSED, data={"locked_until": state["locked_until"]}
            )
        raise _locked_error(store, locked_until)
    rows = store.db.direct().all(
        "SELECT id, pin_hash FROM officers WHERE role = 'admin' AND active = 1"
    )
    # The slow hash runs outside the write lock, as for the counter's sign-in.
    admin = next((r["id"] for r in rows if verify_pin(pin, r["pin_hash"])), None)
    with store.db.write() as tx:
        if admin is not None:
            _save(tx, {})
            store._event(tx, now, EventKind.KIOSK_UNLOCKED, officer_id=admin)
            return True
        failures = int(_state(store, tx).get("failures", 0)) + 1
        locked = failures >= MAX_FAILURES
        until = to_db(moment + LOCKOUT) if locked else None
        _save(tx, {"locked_until": until} if locked else {"failures": failures})
        store._event(
            tx, now, EventKind.KIOSK_PIN_FAILED, data={"failures": failures, "locked": locked}
        )
    if locked:
        raise _locked_error(store, moment + LOCKOUT)
    return False


def _state(store: QueueCore, tx: Tx | None = None) -> dict[str, Any]:
    reader = tx if tx is not None else store.db.direct()
    text = reader.scalar("SELECT value FROM settings WHERE key = :key", {"key": _KEY})
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        value = {}
    return value if isinstance(value, dict) else {}


def _save(tx: Tx, value: dict[str, Any]) -> None:
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (:key, :value) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        {"key": _KEY, "value": json.dumps(value)},
    )


def _locked_error(store: QueueCore, until: datetime) -> AuthError:
    local = until.astimezone(store.site().tz).strftime("%H:%M")
    return AuthError(
        f"ใส่รหัสผิดเกินกำหนด ปุ่มรหัสของตู้ถูกล็อกถึงเวลา {local} น.",
        f"Too many wrong PINs: the kiosk's PIN pad is locked until {local}",
    )
