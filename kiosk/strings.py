"""The kiosk's bilingual texts (Thai first; `strings.HOME_TITLE.pick(lang)` on screen) and the
small phrases built from numbers."""

from __future__ import annotations

from shared.i18n import glossary
from shared.i18n.bilingual import Bilingual
from shared.i18n.hours import hours_text as hours_text  # the service page's hours
from shared.i18n.waits import is_short
from shared.i18n.waits import wait_range as wait_range_text

Lang = str  # "th" or "en"

HOME_TITLE = Bilingual("เลือกบริการที่ต้องการ", "Choose a service")
HOME_HINT = Bilingual(
    "แตะที่บริการเพื่อดูเอกสารที่ต้องใช้และรับบัตรคิว",
    "Touch a service to see what to bring and take a ticket",
)
# The language button offers the other language: "English" on the Thai screen.
LANGUAGE = Bilingual(th="English", en="ภาษาไทย")
CLOSED = Bilingual("ปิดให้บริการขณะนี้", "Closed now")
BACK = Bilingual("‹ ย้อนกลับ", "‹ Back")
ID_CARD_ONLY = Bilingual(
    "ใช้บัตรประจำตัวประชาชนตัวจริงเท่านั้น ไม่ต้องใช้สำเนาเอกสาร",
    "Bring only your ID card, no photocopies",
)
TAKE_TICKET = Bilingual("รับบัตรคิว", "Take a ticket")
PRIORITY_TICKET = Bilingual("บัตรคิวช่องทางพิเศษ", "Priority ticket")
PRIORITY_WHO = Bilingual(
    "ผู้สูงอายุ 60 ปีขึ้นไป ผู้พิการ สตรีมีครรภ์ พระภิกษุ",
    "Elderly 60+, disabled, pregnant, monks",
)
CLOSED_NO_TICKET = Bilingual(
    "บริการนี้ปิดอยู่ขณะนี้ ยังรับบัตรคิวไม่ได้",
    "This service is closed now; tickets cannot be taken",
)
YOUR_NUMBER = Bilingual("หมายเลขคิวของท่าน", "Your queue number")
PRIORITY_BAND = Bilingual("ช่องทางพิเศษ", "Priority")
SENIOR_CARD = Bilingual(
    "ผู้สูงอายุ ได้รับบัตรคิวช่องทางพิเศษ", "Senior citizen: you get a priority ticket"
)
PRINTING = Bilingual("กำลังพิมพ์บัตรคิว…", "Printing your ticket…")
PRINTED = Bilingual("รับบัตรคิวที่ช่องด้านล่าง", "Take your ticket from the slot below")
PREVIEW_PRINTED = Bilingual("บัตรคิวตัวอย่าง (โหมดแสดงผล)", "Ticket preview (preview printer)")
NOT_PRINTED = Bilingual(
    "บัตรคิวของท่านยังใช้ได้ โปรดถ่ายภาพหมายเลขและ QR นี้ไว้ หรือแจ้งเจ้าหน้าที่",
    "Your ticket is valid: take a photo of this number and QR, or ask staff",
)
PRINT_AGAIN = Bilingual("พิมพ์อีกครั้ง", "Print again")
DONE = Bilingual("เสร็จสิ้น", "Done")
SCAN_QR = Bilingual("สแกนเพื่อติดตามสถานะคิว", "Scan to follow your queue")
BANNER_STILL = Bilingual(
    "ยังรับบัตรคิวได้ หมายเลขและ QR จะแสดงบนหน้าจอ โปรดถ่ายภาพไว้",
    "You can still take a ticket: its number and QR appear on screen, take a photo",
)
DB_LOST = Bilingual(
    "ระบบคิวขัดข้อง โปรดติดต่อเจ้าหน้าที่", "The queue system is unavailable, please ask staff"
)
PIN_TITLE = Bilingual("รหัสผู้ดูแลระบบ", "Administrator PIN")
PIN_WRONG = Bilingual("รหัสไม่ถูกต้อง", "Wrong PIN")
PIN_OK = Bilingual("ตกลง", "OK")
PIN_CLEAR = Bilingual("ลบ", "Clear")
CANCEL = Bilingual("ยกเลิก", "Cancel")
ADMIN_TITLE = Bilingual("ผู้ดูแลระบบ", "Administrator")
EXIT_KIOSK = Bilingual("ออกจากโปรแกรมตู้บัตรคิว", "Exit the kiosk")
CHECK_PRINTER = Bilingual("ตรวจสอบเครื่องพิมพ์", "Check the printer")
PRINTER_OK = Bilingual("เครื่องพิมพ์พร้อมใช้งาน", "The printer is ready")
# The toolbar on every page.
LISTEN = Bilingual("ฟังคำแนะนำ", "Listen")
LARGE_TEXT = Bilingual("ตัวอักษรใหญ่", "Large text")
NORMAL_TEXT = Bilingual("ตัวอักษรปกติ", "Normal text")
CALL_STAFF = Bilingual("เรียกเจ้าหน้าที่", "Call staff")
STAFF_CALLED = Bilingual("แจ้งเจ้าหน้าที่แล้ว", "Staff are coming")
MORE_TIME = Bilingual("ต้องการเวลาเพิ่มหรือไม่", "More time?")
MORE_TIME_YES = Bilingual("ต้องการเวลาเพิ่ม", "Yes, more time")


def waiting_line(waiting: int, wait_range: tuple[int, int], lang: Lang) -> str:
    """'รอ 3 คิว · ประมาณ 10–20 นาที' on a service button (the wait of a ticket taken now;
    left out when no one waits and it is short)."""
    if lang == "th":
        people = "ไม่มีคิวรอ" if waiting == 0 else f"รอ {waiting} คิว"
    else:
        people = "No one waiting" if waiting == 0 else f"{waiting} waiting"
    if waiting == 0 and is_short(wait_range[1]):
        return people
    return f"{people} · {wait_range_text(*wait_range).pick(lang)}"


def wait_now(waiting: int, wait_range: tuple[int, int], lang: Lang) -> str:
    """The service page's line above the ticket button: the queue and the wait now."""
    said = wait_range_text(*wait_range).pick(lang)
    if lang == "th":
        people = "ไม่มีคิวรอ" if waiting == 0 else f"รอ {waiting} คิว"
        return f"{people} · รับบัตรตอนนี้ รอ{said}"
    people = "No one waiting" if waiting == 0 else f"{waiting} waiting"
    return f"{people} · a ticket taken now waits {said}"


def duration(minutes: int, lang: Lang) -> str:
    return glossary.duration(minutes).pick(lang)


def people_ahead(n: int, lang: Lang) -> str:
    if lang == "th":
        return "ไม่มีคิวรอก่อนหน้า" if n == 0 else f"รอก่อนหน้า {n} คิว"
    return "No one ahead of you" if n == 0 else f"{n} {'person' if n == 1 else 'people'} ahead"


def estimated_wait(wait_range: tuple[int, int], lang: Lang) -> str:
    said = wait_range_text(*wait_range)
    return f"รอ{said.th}" if lang == "th" else f"Estimated wait: {said.en}"


def processing_text(minutes: int, lang: Lang) -> str:
    return glossary.processing_time(minutes).pick(lang)

# Booking ahead: checking a booking in at the kiosk.
HAVE_BOOKING = Bilingual("มีนัดหมาย", "I have a booking")
BOOKING_HINT = Bilingual(
    "สแกน QR ของการจองที่เครื่องสแกน หรือพิมพ์รหัสการจอง 6 ตัว แล้วแตะ ตกลง",
    "Scan your booking's QR at the scanner, or type its 6-character code and touch OK",
)
TAKE_WALK_IN = Bilingual("รับบัตรคิวปกติแทน", "Take a walk-in ticket instead")
BOOKED_BAND = Bilingual("นัดหมาย", "Booked")
