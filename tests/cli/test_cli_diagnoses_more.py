"""Command-line messages that must name the true cause and the right next step: a
missing database (the suggestion keeps the same --db), a read-only disk (not a
read-only file), a folder given as the copy's DEST, a site name that draws nothing,
a server without SSL, a schema override in the URL; and no library log line without
KHIU_DEBUG."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.domain.errors import SiteFileError
from shared.site import load_site_file
from tests.support.backends import Location
from tests.support.cli import ROOT, Run, khiu_process
from tests.support.pg import PgServer
from tests.support.small_site import SMALL_SITE, raw, write_site

THAI, ENGLISH = "th_TH.UTF-8", "C.UTF-8"


def commands(text: str) -> list[str]:
    """The commands a message suggests ('khiu …' in quotes)."""
    return re.findall(r"'(khiu [^']*)'", text)


def test_a_missing_file_suggests_init_with_the_same_db_in_both_languages(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "nowhere" / "x.db"
    runs = {lang: khiu_process(missing, "status", lang=lang) for lang in (THAI, ENGLISH)}
    for run in runs.values():
        assert run.code != 0 and run.out == ""
    assert commands(runs[ENGLISH].err) == [
        f"khiu --db {missing} init", f"khiu --db {missing} init --demo"
    ]
    assert commands(runs[THAI].err) == commands(runs[ENGLISH].err)
    assert "ไม่พบฐานข้อมูล" in runs[THAI].err
    assert not missing.parent.exists()  # nothing was created by asking

    spaced = tmp_path / "my data" / "x.db"
    run = khiu_process(spaced, "status")
    assert commands(run.err)[0] == f'khiu --db "{spaced}" init'  # pasted, it works


def test_an_empty_server_database_suggests_init_with_the_same_masked_url(
    pg_server: PgServer,
) -> None:
    url = pg_server.create_owned_database("suggest_admin", "Pw9c2e")
    runs = {lang: khiu_process(url, "status", lang=lang) for lang in (THAI, ENGLISH)}
    shown = url.replace(":Pw9c2e@", ":***@")
    for run in runs.values():
        assert run.code != 0 and "Pw9c2e" not in run.err
    assert commands(runs[ENGLISH].err) == [
        f'khiu --db "{shown}" init', f'khiu --db "{shown}" init --site FILE'
    ]
    assert commands(runs[THAI].err) == commands(runs[ENGLISH].err)

    missing = url.replace("/owned_", "/missing_")
    runs = {lang: khiu_process(missing, "status", lang=lang) for lang in (THAI, ENGLISH)}
    shown = missing.replace(":Pw9c2e@", ":***@")
    assert commands(runs[ENGLISH].err) == [f'khiu --db "{shown}" init']
    assert commands(runs[THAI].err) == commands(runs[ENGLISH].err)


def _status_with_a_psycopg_warning(db: Location, *, debug: bool) -> Run:
    """`khiu status` in which psycopg logs a warning of its own, as its pipeline does
    when a read-only role's transaction ends in an error."""
    script = (
        "import logging, sys\n"
        "import psycopg  # it sets its own logger's level (WARNING) on import\n"
        "import shared.cli.main as cli\n"
        "opened = cli.CliContext.store\n"
        "def store(self, **kw):\n"
        "    logging.getLogger('psycopg').warning('error ignored terminating <Pipeline>')\n"
        "    return opened(self, **kw)\n"
        "cli.CliContext.store = store\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    env = {**os.environ, "LANG": ENGLISH, "PYTHONPATH": str(ROOT)}
    env.pop("KHIU_DEBUG", None)
    if debug:
        env["KHIU_DEBUG"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", script, "--db", str(db), "status", "--json"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def test_psycopg_log_lines_show_only_with_khiu_debug(small_db: Location) -> None:
    quiet = _status_with_a_psycopg_warning(small_db, debug=False)
    assert quiet.code == 0 and quiet.err == ""
    assert quiet.value["services"]
    loud = _status_with_a_psycopg_warning(small_db, debug=True)
    assert loud.code == 0
    assert "khiu debug: psycopg: error ignored terminating <Pipeline>" in loud.err


@pytest.mark.parametrize(("lang", "expect"), [(ENGLISH, "does not offer encrypted (SSL)"),
                                              (THAI, "ไม่เปิดการเชื่อมต่อแบบเข้ารหัส (SSL)")])
def test_sslmode_require_against_a_server_without_ssl(
    pg_url: str, tmp_path: Path, lang: str, expect: str
) -> None:
    run = khiu_process(f"{pg_url}?sslmode=require", "init", lang=lang)
    assert run.code != 0 and expect in run.err
    assert "Cannot reach" not in run.err and "sslmode" in run.err


@pytest.mark.parametrize(
    "query", ["?options=-c%20search_path%3Dsecond", "?search_path=second",
              "?options=--search_path%3Dsecond"],
)
def test_a_search_path_in_the_url_is_refused_and_nothing_is_made(
    pg_server: PgServer, pg_url: str, tmp_path: Path, query: str
) -> None:
    site = str(write_site(tmp_path))
    for lang, expect in ((ENGLISH, "search_path"), (THAI, "search_path")):
        run = khiu_process(f"{pg_url}{query}", "init", "--site", site, lang=lang)
        assert run.code != 0 and expect in run.err and run.err.count("\n") == 1
    assert "default schema" in run.err or "schema ปกติ" in run.err
    conn = raw(pg_url)
    assert conn.execute(
        "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', "
        "'information_schema')"
    ).fetchone()[0] == 0
    conn.close()


def test_an_unknown_url_option_is_named(pg_url: str) -> None:
    run = khiu_process(f"{pg_url}?sslmod=require", "status")
    assert run.code != 0 and "'sslmod'" in run.err and "Cannot reach" not in run.err


def test_copy_or_backup_into_a_folder_says_dest_must_be_a_file(
    small_db: Location, tmp_path: Path
) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    for lang in (ENGLISH, THAI):
        run = khiu_process(small_db, "copy", str(folder), lang=lang)
        assert run.code != 0 and run.err.count("\n") == 1
        assert str(folder / "khiu.db") in run.err and "--db" not in run.err
    assert "DEST of khiu copy must be a file path" in khiu_process(
        small_db, "copy", str(folder)
    ).err
    assert list(folder.iterdir()) == []
    for force in ((), ("--force",)):
        run = khiu_process(small_db, "backup", str(folder), *force)
        assert run.code != 0 and "DEST of khiu backup must be a file path" in run.err
    assert list(folder.iterdir()) == []


@contextlib.contextmanager
def read_only_mount(folder: Path) -> Iterator[None]:
    """A small file system at `folder`, made read-only by `remount,ro` on leaving the
    set-up step (needs root: a kiosk's write-protected USB drive, a disk the system
    switched to read-only)."""
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a file system needs root")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)],
                          capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"cannot mount here: {made.stderr!r}")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.sqlite_only
def test_a_read_only_disk_is_not_blamed_on_the_file(tmp_path: Path) -> None:
    disk = tmp_path / "usb"
    with read_only_mount(disk):
        db = disk / "khiu.db"
        site = write_site(tmp_path)
        assert khiu_process(db, "init", "--site", str(site)).code == 0
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        for argv in (("issue", "DL"), ("status",)):
            run = khiu_process(db, *argv)
            assert run.code != 0 and "read-only as a whole" in run.err, run.err
            assert "untick" not in run.err
        thai = khiu_process(db, "issue", "DL", lang=THAI)
        assert "อ่านอย่างเดียวทั้งดิสก์" in thai.err and "Properties" not in thai.err
        fresh = khiu_process(disk / "new" / "khiu.db", "init")
        assert fresh.code != 0 and "read-only as a whole" in fresh.err


def _site_with_name(tmp_path: Path, name_th: str) -> Path:
    return write_site(tmp_path, text=SMALL_SITE.format(fairness=3).replace(
        'name_th = "ใบขับขี่"', f'name_th = "{name_th}"'
    ))


@pytest.mark.parametrize("invisible", ["\\u200b", "\\u200b\\u200c\\u200d", "\\u2060\\ufeff", "\\u3164"])
def test_a_name_of_invisible_characters_only_is_refused(tmp_path: Path, invisible: str) -> None:
    site = _site_with_name(tmp_path, invisible)
    with pytest.raises(SiteFileError) as refused:
        load_site_file(site)
    assert "services[0].name_th" in refused.value.message_en
    assert "invisible characters" in refused.value.message_en
    assert "มองไม่เห็น" in refused.value.message_th
    db = tmp_path / "khiu.db"
    run = khiu_process(db, "init", "--site", str(site))
    assert run.code != 0 and "invisible characters" in run.err and not db.exists()


def test_a_zero_width_space_inside_a_visible_name_stays_accepted(tmp_path: Path) -> None:
    site = load_site_file(_site_with_name(tmp_path, "ใบขับขี่\\u200bรถยนต์"))
    assert site.services[0].name_th == "ใบขับขี่\u200bรถยนต์"
