"""`khiu serve` as a user runs it: serves the pages, stops on Ctrl+C, and refuses a
missing database with one clear line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from shared.storage import open_store
from tests.support.web import free_port


def khiu(*args: str) -> list[str]:
    return [sys.executable, "-m", "shared.cli.main", *args]


def test_serve_answers_and_stops_on_ctrl_c(db_path: Path) -> None:
    store = open_store(db_path)
    ticket = store.issue("DL")
    store.close()
    port = free_port()
    proc = subprocess.Popen(
        khiu("--db", str(db_path), "serve", "--host", "127.0.0.1", "--port", str(port)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "LANG": "C.UTF-8"},
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                resp = httpx.get(f"http://127.0.0.1:{port}/api/tickets/{ticket.token}")
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr
                time.sleep(0.1)
        assert resp.status_code == 200 and resp.json()["code"] == "A001"
        assert "server" not in resp.headers  # no software banner
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode in (0, 130), err  # 130: the usual code after Ctrl+C
    assert f"http://127.0.0.1:{port}/" in err
    assert "Traceback" not in err and out == ""


def test_serve_without_a_database_is_one_clear_line(tmp_path: Path) -> None:
    done = subprocess.run(
        khiu("--db", str(tmp_path / "none.db"), "serve", "--port", str(free_port())),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("khiu:")
