"""Where the product's bundled files live (fonts, sounds, the demo site), portably."""

from __future__ import annotations

from pathlib import Path

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
DEMO_SITE_FILE = ASSETS_DIR / "sites" / "demo.toml"
