"""The pyttsx3 worker process: one system speech engine, driven by JSON lines on stdin.

pyttsx3 allows one engine per process, is not thread-safe, and can hang inside the
platform driver. Running it in its own process lets the parent put a timeout on every
request and kill a hung engine, which a thread cannot do. Requests (one JSON per line):

    {"op": "render", "text": "...", "lang": "th", "path": "out.wav", "rate": 150, "voice": null}
    {"op": "voices"}   -> {"ok": true, "voices": [{"id", "name", "languages"}, ...]}

Each gets one reply line: {"ok": true, ...} or {"ok": false, "error": "..."}.
The worker exits when stdin closes, so it never outlives its parent.
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
import wave
from collections.abc import Iterable
from typing import Any

# Hints that a voice speaks Thai: espeak-ng's `tai/th`, SAPI5's "Microsoft Pattara - Thai"
# whose token id contains TH-TH.
_THAI_HINTS = ("thai", "th-th", "th_th", "pattara")


def _languages(voice: Any) -> list[str]:
    out = []
    for lang in getattr(voice, "languages", None) or []:
        if isinstance(lang, bytes):  # some drivers report bytes
            lang = lang.decode("utf-8", "ignore")
        out.append(str(lang).strip().lower().lstrip("\x05"))
    return out


def voice_matches(voice: Any, lang: str) -> bool:
    """Whether a pyttsx3 voice speaks `lang` ("th" or "en"), by id, name or languages."""
    vid = str(getattr(voice, "id", "")).lower()
    name = str(getattr(voice, "name", "")).lower()
    langs = _languages(voice)
    if lang == "th":
        return (
            vid == "th"
            or vid.endswith("/th")
            or any(code == "th" or code.startswith(("th-", "th_")) for code in langs)
            or any(hint in vid or hint in name for hint in _THAI_HINTS)
        )
    return (
        any(code == "en" or code.startswith(("en-", "en_")) for code in langs)
        or vid.endswith(("/en", "/en-us", "/en-gb"))
        or "english" in name
    )


def pick_voice(voices: Iterable[Any], lang: str) -> str | None:
    """The id of the best voice for `lang`, or None when the system has none."""
    matching = [v for v in voices if voice_matches(v, lang)]
    if lang == "en":
        # Prefer plain US or British English over regional variants (Scottish, Caribbean).
        plain = [v for v in matching if {"en-us", "en-gb", "en"} & set(_languages(v))]
        matching = plain or matching
    return str(matching[0].id) if matching else None


class _Speaker:
    """Holds the one pyttsx3 engine of this process, created on first use."""

    def __init__(self) -> None:
        self._engine: Any = None
        self._voice: str | None = None

    def engine(self) -> Any:
        if self._engine is None:
            import pyttsx3  # imported here: the worker must answer even if pyttsx3 is broken

            self._engine = pyttsx3.init()
        return self._engine

    def voices(self) -> dict[str, Any]:
        """Every voice the system engine lists (SAPI5 on Windows: no OneCore voices)."""
        listed = self.engine().getProperty("voices") or []
        return {
            "ok": True,
            "voices": [
                {"id": str(getattr(v, "id", "")), "name": str(getattr(v, "name", "") or ""),
                 "languages": _languages(v)}
                for v in listed
            ],
        }

    def render(self, req: dict[str, Any]) -> dict[str, Any]:
        engine = self.engine()
        voice = req.get("voice") or pick_voice(engine.getProperty("voices"), req["lang"])
        if voice is None:
            return {"ok": False, "error": f"no {req['lang']} voice installed"}
        if voice != self._voice:
            engine.setProperty("voice", voice)
            self._voice = voice
        if req.get("rate"):
            engine.setProperty("rate", int(req["rate"]))
        for _attempt in range(2):
            # A new file every time: pyttsx3 keeps the last save_to_file target for later calls.
            engine.save_to_file(req["text"], req["path"])
            engine.runAndWait()
            if _wait_for_wav(req["path"]):
                return {"ok": True, "voice": voice}
        return {"ok": False, "error": "the engine wrote no audio"}


def _complete_wav(path: str) -> bool:
    try:
        with wave.open(path, "rb") as f:
            expected = f.getnframes() * f.getsampwidth() * f.getnchannels()
            return expected > 0 and len(f.readframes(f.getnframes())) == expected
    except (OSError, EOFError, wave.Error):
        return False


def _wait_for_wav(path: str, timeout_s: float = 1.0) -> bool:
    """Wait until `path` is a complete, non-empty WAV.

    pyttsx3's espeak driver synthesises on espeak's own thread; a late end-of-message
    event from one utterance can end the run loop of the next, so runAndWait sometimes
    returns before the file is written (seen with one-letter clips).
    """
    deadline = time.monotonic() + timeout_s
    while not _complete_wav(path):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def main() -> int:
    """Serve requests until stdin closes."""
    # Replies go to a private copy of stdout; fd 1 itself is pointed at stderr because the
    # espeak driver prints "Audio saved to ..." there and would corrupt the protocol.
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8", newline="\n")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(encoding="utf-8")
    speaker = _Speaker()
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            req = json.loads(line)
            reply: dict[str, Any] = (
                speaker.voices() if req.get("op") == "voices" else speaker.render(req)
            )
        except Exception as exc:  # report, keep serving: the parent decides what to do
            reply = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        replies.write(json.dumps(reply) + "\n")
        replies.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
