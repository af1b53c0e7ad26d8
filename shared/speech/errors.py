"""The error speech engines raise when they cannot say an announcement."""

from __future__ import annotations

from shared.domain.errors import KhiuError


class SpeechError(KhiuError):
    """An engine could not say an announcement (missing clip, no voice, hung engine)."""
