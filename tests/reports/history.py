"""A controlled history over four business days for the report tests (clock-driven).

Bangkok is UTC+7; times below are local. Figures the tests expect are in the comments.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from shared.site import load_site_file
from shared.storage import open_store
from tests.support.clock import FakeClock
from tests.support.small_site import SMALL_SITE, write_site

BKK = timedelta(hours=7)

# The small site plus a vaccination service and its counter, loaded on 27 Nov.
VAX_SITE = (
    SMALL_SITE.format(fairness=3)
    + """
[[services]]
code = "VAX"
prefix = "C"
name_th = "ฉีดวัคซีนไข้หวัดใหญ่"
name_en = "Flu vaccination"
processing_minutes = 15

[[counters]]
number = 4
services = ["VAX"]
"""
)


def at(clock: FakeClock, day: int, hh: int, mm: int, ss: int = 0) -> None:
    """Set the clock to `day` Nov 2026, hh:mm:ss Bangkok time."""
    clock.now = datetime(2026, 11, day, hh, mm, ss, tzinfo=UTC) - BKK


def build_history(folder: Path, location: Path | str | None = None) -> tuple[Path | str, FakeClock]:
    """The history in a new database at `location` (a file in `folder` by default, or a
    PostgreSQL URL): any backend, through the store only."""
    db = location if location is not None else folder / "khiu.db"
    clock = FakeClock()
    store = open_store(db, create=True, clock=clock)
    store.load_site(load_site_file(write_site(folder)))
    store.add_officer("somchai", "สมชาย ใจดี", "1234")
    store.add_officer("suda", "สุดา รักงาน", "5678")
    store.add_officer("vax", "วันดี ฉีดยา", "4321")
    at(clock, 24, 9, 0)
    store.sign_in(1, "somchai", "1234")
    store.sign_in(3, "suda", "5678")

    # --- 24 Nov ---------------------------------------------------------------
    at(clock, 24, 10, 0)
    store.issue("DL")  # A001
    b001 = store.issue("SSO")  # B001
    at(clock, 24, 10, 5)
    store.call_next(1)  # A001 waited 5
    at(clock, 24, 10, 10)
    store.call_next(3)  # B001 waited 10 (its first call)
    at(clock, 24, 10, 12)
    store.return_to_queue(3)  # B001 back in the queue
    at(clock, 24, 10, 17)
    a001 = store.finish(1)  # A001 served in 12 (DL promise 20: kept)
    at(clock, 24, 10, 20)
    store.call_next(3)  # B001 again
    at(clock, 24, 10, 30)
    store.issue("DL")  # A002
    at(clock, 24, 10, 35)
    store.finish(3)  # B001 served in 15 (SSO promise 10: not kept)
    at(clock, 24, 10, 40)
    store.call_next(1)  # A002 waited 10
    at(clock, 24, 10, 42)
    store.transfer(1, "SSO")  # A002 to SSO: issued at DL, ends at SSO
    at(clock, 24, 10, 50)
    store.call_next(3)  # A002 at SSO
    at(clock, 24, 10, 56)
    store.recall(3)  # a recall does not restart the service time
    at(clock, 24, 10, 58)
    store.finish(3)  # A002 served in 8 (kept)
    at(clock, 24, 11, 0)
    store.issue("DL")  # A003
    at(clock, 24, 11, 20)
    store.issue("SSO")  # B002
    store.call_next(1)  # A003 waited 20
    at(clock, 24, 11, 21)
    store.no_show(1)  # A003 no-show
    at(clock, 24, 11, 25)
    store.cancel("B002")  # B002 cancelled while waiting
    at(clock, 24, 16, 50)
    store.issue("DL")  # A004: left waiting, expires at the day's end
    at(clock, 24, 23, 59, 30)
    store.issue("SSO")  # B003 at 23:59:30: still 24 Nov; expires

    # --- 25 Nov: first write just after midnight expires A004 and B003 ------------
    at(clock, 25, 0, 0, 30)
    b001_25 = store.issue("SSO")  # B001 of the 25th
    at(clock, 25, 9, 0)
    store.call_next(3)  # waited 539.5
    at(clock, 25, 9, 5)
    store.finish(3)  # served in 5 (kept)

    # --- 26 Nov: no traffic ----------------------------------------------------------
    # --- 27 Nov: a new service (VAX) from today ----------------------------------------
    at(clock, 27, 8, 0)
    site_file = folder / "vax.toml"
    site_file.write_text(VAX_SITE, "utf-8")
    store.load_site(load_site_file(site_file))
    store.sign_in(4, "vax", "4321")
    at(clock, 27, 10, 0)
    store.issue("VAX")  # C001
    at(clock, 27, 10, 3)
    store.call_next(4)  # waited 3
    at(clock, 27, 10, 10)
    store.finish(4)  # served in 7 (kept)
    # Citizens' ratings, as the web page gives them (by the ticket's token).
    store.rate(a001.token, 4)
    store.rate(b001.token, 5)
    store.rate(b001_25.token, 2)
    store.close()
    return db, clock
