"""Extra checks on a site file: every key must be one Khiu knows (a misspelled key was
silently ignored, e.g. `procesing_minutes`), and no name or text may carry control
characters or bidirectional overrides (they reach the terminal, the screens and the
printed ticket, where they can hide or reorder what people read)."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Mapping
from typing import Any

from shared.domain.errors import SiteFileError

_SERVICE = {
    "code", "prefix", "name_th", "name_en", "agency_th", "agency_en", "documents_th",
    "documents_en", "processing_minutes", "fee_th", "fee_en", "where_th", "where_en",
    "hours", "active", "booking_per_slot", "booking_slot_minutes", "booking_days_ahead",
}
KNOWN_KEYS: dict[str, set[str]] = {
    "": {"site", "services", "counters", "printer", "display", "voice", "kiosk", "web"},
    "site": {
        "name_th", "name_en", "timezone", "status_base_url", "priority_fairness",
        "checkin_early_minutes", "checkin_late_minutes",
    },
    "services": _SERVICE,
    "services.hours": {"days", "open", "close"},
    "counters": {"number", "services", "name_th", "name_en"},
    "printer": {"spec", "paper_mm", "spool_dir"},
    "display": {"ticker_th", "ticker_en", "recent_calls", "flash_seconds"},
    "voice": {"engine", "voicepack", "english", "volume"},
    "kiosk": {"idle_seconds", "card_reader", "guidance_volume"},
    "web": {"near_turn_ahead"},
}

# Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder text.
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def _unknown(source: str, where: str, key: str, known: set[str]) -> SiteFileError:
    near = difflib.get_close_matches(key, sorted(known), n=1)
    hint_en = f"; did you mean {near[0]!r}?" if near else f" (known: {', '.join(sorted(known))})"
    hint_th = f" หมายถึง {near[0]!r} หรือไม่?" if near else f" (ที่ใช้ได้: {', '.join(sorted(known))})"
    label = f"{where}{key}"
    return SiteFileError(
        f"{source}: {label}: ไม่รู้จักคีย์นี้{hint_th}",
        f"{source}: {label}: unknown key{hint_en}",
    )


def check_keys(data: Mapping[str, Any], source: str) -> None:
    """Refuse keys Khiu does not know, naming the nearest known one."""

    def table(value: Any, kind: str, where: str) -> None:
        if not isinstance(value, Mapping):
            return  # the typed reads report wrong types
        known = KNOWN_KEYS[kind]
        for key in value:
            if key not in known:
                raise _unknown(source, where, key, known)

    table(data, "", "")
    for name in ("site", "printer", "display", "voice", "kiosk", "web"):
        table(data.get(name, {}), name, f"{name}.")
    for name in ("services", "counters"):
        items = data.get(name, [])
        if isinstance(items, list):
            for index, item in enumerate(items):
                table(item, name, f"{name}[{index}].")
                if name == "services" and isinstance(item, Mapping):
                    hours = item.get("hours", [])
                    if isinstance(hours, list):
                        for h, window in enumerate(hours):
                            table(window, "services.hours", f"services[{index}].hours[{h}].")


def unsafe_character(text: str) -> str | None:
    """A description of the first control or bidi-override character, or None."""
    for char in text:
        if char in _BIDI_CONTROLS:
            return f"a bidirectional control character (U+{ord(char):04X})"
        if unicodedata.category(char) == "Cc":
            return f"a control character (U+{ord(char):04X})"
    return None


# Letters and symbols by category that draw nothing (Hangul fillers, the blank braille
# pattern); format characters (category Cf: zero-width space and joiners, word joiner,
# soft hyphen, BOM…) and spaces draw nothing either.
_BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def is_invisible(text: str) -> bool:
    """True when `text` shows nothing at all on a screen or a ticket. A zero-width space
    between visible words is fine (Thai sites mark line-break points with it)."""
    return all(
        char.isspace() or char in _BLANK_GLYPHS or unicodedata.category(char) == "Cf"
        for char in text
    )
