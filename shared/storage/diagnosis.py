"""What to tell a person when the database failed under a command or an app: a precise
diagnosis with the next step, from the location's backend (SQLite: read-only, full disk,
locked, damaged…)."""

from __future__ import annotations

from shared.domain.errors import DatabaseError
from shared.storage import Location, backend_at
from shared.storage.database import DriverError


def explain_failure(exc: DriverError, where: Location) -> DatabaseError:
    return backend_at(where).explain(exc)
