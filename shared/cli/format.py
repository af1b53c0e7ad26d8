"""Readable (non-JSON) output of the command line, Thai first."""

from __future__ import annotations

from typing import Any

from shared.i18n.waits import wait_range


def ticket_line(ticket: dict[str, Any] | None) -> str:
    if ticket is None:
        return "ไม่มีคิวรอ / No one is waiting"
    parts = [
        f"{ticket['code']}{' ★' if ticket['priority'] else ''}",
        f"{ticket['service_name_th']} / {ticket['service_name_en']}",
        ticket["state"],
    ]
    if ticket["counter"] is not None:
        parts.append(f"ช่อง/counter {ticket['counter']}")
    if ticket["position"] is not None:
        said = wait_range(*ticket["estimated_wait_range_min"])
        parts.append(
            f"รออีก {ticket['position']} คิว {said.th} / {ticket['position']} ahead, {said.en}"
        )
    return "  ".join(parts)


def status_text(status: dict[str, Any]) -> str:
    lines = ["บริการ / Services"]
    for svc in status["services"]:
        lines.append(
            f"  {svc['code']:<6}{svc['prefix']:<3}รอ/waiting {svc['waiting']:>3}  "
            f"{svc['name_th']} / {svc['name_en']}"
        )
    lines.append("ช่องบริการ / Counters")
    for counter in status["counters"]:
        state = "เปิด/open" if counter["open"] else "พัก/paused"
        current = counter["current"]["code"] if counter["current"] else "-"
        lines.append(
            f"  {counter['number']:>3}  {state:<10} {current:<6} {','.join(counter['services'])}"
        )
    return "\n".join(lines)


def events_text(events: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{e['id']:>6}  {e['at']}  {e['kind']:<22} {e['ticket'] or '':<6} "
        f"{e['counter'] if e['counter'] is not None else '':<4} {e['officer'] or ''}"
        for e in events
    )
