"""Widgets of the hall display: layout and painting only."""
