"""The JSON API under /api/: the services, a ticket, its rating, a service's bookable
slots and bookings (the live streams are in `streams.py`)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from shared.domain.errors import BookingRefusedError
from shared.web.booking import admitted, parse_start
from shared.web.errors import Conflict, NotFound, Refusal
from shared.web.limits import read_body
from shared.web.state import web_state

FORM = "application/x-www-form-urlencoded"
_BOOKING_EXPECTED = (
    'ต้องส่ง {"service": รหัสบริการ, "start": เวลา ISO 8601}',
    'Send {"service": CODE, "start": ISO 8601}',
)


async def services_json(request: Request) -> Response:
    return JSONResponse(await web_state(request).services.get())


async def ticket_json(request: Request) -> Response:
    return JSONResponse(await web_state(request).ticket(request.path_params["token"]))


async def feedback(request: Request) -> Response:
    """The citizen's 1..5 rating of a done ticket, once; the ticket page's no-script form
    posts here too and goes back to the page."""
    web = web_state(request)
    token = request.path_params["token"]
    await web.ticket(token)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    rating = _rating_from(await read_body(request), content_type)
    try:
        await web.source.call(web.source.rate, token, rating)
    except Conflict:
        if content_type != FORM:
            raise
    if content_type == FORM:
        # Back to the page, which now shows the thank-you (or that it was rated already).
        return RedirectResponse(f"/t/{token}", status_code=303)
    return JSONResponse({"rating": rating}, status_code=201)


def _rating_from(body: bytes, content_type: str) -> int:
    """The 1..5 rating from a JSON body (or the no-script form); 400/415/422 otherwise."""
    if content_type == FORM:
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


async def slots_json(request: Request) -> Response:
    web = web_state(request)
    day = request.query_params.get("date")
    try:
        slots = await web.source.call(web.source.slots, request.path_params["code"], day)
    except BookingRefusedError as exc:  # a malformed date
        raise Refusal.of(422, exc) from None
    if slots is None:
        raise NotFound
    return JSONResponse(slots)


async def book_json(request: Request) -> Response:
    web = web_state(request)
    client = admitted(request, web.bookings)
    try:
        data = json.loads(await read_body(request))
    except (ValueError, UnicodeDecodeError):
        raise HTTPException(400) from None
    site = await web.source.call(web.source.site)
    start = parse_start(data.get("start") if isinstance(data, dict) else None, site.tz)
    code = data.get("service") if isinstance(data, dict) else None
    if start is None or not isinstance(code, str):
        raise Refusal(422, *_BOOKING_EXPECTED)
    booking = await web.source.call(web.source.book, code, start)
    web.bookings.record(client)
    return JSONResponse(booking, 201)


async def booking_json(request: Request) -> Response:
    return JSONResponse(await web_state(request).booking(request.path_params["token"]))


async def cancel_json(request: Request) -> Response:
    web = web_state(request)
    return JSONResponse(
        await web.source.call(web.source.cancel_booking, request.path_params["token"])
    )
