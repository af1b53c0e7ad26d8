"""Booking ahead over real HTTP on both backends: the API's statuses per the contract,
per-address limits (429, other addresses still served), the booking's page and the
"Book a time" page without JavaScript, and the security headers on every answer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from shared.storage import open_store
from shared.storage.api import Store
from shared.web.app import WebSettings
from tests.storage.test_bookings import make_booking_db
from tests.support.backends import Location
from tests.support.clock import FakeClock
from tests.support.web import LiveServer
from tests.web.test_http import assert_guarded


@pytest.fixture
def booking_location(tmp_path: Path, new_location: Callable[[str], Location]) -> Location:
    return make_booking_db(tmp_path, new_location("khiu.db"))


@pytest.fixture
def web(booking_location: Location, clock: FakeClock) -> Iterator[LiveServer]:
    settings = WebSettings(poll_s=0.02, booking_limits=((600.0, 4), (86_400.0, 6)))
    with LiveServer(booking_location, settings, clock=clock) as live:
        yield live


@pytest.fixture
def desk(booking_location: Location, clock: FakeClock) -> Iterator[Store]:
    store = open_store(booking_location, clock=clock)
    yield store
    store.close()


def client(address: str = "127.0.0.1") -> httpx.Client:
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=10)


def book(web: LiveServer, start: str, service: str = "DL", address: str = "127.0.0.1") -> httpx.Response:
    with client(address) as http:
        return http.post(f"{web.url}/api/bookings", json={"service": service, "start": start})


def test_slots_api(web: LiveServer) -> None:
    with client() as http:
        slots = http.get(f"{web.url}/api/services/DL/slots?date=2026-11-25")
        assert slots.status_code == 200
        assert_guarded(slots)
        assert slots.json()[0] == {
            "start": "2026-11-25T08:00:00+07:00", "end": "2026-11-25T08:30:00+07:00", "free": 2
        }
        assert http.get(f"{web.url}/api/services/DL/slots").json()[0]["start"].startswith(
            "2026-11-24T10:00"
        )
        assert http.get(f"{web.url}/api/services/SSO/slots").json() == []
        assert http.get(f"{web.url}/api/services/XX/slots").status_code == 404
        bad = http.get(f"{web.url}/api/services/DL/slots?date=soon")
        assert bad.status_code == 422 and "YYYY-MM-DD" in bad.json()["error"]


def test_book_statuses(web: LiveServer) -> None:
    made = book(web, "2026-11-24T11:00:00+07:00")
    assert made.status_code == 201
    assert_guarded(made)
    booking = made.json()
    assert booking["state"] == "booked" and booking["url"].endswith("/b/" + booking["token"])
    assert book(web, "2026-11-24 11:00").status_code == 201  # site time without an offset
    full = book(web, "2026-11-24T11:00:00+07:00")
    assert full.status_code == 409 and "full" in full.json()["error"]
    assert "เต็ม" in full.json()["error_th"]
    for start, service, words in [
        ("2026-11-24T09:00:00+07:00", "DL", "in the past"),
        ("2026-11-24T11:10:00+07:00", "DL", "No slot starts"),
        ("2026-11-24T17:00:00+07:00", "DL", "closed"),
        ("2026-12-10T10:00:00+07:00", "DL", "days ahead"),
    ]:
        refused = book(web, start, service, address="127.0.0.2")
        assert refused.status_code == 422, (start, refused.text)
        assert words in refused.json()["error"]
    for service in ("SSO", "XX"):
        assert book(web, "2026-11-24T11:30:00+07:00", service, "127.0.0.3").status_code == 422
    with client("127.0.0.4") as http:
        assert http.post(f"{web.url}/api/bookings", content=b"{nope").status_code == 400
        assert http.post(f"{web.url}/api/bookings", json={"service": "DL"}).status_code == 422
        assert http.post(f"{web.url}/api/bookings", json=[1]).status_code == 422


def test_booking_json_cancel_and_404(web: LiveServer, desk: Store, clock: FakeClock) -> None:
    first = book(web, "2026-11-24T10:30:00+07:00").json()
    second = book(web, "2026-11-24T12:00:00+07:00").json()
    with client() as http:
        shown = http.get(f"{web.url}/api/bookings/{first['token']}")
        assert shown.status_code == 200 and shown.json()["code"] == first["code"]
        unknown = http.get(f"{web.url}/api/bookings/{'x' * 24}")
        malformed = http.get(f"{web.url}/api/bookings/bad%24token")
        assert unknown.status_code == malformed.status_code == 404
        assert unknown.json() == malformed.json()
        assert http.get(f"{web.url}/b/{'y' * 24}").status_code == 404
        assert http.post(f"{web.url}/api/bookings/{'x' * 24}/cancel").status_code == 404

        cancelled = http.post(f"{web.url}/api/bookings/{second['token']}/cancel")
        assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
        ticket = desk.check_in(first["code"])
        assert ticket.booking == first["code"]
        refused = http.post(f"{web.url}/api/bookings/{first['token']}/cancel")
        assert refused.status_code == 409 and "checked in" in refused.json()["error"]
        ticket_json = http.get(f"{web.url}/api/tickets/{ticket.token}").json()
        assert ticket_json["booking"] == first["code"]


def test_per_address_limit_is_429_and_others_are_served(web: LiveServer) -> None:
    starts = [f"2026-11-25T{h:02d}:00:00+07:00" for h in range(8, 16)]
    assert [book(web, s).status_code for s in starts[:4]] == [201] * 4
    over = book(web, starts[4])
    assert over.status_code == 429
    assert_guarded(over)
    assert over.headers["retry-after"] == "600"
    assert "ที่ตู้บัตรคิว" in over.json()["error_th"]
    assert book(web, starts[4], address="127.0.0.9").status_code == 201
    # Refusals do not count: a full slot does not use up the address's bookings.
    assert book(web, starts[5], address="127.0.0.10").status_code == 201


def test_booking_page_and_cancel_with_confirmation(web: LiveServer) -> None:
    booking = book(web, "2026-11-25T09:00:00+07:00").json()
    with client() as http:
        page = http.get(f"{web.url}/b/{booking['token']}")
        assert page.status_code == 200
        assert_guarded(page)
        html = page.text
        assert booking["code"] in html and "data:image/svg+xml;base64," in html
        assert "วันพุธที่ 25 พฤศจิกายน พ.ศ. 2569" in html and "09:00–09:30" in html
        assert html.index("วันพุธที่") < html.index("Wednesday 25 November 2026")  # Thai first
        assert "08:30–09:15" in html  # the check-in window
        assert "?cancel=1" in html and "ยืนยัน" not in html
        confirm = http.get(f"{web.url}/b/{booking['token']}?cancel=1").text
        assert f'action="/b/{booking["token"]}/cancel"' in confirm
        assert 'id="lang-toggle" href="?cancel=1&amp;lang=en"' in confirm  # still confirming
        done = http.post(f"{web.url}/b/{booking['token']}/cancel")
        assert done.status_code == 303 and done.headers["location"] == f"/b/{booking['token']}"
        after = http.get(f"{web.url}/b/{booking['token']}").text
        assert "ยกเลิกการจองแล้ว" in after and "data:image/svg" not in after
        assert "เก็บหน้านี้ไว้" not in after  # nothing left to check in with


def test_book_a_time_page_without_javascript(web: LiveServer) -> None:
    with client() as http:
        services = http.get(f"{web.url}/").text
        assert services.count('class="book-link"') == 1 and 'href="/book/DL"' in services
        form = http.get(f"{web.url}/book/DL?date=2026-11-25")
        assert form.status_code == 200
        assert_guarded(form)
        assert "วันพุธที่ 25 พฤศจิกายน พ.ศ. 2569" in form.text
        assert 'value="2026-11-25T08:00:00+07:00"' in form.text
        assert 'id="lang-toggle" href="?date=2026-11-25&amp;lang=en"' in form.text  # same day
        made = http.post(
            f"{web.url}/book/DL", data={"start": "2026-11-25T08:00:00+07:00"}
        )
        assert made.status_code == 303 and made.headers["location"].startswith("/b/")
        http.post(f"{web.url}/book/DL", data={"start": "2026-11-25T08:00:00+07:00"})
        full = http.post(f"{web.url}/book/DL", data={"start": "2026-11-25T08:00:00+07:00"})
        assert full.status_code == 409 and "เต็มแล้ว" in full.text
        assert http.get(f"{web.url}/book/SSO").status_code == 404
        assert http.get(f"{web.url}/book/XX").status_code == 404


def test_concurrent_requests_for_the_last_places_never_overbook(web: LiveServer) -> None:
    from concurrent.futures import ThreadPoolExecutor

    start = "2026-11-24T13:00:00+07:00"
    with ThreadPoolExecutor(max_workers=24) as pool:
        statuses = list(
            pool.map(lambda n: book(web, start, address=f"127.0.1.{n + 1}").status_code, range(24))
        )
    assert sorted(statuses).count(201) == 2  # the slot's two places, never more
    assert statuses.count(409) == 22
    with client() as http:
        slots = http.get(f"{web.url}/api/services/DL/slots").json()
    assert [s["free"] for s in slots if s["start"] == start] == [0]
