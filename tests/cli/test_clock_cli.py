"""The command line under a moved clock (libfaketime moves the whole process's time):
a clock set back does not reorder the queue nor create a ticket on a past day, and a
closed service is refused unless --anyway."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.backends import Location
from tests.support.cli import Run, khiu_process

LIBFAKETIME = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")

pytestmark = pytest.mark.skipif(
    not LIBFAKETIME.exists(), reason="needs Debian's faketime package (make system-deps)"
)


def at(db: Location, utc: str, *argv: str, lang: str = "C.UTF-8") -> Run:
    """`khiu ARGV` in a process whose clock starts at `utc` ("YYYY-MM-DD HH:MM:SS")."""
    return khiu_process(
        db,
        *argv,
        lang=lang,
        env={
            "LD_PRELOAD": str(LIBFAKETIME),
            "FAKETIME": f"@{utc}",
            "TZ": "UTC",
            "FAKETIME_DONT_FAKE_MONOTONIC": "1",
        },
    )


def codes(db: Location, utc: str, *argv: str) -> str:
    run = at(db, utc, *argv)
    assert run.code == 0, run.err
    return str(run.value["code"]) if run.value else "-"


def test_a_clock_set_back_neither_reorders_the_queue_nor_makes_a_ghost(
    small_db: Location,
) -> None:
    # 10:00 Bangkok (03:00 UTC): A001..A003, B001
    assert [codes(small_db, "2026-11-24 03:00:00", "issue", "DL") for _ in range(3)] == [
        "A001", "A002", "A003",
    ]  # fmt: skip
    assert codes(small_db, "2026-11-24 03:01:00", "issue", "SSO") == "B001"
    # the PC's clock is set back an hour: A004, A005 stamped at the queue's time
    assert [codes(small_db, "2026-11-24 02:05:00", "issue", "DL") for _ in range(2)] == [
        "A004", "A005",
    ]  # fmt: skip
    # then briefly on the previous day, 23:50 Bangkok: the ticket is today's
    ghost = at(small_db, "2026-11-23 16:50:00", "issue", "SSO")
    assert ghost.code == 0, ghost.err
    assert (ghost.value["code"], ghost.value["business_date"]) == ("B002", "2026-11-24")
    assert at(small_db, "2026-11-23 16:51:00", "ticket", "B002").value["code"] == "B002"
    # the clock right again: the queue in its real order, no ghost from yesterday
    calls = [codes(small_db, "2026-11-24 03:10:00", "call", "1") for _ in range(6)]
    assert calls == ["A001", "A002", "A003", "A004", "A005", "-"]
    calls = [codes(small_db, "2026-11-24 03:11:00", "call", "3") for _ in range(3)]
    assert calls == ["B001", "B002", "-"]
    events = at(small_db, "2026-11-24 03:12:00", "events")
    assert events.code == 0, events.err
    assert events.out.count('"clock_back"') == 2  # the hour back; the day back


def test_issue_refuses_a_closed_service_unless_anyway(db_path: Location) -> None:
    night = "2026-11-24 15:45:00"  # 22:45 Bangkok: the demo's FLU opens 10:00–16:00
    refused = at(db_path, night, "issue", "FLU", lang="th_TH.UTF-8")
    assert refused.code != 0 and refused.out == ""
    assert "ปิด" in refused.err and "10:00–16:00" in refused.err
    assert at(db_path, night, "issue", "FLU").err.count("10:00–16:00") == 1
    assert codes(db_path, night, "issue", "DL") == "A001"  # open around the clock
    assert codes(db_path, night, "issue", "FLU", "--anyway") == "C001"
    assert codes(db_path, "2026-11-24 03:00:00", "issue", "FLU") == "C002"  # 10:00
