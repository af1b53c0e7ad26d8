"""Notices when nobody has touched the kiosk for a while."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_INPUT = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


class IdleWatcher(QObject):
    """Emits `idle` once `idle_ms` after the last touch, click or key (app-wide filter)."""

    idle = Signal()

    def __init__(self, idle_ms: int, *, fixed: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fixed = fixed  # an explicit override (tests, --idle) beats the site file
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(idle_ms)
        self._timer.timeout.connect(self.idle)

    def set_idle_ms(self, idle_ms: int) -> None:
        if not self._fixed:
            self._timer.setInterval(idle_ms)

    def restart(self) -> None:
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self._timer.start()
        return False
