"""How `khiu serve`'s app is put together: endpoints are module-level functions that
reach the shared state through the request, and nothing is opened before the app starts
(the lifespan builds the store source and closes it again however the start ends)."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from starlette.routing import Route

from shared.domain.errors import DatabaseError
from shared.storage import parse_location
from shared.web.app import create_app, routes

ENDPOINT_MODULES = {"shared.web.pages", "shared.web.api", "shared.web.streams", "shared.web.static"}


def _reader_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name.startswith("khiu-web_")}


def test_every_endpoint_is_a_module_level_function_of_its_concern() -> None:
    endpoints = [route.endpoint for route in routes() if isinstance(route, Route)]
    assert endpoints
    for endpoint in endpoints:
        assert "<locals>" not in endpoint.__qualname__, endpoint.__qualname__
        assert endpoint.__module__ in ENDPOINT_MODULES, endpoint.__qualname__


def test_creating_the_app_opens_nothing_and_a_failed_start_leaves_no_reader(
    tmp_path: Path,
) -> None:
    location = tmp_path / "khiu.db"
    before = _reader_threads()
    app = create_app(parse_location(location))
    assert not location.exists() and _reader_threads() == before

    async def start() -> None:
        async with app.router.lifespan_context(app):
            pass

    with pytest.raises(DatabaseError):
        asyncio.run(start())
    assert not location.exists()
    assert _reader_threads() == before  # the lifespan closed its source on the way out
