"""Sarabun for phones: the bundled TTFs cut down to the characters the pages use (Thai,
Latin, punctuation) as WOFF, ~25 KB a weight instead of ~90 KB. The OFL allows it
(Sarabun declares no Reserved Font Name); the full TTFs stay as the CSS fallback."""

from __future__ import annotations

import io
import logging
import threading
from pathlib import Path

log = logging.getLogger(__name__)

# Thai; Basic Latin and Latin-1 (site names, fees); dashes, quotes, ellipsis; and the
# few symbols the pages draw (· ★ ● →).
UNICODES = (
    list(range(0x20, 0x7F))
    + list(range(0xA0, 0x100))
    + list(range(0x0E00, 0x0E80))
    + list(range(0x2010, 0x2028))
    + [0x2192, 0x25CF, 0x2605]
)

USED = ("Sarabun-Regular", "Sarabun-Bold")  # the weights khiu.css asks for


class WebFonts:
    """Makes each subset once, on first request, and keeps it in memory."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._cache: dict[str, bytes | None] = {}
        self._lock = threading.Lock()

    def woff(self, name: str) -> bytes | None:
        """The WOFF of `<name>.ttf` in the fonts folder; None when there is no such
        font or it cannot be cut (the page then falls back to the TTF)."""
        if not name.replace("-", "").isalnum():
            return None
        with self._lock:
            if name not in self._cache:
                self._cache[name] = self._make(self.folder / f"{name}.ttf")
            return self._cache[name]

    def warm(self, names: tuple[str, ...] = USED) -> None:
        """Make the subsets the pages use (at server start)."""
        for name in names:
            self.woff(name)

    @staticmethod
    def _make(path: Path) -> bytes | None:
        if not path.is_file():
            return None
        try:
            from fontTools import subset
            from fontTools.ttLib import TTFont

            options = subset.Options()
            options.flavor = "woff"
            options.layout_features = ["*"]  # Thai mark positioning (GPOS/GSUB) stays
            options.name_IDs = ["*"]  # keeps the copyright and licence in the font
            font = TTFont(str(path))
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=UNICODES)
            subsetter.subset(font)
            font.flavor = "woff"
            out = io.BytesIO()
            font.save(out)
            return out.getvalue()
        except Exception as exc:  # any font-tool failure: serve the full TTF instead
            log.warning("web font %s not subset: %s", path.name, exc)
            return None
