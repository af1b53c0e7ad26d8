"""Fixtures for the hall display: the real app on a tmp database, a recording speaker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from display.app import DisplayApp, DisplaySettings
from shared.site import VoiceConfig
from shared.storage import open_store, parse_location
from shared.storage.api import Store
from tests.support.speakers import RecordingSpeaker


@pytest.fixture
def speaker() -> RecordingSpeaker:
    return RecordingSpeaker()


@pytest.fixture
def voices() -> list[VoiceConfig]:
    return []


@pytest.fixture
def display(
    qtbot: QtBot, db_path: Path, speaker: RecordingSpeaker, voices: list[VoiceConfig]
) -> Iterator[DisplayApp]:
    def factory(voice: VoiceConfig) -> tuple[RecordingSpeaker, list[object]]:
        voices.append(voice)
        return speaker, []

    app = DisplayApp(
        DisplaySettings(location=parse_location(db_path), muted=True, speaker_factory=factory, probe_ms=100)
    )
    qtbot.addWidget(app.window)
    app.window.resize(1920, 1080)
    app.window.show()
    app.start()
    qtbot.waitUntil(lambda: app.controller.board is not None)
    yield app
    app.shutdown()


@pytest.fixture
def other(db_path: Path) -> Iterator[Store]:
    """A second connection, as a counter PC or the CLI would have."""
    store = open_store(db_path)
    yield store
    store.close()
