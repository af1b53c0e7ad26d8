"""One phrase in Thai and English. Bilingual output (board, ticket, voice, notices) looks
up both explicitly, independent of any UI language setting."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bilingual:
    """Thai first, English second."""

    th: str
    en: str

    @property
    def both(self) -> str:
        """On one line, as labels show it: "ไทย / English"."""
        return f"{self.th} / {self.en}"

    def lines(self) -> str:
        """Thai above English."""
        return f"{self.th}\n{self.en}"

    def pick(self, lang: str) -> str:
        """The text in one language ("th", else English): for a screen that switches."""
        return self.th if lang == "th" else self.en

    def format(self, **values: object) -> Bilingual:
        """Both texts with their `{names}` filled in."""
        return Bilingual(self.th.format(**values), self.en.format(**values))
