"""Which system voice speaks Thai in the hall: the choice, made once and logged.

On Windows the good Thai voice (Microsoft Pattara, from Settings → Speech) is a OneCore
voice: SAPI5, which pyttsx3 drives, does not list OneCore voices; Qt's QTextToSpeech
`winrt` engine does. So the order is:

1. a Thai voice pyttsx3 lists (SAPI5 on Windows, espeak-ng's `tai/th` on Linux);
2. else a Thai voice of QTextToSpeech's `winrt` engine (spoken live by Qt);
3. else the chime alone.

Pure: the voice lists come in as plain data (`VoiceInfo`), so the rule is tested with fakes
of both engines; listing them is `shared.speech.tts.TtsEngine.list_voices` (pyttsx3, in its
worker process) and `shared.qt.qt_voice.qt_voices` (QTextToSpeech).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from shared.speech.tts_worker import voice_matches

#: QTextToSpeech engines tried for Thai, in order. `winrt` reaches Windows' OneCore voices;
#: `sapi` would list only what pyttsx3 already lists, `speechd`/`flite` have no good Thai.
QT_THAI_ENGINES: tuple[str, ...] = ("winrt",)


@dataclass(frozen=True)
class VoiceInfo:
    """One voice as an engine lists it: `source` is "pyttsx3" or "qt:<engine>"."""

    source: str
    id: str
    name: str
    languages: tuple[str, ...] = ()

    def speaks(self, lang: str) -> bool:
        return voice_matches(self, lang)

    @classmethod
    def from_pyttsx3(cls, item: Mapping[str, Any]) -> VoiceInfo:
        return cls("pyttsx3", str(item.get("id", "")), str(item.get("name", "")),
                   tuple(str(x) for x in item.get("languages") or ()))

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "languages": list(self.languages), "thai": self.speaks("th")}


@dataclass(frozen=True)
class VoiceChoice:
    """What the hall will speak with: `kind` pyttsx3 | qt | chime."""

    kind: Literal["pyttsx3", "qt", "chime"]
    thai: VoiceInfo | None
    english: VoiceInfo | None
    reason: str
    qt_engine: str | None = None

    @property
    def label(self) -> str:
        return f"qt-{self.qt_engine}" if self.kind == "qt" else self.kind

    def describe(self) -> str:
        if self.thai is None:
            return f"chime only: {self.reason}"
        english = f", English {self.english.name or self.english.id}" if self.english else ""
        return f"Thai voice {self.thai.name or self.thai.id} ({self.label}){english}: {self.reason}"

    def to_json(self) -> dict[str, Any]:
        return {
            "engine": self.label,
            "thai_voice": self.thai.to_json() if self.thai else None,
            "english_voice": self.english.to_json() if self.english else None,
            "reason": self.reason,
        }


def _first(voices: Sequence[VoiceInfo], lang: str) -> VoiceInfo | None:
    matching = [v for v in voices if v.speaks(lang)]
    if lang == "en":  # plain US/British English before regional variants
        plain = [v for v in matching if {"en-us", "en-gb", "en", "en_us", "en_gb"} & {
            x.lower() for x in v.languages}]
        matching = plain or matching
    return matching[0] if matching else None


def choose_system_voice(
    pyttsx3_voices: Sequence[VoiceInfo] | None,
    qt_voices: Mapping[str, Sequence[VoiceInfo]],
    *,
    qt_engines: Sequence[str] = QT_THAI_ENGINES,
    pyttsx3_error: str | None = None,
) -> VoiceChoice:
    """The rule above. `pyttsx3_voices` None means pyttsx3 could not be asked (its error in
    `pyttsx3_error`); `qt_voices` maps each available QTextToSpeech engine to its voices."""
    pyttsx3_voices = pyttsx3_voices or ()
    thai = _first(pyttsx3_voices, "th")
    if thai is not None:
        return VoiceChoice("pyttsx3", thai, _first(pyttsx3_voices, "en"),
                           "pyttsx3 lists a Thai voice")
    why_not = (f"pyttsx3 failed ({pyttsx3_error})" if pyttsx3_error
               else "pyttsx3 lists no Thai voice")
    for engine in qt_engines:
        voices = qt_voices.get(engine)
        if voices is None:
            continue
        thai = _first(voices, "th")
        if thai is not None:
            return VoiceChoice("qt", thai, _first(voices, "en"),
                               f"{why_not}; QTextToSpeech {engine} has one", qt_engine=engine)
    tried = ", ".join(qt_engines)
    missing = [e for e in qt_engines if e not in qt_voices]
    qt_part = (f"QTextToSpeech has no {tried} engine here" if missing == list(qt_engines)
               else f"QTextToSpeech {tried} lists no Thai voice")
    return VoiceChoice("chime", None, None, f"{why_not}; {qt_part}")
