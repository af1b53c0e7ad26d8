"""Which Thai voice the hall uses: pyttsx3's when it lists one, else QTextToSpeech winrt's
(the OneCore voice Microsoft Pattara that SAPI5 cannot see), else the chime. The rule is
tested with fakes of both engines shaped as Windows reports them; the live Qt voice and
the announcer's use of it run on Qt's real `mock` engine; `khiu voices` runs for real."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from display.speakers import system_voice_engines
from shared.qt.announcer import Announcer, SilentPlayer
from shared.qt.qt_voice import QtLiveVoice, qt_voices, select_system_voice
from shared.speech.engines import ChimeOnlyEngine
from shared.speech.errors import SpeechError
from shared.speech.tts import TtsEngine
from shared.speech.voices import VoiceChoice, VoiceInfo, choose_system_voice

# What pyttsx3's SAPI5 driver lists on a Windows 11 PC with the Thai speech pack added
# from Settings: the desktop voices only (no OneCore voice, so no Pattara).
SAPI5 = [
    {"id": r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens\TTS_MS_EN-US_DAVID_11.0",
     "name": "Microsoft David Desktop - English (United States)", "languages": []},
    {"id": r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens\TTS_MS_EN-US_ZIRA_11.0",
     "name": "Microsoft Zira Desktop - English (United States)", "languages": []},
]
# The same voices plus a SAPI5 Thai desktop voice (some PCs have one).
SAPI5_THAI = [
    *SAPI5,
    {"id": r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens\TTS_TH-TH_PATTARA_11.0",
     "name": "Microsoft Pattara Desktop - Thai", "languages": []},
]
WINRT = [  # QTextToSpeech("winrt").allVoices(): name and locale
    VoiceInfo("qt:winrt", "Microsoft David", "Microsoft David", ("en_US",)),
    VoiceInfo("qt:winrt", "Microsoft Pattara", "Microsoft Pattara", ("th_TH",)),
    VoiceInfo("qt:winrt", "Microsoft Zira", "Microsoft Zira", ("en_US",)),
]


def _pyttsx3(items: Sequence[dict[str, Any]]) -> list[VoiceInfo]:
    return [VoiceInfo.from_pyttsx3(item) for item in items]


def test_pyttsx3_thai_voice_comes_first() -> None:
    choice = choose_system_voice(_pyttsx3(SAPI5_THAI), {"winrt": WINRT})
    assert choice.kind == "pyttsx3" and choice.label == "pyttsx3"
    assert choice.thai is not None and "PATTARA" in choice.thai.id
    assert choice.english is not None and "DAVID" in choice.english.id


def test_windows_onecore_pattara_through_winrt_when_sapi5_has_no_thai() -> None:
    choice = choose_system_voice(_pyttsx3(SAPI5), {"winrt": WINRT, "sapi": []})
    assert choice.kind == "qt" and choice.label == "qt-winrt" and choice.qt_engine == "winrt"
    assert choice.thai == WINRT[1]
    assert choice.english is not None and choice.english.name == "Microsoft David"
    assert "pyttsx3 lists no Thai voice" in choice.reason and "winrt" in choice.reason
    assert choice.describe().startswith("Thai voice Microsoft Pattara (qt-winrt)")


def test_a_broken_pyttsx3_still_finds_winrt() -> None:
    choice = choose_system_voice(None, {"winrt": WINRT}, pyttsx3_error="no module comtypes")
    assert choice.kind == "qt" and "pyttsx3 failed (no module comtypes)" in choice.reason


@pytest.mark.parametrize(
    ("qt", "why"),
    [
        ({}, "QTextToSpeech has no winrt engine here"),
        ({"winrt": [WINRT[0], WINRT[2]]}, "QTextToSpeech winrt lists no Thai voice"),
        ({"speechd": [VoiceInfo("qt:speechd", "th", "th", ("th_TH",))]}, "no winrt engine"),
    ],
)
def test_otherwise_the_chime(qt: dict[str, Any], why: str) -> None:
    choice = choose_system_voice(_pyttsx3(SAPI5), qt)
    assert choice.kind == "chime" and choice.thai is None
    assert why in choice.reason and choice.describe().startswith("chime only")
    assert choice.to_json() == {
        "engine": "chime", "thai_voice": None, "english_voice": None, "reason": choice.reason
    }


class FakeTts:
    """Stands in for TtsEngine: what its worker would list, or a failure."""

    def __init__(self, voices: list[dict[str, Any]] | Exception) -> None:
        self.voices = voices

    def list_voices(self, timeout_s: float | None = None) -> list[dict[str, Any]]:
        if isinstance(self.voices, Exception):
            raise self.voices
        return self.voices


def test_qt_is_asked_only_when_pyttsx3_has_no_thai() -> None:
    asked: list[Sequence[str]] = []

    def list_qt(engines: Sequence[str]) -> dict[str, list[VoiceInfo]]:
        asked.append(list(engines))
        return {"winrt": WINRT}

    here = lambda: ["winrt", "sapi"]  # noqa: E731
    chosen = select_system_voice(FakeTts(SAPI5_THAI), list_qt=list_qt, engines_here=here)
    assert chosen.kind == "pyttsx3" and asked == []
    chosen = select_system_voice(FakeTts(SAPI5), list_qt=list_qt, engines_here=here)
    assert chosen.kind == "qt" and asked == [["winrt"]]
    failing = FakeTts(SpeechError("the engine hung"))
    chosen = select_system_voice(failing, list_qt=list_qt, engines_here=lambda: ["speechd"])
    assert chosen.kind == "chime" and asked == [["winrt"]]  # no winrt here: not asked
    assert "pyttsx3 failed (the engine hung)" in chosen.reason


def _choice(kind: str) -> VoiceChoice:
    if kind == "qt":
        return choose_system_voice(_pyttsx3(SAPI5), {"winrt": WINRT})
    if kind == "pyttsx3":
        return choose_system_voice(_pyttsx3(SAPI5_THAI), {})
    return choose_system_voice(_pyttsx3(SAPI5), {})


def test_the_display_applies_the_choice(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="khiu.display")
    tts, chime = TtsEngine(), ChimeOnlyEngine()
    kept, live = system_voice_engines([tts, chime], select=lambda _: _choice("pyttsx3"))
    assert kept == [tts, chime] and live is None

    kept, live = system_voice_engines([tts, chime], select=lambda _: _choice("qt"))
    assert kept == [chime] and isinstance(live, QtLiveVoice)
    assert live.engine_name == "winrt"
    assert live.names == {"th": "Microsoft Pattara", "en": "Microsoft David"}

    kept, live = system_voice_engines([tts, chime], select=lambda _: _choice("chime"))
    assert kept == [chime] and live is None
    logged = [r.getMessage() for r in caplog.records if r.getMessage().startswith("voice: ")]
    assert logged == [
        "voice: " + _choice(kind).describe() for kind in ("pyttsx3", "qt", "chime")
    ]


def test_qt_voices_lists_a_real_engine(qtbot: QtBot) -> None:
    found = qt_voices(["mock"])  # Qt's own test engine: the same API winrt answers
    names = {v.name for v in found["mock"]}
    assert {"Bob", "Anne"} <= names
    assert all(v.source == "qt:mock" and v.languages for v in found["mock"])


def test_live_voice_speaks_both_texts_on_a_real_engine(qtbot: QtBot) -> None:
    voice = QtLiveVoice("mock", "Bob", "Anne")
    failures: list[str] = []
    voice.failed.connect(failures.append)
    with qtbot.waitSignal(voice.finished, timeout=20000):
        voice.say_all([("th", "hello one"), ("en", "hello two")])
    assert failures == []
    voice.stop()


class FakeLiveVoice(QObject):
    finished = Signal()
    failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.said: list[list[tuple[str, str]]] = []

    def say_all(self, texts: Sequence[tuple[str, str]]) -> None:
        self.said.append(list(texts))
        self.finished.emit()

    def stop(self) -> None:
        pass


def test_the_announcer_plays_the_chime_then_the_live_voice(qtbot: QtBot) -> None:
    live = FakeLiveVoice()
    player = SilentPlayer(speed=10.0)
    announcer = Announcer([ChimeOnlyEngine()], player=player, live_voice=live)
    done: list[str] = []
    announcer.finished.connect(done.append)
    try:
        announcer.announce("A001", 3)
        qtbot.waitUntil(lambda: done == ["A001"], timeout=10000)
        assert len(player.played) == 1  # the chime WAV first
        assert live.said == [[
            ("th", "ขอเชิญหมายเลข เอ ศูนย์ ศูนย์ หนึ่ง ที่ช่องบริการ สาม ค่ะ"),
            ("en", "Number A zero zero one, please go to counter three"),
        ]]
    finally:
        announcer.shutdown()


def test_khiu_voices_lists_both_engines_and_the_choice(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "shared.cli.main", "voices", "--json"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert run.returncode == 0, run.stderr
    value = json.loads(run.stdout)
    assert set(value) == {"pyttsx3", "pyttsx3_error", "qt", "choice", "summary"}
    assert "mock" not in value["qt"]  # Qt's test engine is not a hall voice
    # Here pyttsx3 drives espeak-ng, whose Thai voice is tai/th.
    assert any(v["id"] == "tai/th" and v["thai"] for v in value["pyttsx3"])
    assert value["choice"]["engine"] == "pyttsx3"
    assert value["choice"]["thai_voice"]["id"] == "tai/th"
    human = subprocess.run(
        [sys.executable, "-m", "shared.cli.main", "voices"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert "hall voice: Thai voice Thai (pyttsx3)" in human.stdout
