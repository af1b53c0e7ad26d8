"""Booking ahead on the phone: the API (`/api/services/{code}/slots`, `POST /api/bookings`,
`/api/bookings/{token}[/cancel]`), the "Book a time" page (`/book/{code}`) and the
booking's own page (`/b/{token}`), which work without JavaScript.

Per-address limits keep one client from emptying a day: past them, 429. Addresses are
counted in memory only and never stored."""

from __future__ import annotations

import base64
import json
import time
from collections import deque
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs

import qrcode
import qrcode.image.svg
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from shared.domain.errors import BookingRefusedError
from shared.i18n.dates import (
    ENGLISH_WEEKDAYS,
    english_long_date,
    english_short_date,
    thai_long_date,
    thai_short_date,
)
from shared.web.errors import Refusal
from shared.web.security import client_key
from shared.web.source import StoreSource

# (seconds, bookings): at most 3 bookings in 10 minutes and 10 in a day per address.
BOOKING_LIMITS: tuple[tuple[float, int], ...] = ((600.0, 3), (86_400.0, 10))
MAX_BOOKING_BODY = 1024
THAI_WEEKDAYS_SHORT = ("จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.", "อา.")
_OVER_LIMIT = (
    "จองจากที่อยู่นี้หลายครั้งเกินไป กรุณาลองใหม่ภายหลัง หรือรับบัตรคิวที่ตู้บัตรคิว",
    "Too many bookings from this address; try again later, or take a ticket at the kiosk",
)


class BookingQuota:
    """Bookings made per client address in rolling windows (memory only)."""

    def __init__(
        self,
        limits: tuple[tuple[float, int], ...] = BOOKING_LIMITS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = limits
        self.clock = clock
        self.longest = max(seconds for seconds, _ in limits)
        self._made: dict[str, deque[float]] = {}

    def allows(self, client: str) -> bool:
        now = self.clock()
        made = self._recent(client, now)
        return all(
            sum(1 for t in made if now - t < seconds) < most for seconds, most in self.limits
        )

    def record(self, client: str) -> None:
        now = self.clock()
        self._recent(client, now).append(now)
        if len(self._made) > 10_000:  # forget addresses whose bookings are all old
            for key in [k for k, v in self._made.items() if not v or now - v[-1] >= self.longest]:
                del self._made[key]

    def _recent(self, client: str, now: float) -> deque[float]:
        made = self._made.setdefault(client, deque())
        while made and now - made[0] >= self.longest:
            made.popleft()
        return made


def qr_data_uri(text: str) -> str:
    """The QR of `text` as an SVG data URI (the CSP allows data: images only)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def parse_start(text: Any, tz: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment


async def _body(request: Request) -> bytes:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BOOKING_BODY:
            raise HTTPException(413)
    return body


class BookingPages:
    """The booking routes over the app's store source and page renderer."""

    def __init__(
        self,
        source: StoreSource,
        page: Callable[..., HTMLResponse],
        lang_of: Callable[[Request], str],
        quota: BookingQuota,
    ) -> None:
        self.source, self.page, self.lang_of, self.quota = source, page, lang_of, quota

    def routes(self) -> list[Route]:
        return [
            Route("/book/{code}", self.book_page),
            Route("/book/{code}", self.book_form, methods=["POST"]),
            Route("/b/{token}", self.booking_page),
            Route("/b/{token}/cancel", self.cancel_form, methods=["POST"]),
            Route("/api/services/{code}/slots", self.slots_json),
            Route("/api/bookings", self.book_json, methods=["POST"]),
            Route("/api/bookings/{token}", self.booking_json),
            Route("/api/bookings/{token}/cancel", self.cancel_json, methods=["POST"]),
        ]

    def over_limit(self, request: Request) -> str:
        """The client's address, or 429 when it has made its share of bookings."""
        client = client_key(request.scope)
        if not self.quota.allows(client):
            raise Refusal(429, *_OVER_LIMIT, {"retry-after": "600"})
        return client

    async def booking_or_404(self, token: str) -> dict[str, Any]:
        booking = await self.source.call(self.source.booking, token)
        if booking is None:
            raise HTTPException(404)
        return booking

    def suffix(self, request: Request) -> str:
        return "?lang=en" if self.lang_of(request) == "en" else ""

    # ------------------------------------------------------------------ API
    async def slots_json(self, request: Request) -> Response:
        day = request.query_params.get("date")
        try:
            slots = await self.source.call(self.source.slots, request.path_params["code"], day)
        except BookingRefusedError as exc:
            return JSONResponse(
                {"error": exc.message_en, "error_th": exc.message_th, "status": 422}, 422
            )
        if slots is None:
            raise HTTPException(404)
        return JSONResponse(slots)

    async def book_json(self, request: Request) -> Response:
        client = self.over_limit(request)
        try:
            data = json.loads(await _body(request))
        except (ValueError, UnicodeDecodeError):
            raise HTTPException(400) from None
        site = await self.source.call(self.source.site)
        start = parse_start(data.get("start") if isinstance(data, dict) else None, site.tz)
        code = data.get("service") if isinstance(data, dict) else None
        if start is None or not isinstance(code, str):
            return JSONResponse(
                {
                    "error": 'Send {"service": CODE, "start": ISO 8601}',
                    "error_th": 'ต้องส่ง {"service": รหัสบริการ, "start": เวลา ISO 8601}',
                    "status": 422,
                },
                422,
            )
        status, body = await self.source.call(self.source.book, code, start)
        if status == 201:
            self.quota.record(client)
        return JSONResponse(body, status)

    async def booking_json(self, request: Request) -> Response:
        return JSONResponse(await self.booking_or_404(request.path_params["token"]))

    async def cancel_json(self, request: Request) -> Response:
        token = request.path_params["token"]
        status, body = await self.source.call(self.source.cancel_booking, token)
        if body is None:
            raise HTTPException(404)
        return JSONResponse(body, status)

    # ---------------------------------------------------------------- pages
    async def book_page(self, request: Request) -> Response:
        code = request.path_params["code"].upper()
        return await self.render_book(request, code, request.query_params.get("date"))

    async def render_book(
        self, request: Request, code: str, day: str | None, refusal: dict[str, Any] | None = None
    ) -> Response:
        services = {s["code"]: s for s in (await self.source.call(self.source.services))["services"]}
        service = services.get(code)
        if service is None or not service["booking"]:
            raise HTTPException(404)
        site = await self.source.call(self.source.site)
        today = self.source.clock().astimezone(site.tz).date()
        config = next(c for c in site.services if c.code == code)
        days = [today + timedelta(days=n) for n in range(config.booking_days_ahead + 1)]
        try:
            chosen = date.fromisoformat(day) if day else today
        except ValueError:
            raise HTTPException(404) from None
        slots = await self.source.call(self.source.slots, code, chosen.isoformat()) or []
        return self.page(
            "book.html",
            status=refusal["status"] if refusal else 200,
            s=service,
            site=site,
            lang=self.lang_of(request),
            days=[_day_label(d) for d in days],
            chosen=chosen.isoformat(),
            chosen_label=_day_label(chosen),
            slots=slots,
            refusal=refusal,
        )

    async def book_form(self, request: Request) -> Response:
        code = request.path_params["code"].upper()
        client = self.over_limit(request)
        form = parse_qs((await _body(request)).decode("utf-8", "replace"))
        site = await self.source.call(self.source.site)
        start = parse_start((form.get("start") or [""])[0], site.tz)
        if start is None:
            raise HTTPException(422)
        status, body = await self.source.call(self.source.book, code, start)
        if status != 201:
            day = start.astimezone(site.tz).date().isoformat()
            return await self.render_book(request, code, day, refusal=body)
        self.quota.record(client)
        return RedirectResponse(f"/b/{body['token']}{self.suffix(request)}", status_code=303)

    async def booking_page(self, request: Request) -> Response:
        token = request.path_params["token"]
        booking = await self.booking_or_404(token)
        site = await self.source.call(self.source.site)
        start = datetime.fromisoformat(booking["start"])
        return self.page(
            "booking.html",
            b=booking,
            site=site,
            token=token,
            lang=self.lang_of(request),
            day=_day_label(start.date()),
            qr=qr_data_uri(booking["url"]),
            opens=booking["checkin_opens"][11:16],
            closes=booking["checkin_closes"][11:16],
            confirm=request.query_params.get("cancel") == "1",
        )

    async def cancel_form(self, request: Request) -> Response:
        token = request.path_params["token"]
        _, body = await self.source.call(self.source.cancel_booking, token)
        if body is None:
            raise HTTPException(404)
        return RedirectResponse(f"/b/{token}{self.suffix(request)}", status_code=303)


def _day_label(day: date) -> dict[str, str]:
    """A day as the page shows it: Thai with the Buddhist-era year first, then English;
    long in headings, short on the day buttons (14 of them fit a phone's screen)."""
    return {
        "iso": day.isoformat(),
        "th": thai_long_date(day),
        "en": english_long_date(day),
        "th_short": f"{THAI_WEEKDAYS_SHORT[day.weekday()]} {thai_short_date(day)}",
        "en_short": f"{ENGLISH_WEEKDAYS[day.weekday()][:3]} {english_short_date(day)}",
    }
