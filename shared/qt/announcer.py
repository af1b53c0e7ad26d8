"""The hall's voice: renders calls on a worker thread and plays them one at a time.

Nothing here blocks the GUI thread: rendering (voice pack, pyttsx3 subprocess) runs on a
QThread, playback is QtMultimedia's own asynchronous player. A hung engine, a broken
clip or a missing audio device becomes a `warning` signal and a log line, never a frozen
or crashed display; calls that pile up are shortened or dropped (see speech.backlog).
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QThread, QTimer, QUrl, Signal, SignalInstance, Slot

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

from shared.domain.errors import KhiuError
from shared.speech.backlog import Backlog, Form, Turn
from shared.speech.chime import ASSET_PATH as CHIME_ASSET
from shared.speech.engines import Engine, render_announcement
from shared.speech.phrasing import Announcement, announce, announce_short, parse_code
from shared.speech.wav import wav_duration

log = logging.getLogger("khiu.speech")

_ABANDONED_THREADS: list[QThread] = []
PLAY_GRACE_S = 5.0  # playback may run this much past the file's length before we give up


class Player(Protocol):
    """Plays one WAV file and emits `finished` when done (or failed: then `failed` first)."""

    @property
    def finished(self) -> SignalInstance: ...

    @property
    def failed(self) -> SignalInstance: ...

    def play(self, path: str, duration_s: float) -> None: ...

    def stop(self) -> None: ...


class SilentPlayer(QObject):
    """Plays nothing but takes as long as the file would: keeps pacing when there is no sound."""

    finished = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, *, speed: float = 1.0) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.finished)
        self.speed = speed  # tests run faster than real time
        self.played: list[tuple[str, float]] = []

    def play(self, path: str, duration_s: float) -> None:
        self.played.append((path, duration_s))
        self._timer.start(round(duration_s * 1000 / self.speed))

    def stop(self) -> None:
        self._timer.stop()


class QtPlayer(QObject):
    """Plays a WAV through the default audio output with QMediaPlayer."""

    finished = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, *, volume: float = 1.0) -> None:
        super().__init__(parent)
        # Created on first play: multimedia start-up is not free.
        self._player: QMediaPlayer | None = None
        self._output: QAudioOutput | None = None
        self._active = False
        self.volume = volume

    def _ensure(self) -> None:
        if self._player is not None:
            return
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

        self._player = QMediaPlayer(self)
        self._output = QAudioOutput(self)
        self._player.setAudioOutput(self._output)
        self._output.setVolume(self.volume)
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.errorOccurred.connect(self._on_error)
        self._end_states = (
            QMediaPlayer.MediaStatus.EndOfMedia,
            QMediaPlayer.MediaStatus.InvalidMedia,
        )

    def set_volume(self, volume: float) -> None:
        self.volume = volume
        if self._output is not None:
            self._output.setVolume(volume)

    def play(self, path: str, duration_s: float) -> None:
        self._ensure()
        assert self._player is not None
        self._active = True
        self._player.setSource(QUrl.fromLocalFile(path))
        self._player.play()

    def stop(self) -> None:
        self._active = False
        if self._player is not None:
            self._player.stop()
            self._player.setSource(QUrl())  # release the file (Windows locks open files)

    def _finish(self) -> None:
        if self._active:
            self.stop()
            self.finished.emit()

    def _on_status(self, status: object) -> None:
        if status in self._end_states:
            self._finish()

    def _on_error(self, error: object, message: str) -> None:
        if self._active:
            self.failed.emit(f"audio playback failed: {message or error}")
            self._finish()


def has_audio_output() -> bool:
    """Whether the system has any audio output device."""
    from PySide6.QtMultimedia import QMediaDevices

    return bool(QMediaDevices.audioOutputs())


class _RenderWorker(QObject):
    """Lives on the worker thread: renders one announcement to a WAV per request."""

    rendered = Signal(int, str, float, list)  # job, path, seconds, warnings
    failed = Signal(int, str)

    def __init__(self, engines: Sequence[Engine], chime: bool) -> None:
        super().__init__()
        self.engines = list(engines)
        self.chime = chime
        self.latest_job = 0  # set from the GUI thread; lets a late worker skip stale jobs

    @Slot(int, object, str)
    def render(self, job: int, ann: Announcement, path: str) -> None:
        if job < self.latest_job:
            return  # given up on after a timeout; the hall has moved on
        warnings: list[str] = []
        try:
            render_announcement(ann, path, self.engines, self.chime, on_warning=warnings.append)
            self.rendered.emit(job, path, wav_duration(path), warnings)
        except Exception as exc:  # reported to the GUI thread, never raised into Qt
            log.debug("render failed", exc_info=True)
            self.failed.emit(job, str(exc))


@dataclass
class _Job:
    id: int
    turn: Turn
    path: Path
    duration_s: float = 0.0
    live: list[tuple[str, str]] | None = None  # (lang, text) for the live voice, after the WAV


class LiveVoice(Protocol):
    """Speaks texts itself (QTextToSpeech, see shared.qt.qt_voice.QtLiveVoice)."""

    @property
    def finished(self) -> SignalInstance: ...

    @property
    def failed(self) -> SignalInstance: ...

    def say_all(self, texts: Sequence[tuple[str, str]]) -> None: ...

    def stop(self) -> None: ...


LIVE_TIMEOUT_S = 30.0  # a live voice that has not finished by then is stopped


class Announcer(QObject):
    """Queues calls and speaks them one at a time: `announce(code, counter, recall)`."""

    started = Signal(str)  # code: its announcement begins (sound or not)
    finished = Signal(str)  # code: its announcement ended, or was given up
    dropped = Signal(str)  # code: too late to be worth saying (still on screen)
    warning = Signal(str)  # something degraded; the text is for the log/status line
    _render_requested = Signal(int, object, str)

    def __init__(
        self,
        engines: Sequence[Engine],
        *,
        muted: bool = False,
        chime: bool = True,
        english: bool = True,
        volume: float = 1.0,
        player: Player | None = None,
        clock: Callable[[], float] = time.time,
        max_delay_s: float = 60.0,
        render_timeout_s: float = 30.0,
        live_voice: LiveVoice | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.muted = muted
        self.english = english  # False: the full form says the Thai only
        self.volume = volume  # 0.0-1.0, the site's voice.volume
        self.backlog = Backlog(clock=clock, max_delay_s=max_delay_s)
        self._tmp = tempfile.TemporaryDirectory(prefix="khiu-announce-")
        self._job: _Job | None = None
        self._next_id = 1

        self._thread = QThread(self)
        self._thread.setObjectName("khiu-speech")
        self._worker = _RenderWorker(engines, chime)
        self._worker.moveToThread(self._thread)
        self._render_requested.connect(self._worker.render)
        self._worker.rendered.connect(self._on_rendered)
        self._worker.failed.connect(self._on_render_failed)
        self._thread.start()

        self._player: Player | None = None
        if player is not None:
            self.set_player(player)
        self._render_timer = self._single_shot(
            round(render_timeout_s * 1000), self._on_render_timeout
        )
        self._play_timer = self._single_shot(0, self._on_play_timeout)
        # The system voice when it cannot render to a file (QTextToSpeech winrt): the WAV
        # holds the chime, then the live voice says the texts.
        self._live_voice = live_voice
        self._live_job = 0
        if live_voice is not None:
            live_voice.finished.connect(self._on_live_finished)
            live_voice.failed.connect(self._warn)

    def _single_shot(self, ms: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    def _get_player(self) -> Player:
        if self._player is None:
            player: Player
            if has_audio_output():
                player = QtPlayer(self, volume=self.volume)
            else:
                self._warn("no audio output device: announcements are shown but not heard")
                player = SilentPlayer(self)
            player.finished.connect(self._on_played)
            player.failed.connect(self._warn)
            self._player = player
        return self._player

    def set_player(self, player: Player) -> None:
        """Use this player from the next announcement on (tests, or a chosen device)."""
        self._player = player
        player.finished.connect(self._on_played)
        player.failed.connect(self._warn)

    @property
    def busy(self) -> bool:
        return self._job is not None

    def _warn(self, message: str) -> None:
        log.warning("%s", message)
        self.warning.emit(message)

    @Slot(str, int)
    @Slot(str, int, bool)
    def announce(self, code: str, counter: int, recall: bool = False) -> None:
        """Queue a call; a bad code or counter is a warning, not an exception."""
        try:
            letters, digits = parse_code(code)
            announce(code, counter)  # validates the counter as well
        except KhiuError as exc:
            self._warn(f"cannot announce {code!r} at counter {counter!r}: {exc.message_en}")
            return
        self.backlog.enqueue(letters + digits, counter, recall=recall)
        self._pump()

    def _pump(self) -> None:
        if self._job is not None:
            return
        turn = self.backlog.next()
        while self.backlog.dropped:
            call = self.backlog.dropped.pop(0)
            log.info("call %s for counter %s dropped from voice: too late", call.code, call.counter)
            self.dropped.emit(call.code)
        if turn is None:
            return
        job = _Job(self._next_id, turn, Path(self._tmp.name) / f"call-{self._next_id}.wav")
        self._next_id += 1
        self._job = job
        if self.muted:
            self.started.emit(turn.call.code)
            QTimer.singleShot(0, self._on_played)
            return
        call = turn.call
        if turn.form is Form.FULL:
            ann = announce(call.code, call.counter, recall=call.recall)
            if not self.english:
                ann = replace(ann, en="", en_clips=())
        else:
            ann = announce_short(call.code, call.counter)
        if self._live_voice is not None:
            job.live = [("th", ann.th), ("en", ann.en)]
        self._worker.latest_job = job.id
        self._render_timer.start()
        self._render_requested.emit(job.id, ann, str(job.path))

    @Slot(int, str, float, list)
    def _on_rendered(self, job_id: int, path: str, seconds: float, warnings: list[str]) -> None:
        if self._job is None or job_id != self._job.id:
            Path(path).unlink(missing_ok=True)  # late result of a job we gave up on
            return
        self._render_timer.stop()
        for message in warnings:
            self.warning.emit(message)  # already logged by the engine chain
        self._start_playing(path, seconds)

    def _start_playing(self, path: str, seconds: float) -> None:
        assert self._job is not None
        self._job.duration_s = seconds
        self.started.emit(self._job.turn.call.code)
        self._play_timer.start(round((seconds + PLAY_GRACE_S) * 1000))
        try:
            self._get_player().play(path, seconds)
        except Exception as exc:  # a broken audio stack must not take the display down
            self._warn(f"audio playback failed: {exc!r}")
            self._on_played()

    @Slot(int, str)
    def _on_render_failed(self, job_id: int, message: str) -> None:
        if self._job is None or job_id != self._job.id:
            return
        self._render_timer.stop()
        self._warn(f"announcement of {self._job.turn.call.code} failed: {message}")
        self._start_playing(str(CHIME_ASSET), self._chime_seconds())

    def _on_render_timeout(self) -> None:
        if self._job is None:
            return
        self._warn(
            f"speech rendering hung for {self._render_timer.interval() / 1000:g} s; "
            f"{self._job.turn.call.code} gets the chime only"
        )
        self._worker.latest_job = self._job.id + 1  # the worker skips this job if it gets there
        self._start_playing(str(CHIME_ASSET), self._chime_seconds())

    @staticmethod
    def _chime_seconds() -> float:
        try:
            return wav_duration(CHIME_ASSET)
        except ValueError:
            return 0.0

    def _on_play_timeout(self) -> None:
        if self._job is not None:
            self._warn(f"playback of {self._job.turn.call.code} did not end; stopped it")
            if self._player is not None:
                self._player.stop()
            if self._live_voice is not None and self._live_job == self._job.id:
                self._live_voice.stop()
                self._job.live = None
            self._on_played()

    @Slot()
    def _on_live_finished(self) -> None:
        if self._job is not None and self._live_job == self._job.id:
            self._live_job = 0
            self._on_played()

    @Slot()
    def _on_played(self) -> None:
        job = self._job
        if job is None:
            return
        self._play_timer.stop()
        if job.live and self._live_voice is not None and not self.muted:
            texts, job.live = job.live, None
            self._live_job = job.id
            self._play_timer.start(round(LIVE_TIMEOUT_S * 1000))
            try:
                self._live_voice.say_all(texts)
            except Exception as exc:  # a broken speech stack must not take the display down
                self._warn(f"live voice failed: {exc!r}")
                self._live_job = 0
                self._on_played()
            return
        self._job = None
        self.backlog.done(job.duration_s or None)
        with contextlib.suppress(OSError):
            job.path.unlink(missing_ok=True)
        self.finished.emit(job.turn.call.code)
        self._pump()

    def shutdown(self, wait_ms: int = 3000) -> None:
        """Stop the worker thread and playback; call before the application quits."""
        self._render_timer.stop()
        self._play_timer.stop()
        if self._player is not None:
            self._player.stop()
        if self._live_voice is not None:
            self._live_voice.stop()
        self._thread.quit()
        if not self._thread.wait(wait_ms):
            log.warning("speech worker still busy at shutdown (a hung engine?)")
            # Destroying a running QThread aborts the process; let this one live on instead.
            self._thread.setParent(None)
            _ABANDONED_THREADS.append(self._thread)
        self._tmp.cleanup()
