"""Speech engines that turn an Announcement into audio, and the fallback chain that renders a WAV.

`VoicePackEngine` joins recorded clips (how Thai queue systems sound natural),
`TtsEngine` asks the system voice through pyttsx3 in a watchdog-guarded subprocess,
`ChimeOnlyEngine` says nothing. `render_announcement` writes chime + Thai + English,
falling back along the chain with a logged warning when an engine fails.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from shared.domain.errors import KhiuError
from shared.speech.chime import chime_pcm
from shared.speech.clips import clip_filename
from shared.speech.errors import SpeechError
from shared.speech.phrasing import Announcement
from shared.speech.tts import TtsEngine
from shared.speech.wav import (
    DEFAULT_RATE,
    Pcm,
    WavError,
    concat,
    peak,
    read_wav,
    scale,
    silence,
    trim,
    write_wav,
)

__all__ = [
    "ChimeOnlyEngine",
    "Engine",
    "SpeechError",
    "TtsEngine",
    "VoicePackEngine",
    "close_engines",
    "engine_chain",
    "render_announcement",
    "render_text",
]

log = logging.getLogger("khiu.speech")

WORD_GAP_S = 0.06  # between clips of a voice pack: words, not a stammer
CHIME_PAUSE_S = 0.3  # after the chime, before the Thai
LANGUAGE_PAUSE_S = 0.7  # between the Thai and the English
TAIL_S = 0.2  # some players clip the last few ms of a file
SPEECH_PEAK = 26000  # speech level after normalising: louder than the chime, not clipping


class Engine(Protocol):
    """Renders the spoken parts of an announcement (Thai, then English if any) as PCM."""

    name: str

    def render_parts(self, ann: Announcement) -> list[Pcm]: ...


class ChimeOnlyEngine:
    """Says nothing: the announcement is the chime alone (the last fallback)."""

    name = "chime"

    def render_parts(self, ann: Announcement) -> list[Pcm]:
        return []


class VoicePackEngine:
    """Joins recorded clips from a voice-pack folder (`th/letter_a.wav`, `en/number.wav`, ...)."""

    name = "voicepack"

    def __init__(self, folder: str | os.PathLike[str], *, gap_s: float = WORD_GAP_S) -> None:
        self.folder = Path(folder)
        self.gap_s = gap_s
        # Clips are small and the same ones come back all day; keyed by mtime so a
        # re-recorded clip is picked up without a restart.
        self._cache: dict[str, tuple[float, Pcm]] = {}

    def clip_path(self, clip_id: str) -> Path:
        return self.folder.joinpath(*clip_filename(clip_id).split("/"))

    def load(self, clip_id: str) -> Pcm:
        """One clip, trimmed of edge silence; SpeechError if missing, unreadable or silent."""
        path = self.clip_path(clip_id)
        try:
            mtime = path.stat().st_mtime
        except OSError as exc:
            raise SpeechError(f"voice pack {self.folder}: missing clip {clip_id}") from exc
        cached = self._cache.get(clip_id)
        if cached and cached[0] == mtime:
            return cached[1]
        try:
            pcm = trim(read_wav(path))
        except WavError as exc:
            raise SpeechError(f"voice pack {self.folder}: broken clip {clip_id}: {exc}") from exc
        if not pcm.samples:
            raise SpeechError(f"voice pack {self.folder}: clip {clip_id} is silent")
        self._cache[clip_id] = (mtime, pcm)
        return pcm

    def _join(self, clip_ids: Sequence[str]) -> Pcm:
        clips = [self.load(clip_id) for clip_id in clip_ids]
        rate = clips[0].rate
        pieces: list[Pcm] = []
        for clip in clips:
            if pieces:
                pieces.append(silence(self.gap_s, rate))
            pieces.append(clip)
        return concat(pieces, rate)

    def render_parts(self, ann: Announcement) -> list[Pcm]:
        return [self._join(ids) for ids in (ann.th_clips, ann.en_clips) if ids]


def _normalise(pcm: Pcm) -> Pcm:
    loudest = peak(pcm)
    return scale(pcm, SPEECH_PEAK / loudest) if loudest else pcm


def render_announcement(
    ann: Announcement,
    path: str | os.PathLike[str],
    engines: Sequence[Engine] | None = None,
    chime: bool = True,
    *,
    on_warning: Callable[[str], None] | None = None,
    rate: int = DEFAULT_RATE,
) -> Path:
    """Write chime + Thai + pause + English as one 16-bit PCM mono WAV at `path`.

    Engines are tried in order; one that fails is logged (logger "khiu.speech") and
    reported to `on_warning`, and the next is tried. When none can speak, the file holds
    the chime alone; SpeechError only if that leaves nothing at all (chime=False).
    """

    def warn(message: str) -> None:
        log.warning("%s", message)
        if on_warning is not None:
            on_warning(message)

    parts: list[Pcm] | None = None
    for engine in engines if engines is not None else (ChimeOnlyEngine(),):
        try:
            parts = engine.render_parts(ann)
            break
        except SpeechError as exc:
            warn(f"speech engine {engine.name} failed, falling back: {exc}")
        except Exception as exc:  # a bug in one engine must not silence the hall
            log.debug("engine %s crashed", engine.name, exc_info=True)
            warn(f"speech engine {engine.name} crashed, falling back: {exc!r}")
    if not parts and not chime:
        raise SpeechError(f"no speech engine could say {ann.th!r} and the chime is off")
    if parts is None:
        warn(f"no speech engine could say {ann.th!r}; chime only")
        parts = []

    pieces: list[Pcm] = []
    if chime:
        pieces += [chime_pcm(rate), silence(CHIME_PAUSE_S, rate)]
    for index, part in enumerate(parts):
        if index:
            pieces.append(silence(LANGUAGE_PAUSE_S, rate))
        pieces.append(_normalise(part))
    pieces.append(silence(TAIL_S, rate))
    return write_wav(path, concat(pieces, rate))


TEXT_PAUSE_S = 0.4  # between the lines of a page read aloud


def render_text(
    lines: Sequence[str],
    lang: str,
    path: str | os.PathLike[str],
    engines: Sequence[Engine],
    *,
    on_warning: Callable[[str], None] | None = None,
    rate: int = DEFAULT_RATE,
) -> Path:
    """Write `lines` read aloud in `lang` (a kiosk page's guidance) as one WAV at `path`.

    Free text needs an engine that reads text (the system voice): a voice pack holds the
    words of calls only and is passed over. The first engine that reads every line wins;
    SpeechError when none can."""
    said = [line for line in lines if line.strip()]
    if not said:
        raise SpeechError("nothing to read aloud")
    for engine in engines:
        synthesize = getattr(engine, "synthesize", None)
        if not callable(synthesize):
            continue
        try:
            parts = [_normalise(synthesize(line, lang)) for line in said]
        except Exception as exc:  # one engine's failure falls back to the next
            log.warning("speech engine %s could not read the page: %s", engine.name, exc)
            if on_warning is not None:
                on_warning(f"speech engine {engine.name} could not read the page: {exc}")
            continue
        pieces: list[Pcm] = []
        for index, part in enumerate(parts):
            if index:
                pieces.append(silence(TEXT_PAUSE_S, rate))
            pieces.append(part)
        pieces.append(silence(TAIL_S, rate))
        return write_wav(path, concat(pieces, rate))
    raise SpeechError("no speech engine here can read text aloud")


ENGINE_KINDS = ("auto", "voicepack", "tts", "chime")


def engine_chain(
    kind: str = "auto", *, voicepack: str | os.PathLike[str] | None = None, rate: int = 150
) -> list[Engine]:
    """The engines to try, best first, for a configured kind (the site config's choice).

    auto: the voice pack when one is configured, then the system voice, then the chime.
    """
    if kind not in ENGINE_KINDS:
        raise KhiuError(
            f"ไม่รู้จักเครื่องเสียงพูด {kind!r}: ต้องเป็น {', '.join(ENGINE_KINDS)}",
            f"unknown speech engine {kind!r}: expected one of {', '.join(ENGINE_KINDS)}",
        )
    if kind == "voicepack" and voicepack is None:
        raise KhiuError(
            "ต้องระบุโฟลเดอร์ชุดเสียง (--voicepack DIR)",
            "the voicepack engine needs a voice pack folder (--voicepack DIR)",
        )
    chain: list[Engine] = []
    if voicepack is not None and kind in ("auto", "voicepack"):
        chain.append(VoicePackEngine(voicepack))
    if kind in ("auto", "tts"):
        chain.append(TtsEngine(rate=rate))
    chain.append(ChimeOnlyEngine())
    return chain


def close_engines(engines: Sequence[Engine]) -> None:
    """Stop engines that hold a process (TtsEngine); others need nothing."""
    for engine in engines:
        close = getattr(engine, "close", None)
        if callable(close):
            close()
