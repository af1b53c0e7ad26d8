"""Sizes and the style sheet: everything scales with the screen's short side, and no
touch target is smaller than 15 mm. Large text is the same sheet with 1.5x the font sizes
over the high-contrast palette (7:1 and more for every text on its background)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TypeVar

from PySide6.QtWidgets import QWidget

MIN_TOUCH_MM = 15.0
MIN_TOUCH_PX = 48  # and never below 48 px at the kiosk's scale, whatever the screen says
LARGE_TEXT_FACTOR = 1.5
DESIGN_SHORT_SIDE = 1080  # sizes below are for a 1080 x 1920 or 1920 x 1080 screen
DESIGN_LONG_SIDE = 1920


def scale_for(width: int, height: int) -> float:
    """Relative to the 1080 x 1920 design in both directions: a 4:3 screen is short of
    width, not height, and four service columns must still fit across it."""
    short, long = sorted((width, height))
    return max(0.55, min(1.6, short / DESIGN_SHORT_SIDE, long / DESIGN_LONG_SIDE))


def mm_to_px(widget: QWidget, mm: float) -> int:
    """Physical size on this screen (logical DPI; 96 when the screen does not say)."""
    dpi = widget.logicalDpiY() or 96
    return round(mm / 25.4 * dpi)


@dataclass(frozen=True)
class Theme:
    """The kiosk's palette and font (built in app.py with the bundled Thai family)."""

    family: str = "Sarabun"
    navy: str = "#12325b"
    gold: str = "#f2b632"
    green: str = "#1d7a46"
    red: str = "#b3261e"
    grey: str = "#6b6f76"
    paper: str = "#f6f4ef"
    ink: str = "#1b1b1b"  # body text
    soft_ink: str = "#333333"  # second lines (English under Thai, hints)
    band_ink: str = "#ffffff"  # text on the gold band

    def high_contrast(self) -> Theme:
        """The large-text palette: every text colour at 7:1 or more on its background."""
        return replace(
            self,
            navy="#0b2447",
            green="#0b4d2b",
            red="#8c1d18",
            grey="#303236",
            paper="#ffffff",
            soft_ink="#1b1b1b",
            band_ink="#000000",
        )

    def text_pairs(self) -> dict[str, tuple[str, str]]:
        """Each (text colour, background) the style sheet draws, by what it is for."""
        return {
            "body": (self.ink, self.paper),
            "second line": (self.soft_ink, self.paper),
            "title": (self.navy, self.paper),
            "note": (self.green, self.paper),
            "warning": (self.red, self.paper),
            "tile name": (self.navy, "#ffffff"),
            "tile second line": (self.soft_ink, "#ffffff"),
            "tile agency": (self.grey, "#ffffff"),
            "tile wait": (self.green, "#ffffff"),
            "tile closed": (self.red, "#ffffff"),
            "closed tile": (self.red, "#ecebe8"),
            "top bar": ("#ffffff", self.navy),
            "button": ("#ffffff", self.navy),
            "white button": (self.navy, "#ffffff"),
            "priority button": (self.ink, self.gold),
            "band": (self.band_ink, self.gold),
            "banner": ("#ffffff", self.red),
            "danger button": ("#ffffff", self.red),
        }

    def stylesheet(self, s: float, *, large: bool = False) -> str:
        """The whole kiosk's look at scale `s`; widgets pick a look with the `role` property.
        `large`: font sizes 1.5x (the large-text mode; call it on `high_contrast()`)."""

        def px(n: float) -> int:
            return max(10, round(n * s))

        def fs(n: float) -> int:
            return px(n * LARGE_TEXT_FACTOR) if large else px(n)

        return f"""
        QWidget {{ font-family: "{self.family}"; color: {self.ink}; }}
        QMainWindow, QStackedWidget, QWidget#page {{ background: {self.paper}; }}
        QLabel[role="title"] {{ font-size: {fs(58)}px; font-weight: 700; color: {self.navy}; }}
        QLabel[role="subtitle"] {{ font-size: {fs(32)}px; color: {self.soft_ink}; }}
        QLabel[role="site"] {{ font-size: {fs(30)}px; font-weight: 600; color: white; }}
        QWidget#topbar {{ background: {self.navy}; }}
        QLabel[role="heading"] {{ font-size: {fs(36)}px; font-weight: 700; color: {self.navy};
            padding: {px(10)}px 0px 0px 0px; }}
        QLabel[role="body"] {{ font-size: {fs(32)}px; }}
        QLabel[role="note"] {{ font-size: {fs(30)}px; font-weight: 600; color: {self.green}; }}
        QLabel[role="warn"] {{ font-size: {fs(32)}px; font-weight: 600; color: {self.red}; }}
        QLabel[role="code"] {{ font-size: {px(250)}px; font-weight: 700; color: {self.navy}; }}
        QLabel[role="big"] {{ font-size: {fs(44)}px; font-weight: 700; }}
        QLabel[role="pin"] {{ font-size: {px(64)}px; font-weight: 700; letter-spacing: {px(12)}px;
            background: white; border: 2px solid {self.navy}; border-radius: {px(14)}px; }}
        QLabel[role="band"] {{ font-size: {fs(34)}px; font-weight: 700; color: {self.band_ink};
            background: {self.gold}; border-radius: {px(10)}px; padding: {px(6)}px {px(20)}px; }}
        QFrame[role="banner"] {{ background: {self.red}; border-radius: {px(12)}px; }}
        QFrame[role="banner"] QLabel {{ color: white; font-size: {fs(30)}px; font-weight: 600; }}
        QFrame[role="banner"] QLabel[role="trouble_en"] {{ font-size: {fs(26)}px; }}
        QFrame[role="card"] {{ background: white; border-radius: {px(18)}px; }}
        QLabel[role="tile_th"] {{ font-size: {fs(40)}px; font-weight: 700; color: {self.navy}; }}
        QLabel[role="tile_en"] {{ font-size: {fs(26)}px; color: {self.soft_ink}; }}
        QLabel[role="tile_agency"] {{ font-size: {fs(24)}px; color: {self.grey}; }}
        QLabel[role="tile_wait"] {{ font-size: {fs(30)}px; font-weight: 600; color: {self.green}; }}
        QLabel[role="tile_closed"] {{ font-size: {fs(28)}px; font-weight: 600; color: {self.red}; }}
        QPushButton {{ font-size: {fs(34)}px; font-weight: 700; border-radius: {px(18)}px;
            padding: {px(14)}px {px(28)}px; background: {self.navy}; color: white; border: none; }}
        QPushButton:pressed {{ background: #0b1f3a; }}
        QPushButton:disabled {{ background: #c9c9c9; color: #7a7a7a; }}
        QPushButton[role="tile"] {{ background: white; border: {px(4)}px solid {self.navy};
            text-align: left; padding: {px(16)}px; }}
        QPushButton[role="tile"]:pressed {{ background: #dde6f3; }}
        QPushButton[role="tile"][closed="true"] {{ background: #ecebe8; border-color: #b8b6b0; }}
        QPushButton[role="priority"] {{ background: {self.gold}; color: {self.ink}; }}
        QPushButton[role="secondary"] {{ background: white; color: {self.navy};
            border: {px(3)}px solid {self.navy}; padding: {px(4)}px {px(28)}px; }}
        QPushButton[role="lang"] {{ background: white; color: {self.navy}; font-size: {fs(30)}px; }}
        QPushButton[role="key"] {{ font-size: {px(56)}px; background: white; color: {self.navy};
            border: {px(3)}px solid {self.navy}; padding: 0px; }}
        QPushButton[role="danger"] {{ background: {self.red}; }}
        QPushButton[role="tool"] {{ background: white; color: {self.navy}; font-size: {fs(26)}px;
            border: {px(3)}px solid {self.navy}; padding: 0px {px(14)}px; }}
        QPushButton[role="tool"][on="true"] {{ background: {self.navy}; color: white; }}
        QWidget#toolbar {{ background: {self.paper}; }}
        QFrame[role="ask"] {{ background: white; border: {px(6)}px solid {self.navy};
            border-radius: {px(18)}px; }}
        QScrollArea {{ border: none; background: transparent; }}
        """


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


W = TypeVar("W", bound=QWidget)


def set_role(widget: W, role: str) -> W:
    widget.setProperty("role", role)
    return widget
