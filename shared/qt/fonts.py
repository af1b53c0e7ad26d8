"""Bundled fonts: register Sarabun (from the one assets lookup, shared/paths.py) with Qt once
per process."""

from __future__ import annotations

import logging
import threading

from shared.paths import assets_dir

log = logging.getLogger(__name__)

#: What Qt calls the bundled Thai face; also the fallback when registration fails,
#: so fontconfig/Windows can still substitute a system Thai font by name.
BUNDLED_FAMILY = "Sarabun"

_lock = threading.Lock()
_loaded_family: str | None = None  # QFontDatabase is process-wide, so this cache is too


def load_bundled_fonts() -> str:
    """Register assets/fonts/*.ttf with Qt (once) and return the family name to use.

    Needs a QGuiApplication. A missing or broken font file is logged, not raised:
    the kiosk must still start, and Qt then substitutes a system font.
    """
    global _loaded_family
    with _lock:
        if _loaded_family is not None:
            return _loaded_family
        from PySide6.QtGui import QFontDatabase, QGuiApplication

        if QGuiApplication.instance() is None:
            raise RuntimeError("load_bundled_fonts() needs a QGuiApplication first")
        families: list[str] = []
        for path in sorted((assets_dir() / "fonts").glob("*.ttf")):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                log.warning("could not load font %s", path)
                continue
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
        if BUNDLED_FAMILY in families:
            _loaded_family = BUNDLED_FAMILY
            log.info("Thai font %s loaded from %s", BUNDLED_FAMILY, assets_dir() / "fonts")
        elif families:
            _loaded_family = families[0]
        else:
            log.warning("no bundled font in %s; Thai may render with a system font", assets_dir())
            _loaded_family = BUNDLED_FAMILY
        return _loaded_family
