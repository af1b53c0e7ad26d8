"""Every page at every supported screen size, in normal and large text: nothing clipped
by its parent, no labels overlapping, every button at least 48 x 48 px (keypad keys
larger), nothing pushed off the screen. Each page is saved as a PNG to look at."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from kiosk.widgets.theme import MIN_TOUCH_PX
from kiosk.window import KioskWindow
from tests.kiosk.test_screenshots import _labels_fit, _save
from tests.support.kiosk_app import Factory, touch

SIZES = [(1024, 768), (1280, 800), (1366, 768), (1920, 1080), (768, 1024), (1080, 1920)]
KEY_MIN_PX = 56  # the PIN pad's keys: well above the 48 px of other buttons (15 mm at least)


def _settle(window: KioskWindow) -> None:
    window.grab()
    for _ in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
    window.grab()


def _shot(window: KioskWindow, name: str) -> None:
    """The page as the screen shows it once its layout has settled."""
    _settle(window)
    _save(window, name)


def _text_fits(button: QAbstractButton, label: str) -> None:
    """Room for the button's lines of text and a border round them (a squeezed button
    cuts its digits and Thai vowels off)."""
    metrics = button.fontMetrics()
    lines = button.text().splitlines()
    high = metrics.height() * len(lines) + 4
    wide = max(metrics.horizontalAdvance(line) for line in lines) + 4
    assert button.height() >= high and button.width() >= wide, f"{label}, needs {wide}x{high}"


def _inside_a_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _check_fit(window: KioskWindow, size: tuple[int, int], what: str) -> None:
    _settle(window)
    screen = QRect(0, 0, window.width(), window.height())
    assert (window.width(), window.height()) == size, f"{what}: the window outgrew the screen"
    shown = [w for w in window.findChildren(QWidget) if w.isVisible()]
    for widget in shown:
        parent = widget.parentWidget()
        if parent is None or widget is window.admin_corner:
            continue
        if isinstance(parent.parentWidget(), QScrollArea):
            continue  # a scroll area's content is larger than its view by design
        inside = parent.rect().adjusted(-1, -1, 1, 1).contains(widget.geometry())
        assert inside, f"{what}: {widget} {widget.geometry()} clipped by {parent} {parent.rect()}"
        if not _inside_a_scroll_area(widget):
            top_left = widget.mapTo(window, widget.rect().topLeft())
            assert screen.contains(QRect(top_left, widget.size()).adjusted(1, 1, -1, -1)), what
    for button in (b for b in shown if isinstance(b, QAbstractButton)):
        label = f"{what}: {button.text()!r} is {button.width()}x{button.height()}"
        assert button.width() >= MIN_TOUCH_PX and button.height() >= MIN_TOUCH_PX, label
        if button.text():
            _text_fits(button, label)
    page = window.stack.currentWidget()
    assert page is not None
    if page is window.pin:
        for key in window.pin.keys.values():
            assert min(key.width(), key.height()) >= KEY_MIN_PX, f"{what}: key {key.text()}"
    _labels_fit(page)


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("size", SIZES, ids=["x".join(map(str, s)) for s in SIZES])
def test_every_page_fits(
    qtbot: QtBot, make_kiosk: Factory, size: tuple[int, int], large: bool
) -> None:
    w = make_kiosk(size=size).window
    qtbot.waitUntil(lambda: w.home.buttons["DL"].status.text() != "")
    w.set_large_text(large)
    tag = f"{'x'.join(map(str, size))}-{'large' if large else 'normal'}"
    _shot(w, f"fit-home-{tag}")
    _check_fit(w, size, f"home {tag}")

    touch(qtbot, w.home.buttons["DL"])
    _shot(w, f"fit-service-{tag}")
    _check_fit(w, size, f"service {tag}")

    touch(qtbot, w.service.take)
    qtbot.waitUntil(lambda: w.issued.outcome is not None)
    _shot(w, f"fit-issued-{tag}")
    _check_fit(w, size, f"issued {tag}")

    w.more_time.ask()
    _shot(w, f"fit-more-time-{tag}")
    _check_fit(w, size, f"more time {tag}")
    w.more_time.dismiss()

    w.ask_pin()
    _shot(w, f"fit-pin-{tag}")
    _check_fit(w, size, f"pin {tag}")

    w.stack.setCurrentWidget(w.admin)
    _check_fit(w, size, f"admin {tag}")

    w.toggle_language()
    w.go_home()
    _shot(w, f"fit-home-en-{tag}")
    _check_fit(w, size, f"home en {tag}")
