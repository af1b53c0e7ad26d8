"""The HTML pages, which all work without JavaScript: the services page (`/`), a ticket's
page (`/t/{token}`), "Book a time" (`/book/{code}`) and a booking's page (`/b/{token}`)."""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from shared.web.booking import admitted, day_label, lang_suffix, parse_start, qr_data_uri
from shared.web.errors import NotFound, Refusal
from shared.web.limits import read_body
from shared.web.state import web_state
from shared.web.templates import lang_of, shows


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    template = web_state(request).templates.get_template(name)
    return HTMLResponse(template.render(**context), status_code=status)


async def services_page(request: Request) -> Response:
    data = await web_state(request).services.get()
    return page(request, "services.html", data=data, lang=lang_of(request))


async def ticket_page(request: Request) -> Response:
    web = web_state(request)
    token = request.path_params["token"]
    ticket = await web.ticket(token)
    site = await web.source.call(web.source.site)
    return page(
        request,
        "ticket.html",
        t=ticket,
        show=shows(ticket),
        token=token,
        lang=lang_of(request),
        site=site,
    )


async def book_page(request: Request) -> Response:
    code = request.path_params["code"].upper()
    return await _book(request, code, request.query_params.get("date"))


async def book_form(request: Request) -> Response:
    """The no-script booking: to the booking's page, or back to the day with the reason."""
    web = web_state(request)
    code = request.path_params["code"].upper()
    client = admitted(request, web.bookings)
    form = parse_qs((await read_body(request)).decode("utf-8", "replace"))
    site = await web.source.call(web.source.site)
    start = parse_start((form.get("start") or [""])[0], site.tz)
    if start is None:
        raise HTTPException(422)
    try:
        booking = await web.source.call(web.source.book, code, start)
    except Refusal as refusal:
        day = start.astimezone(site.tz).date().isoformat()
        return await _book(request, code, day, refusal)
    web.bookings.record(client)
    return RedirectResponse(f"/b/{booking['token']}{lang_suffix(request)}", status_code=303)


async def _book(
    request: Request, code: str, day: str | None, refusal: Refusal | None = None
) -> Response:
    """The day's free slots of a service that takes bookings (with a refusal's reason)."""
    web = web_state(request)
    services = {s["code"]: s for s in (await web.source.call(web.source.services))["services"]}
    service = services.get(code)
    if service is None or not service["booking"]:
        raise NotFound
    site = await web.source.call(web.source.site)
    today = web.source.clock().astimezone(site.tz).date()
    config = next(c for c in site.services if c.code == code)
    days = [today + timedelta(days=n) for n in range(config.booking_days_ahead + 1)]
    try:
        chosen = date.fromisoformat(day) if day else today
    except ValueError:
        raise NotFound from None
    slots = await web.source.call(web.source.slots, code, chosen.isoformat()) or []
    return page(
        request,
        "book.html",
        status=refusal.status_code if refusal else 200,
        s=service,
        site=site,
        lang=lang_of(request),
        days=[day_label(d) for d in days],
        chosen=chosen.isoformat(),
        chosen_label=day_label(chosen),
        slots=slots,
        refusal=refusal.body() if refusal else None,
    )


async def booking_page(request: Request) -> Response:
    web = web_state(request)
    token = request.path_params["token"]
    booking = await web.booking(token)
    site = await web.source.call(web.source.site)
    start = datetime.fromisoformat(booking["start"])
    return page(
        request,
        "booking.html",
        b=booking,
        site=site,
        token=token,
        lang=lang_of(request),
        day=day_label(start.date()),
        qr=qr_data_uri(booking["url"]),
        opens=booking["checkin_opens"][11:16],
        closes=booking["checkin_closes"][11:16],
        confirm=request.query_params.get("cancel") == "1",
    )


async def cancel_form(request: Request) -> Response:
    """The no-script cancel: back to the booking's page, which shows how it stands."""
    web = web_state(request)
    token = request.path_params["token"]
    with contextlib.suppress(Refusal):  # checked in or missed already: the page says so
        await web.source.call(web.source.cancel_booking, token)
    return RedirectResponse(f"/b/{token}{lang_suffix(request)}", status_code=303)
