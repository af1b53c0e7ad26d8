"""CoalescingReader: a burst of requests while a read runs costs one more read (of the
newest job), and a failed read drops or keeps the pending re-run as configured."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from shared.domain.errors import KhiuError, NotFoundError
from shared.qt.worker import CoalescingReader, StoreWorker
from shared.storage import parse_location
from shared.storage.api import Store


def test_a_burst_costs_two_reads_of_the_newest_job(qtbot: QtBot, db_path: Path) -> None:
    worker = StoreWorker(parse_location(db_path))
    gate = threading.Event()
    runs: list[str] = []
    done: list[str] = []

    def job(name: str) -> Callable[[Store], str]:
        def read(store: Store) -> str:
            gate.wait(5)
            runs.append(name)
            return name

        return read

    reader: CoalescingReader[str] = CoalescingReader(worker, done.append, lambda e: None)
    try:
        for name in ("first", "second", "third", "fourth"):
            reader.request(job(name))
        gate.set()
        qtbot.waitUntil(lambda: len(done) == 2, timeout=5000)
        qtbot.wait(100)
        assert runs == ["first", "fourth"] and done == ["first", "fourth"]
    finally:
        worker.shutdown()


def _read_errors(qtbot: QtBot, worker: StoreWorker, again: bool) -> list[KhiuError]:
    gate = threading.Event()

    def failing(store: Store) -> None:
        gate.wait(5)  # still running when the second request arrives
        store.service("NOPE")

    errors: list[KhiuError] = []
    reader: CoalescingReader[None] = CoalescingReader(
        worker, lambda _: None, errors.append, again_after_error=again
    )
    reader.request(failing)
    reader.request(failing)
    gate.set()
    qtbot.waitUntil(lambda: worker.pending() == 0 and bool(errors), timeout=5000)
    qtbot.wait(200)
    assert all(isinstance(e, NotFoundError) for e in errors)
    return errors


def test_after_a_failure_the_pending_run_is_kept_or_dropped(qtbot: QtBot, db_path: Path) -> None:
    worker = StoreWorker(parse_location(db_path))
    try:
        assert len(_read_errors(qtbot, worker, again=True)) == 2
        assert len(_read_errors(qtbot, worker, again=False)) == 1
    finally:
        worker.shutdown()
