"""What a printed ticket says: the data the kiosk/CLI fills in and its wording, Thai first.

Pure (no Qt): the renderer decides where and how big; this module decides the words, so
the text can be tested, shown on screen, or logged without painting anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from shared.i18n import glossary
from shared.i18n.bilingual import Bilingual
from shared.i18n.dates import english_short_datetime, thai_short_datetime
from shared.i18n.waits import wait_range


@dataclass(frozen=True)
class TicketPrintout:
    """Everything printed on one ticket, in primitives (no dependency on the domain model)."""

    site_name_th: str
    site_name_en: str
    service_name_th: str
    service_name_en: str
    agency_th: str
    code: str
    priority: bool
    people_ahead: int
    estimated_wait_range_min: tuple[int, int]  # whole minutes, low ≤ high
    issued_at: datetime  # aware, already in the site's time zone
    status_url: str
    documents_th: tuple[str, ...] = field(default=())  # short reminder; never "copies"
    footer_th: str | None = None
    footer_en: str | None = None

    def __post_init__(self) -> None:
        if not self.code.strip():
            raise ValueError("ticket code is empty")
        if not self.status_url.strip():
            raise ValueError("ticket status URL is empty")
        low, high = self.estimated_wait_range_min
        if self.people_ahead < 0 or low < 0 or high < low:
            raise ValueError("people_ahead and the wait range must not be negative or reversed")
        if self.issued_at.tzinfo is None or self.issued_at.utcoffset() is None:
            raise ValueError("issued_at must be time-zone aware (site local time)")
        # A list passed by a caller would make the frozen dataclass unhashable.
        object.__setattr__(self, "documents_th", tuple(self.documents_th))


@dataclass(frozen=True)
class TicketText:
    """The ticket's wording, block by block, in print order."""

    site: Bilingual
    code_label: Bilingual
    code: str
    priority: Bilingual | None
    service: Bilingual
    agency: str
    people_ahead: Bilingual
    estimated_wait: Bilingual
    issued: Bilingual
    documents: str | None
    qr_caption: Bilingual
    footer: Bilingual | None

    def lines(self) -> list[str]:
        """All text as plain lines, Thai before English (for logs, screen readers, tests)."""
        out = [self.site.th, self.site.en, f"{self.code_label.th} / {self.code_label.en}"]
        out.append(self.code)
        if self.priority:
            out.append(f"{self.priority.th} / {self.priority.en}")
        out += [self.service.th, self.service.en]
        if self.agency:
            out.append(self.agency)
        for pair in (self.people_ahead, self.estimated_wait, self.issued):
            out += [pair.th, pair.en]
        if self.documents:
            out.append(self.documents)
        out += [self.qr_caption.th, self.qr_caption.en]
        if self.footer:
            out += [line for line in (self.footer.th, self.footer.en) if line]
        return out


def _people_ahead(n: int) -> Bilingual:
    if n == 0:
        return Bilingual("ไม่มีคิวรอก่อนหน้า", "No one ahead of you")
    return Bilingual(f"รอก่อนหน้า {n} คิว", f"{n} {'person' if n == 1 else 'people'} ahead")


def _estimated_wait(low: int, high: int) -> Bilingual:
    said = wait_range(low, high)
    return Bilingual(f"รอ{said.th}", f"Estimated wait: {said.en}")


def ticket_text(p: TicketPrintout) -> TicketText:
    """The ticket's wording for a printout."""
    footer = None
    if p.footer_th or p.footer_en:
        footer = Bilingual(p.footer_th or "", p.footer_en or "")
    documents = None
    if p.documents_th:
        documents = f"{glossary.DOCUMENTS.th}: " + ", ".join(p.documents_th)
    return TicketText(
        site=Bilingual(p.site_name_th, p.site_name_en),
        code_label=Bilingual("หมายเลขคิว", "Queue number"),
        code=p.code,
        priority=Bilingual("ช่องทางพิเศษ", "PRIORITY") if p.priority else None,
        service=Bilingual(p.service_name_th, p.service_name_en),
        agency=p.agency_th,
        people_ahead=_people_ahead(p.people_ahead),
        estimated_wait=_estimated_wait(*p.estimated_wait_range_min),
        issued=Bilingual(
            f"ออกบัตร {thai_short_datetime(p.issued_at)} น.",
            f"Issued {english_short_datetime(p.issued_at)}",
        ),
        documents=documents,
        qr_caption=Bilingual("สแกนเพื่อติดตามสถานะคิว", "Scan to follow your queue"),
        footer=footer,
    )
