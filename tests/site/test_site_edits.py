"""The admin pages' changes to the site, in storage: each goes through the site file's
validation (same messages) and today's-history checks (as a reload), is stored in one
transaction and logged as `site_loaded` naming the admin; on both backends."""

from __future__ import annotations

import pytest

from shared.domain.errors import InvalidStateError, SiteFileError
from shared.domain.model import OpeningHours
from shared.site_edit import (
    add_counter,
    add_service,
    codes_from_text,
    edit_counter,
    edit_service,
    hours_from_text,
    hours_text,
    move_service,
    put_display,
    retire_counter,
)
from shared.site_export import site_toml
from shared.storage.api import Store


def _site_events(store: Store) -> list[dict[str, object]]:
    return [e.data for e in store.changes(0) if e.kind == "site_loaded"]


def test_a_citizen_manual_changed_by_the_admin(q: Store) -> None:
    before = len(_site_events(q))
    q.change_site(
        edit_service(
            "DL",
            {
                "documents_th": ["บัตรประจำตัวประชาชน", " "],
                "documents_en": ["Thai ID card"],
                "processing_minutes": 25,
                "fee_th": "505 บาท",
                "hours": [{"days": "mon-fri", "open": "08:30", "close": "16:30"}],
            },
        ),
        by="boss",
    )
    service = q.service("DL")
    assert service.documents_th == ("บัตรประจำตัวประชาชน",)  # blank lines dropped, as in a file
    assert service.processing_minutes == 25 and service.fee_th == "505 บาท"
    assert service.hours == (OpeningHours(days=(0, 1, 2, 3, 4), opens="08:30", closes="16:30"),)
    assert q.site().services[0].processing_minutes == 25
    events = _site_events(q)
    assert len(events) == before + 1 and events[-1] == {"name_en": "Test centre", "by": "boss"}


def test_a_refused_change_says_what_the_file_would_and_changes_nothing(q: Store) -> None:
    text, events = site_toml(q.site()), len(q.changes(0))
    with pytest.raises(SiteFileError) as copies:
        q.change_site(edit_service("DL", {"documents_th": ["สำเนาทะเบียนบ้าน"]}), by="boss")
    assert copies.value.message_en.startswith("site: services[0].documents_th[0]: asks for a photocopy")
    with pytest.raises(SiteFileError, match=r"services\[0\].hours\[0\].close: must be after open"):
        q.change_site(
            edit_service("DL", {"hours": [{"days": "mon", "open": "12:00", "close": "08:00"}]}),
            by="boss",
        )
    with pytest.raises(SiteFileError, match="SSO is listed twice"):
        q.change_site(add_service({"code": "sso", "prefix": "C", "name_th": "ก",
                                   "name_en": "X"}), by="boss")
    assert site_toml(q.site()) == text and len(q.changes(0)) == events


def test_adding_a_service_with_a_letter_used_today_is_refused(q: Store) -> None:
    q.issue("SSO")  # B001 today
    q.change_site(edit_service("SSO", {"prefix": "S"}), by="boss")  # SSO keeps its own history
    with pytest.raises(InvalidStateError) as refused:
        q.change_site(
            add_service({"code": "PP", "prefix": "B", "name_th": "หนังสือเดินทาง",
                         "name_en": "Passport"}),
            by="boss",
        )
    assert "Ticket letter B was already used today by SSO" in refused.value.message_en
    q.change_site(
        add_service({"code": "PP", "prefix": "P", "name_th": "หนังสือเดินทาง",
                     "name_en": "Passport"}),
        by="boss",
    )
    q.change_site(move_service("PP", -5), by="boss")
    assert [s.code for s in q.services()] == ["PP", "DL", "SSO"]


def test_counters_added_edited_and_retired(q: Store) -> None:
    q.change_site(add_counter({"number": 9, "services": ["SSO", "DL"]}), by="boss")
    q.change_site(add_counter({"number": 4, "services": ["DL"], "name_th": "ช่องด่วน",
                               "name_en": "Express"}), by="boss")
    assert [c.number for c in q.site().counters] == [1, 2, 3, 4, 9]
    assert q.counter(9).service_codes == ("SSO", "DL")
    q.change_site(edit_counter(9, {"services": ["DL", "SSO"]}), by="boss")
    assert q.counter(9).service_codes == ("DL", "SSO")
    with pytest.raises(SiteFileError, match="counter 4 is listed twice"):
        q.change_site(add_counter({"number": 4, "services": ["DL"]}), by="boss")
    with pytest.raises(SiteFileError, match="unknown service 'XX'"):
        q.change_site(edit_counter(4, {"services": ["XX"]}), by="boss")

    q.issue("DL")
    q.call_next(9)
    with pytest.raises(InvalidStateError, match="Counter 9 is not in the file, but it is serving A001"):
        q.change_site(retire_counter(9), by="boss")
    q.finish(9)
    q.change_site(retire_counter(9), by="boss")
    assert [c.number for c in q.counters()] == [1, 2, 3, 4]


def test_display_and_voice_settings(q: Store) -> None:
    q.change_site(
        put_display({"ticker_th": "ปิดปรับปรุงวันเสาร์", "ticker_en": "Closed on Saturday",
                     "recent_calls": 8}, {"engine": "chime", "english": False}),
        by="boss",
    )
    site = q.site()
    assert (site.display.ticker_th, site.display.recent_calls) == ("ปิดปรับปรุงวันเสาร์", 8)
    assert (site.voice.engine, site.voice.english) == ("chime", False)
    with pytest.raises(SiteFileError, match=r"display\.recent_calls: must be a whole number from 0 to 20"):
        q.change_site(put_display({"recent_calls": 50}, {}), by="boss")
    with pytest.raises(SiteFileError, match="bidirectional"):
        q.change_site(put_display({"ticker_en": "a\u202eb"}, {}), by="boss")


def test_hours_as_the_admin_page_edits_them(q: Store) -> None:
    text = "mon-fri 08:30-12:00\nsat,sun 09:00-12:00\n\n 13:00-16:30 "
    windows = hours_from_text(text)
    assert windows[2] == {"days": "mon-sun", "open": "13:00", "close": "16:30"}
    site = q.change_site(edit_service("DL", {"hours": windows}), by="boss")
    assert hours_text(site.services[0].hours) == (
        "mon-fri 08:30-12:00\nsat-sun 09:00-12:00\nmon-sun 13:00-16:30"
    )
    with pytest.raises(SiteFileError, match=r"hours\[0\]\.open: must be HH:MM"):
        q.change_site(edit_service("DL", {"hours": hours_from_text("mon 8.30-12:00")}), by="boss")
    assert codes_from_text(" dl, ,sso ") == ["DL", "SSO"]
