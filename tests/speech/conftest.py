"""Shared speech fixtures: a voice pack built once from the system voice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.speech.engines import TtsEngine
from shared.speech.voicepack import build_voicepack


@pytest.fixture(scope="session")
def tts() -> Iterator[TtsEngine]:
    engine = TtsEngine()
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def built_pack(tmp_path_factory: pytest.TempPathFactory, tts: TtsEngine) -> Path:
    """A complete voice pack from espeak-ng (SAPI5 on Windows); read-only for tests."""
    folder = tmp_path_factory.mktemp("voicepack")
    build_voicepack(folder, tts)
    return folder
