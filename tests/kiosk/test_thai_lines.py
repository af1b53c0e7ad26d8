"""Thai on the kiosk's service tiles and manual page breaks only between words, at the
sizes kiosks come in; a site's word joiner holds a compound the segmenter would cut."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from shared.qt.thai_text import ThaiLabel
from tests.support.kiosk_app import LANDSCAPE, PORTRAIT, Factory, touch
from tests.support.thai import assert_between_words


def _check(label: QLabel, source: str) -> None:
    assert isinstance(label, ThaiLabel)
    lines = label.shown_lines()
    assert_between_words(source, lines)
    metrics = QFontMetricsF(label.font())
    room = label.contentsRect().width()
    assert all(metrics.horizontalAdvance(line) <= room for line in lines), (lines, room)


@pytest.mark.parametrize(
    "size", [PORTRAIT, LANDSCAPE, (1024, 768)], ids=["portrait", "landscape", "small"]
)
def test_service_names_wrap_between_words(
    qtbot: QtBot, make_kiosk: Factory, size: tuple[int, int]
) -> None:
    kiosk = make_kiosk(size=size)
    w = kiosk.window
    qtbot.waitUntil(lambda: w.home.buttons["DL"].status.text() != "")
    w.grab()  # settles the layout as painting the screen does
    wrapped = 0
    for button in w.home.buttons.values():
        assert button.tile is not None
        service = button.tile.service
        _check(button.name_th, service.name_th)
        _check(button.agency, service.agency_th)
        assert isinstance(button.name_th, ThaiLabel)
        wrapped += len(button.name_th.shown_lines()) > 1
    assert wrapped, "no name needed two lines: the test would prove nothing"

    touch(qtbot, w.home.buttons["DL"])
    w.grab()
    assert w.service.tile is not None and isinstance(w.service.docs, ThaiLabel)
    service = w.service.tile.service
    for document in service.documents_th:
        assert any(
            document.startswith(line.removeprefix("• ")) for line in w.service.docs.shown_lines()
        )
    _check(w.service.docs, "\n".join(f"• {d}" for d in service.documents_th))
    _check(w.service.fee, service.fee_th)
    assert w.service.fee.text() == "ใบอนุญาตขับรถยนต์ส่วนบุคคล 5 ปี 505 บาท"  # no mark shown


def test_the_sites_word_joiner_holds_a_compound(qtbot: QtBot) -> None:
    label = ThaiLabel("ใบอนุญาตขับ\u2060รถยนต์ส่วนบุคคล")
    qtbot.addWidget(label)
    metrics = QFontMetricsF(label.font())
    label.resize(round(metrics.horizontalAdvance("ใบอนุญาตขับรถ")) + 4, 200)
    label.show()
    assert label.shown_lines()[0] == "ใบอนุญาต"
    assert label.text() == label.accessibleName() == "ใบอนุญาตขับรถยนต์ส่วนบุคคล"
