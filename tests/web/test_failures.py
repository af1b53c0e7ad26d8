"""Failures of `khiu serve`: every answer, 4xx, 429 and 5xx alike, carries the security
headers, and a JSON error under /api/; a database down costs one log line per failed
request (no tracebacks); a port in use is one clear line."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from shared.paths import DEMO_SITE_FILE
from shared.site import load_site_file
from shared.storage import open_store
from shared.storage.api import Store
from shared.web.app import WebSettings
from shared.web.errors import ErrorPages, Failures
from shared.web.security import SecurityHeaders
from shared.web.templates import environment
from tests.support.clock import FakeClock
from tests.support.pg import PgServer
from tests.support.web import LiveServer
from tests.web.serve_process import ServeProcess, khiu_command

Location = str | Path


def assert_guarded(resp: httpx.Response, status: int) -> None:
    assert resp.status_code == status, (resp.request.url, resp.text)
    assert "default-src 'self'" in resp.headers["content-security-policy"]
    assert resp.headers["referrer-policy"] == "no-referrer"
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.headers["x-frame-options"] == "DENY"
    assert resp.headers["cache-control"] == "no-store"
    if resp.request.url.path.startswith("/api/"):
        assert resp.headers["content-type"] == "application/json"
        error = resp.json()
        assert error["status"] == status and error["error_th"] and error["error"]
    else:
        assert resp.headers["content-type"].startswith("text/html")
        assert '<html lang="th"' in resp.text and "Traceback" not in resp.text


def test_every_4xx_and_429_is_guarded(db_path: Location, clock: FakeClock) -> None:
    store = open_store(db_path, clock=clock)
    done = store.issue("DL").token
    waiting = store.issue("DL").token
    store.call_next(1)
    store.finish(1)
    store.close()
    feedback = f"/api/tickets/{done}/feedback"
    unknown = "Q" * 24
    cases: list[tuple[int, str, str, dict[str, object]]] = [
        (404, "GET", "/nope", {}),
        (404, "GET", f"/t/{unknown}", {}),
        (404, "GET", "/static/nope.css", {}),
        (404, "GET", "/api/nope", {}),
        (404, "GET", f"/api/tickets/{unknown}", {}),
        (404, "GET", f"/api/tickets/{unknown}/stream", {}),
        (405, "DELETE", "/", {}),
        (405, "POST", f"/t/{waiting}", {}),
        (405, "POST", "/static/khiu.css", {}),
        (405, "GET", feedback, {}),
        (405, "PUT", f"/api/tickets/{waiting}", {}),
        (400, "POST", feedback, {"content": b"{", "headers": {"content-type": "application/json"}}),
        (409, "POST", f"/api/tickets/{waiting}/feedback", {"json": {"rating": 3}}),
        (413, "POST", feedback, {"content": b" " * 5000}),
        (415, "POST", feedback, {"content": b"5", "headers": {"content-type": "text/plain"}}),
        (422, "POST", feedback, {"json": {"rating": 9}}),
    ]
    with LiveServer(db_path, WebSettings(), clock=clock) as live:
        for status, method, path, extra in cases:
            resp = httpx.request(method, live.url + path, timeout=10, **extra)  # type: ignore[arg-type]
            assert_guarded(resp, status)
            if status == 405:
                assert resp.headers["allow"]
    with LiveServer(db_path, WebSettings(rate=0.01, burst=2), clock=clock) as live:
        answers = [httpx.get(live.url + "/api/services", timeout=10) for _ in range(3)]
        answers.append(httpx.get(live.url + "/", timeout=10))  # the same address
        assert [a.status_code for a in answers] == [200, 200, 429, 429]
        for limited in answers[2:]:
            assert_guarded(limited, 429)
            assert limited.headers["retry-after"] == "1"


def test_503_while_the_database_is_gone_is_guarded(tmp_path: Path, clock: FakeClock) -> None:
    db = tmp_path / "khiu.db"
    store = open_store(db, create=True, clock=clock)
    store.load_site(load_site_file(DEMO_SITE_FILE))
    token = store.issue("DL").token
    store.close()
    with LiveServer(db, WebSettings(), clock=clock) as live:
        assert httpx.get(f"{live.url}/api/tickets/{token}", timeout=10).status_code == 200
        db.rename(tmp_path / "moved-away.db")
        for path in ("/", f"/t/{token}", "/api/services", f"/api/tickets/{token}",
                     f"/api/tickets/{token}/stream", "/api/services/stream"):
            assert_guarded(httpx.get(live.url + path, timeout=10), 503)
        rating = httpx.post(f"{live.url}/api/tickets/{token}/feedback", json={"rating": 5})
        assert_guarded(rating, 503)


def test_an_unexpected_error_is_a_guarded_500_and_one_log_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken(request: Request) -> Response:
        raise RuntimeError("a bug\nover two lines")

    pages = ErrorPages(environment())
    guarded = Starlette(
        routes=[Route("/api/broken", broken), Route("/broken", broken)],
        middleware=[Middleware(SecurityHeaders), Middleware(Failures, pages=pages)],
    )

    async def ask() -> tuple[httpx.Response, httpx.Response]:
        transport = httpx.ASGITransport(app=guarded)
        async with httpx.AsyncClient(transport=transport, base_url="http://web") as client:
            return await client.get("/api/broken"), await client.get("/broken")

    api, page = asyncio.run(ask())
    for resp in (api, page):
        assert resp.status_code == 500
        assert resp.headers["referrer-policy"] == "no-referrer"
    assert api.json()["status"] == 500 and page.text.startswith("<!")
    records = [r for r in caplog.records if r.name == "shared.web.errors"]
    assert [r.getMessage() for r in records] == [
        "500 GET /api/broken: a bug over two lines",
        "500 GET /broken: a bug over two lines",
    ]
    assert not any(r.exc_info for r in records)  # a traceback only with KHIU_DEBUG


def take_down(backend: str, db: Location, pg: Callable[[], PgServer]) -> None:
    """The database goes away under the running server."""
    if backend == "postgres":
        pg().drop_database(str(db))
    else:
        path = Path(db)
        shutil.move(path, path.with_name("moved-away.db"))


@pytest.mark.slow
def test_database_down_is_one_log_line_per_failed_request(
    backend: str, db_path: Location, request: pytest.FixtureRequest
) -> None:
    store: Store = open_store(db_path)
    token = store.issue("DL").token
    store.close()
    paths = ["/", f"/t/{token}", "/api/services", f"/api/tickets/{token}",
             f"/api/tickets/{token}/stream", "/api/services/stream"] * 3
    with ServeProcess(db_path) as server:
        assert server.get(f"/api/tickets/{token}").status_code == 200
        take_down(backend, db_path, lambda: request.getfixturevalue("pg_server"))
        for path in paths:
            assert server.get(path).status_code == 503
    lines = server.stderr.splitlines()
    assert "Traceback" not in server.stderr, server.stderr
    failed = [line for line in lines if line.startswith("khiu serve: 503 GET ")]
    assert len(failed) == len(paths), server.stderr
    assert token not in server.stderr  # the log says where, never the ticket's key
    assert "khiu serve: 503 GET /t/…: " in server.stderr
    # Besides the two start lines, only the change feed's retries (one a second).
    others = [line for line in lines[2:] if line not in failed]
    assert all(line.startswith("khiu serve: change feed: ") for line in others), others


@pytest.mark.slow
def test_khiu_debug_adds_the_traceback(tmp_path: Path) -> None:
    db = tmp_path / "khiu.db"
    open_store(db, create=True).close()
    with ServeProcess(db, env={"KHIU_DEBUG": "1"}) as server:
        shutil.move(db, tmp_path / "moved-away.db")
        assert server.get("/api/services").status_code == 503
    assert "503 GET /api/services" in server.stderr
    assert "Traceback" in server.stderr and "DatabaseError" in server.stderr


@pytest.mark.slow
def test_a_port_in_use_is_one_clear_line(tmp_path: Path) -> None:
    db = tmp_path / "khiu.db"
    open_store(db, create=True).close()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        for lang, words in (("th_TH.UTF-8", "พอร์ต " + port), ("C.UTF-8", "Port " + port)):
            done = subprocess.run(
                khiu_command("--db", str(db), "serve", "--host", "127.0.0.1", "--port", port),
                capture_output=True,
                text=True,
                timeout=60,
                env={**os.environ, "LANG": lang},
            )
            assert done.returncode != 0 and done.stdout == ""
            lines = done.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("khiu: ") and words in lines[0], lines
