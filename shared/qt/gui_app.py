"""A QGuiApplication for command-line work (rendering a ticket for `khiu issue --print`)."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

_app: QGuiApplication | None = None  # kept referenced: Qt must outlive every QImage we paint


def _has_display() -> bool:
    """Windows and macOS always have a display; elsewhere X11 or Wayland must be reachable."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def ensure_gui_application() -> QGuiApplication:
    """Return the running QGuiApplication, creating one (offscreen when headless) if none."""
    global _app
    existing = QCoreApplication.instance()
    if existing is not None:
        if not isinstance(existing, QGuiApplication):
            raise RuntimeError("a QCoreApplication is running; rendering needs a QGuiApplication")
        return existing
    # A command run over SSH or from cron has no display: without this Qt aborts the
    # process ("could not connect to display") instead of raising.
    if not _has_display() and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _app = QGuiApplication([sys.argv[0] if sys.argv else "khiu"])
    return _app

