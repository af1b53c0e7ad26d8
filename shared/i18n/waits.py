"""A wait as citizens are told it: a range of whole minutes, Thai first (the kiosk, the
printed ticket, the phone page and the command line say it the same way)."""

from __future__ import annotations

from shared.i18n.bilingual import Bilingual

SHORT_WAIT_MIN = 5  # a range that ends here or sooner is said as "less than 5 min"


def is_short(high: int) -> bool:
    """A range ending this soon is said as "less than 5 min"."""
    return high <= SHORT_WAIT_MIN


def wait_range(low: int, high: int) -> Bilingual:
    """'ประมาณ 10–20 นาที' / 'about 10–20 min'; 'ไม่ถึง 5 นาที' / 'less than 5 min'."""
    if is_short(high):
        return Bilingual(f"ไม่ถึง {SHORT_WAIT_MIN} นาที", f"less than {SHORT_WAIT_MIN} min")
    if low >= high:
        return Bilingual(f"ประมาณ {high} นาที", f"about {high} min")
    return Bilingual(f"ประมาณ {low}–{high} นาที", f"about {low}–{high} min")
