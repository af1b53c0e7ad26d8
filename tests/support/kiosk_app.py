"""Driving the kiosk in tests: screen sizes, a finger's touch, what the screen shows,
and the tickets the database holds."""

from __future__ import annotations

import io
from collections.abc import Callable

import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp
from shared.storage.sqlite import SqliteStore
from tests.support.backends import location_of, raw

PORTRAIT = (1080, 1920)
LANDSCAPE = (1920, 1080)
Factory = Callable[..., KioskApp]


def touch(qtbot: QtBot, widget: QWidget) -> None:
    """A finger on the middle of a widget (the kiosk has no hover: a press and release)."""
    assert widget.isVisible() and widget.isEnabled(), f"cannot touch {widget}"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def read_qr(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image.convert("L"))]


def grab_image(widget: QWidget) -> Image.Image:
    """What the widget shows on screen, as a PIL image."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().save(buffer, "PNG")
    return Image.open(io.BytesIO(buffer.data().data()))


def tickets_in_db(store: SqliteStore) -> list[tuple[str, str, int, str]]:
    return [
        tuple(r)
        for r in raw(location_of(store)).execute(
            "SELECT code, state, priority, token FROM tickets ORDER BY id"
        ).fetchall()
    ]
