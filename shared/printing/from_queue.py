"""From the queue's view of a ticket to what goes on paper (used by the kiosk and the CLI)."""

from __future__ import annotations

from pathlib import Path

from shared.domain.model import Service
from shared.printing.layout import TicketPrintout
from shared.site import SiteConfig
from shared.storage.api import TicketView

# The ticket shows a short reminder; the kiosk screen shows the whole manual.
MAX_DOCUMENT_LINES = 3


def printout_for(ticket: TicketView, service: Service, site: SiteConfig) -> TicketPrintout:
    return TicketPrintout(
        site_name_th=site.name_th,
        site_name_en=site.name_en,
        service_name_th=ticket.service_name_th,
        service_name_en=ticket.service_name_en,
        agency_th=service.agency_th,
        code=ticket.code,
        priority=ticket.priority,
        people_ahead=ticket.position or 0,
        estimated_wait_range_min=ticket.estimated_wait_range_min or (0, 0),
        issued_at=ticket.issued_at.astimezone(site.tz),
        status_url=site.status_url(ticket.token),
        documents_th=service.documents_th[:MAX_DOCUMENT_LINES],
        # A ticket issued at a booking's check-in says so (and which booking).
        footer_th=f"นัดหมาย {ticket.booking}" if ticket.booking else None,
        footer_en=f"Booked: {ticket.booking}" if ticket.booking else None,
    )


def spool_dir_for(site: SiteConfig, data_folder: Path) -> Path:
    """Preview tickets go to the site's spool folder (relative: to the data folder, the
    one beside an SQLite file), else to `spool/` there."""
    # A relative folder is taken from the data folder, as the voice pack is.
    return data_folder.resolve() / (site.printer.spool_dir or "spool")
