"""What the hall says when a ticket is called, in Thai and English, as text and as clips (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from shared.domain.errors import KhiuError
from shared.i18n.thai_numbers import (
    english_digit_names,
    english_number_parts,
    english_number_words,
    thai_digit_names,
    thai_letter_name,
    thai_number_parts,
    thai_number_words,
)
from shared.speech import clips as c

MAX_COUNTER = 999  # the clip set covers every counter number up to here
_CODE = re.compile(r"([A-Z]{1,2})([0-9]{1,6})")


@dataclass(frozen=True)
class Announcement:
    """One call as spoken: Thai and English text, and the voice-pack clips that say it."""

    th: str
    en: str
    th_clips: tuple[str, ...]
    en_clips: tuple[str, ...]


def parse_code(code: str) -> tuple[str, str]:
    """Split a ticket code into (letters, digits): " a001 " -> ("A", "001")."""
    text = code.strip() if isinstance(code, str) else ""
    # isascii() first: a few non-ASCII letters upper-case into A-Z ("ı".upper() == "I").
    match = _CODE.fullmatch(text.upper()) if text.isascii() else None
    if match is None:
        raise KhiuError(
            f"รหัสบัตรคิว {code!r} ไม่ถูกต้อง: ต้องเป็นอักษร A-Z 1-2 ตัวตามด้วยตัวเลข เช่น A001",
            f"bad ticket code {code!r}: expected 1-2 letters A-Z then 1-6 digits, e.g. A001",
        )
    return match.group(1), match.group(2)


def _check_counter(counter: int) -> None:
    if isinstance(counter, bool) or not isinstance(counter, int) or not 1 <= counter <= MAX_COUNTER:
        raise KhiuError(
            f"หมายเลขช่องบริการ {counter!r} ไม่ถูกต้อง: ต้องเป็น 1 ถึง {MAX_COUNTER}",
            f"bad counter number {counter!r}: expected 1 to {MAX_COUNTER}",
        )


def _thai_ticket(letters: str, digits: str) -> tuple[list[str], list[str]]:
    words = [thai_letter_name(ch) for ch in letters] + list(thai_digit_names(digits))
    clip_ids = [f"th/letter_{ch.lower()}" for ch in letters] + [f"th/digit_{d}" for d in digits]
    return words, clip_ids


def _english_ticket(letters: str, digits: str) -> tuple[list[str], list[str]]:
    words = list(letters) + list(english_digit_names(digits))
    clip_ids = [f"en/letter_{ch.lower()}" for ch in letters] + [f"en/digit_{d}" for d in digits]
    return words, clip_ids


def spoken_code(code: str, lang: str) -> str:
    """A ticket code as it is read out: "เอ ศูนย์ ศูนย์ หนึ่ง" / "A zero zero one"."""
    letters, digits = parse_code(code)
    words, _clips = (_thai_ticket if lang == "th" else _english_ticket)(letters, digits)
    return " ".join(words)


def _thai_counter_clips(counter: int) -> list[str]:
    return [c.TH_WORD_CLIPS[word] for word in thai_number_parts(counter)]


def _english_counter_clips(counter: int) -> list[str]:
    return [c.EN_WORD_CLIPS[word] for word in english_number_parts(counter)]


def announce(code: str, counter: int, *, recall: bool = False) -> Announcement:
    """The full announcement: "ขอเชิญหมายเลข เอ ศูนย์ ศูนย์ หนึ่ง ที่ช่องบริการ สาม ค่ะ"."""
    letters, digits = parse_code(code)
    _check_counter(counter)
    th_ticket, th_ticket_clips = _thai_ticket(letters, digits)
    en_ticket, en_ticket_clips = _english_ticket(letters, digits)
    th_number = thai_number_words(counter)
    en_number = english_number_words(counter)

    # A recall says "อีกครั้ง" (once more) after the number, so people who missed the
    # first call hear it is the same ticket again, not a new one.
    again = ["อีกครั้ง"] if recall else []
    again_clips = [c.TH_AGAIN] if recall else []
    th = " ".join(["ขอเชิญหมายเลข", *th_ticket, *again, "ที่ช่องบริการ", th_number, "ค่ะ"])
    th_clips = (
        c.TH_INVITE,
        *th_ticket_clips,
        *again_clips,
        c.TH_AT_COUNTER,
        *_thai_counter_clips(counter),
        c.TH_PARTICLE,
    )

    ticket_en = " ".join(en_ticket)
    if recall:
        en = f"Calling again, number {ticket_en}, please go to counter {en_number}"
        lead: tuple[str, ...] = (c.EN_CALLING_AGAIN, c.EN_NUMBER)
    else:
        en = f"Number {ticket_en}, please go to counter {en_number}"
        lead = (c.EN_NUMBER,)
    en_clips = (*lead, *en_ticket_clips, c.EN_GO_TO_COUNTER, *_english_counter_clips(counter))
    return Announcement(th=th, en=en, th_clips=th_clips, en_clips=tuple(en_clips))


def announce_short(code: str, counter: int) -> Announcement:
    """The Thai-only form for when calls pile up: "เอ ศูนย์ ศูนย์ หนึ่ง ช่อง สาม"."""
    letters, digits = parse_code(code)
    _check_counter(counter)
    th_ticket, th_ticket_clips = _thai_ticket(letters, digits)
    th = " ".join([*th_ticket, "ช่อง", thai_number_words(counter)])
    th_clips = (*th_ticket_clips, c.TH_COUNTER_SHORT, *_thai_counter_clips(counter))
    return Announcement(th=th, en="", th_clips=th_clips, en_clips=())
