"""What to tell a person when the database failed under a command or an app: a precise
diagnosis with the next step, from the location's backend (SQLite: read-only, full disk,
locked, damaged…)."""

from __future__ import annotations

from pathlib import Path

from shared.domain.errors import DatabaseError
from shared.storage import Location, backend_at
from shared.storage.database import DriverError


def explain_failure(exc: DriverError, location: str | Path | Location) -> DatabaseError:
    return backend_at(location).explain(exc)
