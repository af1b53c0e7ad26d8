"""The one static answer made at run time: a bundled font cut down for phones
(`fonts.WebFonts`); the CSS, scripts and full fonts are plain static files."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from shared.web.errors import NotFound
from shared.web.state import web_state


async def web_font(request: Request) -> Response:
    web = web_state(request)
    data = await web.source.call(web.fonts.woff, request.path_params["name"])
    if data is None:
        raise NotFound
    return Response(data, media_type="font/woff")
