"""The site as a site file again: a validated `SiteConfig` back to the mapping a TOML
file holds, and that mapping as TOML text (`khiu site export`).

Every key is written, defaults included, in the order the README documents them, so
the file is complete to read and loads back to the same site (export → `khiu init
--site` → export gives the same text)."""

from __future__ import annotations

from typing import Any

import tomli_w

from shared.site import DAY_NAMES, SiteConfig

HEADER = (
    "# Khiu site file, written by `khiu site export`.\n"
    "# Load it with: khiu init --site FILE.toml\n\n"
)


def days_text(days: tuple[int, ...]) -> str:
    """Weekday numbers (0 = Monday) as the file writes them: 'mon-fri', 'mon,wed,sat-sun'."""
    runs: list[list[int]] = []
    for day in sorted(set(days)):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(
        DAY_NAMES[run[0]] if len(run) == 1 else f"{DAY_NAMES[run[0]]}-{DAY_NAMES[run[-1]]}"
        for run in runs
    )


def site_to_mapping(site: SiteConfig) -> dict[str, Any]:
    """The site file's content for `site` (what `site_from_mapping` reads back)."""
    return {
        "site": {
            "name_th": site.name_th,
            "name_en": site.name_en,
            "timezone": site.timezone,
            "status_base_url": site.status_base_url,
            "priority_fairness": site.priority_fairness,
            "checkin_early_minutes": site.checkin_early_minutes,
            "checkin_late_minutes": site.checkin_late_minutes,
        },
        "printer": {
            "spec": site.printer.spec,
            "paper_mm": site.printer.paper_mm,
            "spool_dir": site.printer.spool_dir,
        },
        "display": {
            "ticker_th": site.display.ticker_th,
            "ticker_en": site.display.ticker_en,
            "recent_calls": site.display.recent_calls,
            "flash_seconds": site.display.flash_seconds,
        },
        "voice": {
            "engine": site.voice.engine,
            "voicepack": site.voice.voicepack,
            "english": site.voice.english,
            "volume": float(site.voice.volume),
        },
        "kiosk": {
            "idle_seconds": site.kiosk.idle_seconds,
            "card_reader": site.kiosk.card_reader,
            "guidance_volume": float(site.kiosk.guidance_volume),
        },
        "web": {"near_turn_ahead": site.web.near_turn_ahead},
        "services": [
            {
                "code": s.code,
                "prefix": s.prefix,
                "name_th": s.name_th,
                "name_en": s.name_en,
                "agency_th": s.agency_th,
                "agency_en": s.agency_en,
                "documents_th": list(s.documents_th),
                "documents_en": list(s.documents_en),
                "processing_minutes": s.processing_minutes,
                "fee_th": s.fee_th,
                "fee_en": s.fee_en,
                "where_th": s.where_th,
                "where_en": s.where_en,
                "active": s.active,
                "booking_per_slot": s.booking_per_slot,
                "booking_slot_minutes": s.booking_slot_minutes,
                "booking_days_ahead": s.booking_days_ahead,
                "hours": [
                    {"days": days_text(h.days), "open": h.opens, "close": h.closes}
                    for h in s.hours
                ],
            }
            for s in site.services
        ],
        "counters": [
            {
                "number": c.number,
                "name_th": c.name_th,
                "name_en": c.name_en,
                "services": list(c.services),
            }
            for c in site.counters
        ],
    }


def mapping_toml(mapping: dict[str, Any]) -> str:
    """A site mapping as the file's text (UTF-8 TOML; Thai written as it is)."""
    return HEADER + tomli_w.dumps(mapping)


def site_toml(site: SiteConfig) -> str:
    return mapping_toml(site_to_mapping(site))
