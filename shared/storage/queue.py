"""QueueStore: the `Store` on any `Database` adapter, composed from the parts of the
queue logic (each a small module, all written once for every backend)."""

from __future__ import annotations

from shared.storage.acts import ActOps
from shared.storage.bookings import BookingOps
from shared.storage.by_token import TokenReadOps
from shared.storage.calling import CallOps
from shared.storage.kiosk_help import KioskHelpOps
from shared.storage.numbering import IssueOps
from shared.storage.officer_admin import OfficerAdminOps
from shared.storage.officers import OfficerOps
from shared.storage.queries import ReadOps
from shared.storage.ratings import RatingOps
from shared.storage.reports import ReportOps
from shared.storage.site_load import SiteOps


class QueueStore(
    CallOps, BookingOps, IssueOps, ActOps, ReadOps, OfficerOps, OfficerAdminOps, SiteOps,
    ReportOps, RatingOps, TokenReadOps, KioskHelpOps,
):
    """The queue on one database: `QueueStore(db, clock)`; open one with `open_store`."""
