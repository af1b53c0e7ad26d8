"""The Starlette application behind `khiu serve`: pages, JSON, Server-Sent Events and
the rating, over the store through `source.StoreSource`."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from shared.clock import Clock, utc_now
from shared.domain.errors import KhiuError
from shared.paths import FONTS_DIR
from shared.storage import Location
from shared.web.booking import BOOKING_LIMITS, BookingPages, BookingQuota
from shared.web.errors import ErrorPages, Failures, Refusal
from shared.web.fonts import WebFonts
from shared.web.hub import POLL_S, Hub, Watch
from shared.web.limits import STREAMS_PER_CLIENT
from shared.web.pages import STATIC, environment, shows
from shared.web.security import RateLimit, SecurityHeaders, StreamSlots, client_key
from shared.web.source import StoreSource

KEEPALIVE_S = 15.0
SERVICES_REFRESH_S = 60.0  # open/closed-now changes with the clock, not with events
MAX_BODY = 1024  # a rating is a few bytes
STREAM_REFUSALS = {
    429: (
        "เปิดหน้าคิวจากที่อยู่นี้มากเกินไป ปิดบางหน้าแล้วลองใหม่",
        "Too many live pages open from this address; close some and try again",
    ),
    503: (
        "มีผู้เปิดหน้าคิวเต็มจำนวนแล้ว กรุณาลองใหม่สักครู่",
        "The server holds as many live pages as it can; try again in a moment",
    ),
}
STREAM_RETRY_AFTER_S = "5"


@dataclass
class WebSettings:
    """Knobs for tests and the bench; the defaults are what `khiu serve` runs."""

    rate: float = 5.0  # requests per second per client address, after the burst
    burst: int = 60
    readers: int = 4  # worker threads reading the store
    poll_s: float = POLL_S
    keepalive_s: float = KEEPALIVE_S
    rate_limit: bool = True
    streams: int = 2_000  # open live streams in all (`limits.Capacity` for `khiu serve`)
    streams_per_client: int = STREAMS_PER_CLIENT
    debug: bool = False  # a traceback in the log with each failure (KHIU_DEBUG)
    booking_limits: tuple[tuple[float, int], ...] = BOOKING_LIMITS  # (seconds, bookings)


class _TicketBatch:
    """Re-reads for the streams a change woke, gathered into one store read: a call moves
    a whole queue, and 1,000 pages then need 1,000 tickets, not 1,000 transactions."""

    GATHER_S = 0.002  # the woken streams all ask within this (the same loop turns)

    def __init__(self, source: StoreSource) -> None:
        self.source = source
        self._pending: dict[str, list[asyncio.Future[dict[str, Any] | None]]] = {}
        self._scheduled = False

    async def get(self, token: str) -> dict[str, Any] | None:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[dict[str, Any] | None] = loop.create_future()
        self._pending.setdefault(token, []).append(future)
        if not self._scheduled:
            self._scheduled = True
            loop.call_later(self.GATHER_S, self._flush)
        return await future

    def _flush(self) -> None:
        batch, self._pending, self._scheduled = self._pending, {}, False
        asyncio.get_running_loop().create_task(self._read(batch))

    async def _read(self, batch: dict[str, list[asyncio.Future[dict[str, Any] | None]]]) -> None:
        try:
            found = await self.source.call(self.source.tickets, list(batch))
        except Exception as exc:  # every waiting stream sees the same failure
            for futures in batch.values():
                for future in futures:
                    if not future.done():
                        future.set_exception(exc)
            return
        for token, futures in batch.items():
            for future in futures:
                if not future.done():
                    future.set_result(found.get(token))


class _ServicesCache:
    """The services figures, read once per change batch however many pages watch."""

    def __init__(self, source: StoreSource, hub: Hub) -> None:
        self.source, self.hub = source, hub
        self._lock = asyncio.Lock()
        self._key: tuple[int, int] | None = None
        self._data: dict[str, Any] = {}

    async def get(self) -> dict[str, Any]:
        async with self._lock:
            key = (self.hub.generation, int(time.monotonic() // SERVICES_REFRESH_S))
            if key != self._key:
                self._data = await self.source.call(self.source.services)
                self._key = key
            return self._data


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "th"


class _Stream(StreamingResponse):
    """A live stream that gives back what it holds (its slot, its watch) however it ends,
    even when the client left before the first byte and the body never started."""

    def __init__(self, body: AsyncIterator[str], release: Callable[[], None]) -> None:
        super().__init__(
            body,
            media_type="text/event-stream; charset=utf-8",
            headers={"cache-control": "no-store", "x-accel-buffering": "no"},
        )
        self.release = release

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.release()


def _sse(data: dict[str, Any]) -> str:
    return f"data: {json.dumps(data, ensure_ascii=False, separators=(',', ':'))}\n\n"


async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise HTTPException(413)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise HTTPException(413)
    return body


def _rating_from(body: bytes, content_type: str) -> int:
    """The 1..5 rating from a JSON body (or the no-script form); 400/422 otherwise."""
    if content_type == "application/x-www-form-urlencoded":
        values = parse_qs(body.decode("utf-8", "replace")).get("rating", [""])
        text = values[0].strip()
        if not text.isdigit():
            raise HTTPException(422)
        rating: Any = int(text)
    elif content_type in ("application/json", ""):
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise HTTPException(400) from None
        if not isinstance(data, dict) or "rating" not in data:
            raise HTTPException(422)
        rating = data["rating"]
    else:
        raise HTTPException(415)
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise HTTPException(422)
    return rating


def create_app(
    location: Location, settings: WebSettings | None = None, *, clock: Clock = utc_now
) -> Starlette:
    """The web app over the store at `location` (nothing is opened until it starts)."""
    settings = settings or WebSettings()
    source = StoreSource(location, readers=settings.readers, clock=clock)
    hub = Hub(source, poll_s=settings.poll_s)
    services_cache = _ServicesCache(source, hub)
    batch = _TicketBatch(source)
    fonts = WebFonts(FONTS_DIR)
    env = environment()
    errors = ErrorPages(env)
    slots = StreamSlots(settings.streams, settings.streams_per_client)

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context), status_code=status)

    async def ticket_or_404(token: str) -> dict[str, Any]:
        ticket = await source.call(source.ticket, token)
        if ticket is None:
            raise HTTPException(404)
        return ticket

    # ---------------------------------------------------------------- pages
    async def ticket_page(request: Request) -> Response:
        token = request.path_params["token"]
        ticket = await ticket_or_404(token)
        site = await source.call(source.site)
        return page(
            "ticket.html",
            t=ticket,
            show=shows(ticket),
            token=token,
            lang=_lang(request),
            site=site,
        )

    async def services_page(request: Request) -> Response:
        data = await services_cache.get()
        return page("services.html", data=data, lang=_lang(request))

    # ------------------------------------------------------------------ API
    async def ticket_json(request: Request) -> Response:
        return JSONResponse(await ticket_or_404(request.path_params["token"]))

    async def services_json(request: Request) -> Response:
        return JSONResponse(await services_cache.get())

    def open_stream(request: Request) -> tuple[Watch, Callable[[], None]]:
        """A slot for this client and a watch, with the one call that gives both back;
        refused (429/503) when the client or the server holds too many streams."""
        client = client_key(request.scope)
        refused = slots.take(client)
        if refused is not None:
            th, en = STREAM_REFUSALS[refused]
            raise Refusal(refused, th, en, {"retry-after": STREAM_RETRY_AFTER_S})
        watch = hub.watch(None, None)

        def release() -> None:
            hub.unwatch(watch)
            slots.give_back(client)

        return watch, release

    async def ticket_stream(request: Request) -> Response:
        token = request.path_params["token"]
        # Watch before the first read: a change committed between the read and the
        # watch would otherwise never wake this stream.
        watch, release = open_stream(request)
        try:
            first = await ticket_or_404(token)
        except BaseException:
            release()
            raise
        watch.service, watch.code = first["service"], first["code"]

        async def events() -> AsyncIterator[str]:
            last = _sse(first)
            yield "retry: 2000\n" + last
            while True:
                if not await _wait(watch):
                    yield ": keep-alive\n\n"
                    continue
                try:
                    ticket = await batch.get(token)
                except KhiuError:
                    # The database is away: keep the page open as it is; the feed
                    # wakes every stream once it is back (no reconnect storm, no log
                    # line per phone).
                    continue
                if ticket is None:
                    return
                watch.service, watch.code = ticket["service"], ticket["code"]
                text = _sse(ticket)
                if text != last:
                    last = text
                    yield text

        return _Stream(events(), release)

    async def services_stream(request: Request) -> Response:
        watch, release = open_stream(request)
        try:  # read before answering: a database down is a 503, not an empty stream
            first = _sse(await services_cache.get())
        except BaseException:
            release()
            raise

        async def events() -> AsyncIterator[str]:
            last = first
            yield "retry: 2000\n" + last
            while True:
                woke = await _wait(watch)
                try:
                    text = _sse(await services_cache.get())
                except KhiuError:  # the database is away: keep the page as it is
                    text = last
                if text != last:
                    last = text
                    yield text
                elif not woke:
                    yield ": keep-alive\n\n"

        return _Stream(events(), release)

    async def _wait(watch: Watch) -> bool:
        """True when woken by a change, False after the keep-alive interval."""
        try:
            await asyncio.wait_for(watch.event.wait(), settings.keepalive_s)
        except TimeoutError:
            return False
        watch.event.clear()
        return True

    async def web_font(request: Request) -> Response:
        data = await source.call(fonts.woff, request.path_params["name"])
        if data is None:
            raise HTTPException(404)
        return Response(data, media_type="font/woff")

    async def feedback(request: Request) -> Response:
        token = request.path_params["token"]
        await ticket_or_404(token)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        rating = _rating_from(await _read_body(request), content_type)
        outcome = await source.call(source.rate, token, rating)
        if content_type == "application/x-www-form-urlencoded" and outcome != "not_found":
            # The no-script form: back to the page, which now shows the thank-you.
            return RedirectResponse(f"/t/{token}", status_code=303)
        if outcome == "not_found":
            raise HTTPException(404)
        if outcome == "conflict":
            raise HTTPException(409)
        return JSONResponse({"rating": rating}, status_code=201)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await source.call(source.check)
        hub.start()
        # Cut the web fonts now, in the background, so the first phone does not wait.
        warm = threading.Thread(target=fonts.warm, name="khiu-web-fonts", daemon=True)
        warm.start()
        try:
            yield
        finally:
            hub.stop()
            source.close()

    # SecurityHeaders outermost: every answer below it, errors and refusals included,
    # gets the headers.
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(Failures, pages=errors, debug=settings.debug),
        Middleware(GZipMiddleware, minimum_size=600),
    ]
    if settings.rate_limit:
        middleware.append(
            Middleware(RateLimit, pages=errors, rate=settings.rate, burst=settings.burst)
        )
    app = Starlette(
        routes=[
            Route("/", services_page),
            Route("/t/{token}", ticket_page),
            Route("/api/services", services_json),
            Route("/api/services/stream", services_stream),
            Route("/api/tickets/{token}", ticket_json),
            Route("/api/tickets/{token}/stream", ticket_stream),
            Route("/api/tickets/{token}/feedback", feedback, methods=["POST"]),
            *BookingPages(source, page, _lang, BookingQuota(settings.booking_limits)).routes(),
            Route("/static/fonts/{name}.woff", web_font),
            Mount("/static/fonts", StaticFiles(directory=FONTS_DIR), name="fonts"),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        middleware=middleware,
        exception_handlers={HTTPException: errors.http_error},
        lifespan=lifespan,
    )
    app.state.hub = hub
    app.state.source = source
    app.state.streams = slots
    return app
