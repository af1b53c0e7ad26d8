"""The Qt announcer: queued, one at a time, never blocking or crashing on speech trouble."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from shared.qt.announcer import Announcer, SilentPlayer
from shared.speech.engines import Engine
from tests.speech.fakes import FailingEngine, HangingEngine, ToneEngine


class Recorder:
    def __init__(self, announcer: Announcer) -> None:
        self.events: list[tuple[str, str]] = []
        self.warnings: list[str] = []
        announcer.started.connect(lambda code: self.events.append(("started", code)))
        announcer.finished.connect(lambda code: self.events.append(("finished", code)))
        announcer.dropped.connect(lambda code: self.events.append(("dropped", code)))
        announcer.warning.connect(self.warnings.append)


MakeAnnouncer = Callable[..., tuple[Announcer, Recorder, SilentPlayer]]


@pytest.fixture
def make_announcer(qtbot: QtBot) -> Iterator[MakeAnnouncer]:
    made: list[Announcer] = []

    def make(engines: Sequence[Engine], **kwargs: Any) -> tuple[Announcer, Recorder, SilentPlayer]:
        player = SilentPlayer(speed=10.0)
        announcer = Announcer(engines, player=player, **kwargs)
        made.append(announcer)
        return announcer, Recorder(announcer), player

    yield make
    for announcer in made:
        announcer.shutdown()


def test_calls_are_spoken_in_order_without_overlap(qtbot: QtBot, make_announcer: MakeAnnouncer) -> None:
    engine = ToneEngine(0.3, delay_s=0.05)
    announcer, rec, player = make_announcer([engine])
    announcer.announce("A001", 1)
    announcer.announce("b002", 2)
    announcer.announce("C003", 3, True)
    announcer.announce("D004", 4)
    qtbot.waitUntil(lambda: len(rec.events) == 8, timeout=10000)
    assert rec.events == [
        ("started", "A001"), ("finished", "A001"),
        ("started", "B002"), ("finished", "B002"),
        ("started", "C003"), ("finished", "C003"),
        ("started", "D004"), ("finished", "D004"),
    ]  # fmt: skip
    assert engine.max_active == 1
    # Rendered on the worker thread, never on the GUI thread.
    assert announcer._thread is not QThread.currentThread()
    # A001 starts at once in full; three then wait, so the first of them is shortened.
    assert [ann.en == "" for ann in engine.said] == [False, True, False, False]
    assert engine.said[1].th == "บี ศูนย์ ศูนย์ สอง ช่อง สอง"
    assert engine.said[2].th.startswith("ขอเชิญหมายเลข ซี") and "อีกครั้ง" in engine.said[2].th
    assert len(player.played) == 4 and all(1.0 < seconds < 5.0 for _, seconds in player.played)
    assert rec.warnings == []


def test_announce_does_not_block_the_gui_thread(qtbot: QtBot, make_announcer: MakeAnnouncer) -> None:
    import time

    engine = ToneEngine(0.2, delay_s=1.0)
    announcer, _rec, _ = make_announcer([engine])
    t0 = time.perf_counter()
    announcer.announce("A001", 1)
    assert time.perf_counter() - t0 < 0.2
    with qtbot.waitSignal(announcer.finished, timeout=10000) as blocker:
        pass
    assert blocker.args == ["A001"]


def test_broken_engine_warns_and_still_announces(qtbot: QtBot, make_announcer: MakeAnnouncer) -> None:
    announcer, rec, _player = make_announcer([FailingEngine(), ToneEngine(0.3)])
    with qtbot.waitSignal(announcer.finished, timeout=10000):
        announcer.announce("A001", 3)
    assert len(rec.warnings) == 1 and "th/digit_0" in rec.warnings[0]
    assert rec.events == [("started", "A001"), ("finished", "A001")]


def test_hung_engine_times_out_to_the_chime(qtbot: QtBot, make_announcer: MakeAnnouncer) -> None:
    hanging = HangingEngine(max_s=3.0)
    announcer, rec, player = make_announcer([hanging], render_timeout_s=0.3)
    announcer.announce("A001", 3)
    announcer.announce("A002", 4)
    qtbot.waitUntil(lambda: ("finished", "A001") in rec.events, timeout=3000)
    assert any("hung" in w for w in rec.warnings)
    assert player.played[0][0].endswith("chime.wav")
    hanging.release.set()
    qtbot.waitUntil(lambda: ("finished", "A002") in rec.events, timeout=10000)
    assert [e for e in rec.events if e[0] == "started"] == [
        ("started", "A001"),
        ("started", "A002"),
    ]


def test_bad_code_is_a_warning(qtbot: QtBot, make_announcer: MakeAnnouncer) -> None:
    announcer, rec, _ = make_announcer([ToneEngine()])
    announcer.announce("A-1", 3)
    announcer.announce("A001", 0)
    assert len(rec.warnings) == 2 and not announcer.busy
    assert rec.events == []


def test_muted_announcer_signals_without_rendering(qtbot: QtBot, make_announcer: MakeAnnouncer) -> None:
    engine = ToneEngine()
    announcer, rec, player = make_announcer([engine], muted=True)
    announcer.announce("A001", 1)
    announcer.announce("A002", 2)
    qtbot.waitUntil(lambda: len(rec.events) == 4, timeout=3000)
    assert engine.said == [] and player.played == []


def test_late_calls_are_dropped(qtbot: QtBot, make_announcer: MakeAnnouncer) -> None:
    now = [1000.0]
    announcer, rec, _ = make_announcer([ToneEngine(0.2)], clock=lambda: now[0])
    announcer.announce("A001", 1)
    announcer.announce("A002", 2)
    now[0] += 120  # the hall was silent for two minutes (say, a stuck player)
    qtbot.waitUntil(lambda: ("finished", "A001") in rec.events, timeout=5000)
    assert ("dropped", "A002") in rec.events
    assert ("started", "A002") not in rec.events


def test_no_audio_device_falls_back_to_silent_pacing(qtbot: QtBot) -> None:
    from shared.qt import announcer as module

    if module.has_audio_output():
        pytest.skip("this machine has an audio device")
    announcer = Announcer([ToneEngine(0.2)])
    rec = Recorder(announcer)
    try:
        with qtbot.waitSignal(announcer.finished, timeout=10000):
            announcer.announce("A001", 1)
        assert any("no audio output" in w for w in rec.warnings)
    finally:
        announcer.shutdown()


@pytest.mark.qt_log_ignore("Could not open media")  # the missing file is the point
@pytest.mark.parametrize("exists", [True, False])
def test_qt_player_always_finishes(qtbot: QtBot, tmp_path: Path, exists: bool) -> None:
    from shared.qt.announcer import QtPlayer
    from shared.speech.chime import ASSET_PATH

    player = QtPlayer()
    path = ASSET_PATH if exists else tmp_path / "missing.wav"
    with qtbot.waitSignal(player.finished, timeout=15000):
        player.play(str(path), 1.8)
    player.stop()


def test_thai_only_site(qtbot: QtBot, make_announcer: MakeAnnouncer) -> None:
    engine = ToneEngine(0.2)
    announcer, _rec, _player = make_announcer([engine], english=False)
    with qtbot.waitSignal(announcer.finished, timeout=10000):
        announcer.announce("A001", 3)
    assert engine.said[0].th == "ขอเชิญหมายเลข เอ ศูนย์ ศูนย์ หนึ่ง ที่ช่องบริการ สาม ค่ะ"
    assert engine.said[0].en == "" and engine.said[0].en_clips == ()
