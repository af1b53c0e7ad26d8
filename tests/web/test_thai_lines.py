"""Thai on the phone pages, in Chromium at a 360 px phone's width: every demo service
name, agency, document line, fee and place breaks only between words (Chromium's own
dictionary splits ไข้|หวัดใหญ่), a number stays with its unit, and the text a reader
copies is the text as written."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from shared.i18n.thai_breaks import plain
from shared.storage.sqlite import SqliteStore
from tests.support.thai import assert_between_words, demo_texts
from tests.support.web import LiveServer
from tests.web.test_browser import browser, shot  # noqa: F401  (the module's Chromium)

PHONE_360: ViewportSize = {"width": 360, "height": 740}
# The lines an element's text is shown in: a new line where a character sits lower.
SHOWN_LINES = """
element => {
    const lines = [];
    let top = null;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode()); ) {
        for (let i = 0; i < node.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const box = range.getClientRects()[0];
            if (box && box.width && top !== null && box.top > top + box.height / 2) lines.push("");
            if (box && box.width) top = box.top;
            if (!lines.length) lines.push("");
            lines[lines.length - 1] += node.data[i];
        }
    }
    return lines.map(line => line.trim());
}
"""
SITE_TEXT = "[lang=th]:not(:has([lang])):not(ul), ul[lang=th] > li"


@pytest.fixture
def phone_360(browser: Browser) -> Iterator[Page]:  # noqa: F811
    context = browser.new_context(
        viewport=PHONE_360, device_scale_factor=2, is_mobile=True, has_touch=True, locale="th-TH"
    )
    page = context.new_page()
    yield page
    context.close()


def check_page(page: Page) -> set[str]:
    """Every demo text shown on the page, checked; returns those found."""
    page.evaluate("document.fonts.ready")
    sources = {plain(text): text for text in demo_texts()}
    found: set[str] = set()
    for element in page.locator(SITE_TEXT).all():
        if not element.is_visible():
            continue
        shown = element.text_content() or ""
        source = sources.get(shown.strip())
        if source is None:
            continue
        found.add(source)
        lines = element.evaluate(SHOWN_LINES)
        assert_between_words(source, lines)
    return found


def test_services_page_breaks_thai_between_words(
    server: LiveServer, desk: SqliteStore, phone_360: Page
) -> None:
    phone_360.goto(server.url + "/")
    expect(phone_360.locator("#live")).to_be_visible()
    found = check_page(phone_360)
    assert found == set(demo_texts())  # every demo text is on the page, and was checked
    shot(phone_360, "thai-services-360", full=True)
    # What a citizen copies is the text as written: no marks, no added characters.
    fee = phone_360.locator("[data-svc=DL] dd span[lang=th]").nth(1)
    assert fee.text_content() == "ใบอนุญาตขับรถยนต์ส่วนบุคคล 5 ปี 505 บาท"
    assert fee.evaluate("e => e.innerText") == "ใบอนุญาตขับรถยนต์ส่วนบุคคล 5 ปี 505 บาท"
    # What a screen reader reads is the text as written too (no pauses between pieces).
    heading = phone_360.locator("[data-svc=FLU] h2")
    assert "ฉีดวัคซีนป้องกันไข้หวัดใหญ่" in heading.aria_snapshot()


def test_ticket_page_breaks_the_service_name_between_words(
    server: LiveServer, desk: SqliteStore, phone_360: Page
) -> None:
    for code in ("FLU", "HC", "MH", "SSO"):
        ticket = desk.issue(code)
        phone_360.goto(f"{server.url}/t/{ticket.token}")
        expect(phone_360.locator("#ticket")).to_be_visible()
        found = check_page(phone_360)
        assert desk.service(code).name_th in found, found
        shot(phone_360, f"thai-ticket-{code}-360")
