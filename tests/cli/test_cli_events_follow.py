"""`khiu events --follow --json` prints one JSON object per line as other processes
commit (here from `--after ID`, so the test does not depend on start-up timing)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from shared.storage import open_store
from tests.support.cli import ROOT


def _read_lines(proc: subprocess.Popen[str], count: int, timeout_s: float) -> list[dict[str, Any]]:
    """Up to `count` JSON lines; the process is killed after `timeout_s`, which ends a
    blocked read, so a silent follower fails the test instead of hanging it."""
    lines: list[dict[str, Any]] = []
    killer = threading.Timer(timeout_s, proc.kill)
    killer.start()
    try:
        assert proc.stdout is not None
        while len(lines) < count:
            line = proc.stdout.readline()
            if not line:  # killed or ended
                break
            lines.append(json.loads(line))
    finally:
        killer.cancel()
    return lines


def test_follow_prints_new_events_as_json_lines(small_db: Path) -> None:
    store = open_store(small_db)
    store.issue("DL")  # at or before --after: not printed
    after = store.last_event_id()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "shared.cli.main",
            "--db",
            str(small_db),
            "events",
            "--follow",
            "--after",
            str(after),
            "--json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        store.issue("SSO")
        store.call_next(3)
        events = _read_lines(proc, 2, timeout_s=20)
    finally:
        proc.kill()
        proc.communicate()  # waits, and closes the pipes
        store.close()
    assert [(e["kind"], e["ticket"]) for e in events] == [("issued", "B001"), ("called", "B001")]
    assert events[1]["counter"] == 3 and events[0]["id"] < events[1]["id"]
