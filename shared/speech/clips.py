"""The canonical voice-pack clips: one per word, letter, digit and phrase, with their wording.

A voice pack is a folder holding `<clip id>.wav` for every clip here (`th/letter_a.wav`,
`en/number.wav`, ...). The same list builds a pack from the system voice, checks that a
pack is complete, and renders the table in the voice pack's README.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from shared.i18n.thai_numbers import (
    ENGLISH_DIGITS,
    ENGLISH_TEENS,
    ENGLISH_TENS,
    THAI_DIGITS,
    THAI_LETTER_NAMES,
    THAI_MILLION,
    THAI_PLACES,
    THAI_TRAILING_ONE,
    THAI_TWENTY_PREFIX,
)


@dataclass(frozen=True)
class Clip:
    """One recorded word or phrase: its id (also its path in a pack) and its wording."""

    id: str
    text: str
    # What a speech synthesiser reads instead of `text` (None: the text itself).
    # Thai hints are for espeak-ng only, whose Thai is a stub: it garbles leading vowels and
    # tone marks (บี -> "bs", ยี่ -> "js") yet reads Arabic digits well and switches to
    # English for Latin letters, which Thais say the English way anyway. `[[...]]` is
    # espeak-ng phoneme input, built from phonemes espeak itself produces for nearby words
    # (เจ็ด -> ch'e3t gives 'e3t for เอ็ด). English hints are for every engine: a lone "A"
    # in a sentence is read as the article "uh", "eh" is the letter name.
    tts_hint: str | None = None

    @property
    def lang(self) -> str:
        return self.id.split("/", 1)[0]

    @property
    def tts_text(self) -> str:
        return self.tts_hint if self.tts_hint is not None else self.text


# Phrase clips, named so the phrasing module reads like the sentence it builds.
TH_INVITE = "th/phrase_invite"
TH_AT_COUNTER = "th/phrase_at_counter"
TH_AGAIN = "th/phrase_again"
TH_COUNTER_SHORT = "th/word_counter"
TH_PARTICLE = "th/particle_ka"
EN_NUMBER = "en/number"
EN_GO_TO_COUNTER = "en/phrase_go_to_counter"
EN_CALLING_AGAIN = "en/phrase_calling_again"
EN_AND = "en/word_and"

_TH_NUMBER_WORDS: tuple[tuple[str, str, str | None], ...] = (
    ("th/num_yi", THAI_TWENTY_PREFIX, "[[j'i3]]"),
    ("th/num_et", THAI_TRAILING_ONE, "[['e3t]]"),
    ("th/num_10", THAI_PLACES[1], None),  # espeak-ng reads สิบ correctly
    ("th/num_100", THAI_PLACES[2], "[[r'a2j]]"),
    ("th/num_1000", THAI_PLACES[3], "[[ph'a2n]]"),
    ("th/num_10000", THAI_PLACES[4], "[[m'ue2n]]"),
    ("th/num_100000", THAI_PLACES[5], "[[s'e2n]]"),
    ("th/num_1000000", THAI_MILLION, "[[l'a2n]]"),
)


def _build() -> tuple[Clip, ...]:
    clips = [
        Clip(TH_INVITE, "ขอเชิญหมายเลข"),
        Clip(TH_AT_COUNTER, "ที่ช่องบริการ"),
        Clip(TH_AGAIN, "อีกครั้ง"),
        Clip(TH_COUNTER_SHORT, "ช่อง"),
        Clip(TH_PARTICLE, "ค่ะ"),
    ]
    clips += [
        Clip(f"th/letter_{letter.lower()}", THAI_LETTER_NAMES[letter], letter)
        for letter in string.ascii_uppercase
    ]
    clips += [Clip(f"th/digit_{d}", THAI_DIGITS[d], str(d)) for d in range(10)]
    clips += [Clip(clip_id, text, hint) for clip_id, text, hint in _TH_NUMBER_WORDS]
    clips += [
        Clip(EN_NUMBER, "number"),
        Clip(EN_GO_TO_COUNTER, "please go to counter"),
        Clip(EN_CALLING_AGAIN, "calling again"),
        Clip(EN_AND, "and"),
    ]
    clips += [
        Clip(f"en/letter_{letter.lower()}", letter, "eh" if letter == "A" else None)
        for letter in string.ascii_uppercase
    ]
    clips += [Clip(f"en/digit_{d}", ENGLISH_DIGITS[d]) for d in range(10)]
    clips += [Clip(f"en/num_{10 + i}", word) for i, word in enumerate(ENGLISH_TEENS)]
    clips += [Clip(f"en/num_{10 * t}", ENGLISH_TENS[t]) for t in range(2, 10)]
    clips += [
        Clip("en/num_hundred", "hundred"),
        Clip("en/num_thousand", "thousand"),
        Clip("en/num_million", "million"),
    ]
    return tuple(clips)


CLIPS: tuple[Clip, ...] = _build()
CLIP_BY_ID: dict[str, Clip] = {clip.id: clip for clip in CLIPS}

# Word -> clip, for turning the number words of shared.i18n into clips. Digits one..nine
# double as number words (หนึ่ง in หนึ่งร้อย, "one" in "one hundred").
TH_WORD_CLIPS: dict[str, str] = {
    clip.text: clip.id for clip in CLIPS if clip.id.startswith(("th/digit_", "th/num_"))
}
EN_WORD_CLIPS: dict[str, str] = {
    clip.text: clip.id for clip in CLIPS if clip.id.startswith(("en/digit_", "en/num_"))
} | {"and": EN_AND}


def clip(clip_id: str) -> Clip:
    """The clip with this id; KeyError names an unknown id."""
    return CLIP_BY_ID[clip_id]


def clip_filename(clip_id: str) -> str:
    """Relative path of a clip inside a voice pack, with forward slashes (`th/digit_0.wav`)."""
    return f"{clip_id}.wav"


def clips_table() -> str:
    """A plain-text table of every clip (file, language, wording) for a pack's README."""
    width = max(len(clip_filename(c.id)) for c in CLIPS)
    return "\n".join(f"{clip_filename(c.id):<{width}}  {c.lang}  {c.text}" for c in CLIPS)
