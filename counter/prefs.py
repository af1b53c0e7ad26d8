"""What the counter PC remembers between runs (only the last counter chosen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings


class CounterPrefs:
    """A thin typed wrapper over QSettings; tests point it at a file in a temp folder."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    @classmethod
    def default(cls) -> CounterPrefs:
        return cls(QSettings("Khiu", "khiu-counter"))

    @classmethod
    def at(cls, path: Path) -> CounterPrefs:
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def last_counter(self) -> int | None:
        value = self._settings.value("last_counter")
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None  # a hand-edited or damaged file must not stop the app

    def set_last_counter(self, number: int) -> None:
        self._settings.setValue("last_counter", number)
        self._settings.sync()
