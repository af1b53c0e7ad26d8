"""Where a line of Thai may break: between words only, never inside a word or a compound a
Thai reader sees as one, a number kept with its unit, and the site's own marks honoured.

Thai is written without spaces between words, so a renderer must guess the words; Qt
(libthai) and Chromium (ICU) guess differently, and both split compounds such as
ไข้หวัดใหญ่ or ขับรถ. This module decides once, for every screen, page and ticket, with
PyThaiNLP's dictionary segmenter (pure Python, the same on Windows and Linux). Where it is
wrong for a name, the site file may carry explicit marks, which always win:
ZERO_WIDTH_SPACE (U+200B) is a break point, WORD_JOINER (U+2060) forbids a break.
The marks are break opportunities only: `plain` gives the text a reader sees and copies."""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache

ZERO_WIDTH_SPACE = "\u200b"
WORD_JOINER = "\u2060"
_MARKS = (ZERO_WIDTH_SPACE, WORD_JOINER)
# Characters that never begin a line (repetition and abbreviation marks, closing punctuation).
_NO_LINE_START = frozenset("ๆฯ)]}»”’,.:;!?%…")
_NO_LINE_END = frozenset("([{«“‘")


def warm_up_in_background() -> None:
    """Read the segmenter's dictionary (about half a second) on a thread of its own, so
    that an app's first Thai label is not laid out while the GUI thread waits for it.
    A label that comes first reads it itself; the dictionary is cached either way.

    Not a daemon: an app that quits at once waits for it (a second at most). A daemon
    thread still building the dictionary as the interpreter ends can run the garbage
    collector over a Qt object, and Python's ending of that thread through Qt's C++
    code aborts the process (seen on a loaded machine: "terminate called")."""
    threading.Thread(target=_tokenize, args=("ไทย",), name="khiu-thai-words").start()


def plain(text: str) -> str:
    """The text without the site's break marks: what is shown, copied and read aloud."""
    return text.replace(ZERO_WIDTH_SPACE, "").replace(WORD_JOINER, "")


def segments(text: str) -> list[str]:
    """The text cut at every place a line may break, marks removed; "".join gives `plain`.

    Spaces stay at the end of the segment they follow (a line ends with its space)."""
    chars, forced = _unmark(text)
    shown = "".join(chars)
    if not shown:
        return []
    words = _word_starts(shown)
    pieces: list[str] = []
    start = 0
    for at in range(1, len(shown)):
        if _may_break(shown, at, forced.get(at), at in words):
            pieces.append(shown[start:at])
            start = at
    pieces.append(shown[start:])
    return pieces


def after(text: str, shown: int) -> str:
    """What follows the first `shown` shown characters of `text`, its marks kept, spaces
    dropped from the front (the rest of a text once its first line is taken)."""
    for at, char in enumerate(text):
        if shown == 0:
            return text[at:].lstrip()
        if char not in _MARKS:
            shown -= 1
    return ""


def break_points(text: str) -> list[int]:
    """Offsets into `plain(text)` where a line may break (the segments' starts after the first)."""
    offsets: list[int] = []
    at = 0
    for piece in segments(text)[:-1]:
        at += len(piece)
        offsets.append(at)
    return offsets


def _unmark(text: str) -> tuple[list[str], dict[int, bool]]:
    """The shown characters and, per offset, the site's choice: True break, False join."""
    chars: list[str] = []
    forced: dict[int, bool] = {}
    for char in text:
        if char in _MARKS:
            forced[len(chars)] = char == ZERO_WIDTH_SPACE
        else:
            chars.append(char)
    # A joiner typed beside a space holds the whole space: lines break after spaces.
    for at, wanted in list(forced.items()):
        end = at
        while end < len(chars) and chars[end].isspace():
            end += 1
        if end != at:
            forced.setdefault(end, wanted)
    return chars, forced


def _may_break(text: str, at: int, forced: bool | None, word_start: bool) -> bool:
    before, after = text[at - 1], text[at]
    if forced is not None:
        return forced
    if after.isspace() or after in _NO_LINE_START or before in _NO_LINE_END:
        return False
    if before.isspace():
        return not _keeps_number_with_its_word(text, at)
    return word_start and _is_thai_letter(before) and _is_thai_letter(after)


def _keeps_number_with_its_word(text: str, at: int) -> bool:
    """A space beside a number never breaks: a number stays with its unit ("1 เดือน",
    "505 บาท"), and a number that ends the text with the word it numbers ("ช่องบริการ 3",
    "พระราม 9")."""
    end = at - 1
    while end > 0 and text[end].isspace():
        end -= 1
    if text[end].isdigit():
        return True
    rest = text[at:].split(maxsplit=1)
    return len(rest) == 1 and rest[0][0].isdigit()


def _is_thai_letter(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e7f" and not unicodedata.category(char).startswith("N")


def _word_starts(text: str) -> frozenset[int]:
    starts: set[int] = set()
    at = 0
    for word in _tokenize(text):
        starts.add(at)
        at += len(word)
    return frozenset(starts)


# Bounded: labels re-wrap on every resize, and live lines ("รอ 3 คิว") change all day.
@lru_cache(maxsize=2048)
def _tokenize(text: str) -> tuple[str, ...]:
    # Imported here: the segmenter reads its dictionary on first use, not at import.
    from pythainlp.tokenize import word_tokenize

    return tuple(word_tokenize(text, engine="newmm", keep_whitespace=True))
