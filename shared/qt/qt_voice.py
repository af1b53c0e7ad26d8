"""QTextToSpeech: list its engines' voices, and speak live with one (the Windows `winrt`
engine reaches the OneCore Thai voice, Microsoft Pattara, that SAPI5/pyttsx3 cannot see).

PySide6 does not expose QTextToSpeech.synthesize() (a C++ template), so Qt's voice cannot
be rendered into the announcement WAV: the Announcer plays the chime WAV, then asks a
`QtLiveVoice` to say the Thai and English texts, and waits for it (with a timeout).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal

from shared.speech.errors import SpeechError
from shared.speech.voices import QT_THAI_ENGINES, VoiceChoice, VoiceInfo, choose_system_voice

log = logging.getLogger("khiu.speech")

TextToSpeechFactory = Callable[[str], object]


def _default_factory(engine: str) -> object:
    from PySide6.QtTextToSpeech import QTextToSpeech

    return QTextToSpeech(engine)


def _wait_ready(tts: object, timeout_ms: int) -> bool:
    """Engines such as winrt load asynchronously: wait for Ready (or Error)."""
    from PySide6.QtTextToSpeech import QTextToSpeech

    state = tts.state()  # type: ignore[attr-defined]
    if state != QTextToSpeech.State.Ready and state != QTextToSpeech.State.Error:
        loop = QEventLoop()
        tts.stateChanged.connect(loop.quit)  # type: ignore[attr-defined]
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
    return tts.state() == QTextToSpeech.State.Ready  # type: ignore[attr-defined]


def available_engines() -> list[str]:
    """QTextToSpeech engines on this system (Qt's "mock" test engine left out)."""
    from PySide6.QtTextToSpeech import QTextToSpeech

    return [name for name in QTextToSpeech.availableEngines() if name != "mock"]


def qt_voices(
    engines: Sequence[str] | None = None,
    *,
    factory: TextToSpeechFactory = _default_factory,
    timeout_ms: int = 3000,
) -> dict[str, list[VoiceInfo]]:
    """Every voice of each available QTextToSpeech engine (needs a Q*Application)."""
    found: dict[str, list[VoiceInfo]] = {}
    for engine in available_engines() if engines is None else engines:
        tts = factory(engine)
        try:
            if not _wait_ready(tts, timeout_ms):
                log.info("QTextToSpeech %s is not ready; its voices are not listed", engine)
                found[engine] = []
                continue
            voices = []
            for voice in tts.availableVoices():  # type: ignore[attr-defined]
                locale = voice.locale().name()  # "th_TH"
                voices.append(VoiceInfo(f"qt:{engine}", voice.name(), voice.name(), (locale,)))
            # availableVoices() is for the current locale only: ask every locale too.
            for locale in tts.availableLocales():  # type: ignore[attr-defined]
                for voice in tts.allVoices(locale):  # type: ignore[attr-defined]
                    info = VoiceInfo(f"qt:{engine}", voice.name(), voice.name(),
                                     (voice.locale().name(),))
                    if info not in voices:
                        voices.append(info)
            found[engine] = voices
        finally:
            deleter = getattr(tts, "deleteLater", None)
            if callable(deleter):
                deleter()
    return found


class QtLiveVoice(QObject):
    """Says texts one after another with a QTextToSpeech engine and voice; `finished`
    when all are said (or on error/timeout: then `failed(message)` first)."""

    finished = Signal()
    failed = Signal(str)

    def __init__(
        self,
        engine: str,
        thai_voice: str,
        english_voice: str | None = None,
        *,
        volume: float = 1.0,
        factory: TextToSpeechFactory = _default_factory,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine_name = engine
        self.names = {"th": thai_voice, "en": english_voice}
        self.volume = volume
        self._factory = factory
        self._tts: object | None = None
        self._queue: list[tuple[str, str]] = []
        self._speaking = False

    def _ensure(self) -> object:
        if self._tts is None:
            tts = self._factory(self.engine_name)
            tts.setParent(self)  # type: ignore[attr-defined]
            tts.stateChanged.connect(self._on_state)  # type: ignore[attr-defined]
            tts.setVolume(self.volume)  # type: ignore[attr-defined]
            self._tts = tts
        return self._tts

    def _voice(self, lang: str) -> object | None:
        name = self.names.get(lang)
        if not name:
            return None
        tts = self._ensure()
        for locale in tts.availableLocales():  # type: ignore[attr-defined]
            for voice in tts.allVoices(locale):  # type: ignore[attr-defined]
                if voice.name() == name:
                    return voice
        return None

    def say_all(self, texts: Sequence[tuple[str, str]]) -> None:
        """Say each (lang, text) in order; English is skipped without an English voice."""
        self._queue = [(lang, text) for lang, text in texts if text and self.names.get(lang)]
        self._next()

    def _next(self) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if not self._queue:
            self._speaking = False
            self.finished.emit()
            return
        lang, text = self._queue.pop(0)
        tts = self._ensure()
        voice = self._voice(lang)
        if voice is None:
            self._fail(f"QTextToSpeech {self.engine_name}: voice {self.names[lang]!r} is gone")
            return
        tts.setVoice(voice)  # type: ignore[attr-defined]
        self._speaking = True
        tts.say(text)  # type: ignore[attr-defined]
        if tts.state() == QTextToSpeech.State.Error:  # type: ignore[attr-defined]
            self._fail(f"QTextToSpeech {self.engine_name} failed to speak")

    def _on_state(self, state: object) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if not self._speaking:
            return
        if state == QTextToSpeech.State.Ready:
            self._speaking = False
            QTimer.singleShot(0, self._next)
        elif state == QTextToSpeech.State.Error:
            self._fail(f"QTextToSpeech {self.engine_name} failed while speaking")

    def _fail(self, message: str) -> None:
        self._queue = []
        self._speaking = False
        self.failed.emit(message)
        self.finished.emit()

    def stop(self) -> None:
        self._queue = []
        self._speaking = False
        if self._tts is not None:
            self._tts.stop()  # type: ignore[attr-defined]


def pyttsx3_voices(tts: object, timeout_s: float = 15.0) -> tuple[list[VoiceInfo] | None, str | None]:
    """(voices, None) from a TtsEngine's worker, or (None, why) when pyttsx3 cannot answer."""
    try:
        listed = tts.list_voices(timeout_s)  # type: ignore[attr-defined]
    except SpeechError as exc:
        return None, str(exc)
    return [VoiceInfo.from_pyttsx3(item) for item in listed], None


def select_system_voice(
    tts: object,
    *,
    qt_engines: Sequence[str] = QT_THAI_ENGINES,
    list_qt: Callable[[Sequence[str]], dict[str, list[VoiceInfo]]] = qt_voices,
    engines_here: Callable[[], list[str]] = available_engines,
) -> VoiceChoice:
    """Ask pyttsx3 (through `tts`, a TtsEngine) and, only if it has no Thai voice, the
    QTextToSpeech engines in `qt_engines` that exist here; apply choose_system_voice."""
    voices, error = pyttsx3_voices(tts)
    choice = choose_system_voice(voices, {}, qt_engines=qt_engines, pyttsx3_error=error)
    if choice.kind == "pyttsx3":
        return choice
    present = [engine for engine in qt_engines if engine in engines_here()]
    return choose_system_voice(
        voices, list_qt(present) if present else {}, qt_engines=qt_engines, pyttsx3_error=error
    )
