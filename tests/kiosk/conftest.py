"""Kiosk fixtures: the app built as main() builds it, on a real demo database."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp, KioskSettings, build
from shared.storage import parse_location
from shared.storage.sqlite import SqliteStore
from tests.support.backends import location_of, raw
from tests.support.clock import FakeClock

PORTRAIT = (1080, 1920)
LANDSCAPE = (1920, 1080)
Factory = Callable[..., KioskApp]


@pytest.fixture
def make_kiosk(qtbot: QtBot, db_path: Path, clock: FakeClock) -> Iterator[Factory]:
    """Build and show kiosks; each is shut down at the end of the test."""
    built: list[KioskApp] = []

    def factory(size: tuple[int, int] = PORTRAIT, **overrides: Any) -> KioskApp:
        settings = KioskSettings(location=parse_location(db_path), clock=clock, **overrides)
        app = build(settings)
        built.append(app)
        app.start(size=size)
        qtbot.waitUntil(lambda: len(app.window.home.buttons) == 8)
        return app

    yield factory
    for app in built:
        app.shutdown()


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
    return Image.open(io.BytesIO(bytes(buffer.data())))


def tickets_in_db(store: SqliteStore) -> list[tuple[str, str, int, str]]:
    return [
        tuple(r)
        for r in raw(location_of(store)).execute(
            "SELECT code, state, priority, token FROM tickets ORDER BY id"
        ).fetchall()
    ]
