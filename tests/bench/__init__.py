"""Benchmarks (`make bench`): print figures, assert nothing about time."""
