"""The kiosk's spoken guidance: reads a page aloud through the hall's speech engines.

Rendering runs on its own QThread and playback is QtMultimedia's asynchronous player (the
announcer's players), so the GUI thread never waits. A new request replaces the one being
read; no engine or no audio device means a logged warning and silence, nothing more."""

from __future__ import annotations

import contextlib
import logging
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from shared.qt.announcer import _ABANDONED_THREADS, Player, QtPlayer, SilentPlayer, has_audio_output
from shared.speech.engines import Engine, close_engines, render_text
from shared.speech.wav import wav_duration

log = logging.getLogger("khiu.speech")


class _TextWorker(QObject):
    """On the worker thread: one WAV per request; stale requests are skipped."""

    rendered = Signal(int, str, float)  # job, path, seconds
    failed = Signal(int, str)

    def __init__(self, engines: Sequence[Engine]) -> None:
        super().__init__()
        self.engines = list(engines)
        self.latest_job = 0  # set from the GUI thread

    @Slot(int, list, str, str)
    def render(self, job: int, lines: list[str], lang: str, path: str) -> None:
        if job < self.latest_job:
            return  # a newer request came while this one queued
        try:
            render_text(lines, lang, path, self.engines)
            self.rendered.emit(job, path, wav_duration(path))
        except Exception as exc:  # reported to the GUI thread, never raised into Qt
            self.failed.emit(job, str(exc))


class GuideVoice(QObject):
    """`say(lines, lang)` reads the lines aloud; `stop()` stops reading."""

    started = Signal(str)  # the WAV being played (tests check it)
    warning = Signal(str)
    _render_requested = Signal(int, list, str, str)

    def __init__(
        self,
        engines: Sequence[Engine],
        *,
        volume: float = 1.0,
        player: Player | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.volume = volume  # 0.0-1.0, the site's kiosk.guidance_volume
        self._engines = list(engines)
        self._tmp = tempfile.TemporaryDirectory(prefix="khiu-guide-")
        self._job = 0
        self._playing: Path | None = None
        self._thread = QThread(self)
        self._thread.setObjectName("khiu-guide-voice")
        self._worker = _TextWorker(self._engines)
        self._worker.moveToThread(self._thread)
        self._render_requested.connect(self._worker.render)
        self._worker.rendered.connect(self._on_rendered)
        self._worker.failed.connect(self._on_failed)
        self._thread.start()
        self._player = player

    def _get_player(self) -> Player:
        if self._player is None:
            if has_audio_output():
                self._player = QtPlayer(self, volume=self.volume)
            else:
                self._warn("no audio output device: guidance is not heard")
                self._player = SilentPlayer(self)
            self._player.failed.connect(self._warn)
            self._player.finished.connect(self._forget_file)
        return self._player

    def set_volume(self, volume: float) -> None:
        """The site file's kiosk.guidance_volume, from the next word on."""
        self.volume = volume
        if isinstance(self._player, QtPlayer):
            self._player.set_volume(volume)

    def _warn(self, message: str) -> None:
        log.warning("%s", message)
        self.warning.emit(message)

    @Slot(list, str)
    def say(self, lines: Sequence[str], lang: str) -> None:
        self.stop()
        self._job += 1
        self._worker.latest_job = self._job
        path = Path(self._tmp.name) / f"guide-{self._job}.wav"
        self._render_requested.emit(self._job, list(lines), lang, str(path))

    @Slot()
    def stop(self) -> None:
        """Stop reading, and drop a request still being rendered."""
        self._worker.latest_job = self._job + 1
        if self._player is not None:
            self._player.stop()
        self._forget_file()

    def _forget_file(self) -> None:
        if self._playing is not None:
            with contextlib.suppress(OSError):
                self._playing.unlink(missing_ok=True)
            self._playing = None

    @Slot(int, str, float)
    def _on_rendered(self, job: int, path: str, seconds: float) -> None:
        if job != self._job or self._worker.latest_job > job:
            Path(path).unlink(missing_ok=True)  # stopped or replaced meanwhile
            return
        self._playing = Path(path)
        self.started.emit(path)
        try:
            self._get_player().play(path, seconds)
        except Exception as exc:  # a broken audio stack must not take the kiosk down
            self._warn(f"guidance playback failed: {exc!r}")

    @Slot(int, str)
    def _on_failed(self, job: int, message: str) -> None:
        if job == self._job:
            self._warn(f"guidance could not be read aloud: {message}")

    def shutdown(self, wait_ms: int = 3000) -> None:
        """Stop playback and the worker thread; call before the application quits."""
        self.stop()
        self._thread.quit()
        if not self._thread.wait(wait_ms):
            log.warning("guidance voice still busy at shutdown (a hung engine?)")
            self._thread.setParent(None)
            _ABANDONED_THREADS.append(self._thread)
        else:
            close_engines(self._engines)
        self._tmp.cleanup()
