"""The store reads many open pages share: the services figures, read once per change
batch however many pages watch, and the tickets a change woke, read together."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from shared.web.hub import Hub
from shared.web.source import StoreSource

SERVICES_REFRESH_S = 60.0  # open/closed-now changes with the clock, not with events


class TicketBatch:
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


class ServicesCache:
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
