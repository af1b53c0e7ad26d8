"""Citizens' web pages: 1,000 concurrent SSE clients on loopback.

The server runs as its own process (`khiu serve`'s app under uvicorn). The bench opens
CLIENTS streams, one per waiting ticket of one service, then commits COMMITS calls at
that service: each call moves every waiting ticket one place up, so every client gets
an event. Figures: commit → event received (p50/p95/p99 over all clients and commits),
the server's RSS and CPU; then one ticket page in Chromium: bytes transferred, requests
(all first-party), time to first paint. Bounded in count and time; asserts nothing.
"""

from __future__ import annotations

import asyncio
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import psutil

from shared.paths import DEMO_SITE_FILE
from shared.site import load_site_file
from shared.storage.sqlite import SqliteStore
from tests.bench.stats import summary_ms
from tests.support.web import free_port

CLIENTS = 1000
COMMITS = 20
CONNECT_TIMEOUT_S = 60
EVENT_TIMEOUT_S = 15
CHROMIUM = "/usr/bin/chromium"


class Client:
    """A minimal SSE reader on a raw socket: counts `data:` messages and their times."""

    def __init__(self) -> None:
        self.arrivals: list[float] = []

    async def run(self, port: int, token: str) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            f"GET /api/tickets/{token}/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Accept: text/event-stream\r\n\r\n".encode()
        )
        await writer.drain()
        buffer = b""
        try:
            while True:
                chunk = await reader.read(65536)
                if not chunk:
                    return
                now = time.perf_counter()
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                count = sum(1 for line in lines if line.startswith(b"data: "))
                self.arrivals.extend([now] * count)
        finally:
            writer.close()


def _raise_fd_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, max(soft, CLIENTS * 2 + 256))
    resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))


async def _sse_bench(db: Path, port: int, server: psutil.Process) -> None:
    store = SqliteStore.open(db)
    tokens = [store.issue("DL").token for _ in range(CLIENTS + COMMITS + 1)]
    watched = tokens[COMMITS + 1 :]  # still waiting after every commit
    clients = [Client() for _ in watched]
    started = time.perf_counter()
    tasks = [asyncio.create_task(c.run(port, t)) for c, t in zip(clients, watched, strict=True)]
    deadline = time.monotonic() + CONNECT_TIMEOUT_S
    while sum(1 for c in clients if c.arrivals) < len(clients):
        if time.monotonic() > deadline:
            break
        await asyncio.sleep(0.05)
    connected = sum(1 for c in clients if c.arrivals)
    print(
        f"{connected} of {len(clients)} SSE clients connected in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )
    await asyncio.sleep(0.5)
    rss_idle = server.memory_info().rss
    cpu_before = server.cpu_times()
    wall_before = time.perf_counter()
    latencies: list[float] = []
    missed = 0
    for k in range(1, COMMITS + 1):
        t0 = time.perf_counter()
        await asyncio.to_thread(store.call_next, 1)
        deadline = time.monotonic() + EVENT_TIMEOUT_S
        while time.monotonic() < deadline:
            if all(len(c.arrivals) > k for c in clients if c.arrivals):
                break
            await asyncio.sleep(0.005)
        for c in clients:
            if len(c.arrivals) > k:
                latencies.append(c.arrivals[k] - t0)
            elif c.arrivals:
                missed += 1
        await asyncio.sleep(0.05)
    wall = time.perf_counter() - wall_before
    cpu_after = server.cpu_times()
    rss_peak = server.memory_info().rss
    cpu_s = (cpu_after.user + cpu_after.system) - (cpu_before.user + cpu_before.system)
    print(summary_ms(f"commit -> SSE event, {connected} clients", latencies), flush=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine load average (1 min) during the run: {load:.1f} on {os.cpu_count()} cores")
    print(f"events missed (not within {EVENT_TIMEOUT_S} s): {missed}")
    print(
        f"server RSS: {rss_idle / 2**20:.1f} MB with {connected} streams open, "
        f"{rss_peak / 2**20:.1f} MB after {COMMITS} commits; "
        f"server CPU {cpu_s:.2f} s over {wall:.1f} s ({100 * cpu_s / wall:.0f}% of one core, "
        f"{1000 * cpu_s / COMMITS:.0f} ms per commit fanned out to {connected} clients)",
        flush=True,
    )
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    store.close()


def _page_bench(db: Path, port: int) -> None:
    if not Path(CHROMIUM).exists():
        print("page bench skipped: no /usr/bin/chromium (make venv installs it)")
        return
    from playwright.sync_api import sync_playwright

    store = SqliteStore.open(db)
    token = store.issue("SSO").token
    store.close()
    base = f"http://127.0.0.1:{port}"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        urls: list[str] = []
        context.on("request", lambda r: urls.append(r.url))
        for label in ("first visit", "again (cached)"):
            urls.clear()
            page = context.new_page()
            page.goto(f"{base}/t/{token}", wait_until="load")
            page.wait_for_timeout(300)
            figures = page.evaluate(
                """() => {
                  const nav = performance.getEntriesByType('navigation')[0];
                  const res = performance.getEntriesByType('resource');
                  const paint = performance.getEntriesByType('paint');
                  const fcp = paint.find(p => p.name === 'first-contentful-paint');
                  const fp = paint.find(p => p.name === 'first-paint');
                  const sizes = res.map(r => [r.name, r.transferSize, r.decodedBodySize]);
                  return {html: nav.transferSize, htmlBody: nav.decodedBodySize,
                          sizes, fp: fp ? fp.startTime : null,
                          fcp: fcp ? fcp.startTime : null};
                }"""
            )
            transferred = figures["html"] + sum(s[1] for s in figures["sizes"])
            no_font = figures["html"] + sum(
                s[1] for s in figures["sizes"] if not s[0].endswith((".ttf", ".woff"))
            )
            third_party = [u for u in urls if not u.startswith(base)]
            print(
                f"ticket page, {label}: {transferred / 1024:.1f} KB transferred "
                f"({no_font / 1024:.1f} KB without the font), {len(urls)} requests, "
                f"third-party requests: {len(third_party)}; first paint "
                f"{figures['fp']:.0f} ms, first contentful paint {figures['fcp']:.0f} ms",
                flush=True,
            )
            if label == "first visit":
                for name, size, body in figures["sizes"]:
                    print(f"    {name.removeprefix(base)}: {size} B on the wire, {body} B body")
            page.close()
        context.close()
        browser.close()


def _run_clients(main: Coroutine[Any, Any, None]) -> None:
    """The 1,000 clients on uvloop where it is installed (as the server is): the
    client side then adds less of its own time to the figures."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(asyncio.wait_for(main, 300))
        return
    uvloop.run(asyncio.wait_for(main, 300))


def run() -> None:
    _raise_fd_limit()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "web.db"
        store = SqliteStore.open(db, create=True)
        store.load_site(load_site_file(DEMO_SITE_FILE))
        store.close()
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.bench.web_server", str(db), str(port)],
            env={**os.environ},
        )
        try:
            deadline = time.monotonic() + 20
            import socket

            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise RuntimeError("the web server did not start") from None
                    time.sleep(0.05)
            server = psutil.Process(proc.pid)
            print(f"server idle RSS: {server.memory_info().rss / 2**20:.1f} MB", flush=True)
            _run_clients(_sse_bench(db, port, server))
            _page_bench(db, port)
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    run()
