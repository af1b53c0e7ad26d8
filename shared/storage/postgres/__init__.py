"""Khiu on a PostgreSQL server: sites whose counters, kiosks and screens are separate PCs."""
