"""Server-Sent Events: the first message at once, a new one after each change of the
ticket, keep-alive comments, and many clients at once on loopback."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from shared.paths import DEMO_SITE_FILE
from shared.site import load_site_file
from shared.storage import open_store
from shared.storage.sqlite import SqliteStore
from shared.web.app import WebSettings
from tests.support.clock import FakeClock
from tests.support.web import LiveServer


class SseReader:
    """Reads `data:` messages and comments from a stream on a thread-free sync client."""

    def __init__(self, url: str) -> None:
        self.client = httpx.Client(timeout=httpx.Timeout(10, read=5))
        self.cm = self.client.stream("GET", url)
        self.resp = self.cm.__enter__()
        self.lines = self.resp.iter_lines()

    def next_message(self) -> dict[str, Any] | str:
        for line in self.lines:
            if line.startswith("data: "):
                return json.loads(line[6:])
            if line.startswith(":"):
                return line
        raise EOFError

    def close(self) -> None:
        self.cm.__exit__(None, None, None)
        self.client.close()


def test_stream_sends_the_ticket_then_each_change(server: LiveServer, desk: SqliteStore) -> None:
    ticket = desk.issue("DL")
    behind = desk.issue("DL")
    reader = SseReader(f"{server.url}/api/tickets/{behind.token}/stream")
    try:
        assert reader.resp.headers["content-type"].startswith("text/event-stream")
        assert reader.resp.headers["cache-control"] == "no-store"
        first = reader.next_message()
        assert isinstance(first, dict) and first["position"] == 1
        started = time.monotonic()
        desk.call_next(1)  # A001 called: A002 is next
        moved = reader.next_message()
        assert isinstance(moved, dict) and moved["position"] == 0
        assert time.monotonic() - started < 5
        desk.finish(1)
        desk.call_next(1)
        called = reader.next_message()
        assert isinstance(called, dict)
        assert called["state"] == "called" and called["counter"] == 1
        desk.recall(1)
        recalled = reader.next_message()
        assert isinstance(recalled, dict) and recalled["recall_count"] == 1
        desk.transfer(1, "SSO")
        moved_on = reader.next_message()
        assert isinstance(moved_on, dict)
        assert moved_on["service"] == "SSO" and moved_on["state"] == "waiting"
        assert moved_on["origin_service"] == "DL"
    finally:
        reader.close()
    assert ticket.code == "A001"


def test_keep_alive_comments(db_path: Path, clock: FakeClock, desk: SqliteStore) -> None:
    ticket = desk.issue("DL")
    with LiveServer(db_path, WebSettings(keepalive_s=0.2), clock=clock) as live:
        reader = SseReader(f"{live.url}/api/tickets/{ticket.token}/stream")
        try:
            assert isinstance(reader.next_message(), dict)
            assert reader.next_message() == ": keep-alive"
        finally:
            reader.close()


def test_services_stream_follows_waiting_counts(server: LiveServer, desk: SqliteStore) -> None:
    reader = SseReader(f"{server.url}/api/services/stream")
    try:
        first = reader.next_message()
        assert isinstance(first, dict)
        dl = next(s for s in first["services"] if s["code"] == "DL")
        desk.issue("DL")
        update = reader.next_message()
        assert isinstance(update, dict)
        assert next(s for s in update["services"] if s["code"] == "DL")["waiting"] == dl["waiting"] + 1
    finally:
        reader.close()


def test_closed_streams_are_forgotten(server: LiveServer, desk: SqliteStore) -> None:
    ticket = desk.issue("DL")
    hub, slots = server.app.state.hub, server.app.state.streams
    readers = [SseReader(f"{server.url}/api/tickets/{ticket.token}/stream") for _ in range(5)]
    readers.append(SseReader(f"{server.url}/api/services/stream"))
    for reader in readers:
        reader.next_message()
    assert hub.open_streams == 6 and slots.open == 6
    for reader in readers:
        reader.close()
    desk.call_next(1)  # a change makes the server notice the closed sockets at the latest
    deadline = time.monotonic() + 5
    while (hub.open_streams or slots.open) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert hub.open_streams == 0 and slots.open == 0  # watches and slots given back


@pytest.mark.slow
def test_many_concurrent_clients_all_get_the_change(
    db_path: Path, clock: FakeClock, desk: SqliteStore
) -> None:
    clients = 200
    tickets = [desk.issue("DL") for _ in range(clients)]
    # One test address holds all the pages here: its share is the whole server.
    settings = WebSettings(rate_limit=False, poll_s=0.02, streams_per_client=clients)

    async def run(url: str) -> list[dict[str, Any]]:
        ready = asyncio.Event()
        connected = 0
        limits = httpx.Limits(max_connections=clients + 10)
        async with httpx.AsyncClient(timeout=httpx.Timeout(20), limits=limits) as client:

            async def one(token: str) -> dict[str, Any]:
                nonlocal connected
                async with client.stream("GET", f"{url}/api/tickets/{token}/stream") as resp:
                    seen = 0
                    async for line in resp.aiter_lines():
                        if not line.startswith("data: "):
                            continue
                        seen += 1
                        if seen == 1:
                            connected += 1
                            if connected == clients:
                                ready.set()
                            continue
                        return json.loads(line[6:])
                raise EOFError

            tasks = [asyncio.create_task(one(t.token)) for t in tickets]
            await asyncio.wait_for(ready.wait(), 30)
            await asyncio.to_thread(desk.call_next, 1)
            return await asyncio.wait_for(asyncio.gather(*tasks), 30)

    with LiveServer(db_path, settings, clock=clock) as live:
        updates = asyncio.run(run(live.url))
    assert len(updates) == clients
    assert updates[0]["state"] == "called"
    assert all(u["position"] == i for i, u in enumerate(updates[1:]))


def test_open_streams_outlive_a_database_outage(tmp_path: Path, clock: FakeClock) -> None:
    db_path, away = tmp_path / "khiu.db", tmp_path / "away.db"  # the file moved away
    desk = open_store(db_path, create=True, clock=clock)
    desk.load_site(load_site_file(DEMO_SITE_FILE))
    ticket = desk.issue("DL")
    with LiveServer(db_path, WebSettings(keepalive_s=0.2), clock=clock) as live:
        hub = live.app.state.hub
        services = SseReader(f"{live.url}/api/services/stream")
        mine = SseReader(f"{live.url}/api/tickets/{ticket.token}/stream")
        try:
            first = services.next_message()
            assert isinstance(first, dict) and isinstance(mine.next_message(), dict)
            db_path.rename(away)
            # Both pages re-read now, while the database is away: what the feed
            # does when it reconnects (its own thread-safe wake-up).
            hub._post(None)
            assert services.next_message() == ": keep-alive"  # still open
            assert mine.next_message() == ": keep-alive"
            away.rename(db_path)
            desk.call_next(1)
            called = mine.next_message()
            while called == ": keep-alive":
                called = mine.next_message()
            assert isinstance(called, dict) and called["state"] == "called"
        finally:
            services.close()
            mine.close()
    desk.close()
