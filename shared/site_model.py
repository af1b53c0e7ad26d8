"""The site's settings as typed values: what a site file says, once read and checked
(`shared/site.py` reads and checks it; `site_export.py` writes it back)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from shared.domain.model import OpeningHours
from shared.printer_spec import PAPER_DOTS


@dataclass(frozen=True)
class ServiceConfig:
    """A service and its citizen manual as written in the site file."""

    code: str
    prefix: str
    name_th: str
    name_en: str
    agency_th: str = ""
    agency_en: str = ""
    documents_th: tuple[str, ...] = ()
    documents_en: tuple[str, ...] = ()
    processing_minutes: int = 10
    fee_th: str = "ไม่มีค่าธรรมเนียม"
    fee_en: str = "Free of charge"
    where_th: str = ""
    where_en: str = ""
    hours: tuple[OpeningHours, ...] = ()
    active: bool = True
    # Booking ahead: places per slot (0: no bookings), slot length, days ahead.
    booking_per_slot: int = 0
    booking_slot_minutes: int = 15
    booking_days_ahead: int = 14


@dataclass(frozen=True)
class CounterConfig:
    """A counter and the services it serves, in order."""

    number: int
    services: tuple[str, ...]
    name_th: str = ""
    name_en: str = ""


@dataclass(frozen=True)
class PrinterConfig:
    """The kiosk's ticket printer: a contract SPEC string and the paper width."""

    spec: str = "preview"
    paper_mm: int = 80
    spool_dir: str = ""

    @property
    def width_dots(self) -> int:
        return PAPER_DOTS[self.paper_mm]


@dataclass(frozen=True)
class DisplayConfig:
    """What the hall display shows besides the calls."""

    ticker_th: str = ""
    ticker_en: str = ""
    recent_calls: int = 6
    flash_seconds: int = 6


@dataclass(frozen=True)
class VoiceConfig:
    """How calls are announced: engine chain, voice-pack folder, English after Thai."""

    engine: str = "auto"
    voicepack: str = ""
    english: bool = True
    volume: float = 1.0


@dataclass(frozen=True)
class KioskConfig:
    """Kiosk behaviour."""

    idle_seconds: int = 30
    card_reader: str = "auto"  # the ID card reader: auto (any), off, or a reader's name
    guidance_volume: float = 1.0  # 0.0-1.0: the "Listen" button's spoken guidance


@dataclass(frozen=True)
class WebConfig:
    """The citizens' web pages: the phone page alerts when this many or fewer are ahead."""

    near_turn_ahead: int = 3


@dataclass(frozen=True)
class SiteConfig:
    """Everything a site file says; stored in the database so every app sees the same."""

    name_th: str
    name_en: str
    timezone: str = "Asia/Bangkok"
    status_base_url: str = "https://khiu.example.go.th/t/"
    priority_fairness: int = 3
    # A booking checks in from this long before its slot's start to this long after it.
    checkin_early_minutes: int = 30
    checkin_late_minutes: int = 15
    services: tuple[ServiceConfig, ...] = ()
    counters: tuple[CounterConfig, ...] = ()
    printer: PrinterConfig = field(default_factory=PrinterConfig)
    display: DisplayConfig = field(default_factory=DisplayConfig)
    voice: VoiceConfig = field(default_factory=VoiceConfig)
    kiosk: KioskConfig = field(default_factory=KioskConfig)
    web: WebConfig = field(default_factory=WebConfig)
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def status_url(self, token: str) -> str:
        return self.status_base_url + token


DEFAULT_SITE = SiteConfig(name_th="ศูนย์บริการ", name_en="Service Centre")
