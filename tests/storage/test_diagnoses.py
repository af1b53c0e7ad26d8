"""Why a database cannot be used, told precisely in Thai and English with the right next
step: a read-only file, a read-only folder, a full disk, a lock held by another
program, a damaged file, a foreign file and a bad site file each get their own
message (none of them is called "damaged" unless it is). Real files throughout: the
immutable attribute makes a file or folder read-only even for root, and a tiny tmpfs
makes a real full disk."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.storage.sqlite import SqliteStore
from tests.support.cli import Run, khiu_process
from tests.support.small_site import make_db, write_site

posix_root = pytest.mark.skipif(
    os.name == "nt" or os.geteuid() != 0 or shutil.which("chattr") is None,
    reason="needs root and chattr (the immutable attribute)",
)


def one_line(run: Run) -> str:
    assert run.code == 2
    assert "Traceback" not in run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    return lines[0]


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[None]:
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("this file system has no immutable attribute")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@posix_root
def test_read_only_file(tmp_path: Path) -> None:
    db = make_db(tmp_path)
    with immutable(db):
        line = one_line(khiu_process(db, "issue", "DL"))
        assert "is read-only for this user" in line and "permission to write the file" in line
        assert "damaged" not in line
        th = one_line(khiu_process(db, "issue", "DL", lang="th_TH.UTF-8"))
        assert "อ่านอย่างเดียว" in th


@posix_root
def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    db = make_db(folder)
    with immutable(folder):
        line = one_line(khiu_process(db, "issue", "DL"))
        assert f"The folder {folder} is read-only" in line and "khiu.db-wal" in line
        assert "damaged" not in line


@posix_root
def test_a_folder_the_user_may_not_create(tmp_path: Path) -> None:
    locked = tmp_path / "var"
    locked.mkdir()
    with immutable(locked):
        db = locked / "lib" / "khiu" / "khiu.db"
        line = one_line(khiu_process(db, "init", "--demo"))
        assert "may not create the folder" in line and "choose a --db path" in line


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk(small_disk: Path) -> None:
    db = make_db(small_disk)
    store = SqliteStore.open(db)
    store.issue("DL")
    store.close()
    before = khiu_process(db, "status").value
    filler = small_disk / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as out:
        while True:
            out.write(b"\0" * 4096)
            out.flush()
    line = ""
    for _ in range(200):  # the WAL grows until a page no longer fits
        run = khiu_process(db, "issue", "DL")
        if run.code != 0:
            line = one_line(run)
            break
    assert "is full" in line and "Free some space" in line, line
    assert "damaged" not in line
    filler.unlink()
    after = khiu_process(db, "status")
    assert after.code == 0 and after.value["services"][0]["waiting"] >= before["services"][0]["waiting"]
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_locked_by_another_program(tmp_path: Path) -> None:
    db = make_db(tmp_path)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")  # a database browser with an open write
    try:
        line = one_line(khiu_process(db, "status"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "locked by another program" in line and "Close that program" in line
    assert "damaged" not in line


def test_damaged_file_points_to_restore(tmp_path: Path) -> None:
    db = make_db(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    data = bytearray(db.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset : offset + 32] = b"\xee" * 32
    db.write_bytes(bytes(data))
    line = one_line(khiu_process(db, "init"))
    assert "is damaged" in line and "restore BACKUP" in line


def test_a_site_file_listing_a_service_twice_is_a_site_file_error(tmp_path: Path) -> None:
    db = make_db(tmp_path)
    site = write_site(
        tmp_path,
        text=(tmp_path / "site.toml").read_text("utf-8").replace(
            'services = ["DL", "SSO"]', 'services = ["DL", "SSO", "DL"]'
        ),
    )
    line = one_line(khiu_process(db, "init", "--site", str(site)))
    assert "counters[1].services: lists DL twice" in line
    assert "damaged" not in line
