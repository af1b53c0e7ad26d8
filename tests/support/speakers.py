"""A speaker that records instead of speaking, standing in for the display's Announcer."""

from __future__ import annotations


class RecordingSpeaker:
    """Stands in for the Announcer: records what it was asked to say."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, bool]] = []
        self.closed = False

    def announce(self, code: str, counter: int, recall: bool = False) -> None:
        self.calls.append((code, counter, recall))

    def shutdown(self) -> None:
        self.closed = True
