"""One client cannot take `khiu serve` down: a real server process held to 1,024
descriptors, flooded with live streams from many loopback addresses, refuses each
address past its share (429) and everyone past the total (503), with the security
headers, while another client's pages keep answering."""

from __future__ import annotations

import json
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from shared.paths import DEMO_SITE_FILE
from shared.site import load_site_file
from shared.storage import open_store
from shared.web.limits import Capacity
from shared.web.security import StreamSlots, client_key
from tests.web.serve_process import ServeProcess

DESCRIPTORS = 1024  # a common default soft and hard limit; `prlimit --nofile=1024`


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    sock: socket.socket | None = field(repr=False)  # open while it is a live stream


def open_stream(port: int, source: str, path: str, forwarded: str | None = None) -> Answer:
    """GET `path` from the loopback address `source`; a 200 stays open (the caller
    closes it), a refusal is read whole and closed."""
    sock = socket.socket()
    sock.settimeout(20)
    sock.bind((source, 0))
    sock.connect(("127.0.0.1", port))
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
    if forwarded is not None:
        request += f"X-Forwarded-For: {forwarded}\r\n"
    sock.sendall((request + "\r\n").encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"the server closed the connection: {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:])}
    if status == 200:
        return Answer(status, headers, body, sock)
    while len(body) < int(headers["content-length"]):
        chunk = sock.recv(65536)
        assert chunk
        body += chunk
    sock.close()
    return Answer(status, headers, body, None)


def assert_guarded_json(answer: Answer, status: int) -> None:
    assert answer.status == status
    assert "default-src 'self'" in answer.headers["content-security-policy"]
    assert answer.headers["referrer-policy"] == "no-referrer"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["content-type"] == "application/json"
    assert int(answer.headers["retry-after"]) > 0
    error = json.loads(answer.body)
    assert error["status"] == status and error["error_th"] and error["error"]


def demo_database(tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "khiu.db"
    store = open_store(db, create=True)
    store.load_site(load_site_file(DEMO_SITE_FILE))
    token = store.issue("DL").token
    store.close()
    return db, token


@pytest.mark.slow
def test_a_flood_of_streams_is_refused_and_other_clients_are_served(tmp_path: Path) -> None:
    db, token = demo_database(tmp_path)
    capacity = Capacity.for_descriptors(DESCRIPTORS)
    per_client, total = capacity.streams_per_client, capacity.streams
    assert per_client < total <= DESCRIPTORS // 2  # well under the descriptor limit
    held: list[socket.socket] = []

    def keep(answer: Answer) -> Answer:
        if answer.sock is not None:
            held.append(answer.sock)
        return answer

    with ServeProcess(db, descriptors=DESCRIPTORS) as server:
        try:
            # Behind a proxy on this PC: the client writes what it likes into
            # X-Forwarded-For, the proxy appends the address it saw, and only that
            # one counts, so inventing addresses gains nothing.
            posed = [
                keep(open_stream(
                    server.port, "127.0.0.1", "/api/services/stream",
                    forwarded=f"198.51.100.{i}, 203.0.113.7",
                ))
                for i in range(per_client + 5)
            ]
            assert [a.status for a in posed] == [200] * per_client + [429] * 5
            assert_guarded_json(posed[-1], 429)

            # The flood: address after address, each past its share, until the
            # server is full. Ticket and services streams count alike.
            open_now = per_client
            expected: list[int] = []
            seen: list[int] = []
            addresses = (total - per_client) // per_client + 2
            for n in range(addresses):
                source, mine = f"127.0.0.{10 + n}", 0
                for k in range(per_client + 5):
                    path = f"/api/tickets/{token}/stream" if k % 2 else "/api/services/stream"
                    if mine == per_client:
                        expected.append(429)
                    elif open_now == total:
                        expected.append(503)
                    else:
                        expected.append(200)
                        mine += 1
                        open_now += 1
                    answer = keep(open_stream(server.port, source, path))
                    seen.append(answer.status)
                    if answer.status != 200:
                        assert_guarded_json(answer, answer.status)
            assert seen == expected
            assert {200, 429, 503} <= set(seen) and len(held) == total

            # Another phone: pages and JSON answer; only a new live stream waits.
            phone = httpx.Client(
                transport=httpx.HTTPTransport(local_address="127.0.0.250"), timeout=20
            )
            with phone:
                assert phone.get(f"{server.url}/api/services").status_code == 200
                assert phone.get(f"{server.url}/t/{token}").status_code == 200
                assert phone.get(f"{server.url}/api/tickets/{token}").status_code == 200
            full = open_stream(server.port, "127.0.0.250", "/api/services/stream")
            assert_guarded_json(full, 503)
        finally:
            for sock in held:
                sock.close()
            held.clear()

        # Closed streams give their slots back: the same phone gets one now.
        deadline = time.monotonic() + 20
        while True:
            again = keep(open_stream(server.port, "127.0.0.250", "/api/services/stream"))
            if again.status == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        for sock in held:
            sock.close()
        assert again.status == 200
    assert "Traceback" not in server.stderr, server.stderr


def test_slots_per_client_and_in_all_are_given_back() -> None:
    slots = StreamSlots(total=3, per_client=2)
    assert [slots.take("a"), slots.take("a"), slots.take("a")] == [None, None, 429]
    assert slots.take("b") is None and slots.take("c") == 503
    slots.give_back("a")
    assert slots.take("c") is None and slots.open == 3
    for client in ("a", "b", "c"):
        slots.give_back(client)
    slots.give_back("nobody")  # never held one: nothing changes
    assert slots.open == 0


@pytest.mark.parametrize(
    ("peer", "key"),
    [
        ("192.0.2.7", "192.0.2.7"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
        ("2001:db8:1:2:a:b:c:d", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::ffff", "2001:db8:1:2::/64"),
    ],
)
def test_a_client_counts_by_its_address_and_an_ipv6_client_by_its_64(
    peer: str, key: str
) -> None:
    assert client_key({"type": "http", "client": (peer, 5000)}) == key


def test_descriptors_bound_the_capacity() -> None:
    small = Capacity.for_descriptors(1024)
    assert small.connections < 1024 and small.streams == small.connections // 2
    assert Capacity.for_descriptors(1_048_576).connections == 10_000
    assert Capacity.for_descriptors(None).streams > 0  # Windows: no limit to read
