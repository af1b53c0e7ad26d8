"""No tracebacks from odd paths or numbers: a --db under a file, counter numbers past
SQLite's 64-bit integers, a huge `events --after`; argument errors are one line, Thai
under a Thai locale. The event log cannot be rewritten by INSERT OR REPLACE."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.support.cli import Run, khiu_process
from tests.support.small_site import raw

HUGE = str(2**63)


def one_line(run: Run) -> str:
    assert run.code == 2, run
    assert "Traceback" not in run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    return lines[0]


def test_db_under_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x")
    line = one_line(khiu_process(blocker / "khiu.db", "init", "--demo"))
    assert f"{blocker} is a file, not a folder" in line
    line = one_line(khiu_process(blocker / "deeper" / "khiu.db", "status"))
    assert "is a file, not a folder" in line


def test_db_that_is_a_folder(tmp_path: Path) -> None:
    line = one_line(khiu_process(tmp_path, "status"))
    assert "is a folder, not a database file" in line


@pytest.mark.parametrize(
    "argv",
    [
        ("call", HUGE), ("recall", HUGE), ("noshow", HUGE), ("finish", HUGE),
        ("return", HUGE), ("transfer", HUGE, "DL"), ("pause", HUGE), ("resume", HUGE),
        ("call", "-1"), ("call", "0"), ("events", "--after", HUGE + "0"),
        ("events", "--after", "-5"), ("events", "--limit", "0"),
        ("announce", "A001", "9" * 30), ("demo", "--simulate", "--rate", "nan"),
    ],
    ids=lambda argv: " ".join(argv)[:30],
)
def test_numbers_out_of_range_are_refused_in_one_line(small_db: Path, argv: tuple[str, ...]) -> None:
    line = one_line(khiu_process(small_db, *argv))
    assert "must be" in line


def test_events_after_the_largest_id_is_an_empty_list(small_db: Path) -> None:
    run = khiu_process(small_db, "events", "--after", str(2**63 - 1))
    assert run.code == 0 and run.value == []


def test_argument_errors_are_thai_under_a_thai_locale(small_db: Path) -> None:
    th = "th_TH.UTF-8"
    assert one_line(khiu_process(small_db, "call", lang=th)).startswith("khiu: ต้องระบุ: COUNTER")
    line = one_line(khiu_process(small_db, "call", "x", lang=th))
    assert "ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง 999" in line
    line = one_line(khiu_process(small_db, "nonsense", lang=th))
    assert "ไม่มีตัวเลือก 'nonsense'" in line
    line = one_line(khiu_process(small_db, "status", "--bogus", lang=th))
    assert "ไม่รู้จักอาร์กิวเมนต์: --bogus" in line
    for line in (
        one_line(khiu_process(small_db, "call", "x", lang=th)),
        one_line(khiu_process(small_db, "nonsense", lang=th)),
    ):
        assert "argument" not in line and "invalid" not in line and "usage" not in line
    english = one_line(khiu_process(small_db, "call"))
    assert "the following arguments are required: COUNTER" in english


@pytest.mark.sqlite_only  # PostgreSQL: test_pg_adapter.py (upsert refused)
def test_insert_or_replace_cannot_rewrite_the_log(small_db: Path) -> None:
    conn = raw(small_db)
    first = conn.execute("SELECT id, at, kind, data FROM events ORDER BY id LIMIT 1").fetchone()
    for verb in ("INSERT OR REPLACE", "REPLACE"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(
                f"{verb} INTO events (id, at, kind, data) VALUES (?, 'forged', 'forged', '{{}}')",
                (first["id"],),
            )
    assert tuple(
        conn.execute("SELECT id, at, kind, data FROM events WHERE id = ?", (first["id"],)).fetchone()
    ) == tuple(first)
    # New events still go in.
    conn.execute("INSERT INTO events (at, kind) VALUES ('now', 'note')")
    conn.close()
