"""The frozen build's launcher: program by file name, the TTS worker flag, no-console logs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from shared.speech.tts import TtsEngine, default_worker_argv

ROOT = Path(__file__).resolve().parents[2]


def _load_launcher() -> ModuleType:
    """installer/launcher.py is a script beside the PyInstaller spec, not a package."""
    spec = importlib.util.spec_from_file_location("khiu_launcher", ROOT / "installer" / "launcher.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


launcher = _load_launcher()


@pytest.mark.parametrize(
    ("argv0", "program"),
    [
        ("/opt/khiu/khiu", "khiu"),
        ("C:\\Program Files\\Khiu\\khiu-kiosk.exe".replace("\\", "/"), "khiu-kiosk"),
        ("KHIU-DISPLAY.EXE", "khiu-display"),
        ("khiu-counter", "khiu-counter"),
        ("launcher.py", "khiu"),  # anything else is the command line
    ],
)
def test_program_by_file_name(argv0: str, program: str) -> None:
    assert launcher.program_name(argv0) == program


def test_tts_worker_argv_in_source_and_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_worker_argv() == [sys.executable, "-m", "shared.speech.tts_worker"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert default_worker_argv() == [sys.executable, "--khiu-tts-worker"]
    assert TtsEngine().worker_argv == [sys.executable, "--khiu-tts-worker"]


def test_a_windowed_program_logs_to_a_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_log_dir", lambda *a, **k: str(tmp_path / "logs"))
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    launcher._log_to_file_without_console("khiu-display")
    print("khiu-display: no database at X", file=sys.stderr)
    sys.stderr.close()
    assert "no database at X" in (tmp_path / "logs" / "khiu-display.log").read_text()
