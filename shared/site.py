"""The site configuration: typed, loaded from TOML and validated with messages that
name the file, the key and what is wrong."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from shared.domain.errors import PrinterError, SiteFileError
from shared.domain.model import OpeningHours
from shared.printer_spec import PAPER_DOTS, parse_printer_spec
from shared.site_model import (
    DEFAULT_SITE,
    CounterConfig,
    DisplayConfig,
    KioskConfig,
    PrinterConfig,
    ServiceConfig,
    SiteConfig,
    VoiceConfig,
    WebConfig,
)
from shared.site_rules import check_keys, is_invisible, unsafe_character

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_SERVICE_CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,15}$")
# Cabinet resolution: citizens bring their ID card only; no service may ask for copies.
_ASKS_FOR_COPIES = re.compile(r"สำเนา|photo\s*-?\s*cop|\bcop(y|ies)\s+of\b", re.IGNORECASE)




def load_site_file(path: Path) -> SiteConfig:
    """Read and validate a site TOML file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SiteFileError(
            f"{path}: ไม่พบไฟล์ตั้งค่าศูนย์บริการ", f"{path}: site file not found"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteFileError(
            f"{path}: อ่านไฟล์ตั้งค่าไม่ได้ ({exc})", f"{path}: cannot read site file ({exc})"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise SiteFileError(
            f"{path}: รูปแบบ TOML ไม่ถูกต้อง ({exc})", f"{path}: not valid TOML ({exc})"
        ) from None
    check_keys(data, str(path))
    return site_from_mapping(data, str(path), strict=True)


def site_from_mapping(data: Mapping[str, Any], source: str, *, strict: bool = False) -> SiteConfig:
    """Validate a parsed site mapping (from TOML, or as stored in the database).

    `strict` (a file being loaded): also refuse control and bidi characters, an empty
    `days` and an unknown printer spec. A site stored by an older version is read as it
    was accepted then, so the apps never stop over a rule added later."""
    return _Reader(source, strict).site(data)


class _Reader:
    """Typed reads that raise SiteFileError naming source, key and problem."""

    def __init__(self, source: str, strict: bool = False) -> None:
        self.source = source
        self.strict = strict

    def fail(self, key: str, problem_th: str, problem_en: str) -> SiteFileError:
        return SiteFileError(
            f"{self.source}: {key}: {problem_th}", f"{self.source}: {key}: {problem_en}"
        )

    def table(self, data: Mapping[str, Any], key: str, name: str) -> Mapping[str, Any]:
        value = data.get(name, {})
        if not isinstance(value, Mapping):
            raise self.fail(key, "ต้องเป็นตาราง (table)", "must be a table")
        return value

    def text(self, data: Mapping[str, Any], key: str, name: str, default: str | None = None) -> str:
        if name not in data:
            if default is None:
                raise self.fail(f"{key}{name}", "จำเป็นต้องระบุ", "is required")
            return default
        value = data[name]
        if not isinstance(value, str):
            raise self.fail(f"{key}{name}", "ต้องเป็นข้อความ", "must be text")
        if default is None and not value.strip():
            raise self.fail(f"{key}{name}", "ต้องไม่เว้นว่าง", "must not be empty")
        self.safe(value, f"{key}{name}")
        return value.strip()

    def safe(self, value: str, key: str) -> None:
        if self.strict and value and is_invisible(value) and not value.isspace():
            raise self.fail(
                key,
                "มีแต่อักขระที่มองไม่เห็น (เช่น zero-width space) จะกลายเป็นปุ่มหรือข้อความว่างเปล่า "
                "กรุณาเขียนข้อความที่อ่านได้",
                "holds only invisible characters (such as zero-width spaces): it would "
                "show as a blank button or label; write visible text",
            )
        problem = unsafe_character(value) if self.strict else None
        if problem is not None:
            raise self.fail(
                key,
                f"มีอักขระควบคุมหรืออักขระสลับทิศทาง ({problem}) กรุณาลบออก",
                f"contains {problem}; remove it (it can hide or reorder text on screens)",
            )

    def integer(
        self, data: Mapping[str, Any], key: str, name: str, default: int, lo: int, hi: int
    ) -> int:
        value = data.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise self.fail(
                f"{key}{name}",
                f"ต้องเป็นจำนวนเต็ม {lo} ถึง {hi} (ได้ {value!r})",
                f"must be a whole number from {lo} to {hi}, got {value!r}",
            )
        return value

    def flag(self, data: Mapping[str, Any], key: str, name: str, default: bool) -> bool:
        value = data.get(name, default)
        if not isinstance(value, bool):
            raise self.fail(f"{key}{name}", "ต้องเป็น true หรือ false", "must be true or false")
        return value

    def texts(self, data: Mapping[str, Any], key: str, name: str) -> tuple[str, ...]:
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{key}{name}", "ต้องเป็นรายการข้อความ", "must be a list of text")
        for index, text in enumerate(value):
            self.safe(text, f"{key}{name}[{index}]")
        return tuple(v.strip() for v in value if v.strip())

    def documents(self, data: Mapping[str, Any], key: str, name: str) -> tuple[str, ...]:
        documents = self.texts(data, key, name)
        for index, text in enumerate(documents):
            if _ASKS_FOR_COPIES.search(text):
                raise self.fail(
                    f"{key}{name}[{index}]",
                    f"ขอสำเนาเอกสาร ({text!r}) ตามมติคณะรัฐมนตรี ประชาชนใช้บัตรประจำตัวประชาชนเพียงใบเดียว "
                    "ไม่ต้องใช้สำเนา กรุณาระบุเอกสารตัวจริงแทน",
                    f"asks for a photocopy ({text!r}); citizens bring only their ID card "
                    "(cabinet resolution), so list the original document instead",
                )
        return documents

    def site(self, data: Mapping[str, Any]) -> SiteConfig:
        site = self.table(data, "site", "site")
        timezone = self.text(site, "site.", "timezone", "Asia/Bangkok")
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise self.fail(
                "site.timezone", f"ไม่รู้จักเขตเวลา {timezone!r}", f"unknown time zone {timezone!r}"
            ) from None
        services = self.services(data.get("services", []))
        codes = {s.code for s in services}
        counters = self.counters(data.get("counters", []), codes)
        printer = self.table(data, "printer", "printer")
        display = self.table(data, "display", "display")
        voice = self.table(data, "voice", "voice")
        kiosk = self.table(data, "kiosk", "kiosk")
        web = self.table(data, "web", "web")
        engine = self.text(voice, "voice.", "engine", "auto")
        if engine not in ("auto", "voicepack", "tts", "chime", "off"):
            raise self.fail(
                "voice.engine",
                f"ต้องเป็น auto, voicepack, tts, chime หรือ off (ได้ {engine!r})",
                f"must be auto, voicepack, tts, chime or off, got {engine!r}",
            )
        paper_mm = self.integer(printer, "printer.", "paper_mm", 80, 58, 80)
        if paper_mm not in PAPER_DOTS:
            raise self.fail("printer.paper_mm", "ต้องเป็น 58 หรือ 80", "must be 58 or 80")
        volume = voice.get("volume", 1.0)
        if not isinstance(volume, int | float) or not 0 <= volume <= 1:
            raise self.fail("voice.volume", "ต้องอยู่ระหว่าง 0.0 ถึง 1.0", "must be from 0.0 to 1.0")
        guidance_volume = kiosk.get("guidance_volume", 1.0)
        if (
            isinstance(guidance_volume, bool)
            or not isinstance(guidance_volume, int | float)
            or not 0 <= guidance_volume <= 1
        ):
            raise self.fail(
                "kiosk.guidance_volume", "ต้องอยู่ระหว่าง 0.0 ถึง 1.0", "must be from 0.0 to 1.0"
            )
        return SiteConfig(
            name_th=self.text(site, "site.", "name_th"),
            name_en=self.text(site, "site.", "name_en"),
            timezone=timezone,
            status_base_url=self.text(
                site, "site.", "status_base_url", DEFAULT_SITE.status_base_url
            ),
            priority_fairness=self.integer(site, "site.", "priority_fairness", 3, 0, 100),
            checkin_early_minutes=self.integer(site, "site.", "checkin_early_minutes", 30, 0, 720),
            checkin_late_minutes=self.integer(site, "site.", "checkin_late_minutes", 15, 0, 720),
            services=services,
            counters=counters,
            printer=PrinterConfig(
                spec=self.printer_spec(printer),
                paper_mm=paper_mm,
                spool_dir=self.text(printer, "printer.", "spool_dir", ""),
            ),
            display=DisplayConfig(
                ticker_th=self.text(display, "display.", "ticker_th", ""),
                ticker_en=self.text(display, "display.", "ticker_en", ""),
                recent_calls=self.integer(display, "display.", "recent_calls", 6, 0, 20),
                flash_seconds=self.integer(display, "display.", "flash_seconds", 6, 0, 60),
            ),
            voice=VoiceConfig(
                engine=engine,
                voicepack=self.text(voice, "voice.", "voicepack", ""),
                english=self.flag(voice, "voice.", "english", True),
                volume=float(volume),
            ),
            kiosk=KioskConfig(
                idle_seconds=self.integer(kiosk, "kiosk.", "idle_seconds", 30, 5, 3600),
                card_reader=self.text(kiosk, "kiosk.", "card_reader", "auto") or "auto",
                guidance_volume=float(guidance_volume),
            ),
            web=WebConfig(near_turn_ahead=self.integer(web, "web.", "near_turn_ahead", 3, 0, 50)),
            raw=dict(data),
        )

    def printer_spec(self, printer: Mapping[str, Any]) -> str:
        """The printer SPEC, checked now (an unknown one failed only when printing)."""
        spec = self.text(printer, "printer.", "spec", "preview") or "preview"
        if not self.strict:
            return spec
        try:
            parse_printer_spec(spec)
        except PrinterError as exc:
            raise self.fail("printer.spec", exc.message_th, exc.message_en) from None
        return spec

    def services(self, items: Any) -> tuple[ServiceConfig, ...]:
        if not isinstance(items, list) or not items:
            raise self.fail(
                "services",
                "ต้องมีบริการอย่างน้อยหนึ่งรายการ",
                "at least one [[services]] entry is required",
            )
        result: list[ServiceConfig] = []
        seen_codes: set[str] = set()
        seen_prefixes: dict[str, str] = {}
        for index, item in enumerate(items):
            key = f"services[{index}]."
            if not isinstance(item, Mapping):
                raise self.fail(f"services[{index}]", "ต้องเป็นตาราง (table)", "must be a table")
            code = self.text(item, key, "code").upper()
            if not _SERVICE_CODE.match(code):
                raise self.fail(
                    f"{key}code",
                    f"ต้องเป็นอักษรละตินหรือตัวเลข ขึ้นต้นด้วยอักษร (ได้ {code!r})",
                    f"must be letters/digits starting with a letter, got {code!r}",
                )
            if code in seen_codes:
                raise self.fail(f"{key}code", f"รหัส {code} ซ้ำ", f"{code} is listed twice")
            seen_codes.add(code)
            prefix = self.text(item, key, "prefix").upper()
            if not re.fullmatch(r"[A-Z]{1,2}", prefix):
                raise self.fail(
                    f"{key}prefix",
                    f"ต้องเป็นอักษรละติน 1-2 ตัว (ได้ {prefix!r})",
                    f"must be one or two Latin letters, got {prefix!r}",
                )
            active = self.flag(item, key, "active", True)
            if active and prefix in seen_prefixes:
                raise self.fail(
                    f"{key}prefix",
                    f"อักษร {prefix} ซ้ำกับบริการ {seen_prefixes[prefix]}",
                    f"{prefix} is already used by {seen_prefixes[prefix]}",
                )
            if active:
                seen_prefixes[prefix] = code
            result.append(
                ServiceConfig(
                    code=code,
                    prefix=prefix,
                    name_th=self.text(item, key, "name_th"),
                    name_en=self.text(item, key, "name_en"),
                    agency_th=self.text(item, key, "agency_th", ""),
                    agency_en=self.text(item, key, "agency_en", ""),
                    documents_th=self.documents(item, key, "documents_th"),
                    documents_en=self.documents(item, key, "documents_en"),
                    processing_minutes=self.integer(item, key, "processing_minutes", 10, 1, 480),
                    fee_th=self.text(item, key, "fee_th", ServiceConfig.fee_th),
                    fee_en=self.text(item, key, "fee_en", ServiceConfig.fee_en),
                    where_th=self.text(item, key, "where_th", ""),
                    where_en=self.text(item, key, "where_en", ""),
                    hours=self.hours(item.get("hours", []), f"{key}hours"),
                    active=active,
                    booking_per_slot=self.integer(item, key, "booking_per_slot", 0, 0, 500),
                    booking_slot_minutes=self.integer(item, key, "booking_slot_minutes", 15, 5, 480),
                    booking_days_ahead=self.integer(item, key, "booking_days_ahead", 14, 0, 366),
                )
            )
        return tuple(result)

    def hours(self, items: Any, key: str) -> tuple[OpeningHours, ...]:
        if not isinstance(items, list):
            raise self.fail(key, "ต้องเป็นรายการเวลาทำการ", "must be a list of {days, open, close}")
        windows: list[OpeningHours] = []
        for index, item in enumerate(items):
            item_key = f"{key}[{index}]."
            if not isinstance(item, Mapping):
                raise self.fail(f"{key}[{index}]", "ต้องเป็นตาราง (table)", "must be a table")
            opens = self.text(item, item_key, "open")
            closes = self.text(item, item_key, "close")
            for name, value in (("open", opens), ("close", closes)):
                if not _HHMM.match(value):
                    raise self.fail(
                        f"{item_key}{name}",
                        f"ต้องเป็นเวลา HH:MM (ได้ {value!r})",
                        f"must be HH:MM (24-hour), got {value!r}",
                    )
            if closes <= opens:
                raise self.fail(f"{item_key}close", "เวลาปิดต้องหลังเวลาเปิด", "must be after open")
            windows.append(
                OpeningHours(
                    days=self.days(item.get("days", "mon-sun"), f"{item_key}days"),
                    opens=opens,
                    closes=closes,
                )
            )
        return tuple(windows)

    def days(self, value: Any, key: str) -> tuple[int, ...]:
        """'mon-fri', 'sat,sun' or a list of day names → weekday numbers (0 = Monday)."""
        parts = value if isinstance(value, list) else str(value).split(",")
        if self.strict and not [p for p in parts if str(p).strip()]:
            raise self.fail(
                key,
                "ไม่ได้ระบุวัน (รายการว่างจะทำให้บริการปิดตลอดไป ใช้ เช่น 'mon-fri' "
                "หรือ active = false เพื่อซ่อนบริการ)",
                "names no day (an empty list would close the service for good; "
                "use e.g. 'mon-fri', or active = false to hide the service)",
            )
        days: set[int] = set()
        for part in parts:
            part = str(part).strip().lower()
            first, _, last = part.partition("-")
            if first not in DAY_NAMES or (last and last not in DAY_NAMES):
                raise self.fail(
                    key,
                    f"ไม่รู้จักวัน {part!r} (ใช้ mon..sun เช่น 'mon-fri')",
                    f"unknown day {part!r} (use mon..sun, e.g. 'mon-fri')",
                )
            start = DAY_NAMES.index(first)
            end = DAY_NAMES.index(last) if last else start
            days.update(
                range(start, end + 1) if start <= end else [*range(start, 7), *range(end + 1)]
            )
        return tuple(sorted(days))

    def counters(self, items: Any, service_codes: set[str]) -> tuple[CounterConfig, ...]:
        if not isinstance(items, list) or not items:
            raise self.fail(
                "counters",
                "ต้องมีช่องบริการอย่างน้อยหนึ่งช่อง",
                "at least one [[counters]] entry is required",
            )
        result: list[CounterConfig] = []
        seen: set[int] = set()
        for index, item in enumerate(items):
            key = f"counters[{index}]."
            if not isinstance(item, Mapping):
                raise self.fail(f"counters[{index}]", "ต้องเป็นตาราง (table)", "must be a table")
            number = self.integer(item, key, "number", 0, 1, 999)
            if number in seen:
                raise self.fail(
                    f"{key}number", f"ช่อง {number} ซ้ำ", f"counter {number} is listed twice"
                )
            seen.add(number)
            services = tuple(s.upper() for s in self.texts(item, key, "services"))
            if not services:
                raise self.fail(
                    f"{key}services",
                    "ต้องระบุบริการอย่างน้อยหนึ่งรายการ",
                    "must name at least one service",
                )
            for position, code in enumerate(services):
                if code in services[:position]:
                    raise self.fail(
                        f"{key}services",
                        f"ระบุบริการ {code} ซ้ำ",
                        f"lists {code} twice",
                    )
                if code not in service_codes:
                    raise self.fail(
                        f"{key}services", f"ไม่รู้จักบริการ {code!r}", f"unknown service {code!r}"
                    )
            result.append(
                CounterConfig(
                    number=number,
                    services=services,
                    name_th=self.text(item, key, "name_th", f"ช่องบริการ {number}"),
                    name_en=self.text(item, key, "name_en", f"Counter {number}"),
                )
            )
        return tuple(result)
