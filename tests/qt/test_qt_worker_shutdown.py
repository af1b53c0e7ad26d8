"""A stopped worker delivers nothing more: a result already posted to the GUI thread when
the app shuts down must not start anything (a board read that started the hall voice's
thread after the display's shutdown made the process abort at exit)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from shared.qt.worker import TaskWorker


def test_a_result_posted_before_shutdown_is_not_delivered_after_it(qtbot: QtBot) -> None:
    worker = TaskWorker("khiu-test")
    delivered: list[str] = []
    worker.submit(lambda: "board", delivered.append)
    worker.shutdown()  # the task ran and its result was posted before the thread stopped
    qtbot.wait(100)  # the GUI loop runs on (Qt 6 still delivers posted events after exit())
    assert delivered == []
    assert worker.pending() == 0


def test_a_result_before_shutdown_is_delivered(qtbot: QtBot) -> None:
    worker = TaskWorker("khiu-test")
    delivered: list[str] = []
    worker.submit(lambda: "board", delivered.append)
    qtbot.waitUntil(lambda: delivered == ["board"])
    worker.shutdown()
