"""The live pages' Server-Sent Events: a ticket's stream and the services stream, each
woken by the hub on a change that concerns it and bounded per client and in all."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from shared.domain.errors import KhiuError
from shared.web.errors import Refusal
from shared.web.hub import Watch
from shared.web.security import client_key
from shared.web.state import WebState, web_state

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


def _open(request: Request, web: WebState) -> tuple[Watch, Callable[[], None]]:
    """A slot for this client and a watch, with the one call that gives both back;
    refused (429/503) when the client or the server holds too many streams."""
    client = client_key(request.scope)
    refused = web.streams.take(client)
    if refused is not None:
        th, en = STREAM_REFUSALS[refused]
        raise Refusal(refused, th, en, {"retry-after": STREAM_RETRY_AFTER_S})
    watch = web.hub.watch(None, None)

    def release() -> None:
        web.hub.unwatch(watch)
        web.streams.give_back(client)

    return watch, release


async def _wait(watch: Watch, keepalive_s: float) -> bool:
    """True when woken by a change, False after the keep-alive interval."""
    try:
        await asyncio.wait_for(watch.event.wait(), keepalive_s)
    except TimeoutError:
        return False
    watch.event.clear()
    return True


async def ticket_stream(request: Request) -> Response:
    web = web_state(request)
    token = request.path_params["token"]
    # Watch before the first read: a change committed between the read and the watch
    # would otherwise never wake this stream.
    watch, release = _open(request, web)
    try:
        first = await web.ticket(token)
    except BaseException:
        release()
        raise
    watch.service, watch.code = first["service"], first["code"]
    return _Stream(_ticket_events(web, watch, token, first), release)


async def _ticket_events(
    web: WebState, watch: Watch, token: str, first: dict[str, Any]
) -> AsyncIterator[str]:
    last = _sse(first)
    yield "retry: 2000\n" + last
    while True:
        if not await _wait(watch, web.settings.keepalive_s):
            yield ": keep-alive\n\n"
            continue
        try:
            ticket = await web.tickets.get(token)
        except KhiuError:
            # The database is away: keep the page open as it is; the feed wakes every
            # stream once it is back (no reconnect storm, no log line per phone).
            continue
        if ticket is None:
            return
        watch.service, watch.code = ticket["service"], ticket["code"]
        text = _sse(ticket)
        if text != last:
            last = text
            yield text


async def services_stream(request: Request) -> Response:
    web = web_state(request)
    watch, release = _open(request, web)
    try:  # read before answering: a database down is a 503, not an empty stream
        first = _sse(await web.services.get())
    except BaseException:
        release()
        raise
    return _Stream(_services_events(web, watch, first), release)


async def _services_events(web: WebState, watch: Watch, first: str) -> AsyncIterator[str]:
    last = first
    yield "retry: 2000\n" + last
    while True:
        woke = await _wait(watch, web.settings.keepalive_s)
        try:
            text = _sse(await web.services.get())
        except KhiuError:  # the database is away: keep the page as it is
            text = last
        if text != last:
            last = text
            yield text
        elif not woke:
            yield ": keep-alive\n\n"
