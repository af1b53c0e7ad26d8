"""A clean stop signs the officer out of the counter: Ctrl+C or SIGTERM to the counter
program (what `khiu demo --run` and systemd send on stop) and closing its window. The
next officer can sign in at once instead of being refused as "in use"."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from shared.clock import Clock, utc_now
from shared.storage.api import Store
from tests.support.backends import Location

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX signals")


@pytest.fixture
def clock() -> Clock:
    """The real clock: the counter process has its own, and a fake date behind it would
    make its hold look stale at once."""
    return utc_now


@pytest.mark.parametrize("stop", ["SIGTERM", "SIGINT", "closing the window"])
def test_a_clean_stop_signs_the_officer_out(
    officers: Store, db_path: Location, tmp_path: Path, stop: str
) -> None:
    store = officers
    closing = stop == "closing the window"
    out = tmp_path / "out.txt"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "KHIU_TEST_OFFICER": "somchai 1111", "KHIU_TEST_CLOSE": "1" if closing else ""}
    with open(out, "wb") as sink:
        program = subprocess.Popen(
            [sys.executable, "-m", "tests.counter.signed_in_counter",
             "--db", str(db_path), "--counter", "1"],
            cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            ended = program.poll() is not None  # before reading: it may print, then end
            if "signed in" in out.read_text():
                break
            assert not ended, out.read_text()
            assert time.monotonic() < deadline, out.read_text()
            time.sleep(0.1)
        if not closing:
            assert store.counter(1).officer_login == "somchai"
            program.send_signal(signal.Signals[stop])
        # Closing: the window closes itself once signed in, and the program ends.
        assert program.wait(30) == 0, out.read_text()
    finally:
        if program.poll() is None:
            program.kill()
            program.wait()
    assert store.counter(1).officer_login is None
    kinds = [e.kind for e in store.changes(0) if e.kind.startswith("officer_log")]
    assert kinds == ["officer_login", "officer_logout"]
    assert store.sign_in(1, "somsri", "2222").login == "somsri"  # not "in use by สมชาย"
