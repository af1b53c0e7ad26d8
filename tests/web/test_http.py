"""Every route, error and header of `khiu serve`, over real HTTP on loopback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest

from shared.i18n import glossary
from shared.site import load_site_file
from shared.storage.sqlite import SqliteStore
from shared.web.app import WebSettings
from tests.support.clock import FakeClock
from tests.support.web import LiveServer

CONTRACT_KEYS = {
    "code", "service", "state", "counter", "priority", "issued_at", "called_at",
    "finished_at", "token", "position", "estimated_wait_min", "status_url",
}


def get(server: LiveServer, path: str, **kw: object) -> httpx.Response:
    return httpx.get(server.url + path, timeout=10, **kw)  # type: ignore[arg-type]


def post(server: LiveServer, path: str, **kw: object) -> httpx.Response:
    return httpx.post(server.url + path, timeout=10, **kw)  # type: ignore[arg-type]


def assert_guarded(resp: httpx.Response) -> None:
    assert "default-src 'self'" in resp.headers["content-security-policy"]
    assert "script-src 'self'" in resp.headers["content-security-policy"]
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.headers["referrer-policy"] == "no-referrer"
    assert "Traceback" not in resp.text


def test_ticket_json_is_the_contract_shape_with_status_url(server: LiveServer, desk: SqliteStore) -> None:
    desk.issue("DL")
    ticket = desk.issue("DL")
    resp = get(server, f"/api/tickets/{ticket.token}")
    assert resp.status_code == 200
    assert_guarded(resp)
    assert resp.headers["cache-control"] == "no-store"
    data = resp.json()
    assert data.keys() >= CONTRACT_KEYS
    assert data["code"] == "A002" and data["state"] == "waiting" and data["position"] == 1
    assert data["status_url"] == desk.site().status_base_url + ticket.token
    assert data["rated"] is False


def test_ticket_page_is_thai_first_and_guarded(server: LiveServer, desk: SqliteStore) -> None:
    ticket = desk.issue("DL")
    resp = get(server, f"/t/{ticket.token}")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/html")
    assert_guarded(resp)
    assert resp.headers["cache-control"] == "no-store"
    assert '<html lang="th"' in resp.text and "หมายเลขคิวของคุณ" in resp.text
    assert "A001" in resp.text and "ต่ออายุใบอนุญาตขับรถ" in words(resp.text)
    assert '<script src="/static/ticket.js"' in resp.text and "<script>" not in resp.text
    assert 'http-equiv="refresh"' in resp.text  # the no-script fallback
    english = get(server, f"/t/{ticket.token}?lang=en")
    assert '<html lang="en"' in english.text


@pytest.mark.parametrize(
    "token",
    ["A001", "x" * 24, "short", "a" * 200, "%2e%2e%2fsecrets", "ZZZZZZZZZZZZZZZZZZZZZZZZ"],
)
def test_unknown_and_malformed_tokens_get_the_same_404(
    server: LiveServer, desk: SqliteStore, token: str
) -> None:
    desk.issue("DL")  # A001 exists: a code is never a key
    reference = get(server, "/t/" + "Q" * 24)
    page = get(server, f"/t/{token}")
    assert page.status_code == 404 and page.text == reference.text
    assert_guarded(page)
    api = get(server, f"/api/tickets/{token}")
    assert api.status_code == 404
    assert api.json() == get(server, "/api/tickets/" + "Q" * 24).json()
    assert get(server, f"/api/tickets/{token}/stream").status_code == 404


def test_old_tokens_are_unknown_but_yesterdays_expired_ticket_says_so(
    server: LiveServer, desk: SqliteStore, clock: FakeClock
) -> None:
    old = desk.issue("DL")
    clock.advance(days=1)
    yesterday = desk.issue("SSO")
    clock.advance(days=1)
    desk.issue("DL")  # the first write of the day expires yesterday's waiting tickets
    assert get(server, f"/api/tickets/{old.token}").status_code == 404
    assert get(server, f"/t/{old.token}").text == get(server, "/t/" + "Q" * 24).text
    data = get(server, f"/api/tickets/{yesterday.token}").json()
    assert data["state"] == "expired"
    assert "หมดอายุ" in get(server, f"/t/{yesterday.token}").text


def words(html: str) -> str:
    """The page's text without its markup (Thai site text comes in word pieces)."""
    return re.sub(r"<[^>]+>", "", html)


def test_services_page_shows_every_manual(server: LiveServer, desk: SqliteStore) -> None:
    desk.issue("DL")
    desk.issue("DL")
    resp = get(server, "/")
    assert resp.status_code == 200
    assert_guarded(resp)
    for service in desk.services():
        assert service.name_th in words(resp.text)
        for document in service.documents_th:
            assert document in words(resp.text)
    for field in (*glossary.MANUAL_FIELDS, glossary.ALWAYS_OPEN):  # as the kiosk says it
        assert f'<span lang="th">{field.th}</span><span lang="en">{field.en}</span>' in resp.text
    processing = glossary.processing_time(20)
    assert f'<span lang="th">{processing.th}</span><span lang="en">{processing.en}</span>' in resp.text
    data = get(server, "/api/services").json()
    dl = next(s for s in data["services"] if s["code"] == "DL")
    assert dl["waiting"] == 2 and dl["processing_minutes"] == 20
    assert {"open_now", "estimated_wait_min", "hours", "fee_th", "where_th"} <= dl.keys()


def test_site_text_is_escaped(tmp_path: Path, clock: FakeClock) -> None:
    site_file = tmp_path / "site.toml"
    site_file.write_text(
        """
[site]
name_th = "<script>alert(1)</script>"
name_en = "A & B <b>"
[[services]]
code = "X"
prefix = "X"
name_th = "<img src=x onerror=alert(2)>"
name_en = "X"
documents_th = ["<i>card</i>"]
[[counters]]
number = 1
services = ["X"]
""",
        encoding="utf-8",
    )
    db = tmp_path / "k.db"
    store = SqliteStore.open(db, create=True, clock=clock)
    store.load_site(load_site_file(site_file))
    ticket = store.issue("X")
    with LiveServer(db, WebSettings(), clock=clock) as live:
        for path in ("/", f"/t/{ticket.token}"):
            text = get(live, path).text
            assert "<script>alert" not in text and "<img src=x" not in text
            assert "&lt;script&gt;" in text or "&lt;img" in text
        assert "&lt;i&gt;card&lt;/i&gt;" in get(live, "/").text
    store.close()


def test_rating_once_after_service(server: LiveServer, desk: SqliteStore) -> None:
    ticket = desk.issue("DL")
    url = f"/api/tickets/{ticket.token}/feedback"
    assert post(server, url, json={"rating": 5}).status_code == 409  # still waiting
    desk.call_next(1)
    assert post(server, url, json={"rating": 5}).status_code == 409  # being served
    desk.finish(1)
    for bad in ({"rating": 0}, {"rating": 6}, {"rating": "5"}, {"rating": True},
                {"rating": 4.5}, {"stars": 5}, [5], 5):
        resp = post(server, url, json=bad)
        assert resp.status_code in (400, 422), bad
        assert_guarded(resp)
    resp = post(server, url, content=b"{not json", headers={"content-type": "application/json"})
    assert resp.status_code == 400
    ok = post(server, url, json={"rating": 4})
    assert ok.status_code == 201 and ok.json() == {"rating": 4}
    again = post(server, url, json={"rating": 1})
    assert again.status_code == 409
    assert get(server, f"/api/tickets/{ticket.token}").json()["rated"] is True
    rated = [e for e in desk.changes(0) if e.kind == "rated"]
    assert len(rated) == 1
    assert rated[0].data == {"rating": 4} and rated[0].service == "DL"
    assert rated[0].ticket == "A001"
    assert post(server, "/api/tickets/" + "Q" * 24 + "/feedback", json={"rating": 3}).status_code == 404


def test_no_script_rating_form_redirects_back(server: LiveServer, desk: SqliteStore) -> None:
    ticket = desk.issue("DL")
    desk.call_next(1)
    desk.finish(1)
    resp = post(server, f"/api/tickets/{ticket.token}/feedback", data={"rating": "3"})
    assert resp.status_code == 303 and resp.headers["location"] == f"/t/{ticket.token}"
    page = get(server, f"/t/{ticket.token}").text
    assert "ขอบคุณ" in page


def test_bad_requests_get_clean_4xx(server: LiveServer, desk: SqliteStore) -> None:
    ticket = desk.issue("DL")
    desk.call_next(1)
    desk.finish(1)
    url = f"/api/tickets/{ticket.token}/feedback"
    huge = post(server, url, content=b"{" + b" " * 100_000 + b"}",
                headers={"content-type": "application/json"})
    assert huge.status_code == 413
    assert post(server, url, content=b"rating=5", headers={"content-type": "text/plain"}).status_code == 415
    assert get(server, "/nope").status_code == 404
    assert get(server, "/api/nope").json()["status"] == 404
    assert get(server, "/static/../../etc/passwd").status_code == 404
    assert httpx.put(server.url + f"/api/tickets/{ticket.token}").status_code == 405
    assert get(server, url).status_code == 405
    assert httpx.delete(server.url + "/").status_code == 405
    for resp in (huge, get(server, "/nope")):
        assert_guarded(resp)
    # none of it rated the ticket
    assert get(server, f"/api/tickets/{ticket.token}").json()["rated"] is False


def test_static_font_and_script_are_served_and_cacheable(server: LiveServer) -> None:
    font = get(server, "/static/fonts/Sarabun-Regular.ttf")
    assert font.status_code == 200 and len(font.content) > 10_000
    assert font.headers["cache-control"].startswith("public")
    woff = get(server, "/static/fonts/Sarabun-Bold.woff")
    assert woff.status_code == 200 and woff.content[:4] == b"wOFF"
    assert woff.headers["content-type"] == "font/woff" and len(woff.content) < 40_000
    assert get(server, "/static/fonts/Nope.woff").status_code == 404
    assert get(server, "/static/fonts/..%2F..%2Fsecret.woff").status_code == 404
    script = get(server, "/static/ticket.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert_guarded(script)


def test_rate_limit_per_client_address(db_path: Path, clock: FakeClock) -> None:
    with LiveServer(db_path, WebSettings(rate=0.5, burst=3), clock=clock) as live:
        codes = [get(live, "/api/services").status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200] and codes[-1] == 429
        limited = get(live, "/api/services")
        assert limited.headers["retry-after"] == "1"
        assert_guarded(limited)


def test_ticket_json_from_the_cli_carries_status_url(db_path: Path) -> None:
    import contextlib
    import io

    from shared.cli.main import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--db", str(db_path), "--json", "issue", "DL"]) == 0
    data = json.loads(out.getvalue())
    assert data["status_url"].endswith("/" + data["token"])
