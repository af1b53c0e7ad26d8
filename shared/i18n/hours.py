"""A service's opening hours as text ('ทุกวัน 10:00–19:00 น.' / 'Every day 10:00–19:00'):
the kiosk's service page and the command line's refusal of a closed service."""

from __future__ import annotations

from shared.domain.model import OpeningHours
from shared.i18n import glossary

_DAYS_TH = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")
_DAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _days(days: tuple[int, ...], lang: str) -> str:
    names = _DAYS_TH if lang == "th" else _DAYS_EN
    ordered = sorted(set(days))
    if len(ordered) == 7:
        return "ทุกวัน" if lang == "th" else "Every day"
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{names[ordered[0]]}–{names[ordered[-1]]}"
    return ", ".join(names[d] for d in ordered)


def hours_text(hours: tuple[OpeningHours, ...], lang: str) -> str:
    """'ทุกวัน 10:00–19:00 น.' / 'Every day 10:00–19:00'; one line per window; `lang` is
    "th" or "en"."""
    if not hours:
        return glossary.ALWAYS_OPEN.pick(lang)
    suffix = " น." if lang == "th" else ""
    return "\n".join(f"{_days(h.days, lang)} {h.opens}–{h.closes}{suffix}" for h in hours)
