"""How a running app is asked to end: a start-up check's timer, or a stop signal.

Both end the event loop with `exit(0)`, never `quit()`: Qt 6's `quit()` first asks every
window to close, and a window that refuses (the locked kiosk ignores every close but
the admin's) cancels it. After `exec()` returns each app runs its own shutdown (the
counter signs its officer out), so a stop is as clean as a close.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer

# Ctrl+C in the app's terminal; SIGTERM from `khiu demo --run`, systemd or `kill`;
# Ctrl+Break in the app's console on Windows.
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGBREAK") if hasattr(signal, name)
)


def run_until_exit(app: QCoreApplication, shutdown: Callable[[], None]) -> int:
    """Run the app's event loop until it is asked to end (`KHIU_QUIT_AFTER_S`, a stop
    signal, the last window closed), then `shutdown()`; returns exec()'s code.

    The shutdown runs after exec() returns, never on aboutToQuit: Qt 6 emits that inside
    exit(), and the loop still delivers what was already posted, so a result arriving
    then could start a thread after the shutdown and abort the process at exit."""
    _quit_after_from_env(app)
    _exit_on_stop_signals(app)
    try:
        return app.exec()
    finally:
        shutdown()


def _quit_after_from_env(app: QCoreApplication) -> None:
    """`KHIU_QUIT_AFTER_S=N`: run N seconds, then quit cleanly (exit 0). For checking an
    installation (does each program start, find its fonts, sounds and database?) and tests."""
    raw = os.environ.get("KHIU_QUIT_AFTER_S")
    if not raw:
        return
    try:
        seconds = float(raw)
    except ValueError:
        return
    QTimer.singleShot(round(seconds * 1000), lambda: app.exit(0))


class _SignalWaker(QObject):
    """Python runs a signal handler only between bytecodes, and an idle Qt event loop runs
    none: without this a SIGTERM would wait for the next mouse move. The interpreter's
    C-level handler writes a byte to a socket (signal.set_wakeup_fd); reading it here
    runs Python code, and with it the pending handler."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(
            self._reader.fileno(), QSocketNotifier.Type.Read, self
        )
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        with contextlib.suppress(OSError):  # nothing left to read: already drained
            self._reader.recv(512)


def _exit_on_stop_signals(app: QCoreApplication) -> None:
    _SignalWaker(app)  # owned by the app: lives as long as its event loop

    def on_stop_signal(_signum: int, _frame: object) -> None:
        # Through the event loop: a signal that comes before exec() starts would make a
        # direct exit() a no-op, and the app would then run on.
        QTimer.singleShot(0, lambda: app.exit(0))

    for stop_signal in STOP_SIGNALS:
        signal.signal(stop_signal, on_stop_signal)
