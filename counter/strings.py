"""Bilingual text of the counter app: Thai first, English second, looked up explicitly."""

from __future__ import annotations

from shared.i18n.bilingual import Bilingual as Text

APP_TITLE = Text("ช่องบริการ — ระบบคิว Khiu", "Counter — Khiu queue")
LOGIN_TITLE = Text("เข้าสู่ระบบเจ้าหน้าที่", "Officer sign-in")
COUNTER = Text("ช่องบริการ", "Counter")
OFFICER_ID = Text("รหัสเจ้าหน้าที่", "Officer ID")
PIN = Text("รหัส PIN", "PIN")
SIGN_IN = Text("เข้าสู่ระบบ", "Sign in")
SIGNING_IN = Text("กำลังตรวจสอบ…", "Checking…")
SIGNED_OUT = Text("ออกจากระบบแล้ว", "Signed out")
HOLD_LOST = Text(
    "เจ้าหน้าที่อื่นเข้าใช้ช่องบริการนี้แล้ว กรุณาเข้าสู่ระบบใหม่",
    "Another officer took this counter; please sign in again",
)
NEED_LOGIN = Text("กรุณาใส่รหัสเจ้าหน้าที่และ PIN", "Enter your officer ID and PIN")
LOADING_COUNTERS = Text("กำลังโหลดรายการช่องบริการ…", "Loading counters…")

NOW_SERVING = Text("กำลังให้บริการ", "Now serving")
NO_TICKET = Text(
    "ไม่มีคิวที่กำลังให้บริการ — กด Enter เพื่อเรียกคิวถัดไป", "No ticket — press Enter to call the next one"
)
PRIORITY = Text("คิวพิเศษ", "Priority")
CALLED_AGO = Text("เรียกเมื่อ", "Called")
RECALLS = Text("เรียกซ้ำ", "Recalls")
PAUSED_BANNER = Text("พักให้บริการ — ไม่รับคิว (F8 เพื่อเปิด)", "Paused — no calls (F8 to resume)")
SCAN_LABEL = Text("เรียกคิวตามหมายเลข / สแกน QR", "Call a number / scan QR")
SCAN_PLACEHOLDER = Text("พิมพ์หมายเลข เช่น A001 หรือสแกน QR", "Type e.g. A001 or scan the QR")
SCAN_HINT = Text("ช่องว่าง + Enter = เรียกคิวถัดไป", "Empty box + Enter = call next")

CALL_NEXT = Text("เรียกคิวถัดไป", "Call next")
RECALL = Text("เรียกซ้ำ", "Recall")
NO_SHOW = Text("ไม่มาตามเรียก", "No-show")
FINISH = Text("เสร็จสิ้น", "Finish")
TRANSFER = Text("โอนบริการ", "Transfer")
RETURN = Text("คืนเข้าคิว", "Return to queue")
PAUSE = Text("พักให้บริการ", "Pause")
RESUME = Text("เปิดให้บริการ", "Resume")
MINI = Text("โหมดย่อ", "Mini mode")
FULL = Text("หน้าต่างเต็ม", "Full window")
SIGN_OUT = Text("ออกจากระบบ", "Sign out")

WAITING_TITLE = Text("คิวรอ ตามบริการ", "Waiting by service")
WAITING_NONE = Text("ไม่มีคิวรอ", "nobody waiting")
LONGEST = Text("รอนานสุด", "longest")
MINUTES = Text("นาที", "min")
UPCOMING_TITLE = Text("คิวถัดไป", "Next to call")
UPCOMING_NONE = Text("ไม่มีคิวรอ", "No one waiting")
STATS_TITLE = Text("ผลงานวันนี้", "Today")
SERVED = Text("ให้บริการแล้ว", "Served")
NO_SHOWS = Text("ไม่มาตามเรียก", "No-shows")
MEAN_TIME = Text("เวลาเฉลี่ย", "Mean time")

TRANSFER_TITLE = Text("โอนไปบริการ", "Transfer to service")
TRANSFER_HINT = Text(
    "กดตัวเลข หรือ ลูกศร + Enter · Esc ยกเลิก", "Press a number, or arrows + Enter · Esc cancels"
)

CALLED = Text("เรียกคิว {code} แล้ว", "Called {code}")
NOBODY = Text("ไม่มีคิวรอสำหรับช่องนี้", "Nobody is waiting for this counter")
RECALLED = Text("เรียกซ้ำ {code} (ครั้งที่ {n})", "Recalled {code} (time {n})")
FINISHED = Text("{code} เสร็จสิ้น", "{code} finished")
NO_SHOWED = Text("{code} ไม่มาตามเรียก", "{code} marked no-show")
TRANSFERRED = Text("โอน {code} ไป {service} แล้ว", "{code} transferred to {service}")
RETURNED = Text("คืน {code} เข้าคิวแล้ว", "{code} returned to the queue")
PAUSED = Text("พักให้บริการแล้ว — จอห้องโถงแสดงว่าปิด", "Paused — the hall display shows closed")
RESUMED = Text("เปิดให้บริการแล้ว", "Open again")
NEED_TICKET = Text("ยังไม่มีคิวที่กำลังให้บริการ", "No ticket is being served")
DB_LOST = Text("เชื่อมต่อฐานข้อมูลไม่ได้", "Database unreachable")
DB_BACK = Text("เชื่อมต่อฐานข้อมูลได้แล้ว", "Database back")


def fmt(text: Text, **values: object) -> Text:
    """Fill `{names}` in both languages."""
    return Text(text.th.format(**values), text.en.format(**values))

REPORTS = Text("รายงาน", "Reports")
BACK = Text("กลับ", "Back")
REPORTS_TITLE = Text("รายงานวันนี้ (สด)", "Today, live")
REPORTS_EXPORT = Text("ส่งออกรายงานตามช่วงวันที่", "Export a report for any dates")
EXPORT = Text("ส่งออก…", "Export…")
EXPORTING = Text("กำลังจัดทำรายงาน…", "Preparing the report…")
EXPORT_FROM = Text("ตั้งแต่", "From")
EXPORT_TO = Text("ถึง", "To")
EXPORT_BAD_RANGE = Text("วันที่สิ้นสุดอยู่ก่อนวันที่เริ่มต้น", "The end date is before the start date")
REPORT_COLUMNS = (
    Text("บริการ", "Service"),
    Text("รอ", "Waiting"),
    Text("ให้บริการแล้ว", "Served"),
    Text("รอเฉลี่ย (นาที)", "Mean wait (min)"),
    Text("ทันตามคู่มือ", "Within promise"),
)
