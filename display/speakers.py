"""The hall's announcer as the site file's voice settings ask for it: the voice pack, else
the system voice (pyttsx3 or a live QTextToSpeech voice, whichever speaks Thai), else
the chime."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from display.voice import Speaker, SpeakerFactory
from shared.site import VoiceConfig
from shared.speech.tts import TtsEngine
from shared.speech.voices import VoiceChoice
from shared.storage import Location, data_folder

log = logging.getLogger("khiu.display")


def voicepack_folder(voice: VoiceConfig, location: Location) -> Path | None:
    """The site's voice pack folder; a relative path is taken from the data folder (the
    database's folder for a file)."""
    if not voice.voicepack:
        return None
    folder = Path(voice.voicepack).expanduser()
    return folder if folder.is_absolute() else data_folder(location) / folder


def system_voice_engines(
    engines: list[object],
    *,
    volume: float = 1.0,
    select: Callable[[TtsEngine], VoiceChoice] | None = None,
) -> tuple[list[object], QObject | None]:
    """Apply the Thai system-voice choice (shared/speech/voices.py) to an engine chain that
    has a TtsEngine: keep pyttsx3 when it has a Thai voice, else swap it for a live
    QTextToSpeech winrt voice when that has one, else drop it (chime). Logged once."""
    from shared.qt.qt_voice import QtLiveVoice, select_system_voice

    tts = next((e for e in engines if isinstance(e, TtsEngine)), None)
    if tts is None:
        return engines, None
    choice = (select or select_system_voice)(tts)
    log.info("voice: %s", choice.describe())
    if choice.kind == "pyttsx3":
        return engines, None
    tts.close()
    rest = [e for e in engines if e is not tts]
    if choice.kind == "qt" and choice.thai is not None and choice.qt_engine:
        english = choice.english.name if choice.english else None
        return rest, QtLiveVoice(choice.qt_engine, choice.thai.name, english, volume=volume)
    return rest, None


def site_speaker_factory(location: Location, *, muted: bool) -> SpeakerFactory:
    """Announcers built from SiteConfig.voice: voice pack → system voice → chime."""

    def build(voice: VoiceConfig) -> tuple[Speaker, list[object]] | None:
        from shared.qt.announcer import Announcer
        from shared.speech.engines import engine_chain

        if voice.engine == "off":
            log.info("voice is off in the site file: calls are shown, not announced")
            return None
        kind = voice.engine
        folder = voicepack_folder(voice, location)
        if kind == "voicepack" and folder is None:
            log.warning("voice.engine is voicepack but voice.voicepack is empty; using auto")
            kind = "auto"
        engines: list[object] = list(engine_chain(kind, voicepack=folder))
        live = None
        if folder is None:  # no voice pack: the system voice is the hall's voice
            engines, live = system_voice_engines(engines, volume=voice.volume)
        else:
            log.info("voice: voice pack %s (system voice, then chime, if it fails)", folder)
        return (
            Announcer(
                engines,  # type: ignore[arg-type]
                muted=muted,
                english=voice.english,
                volume=voice.volume,
                live_voice=live,  # type: ignore[arg-type]
            ),
            [*engines, *([live] if live is not None else [])],
        )

    return build
