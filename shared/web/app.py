"""The Starlette application behind `khiu serve`, composed as Starlette lays an app out:
the URL map (endpoints live by concern in `pages`, `api`, `streams`, `static`), the
middleware, the one exception handler and the lifespan that builds the shared state."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from jinja2 import Environment
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from shared.clock import Clock, utc_now
from shared.paths import FONTS_DIR
from shared.storage import Location
from shared.web import api, pages, static, streams
from shared.web.errors import ErrorPages, Failures
from shared.web.fonts import WebFonts
from shared.web.security import RateLimit, SecurityHeaders
from shared.web.source import StoreSource
from shared.web.state import WebSettings, WebState
from shared.web.templates import STATIC, environment


def routes() -> list[BaseRoute]:
    """The URL map, in the order Starlette tries it."""
    return [
        Route("/", pages.services_page),
        Route("/t/{token}", pages.ticket_page),
        Route("/api/services", api.services_json),
        Route("/api/services/stream", streams.services_stream),
        Route("/api/tickets/{token}", api.ticket_json),
        Route("/api/tickets/{token}/stream", streams.ticket_stream),
        Route("/api/tickets/{token}/feedback", api.feedback, methods=["POST"]),
        Route("/book/{code}", pages.book_page),
        Route("/book/{code}", pages.book_form, methods=["POST"]),
        Route("/b/{token}", pages.booking_page),
        Route("/b/{token}/cancel", pages.cancel_form, methods=["POST"]),
        Route("/api/services/{code}/slots", api.slots_json),
        Route("/api/bookings", api.book_json, methods=["POST"]),
        Route("/api/bookings/{token}", api.booking_json),
        Route("/api/bookings/{token}/cancel", api.cancel_json, methods=["POST"]),
        Route("/static/fonts/{name}.woff", static.web_font),
        Mount("/static/fonts", StaticFiles(directory=FONTS_DIR), name="fonts"),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]


@asynccontextmanager
async def lifespan(
    app: Starlette,
    *,
    location: Location,
    settings: WebSettings,
    clock: Clock,
    templates: Environment,
) -> AsyncIterator[dict[str, WebState]]:
    """Builds the shared state over the store at `location` and yields it to every
    request (`state.web_state`); the database is checked before the first request."""
    source = StoreSource(location, readers=settings.readers, clock=clock)
    web = WebState.over(source, settings, templates, WebFonts(FONTS_DIR))
    try:
        await source.call(source.check)
        web.hub.start()
        # Cut the web fonts now, in the background, so the first phone does not wait.
        threading.Thread(target=web.fonts.warm, name="khiu-web-fonts", daemon=True).start()
        # For whoever watches the server from outside (tests, the bench): open streams.
        app.state.hub, app.state.streams = web.hub, web.streams
        yield {"web": web}
    finally:
        web.hub.stop()
        source.close()


def create_app(
    location: Location, settings: WebSettings | None = None, *, clock: Clock = utc_now
) -> Starlette:
    """The web app over the store at `location` (nothing is opened until it starts)."""
    settings = settings or WebSettings()
    templates = environment()
    errors = ErrorPages(templates)
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
    return Starlette(
        routes=routes(),
        middleware=middleware,
        exception_handlers={HTTPException: errors.http_error},
        lifespan=partial(
            lifespan, location=location, settings=settings, clock=clock, templates=templates
        ),
    )
