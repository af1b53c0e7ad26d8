"""Changes to the site from the admin pages, as edits of the site file's content: each
returns the whole site validated exactly as a loaded file is (same rules, same
messages), ready for `Store.change_site`, which adds the checks against today's
tickets (a letter used today, a counter serving a ticket)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from shared.domain.errors import SiteFileError
from shared.domain.model import OpeningHours
from shared.site import SiteConfig, site_from_mapping
from shared.site_export import days_text, site_to_mapping
from shared.site_rules import check_keys

# What messages name as the place of a mistake (a file's path when a file is loaded).
SOURCE = "site"

SiteEdit = Callable[[SiteConfig], SiteConfig]


def _edited(site: SiteConfig, change: Callable[[dict[str, Any]], None]) -> SiteConfig:
    mapping = site_to_mapping(site)
    change(mapping)
    check_keys(mapping, SOURCE)
    return site_from_mapping(mapping, SOURCE, strict=True)


def add_service(fields: Mapping[str, Any]) -> SiteEdit:
    """A new service, last in order (a code already in the site is refused as a file
    listing it twice is)."""

    def change(mapping: dict[str, Any]) -> None:
        mapping["services"].append(dict(fields))

    return lambda site: _edited(site, change)


def edit_service(code: str, fields: Mapping[str, Any]) -> SiteEdit:
    """Change a service's fields (its code stays: the history is kept under it)."""

    def change(mapping: dict[str, Any]) -> None:
        services: list[dict[str, Any]] = mapping["services"]
        index = _index(services, "code", code)
        services[index] = {**services[index], **fields, "code": code}

    return lambda site: _edited(site, change)


def move_service(code: str, steps: int) -> SiteEdit:
    """Move a service up (negative) or down the kiosk's and web page's order."""

    def change(mapping: dict[str, Any]) -> None:
        services: list[dict[str, Any]] = mapping["services"]
        index = _index(services, "code", code)
        target = max(0, min(len(services) - 1, index + steps))
        services.insert(target, services.pop(index))

    return lambda site: _edited(site, change)


def add_counter(fields: Mapping[str, Any]) -> SiteEdit:
    """A new counter, placed in number order (a number in use is refused)."""

    def change(mapping: dict[str, Any]) -> None:
        counters: list[dict[str, Any]] = mapping["counters"]
        later = [i for i, c in enumerate(counters) if _before(fields.get("number"), c["number"])]
        counters.insert(later[0] if later else len(counters), dict(fields))

    return lambda site: _edited(site, change)


def edit_counter(number: int, fields: Mapping[str, Any]) -> SiteEdit:
    """Change a counter's names or the services it serves, in order."""

    def change(mapping: dict[str, Any]) -> None:
        counters: list[dict[str, Any]] = mapping["counters"]
        index = _index(counters, "number", number)
        counters[index] = {**counters[index], **fields, "number": number}

    return lambda site: _edited(site, change)


def retire_counter(number: int) -> SiteEdit:
    """Take a counter away (its history stays; refused while it serves a ticket)."""

    def change(mapping: dict[str, Any]) -> None:
        counters: list[dict[str, Any]] = mapping["counters"]
        counters.pop(_index(counters, "number", number))

    return lambda site: _edited(site, change)


def put_display(display: Mapping[str, Any], voice: Mapping[str, Any]) -> SiteEdit:
    """The hall display's ticker, recent calls and flash time, and the voice settings."""
    return put_sections({"display": display, "voice": voice})


def put_sections(sections: Mapping[str, Mapping[str, Any]]) -> SiteEdit:
    """Settings of the site file's sections by name (`site`, `display`, `voice`, `web`),
    changed together; keys not given keep their values."""

    def change(mapping: dict[str, Any]) -> None:
        for name, values in sections.items():
            mapping[name].update(values)

    return lambda site: _edited(site, change)


def _before(number: Any, other: int) -> bool:
    # A number typed wrongly goes last; validation then names it.
    return isinstance(number, int) and not isinstance(number, bool) and number < other


def _index(items: list[dict[str, Any]], key: str, value: Any) -> int:
    for index, item in enumerate(items):
        if item[key] == value:
            return index
    raise SiteFileError(
        f"{SOURCE}: ไม่พบ {value!r} (อาจถูกนำออกไปแล้ว)",
        f"{SOURCE}: {value!r} is not in the site (it may have been taken away)",
    )


def hours_text(site_hours: tuple[OpeningHours, ...]) -> str:
    """Opening hours as the admin page edits them: one window a line, 'mon-fri 08:30-16:30'."""
    return "\n".join(f"{days_text(h.days)} {h.opens}-{h.closes}" for h in site_hours)


def hours_from_text(text: str) -> list[dict[str, str]]:
    """The lines of `hours_text` as the site file's `hours` (checked by validation: a
    line it cannot read comes back with the file's message for that window)."""
    windows = []
    for line in text.splitlines():
        if not line.strip():
            continue
        days, _, times = line.strip().rpartition(" ")
        opens, _, closes = times.partition("-")
        windows.append(
            {"days": days.strip() or "mon-sun", "open": opens.strip(), "close": closes.strip()}
        )
    return windows


def codes_from_text(text: str) -> list[str]:
    """'DL, sso' → ['DL', 'SSO']: the services a counter serves, in order."""
    return [code.strip().upper() for code in text.split(",") if code.strip()]
