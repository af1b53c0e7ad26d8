"""Calls reach the real Announcer: queued, rendered off the GUI thread, never overlapping."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from display.app import DisplayApp, DisplaySettings
from display.speakers import site_speaker_factory, voicepack_folder
from shared.qt.announcer import Announcer, SilentPlayer
from shared.site import VoiceConfig
from shared.speech.engines import ChimeOnlyEngine, TtsEngine, VoicePackEngine
from shared.storage import open_store, parse_location


def test_calls_and_recalls_are_spoken_one_after_another(qtbot: QtBot, db_path: Path) -> None:
    announcers: list[Announcer] = []
    started: list[str] = []

    def factory(voice: VoiceConfig) -> tuple[Announcer, list[object]]:
        announcer = Announcer([ChimeOnlyEngine()], player=SilentPlayer(speed=20))
        announcer.started.connect(started.append)
        announcers.append(announcer)
        return announcer, []

    app = DisplayApp(DisplaySettings(location=parse_location(db_path), speaker_factory=factory))
    qtbot.addWidget(app.window)
    app.start()
    try:
        qtbot.waitUntil(lambda: bool(announcers))
        other = open_store(db_path)
        other.issue("DL")
        other.issue("SSO")
        other.call_next(1)
        other.call_next(3)
        other.recall(1)
        other.close()
        qtbot.waitUntil(lambda: app.window.call.number.text() == "A001")
        qtbot.waitUntil(lambda: len(started) == 3, timeout=10_000)
        # A001 was already being spoken when recalled: all three are said, in commit order.
        assert started == ["A001", "B001", "A001"]
    finally:
        app.shutdown()


def test_engine_chain_follows_the_site_voice_settings(qtbot: QtBot, tmp_path: Path) -> None:
    db = parse_location(tmp_path / "khiu.db")
    build = site_speaker_factory(db, muted=True)
    assert build(VoiceConfig(engine="off")) is None
    built = build(VoiceConfig(engine="chime"))
    assert built is not None
    announcer, engines = built
    try:
        assert [type(e) for e in engines] == [ChimeOnlyEngine]
        assert isinstance(announcer, Announcer) and announcer.muted
    finally:
        announcer.shutdown()
    built = build(VoiceConfig(engine="auto", voicepack="voice"))
    assert built is not None
    announcer, engines = built
    try:
        assert [type(e) for e in engines] == [VoicePackEngine, TtsEngine, ChimeOnlyEngine]
        assert isinstance(engines[0], VoicePackEngine)
        assert engines[0].folder == tmp_path / "voice"
    finally:
        announcer.shutdown()
    assert voicepack_folder(VoiceConfig(voicepack="/srv/voice"), db) == Path("/srv/voice")
