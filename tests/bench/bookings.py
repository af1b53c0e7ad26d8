"""Booking ahead under a rush: 1,000 concurrent `POST /api/bookings` from 250 client
addresses (127.0.0.2-251) for the slots of one day, on each backend.

The server is `khiu serve`'s app in its own process (its per-address booking limits on,
the general request rate limit off). Every request picks one of the day's slots at
random, so each slot sees dozens of phones racing for its last places. Figures:
bookings made against the day's capacity (must be equal, never over; checked per slot
in the database), the answers by status, p50/p95 latency, the server's RSS.
Asserts nothing about time.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import psutil

from shared.site import load_site_file
from shared.storage import open_store
from tests.bench.stats import summary_ms
from tests.bench.web import _raise_fd_limit
from tests.support.backends import raw
from tests.support.pg import start_server
from tests.support.web import free_port

REQUESTS = 1000
ADDRESSES = 250
PER_SLOT = 5
SLOT_MINUTES = 30
SITE = f"""
[site]
name_th = "ศูนย์ทดสอบ"
name_en = "Bench centre"

[[services]]
code = "DL"
prefix = "A"
name_th = "ใบขับขี่"
name_en = "Driving licence"
booking_per_slot = {PER_SLOT}
booking_slot_minutes = {SLOT_MINUTES}
hours = [{{ days = "mon-sun", open = "08:00", close = "16:00" }}]

[[counters]]
number = 1
services = ["DL"]
"""
SLOTS = (16 * 60) // SLOT_MINUTES - (8 * 60) // SLOT_MINUTES
CAPACITY = SLOTS * PER_SLOT


async def _post(port: int, address: str, body: bytes) -> tuple[int, float]:
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(address, 0))
    writer.write(
        b"POST /api/bookings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
        + body
    )
    await writer.drain()
    status_line = await reader.readline()
    await reader.read()
    writer.close()
    return int(status_line.split()[1]), time.perf_counter() - started


async def _rush(port: int, day: date) -> list[tuple[int, float]]:
    tz = ZoneInfo("Asia/Bangkok")
    first = datetime(day.year, day.month, day.day, 8, 0, tzinfo=tz)
    starts = [first + timedelta(minutes=SLOT_MINUTES * n) for n in range(SLOTS)]
    pick = random.Random(7)
    jobs = []
    for n in range(REQUESTS):
        body = json.dumps({"service": "DL", "start": pick.choice(starts).isoformat()}).encode()
        jobs.append(_post(port, f"127.0.0.{2 + n % ADDRESSES}", body))
    return await asyncio.gather(*jobs)


def _wait_listening(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("the web server did not start") from None
            time.sleep(0.05)


def _one(label: str, location: str, folder: Path) -> None:
    site_file = folder / "site.toml"
    site_file.write_text(SITE, "utf-8")
    store = open_store(location, create=True)
    store.load_site(load_site_file(site_file))
    day = date.fromisoformat(store.today()) + timedelta(days=1)  # every slot in the future
    store.close()
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.bench.web_server", location, str(port)],
        env={**os.environ},
    )
    try:
        _wait_listening(port, proc)
        server = psutil.Process(proc.pid)
        wall = time.perf_counter()
        answers = asyncio.run(_rush(port, day))
        wall = time.perf_counter() - wall
        rss = server.memory_info().rss / 2**20
    finally:
        proc.terminate()
        proc.wait(10)
    statuses: dict[int, int] = {}
    for status, _ in answers:
        statuses[status] = statuses.get(status, 0) + 1
    per_slot = raw(location).execute(
        "SELECT slot_start, count(*) FROM bookings WHERE state = 'booked' GROUP BY slot_start"
    ).fetchall()
    stored = sum(n for _, n in per_slot)
    fullest = max((n for _, n in per_slot), default=0)
    print(
        f"{label}: {REQUESTS} requests from {ADDRESSES} addresses in {wall:.1f} s; "
        f"bookings made {statuses.get(201, 0)} (stored {stored}) of capacity {CAPACITY} "
        f"({SLOTS} slots x {PER_SLOT}); fullest slot {fullest}/{PER_SLOT}; "
        f"answers {dict(sorted(statuses.items()))}; server RSS {rss:.1f} MB",
        flush=True,
    )
    print(summary_ms(f"{label} POST /api/bookings", [t for _, t in answers]), flush=True)


def run() -> None:
    _raise_fd_limit()
    with tempfile.TemporaryDirectory() as folder:
        _one("sqlite", str(Path(folder) / "bookings.db"), Path(folder))
        server = start_server()
        try:
            _one("postgres", server.create_database("bench"), Path(folder))
        finally:
            server.destroy()


if __name__ == "__main__":
    run()
