"""Command-line errors: one line on stderr, no traceback, exit ≠ 0, the file untouched."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from shared.storage.sqlite.schema import APPLICATION_ID
from tests.support.cli import Run, khiu, khiu_process
from tests.support.small_site import raw, sha256, write_site

Cap = pytest.CaptureFixture[str]


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def db(tmp_path: Path, capsys: Cap) -> Path:
    path = tmp_path / "khiu.db"
    assert khiu(capsys, path, "init", "--site", str(write_site(tmp_path))).code == 0
    for service in ("DL", "DL", "SSO"):
        assert khiu(capsys, path, "issue", service).code == 0
    return path


def check_refused(run: Run, *fragments: str) -> None:
    assert run.code != 0
    assert run.out == ""
    assert "Traceback" not in run.err
    assert run.err.startswith("khiu: ") and run.err.endswith("\n") and run.err.count("\n") == 1
    for fragment in fragments:
        assert fragment in run.err, run.err


def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _damaged_pages(path: Path) -> None:
    """A real Khiu file whose tickets table page is overwritten: the header still reads."""
    conn = raw(path)
    root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'tickets'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * size)
        handle.write(b"\xa5" * size)


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    conn.execute("INSERT INTO invoices (amount) VALUES (12.5)")
    conn.commit()
    conn.close()


def _foreign_app_id(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.close()


def _newer(path: Path) -> None:
    conn = raw(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()


def _text(path: Path) -> None:
    path.write_text("hello, this is not a database\n")


BAD_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "garbage bytes": (_garbage, "is not a Khiu database"),
    "plain text": (_text, "is not a Khiu database"),
    "foreign SQLite tables": (_foreign, "SQLite file of another program"),
    "foreign application id": (_foreign_app_id, "SQLite file of another program"),
    "newer version": (_newer, "newer Khiu (schema 99"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
@pytest.mark.parametrize(
    "argv", [("status",), ("issue", "DL"), ("call", "1"), ("init",), ("events",)]
)
def test_bad_database_files_are_refused_untouched(
    tmp_path: Path, capsys: Cap, case: str, argv: tuple[str, ...]
) -> None:
    spoil, message = BAD_FILES[case]
    path = tmp_path / "khiu.db"
    if case == "newer version":
        assert khiu(capsys, path, "init", "--site", str(write_site(tmp_path))).code == 0
    spoil(path)
    before = sha256(path)
    check_refused(khiu(capsys, path, *argv), str(path), message, "left untouched")
    assert sha256(path) == before


@pytest.mark.parametrize("argv", [("status",), ("issue", "DL"), ("call", "2"), ("init",)])
def test_damaged_pages_give_a_message_not_a_traceback(
    db: Path, capsys: Cap, argv: tuple[str, ...]
) -> None:
    _damaged_pages(db)
    before = sha256(db)
    check_refused(khiu(capsys, db, *argv), str(db))
    assert sha256(db) == before


def test_damaged_pages_in_a_real_process(db: Path) -> None:
    _damaged_pages(db)
    before = sha256(db)
    check_refused(khiu_process(db, "issue", "DL"), str(db), "damaged")
    assert sha256(db) == before


@pytest.mark.parametrize(
    "argv", [("status",), ("issue", "DL"), ("call", "1"), ("events",), ("ticket", "A001")]
)
def test_missing_database(tmp_path: Path, capsys: Cap, argv: tuple[str, ...]) -> None:
    path = tmp_path / "none" / "khiu.db"
    # The suggested step names the same database (without --db it would make another).
    check_refused(khiu(capsys, path, *argv), str(path), f"khiu --db {path} init")
    assert not path.exists() and not path.parent.exists()


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        (("issue", "XX"), ("Unknown service 'XX'", "DL, SSO")),
        (("call", "9"), ("Unknown counter 9", "1, 2, 3")),
        (("recall", "4"), ("Unknown counter 4",)),
        (("finish", "1"), ("Counter 1 has no ticket being served",)),
        (("transfer", "1", "SSO"), ("Counter 1 has no ticket being served",)),
        (("cancel", "Z123"), ("No ticket 'Z123' today",)),
        (("ticket", "nope"), ("No ticket 'nope' today",)),
    ],
)
def test_unknown_things(
    db: Path, capsys: Cap, argv: tuple[str, ...], fragments: tuple[str, ...]
) -> None:
    before = sha256(db)
    check_refused(khiu(capsys, db, *argv), *fragments)
    assert sha256(db) == before


def test_transfer_to_unknown_service_keeps_the_ticket(db: Path, capsys: Cap) -> None:
    assert khiu(capsys, db, "call", "1").value["code"] == "A001"
    check_refused(khiu(capsys, db, "transfer", "1", "XX"), "Unknown service 'XX'")
    assert khiu(capsys, db, "ticket", "A001").value["state"] == "called"


def test_broken_site_file(db: Path, tmp_path: Path, capsys: Cap) -> None:
    site = write_site(tmp_path, text=write_site(tmp_path).read_text().replace('prefix = "B"', 'prefix = "A"'))  # fmt: skip
    before = sha256(db)
    check_refused(khiu(capsys, db, "init", "--site", str(site)), str(site), "services[1].prefix")
    assert sha256(db) == before
    assert khiu(capsys, db, "status").value["services"][1]["prefix"] == "B"


def test_broken_site_file_creates_no_database(tmp_path: Path, capsys: Cap) -> None:
    site = tmp_path / "site.toml"
    site.write_text("[site\nname_th = 'x'\n")
    path = tmp_path / "new.db"
    check_refused(khiu(capsys, path, "init", "--site", str(site)), str(site), "not valid TOML")
    missing = tmp_path / "missing.toml"
    check_refused(khiu(capsys, path, "init", "--site", str(missing)), "site file not found")
    assert not path.exists()


def test_a_khiu_id_without_tables_is_initialised(tmp_path: Path, capsys: Cap) -> None:
    path = tmp_path / "blank.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.close()
    assert khiu(capsys, path, "init").code == 0
