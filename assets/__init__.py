"""Khiu's bundled files: fonts (Sarabun, OFL), sounds (the chime), the demo site, images.

Installed by a wheel as the `khiu_assets` package; found through shared/paths.py only."""
