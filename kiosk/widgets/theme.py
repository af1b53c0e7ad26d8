"""Sizes and the style sheet: everything scales with the screen's short side, and no
touch target is smaller than 15 mm."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtWidgets import QWidget

MIN_TOUCH_MM = 15.0
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

    def stylesheet(self, s: float) -> str:
        """The whole kiosk's look at scale `s`; widgets pick a look with the `role` property."""

        def px(n: float) -> int:
            return max(10, round(n * s))

        return f"""
        QWidget {{ font-family: "{self.family}"; color: #1b1b1b; }}
        QMainWindow, QStackedWidget, QWidget#page {{ background: {self.paper}; }}
        QLabel[role="title"] {{ font-size: {px(58)}px; font-weight: 700; color: {self.navy}; }}
        QLabel[role="subtitle"] {{ font-size: {px(32)}px; color: #333; }}
        QLabel[role="site"] {{ font-size: {px(30)}px; font-weight: 600; color: white; }}
        QWidget#topbar {{ background: {self.navy}; }}
        QLabel[role="heading"] {{ font-size: {px(36)}px; font-weight: 700; color: {self.navy};
            padding: {px(10)}px 0px 0px 0px; }}
        QLabel[role="body"] {{ font-size: {px(32)}px; }}
        QLabel[role="note"] {{ font-size: {px(30)}px; font-weight: 600; color: {self.green}; }}
        QLabel[role="warn"] {{ font-size: {px(32)}px; font-weight: 600; color: {self.red}; }}
        QLabel[role="code"] {{ font-size: {px(250)}px; font-weight: 700; color: {self.navy}; }}
        QLabel[role="big"] {{ font-size: {px(44)}px; font-weight: 700; }}
        QLabel[role="pin"] {{ font-size: {px(64)}px; font-weight: 700; letter-spacing: {px(12)}px;
            background: white; border: 2px solid {self.navy}; border-radius: {px(14)}px; }}
        QLabel[role="band"] {{ font-size: {px(34)}px; font-weight: 700; color: white;
            background: {self.gold}; border-radius: {px(10)}px; padding: {px(6)}px {px(20)}px; }}
        QFrame[role="banner"] {{ background: {self.red}; border-radius: {px(12)}px; }}
        QFrame[role="banner"] QLabel {{ color: white; font-size: {px(30)}px; font-weight: 600; }}
        QFrame[role="banner"] QLabel[role="trouble_en"] {{ font-size: {px(26)}px; }}
        QFrame[role="card"] {{ background: white; border-radius: {px(18)}px; }}
        QLabel[role="tile_th"] {{ font-size: {px(40)}px; font-weight: 700; color: {self.navy}; }}
        QLabel[role="tile_en"] {{ font-size: {px(26)}px; color: #333; }}
        QLabel[role="tile_agency"] {{ font-size: {px(24)}px; color: {self.grey}; }}
        QLabel[role="tile_wait"] {{ font-size: {px(30)}px; font-weight: 600; color: {self.green}; }}
        QLabel[role="tile_closed"] {{ font-size: {px(28)}px; font-weight: 600; color: {self.red}; }}
        QPushButton {{ font-size: {px(34)}px; font-weight: 700; border-radius: {px(18)}px;
            padding: {px(14)}px {px(28)}px; background: {self.navy}; color: white; border: none; }}
        QPushButton:pressed {{ background: #0b1f3a; }}
        QPushButton:disabled {{ background: #c9c9c9; color: #7a7a7a; }}
        QPushButton[role="tile"] {{ background: white; border: {px(4)}px solid {self.navy};
            text-align: left; padding: {px(16)}px; }}
        QPushButton[role="tile"]:pressed {{ background: #dde6f3; }}
        QPushButton[role="tile"][closed="true"] {{ background: #ecebe8; border-color: #b8b6b0; }}
        QPushButton[role="priority"] {{ background: {self.gold}; color: #1b1b1b; }}
        QPushButton[role="secondary"] {{ background: white; color: {self.navy};
            border: {px(3)}px solid {self.navy}; }}
        QPushButton[role="lang"] {{ background: white; color: {self.navy}; font-size: {px(30)}px; }}
        QPushButton[role="key"] {{ font-size: {px(56)}px; background: white; color: {self.navy};
            border: {px(3)}px solid {self.navy}; padding: {px(4)}px; }}
        QPushButton[role="danger"] {{ background: {self.red}; }}
        QScrollArea {{ border: none; background: transparent; }}
        """


W = TypeVar("W", bound=QWidget)


def set_role(widget: W, role: str) -> W:
    widget.setProperty("role", role)
    return widget
