"""The kiosk for everyone: large text in high contrast, "More time?" before the idle
return, and the page read aloud (rendered to WAV by the system voice)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.widgets.reading import spoken_lines
from kiosk.widgets.theme import LARGE_TEXT_FACTOR, Theme, contrast_ratio
from shared.qt.announcer import SilentPlayer
from shared.qt.guide_voice import GuideVoice
from shared.speech.engines import TtsEngine, VoicePackEngine, render_text
from shared.speech.phrasing import Announcement
from shared.speech.wav import Pcm, peak, read_wav, wav_duration
from tests.speech.fakes import tone
from tests.support.kiosk_app import Factory, touch


def _font_px(label: QLabel) -> int:
    label.ensurePolished()
    return label.font().pixelSize()


def test_large_text_is_half_as_large_again_until_the_visit_ends(
    qtbot: QtBot, make_kiosk: Factory
) -> None:
    w = make_kiosk().window
    tile = w.home.buttons["DL"]
    labels = [w.home.title, w.home.hint, tile.name_th, tile.name_en, tile.status]
    normal = [_font_px(label) for label in labels]
    touch(qtbot, w.toolbar.large_text)
    assert w.large_text
    large = [_font_px(label) for label in labels]
    for before, after in zip(normal, large, strict=True):
        assert after >= LARGE_TEXT_FACTOR * before - 1, (before, after)
    assert w.toolbar.large_text.text() == "ตัวอักษรปกติ"

    touch(qtbot, tile)  # large text stays on from page to page
    assert _font_px(w.service.name) >= LARGE_TEXT_FACTOR * 58 * 0.55 - 1
    touch(qtbot, w.service.back)
    assert w.large_text
    w.reset_to_start()  # the visit ends (Done, or no answer to "More time?")
    assert not w.large_text
    assert [_font_px(label) for label in labels] == normal


def test_large_text_contrast_is_at_least_7_to_1() -> None:
    pairs = Theme().high_contrast().text_pairs()
    weak = {what: round(contrast_ratio(*colours), 2) for what, colours in pairs.items()}
    assert all(ratio >= 7.0 for ratio in weak.values()), weak
    # The check can fail: the everyday palette has a gold band under white text.
    assert contrast_ratio(*Theme().text_pairs()["band"]) < 7.0


def test_contrast_ratio_matches_wcag() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_more_time_keeps_the_page_and_no_answer_ends_the_visit(
    qtbot: QtBot, make_kiosk: Factory
) -> None:
    w = make_kiosk(idle_ms=200, more_time_ms=400).window
    assert w.more_time.timer.interval() == 400
    touch(qtbot, w.home.buttons["DL"])
    touch(qtbot, w.toolbar.large_text)
    qtbot.waitUntil(w.more_time.asking, timeout=5000)
    assert w.more_time.question.text() == "ต้องการเวลาเพิ่มหรือไม่"
    assert w.stack.currentWidget() is w.service  # the page stays while asking
    touch(qtbot, w.more_time.yes)
    assert not w.more_time.asking()
    assert w.stack.currentWidget() is w.service and w.large_text

    with qtbot.waitSignal(w.more_time.timed_out, timeout=5000):
        pass  # asked again after the next idle spell; nobody answers
    assert w.stack.currentWidget() is w.home and not w.large_text


def test_the_question_lasts_ten_seconds_by_default(qtbot: QtBot, make_kiosk: Factory) -> None:
    w = make_kiosk().window
    assert w.more_time.timer.interval() == 10_000


def test_idle_on_the_untouched_home_page_asks_nothing(qtbot: QtBot, make_kiosk: Factory) -> None:
    w = make_kiosk().window
    w.idle.idle.emit()
    assert not w.more_time.asking()


@pytest.fixture(scope="module")
def tts() -> Iterator[TtsEngine]:
    engine = TtsEngine()
    yield engine
    engine.close()


def _spoken_wav(path: Path) -> tuple[float, int]:
    return wav_duration(path), peak(read_wav(path))


def test_each_page_read_aloud_is_speech_of_a_plausible_length(
    qtbot: QtBot, make_kiosk: Factory, tts: TtsEngine, tmp_path: Path
) -> None:
    w = make_kiosk().window
    home = spoken_lines(w.home, "th")
    assert home[0] == "เลือกบริการที่ต้องการ" and "ต่ออายุใบอนุญาตขับรถ" in home
    touch(qtbot, w.home.buttons["DL"])
    manual = spoken_lines(w.service, "th")
    assert "เอกสารที่ต้องใช้" in manual and any("ใบรับรองแพทย์" in line for line in manual)
    assert "Driving licence renewal" not in manual  # not in the Thai voice
    touch(qtbot, w.service.take)
    qtbot.waitUntil(lambda: w.issued.outcome is not None)
    ticket = spoken_lines(w.issued, "th")
    code = w.issued.issued.ticket.code if w.issued.issued else ""
    assert "เอ ศูนย์ ศูนย์ หนึ่ง" in ticket, (code, ticket)
    w.toggle_language()
    ticket_en = spoken_lines(w.issued, "en")
    assert "A zero zero one" in ticket_en, ticket_en

    for name, lines, lang in [
        ("home", home, "th"),
        ("service", manual, "th"),
        ("ticket", ticket, "th"),
        ("ticket-en", ticket_en, "en"),
    ]:
        path = render_text(lines, lang, tmp_path / f"{name}.wav", [tts])
        seconds, loudest = _spoken_wav(path)
        words = sum(len(line.split()) for line in lines)
        assert loudest > 3000, f"{name} is silent"
        # espeak-ng reads a few words a second; a page is neither a blip nor minutes.
        assert 0.1 * words < seconds < 3.0 * words + 10, (name, words, seconds)


def test_listen_renders_off_the_gui_thread_and_plays(
    qtbot: QtBot, make_kiosk: Factory, tts: TtsEngine
) -> None:
    player = SilentPlayer()  # takes as long as the page would: still reading when we look
    voice = GuideVoice([tts], player=player, volume=0.4)
    w = make_kiosk(voice=voice).window
    assert voice.volume == 0.8  # the demo site's [kiosk] guidance_volume
    with qtbot.waitSignal(voice.started, timeout=30_000) as started:
        touch(qtbot, w.toolbar.listen)
    (path,) = started.args
    assert player.played and player.played[0][0] == path
    assert player.played[0][1] > 2.0  # the whole home page, not a word

    with qtbot.waitSignal(voice.started, timeout=30_000):
        touch(qtbot, w.toolbar.listen)  # again: read from the start
    assert player._timer.isActive()
    touch(qtbot, w.home.buttons["DL"])  # another page: the reading stops
    assert not player._timer.isActive()


class SayingEngine:
    """Reads any text as a short tone and remembers what it was asked to say."""

    name = "saying"

    def __init__(self) -> None:
        self.said: list[tuple[str, str]] = []

    def synthesize(self, text: str, lang: str) -> Pcm:
        self.said.append((lang, text))
        return tone(0.2)

    def render_parts(self, ann: Announcement) -> list[Pcm]:
        return []  # calls are the hall display's to say; the kiosk's guidance is text


def test_a_seniors_card_is_said_aloud_and_a_voice_pack_is_passed_over(
    qtbot: QtBot, make_kiosk: Factory, tmp_path: Path
) -> None:
    engine = SayingEngine()
    # A voice pack has no clips for free text: the kiosk's guidance skips it.
    voice = GuideVoice([VoicePackEngine(tmp_path), engine], player=SilentPlayer(speed=50.0))
    w = make_kiosk(voice=voice).window
    with qtbot.waitSignal(voice.started, timeout=10_000):
        w.show_senior_card()
    assert engine.said == [("th", "ผู้สูงอายุ ได้รับบัตรคิวช่องทางพิเศษ")]
    assert w.senior_note.isVisible()


def test_no_engine_that_reads_text_is_a_warning_not_a_crash(
    qtbot: QtBot, make_kiosk: Factory, tmp_path: Path
) -> None:
    voice = GuideVoice([VoicePackEngine(tmp_path)], player=SilentPlayer())
    w = make_kiosk(voice=voice).window
    with qtbot.waitSignal(voice.warning, timeout=10_000) as warned:
        touch(qtbot, w.toolbar.listen)
    assert "could not be read aloud" in warned.args[0]
    assert w.stack.currentWidget() is w.home
