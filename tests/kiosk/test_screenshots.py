"""Every page at 1080x1920 and 1920x1080 (and at 1024x768), saved for people to look at
in khiu-shots/kiosk/ (tests/support/shots.py); asserts that no label is cut off and nothing overflows the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.kiosk.fakes import FakePrinter, port_for
from tests.support.kiosk_app import LANDSCAPE, PORTRAIT, Factory, touch
from tests.support.shots import shots_dir

SHOTS = shots_dir("kiosk")


def _save(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / f"{name}.png"))


def _labels_fit(page: QWidget) -> None:
    """No visible label is cut off or drawn over its neighbour: each has the height its
    text needs, and labels that share a parent do not overlap (checked after a grab,
    which settles the layout as painting the screen does)."""
    for _ in range(3):  # let pending layout requests run, as the event loop does at once
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
    shown = [lb for lb in page.findChildren(QLabel) if lb.isVisible() and lb.text()]
    for label in shown:
        if label.wordWrap():
            need = label.heightForWidth(label.width())
            assert label.height() >= need - 2, f"{label.text()!r} is clipped on {page}"
    for i, first in enumerate(shown):
        for second in shown[i + 1 :]:
            if first.parent() is second.parent():
                overlap = first.geometry().intersected(second.geometry())
                assert overlap.height() <= 2, f"{first.text()!r} overlaps {second.text()!r}"


@pytest.mark.parametrize("size", [PORTRAIT, LANDSCAPE], ids=["portrait", "landscape"])
def test_pages(qtbot: QtBot, make_kiosk: Factory, size: tuple[int, int]) -> None:
    device = FakePrinter()
    kiosk = make_kiosk(size=size, printer=port_for(device), printer_spec="net:10.0.0.9")
    w = kiosk.window
    tag = "x".join(map(str, size))
    qtbot.waitUntil(lambda: w.home.buttons["DL"].status.text() != "")
    _save(w, f"home-{tag}")
    _labels_fit(w.home)

    touch(qtbot, w.home.buttons["DL"])
    _save(w, f"service-{tag}")
    _labels_fit(w.service)

    touch(qtbot, w.service.priority)
    qtbot.waitUntil(lambda: w.issued.outcome is not None)
    _save(w, f"issued-{tag}")
    _labels_fit(w.issued)

    device.set_state("paper_out")
    touch(qtbot, w.issued.done)
    touch(qtbot, w.home.buttons["SSO"])
    touch(qtbot, w.service.take)
    qtbot.waitUntil(lambda: w.issued.needs_attention)
    _save(w, f"printer-trouble-{tag}")
    _labels_fit(w.issued)
    touch(qtbot, w.issued.done)
    qtbot.waitUntil(lambda: w.home.banner.isVisible())
    _save(w, f"home-paper-out-{tag}")

    w.ask_pin()
    for key in "12":
        touch(qtbot, w.pin.keys[key])
    _save(w, f"pin-{tag}")

    w.toggle_language()
    w.go_home()
    _save(w, f"home-en-{tag}")


def test_small_screen(qtbot: QtBot, make_kiosk: Factory) -> None:
    kiosk = make_kiosk(size=(1024, 768))
    w = kiosk.window
    qtbot.waitUntil(lambda: w.home.buttons["DL"].status.text() != "")
    _save(w, "home-1024x768")
    _labels_fit(w.home)
    _fits_screen(w, (1024, 768))
    touch(qtbot, w.home.buttons["LAND"])
    _save(w, "service-1024x768")
    _labels_fit(w.service)
    _fits_screen(w, (1024, 768))
    touch(qtbot, w.service.take)
    qtbot.waitUntil(lambda: w.issued.outcome is not None)
    _save(w, "issued-1024x768")
    _labels_fit(w.issued)
    _fits_screen(w, (1024, 768))
    w.ask_pin()
    _save(w, "pin-1024x768")
    _fits_screen(w, (1024, 768))


@pytest.mark.parametrize("size", [(1280, 1024), (1366, 768)], ids=["1280x1024", "1366x768"])
def test_home_names_are_whole_at_other_sizes(
    qtbot: QtBot, make_kiosk: Factory, size: tuple[int, int]
) -> None:
    """Long Thai service names wrap to three lines on narrow tiles; none may lose a line."""
    kiosk = make_kiosk(size=size)
    w = kiosk.window
    qtbot.waitUntil(lambda: w.home.buttons["DL"].status.text() != "")
    _save(w, f"home-{size[0]}x{size[1]}")
    _labels_fit(w.home)
    _fits_screen(w, size)


def _fits_screen(window: QWidget, size: tuple[int, int]) -> None:
    """Once laid out, the page's minimum fits the screen: nothing falls off the bottom
    (a full-screen window cannot grow, so a larger minimum would cut the page off).
    Wrapped labels settle over a few layout passes, so this waits for them (bounded)."""

    def fits() -> bool:
        need = window.minimumSizeHint()
        return need.width() <= size[0] and need.height() <= size[1]

    for _ in range(40):  # up to about 2 s of event processing
        if fits():
            break
        QTest.qWait(50)
    assert fits(), window.minimumSizeHint()
