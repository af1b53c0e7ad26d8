"""The admin page with its tabs, in the order a site manager needs them."""

from __future__ import annotations

from counter import strings
from counter.pages.admin import AdminPage
from counter.pages.admin_counters import CountersTab
from counter.pages.admin_display import DisplayTab
from counter.pages.admin_floor import FloorTab
from counter.pages.admin_officers import OfficersTab
from counter.pages.admin_services import ServicesTab
from shared.qt.worker import StoreWorker


def build_admin_page(worker: StoreWorker) -> AdminPage:
    return AdminPage(
        worker,
        [
            (strings.TAB_OFFICERS, OfficersTab),
            (strings.TAB_FLOOR, FloorTab),
            (strings.TAB_SERVICES, ServicesTab),
            (strings.TAB_COUNTERS, CountersTab),
            (strings.TAB_DISPLAY, DisplayTab),
        ],
    )
