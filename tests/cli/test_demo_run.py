"""`khiu demo --run --simulate` (what `make demo` runs): starts the display, kiosk,
counter 1, the web pages and the simulator, says what each window is and the logins,
and a Ctrl+C (SIGINT) stops every program it started. At a taken port it says so instead
of advertising the web pages; a program that ends on its own says why."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

from shared.cli.demo_run import report_ended, start_program
from shared.storage import open_store

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name == "nt", reason="SIGINT to a process group is POSIX"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_demo_run_starts_everything_and_ctrl_c_stops_it(tmp_path: Path) -> None:
    db = tmp_path / "khiu.db"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    cli = [sys.executable, "-m", "shared.cli.main", "--db", str(db)]
    assert subprocess.run([*cli, "init", "--demo"], env=env, capture_output=True).returncode == 0
    port = _free_port()
    out = tmp_path / "out.txt"
    with open(out, "wb") as sink:
        demo = subprocess.Popen(
            [*cli, "demo", "--run", "--simulate", "--rate", "30", "--port", str(port)],
            env=env, stdout=sink, stderr=subprocess.STDOUT, cwd=tmp_path,
        )
    try:
        deadline = time.monotonic() + 90
        while True:  # the web pages answer once everything has started
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                    assert page.status == 200
                break
            except OSError:
                assert demo.poll() is None, out.read_text()
                assert time.monotonic() < deadline, out.read_text()
                time.sleep(0.3)
        children = psutil.Process(demo.pid).children()
        assert len(children) == 5, [c.cmdline() for c in children]  # 3 apps, web, simulator
        deadline = time.monotonic() + 60
        while "call " not in out.read_text():  # the simulator's feed reaches the console
            assert time.monotonic() < deadline, out.read_text()
            time.sleep(0.3)
        assert all(c.is_running() and c.status() != psutil.STATUS_ZOMBIE for c in children)
        text = out.read_text()
        for expected in ("Ctrl+C", 'window "Khiu kiosk"', 'window "Khiu counter"',
                         'window "Khiu hall display"', f"http://127.0.0.1:{port}/",
                         "somchai  1111", "admin    9999", "simulated at 30x"):
            assert expected in text, expected

        demo.send_signal(signal.SIGINT)  # Ctrl+C
        assert demo.wait(30) == 0
        _gone, alive = psutil.wait_procs(children, timeout=10)
        assert alive == [], [c.cmdline() for c in alive]
        assert "stopped 5 programs (SIGINT)" in out.read_text()
        assert {p.name for p in (tmp_path / "logs").iterdir()} == {
            "citizens-web-pages.log", "hall-display.log", "counter-1.log", "ticket-kiosk.log"
        }
    finally:
        if demo.poll() is None:
            demo.kill()
            demo.wait()


# `khiu demo --run` itself, with counter 1 the real counter program at which somchai
# types his login (tests/counter/signed_in_counter.py), so its stop can be seen.
DEMO_WITH_OFFICER = (
    "import sys\n"
    "import shared.cli.demo_run as demo_run\n"
    "from shared.cli.main import main\n"
    "demo_run._MODULES['khiu-counter'] = 'tests.counter.signed_in_counter'\n"
    "raise SystemExit(main(sys.argv[1:]))\n"
)


def test_a_taken_web_port_is_named_and_ctrl_c_signs_the_counter_out(tmp_path: Path) -> None:
    db = tmp_path / "khiu.db"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "KHIU_TEST_OFFICER": "somchai 1111"}
    cli = [sys.executable, "-m", "shared.cli.main", "--db", str(db)]
    assert subprocess.run([*cli, "init", "--demo"], env=env, capture_output=True).returncode == 0
    store = open_store(db)
    with socket.socket() as other_program:  # another program answers at the port
        other_program.bind(("127.0.0.1", 0))
        other_program.listen()
        port = other_program.getsockname()[1]
        out = tmp_path / "out.txt"
        with open(out, "wb") as sink:
            demo = subprocess.Popen(
                [sys.executable, "-c", DEMO_WITH_OFFICER, "--db", str(db),
                 "demo", "--run", "--port", str(port)],
                env=env, stdout=sink, stderr=subprocess.STDOUT, cwd=tmp_path,
            )
        try:
            deadline = time.monotonic() + 60
            while store.counter(1).officer_login != "somchai":
                assert demo.poll() is None, out.read_text()
                assert time.monotonic() < deadline, out.read_text()
                time.sleep(0.2)
            text = out.read_text()
            assert "demo logins" in text
            assert (f"could not start: port {port} is in use by another program" in text
                    and f"พอร์ต {port} มีโปรแกรมอื่นใช้อยู่" in text), text
            assert f"make run WEB_PORT={port + 1}" in text
            assert f":{port}/" not in text  # no address where the other program answers
            children = psutil.Process(demo.pid).children()
            assert sorted(" ".join(c.cmdline()[2:]) for c in children) == sorted([  # -m …
                "tests.counter.signed_in_counter --counter 1",
                "display --windowed",
                "kiosk --windowed",
            ])
            # The database reaches them in the environment: a URL's password on a command
            # line would be readable by every user of the PC.
            assert {c.environ()["KHIU_DB"] for c in children} == {str(db)}
            demo.send_signal(signal.SIGINT)  # Ctrl+C
            assert demo.wait(30) == 0
            _gone, alive = psutil.wait_procs(children, timeout=10)
            assert alive == [], [c.cmdline() for c in alive]
            text = out.read_text()
            assert "stopped 3 programs (SIGINT)" in text, text
            assert "ended" not in text, text  # no app died on its own before the stop
            assert "citizens-web-pages.log" not in {p.name for p in (tmp_path / "logs").iterdir()}
            # The counter was stopped as if closed: somchai signed out, the counter free.
            assert store.counter(1).officer_login is None
            assert [e.kind for e in store.changes(0) if e.kind.startswith("officer_log")] == [
                "officer_login", "officer_logout"
            ]
        finally:
            store.close()
            if demo.poll() is None:
                demo.kill()
                demo.wait()


def test_a_program_that_ends_on_its_own_says_why_from_its_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "citizens-web-pages.log"
    log.write_text("khiu: a line from the previous run\n", encoding="utf-8")
    child = start_program(
        "citizens' web pages",
        [sys.executable, "-c",
         "import sys; print('starting'); print('khiu: Cannot serve on 0.0.0.0:8080 "
         "(address already in use)'); print(); sys.exit(3)"],
        app=False, log=log, db=str(tmp_path / "khiu.db"),
    )
    assert child.proc.wait(30) == 3
    report_ended(child)
    assert capsys.readouterr().out == (
        "khiu demo: citizens' web pages จบการทำงาน / ended (exit 3): khiu: Cannot serve on "
        f"0.0.0.0:8080 (address already in use) (log: {log})\n"
    )

    quiet = start_program("hall display", [sys.executable, "-c", "pass"], app=True, log=log,
                          db=str(tmp_path / "khiu.db"))
    assert quiet.proc.wait(30) == 0
    report_ended(quiet)  # ended well: nothing to explain, and older lines are not its own
    assert capsys.readouterr().out == "khiu demo: hall display จบการทำงาน / ended (exit 0)\n"
