"""The pages in a real headless Chromium (Debian's, driven by Playwright), phone-sized:
Thai first, live changes without a reload, the rating once, and a screenshot of every
state in shots_dir("web") for people to look at."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect, sync_playwright

from shared.i18n.waits import wait_range
from shared.storage.sqlite import SqliteStore
from tests.support.clock import FakeClock
from tests.support.shots import shots_dir
from tests.support.web import LiveServer

CHROMIUM = "/usr/bin/chromium"
PHONE: ViewportSize = {"width": 390, "height": 844}
# Records vibrations (the page may call navigator.vibrate; headless has no motor).
RECORD_VIBRATE = """
window.__vibrations = [];
navigator.vibrate = function (p) { window.__vibrations.push(p); return true; };
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make venv` installs it (apt-get install chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="th-TH"
    )
    context.add_init_script(RECORD_VIBRATE)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on(
        "console",
        lambda msg: problems.append(f"console {msg.type}: {msg.text}")
        if msg.type == "error"
        else None,
    )
    page.problems = problems  # type: ignore[attr-defined]
    yield page
    context.close()
    assert problems == [], problems


def shot(page: Page, name: str, full: bool = False) -> Path:
    folder = shots_dir("web")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full)
    return path


def open_ticket(page: Page, server: LiveServer, token: str) -> None:
    page.goto(f"{server.url}/t/{token}")
    page.evaluate("document.fonts.ready")
    expect(page.locator("#live")).to_be_visible()  # the stream is connected


def test_phone_page_shows_the_ticket_in_thai(server: LiveServer, desk: SqliteStore, phone: Page) -> None:
    for _ in range(3):
        desk.issue("DL")
    ticket = desk.issue("DL")
    open_ticket(phone, server, ticket.token)
    expect(phone.locator(".code")).to_have_text("A004")
    expect(phone.get_by_text("หมายเลขคิวของคุณ")).to_be_visible()
    expect(phone.get_by_text("ต่ออายุใบอนุญาตขับรถ")).to_be_visible()
    expect(phone.locator(".big:visible")).to_contain_text("รออีก 3 คิว")
    expect(phone.locator(".wait:visible")).to_contain_text("นาที")
    assert phone.evaluate("document.fonts.check('20px Sarabun', 'ก')")
    assert phone.evaluate(
        "getComputedStyle(document.querySelector('.code')).fontFamily"
    ).startswith('"Sarabun"') or "Sarabun" in phone.evaluate(
        "getComputedStyle(document.querySelector('.code')).fontFamily"
    )
    fonts = phone.evaluate(
        "performance.getEntriesByType('resource').map(r => r.name).filter(n => n.includes('/fonts/'))"
    )
    assert fonts and all(n.endswith(".woff") for n in fonts), fonts  # the small subset
    shot(phone, "ticket-waiting")
    phone.locator("#lang-toggle").click()
    expect(phone.get_by_text("3 ahead of you")).to_be_visible()
    expect(phone.get_by_text("Your number")).to_be_visible()
    shot(phone, "ticket-waiting-en")


def said(desk: SqliteStore, token: str) -> tuple[str, str]:
    """The ticket's wait range as the store has it now, in the page's words."""
    low_high = desk.ticket(token).estimated_wait_range_min
    assert low_high is not None
    words = wait_range(*low_high)
    return words.th, words.en


def test_phone_page_says_the_wait_as_a_range_and_keeps_it_live(
    server: LiveServer, desk: SqliteStore, clock: FakeClock, phone: Page
) -> None:
    for _ in range(8):
        desk.issue("DL")
    ticket = desk.issue("DL")
    open_ticket(phone, server, ticket.token)
    th, en = said(desk, ticket.token)
    assert "–" in th and th.startswith("ประมาณ")  # nine ahead: a range, not "under 5"
    expect(phone.locator(".wait:visible")).to_contain_text(f"รอ{th}")
    served = 0
    while th == said(desk, ticket.token)[0]:  # the queue moves on until the words change
        clock.advance(minutes=10)
        desk.call_next(1)
        served += 1
        assert served < 9
    th, en = said(desk, ticket.token)
    expect(phone.locator(".wait:visible")).to_contain_text(f"รอ{th}", timeout=5000)
    phone.locator("#lang-toggle").click()
    expect(phone.get_by_text(f"Wait: {en}")).to_be_visible()
    shot(phone, "ticket-waiting-range-en")


def test_call_recall_and_rating_change_the_page_live(
    server: LiveServer, desk: SqliteStore, phone: Page
) -> None:
    ticket = desk.issue("DL")
    open_ticket(phone, server, ticket.token)
    started = time.monotonic()
    desk.call_next(1)
    callout = phone.locator("section[data-state=called]")
    expect(callout).to_be_visible(timeout=5000)
    print(f"\ncommit -> page shows the call: {(time.monotonic() - started) * 1000:.0f} ms")
    expect(callout).to_contain_text("เชิญที่ช่องบริการ")
    expect(callout.locator(".counter")).to_have_text("1")
    expect(phone).to_have_title("🔔 เชิญช่อง 1: A001")
    assert phone.evaluate("window.__vibrations.length") == 1
    phone.wait_for_timeout(3200)  # let the flash settle for the picture
    shot(phone, "ticket-called")

    desk.recall(1)
    expect(phone.get_by_text("เรียกซ้ำ ครั้งที่ 1")).to_be_visible(timeout=5000)
    assert phone.evaluate("window.__vibrations.length") == 2
    phone.wait_for_timeout(3200)
    shot(phone, "ticket-recalled")

    desk.finish(1)
    form = phone.locator("form.rate")
    expect(form).to_be_visible(timeout=5000)
    expect(phone.get_by_text("รับบริการเรียบร้อยแล้ว")).to_be_visible()
    expect(phone).to_have_title("A001 · สถานะคิว")
    shot(phone, "ticket-done-rate")
    form.locator("button[value='5']").click()
    expect(phone.get_by_text("ขอบคุณสำหรับความคิดเห็น")).to_be_visible()
    expect(form).to_be_hidden()
    shot(phone, "ticket-done-thanks")
    rated = [e for e in desk.changes(0) if e.kind == "rated"]
    assert [e.data for e in rated] == [{"rating": 5}]
    phone.reload()
    expect(phone.get_by_text("ขอบคุณสำหรับความคิดเห็น")).to_be_visible()
    expect(phone.locator("form.rate")).to_be_hidden()


@pytest.mark.parametrize(
    ("end", "text"),
    [
        ("no_show", "เรียกแล้วไม่พบผู้รับบริการ"),
        ("cancelled", "บัตรคิวนี้ถูกยกเลิกแล้ว"),
        ("transferred", "ย้ายมารอที่บริการนี้แล้ว"),
        ("expired", "บัตรคิวนี้หมดอายุแล้ว"),
    ],
)
def test_other_ends_say_so_plainly(
    server: LiveServer, desk: SqliteStore, clock: FakeClock, phone: Page, end: str, text: str
) -> None:
    desk.issue("SSO")
    ticket = desk.issue("DL")
    open_ticket(phone, server, ticket.token)
    if end == "cancelled":
        desk.cancel(ticket.token)
    elif end == "expired":
        clock.advance(days=1)
        desk.issue("DL")
    else:
        desk.call_next(1)
        if end == "no_show":
            desk.no_show(1)
        else:
            desk.transfer(1, "SSO")
    expect(phone.get_by_text(text)).to_be_visible(timeout=5000)
    if end == "transferred":
        expect(phone.locator(".service")).to_contain_text("ประกันสังคม")
        expect(phone.locator(".big:visible")).to_contain_text("รออีก 1 คิว")
    shot(phone, f"ticket-{end}")


def test_services_page(server: LiveServer, desk: SqliteStore, phone: Page) -> None:
    desk.issue("DL")
    phone.goto(server.url + "/")
    phone.evaluate("document.fonts.ready")
    expect(phone.get_by_text("บริการและคิวตอนนี้")).to_be_visible()
    dl = phone.locator("[data-svc=DL]")
    expect(dl.locator("[data-f=waiting]:visible")).to_have_text("1")
    expect(phone.locator("#live")).to_be_visible()
    desk.issue("DL")
    expect(dl.locator("[data-f=waiting]:visible")).to_have_text("2", timeout=5000)
    line = desk.status().service("DL")
    assert line is not None
    words = wait_range(*line.estimated_wait_range_min)
    expect(dl.locator("[data-when=wait]")).to_contain_text(f"รับบัตรตอนนี้ รอ{words.th}")
    shot(phone, "services")
    shot(phone, "services-full", full=True)


def test_unknown_ticket_page(server: LiveServer, phone: Page) -> None:
    phone.goto(server.url + "/t/" + "Q" * 24)
    expect(phone.get_by_text("ไม่พบหน้านี้ หรือบัตรคิวหมดอายุแล้ว")).to_be_visible()
    shot(phone, "not-found")
    # The page's own 404 status is the one expected console line.
    problems = phone.problems  # type: ignore[attr-defined]
    assert len(problems) == 1 and "404" in problems[0]
    problems.clear()
