"""What to tell a person when the database failed under a command or an app: a precise
diagnosis with the next step (SQLite: read-only, full disk, locked, damaged…)."""

from __future__ import annotations

from shared.domain.errors import DatabaseError
from shared.storage import Location, PostgresLocation, shown_location
from shared.storage.database import DriverError
from shared.storage.sqlite.diagnose import explain_detail


def explain_failure(exc: DriverError, where: Location) -> DatabaseError:
    if isinstance(where, PostgresLocation):
        return DatabaseError(
            f"ใช้ฐานข้อมูล {shown_location(where)} ไม่ได้ ({exc.detail})",
            f"Database {shown_location(where)} could not be used ({exc.detail}).",
        )
    return explain_detail(exc.detail, exc.code, where.path)
