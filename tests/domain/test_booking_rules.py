"""Booking ahead as pure rules and site file fields: slots from opening hours, the
check-in window, booking codes, and the site file's booking settings."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from shared.domain.booking import (
    CODE_ALPHABET,
    CheckinWindow,
    booking_url,
    day_slots,
    looks_like_booking_code,
    new_booking_code,
    normal_code,
)
from shared.domain.errors import SiteFileError
from shared.domain.model import OpeningHours
from shared.site import load_site_file
from tests.support.small_site import SMALL_SITE, write_site

BANGKOK = ZoneInfo("Asia/Bangkok")
TUESDAY = date(2026, 11, 24)


def test_slots_fill_each_window_back_to_back_and_end_by_its_close() -> None:
    hours = (
        OpeningHours(days=(0, 1, 2, 3, 4), opens="08:30", closes="10:00"),
        OpeningHours(days=(1,), opens="13:00", closes="13:50"),
    )
    slots = day_slots(hours, TUESDAY, BANGKOK, 20)
    starts = [s.start.strftime("%H:%M") for s in slots]
    assert starts == ["08:30", "08:50", "09:10", "09:30", "13:00", "13:20"]
    assert slots[0].start.tzinfo is BANGKOK
    assert slots[-1].end == datetime(2026, 11, 24, 13, 40, tzinfo=BANGKOK)


def test_no_slots_on_a_closed_day_and_all_day_without_hours() -> None:
    weekdays = (OpeningHours(days=(0, 1, 2, 3, 4), opens="08:30", closes="16:30"),)
    assert day_slots(weekdays, date(2026, 11, 29), BANGKOK, 15) == []  # a Sunday
    all_day = day_slots((), TUESDAY, BANGKOK, 60)
    assert len(all_day) == 24
    assert all_day[-1].end == datetime(2026, 11, 25, 0, 0, tzinfo=BANGKOK)


def test_overlapping_windows_give_no_double_slot() -> None:
    hours = (
        OpeningHours(days=(1,), opens="09:00", closes="10:00"),
        OpeningHours(days=(1,), opens="09:30", closes="10:30"),
    )
    starts = [s.start.strftime("%H:%M") for s in day_slots(hours, TUESDAY, BANGKOK, 30)]
    assert starts == ["09:00", "09:30", "10:00"]


def test_checkin_window_edges() -> None:
    start = datetime(2026, 11, 24, 10, 0, tzinfo=BANGKOK)
    window = CheckinWindow.of(start, 30, 15)
    assert window.too_early(start - timedelta(minutes=31))
    assert not window.too_early(start - timedelta(minutes=30))
    assert not window.missed(start + timedelta(minutes=15))
    assert window.missed(start + timedelta(minutes=15, seconds=1))


def test_booking_codes_are_unambiguous_and_never_a_ticket_code() -> None:
    codes = {new_booking_code() for _ in range(2000)}
    assert len(codes) > 1990
    for code in codes:
        assert len(code) == 6 and set(code) <= set(CODE_ALPHABET)
        assert looks_like_booking_code(code)
    assert not set("0O1IL2Z5S8B") & set(CODE_ALPHABET)
    assert normal_code(" ak-3 7 x9 ") == "AK37X9"
    assert not looks_like_booking_code("A001")


def test_booking_url_replaces_the_last_t() -> None:
    assert booking_url("https://q.example/t/", "TOKEN") == "https://q.example/b/TOKEN"
    assert booking_url("http://10.0.0.5:8080/t/", "x") == "http://10.0.0.5:8080/b/x"


def test_site_file_booking_fields_and_defaults(tmp_path: Path) -> None:
    text = SMALL_SITE.format(fairness=3).replace(
        "processing_minutes = 20",
        "processing_minutes = 20\nbooking_per_slot = 2\nbooking_slot_minutes = 30\n"
        "booking_days_ahead = 7",
    ).replace("priority_fairness = 3", "priority_fairness = 3\ncheckin_early_minutes = 20\n"
              "checkin_late_minutes = 10")
    site = load_site_file(write_site(tmp_path, text=text + "\n[web]\nnear_turn_ahead = 5\n"))
    dl, sso = site.services
    assert (dl.booking_per_slot, dl.booking_slot_minutes, dl.booking_days_ahead) == (2, 30, 7)
    assert sso.booking_per_slot == 0
    assert (sso.booking_slot_minutes, sso.booking_days_ahead) == (15, 14)
    assert (site.checkin_early_minutes, site.checkin_late_minutes) == (20, 10)
    assert site.web.near_turn_ahead == 5
    defaults = load_site_file(write_site(tmp_path))
    assert (defaults.checkin_early_minutes, defaults.checkin_late_minutes) == (30, 15)
    assert defaults.web.near_turn_ahead == 3


@pytest.mark.parametrize(
    ("old", "new", "key", "thai"),
    [
        ("processing_minutes = 20", "booking_per_slot = -1", "services[0].booking_per_slot",
         "ต้องเป็นจำนวนเต็ม"),
        ("processing_minutes = 20", "booking_slot_minutes = 2",
         "services[0].booking_slot_minutes", "5 ถึง 480"),
        ("processing_minutes = 20", 'booking_days_ahead = "7"',
         "services[0].booking_days_ahead", "ต้องเป็นจำนวนเต็ม"),
        ("priority_fairness = 3", "checkin_late_minutes = 1000", "site.checkin_late_minutes",
         "0 ถึง 720"),
        ("processing_minutes = 20", "booking_per_slots = 2", "services[0].booking_per_slots",
         "ไม่รู้จักคีย์"),
    ],
)
def test_site_file_booking_fields_refused_with_thai_first(
    tmp_path: Path, old: str, new: str, key: str, thai: str
) -> None:
    text = SMALL_SITE.format(fairness=3).replace(old, new, 1)
    with pytest.raises(SiteFileError) as caught:
        load_site_file(write_site(tmp_path, text=text))
    assert key in caught.value.message_en and key in caught.value.message_th
    assert thai in caught.value.message_th


def test_web_near_turn_refused_out_of_range(tmp_path: Path) -> None:
    text = SMALL_SITE.format(fairness=3) + "\n[web]\nnear_turn_ahead = 99\n"
    with pytest.raises(SiteFileError, match=r"web\.near_turn_ahead"):
        load_site_file(write_site(tmp_path, text=text))
