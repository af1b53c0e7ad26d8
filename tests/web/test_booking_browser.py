"""Booking and the near-turn alert in a real headless Chromium at phone size: book a time
from the services page with taps, the booking's QR read back from the screen, cancel
with confirmation; the ticket page's "Almost your turn" without a reload. Screenshots
go to shots_dir("web")."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect

from shared.storage.api import Store
from shared.web.app import WebSettings
from tests.storage.test_bookings import make_booking_db
from tests.support.backends import Location
from tests.support.clock import FakeClock
from tests.support.web import LiveServer
from tests.web.test_browser import browser, open_ticket, phone, shot

__all__ = ["browser", "phone"]  # the fixtures, shared with the ticket page's tests

# Records the near-turn sound (headless Chromium has no speaker to listen to).
RECORD_SOUND = """
window.__tones = 0;
window.AudioContext = function () {
  return {
    currentTime: 0, destination: {},
    createGain: function () { return { gain: {}, connect: function () {} }; },
    createOscillator: function () {
      return { frequency: {}, connect: function () {}, stop: function () {},
               start: function () { window.__tones += 1; } };
    }
  };
};
"""


@pytest.fixture
def booking_web(
    tmp_path: Path, new_location: Callable[[str], Location], clock: FakeClock
) -> Iterator[LiveServer]:
    location: Location = make_booking_db(tmp_path, new_location("khiu.db"))
    with LiveServer(location, WebSettings(poll_s=0.02), clock=clock) as live:
        yield live


def test_book_a_time_with_taps_and_read_the_qr_back(booking_web: LiveServer, phone: Page) -> None:
    phone.goto(booking_web.url + "/")
    phone.get_by_role("link", name="จองเวลา").click()
    expect(phone.get_by_role("heading", name="จองเวลา")).to_be_visible()
    expect(phone.locator(".day.chosen")).to_contain_text("อ. 24 พ.ย. 2569")
    phone.locator(".days a").nth(1).click()  # tomorrow
    expect(phone.locator(".day.chosen")).to_contain_text("พ. 25 พ.ย. 2569")
    expect(phone.get_by_role("heading", name="เวลาว่าง วันพุธที่ 25 พฤศจิกายน พ.ศ. 2569")).to_be_visible()
    phone.evaluate("document.fonts.ready")
    shot(phone, "book-a-time", full=True)
    phone.get_by_role("button", name="09:00–09:30").click()

    expect(phone.locator(".booking-code")).to_be_visible()
    code = phone.locator(".booking-code").inner_text().strip()
    expect(phone.locator(".when")).to_contain_text("09:00–09:30")
    expect(phone.get_by_text("วิธีเช็กอิน")).to_be_visible()
    phone.evaluate("document.fonts.ready")
    path = shot(phone, "booking-page", full=True)
    token = phone.url.rsplit("/", 1)[-1]
    read = zxingcpp.read_barcodes(Image.open(path))
    assert [r.text for r in read] == [f"https://khiu.example.go.th/b/{token}"]
    assert len(code) == 6

    phone.get_by_role("link", name="ยกเลิกการจอง").click()
    shot(phone, "booking-cancel-confirm")
    phone.get_by_role("button", name="ยืนยัน ยกเลิกการจอง").click()
    expect(phone.get_by_text("ยกเลิกการจองแล้ว")).to_be_visible()
    shot(phone, "booking-cancelled")


def test_near_turn_alert_without_a_reload(server: LiveServer, desk: Store, phone: Page) -> None:
    phone.context.add_init_script(RECORD_SOUND)
    tickets = [desk.issue("DL") for _ in range(6)]
    open_ticket(phone, server, tickets[-1].token)  # 5 ahead: not near yet
    near = phone.locator(".near")
    expect(near).to_be_hidden()
    phone.locator(".code").click()  # the citizen touches the page: sound allowed
    desk.call_next(1)
    expect(phone.locator(".big:visible")).to_contain_text("รออีก 4 คิว", timeout=5000)
    expect(near).to_be_hidden()
    desk.call_next(1)
    expect(near).to_be_visible(timeout=5000)
    expect(phone.get_by_text("ใกล้ถึงคิวของคุณแล้ว")).to_be_visible()
    expect(phone).to_have_title("⏳ ใกล้ถึงคิว: A006")
    assert phone.evaluate("window.__vibrations") == [[200, 100, 200]]
    assert phone.evaluate("window.__tones") == 1
    assert phone.evaluate("parseFloat(getComputedStyle(document.querySelector('.near')).fontSize)") >= 30
    shot(phone, "ticket-near-turn")
    desk.call_next(1)  # nearer still: no second alert
    expect(phone.locator(".big:visible")).to_contain_text("รออีก 2 คิว", timeout=5000)
    assert phone.evaluate("window.__vibrations") == [[200, 100, 200]]
    assert phone.evaluate("window.__tones") == 1
