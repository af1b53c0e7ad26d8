"""Ticket printing tests."""
