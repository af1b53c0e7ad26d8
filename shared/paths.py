"""Where the product's bundled files live (fonts, sounds, the demo site, images): ONE lookup,
the same in every way Khiu runs.

| how Khiu runs                         | where `assets/` is found                               |
|---------------------------------------|--------------------------------------------------------|
| `$KHIU_ASSETS` set                    | that folder (a site's own copy; tests)                 |
| frozen (PyInstaller, `sys._MEIPASS`)  | `<bundle>/assets` (the spec copies the folder there)   |
| from the checkout, or `pip install -e`| `<checkout>/assets`                                    |
| a wheel / plain `pip install .`       | the `khiu_assets` package in site-packages (the wheel  |
|                                       | maps `assets/` to it: pyproject `package-dir`)         |

Every caller asks here (`assets_dir()`, `asset()`, `DEMO_SITE_FILE`, `CHIME_FILE`, `FONTS_DIR`);
nothing else builds a path to `assets/` by itself.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

#: The package name `assets/` is installed under by a wheel (see pyproject.toml).
PACKAGE = "khiu_assets"
#: A file every complete assets folder has: how a candidate folder is recognised.
_MARKER = Path("sites") / "demo.toml"


class AssetsNotFound(RuntimeError):
    """No complete assets folder anywhere Khiu looks (a broken install)."""


def _candidates() -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    override = os.environ.get("KHIU_ASSETS")
    if override:
        found.append(("$KHIU_ASSETS", Path(override)))
    bundle = getattr(sys, "_MEIPASS", None)  # PyInstaller: the bundle's data folder
    if getattr(sys, "frozen", False) and bundle:
        found.append(("frozen bundle", Path(bundle) / "assets"))
    found.append(("source checkout", Path(__file__).resolve().parent.parent / "assets"))
    try:  # a wheel install: assets/ became the khiu_assets package
        import importlib.util

        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        spec = None
    if spec is not None:
        for location in spec.submodule_search_locations or ():
            found.append((f"installed package {PACKAGE}", Path(location)))
    return found


@cache
def assets_dir() -> Path:
    """The product's assets folder (cached: it does not move while Khiu runs)."""
    tried = _candidates()
    for _how, folder in tried:
        if (folder / _MARKER).is_file():
            return folder.resolve()
    if os.environ.get("KHIU_ASSETS"):  # an explicit override wins even when incomplete
        return Path(os.environ["KHIU_ASSETS"])
    places = "; ".join(f"{how}: {folder}" for how, folder in tried)
    raise AssetsNotFound(f"Khiu's assets folder was not found (looked in {places})")


def asset(*parts: str) -> Path:
    """A bundled file, e.g. `asset("sounds", "chime.wav")`."""
    return assets_dir().joinpath(*parts)


def where() -> str:
    """How the assets were found, for `khiu --version`-style diagnostics and tests."""
    folder = assets_dir()
    for how, candidate in _candidates():
        if candidate.exists() and candidate.resolve() == folder:
            return how
    return "unknown"


ASSETS_DIR = assets_dir()
FONTS_DIR = ASSETS_DIR / "fonts"
SOUNDS_DIR = ASSETS_DIR / "sounds"
CHIME_FILE = SOUNDS_DIR / "chime.wav"
DEMO_SITE_FILE = ASSETS_DIR / "sites" / "demo.toml"
