"""Printing fixtures: a sample Thai ticket."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from shared.printing.layout import TicketPrintout
from tests.support.printers import STATUS_URL

BANGKOK = ZoneInfo("Asia/Bangkok")


@pytest.fixture
def printout() -> TicketPrintout:
    return TicketPrintout(
        site_name_th="ศูนย์บริการร่วม กระทรวงมหาดไทย",
        site_name_en="Government Counter Service",
        service_name_th="ต่ออายุใบอนุญาตขับรถยนต์ส่วนบุคคล",
        service_name_en="Driving licence renewal",
        agency_th="กรมการขนส่งทางบก",
        code="A001",
        priority=True,
        people_ahead=3,
        estimated_wait_range_min=(10, 20),
        issued_at=datetime(2026, 11, 24, 13, 5, tzinfo=BANGKOK),
        status_url=STATUS_URL,
        documents_th=("บัตรประจำตัวประชาชน",),
        footer_th="ขอบคุณที่ใช้บริการ",
        footer_en="Thank you",
    )
