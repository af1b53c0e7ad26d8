"""A display tile's long Thai name: smaller, then two lines broken between words, and
only then elided, after a whole word."""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF
from pytestqt.qtbot import QtBot

from display.widgets.fit_label import FitLabel
from shared.qt.fonts import load_bundled_fonts
from tests.support.thai import assert_between_words

HEALTH_CHECK = "ตรวจสุขภาพเบื้องต้น วัดความดัน น้ำตาลในเลือด"


def _tile(qtbot: QtBot, width: int, height: int, min_scale: float = 0.55) -> FitLabel:
    """A name line as in the counter board (min_scale 0.55) or the waiting tiles (0.75)."""
    label = FitLabel(
        HEALTH_CHECK, family=load_bundled_fonts(), color="white", fill=0.75, min_scale=min_scale
    )
    qtbot.addWidget(label)
    label.resize(width, height)
    return label


def test_a_name_that_fits_stays_one_line(qtbot: QtBot) -> None:
    label = _tile(qtbot, 2000, 60)
    assert label.shown_lines() == [HEALTH_CHECK]


def test_a_tall_enough_tile_wraps_to_two_lines_between_words(qtbot: QtBot) -> None:
    label = _tile(qtbot, 420, 90)
    lines = label.shown_lines()
    assert len(lines) == 2 and not any(line.endswith("…") for line in lines), lines
    assert_between_words(HEALTH_CHECK, lines)
    metrics = QFontMetricsF(label.fitted_font())
    assert all(metrics.horizontalAdvance(line) <= label.width() for line in lines)
    assert 2 * metrics.height() <= label.height()


def test_a_tile_with_no_room_for_two_lines_elides_after_a_whole_word(qtbot: QtBot) -> None:
    for width in range(120, 700, 7):
        label = _tile(qtbot, width, 30, min_scale=0.75)
        lines = label.shown_lines()
        assert len(lines) == 1
        assert_between_words(HEALTH_CHECK, lines)
        assert not lines[0].endswith("น้ำตา…")


def test_a_tile_too_small_for_two_whole_lines_elides_the_second(qtbot: QtBot) -> None:
    label = _tile(qtbot, 160, 90)
    lines = label.shown_lines()
    assert len(lines) == 2 and lines[1].endswith("…"), lines
    assert_between_words(HEALTH_CHECK, lines)
