"""A second background thread for slow device work (printing, printer status), so a hung
printer never delays issuing on the database worker."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger("khiu.kiosk.printer")


class _Runner(QObject):
    """Lives in the device thread and runs one callable at a time."""

    finished = Signal(int, object, object)  # task id, result, exception

    @Slot(int, object)
    def run(self, task_id: int, task: Callable[[], Any]) -> None:
        try:
            result = task()
        except Exception as exc:  # a bug or an unexpected driver error: report, stay alive
            log.exception("device task failed")
            self.finished.emit(task_id, None, exc)
        else:
            self.finished.emit(task_id, result, None)


class DeviceWorker(QObject):
    """Runs `task()` on its own thread; `on_done(result)` / `on_error(exc)` on the GUI thread."""

    _submit = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}
        self._thread = QThread()
        self._thread.setObjectName("khiu-printer")
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._submit.connect(self._runner.run)
        self._runner.finished.connect(self._deliver)
        self._thread.start()

    def submit(
        self,
        task: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        task_id = next(self._ids)
        self._callbacks[task_id] = (on_done, on_error)
        self._submit.emit(task_id, task)

    def busy(self) -> bool:
        return bool(self._callbacks)

    @Slot(int, object, object)
    def _deliver(self, task_id: int, result: Any, error: Exception | None) -> None:
        on_done, on_error = self._callbacks.pop(task_id)
        if error is not None:
            on_error(error)
        else:
            on_done(result)

    def shutdown(self, wait_ms: int = 3000) -> None:
        """Stop the thread; a device stuck past `wait_ms` is abandoned (printing times out)."""
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait(wait_ms)
