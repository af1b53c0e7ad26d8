"""The small two-service site: its site file, stores on real files, file hashes."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from shared.site import load_site_file
from shared.storage import open_store as seam_open_store
from shared.storage.api import Store
from tests.support.backends import Location, location_of, raw
from tests.support.clock import FakeClock

__all__ = ["location_of", "raw"]

# Two services, three counters: counter 1 serves DL, 2 serves DL then SSO, 3 serves SSO.
SMALL_SITE = """
[site]
name_th = "ศูนย์ทดสอบ"
name_en = "Test centre"
timezone = "Asia/Bangkok"
priority_fairness = {fairness}

[[services]]
code = "DL"
prefix = "A"
name_th = "ใบขับขี่"
name_en = "Driving licence"
processing_minutes = 20

[[services]]
code = "SSO"
prefix = "B"
name_th = "ประกันสังคม"
name_en = "Social security"
processing_minutes = 10

[[counters]]
number = 1
services = ["DL"]

[[counters]]
number = 2
services = ["DL", "SSO"]

[[counters]]
number = 3
services = ["SSO"]
"""


def write_site(folder: Path, fairness: int = 3, text: str | None = None) -> Path:
    path = folder / "site.toml"
    path.write_text(text if text is not None else SMALL_SITE.format(fairness=fairness), "utf-8")
    return path


def make_db(
    folder: Path, fairness: int = 3, name: str = "khiu.db", *, at: Location | None = None
) -> Any:
    """A database with the small site loaded: the file folder/name, or the empty
    database `at` (a path or a PostgreSQL URL from the `new_location` fixture)."""
    location = folder / name if at is None else at
    store = seam_open_store(location, create=True)
    store.load_site(load_site_file(write_site(folder, fairness)))
    store.close()
    return location


def open_store(location: Location, clock: FakeClock) -> Any:
    return seam_open_store(location, clock=clock)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def states(store: Store) -> dict[str, str]:
    """Today's tickets: code → state."""
    rows = store.db.direct().all(  # type: ignore[attr-defined]
        "SELECT code, state FROM tickets WHERE business_date = :day ORDER BY id",
        {"day": store.today()},
    )
    return {r["code"]: r["state"] for r in rows}


def many_counters_site(counters: int, fairness: int = 3) -> str:
    """A site where every counter serves both services (for contention tests, the bench)."""
    head = SMALL_SITE.format(fairness=fairness).split("[[counters]]")[0]
    blocks = [
        f'[[counters]]\nnumber = {n}\nservices = ["DL", "SSO"]\n' for n in range(1, counters + 1)
    ]
    return head + "\n".join(blocks)


def make_many_counters_db(
    folder: Path, counters: int, name: str = "khiu.db", *, at: Location | None = None
) -> Any:
    location = folder / name if at is None else at
    site = folder / "many.toml"
    site.write_text(many_counters_site(counters), "utf-8")
    store = seam_open_store(location, create=True)
    store.load_site(load_site_file(site))
    store.close()
    return location
