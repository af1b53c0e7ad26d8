"""A database password is never printed: not in any command's text or JSON, not in
its errors, not in its debug log lines (KHIU_DEBUG=1), not in the `khiu serve` banner
nor the simulator's. Every command runs as a user's script runs it, against a real
server whose role must give that password."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from shared.storage import parse_location, shown_location
from tests.support.cli import ROOT
from tests.support.pg import PgServer, free_port
from tests.support.small_site import write_site

pytestmark = pytest.mark.slow

SECRET = "Hush7f3a9cPw"
OTHER_SECRET = "Quiet55e1Pw"


def khiu(db: str, *argv: str, debug: bool = True, env_db: bool = False) -> tuple[int, str]:
    """Run `khiu`; its exit code and everything it wrote (stdout and stderr)."""
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)}
    env.pop("KHIU_DB", None)
    if debug:
        env["KHIU_DEBUG"] = "1"
    prefix: list[str] = []
    if env_db:
        env["KHIU_DB"] = db
    else:
        prefix = ["--db", db]
    done = subprocess.run(
        [sys.executable, "-m", "shared.cli.main", *prefix, *argv],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )
    return done.returncode, done.stdout + done.stderr


def serve_banner(url: str) -> str:
    """`khiu serve`'s first lines on stderr (then it is stopped)."""
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT), "KHIU_DEBUG": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "shared.cli.main", "--db", url, "serve", "--host", "127.0.0.1",
         "--port", str(free_port())],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )
    assert proc.stderr is not None
    lines: list[str] = []
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and not any("QR" in line for line in lines):
            ready, _, _ = select.select([proc.stderr], [], [], 1.0)
            if ready:
                line = proc.stderr.readline()
                if not line:
                    break
                lines.append(line)
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=30)
    return "".join(lines) + out + err


def test_no_output_log_or_json_carries_the_password(
    pg_server: PgServer, tmp_path: Path
) -> None:
    url = pg_server.create_owned_database("site_admin", SECRET)
    site = str(write_site(tmp_path))
    printed: list[tuple[str, int, str]] = []

    def run(*argv: str, expect_ok: bool = True, db: str = url, **options: bool) -> None:
        code, output = khiu(db, *argv, **options)
        printed.append((" ".join(argv), code, output))
        assert (code == 0) == expect_ok, (argv, output)

    run("init", "--site", site)
    run("init", "--json")
    run("status")
    run("status", "--json", env_db=True)
    run("issue", "DL", "--json")
    run("issue", "SSO")
    run("call", "1", "--json")
    run("call", "2")
    run("events", "--json")
    run("officer", "add", "nok", "--name", "นก", "--pin", "4321", "--json")
    run("backup", str(tmp_path / "bk.db"), "--json")
    run("copy", str(tmp_path / "copy.db"))
    destination = pg_server.create_owned_database("copy_admin", OTHER_SECRET)
    run("copy", destination, "--json")
    run("copy", destination, expect_ok=False)  # not empty any more: names the destination
    run("restore", str(tmp_path / "bk.db"), expect_ok=False)  # a server database
    run("issue", "XX", expect_ok=False)
    run("demo", "--simulate", "--duration", "1", "--rate", "60", "--seed", "1")
    run("status", expect_ok=False, db=url.replace(SECRET, OTHER_SECRET))  # wrong password
    run("status", expect_ok=False, db=url.replace("/owned_", "/missing_"))  # no database
    run("status", expect_ok=False, db=url.replace("postgresql://", "postgresql:/"))  # typo
    printed.append(("serve", 0, serve_banner(url)))

    with psycopg.connect(url) as conn:  # the commands really ran against that server
        row = conn.execute("SELECT count(*) FROM tickets").fetchone()
        assert row is not None and row[0] >= 2
    assert any("site_admin:***@" in output for _, _, output in printed)
    for command, _code, output in printed:
        assert SECRET not in output, (command, output)
        assert OTHER_SECRET not in output, (command, output)


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        ("postgresql://khiu_admin:Hush@db/khiu", "postgresql://khiu_admin:***@db:5432/khiu"),
        ("postgres://u:p%40ss@db:6543/khiu?sslmode=require",
         "postgresql://u:***@db:6543/khiu?sslmode=require"),
        ("postgresql://u@db/khiu?password=Hush&sslmode=prefer",
         "postgresql://u@db:5432/khiu?password=***&sslmode=prefer"),
        ("postgresql://u:Hu@sh/x@db/khiu", "postgresql://u:***@db/khiu"),  # not a valid URL
        ("postgresql:/u:Hush@db/khiu", "postgresql:/u:***@db/khiu"),  # a typo
        ("postgresql://u@db/khiu", "postgresql://u@db:5432/khiu"),
        (Path("/srv/khiu/khiu.db"), "/srv/khiu/khiu.db"),
    ],
)
def test_one_function_shows_a_location_without_its_password(
    location: str | Path, shown: str
) -> None:
    assert shown_location(location) == shown
    if isinstance(location, str) and "://" in location and "Hu@sh" not in location:
        assert str(parse_location(location)) == shown  # a parsed location prints the same
