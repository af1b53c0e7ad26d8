"""The phone pages against WCAG 2.2 AA with axe-core, in Chromium at a small phone's width:
the services page, a ticket's page in each state, the "Book a time" page and a booking's
page (booked, asking to confirm a cancel, cancelled), in Thai and in English. No violation
of impact moderate or above; targets at least 24 px; text that can grow to 200 %."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, ViewportSize, expect

from shared.storage.sqlite import SqliteStore
from tests.support.clock import FakeClock
from tests.support.web import LiveServer
from tests.web.test_booking_browser import booking_web  # noqa: F401  (a site that takes bookings)
from tests.web.test_booking_http import book
from tests.web.test_browser import browser, shot  # noqa: F401  (the module's Chromium)

SMALL_PHONE: ViewportSize = {"width": 360, "height": 740}
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SERIOUS = ("moderate", "serious", "critical")
MIN_TARGET_PX = 24


@pytest.fixture
def audited(browser: Browser) -> Iterator[Page]:  # noqa: F811
    # axe is injected as a script: a page's strict CSP would refuse it.
    context = browser.new_context(
        viewport=SMALL_PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
        locale="th-TH", bypass_csp=True,
    )  # fmt: skip
    page = context.new_page()
    yield page
    context.close()


def audit(page: Page, name: str) -> None:
    """axe's WCAG 2.2 AA rules on the page as shown, in Thai and then in English."""
    page.evaluate("document.fonts.ready")
    for lang in ("th", "en"):
        if page.evaluate("document.documentElement.dataset.lang") != lang:
            page.locator("#lang-toggle").click()
            expect(page.locator("html")).to_have_attribute("data-lang", lang)
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
        found = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"]
            if v["impact"] in SERIOUS
        ]
        assert found == [], f"{name} ({lang}): {found}"
        assert_targets_large_enough(page, f"{name} ({lang})")
        shot(page, f"a11y-{name}-{lang}", full=True)
        assert_text_grows_to_200_percent(page, f"{name}-{lang}")


def assert_targets_large_enough(page: Page, name: str) -> None:
    """Every visible link and button is at least 24 by 24 CSS px (WCAG 2.2, 2.5.8), or is
    a link inside a line of text (the rule's inline exception)."""
    small = page.evaluate(
        """min => [...document.querySelectorAll('a, button, input, select, textarea')]
            .filter(e => e.getClientRects().length)
            .map(e => [e.outerHTML.slice(0, 60), e.getBoundingClientRect()])
            .filter(([_, r]) => r.width < min || r.height < min)
            .map(([html, r]) => [html, Math.round(r.width), Math.round(r.height)])""",
        MIN_TARGET_PX,
    )
    assert small == [], f"{name}: targets under {MIN_TARGET_PX} px: {small}"


def assert_text_grows_to_200_percent(page: Page, name: str) -> None:
    """With the text twice as large (WCAG 1.4.4), every text still shows: nothing runs
    off the side of the phone, and the page was not told to forbid zooming."""
    viewport = page.evaluate("document.querySelector('meta[name=viewport]').content")
    assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport
    page.evaluate("document.documentElement.style.fontSize = '40px'")  # 2 x 20 px
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    # A phone's browser widens its layout to fit what overflows: measure against the
    # phone's own width, not innerWidth.
    overflow = page.evaluate(
        """width => {
            const out = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node; (node = walker.nextNode()); ) {
                const range = document.createRange();
                range.selectNodeContents(node);
                const box = range.getBoundingClientRect();
                if (box.width && (box.right > width + 1 || box.left < -1)) out.push(node.data.trim());
            }
            if (document.documentElement.scrollWidth > width + 1) out.push("(page scrolls sideways)");
            return out;
        }""",
        SMALL_PHONE["width"],
    )
    shot(page, f"a11y-{name}-200pc", full=True)
    page.evaluate("document.documentElement.style.fontSize = ''")
    assert overflow == [], f"{name} at 200 %: {overflow}"


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("main")).to_be_visible()


def test_services_page(server: LiveServer, desk: SqliteStore, audited: Page) -> None:
    desk.issue("DL")
    open_page(audited, server.url + "/")
    audit(audited, "services")


@pytest.mark.parametrize("state", ["waiting", "called", "done", "rated", "no_show", "expired"])
def test_ticket_page(
    server: LiveServer, desk: SqliteStore, clock: FakeClock, audited: Page, state: str
) -> None:
    desk.issue("DL")
    ticket = desk.issue("DL")
    if state not in ("waiting", "expired"):
        desk.call_next(1)
        desk.call_next(1)
    if state in ("done", "rated"):
        desk.finish(1)
    if state == "no_show":
        desk.no_show(1)
    if state == "expired":
        clock.advance(days=1)
        desk.issue("DL")
    open_page(audited, f"{server.url}/t/{ticket.token}")
    expect(audited.locator("#ticket")).to_have_attribute(
        "data-state", "done" if state == "rated" else state
    )
    if state == "rated":
        audited.locator(".stars button").nth(4).click()
        expect(audited.locator(".thanks")).to_be_visible()
    audit(audited, f"ticket-{state}")


def test_book_a_time_page(booking_web: LiveServer, audited: Page) -> None:  # noqa: F811
    open_page(audited, booking_web.url + "/")
    audited.locator(".book-link").click()
    expect(audited.locator(".slots button").first).to_be_visible()
    audit(audited, "book-a-time")


@pytest.mark.parametrize("state", ["booked", "confirm_cancel", "cancelled"])
def test_booking_page(booking_web: LiveServer, audited: Page, state: str) -> None:  # noqa: F811
    token = book(booking_web, "2026-11-25T09:00:00+07:00").json()["token"]
    open_page(audited, f"{booking_web.url}/b/{token}")
    if state != "booked":
        audited.locator(".cancel a").click()
        expect(audited.locator("form.confirm")).to_be_visible()
    if state == "cancelled":
        audited.locator("form.confirm button").click()
    expect(audited.locator("#booking")).to_have_attribute(
        "data-state", "cancelled" if state == "cancelled" else "booked"
    )
    audit(audited, f"booking-{state}")
    # The language button keeps the page as it was: English still asks to confirm.
    expect(audited.locator("html")).to_have_attribute("data-lang", "en")
    expect(audited.locator("form.confirm")).to_have_count(1 if state == "confirm_cancel" else 0)
