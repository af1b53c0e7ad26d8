"""Test doubles for speech: tone engines that can be slow, hang or fail."""

from __future__ import annotations

import math
import threading
import time
from array import array

from shared.speech.engines import SpeechError
from shared.speech.phrasing import Announcement
from shared.speech.wav import Pcm


def tone(seconds: float, freq: float = 440.0, rate: int = 16000, level: int = 8000) -> Pcm:
    """A sine tone: stands in for a spoken word."""
    n = round(seconds * rate)
    return Pcm(
        array("h", (round(level * math.sin(2 * math.pi * freq * i / rate)) for i in range(n))), rate
    )


class ToneEngine:
    """Says every part as a tone; records what it was asked to say."""

    name = "tone"

    def __init__(self, seconds: float = 0.3, *, delay_s: float = 0.0) -> None:
        self.seconds = seconds
        self.delay_s = delay_s
        self.said: list[Announcement] = []
        self.active = 0
        self.max_active = 0
        self._lock = threading.Lock()

    def render_parts(self, ann: Announcement) -> list[Pcm]:
        with self._lock:
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        try:
            time.sleep(self.delay_s)
            self.said.append(ann)
            return [tone(self.seconds)] + ([tone(self.seconds, 660.0)] if ann.en else [])
        finally:
            with self._lock:
                self.active -= 1


class FailingEngine:
    """Always fails, like a voice pack with a broken clip."""

    name = "failing"

    def render_parts(self, ann: Announcement) -> list[Pcm]:
        raise SpeechError("clip th/digit_0 is broken")


class HangingEngine:
    """Blocks until released (or `max_s` passes), like a hung system voice."""

    name = "hanging"

    def __init__(self, max_s: float = 5.0) -> None:
        self.release = threading.Event()
        self.max_s = max_s

    def render_parts(self, ann: Announcement) -> list[Pcm]:
        self.release.wait(self.max_s)
        return [tone(0.2)]
