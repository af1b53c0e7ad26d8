"""The kiosk's bilingual texts (Thai first) and the small phrases built from numbers."""

from __future__ import annotations

from shared.domain.model import OpeningHours

Lang = str  # "th" or "en"

TEXTS: dict[str, tuple[str, str]] = {
    "home_title": ("เลือกบริการที่ต้องการ", "Choose a service"),
    "home_hint": (
        "แตะที่บริการเพื่อดูเอกสารที่ต้องใช้และรับบัตรคิว",
        "Touch a service to see what to bring and take a ticket",
    ),
    "language": ("English", "ภาษาไทย"),
    "closed": ("ปิดให้บริการขณะนี้", "Closed now"),
    "back": ("‹ ย้อนกลับ", "‹ Back"),
    "documents": ("เอกสารที่ต้องใช้", "What to bring"),
    "id_card_only": (
        "ใช้บัตรประจำตัวประชาชนตัวจริงเท่านั้น ไม่ต้องใช้สำเนาเอกสาร",
        "Bring only your ID card, no photocopies",
    ),
    "processing": ("ระยะเวลาดำเนินการ", "Processing time"),
    "fee": ("ค่าธรรมเนียม", "Fee"),
    "hours": ("เวลาให้บริการ", "Opening hours"),
    "where": ("จุดให้บริการ", "Where"),
    "take_ticket": ("รับบัตรคิว", "Take a ticket"),
    "priority_ticket": ("บัตรคิวช่องทางพิเศษ", "Priority ticket"),
    "priority_who": (
        "ผู้สูงอายุ 60 ปีขึ้นไป ผู้พิการ สตรีมีครรภ์ พระภิกษุ",
        "Elderly 60+, disabled, pregnant, monks",
    ),
    "closed_no_ticket": (
        "บริการนี้ปิดอยู่ขณะนี้ ยังรับบัตรคิวไม่ได้",
        "This service is closed now; tickets cannot be taken",
    ),
    "your_number": ("หมายเลขคิวของท่าน", "Your queue number"),
    "priority_band": ("ช่องทางพิเศษ", "Priority"),
    "printing": ("กำลังพิมพ์บัตรคิว…", "Printing your ticket…"),
    "printed": ("รับบัตรคิวที่ช่องด้านล่าง", "Take your ticket from the slot below"),
    "preview_printed": ("บัตรคิวตัวอย่าง (โหมดแสดงผล)", "Ticket preview (preview printer)"),
    "not_printed": (
        "บัตรคิวของท่านยังใช้ได้ โปรดถ่ายภาพหมายเลขและ QR นี้ไว้ หรือแจ้งเจ้าหน้าที่",
        "Your ticket is valid: take a photo of this number and QR, or ask staff",
    ),
    "print_again": ("พิมพ์อีกครั้ง", "Print again"),
    "done": ("เสร็จสิ้น", "Done"),
    "scan_qr": ("สแกนเพื่อติดตามสถานะคิว", "Scan to follow your queue"),
    "banner_prefix": ("เครื่องพิมพ์ขัดข้อง", "Printer problem"),
    "banner_still": (
        "ยังรับบัตรคิวได้ หมายเลขและ QR จะแสดงบนหน้าจอ โปรดถ่ายภาพไว้",
        "You can still take a ticket: its number and QR appear on screen, take a photo",
    ),
    "db_lost": ("ระบบคิวขัดข้อง โปรดติดต่อเจ้าหน้าที่", "The queue system is unavailable, please ask staff"),
    "pin_title": ("รหัสผู้ดูแลระบบ", "Administrator PIN"),
    "pin_wrong": ("รหัสไม่ถูกต้อง", "Wrong PIN"),
    "pin_ok": ("ตกลง", "OK"),
    "pin_clear": ("ลบ", "Clear"),
    "cancel": ("ยกเลิก", "Cancel"),
    "admin_title": ("ผู้ดูแลระบบ", "Administrator"),
    "exit_kiosk": ("ออกจากโปรแกรมตู้บัตรคิว", "Exit the kiosk"),
    "check_printer": ("ตรวจสอบเครื่องพิมพ์", "Check the printer"),
    "printer_ok": ("เครื่องพิมพ์พร้อมใช้งาน", "The printer is ready"),
}

_DAYS_TH = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")
_DAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def text(key: str, lang: Lang) -> str:
    """One fixed text in the given language."""
    th, en = TEXTS[key]
    return th if lang == "th" else en


def waiting_line(waiting: int, wait_min: int | None, lang: Lang) -> str:
    """'รอ 3 คิว · ประมาณ 20 นาที' on a service button."""
    if lang == "th":
        people = "ไม่มีคิวรอ" if waiting == 0 else f"รอ {waiting} คิว"
        return people if not waiting else f"{people} · ประมาณ {duration(wait_min or 0, lang)}"
    people = "No one waiting" if waiting == 0 else f"{waiting} waiting"
    return people if not waiting else f"{people} · about {duration(wait_min or 0, lang)}"


def duration(minutes: int, lang: Lang) -> str:
    hours, mins = divmod(max(minutes, 0), 60)
    if lang == "th":
        parts = ([f"{hours} ชั่วโมง"] if hours else []) + (
            [f"{mins} นาที"] if mins or not hours else []
        )
    else:
        parts = ([f"{hours} h"] if hours else []) + ([f"{mins} min"] if mins or not hours else [])
    return " ".join(parts)


def people_ahead(n: int, lang: Lang) -> str:
    if lang == "th":
        return "ไม่มีคิวรอก่อนหน้า" if n == 0 else f"รอก่อนหน้า {n} คิว"
    return "No one ahead of you" if n == 0 else f"{n} {'person' if n == 1 else 'people'} ahead"


def estimated_wait(minutes: int, lang: Lang) -> str:
    if minutes <= 0:  # "0 minutes" reads like a promise
        return "รออีกไม่นาน" if lang == "th" else "A short wait"
    if lang == "th":
        return f"รอประมาณ {duration(minutes, lang)}"
    return f"Estimated wait: about {duration(minutes, lang)}"


def _days(days: tuple[int, ...], lang: Lang) -> str:
    names = _DAYS_TH if lang == "th" else _DAYS_EN
    ordered = sorted(set(days))
    if len(ordered) == 7:
        return "ทุกวัน" if lang == "th" else "Every day"
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{names[ordered[0]]}–{names[ordered[-1]]}"
    return ", ".join(names[d] for d in ordered)


def hours_text(hours: tuple[OpeningHours, ...], lang: Lang) -> str:
    """'ทุกวัน 10:00–19:00 น.' / 'Every day 10:00–19:00'; one line per window."""
    if not hours:
        return "เปิดตลอดเวลา" if lang == "th" else "Always open"
    suffix = " น." if lang == "th" else ""
    return "\n".join(f"{_days(h.days, lang)} {h.opens}–{h.closes}{suffix}" for h in hours)


def processing_text(minutes: int, lang: Lang) -> str:
    return (
        f"ประมาณ {duration(minutes, lang)}" if lang == "th" else f"About {duration(minutes, lang)}"
    )
