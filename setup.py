"""Packaging glue that pyproject.toml cannot say: `assets/` (fonts, chime, demo site…) is
shipped in wheels as the `khiu_assets` package, so a plain `pip install .` or a wheel has
them too. Everything else is in pyproject.toml; shared/paths.py finds the folder."""

from pathlib import Path

from setuptools import find_packages, setup

CODE = find_packages(include=["shared*", "kiosk*", "counter*", "display*"])
HERE = Path(__file__).resolve().parent
# Every folder under assets/ becomes khiu_assets.<folder> (data only; listing them keeps
# setuptools from warning about "data as namespace packages").
ASSET_DIRS = sorted(
    "khiu_assets." + ".".join(d.relative_to(HERE / "assets").parts)
    for d in (HERE / "assets").rglob("*")
    if d.is_dir() and d.name != "__pycache__"
)

setup(
    packages=[*CODE, "khiu_assets", *ASSET_DIRS],
    package_dir={"khiu_assets": "assets"},
    package_data={
        **{name: ["*"] for name in ["khiu_assets", *ASSET_DIRS]},
        "shared.web": ["templates/*.html", "static/*"],  # the citizens' web pages
    },
    exclude_package_data={name: ["*.pyc"] for name in ["khiu_assets", *ASSET_DIRS]},
)
