"""Bilingual text of the counter app: Thai first, English second (`strings.CALL_NEXT.both`)."""

from __future__ import annotations

from shared.i18n import glossary
from shared.i18n.bilingual import Bilingual

APP_TITLE = Bilingual("ช่องบริการ — ระบบคิว Khiu", "Counter — Khiu queue")
LOGIN_TITLE = Bilingual("เข้าสู่ระบบเจ้าหน้าที่", "Officer sign-in")
COUNTER = Bilingual("ช่องบริการ", "Counter")
OFFICER_ID = Bilingual("รหัสเจ้าหน้าที่", "Officer ID")
PIN = Bilingual("รหัส PIN", "PIN")
SIGN_IN = Bilingual("เข้าสู่ระบบ", "Sign in")
SIGNING_IN = Bilingual("กำลังตรวจสอบ…", "Checking…")
SIGNED_OUT = Bilingual("ออกจากระบบแล้ว", "Signed out")
HOLD_LOST = Bilingual(
    "เจ้าหน้าที่อื่นเข้าใช้ช่องบริการนี้แล้ว กรุณาเข้าสู่ระบบใหม่",
    "Another officer took this counter; please sign in again",
)
NEED_LOGIN = Bilingual("กรุณาใส่รหัสเจ้าหน้าที่และ PIN", "Enter your officer ID and PIN")
LOADING_COUNTERS = Bilingual("กำลังโหลดรายการช่องบริการ…", "Loading counters…")

NOW_SERVING = Bilingual("กำลังให้บริการ", "Now serving")
NO_TICKET = Bilingual(
    "ไม่มีคิวที่กำลังให้บริการ — กด Enter เพื่อเรียกคิวถัดไป", "No ticket — press Enter to call the next one"
)
PRIORITY = Bilingual("คิวพิเศษ", "Priority")
# A ticket issued at a booking's check-in: from its slot's start it goes before walk-ins.
BOOKED = Bilingual("นัดหมาย", "Booked")
RECALLS = Bilingual("เรียกซ้ำ", "Recalls")
PAUSED_BANNER = Bilingual("พักให้บริการ — ไม่รับคิว (F8 เพื่อเปิด)", "Paused — no calls (F8 to resume)")
SCAN_LABEL = Bilingual("เรียกคิวตามหมายเลข / สแกน QR", "Call a number / scan QR")
SCAN_PLACEHOLDER = Bilingual("พิมพ์หมายเลข เช่น A001 หรือสแกน QR", "Type e.g. A001 or scan the QR")
SCAN_HINT = Bilingual("ช่องว่าง + Enter = เรียกคิวถัดไป", "Empty box + Enter = call next")

CALL_NEXT = Bilingual("เรียกคิวถัดไป", "Call next")
RECALL = Bilingual("เรียกซ้ำ", "Recall")
NO_SHOW = Bilingual("ไม่มาตามเรียก", "No-show")
FINISH = Bilingual("เสร็จสิ้น", "Finish")
TRANSFER = Bilingual("โอนบริการ", "Transfer")
RETURN = Bilingual("คืนเข้าคิว", "Return to queue")
PAUSE = Bilingual("พักให้บริการ", "Pause")
RESUME = Bilingual("เปิดให้บริการ", "Resume")
MINI = Bilingual("โหมดย่อ", "Mini mode")
FULL = Bilingual("หน้าต่างเต็ม", "Full window")
SIGN_OUT = Bilingual("ออกจากระบบ", "Sign out")

WAITING_TITLE = Bilingual("คิวรอ ตามบริการ", "Waiting by service")
WAITING_NONE = Bilingual("ไม่มีคิวรอ", "nobody waiting")
LONGEST = Bilingual("รอนานสุด", "longest")
MINUTES = Bilingual("นาที", "min")
UPCOMING_TITLE = Bilingual("คิวถัดไป", "Next to call")
UPCOMING_NONE = Bilingual("ไม่มีคิวรอ", "No one waiting")
STATS_TITLE = Bilingual("ผลงานวันนี้", "Today")
SERVED = Bilingual("ให้บริการแล้ว", "Served")
NO_SHOWS = Bilingual("ไม่มาตามเรียก", "No-shows")
MEAN_TIME = Bilingual("เวลาเฉลี่ย", "Mean time")

TRANSFER_TITLE = Bilingual("โอนไปบริการ", "Transfer to service")
TRANSFER_HINT = Bilingual(
    "กดตัวเลข หรือ ลูกศร + Enter · Esc ยกเลิก", "Press a number, or arrows + Enter · Esc cancels"
)

CALLED = Bilingual("เรียกคิว {code} แล้ว", "Called {code}")
NOBODY = Bilingual("ไม่มีคิวรอสำหรับช่องนี้", "Nobody is waiting for this counter")
RECALLED = Bilingual("เรียกซ้ำ {code} (ครั้งที่ {n})", "Recalled {code} (time {n})")
FINISHED = Bilingual("{code} เสร็จสิ้น", "{code} finished")
NO_SHOWED = Bilingual("{code} ไม่มาตามเรียก", "{code} marked no-show")
TRANSFERRED = Bilingual("โอน {code} ไป {service} แล้ว", "{code} transferred to {service}")
RETURNED = Bilingual("คืน {code} เข้าคิวแล้ว", "{code} returned to the queue")
PAUSED = Bilingual("พักให้บริการแล้ว — จอห้องโถงแสดงว่าปิด", "Paused — the hall display shows closed")
RESUMED = Bilingual("เปิดให้บริการแล้ว", "Open again")
NEED_TICKET = Bilingual("ยังไม่มีคิวที่กำลังให้บริการ", "No ticket is being served")
DB_LOST = Bilingual("เชื่อมต่อฐานข้อมูลไม่ได้", "Database unreachable")
DB_BACK = Bilingual("เชื่อมต่อฐานข้อมูลได้แล้ว", "Database back")

REPORTS = Bilingual("รายงาน", "Reports")
BACK = Bilingual("กลับ", "Back")
REPORTS_TITLE = Bilingual("รายงานวันนี้ (สด)", "Today, live")
REPORTS_EXPORT = Bilingual("ส่งออกรายงานตามช่วงวันที่", "Export a report for any dates")
EXPORT = Bilingual("ส่งออก…", "Export…")
EXPORTING = Bilingual("กำลังจัดทำรายงาน…", "Preparing the report…")
EXPORT_FROM = Bilingual("ตั้งแต่", "From")
EXPORT_TO = Bilingual("ถึง", "To")
REPORT_COLUMNS = (
    Bilingual("บริการ", "Service"),
    Bilingual("รอ", "Waiting"),
    Bilingual("ให้บริการแล้ว", "Served"),
    Bilingual("รอเฉลี่ย (นาที)", "Mean wait (min)"),
    Bilingual("ทันตามคู่มือ", "Within promise"),
)


def called_ago(seconds: float) -> Bilingual:
    """'เรียกเมื่อ 8 วินาทีที่แล้ว' / 'Called 8 s ago': how long ago, in words, so that it
    never reads as a clock time; seconds only in the first minute."""
    total = max(0, int(seconds))
    if total < 60:
        return Bilingual(f"เรียกเมื่อ {total} วินาทีที่แล้ว", f"Called {total} s ago")
    length = glossary.duration(total // 60)
    return Bilingual(f"เรียกเมื่อ {length.th}ที่แล้ว", f"Called {length.en} ago")


# The admin pages (admins only, beside Reports).
MANAGE = Bilingual("จัดการศูนย์", "Manage site")
MANAGE_TITLE = Bilingual("จัดการศูนย์บริการ", "Manage the site")
TAB_OFFICERS = Bilingual("เจ้าหน้าที่", "Officers")
TAB_FLOOR = Bilingual("สถานะวันนี้", "Today's floor")
TAB_SERVICES = Bilingual("บริการ", "Services")
TAB_COUNTERS = Bilingual("ช่องบริการ", "Counters")
TAB_DISPLAY = Bilingual("จอแสดงผล", "Display")
SAVED = Bilingual("บันทึกแล้ว", "Saved")
SAVE = Bilingual("บันทึก", "Save")
READ_ONLY = Bilingual(
    "ดูได้อย่างเดียว: การเปลี่ยนแปลงต้องเชื่อมต่อฐานข้อมูลด้วยบัญชี {role} "
    "(เปิดโปรแกรมด้วย --db postgresql://{role}@…)",
    "Read only: changes need the database account {role} "
    "(start the app with --db postgresql://{role}@…)",
)
OFFICER_COLUMNS = (
    Bilingual("รหัส", "Login"),
    Bilingual("ชื่อ", "Name"),
    Bilingual("บทบาท", "Role"),
    Bilingual("สถานะ", "State"),
)
OFFICER_NAME = Bilingual("ชื่อที่แสดง", "Display name")
ROLE = Bilingual("บทบาท", "Role")
ROLE_OFFICER = Bilingual("เจ้าหน้าที่", "officer")
ROLE_ADMIN = Bilingual("ผู้ดูแลระบบ", "admin")
PIN_AGAIN = Bilingual("รหัส PIN อีกครั้ง", "PIN again")
ADD_OFFICER = Bilingual("เพิ่มเจ้าหน้าที่", "Add officer")
SET_PIN = Bilingual("ตั้งรหัส PIN ใหม่", "Set new PIN")
DISABLE = Bilingual("ปิดการใช้งาน", "Disable")
ENABLE = Bilingual("เปิดการใช้งาน", "Enable")
CHANGE_ROLE = Bilingual("เปลี่ยนบทบาท", "Change role")
ENABLED = Bilingual("ใช้งานได้", "enabled")
DISABLED = Bilingual("ปิดใช้งาน", "disabled")
PINS_DIFFER = Bilingual(
    "รหัส PIN สองช่องไม่ตรงกัน กรุณาพิมพ์ใหม่", "The two PINs differ; type them again"
)
PICK_OFFICER = Bilingual("กรุณาเลือกเจ้าหน้าที่ในตาราง", "Choose an officer in the table")
FLOOR_COLUMNS = (
    Bilingual("ช่อง", "Counter"),
    Bilingual("เจ้าหน้าที่", "Officer"),
    Bilingual("ให้บริการ", "Serves"),
    Bilingual("คิวปัจจุบัน", "Now serving"),
    Bilingual("สถานะ", "State"),
)
OPEN = Bilingual("เปิด", "open")
PAUSED_STATE = Bilingual("พัก", "paused")
NOBODY_SIGNED_IN = Bilingual("—", "—")
WAITING_PER_SERVICE = Bilingual("คิวรอ", "Waiting")
PAUSE_OR_RESUME = Bilingual("พัก / เปิดช่องนี้", "Pause / resume")
RELEASE_COUNTER = Bilingual("ให้ออกจากระบบ (เครื่องค้าง)", "Sign out (crashed PC)")
PICK_COUNTER = Bilingual("กรุณาเลือกช่องบริการในตาราง", "Choose a counter in the table")
NEW_SERVICE = Bilingual("เพิ่มบริการ", "New service")
MOVE_UP = Bilingual("เลื่อนขึ้น", "Move up")
MOVE_DOWN = Bilingual("เลื่อนลง", "Move down")
# The service form's labels, in the order of admin_services.FIELDS (code, prefix,
# names, agencies, documents, processing_minutes, fees, where, hours, active).
SERVICE_LABELS = (
    Bilingual("รหัสบริการ", "Code"),
    Bilingual("อักษรบัตรคิว", "Ticket letter"),
    Bilingual("ชื่อ (ไทย)", "Name (Thai)"),
    Bilingual("ชื่อ (อังกฤษ)", "Name (English)"),
    Bilingual("หน่วยงาน (ไทย)", "Agency (Thai)"),
    Bilingual("หน่วยงาน (อังกฤษ)", "Agency (English)"),
    Bilingual("เอกสาร (ไทย) บรรทัดละรายการ", "Documents (Thai), one a line"),
    Bilingual("เอกสาร (อังกฤษ) บรรทัดละรายการ", "Documents (English), one a line"),
    Bilingual("ระยะเวลาตามคู่มือ (นาที)", "Processing time (min)"),
    Bilingual("ค่าธรรมเนียม (ไทย)", "Fee (Thai)"),
    Bilingual("ค่าธรรมเนียม (อังกฤษ)", "Fee (English)"),
    Bilingual("สถานที่ (ไทย)", "Where (Thai)"),
    Bilingual("สถานที่ (อังกฤษ)", "Where (English)"),
    Bilingual(
        "เวลาทำการ บรรทัดละช่วง เช่น mon-fri 08:30-16:30",
        "Hours, one a line, e.g. mon-fri 08:30-16:30",
    ),
    Bilingual("เปิดให้รับบัตรคิว", "Active (kiosk shows it)"),
    Bilingual("จองล่วงหน้าได้ช่วงละ (คน, 0 = ไม่รับจอง)", "Bookings per slot (0 = no booking)"),
    Bilingual("ช่วงเวลาจองละ (นาที)", "Booking slot length (min)"),
    Bilingual("จองล่วงหน้าได้ไม่เกิน (วัน)", "Book up to (days ahead)"),
)
NEW_COUNTER = Bilingual("เพิ่มช่องบริการ", "New counter")
RETIRE_COUNTER = Bilingual("เลิกใช้ช่องนี้", "Retire counter")
COUNTER_NUMBER = Bilingual("หมายเลขช่อง", "Number")
COUNTER_NAME_TH = Bilingual("ชื่อช่อง (ไทย)", "Name (Thai)")
COUNTER_NAME_EN = Bilingual("ชื่อช่อง (อังกฤษ)", "Name (English)")
COUNTER_SERVICES = Bilingual(
    "บริการที่ให้ ตามลำดับ (รหัส คั่นด้วยจุลภาค)",
    "Services it serves, in order (codes, comma-separated)",
)
TICKER_TH = Bilingual("ข้อความวิ่ง (ไทย)", "Ticker (Thai)")
TICKER_EN = Bilingual("ข้อความวิ่ง (อังกฤษ)", "Ticker (English)")
RECENT_CALLS = Bilingual("จำนวนคิวที่เพิ่งเรียก", "Recent calls shown")
FLASH_SECONDS = Bilingual("เวลากะพริบ (วินาที)", "Flash time (s)")
VOICE_ENGINE = Bilingual("เสียงประกาศ", "Voice")
VOICEPACK = Bilingual("โฟลเดอร์ชุดเสียง", "Voice-pack folder")
VOICE_ENGLISH = Bilingual("ประกาศภาษาอังกฤษต่อจากภาษาไทย", "English after Thai")
VOLUME = Bilingual("ระดับเสียง (%)", "Volume (%)")
CHECKIN_EARLY = Bilingual("เช็กอินการจองได้ก่อนเวลาจอง (นาที)", "Booking check-in opens (min before)")
CHECKIN_LATE = Bilingual("เช็กอินการจองได้หลังเวลาจอง (นาที)", "Booking check-in closes (min after)")
NEAR_TURN_AHEAD = Bilingual(
    "หน้าเว็บบนโทรศัพท์แจ้ง ใกล้ถึงคิว เมื่อเหลือ (คิว)", "Phone page says near your turn at (ahead)"
)

# The kiosk's "Call staff", shown on every signed-in counter until one officer answers.
KIOSK_NEEDS_HELP = Bilingual("ตู้บัตรคิวต้องการความช่วยเหลือ", "The kiosk needs help")
KIOSK_HELP_ANSWER = Bilingual("รับทราบ ไปช่วยเอง", "I'll go")

def bookings_line(booked: int, checked_in: int, to_come: int) -> str:
    """Today's bookings of a service on the live panel, Thai / English."""
    return (
        f"นัดหมาย {booked} · เช็กอินแล้ว {checked_in} · ยังไม่มา {to_come} / "
        f"booked {booked} · checked in {checked_in} · to come {to_come}"
    )
