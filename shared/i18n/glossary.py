"""The citizen manual's fields, named once (Licensing Facilitation Act B.E. 2558).

A citizen reads the same manual at the kiosk, on the ticket, on the phone and in the
manager's report: each field has one Thai and one English name, and one wording for
its empty value, used by all of them. Pure: no Qt, no I/O.
"""

from __future__ import annotations

from shared.i18n.bilingual import Bilingual

DOCUMENTS = Bilingual("เอกสารที่ต้องใช้", "What to bring")
NO_DOCUMENTS = Bilingual("ไม่ต้องใช้เอกสาร", "No documents needed")
PROCESSING_TIME = Bilingual("ระยะเวลาดำเนินการ", "Processing time")
FEE = Bilingual("ค่าธรรมเนียม", "Fee")
NO_FEE = Bilingual("ไม่มีค่าธรรมเนียม", "Free of charge")
HOURS = Bilingual("เวลาเปิดให้บริการ", "Opening hours")
# A service without hours of its own takes tickets while the centre itself is open.
ALWAYS_OPEN = Bilingual("ตลอดเวลาทำการของศูนย์", "Whenever the centre is open")
PLACE = Bilingual("สถานที่ให้บริการ", "Where")

MANUAL_FIELDS = (DOCUMENTS, PROCESSING_TIME, FEE, HOURS, PLACE)


def duration(minutes: int) -> Bilingual:
    """'1 ชั่วโมง 30 นาที' / '1 h 30 min'."""
    hours, mins = divmod(max(minutes, 0), 60)
    th = ([f"{hours} ชั่วโมง"] if hours else []) + ([f"{mins} นาที"] if mins or not hours else [])
    en = ([f"{hours} h"] if hours else []) + ([f"{mins} min"] if mins or not hours else [])
    return Bilingual(" ".join(th), " ".join(en))


def processing_time(minutes: int) -> Bilingual:
    """The processing time's value: 'ประมาณ 20 นาที' / 'About 20 min'."""
    length = duration(minutes)
    return Bilingual(f"ประมาณ {length.th}", f"About {length.en}")
