"""Response headers every answer carries, the client address the limits count by, a
per-client token bucket and the bound on open live streams."""

from __future__ import annotations

import ipaddress
import time
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.web.errors import ErrorPages

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'; object-src 'none'"
)
STATIC_PREFIX = "/static/"


class SecurityHeaders:
    """CSP, nosniff, no-referrer and no framing on every response; `no-store` on all
    but the static files found (fonts, CSS, JS), which phones may keep for a day."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static_path = scope["path"].startswith(STATIC_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                static = static_path and message["status"] < 400  # errors are never kept
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() != b"cache-control" or not static
                ]
                names = {k.lower() for k, _ in headers}
                extra = [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    (b"cross-origin-resource-policy", b"same-origin"),
                ]
                if static:
                    extra.append((b"cache-control", b"public, max-age=86400"))
                elif b"cache-control" not in names:
                    extra.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers + [h for h in extra if h[0] not in names]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def client_key(scope: Scope) -> str:
    """The address the limits count by: the connection's peer, or the forwarded client
    when uvicorn trusts the proxy (it takes the address the proxy itself appended, so
    the addresses a client writes into X-Forwarded-For change nothing). An IPv6 client
    counts by its /64, which one home or phone holds whole."""
    client = scope.get("client")
    host = str(client[0]) if client else "?"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return host


class StreamSlots:
    """Open live streams counted per client and in all: past its share a client is
    refused (429), past the total everyone is (503), so no client can hold the
    descriptors the others need."""

    def __init__(self, total: int, per_client: int) -> None:
        self.total = total
        self.per_client = per_client
        self._open: dict[str, int] = {}
        self._count = 0

    @property
    def open(self) -> int:
        return self._count

    def take(self, client: str) -> int | None:
        """None when a slot was taken for `client`, else the status to refuse with."""
        held = self._open.get(client, 0)
        if held >= self.per_client:
            return 429
        if self._count >= self.total:
            return 503
        self._open[client] = held + 1
        self._count += 1
        return None

    def give_back(self, client: str) -> None:
        held = self._open.get(client, 0)
        if held <= 0:
            return
        if held == 1:
            del self._open[client]
        else:
            self._open[client] = held - 1
        self._count -= 1


@dataclass
class _Bucket:
    tokens: float
    at: float


class RateLimit:
    """Token bucket per client (`client_key`): `burst` requests at once, `rate` per
    second after that; beyond it the 429 error answer with Retry-After."""

    MAX_CLIENTS = 20_000  # forget full buckets beyond this many addresses

    def __init__(
        self, app: ASGIApp, *, pages: ErrorPages, rate: float = 5.0, burst: int = 60
    ) -> None:
        self.app = app
        self.pages = pages
        self.rate = rate
        self.burst = burst
        self._buckets: dict[str, _Bucket] = {}

    def _allow(self, client: str) -> bool:
        now = time.monotonic()
        bucket = self._buckets.get(client)
        if bucket is None:
            if len(self._buckets) >= self.MAX_CLIENTS:
                self._prune(now)
            bucket = self._buckets[client] = _Bucket(float(self.burst), now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.rate)
        bucket.at = now
        if bucket.tokens < 1:
            return False
        bucket.tokens -= 1
        return True

    def _prune(self, now: float) -> None:
        full = [
            k for k, b in self._buckets.items() if b.tokens + (now - b.at) * self.rate >= self.burst
        ]
        for key in full:
            del self._buckets[key]
        if len(self._buckets) >= self.MAX_CLIENTS:  # all busy: start afresh, stay bounded
            self._buckets.clear()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._allow(client_key(scope)):
            await self.app(scope, receive, send)
            return
        refusal = self.pages.answer(scope, 429, headers={"retry-after": "1"})
        await refusal(scope, receive, send)
