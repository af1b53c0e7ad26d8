"""qt package."""
