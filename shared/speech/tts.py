"""The system voice through pyttsx3, run in a watchdog-guarded worker subprocess.

See tts_worker.py for why it is a process: a hung engine can be killed, a thread cannot.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import queue
import subprocess
import sys
import tempfile
import threading
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, Literal

from shared.speech.clips import CLIP_BY_ID, EN_CALLING_AGAIN, EN_GO_TO_COUNTER, Clip
from shared.speech.errors import SpeechError
from shared.speech.phrasing import Announcement
from shared.speech.wav import Pcm, WavError, read_wav, trim

log = logging.getLogger("khiu.speech")


# English clause breaks, so a synthesiser pauses where the written sentence has commas.
_COMMA_BEFORE = frozenset({EN_GO_TO_COUNTER})
_COMMA_AFTER = frozenset({EN_CALLING_AGAIN})
# A frozen build has no `python -m`: its launcher (installer/launcher.py) runs the worker
# when the program is started with this flag.
TTS_WORKER_FLAG = "--khiu-tts-worker"


def _tts_sentence(clip_ids: Sequence[str]) -> str:
    words: list[str] = []
    for index, clip_id in enumerate(clip_ids):
        if words and (clip_id in _COMMA_BEFORE or clip_ids[index - 1] in _COMMA_AFTER):
            words[-1] += ","
        words.append(CLIP_BY_ID[clip_id].tts_text)
    return " ".join(words)


def default_worker_argv() -> list[str]:
    """How to start the worker: `python -m shared.speech.tts_worker`, or in a frozen build
    (no `-m` there) the running program itself with the flag its launcher understands."""
    if getattr(sys, "frozen", False):
        return [sys.executable, TTS_WORKER_FLAG]
    return [sys.executable, "-m", "shared.speech.tts_worker"]


def _project_root() -> str:
    # The folder holding the `shared` package, so the worker imports this same copy.
    return str(Path(__file__).resolve().parents[2])


class _WorkerProcess:
    """One running tts_worker: a pipe each way, replies collected by a reader thread."""

    def __init__(self, argv: Sequence[str]) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [_project_root(), env.get("PYTHONPATH")]))
        env["PYTHONIOENCODING"] = "utf-8"
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flash on Windows
        self.proc = subprocess.Popen(
            list(argv),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            creationflags=flags,
        )
        self.replies: queue.Queue[bytes | None] = queue.Queue()
        assert self.proc.stdout is not None and self.proc.stderr is not None
        threading.Thread(target=self._pump, args=(self.proc.stdout,), daemon=True).start()
        threading.Thread(target=self._drain, args=(self.proc.stderr,), daemon=True).start()

    def _pump(self, stream: IO[bytes]) -> None:
        for line in stream:
            self.replies.put(line)
        self.replies.put(None)  # the worker exited

    @staticmethod
    def _drain(stream: IO[bytes]) -> None:
        for line in stream:
            log.debug("tts worker: %s", line.decode("utf-8", "replace").rstrip())

    def request(self, req: dict[str, Any], timeout: float) -> dict[str, Any]:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write((json.dumps(req) + "\n").encode("utf-8"))
            self.proc.stdin.flush()
        except OSError as exc:
            raise SpeechError(f"speech engine process is gone: {exc}") from exc
        try:
            line = self.replies.get(timeout=timeout)
        except queue.Empty:
            raise SpeechError(f"speech engine did not answer within {timeout:g} s") from None
        if line is None:
            raise SpeechError(f"speech engine process exited (code {self.proc.poll()})")
        return json.loads(line)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            log.warning("tts worker %s did not exit after kill", self.proc.pid)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


def _kill_worker(holder: list[_WorkerProcess | None]) -> None:
    if holder[0] is not None:
        holder[0].kill()
        holder[0] = None


class TtsEngine:
    """The system voice via pyttsx3 (espeak-ng on Linux, SAPI5 on Windows) in a subprocess."""

    name = "tts"

    def __init__(
        self,
        *,
        rate: int = 150,
        thai_voice: str | None = None,
        english_voice: str | None = None,
        timeout_s: float = 10.0,
        start_timeout_s: float = 30.0,
        thai_text: Literal["auto", "plain", "espeak"] = "auto",
        worker_argv: Sequence[str] | None = None,
    ) -> None:
        self.rate = rate  # words per minute; slower than pyttsx3's 200 for an elderly hall
        self.voices = {"th": thai_voice, "en": english_voice}
        self.timeout_s = timeout_s
        self.start_timeout_s = start_timeout_s  # first request also imports and starts pyttsx3
        if thai_text == "auto":
            # pyttsx3 uses espeak-ng everywhere but Windows (SAPI5) and macOS (NSSS).
            thai_text = "plain" if sys.platform in ("win32", "darwin") else "espeak"
        self.thai_text = thai_text
        self.worker_argv = list(worker_argv or default_worker_argv())
        self._lock = threading.Lock()  # one request at a time: pyttsx3 is not thread-safe
        self._holder: list[_WorkerProcess | None] = [None]
        self._fresh = True
        self._tmpdir: tempfile.TemporaryDirectory[str] | None = None
        self._counter = itertools.count()
        # Kill the worker when this engine is collected or the program exits.
        self._finalizer = weakref.finalize(self, _kill_worker, self._holder)

    def text_for(self, ann: Announcement, lang: str) -> str:
        """The text to synthesise: built from the clips' TTS hints where plain text misreads."""
        if lang == "th":
            # espeak-ng gets a variant it can pronounce (digits, Latin letters; see clips).
            return _tts_sentence(ann.th_clips) if self.thai_text == "espeak" else ann.th
        return _tts_sentence(ann.en_clips) if ann.en_clips else ann.en

    def _request(self, req: dict[str, Any], timeout_s: float | None = None) -> dict[str, Any]:
        with self._lock:
            if self._holder[0] is None:
                try:
                    self._holder[0] = _WorkerProcess(self.worker_argv)
                except OSError as exc:
                    raise SpeechError(f"cannot start the speech engine: {exc}") from exc
                self._fresh = True
            timeout = self.start_timeout_s if self._fresh else self.timeout_s
            if timeout_s is not None:
                timeout = timeout_s
            try:
                worker = self._holder[0]
                assert worker is not None
                reply = worker.request(req, timeout)
            except (SpeechError, ValueError) as exc:
                # A hung or dead engine: kill it so the next request starts a fresh one.
                _kill_worker(self._holder)
                raise SpeechError(str(exc)) from exc
            self._fresh = False
        if not reply.get("ok"):
            raise SpeechError(f"speech engine: {reply.get('error', 'unknown error')}")
        return reply

    def synthesize(self, text: str, lang: str) -> Pcm:
        """`text` spoken in `lang` ("th"/"en") by the system voice, trimmed of edge silence."""
        if self._tmpdir is None:
            self._tmpdir = tempfile.TemporaryDirectory(prefix="khiu-tts-")
        path = Path(self._tmpdir.name) / f"tts-{os.getpid()}-{next(self._counter)}.wav"
        req = {
            "op": "render",
            "text": text,
            "lang": lang,
            "path": str(path),
            "rate": self.rate,
            "voice": self.voices.get(lang),
        }
        try:
            self._request(req)
            pcm = trim(read_wav(path))
        except WavError as exc:
            raise SpeechError(f"speech engine wrote a bad file: {exc}") from exc
        finally:
            path.unlink(missing_ok=True)
        if not pcm.samples:
            raise SpeechError(f"speech engine produced silence for {text!r}")
        return pcm

    def synthesize_clip(self, clip: Clip) -> Pcm:
        """One voice-pack clip; Thai hints only for espeak-ng, English hints always."""
        use_hint = clip.lang == "en" or self.thai_text == "espeak"
        return self.synthesize(clip.tts_text if use_hint else clip.text, clip.lang)

    def render_parts(self, ann: Announcement) -> list[Pcm]:
        parts = [self.synthesize(self.text_for(ann, "th"), "th")]
        if ann.en:
            parts.append(self.synthesize(self.text_for(ann, "en"), "en"))
        return parts

    def list_voices(self, timeout_s: float | None = None) -> list[dict[str, Any]]:
        """The system engine's voices as the worker reports them; SpeechError if it cannot."""
        return list(self._request({"op": "voices"}, timeout_s).get("voices", []))

    def close(self) -> None:
        """Stop the worker process and remove temp files; a later request restarts it."""
        with self._lock:
            _kill_worker(self._holder)
        if self._tmpdir is not None:
            self._tmpdir.cleanup()
            self._tmpdir = None
