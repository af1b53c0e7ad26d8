"""Numbers, digits and Latin letters spelled out in Thai and English words (pure, no Qt)."""

from __future__ import annotations

THAI_DIGITS: tuple[str, ...] = (
    "ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า",
)  # fmt: skip

# Place names inside one million: units, สิบ, ร้อย, พัน, หมื่น, แสน.
THAI_PLACES: tuple[str, ...] = ("", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน")
THAI_MILLION = "ล้าน"
THAI_TWENTY_PREFIX = "ยี่"  # 2 in the tens place: ยี่สิบ, not สองสิบ
THAI_TRAILING_ONE = "เอ็ด"  # 1 in the units place of a longer number: สิบเอ็ด, ร้อยเอ็ด

# How Thai queue systems (and Thai speakers) name Latin letters.
THAI_LETTER_NAMES: dict[str, str] = {
    "A": "เอ", "B": "บี", "C": "ซี", "D": "ดี", "E": "อี", "F": "เอฟ", "G": "จี",
    "H": "เอช", "I": "ไอ", "J": "เจ", "K": "เค", "L": "แอล", "M": "เอ็ม", "N": "เอ็น",
    "O": "โอ", "P": "พี", "Q": "คิว", "R": "อาร์", "S": "เอส", "T": "ที", "U": "ยู",
    "V": "วี", "W": "ดับเบิลยู", "X": "เอ็กซ์", "Y": "วาย", "Z": "แซด",
}  # fmt: skip

ENGLISH_DIGITS: tuple[str, ...] = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
)  # fmt: skip
ENGLISH_TEENS: tuple[str, ...] = (
    "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
ENGLISH_TENS: tuple[str, ...] = (
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
)  # fmt: skip
ENGLISH_SCALES: tuple[tuple[int, str], ...] = ((1_000_000, "million"), (1_000, "thousand"))


def _check_count(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"expected a non-negative integer, got {n!r}")


def thai_number_parts(n: int) -> list[str]:
    """The words of `n` in Thai, in order (e.g. 21 -> ["ยี่", "สิบ", "เอ็ด"]).

    The parts are what a voice pack concatenates; `"".join(parts)` is the written form.
    """
    _check_count(n)
    if n == 0:
        return [THAI_DIGITS[0]]
    return _thai_parts(n, has_higher=False)


def _thai_parts(n: int, *, has_higher: bool) -> list[str]:
    # Above a million the count of millions is itself read as a number (recursively):
    # 21,000,000 = ยี่สิบเอ็ดล้าน.
    millions, rest = divmod(n, 1_000_000)
    parts: list[str] = []
    if millions:
        parts += _thai_parts(millions, has_higher=has_higher)
        parts.append(THAI_MILLION)
    if rest:
        parts += _thai_below_million(rest, has_higher=has_higher or millions > 0)
    return parts


def _thai_below_million(n: int, *, has_higher: bool) -> list[str]:
    digits = [int(ch) for ch in str(n)]
    parts: list[str] = []
    for index, digit in enumerate(digits):
        place = len(digits) - 1 - index
        if digit == 0:
            continue
        if place == 0:
            # เอ็ด only when something precedes it: 1 is หนึ่ง, 11 is สิบเอ็ด, 101 is ร้อยเอ็ด.
            trailing_one = digit == 1 and (len(digits) > 1 or has_higher)
            parts.append(THAI_TRAILING_ONE if trailing_one else THAI_DIGITS[digit])
        elif place == 1:
            if digit == 2:
                parts.append(THAI_TWENTY_PREFIX)
            elif digit != 1:  # สิบ, never หนึ่งสิบ
                parts.append(THAI_DIGITS[digit])
            parts.append(THAI_PLACES[1])
        else:
            parts += [THAI_DIGITS[digit], THAI_PLACES[place]]
    return parts


def thai_number_words(n: int) -> str:
    """`n` in Thai words: 0 -> ศูนย์, 11 -> สิบเอ็ด, 20 -> ยี่สิบ, 101 -> หนึ่งร้อยเอ็ด."""
    return "".join(thai_number_parts(n))


def _check_digits(s: str) -> None:
    # ASCII only: str.isdigit() would also accept Thai (๑) and other script digits.
    if not s or any(ch not in "0123456789" for ch in s):
        raise ValueError(f"expected ASCII digits, got {s!r}")


def thai_digit_names(s: str) -> tuple[str, ...]:
    """Each digit of `s` named in Thai: "001" -> ("ศูนย์", "ศูนย์", "หนึ่ง")."""
    _check_digits(s)
    return tuple(THAI_DIGITS[int(ch)] for ch in s)


def english_digit_names(s: str) -> tuple[str, ...]:
    """Each digit of `s` named in English: "001" -> ("zero", "zero", "one")."""
    _check_digits(s)
    return tuple(ENGLISH_DIGITS[int(ch)] for ch in s)


def thai_letter_name(letter: str) -> str:
    """The Thai name of a Latin letter, either case: "a" -> เอ, "W" -> ดับเบิลยู."""
    name = THAI_LETTER_NAMES.get(letter.upper()) if len(letter) == 1 else None
    if name is None:
        raise ValueError(f"expected one Latin letter A-Z, got {letter!r}")
    return name


def english_number_parts(n: int) -> list[str]:
    """The words of `n` in English: 21 -> ["twenty", "one"], 101 -> ["one", "hundred", "and", "one"]."""
    _check_count(n)
    if n == 0:
        return [ENGLISH_DIGITS[0]]
    parts: list[str] = []
    for scale, name in ENGLISH_SCALES:
        count, n = divmod(n, scale)
        if count:
            parts += [*english_number_parts(count), name]
    if n:
        # British usage ("one hundred and one"), also what Thai schools teach.
        parts += _english_below_thousand(n, joined=bool(parts))
    return parts


def _english_below_thousand(n: int, *, joined: bool) -> list[str]:
    hundreds, rest = divmod(n, 100)
    parts: list[str] = []
    if hundreds:
        parts += [ENGLISH_DIGITS[hundreds], "hundred"]
    if rest and (hundreds or joined):
        parts.append("and")
    if rest >= 20:
        tens, units = divmod(rest, 10)
        parts.append(ENGLISH_TENS[tens])
        if units:
            parts.append(ENGLISH_DIGITS[units])
    elif rest >= 10:
        parts.append(ENGLISH_TEENS[rest - 10])
    elif rest:
        parts.append(ENGLISH_DIGITS[rest])
    return parts


def english_number_words(n: int) -> str:
    """`n` in English words: 11 -> eleven, 21 -> twenty-one, 100 -> one hundred."""
    out: list[str] = []
    for part in english_number_parts(n):
        # Hyphenate the units after a tens word: twenty-one.
        if out and part in ENGLISH_DIGITS[1:] and out[-1] in ENGLISH_TENS[2:]:
            out[-1] = f"{out[-1]}-{part}"
        else:
            out.append(part)
    return " ".join(out)
