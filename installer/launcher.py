"""One entry point for the frozen (PyInstaller) build: the four programs share one bundle.

The bundle holds one executable per program (`khiu`, `khiu-kiosk`, `khiu-counter`,
`khiu-display`), all made from this script; each runs the program named by its own file
name. The TTS worker (see shared/speech/tts.py) is the same executable started with
`--khiu-tts-worker`, since a frozen program has no `python -m`.

It lives with the installer, not in shared/: it imports the three apps, and the core
never does (README "Layers").
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from shared.speech.tts import TTS_WORKER_FLAG


def _program(name: str) -> Callable[[], int] | None:
    if name == "khiu":
        from shared.cli.main import main as cli_main

        return cli_main
    if name == "khiu-kiosk":
        from kiosk.__main__ import main as kiosk_main

        return kiosk_main
    if name == "khiu-counter":
        from counter.__main__ import main as counter_main

        return counter_main
    if name == "khiu-display":
        from display.__main__ import main as display_main

        return display_main
    return None


def program_name(argv0: str) -> str:
    """`C:\\Khiu\\khiu-kiosk.exe` → `khiu-kiosk`; an unknown name runs the CLI."""
    stem = Path(argv0).name.lower()
    for suffix in (".exe", ".bin"):
        stem = stem.removesuffix(suffix)
    return stem if stem in ("khiu", "khiu-kiosk", "khiu-counter", "khiu-display") else "khiu"


def _log_to_file_without_console(name: str) -> None:
    """A windowed program on Windows has no stdout/stderr (None): its messages and logs
    go to `<user log folder>/<program>.log` instead of being lost or crashing a print."""
    if sys.stdout is not None and sys.stderr is not None:
        return
    import platformdirs

    folder = Path(platformdirs.user_log_dir("Khiu", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    stream = open(folder / f"{name}.log", "a", encoding="utf-8", buffering=1)  # noqa: SIM115
    sys.stdout = sys.stdout or stream
    sys.stderr = sys.stderr or stream


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == TTS_WORKER_FLAG:
        from shared.speech.tts_worker import main as worker_main

        return worker_main()
    name = program_name(sys.executable if getattr(sys, "frozen", False) else sys.argv[0])
    _log_to_file_without_console(name)
    program = _program(name)
    assert program is not None
    return program()


if __name__ == "__main__":
    raise SystemExit(main())
