"""Bad PostgreSQL input on the command line: one clear line each (Thai under a Thai
LANG), exit ≠ 0, nothing changed, and a URL is never taken as a file name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.support.cli import ROOT, Run
from tests.support.pg import PgServer
from tests.support.small_site import write_site

pytestmark = pytest.mark.slow


def khiu_in(cwd: Path, db: str, *argv: str, lang: str) -> Run:
    env = {**os.environ, "LANG": lang, "PYTHONPATH": str(ROOT)}
    env.pop("KHIU_DB", None)
    done = subprocess.run(
        [sys.executable, "-m", "shared.cli.main", "--db", db, *argv, "--json"],
        capture_output=True, text=True, env=env, cwd=cwd, timeout=60,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def check_refused(run: Run, *fragments: str) -> None:
    assert run.code != 0
    assert run.out == ""
    assert "Traceback" not in run.err
    assert run.err.startswith("khiu: ") and run.err.count("\n") == 1, run.err
    for fragment in fragments:
        assert fragment in run.err, run.err


@pytest.fixture
def site_url(pg_url: str, tmp_path: Path) -> str:
    run = khiu_in(tmp_path, pg_url, "init", "--site", str(write_site(tmp_path)), lang="C.UTF-8")
    assert run.code == 0, run.err
    return pg_url


def _events(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM events").fetchone()
        assert row is not None
        return int(row[0])


@pytest.mark.parametrize(
    ("lang", "expect"),
    [("C.UTF-8", "Cannot reach the database server"), ("th_TH.UTF-8", "ติดต่อเซิร์ฟเวอร์")],
)
def test_unreachable_server(tmp_path: Path, lang: str, expect: str) -> None:
    run = khiu_in(tmp_path, "postgresql://khiu@127.0.0.1:1/khiu", "issue", "DL", lang=lang)
    check_refused(run, expect, "127.0.0.1:1")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("lang", "expect"), [("C.UTF-8", "wrong password"), ("th_TH.UTF-8", "รหัสผ่านไม่ถูกต้อง")]
)
def test_wrong_password(pg_server: PgServer, site_url: str, tmp_path: Path, lang: str,
                        expect: str) -> None:
    pg_server.create_role("clerk_pw", "right")
    before = _events(site_url)
    wrong = site_url.replace("khiu@", "clerk_pw:s3cret-wrong@")
    run = khiu_in(tmp_path, wrong, "issue", "DL", lang=lang)
    check_refused(run, expect)
    assert "s3cret-wrong" not in run.err
    assert _events(site_url) == before


@pytest.mark.parametrize(
    ("lang", "expect"), [("C.UTF-8", "another program"), ("th_TH.UTF-8", "โปรแกรมอื่น")]
)
@pytest.mark.parametrize("command", [("status",), ("init", "--demo"), ("issue", "DL")])
def test_another_programs_database(pg_url: str, tmp_path: Path, lang: str, expect: str,
                                   command: tuple[str, ...]) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id int PRIMARY KEY, total numeric)")
        conn.execute("INSERT INTO invoices VALUES (1, 10)")
    run = khiu_in(tmp_path, pg_url, *command, lang=lang)
    check_refused(run, expect)
    with psycopg.connect(pg_url) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        assert tables == ["invoices"]
        assert conn.execute("SELECT count(*) FROM invoices").fetchone() == (1,)


def test_missing_database(pg_server: PgServer, tmp_path: Path) -> None:
    run = khiu_in(tmp_path, pg_server.url("no_such_site"), "status", lang="th_TH.UTF-8")
    check_refused(run, "no_such_site", "ไม่มีฐานข้อมูล")


@pytest.mark.parametrize(
    "url",
    [
        "postgresql:/khiu@127.0.0.1/khiu",  # one slash
        "postgresql://khiu@127.0.0.1:54x2/khiu",  # port
        "postgresql://127.0.0.1/khiu",  # no user
        "postgresql://khiu@127.0.0.1/",  # no database
        "postgresl://khiu@127.0.0.1/khiu",  # scheme
    ],
)
@pytest.mark.parametrize("lang", ["C.UTF-8", "th_TH.UTF-8"])
def test_url_typo_is_never_a_file_name(tmp_path: Path, url: str, lang: str) -> None:
    for command in (("init", "--demo"), ("status",)):
        run = khiu_in(tmp_path, url, *command, lang=lang)
        check_refused(run, "ที่อยู่ฐานข้อมูล" if lang.startswith("th") else "URL")
    assert list(tmp_path.iterdir()) == []  # nothing was created under the URL's name
