"""Colours and font of the hall display: high contrast, readable from across the hall."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    """The display's palette as #rrggbb (dark background, white text, yellow numbers), its font."""

    family: str = "Sarabun"
    background: str = "#0b1426"
    panel: str = "#15223d"
    panel_alt: str = "#1b2b4d"
    text: str = "#ffffff"
    muted: str = "#b8c4dc"
    number: str = "#ffd21f"
    flash_background: str = "#ffd21f"
    flash_text: str = "#000000"
    closed: str = "#ff8a80"
    warning_background: str = "#b3261e"
    ticker_background: str = "#ffd21f"
    ticker_text: str = "#000000"
