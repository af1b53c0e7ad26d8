"""Bilingual text of the hall display: Thai first, English beside, looked up explicitly."""

from __future__ import annotations

from shared.i18n.bilingual import Bilingual

WINDOW_TITLE = Bilingual("จอแสดงคิว — ระบบคิว Khiu", "Hall display — Khiu queue")
NOW_CALLING = Bilingual("เชิญหมายเลข", "Now calling")
CALLING_AGAIN = Bilingual("เรียกซ้ำ หมายเลข", "Calling again")
AT_COUNTER = Bilingual("ที่ช่องบริการ", "Counter")
COUNTERS = Bilingual("ช่องบริการ", "Counters")
IDLE = Bilingual("—", "—")
CLOSED = Bilingual("ปิดให้บริการชั่วคราว", "Closed")
RECENT = Bilingual("เรียกล่าสุด", "Recent calls")
WAITING = Bilingual("จำนวนคิวที่รอ", "People waiting")
NO_CALL_YET = Bilingual("ยังไม่มีการเรียกคิว", "No calls yet")
RECONNECTING = Bilingual("กำลังเชื่อมต่อใหม่…", "Reconnecting…")
