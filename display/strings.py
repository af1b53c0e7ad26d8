"""Bilingual text of the hall display: Thai first, English beside, looked up explicitly."""

from __future__ import annotations

from shared.i18n.bilingual import Bilingual as Text

WINDOW_TITLE = Text("จอแสดงคิว — ระบบคิว Khiu", "Hall display — Khiu queue")
NOW_CALLING = Text("เชิญหมายเลข", "Now calling")
CALLING_AGAIN = Text("เรียกซ้ำ หมายเลข", "Calling again")
AT_COUNTER = Text("ที่ช่องบริการ", "Counter")
COUNTER = Text("ช่องบริการ", "Counter")
COUNTERS = Text("ช่องบริการ", "Counters")
SERVING = Text("หมายเลข", "Number")
IDLE = Text("—", "—")
CLOSED = Text("ปิดให้บริการชั่วคราว", "Closed")
RECENT = Text("เรียกล่าสุด", "Recent calls")
WAITING = Text("จำนวนคิวที่รอ", "People waiting")
NO_CALL_YET = Text("ยังไม่มีการเรียกคิว", "No calls yet")
RECONNECTING = Text("กำลังเชื่อมต่อใหม่…", "Reconnecting…")
LOADING = Text("กำลังโหลด…", "Loading…")
