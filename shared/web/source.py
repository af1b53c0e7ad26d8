"""The web layer's one door to the store: reads on a small pool of worker threads, each
with its own store connection, and the change feed for the watcher.

Everything that knows which store class exists lives here, so moving to another store
interface (or backend) changes this file only.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from shared.clock import Clock, utc_now
from shared.domain.errors import (
    BookingRefusedError,
    InvalidStateError,
    NotFoundError,
    SlotFullError,
)
from shared.site import SiteConfig
from shared.storage import Location, open_store
from shared.storage.api import FeedCursor, Store, TicketView
from shared.storage.session import ThreadSessions
from shared.web.errors import Conflict, NotFound, Refusal

T = TypeVar("T")

# Tokens are secrets.token_urlsafe(18): 24 URL-safe characters. Anything not shaped
# like a token never reaches the database.
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
# A token opens its ticket's page on the business day it was issued and the next one
# (so "your ticket expired" can still be read the morning after); later it is unknown.
TOKEN_DAYS = 2


def valid_token(token: str) -> bool:
    return bool(_TOKEN.match(token))


class StoreSource:
    """Read-only store access for the web pages, plus the one write: a rating."""

    def __init__(self, location: Location, *, readers: int = 4, clock: Clock = utc_now) -> None:
        self.location = location
        self.clock = clock
        # Each reader thread holds its own store (a connection stays in its thread).
        self._sessions = ThreadSessions(location, clock=clock)
        self._executor = ThreadPoolExecutor(max_workers=readers, thread_name_prefix="khiu-web")

    # ------------------------------------------------------------ plumbing
    def check(self) -> None:
        """Open the database once now, so a bad location fails at start with a clear error."""
        open_store(self.location, clock=self.clock).close()

    def _store(self) -> Store:
        """This reader thread's store (a replaced file is let go of and the new one read)."""
        return self._sessions.here().store()

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a blocking read off the event loop, on the reader pool."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._guarded, fn, *args)

    def _guarded(self, fn: Callable[..., T], *args: Any) -> T:
        """On the worker thread: a driver failure (file gone, connection dropped) closes
        this thread's store, so the next request opens it afresh."""
        with self._sessions.here().explaining():
            return fn(*args)

    def open_feed(self) -> FeedCursor:
        """A change-feed cursor from now on, on a connection of its own."""
        store = open_store(self.location, clock=self.clock)
        try:
            return store.open_feed()
        finally:
            store.close()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._sessions.close()

    # --------------------------------------------------------------- reads
    def site(self) -> SiteConfig:
        return self._store().site()

    def ticket(self, token: str) -> dict[str, Any] | None:
        """The ticket's JSON (contract shape + `rated`), None for any token that is not
        a live ticket's: malformed, unknown or too old all look the same."""
        if not valid_token(token):
            return None
        store = self._store()
        return self._json(store, store.ticket_by_token(token), store.today(), store.site().tz)

    def tickets(self, tokens: list[str]) -> dict[str, dict[str, Any] | None]:
        """Many tickets' JSON in one read (the pages a change woke); None as above."""
        store = self._store()
        views = store.tickets_by_tokens([t for t in tokens if valid_token(t)])
        today, tz = store.today(), store.site().tz
        return {token: self._json(store, views.get(token), today, tz) for token in tokens}

    @staticmethod
    def _json(
        store: Store, view: TicketView | None, today: str, tz: ZoneInfo
    ) -> dict[str, Any] | None:
        if view is None or date.fromisoformat(view.business_date) <= date.fromisoformat(
            today
        ) - timedelta(days=TOKEN_DAYS):
            return None
        data = view.to_json(tz)
        data["rated"] = view.state.value == "done" and store.rating_of(view.token) is not None
        return data

    def services(self) -> dict[str, Any]:
        """The site's services with their citizen manuals and live queue figures."""
        store = self._store()
        site = store.site()
        live = {line.code: line for line in store.status().services}
        services = []
        for svc in store.services():
            line = live.get(svc.code)
            services.append(
                {
                    "code": svc.code,
                    "prefix": svc.prefix,
                    "name_th": svc.name_th,
                    "name_en": svc.name_en,
                    "agency_th": svc.agency_th,
                    "agency_en": svc.agency_en,
                    "documents_th": list(svc.documents_th),
                    "documents_en": list(svc.documents_en),
                    "processing_minutes": svc.processing_minutes,
                    "fee_th": svc.fee_th,
                    "fee_en": svc.fee_en,
                    "where_th": svc.where_th,
                    "where_en": svc.where_en,
                    "hours": [
                        {"days": list(h.days), "open": h.opens, "close": h.closes}
                        for h in svc.hours
                    ],
                    "open_now": line.open_now if line else svc.is_open_at(
                        self.clock().astimezone(site.tz)
                    ),
                    "open_counters": line.open_counters if line else 0,
                    "waiting": line.waiting if line else 0,
                    "estimated_wait_min": line.estimated_wait_min if line else None,
                    "booking": any(
                        c.code == svc.code and c.booking_per_slot > 0 for c in site.services
                    ),
                    "estimated_wait_range_min": list(line.estimated_wait_range_min)
                    if line
                    else None,
                }
            )
        return {"site": {"name_th": site.name_th, "name_en": site.name_en}, "services": services}

    # --------------------------------------------------------------- write
    def rate(self, token: str, rating: int) -> None:
        """Records the rating; NotFound for a token that is not a live ticket's, Conflict
        when the ticket is not done yet or rated already."""
        if self.ticket(token) is None:
            raise NotFound
        try:
            self._store().rate(token, rating)
        except NotFoundError:
            raise NotFound from None
        except InvalidStateError:
            raise Conflict from None

    # ------------------------------------------------------------ bookings
    def slots(self, code: str, day: str | None) -> list[dict[str, Any]] | None:
        """The service's bookable slots as `khiu slots` prints them; None for an unknown
        service; BookingRefusedError for a malformed date."""
        store = self._store()
        try:
            views = store.slots(code, day)
        except NotFoundError:
            return None
        tz = store.site().tz
        return [view.to_json(tz) for view in views]

    def book(self, code: str, start: datetime) -> dict[str, Any]:
        """The new booking's JSON; a Refusal with the store's reason: 409 when the slot
        is full, 422 when there is no such slot."""
        store = self._store()
        try:
            view = store.book(code, start)
        except SlotFullError as exc:
            raise Refusal.of(409, exc) from None
        except (BookingRefusedError, NotFoundError) as exc:
            raise Refusal.of(422, exc) from None
        return view.to_json(store.site().tz)

    def booking(self, token: str) -> dict[str, Any] | None:
        """The booking's JSON, with its service's citizen manual under `manual`; None
        for any token that is not a booking's."""
        if not valid_token(token):
            return None
        store = self._store()
        view = store.booking_by_token(token)
        if view is None:
            return None
        data = view.to_json(store.site().tz)
        service = store.service(view.service) if view.service in _active(store) else None
        data["manual"] = None if service is None else {
            "documents_th": list(service.documents_th),
            "documents_en": list(service.documents_en),
            "fee_th": service.fee_th,
            "fee_en": service.fee_en,
            "where_th": service.where_th,
            "where_en": service.where_en,
            "processing_minutes": service.processing_minutes,
        }
        return data

    def cancel_booking(self, token: str) -> dict[str, Any]:
        """The cancelled booking's JSON; NotFound for an unknown token, a 409 Refusal
        with the store's reason once checked in or missed."""
        if self.booking(token) is None:
            raise NotFound
        store = self._store()
        try:
            view = store.unbook(token)
        except InvalidStateError as exc:
            raise Refusal.of(409, exc) from None
        return view.to_json(store.site().tz)


def _active(store: Store) -> set[str]:
    return {svc.code for svc in store.services()}
