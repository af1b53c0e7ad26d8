"""The `khiu` contract: each command's one JSON value and its shape (DESIGN.md)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from shared.cli.format import ticket_line
from shared.storage.sqlite import connection
from shared.storage.sqlite.schema import APPLICATION_ID, MIGRATIONS
from tests.support.backends import Location
from tests.support.cli import khiu, khiu_process
from tests.support.small_site import raw, sha256, write_site

TICKET_KEYS = {
    "code", "service", "state", "counter", "priority", "issued_at", "called_at",
    "finished_at", "token", "position", "estimated_wait_min", "estimated_wait_range_min",
}  # fmt: skip
STATES = {"waiting", "called", "done", "no_show", "cancelled", "expired"}
Cap = pytest.CaptureFixture[str]


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def db(tmp_path: Path, capsys: Cap, new_location: Callable[[str], Location]) -> Location:
    """A file, or a database on the PostgreSQL server: the contract is the same."""
    path = new_location("cli.db")
    run = khiu(capsys, path, "init", "--site", str(write_site(tmp_path)))
    assert run.code == 0, run.err
    return path


def check_ticket(ticket: dict[str, object]) -> None:
    assert set(ticket) >= TICKET_KEYS
    assert ticket["state"] in STATES and isinstance(ticket["priority"], bool)
    assert re.fullmatch(r"[A-Z]{1,2}\d{3,}", str(ticket["code"]))
    assert re.fullmatch(r"[A-Za-z0-9_-]{22,}", str(ticket["token"]))
    for key in ("issued_at", "called_at", "finished_at"):
        value = ticket[key]
        if value is not None:
            moment = datetime.fromisoformat(str(value))
            assert moment.utcoffset() == timedelta(hours=7)  # site time, with its offset
    waiting = ticket["state"] == "waiting"
    assert (ticket["position"] is not None) == waiting
    assert (ticket["estimated_wait_min"] is not None) == waiting
    assert (ticket["estimated_wait_range_min"] is not None) == waiting
    if waiting:
        wait, wait_range = ticket["estimated_wait_min"], ticket["estimated_wait_range_min"]
        assert isinstance(wait, int) and isinstance(wait_range, list)
        low, high = wait_range
        assert 0 <= low <= wait <= high
    assert ticket["issued_at"] is not None


def test_init_output(tmp_path: Path, capsys: Cap) -> None:
    path = tmp_path / "new" / "khiu.db"
    run = khiu(capsys, path, "init", "--site", str(write_site(tmp_path)))
    assert run.code == 0 and run.err == ""
    assert run.value == {
        "db": str(path),
        "schema_version": len(MIGRATIONS),
        "site": {"name_th": "ศูนย์ทดสอบ", "name_en": "Test centre"},
        "services": ["DL", "SSO"],
        "counters": [1, 2, 3],
        "officers_added": [],
    }
    conn = raw(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_queue_commands_print_tickets(db: Path, capsys: Cap) -> None:
    issued = khiu(capsys, db, "issue", "DL")
    assert issued.code == 0 and issued.err == "" and issued.out.count("\n") == 1
    ticket = issued.value
    check_ticket(ticket)
    assert (ticket["code"], ticket["service"], ticket["state"]) == ("A001", "DL", "waiting")
    assert (ticket["position"], ticket["estimated_wait_min"], ticket["priority"]) == (0, 0, False)
    second = khiu(capsys, db, "issue", "DL", "--priority").value
    check_ticket(second)
    assert second["priority"] is True and second["position"] == 0
    assert khiu(capsys, db, "ticket", "A001").value["position"] == 1

    called = khiu(capsys, db, "call", "1").value
    check_ticket(called)
    assert (called["code"], called["state"], called["counter"]) == ("A002", "called", 1)
    recalled = khiu(capsys, db, "recall", "1").value
    assert recalled["recall_count"] == 1 and recalled["state"] == "called"
    finished = khiu(capsys, db, "finish", "1").value
    check_ticket(finished)
    assert finished["state"] == "done" and finished["finished_at"] is not None

    khiu(capsys, db, "call", "1")
    moved = khiu(capsys, db, "transfer", "1", "SSO").value
    check_ticket(moved)
    assert (moved["code"], moved["service"], moved["state"]) == ("A001", "SSO", "waiting")
    assert moved["token"] == ticket["token"] and moved["counter"] is None
    assert khiu(capsys, db, "call", "3").value["code"] == "A001"
    returned = khiu(capsys, db, "return", "3").value
    assert returned["state"] == "waiting" and returned["position"] == 0
    khiu(capsys, db, "call", "3")
    gone = khiu(capsys, db, "noshow", "3").value
    check_ticket(gone)
    assert gone["state"] == "no_show"

    khiu(capsys, db, "issue", "SSO")
    cancelled = khiu(capsys, db, "cancel", "B001").value
    check_ticket(cancelled)
    assert cancelled["state"] == "cancelled"


def test_call_prints_null_when_none_waits(db: Path, capsys: Cap) -> None:
    run = khiu(capsys, db, "call", "2")
    assert (run.code, run.out, run.err) == (0, "null\n", "")
    khiu(capsys, db, "issue", "DL")
    khiu(capsys, db, "call", "2")
    run = khiu(capsys, db, "call", "2")  # finishes A001, no one else waits
    assert run.out == "null\n"
    assert khiu(capsys, db, "ticket", "A001").value["state"] == "done"


def test_status_shape(db: Path, capsys: Cap) -> None:
    khiu(capsys, db, "issue", "DL")
    khiu(capsys, db, "issue", "SSO")
    khiu(capsys, db, "issue", "SSO")
    khiu(capsys, db, "call", "3")
    khiu(capsys, db, "pause", "1")
    status = khiu(capsys, db, "status").value
    assert set(status) == {"services", "counters"}
    for svc in status["services"]:
        assert {"code", "prefix", "name_th", "name_en", "waiting"} <= set(svc)
    assert [(s["code"], s["prefix"], s["waiting"]) for s in status["services"]] == [
        ("DL", "A", 1),
        ("SSO", "B", 1),
    ]
    for counter in status["counters"]:
        assert {"number", "name", "services", "open", "current"} <= set(counter)
    summary = [
        (c["number"], c["services"], c["open"], c["current"] and c["current"]["code"])
        for c in status["counters"]
    ]
    assert summary == [(1, ["DL"], False, None), (2, ["DL", "SSO"], True, None), (3, ["SSO"], True, "B001")]  # fmt: skip
    check_ticket(status["counters"][2]["current"])


def test_pause_resume_and_events(db: Path, capsys: Cap) -> None:
    assert khiu(capsys, db, "pause", "2").value == {"number": 2, "open": False}
    assert khiu(capsys, db, "resume", "2").value == {"number": 2, "open": True}
    khiu(capsys, db, "issue", "DL")
    khiu(capsys, db, "call", "2")
    events = khiu(capsys, db, "events").value
    assert [e["kind"] for e in events] == [
        "site_loaded", "counter_paused", "counter_opened", "issued", "called",
    ]  # fmt: skip
    for event in events:
        assert set(event) == {"id", "at", "kind", "ticket", "service", "counter", "officer", "data"}
        assert datetime.fromisoformat(event["at"]).utcoffset() == timedelta(hours=7)
    assert [e["id"] for e in events] == sorted(e["id"] for e in events)
    assert (events[-1]["ticket"], events[-1]["counter"], events[-1]["service"]) == ("A001", 2, "DL")
    after = khiu(capsys, db, "events", "--after", str(events[2]["id"])).value
    assert [e["kind"] for e in after] == ["issued", "called"]
    assert len(khiu(capsys, db, "events", "--limit", "2").value) == 2


def test_init_again_is_idempotent(db: Path, tmp_path: Path, capsys: Cap) -> None:
    khiu(capsys, db, "issue", "DL")
    site = str(write_site(tmp_path))
    first = khiu(capsys, db, "init", "--site", site).value
    second = khiu(capsys, db, "init").value
    assert first["services"] == second["services"] == ["DL", "SSO"]
    assert khiu(capsys, db, "issue", "DL").value["code"] == "A002"  # history kept
    conn = raw(db)
    assert conn.execute("SELECT count(*) FROM services").fetchone()[0] == 2
    assert conn.execute("SELECT count(*) FROM counters").fetchone()[0] == 3
    conn.close()


@pytest.mark.sqlite_only  # PostgreSQL: tests/storage/test_pg_adapter.py
def test_init_upgrades_an_older_database(
    db: Path, capsys: Cap, monkeypatch: pytest.MonkeyPatch
) -> None:
    khiu(capsys, db, "issue", "DL")
    newer = (*MIGRATIONS, "CREATE TABLE upgrade_probe (x INTEGER);")
    monkeypatch.setattr(connection, "MIGRATIONS", newer)
    monkeypatch.setattr(connection, "SCHEMA_VERSION", len(newer))
    before = sha256(db)
    refused = khiu(capsys, db, "status")
    assert refused.code != 0 and f"older schema; run 'khiu --db {db} init'" in refused.err
    assert sha256(db) == before
    upgraded = khiu(capsys, db, "init")
    assert upgraded.code == 0, upgraded.err
    conn = raw(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(newer)
    assert conn.execute("SELECT count(*) FROM upgrade_probe").fetchone()[0] == 0
    conn.close()
    assert khiu(capsys, db, "ticket", "A001").value["state"] == "waiting"
    assert khiu(capsys, db, "init").code == 0


def test_an_empty_sqlite_file_is_initialised(tmp_path: Path, capsys: Cap) -> None:
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    path.touch()
    assert khiu(capsys, path, "init", "--site", str(write_site(tmp_path))).code == 0


def test_a_real_process(db: Path) -> None:
    none = khiu_process(db, "call", "1")
    assert (none.code, none.out, none.err) == (0, "null\n", "")
    issued = khiu_process(db, "issue", "SSO", "--priority")
    assert issued.code == 0 and issued.value["code"] == "B001"
    thai = khiu_process(db, "issue", "NOPE", lang="th_TH.UTF-8")
    assert thai.code != 0 and thai.out == ""
    assert thai.err.startswith("khiu: ไม่มีบริการรหัส 'NOPE'") and thai.err.count("\n") == 1


def test_readable_ticket_line_says_the_wait_as_a_range() -> None:
    ticket = {
        "code": "A004", "priority": False, "service_name_th": "ใบขับขี่",
        "service_name_en": "Driving licence", "state": "waiting", "counter": None,
        "position": 3, "estimated_wait_min": 12, "estimated_wait_range_min": [8, 19],
    }  # fmt: skip
    assert ticket_line(ticket).endswith(
        "รออีก 3 คิว ประมาณ 8–19 นาที / 3 ahead, about 8–19 min"
    )
    short = {**ticket, "position": 0, "estimated_wait_range_min": [0, 3]}
    assert ticket_line(short).endswith("รออีก 0 คิว ไม่ถึง 5 นาที / 0 ahead, less than 5 min")
