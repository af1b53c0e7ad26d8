"""The hall's voice as the site file sets it: builds the announcer for SiteConfig.voice
and passes every call to it (rebuilt only when the voice settings change)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QObject, Signal, Slot

from shared.site import VoiceConfig

log = logging.getLogger("khiu.display")
EARLY_CALLS = 8  # calls that arrive before the site's voice settings are known


class Speaker(Protocol):
    """What the display needs of shared.qt.announcer.Announcer."""

    def announce(self, code: str, counter: int, recall: bool = False) -> None: ...

    def shutdown(self) -> None: ...


SpeakerFactory = Callable[[VoiceConfig], tuple[Speaker, Sequence[object]] | None]


class HallVoice(QObject):
    """Slot `announce(code, counter, recall)`; `configure(voice)` picks the engine chain."""

    warning = Signal(str)

    def __init__(self, factory: SpeakerFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.factory = factory
        self.voice: VoiceConfig | None = None
        self.speaker: Speaker | None = None
        self._engines: Sequence[object] = ()
        self._early: list[tuple[str, int, bool]] = []

    @Slot(object)
    def configure(self, voice: VoiceConfig) -> None:
        if voice == self.voice:
            return
        self._close()
        self.voice = voice
        built = self.factory(voice)
        if built is not None:
            self.speaker, self._engines = built
            warning = getattr(self.speaker, "warning", None)
            if warning is not None:
                warning.connect(self.warning)
        early, self._early = self._early, []
        for call in early:
            self.announce(*call)

    @Slot(str, int, bool)
    def announce(self, code: str, counter: int, recall: bool = False) -> None:
        if self.voice is None:
            self._early = [*self._early, (code, counter, recall)][-EARLY_CALLS:]
        elif self.speaker is not None:
            self.speaker.announce(code, counter, recall)

    def _close(self) -> None:
        if self.speaker is not None:
            self.speaker.shutdown()
            for engine in self._engines:
                close = getattr(engine, "close", None)
                if callable(close):
                    close()
        self.speaker = None
        self._engines = ()

    def shutdown(self) -> None:
        self._close()
