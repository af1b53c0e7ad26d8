"""A site file loaded again mid-day must respect today's history: a ticket letter
already used today by another service is refused (two services would hand out the
same numbers: "Ticket B001 already exists today" for the rest of the day), and a
service or counter that still has live tickets cannot be taken away (its waiting
tickets would drop out of every queue, its called ticket stay "called" forever)."""

from __future__ import annotations

import re
from collections import defaultdict

from shared.domain.errors import InvalidStateError
from shared.site import SiteConfig
from shared.storage.core import on_a_live_day
from shared.storage.database import Tx

_SHOWN = 8  # ticket codes named in a message


def _codes(codes: list[str]) -> str:
    more = f" … (+{len(codes) - _SHOWN})" if len(codes) > _SHOWN else ""
    return ", ".join(codes[:_SHOWN]) + more


def check_reload(tx: Tx, site: SiteConfig, today: str) -> None:
    """Raise InvalidStateError (bilingual, with the next step) before anything changes."""
    active = {s.code: s.prefix for s in site.services if s.active}
    # Which letters each service handed out today (by the service that issued them).
    used: dict[str, set[str]] = defaultdict(set)
    for row in tx.execute(
        """SELECT s.code AS service, t.code AS ticket FROM tickets t
           JOIN services s ON s.id = t.origin_service_id
           WHERE t.business_date = :today""",
        {"today": today},
    ):
        used[re.sub(r"\d+$", "", row["ticket"])].add(row["service"])
    for code, prefix in active.items():
        others = sorted(used.get(prefix, set()) - {code})
        if others:
            raise InvalidStateError(
                f"อักษร {prefix} ถูกใช้ออกบัตรคิวของบริการ {', '.join(others)} ไปแล้ววันนี้ "
                f"หากให้บริการ {code} ใช้ตอนนี้ หมายเลขจะซ้ำกับบัตรที่ประชาชนถืออยู่ "
                f"กรุณาให้ {code} ใช้อักษรอื่น หรือโหลดการเปลี่ยนแปลงนี้หลังสิ้นวัน",
                f"Ticket letter {prefix} was already used today by {', '.join(others)}: "
                f"giving it to {code} now would hand out numbers citizens already hold. "
                f"Keep {prefix} for {', '.join(others)} today (give {code} another letter), "
                "or load this change after the day ends.",
            )
    served = {code for counter in site.counters for code in counter.services}
    live: dict[str, list[str]] = defaultdict(list)
    for row in tx.execute(
        """SELECT s.code AS service, t.code AS ticket FROM tickets t
           JOIN services s ON s.id = t.service_id
           WHERE t.state IN ('waiting', 'called') AND """
        + on_a_live_day("t")
        + " ORDER BY t.id",
        {"today": today},
    ):
        live[row["service"]].append(row["ticket"])
    for service, tickets in sorted(live.items()):
        if service in active and service in served:
            continue
        why_en = "is no longer in the file" if service not in active else "no counter serves it"
        why_th = "ถูกนำออกจากไฟล์" if service not in active else "ไม่มีช่องใดให้บริการ"
        raise InvalidStateError(
            f"บริการ {service} {why_th} แต่ยังมีบัตรคิว {_codes(tickets)} รอหรือกำลังให้บริการอยู่วันนี้ "
            "กรุณาให้บริการ โอน หรือยกเลิกบัตรเหล่านั้นก่อน (khiu cancel CODE) "
            "หรือโหลดการเปลี่ยนแปลงนี้หลังสิ้นวัน",
            f"Service {service} {why_en}, but tickets {_codes(tickets)} are still waiting or "
            "being served today. Serve, transfer or cancel them first (khiu cancel CODE), "
            "or load this change after the day ends.",
        )
    numbers = {c.number for c in site.counters}
    for row in tx.execute(
        """SELECT c.number AS counter, t.code AS ticket FROM tickets t
           JOIN counters c ON c.id = t.counter_id
           WHERE t.state = 'called' ORDER BY c.number""",
    ):
        if row["counter"] not in numbers:
            raise InvalidStateError(
                f"ไม่มีช่องบริการ {row['counter']} ในไฟล์ แต่ช่องนี้กำลังให้บริการบัตรคิว "
                f"{row['ticket']} อยู่ กรุณาจบการให้บริการก่อน (khiu finish {row['counter']}) "
                "แล้วโหลดไฟล์อีกครั้ง",
                f"Counter {row['counter']} is not in the file, but it is serving "
                f"{row['ticket']}. Finish it first (khiu finish {row['counter']}), "
                "then load the file again.",
            )
