"""A second background thread for slow device work (printing, printer status), so a hung
printer never delays issuing on the database worker."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from shared.qt.worker import TaskWorker


class DeviceWorker(TaskWorker):
    """Runs `task()` on the printer thread; `on_done(result)` / `on_error(exc)` on the GUI
    thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__("khiu-printer", parent)

    def shutdown(self, wait_ms: int = 3000, last: Callable[[], None] | None = None) -> None:
        """Stop the thread; a device stuck past `wait_ms` is abandoned (printing times out)."""
        super().shutdown(wait_ms, last)
