"""What the endpoints share: built once by the app's lifespan and reached from a request
through `web_state(request)` (Starlette's lifespan state), never through closures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import Environment
from starlette.requests import Request

from shared.web.booking import BOOKING_LIMITS, BookingQuota
from shared.web.errors import NotFound
from shared.web.fonts import WebFonts
from shared.web.hub import POLL_S, Hub
from shared.web.limits import STREAMS_PER_CLIENT
from shared.web.reads import ServicesCache, TicketBatch
from shared.web.security import StreamSlots
from shared.web.source import StoreSource

KEEPALIVE_S = 15.0


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


@dataclass(frozen=True)
class WebState:
    """The store source and what is built over it, the limits and the templates."""

    settings: WebSettings
    source: StoreSource
    hub: Hub
    services: ServicesCache
    tickets: TicketBatch
    streams: StreamSlots
    bookings: BookingQuota
    fonts: WebFonts
    templates: Environment

    @classmethod
    def over(
        cls, source: StoreSource, settings: WebSettings, templates: Environment, fonts: WebFonts
    ) -> WebState:
        hub = Hub(source, poll_s=settings.poll_s)
        return cls(
            settings=settings,
            source=source,
            hub=hub,
            services=ServicesCache(source, hub),
            tickets=TicketBatch(source),
            streams=StreamSlots(settings.streams, settings.streams_per_client),
            bookings=BookingQuota(settings.booking_limits),
            fonts=fonts,
            templates=templates,
        )

    async def ticket(self, token: str) -> dict[str, Any]:
        """The live ticket's JSON; NotFound for any other token."""
        ticket = await self.source.call(self.source.ticket, token)
        if ticket is None:
            raise NotFound
        return ticket

    async def booking(self, token: str) -> dict[str, Any]:
        """The booking's JSON; NotFound for any other token."""
        booking = await self.source.call(self.source.booking, token)
        if booking is None:
            raise NotFound
        return booking


def web_state(request: Request) -> WebState:
    """The app's shared state, as the lifespan yielded it (under "web")."""
    state: WebState = request.state.web
    return state
