"""Every error answer of `khiu serve` in one shape: the bilingual JSON error under /api/,
the error page elsewhere. The code that knows raises (`NotFound`, `Conflict`, `Refusal`,
Starlette's `HTTPException`); `ErrorPages.http_error`, the app's one exception handler,
answers them; the `Failures` middleware turns any other failure below it into such an
answer and ONE log line (the database down must not flood the log with tracebacks)."""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Mapping
from typing import Any

import jinja2
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.domain.errors import KhiuError
from shared.web.templates import lang_of

log = logging.getLogger(__name__)

API_PREFIX = "/api/"

MESSAGES = {
    400: ("คำขอไม่ถูกต้อง", "Bad request"),
    404: ("ไม่พบหน้านี้ หรือบัตรคิวหมดอายุแล้ว", "Not found, or the ticket has expired"),
    405: ("ไม่รองรับคำขอนี้", "Method not allowed"),
    409: ("ทำรายการนี้ไม่ได้ในตอนนี้", "Not possible now"),
    413: ("ข้อมูลใหญ่เกินไป", "Request too large"),
    415: ("รูปแบบข้อมูลไม่รองรับ", "Unsupported content type"),
    422: ("คะแนนต้องเป็น 1 ถึง 5", "The rating must be 1 to 5"),
    429: ("คำขอถี่เกินไป กรุณารอสักครู่", "Too many requests, please wait a moment"),
    500: ("เกิดข้อผิดพลาด", "Internal error"),
    503: ("ระบบคิวไม่พร้อมใช้งานชั่วคราว", "The queue is unavailable for a moment"),
}
# Headers an error keeps from the exception that raised it.
KEPT_HEADERS = ("allow", "retry-after")
# A ticket's token opens its page: the log shows where a request went, never the key.
_TOKEN_LIKE = re.compile(r"[A-Za-z0-9_-]{16,}")


def error_body(status: int, th: str, en: str) -> dict[str, Any]:
    """The API's error JSON (also what the booking page shows a refusal from)."""
    return {"error": en, "error_th": th, "status": status}


class NotFound(HTTPException):
    """404: an unknown path, or a token that is not a live ticket's or booking's
    (malformed, unknown and too old all answer the same)."""

    def __init__(self) -> None:
        super().__init__(404)


class Conflict(HTTPException):
    """409: the thing exists but the act does not fit its state now (a rating for a
    ticket not done yet, or rated already)."""

    def __init__(self) -> None:
        super().__init__(409)


class Refusal(HTTPException):
    """An HTTP error with its own bilingual message (the generic one per status would
    not tell the citizen what to do)."""

    def __init__(
        self, status: int, th: str, en: str, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(status, en, dict(headers) if headers else None)
        self.th, self.en = th, en

    @classmethod
    def of(cls, status: int, error: KhiuError) -> Refusal:
        """The store's own reason (a full slot, a closed day) as the answer's message."""
        return cls(status, error.message_th, error.message_en)

    def body(self) -> dict[str, Any]:
        return error_body(self.status_code, self.th, self.en)


class ErrorPages:
    """Builds the error answer for a request: JSON under /api/, else the error page."""

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env

    def answer(
        self,
        scope: Scope,
        status: int,
        message: tuple[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        th, en = message or MESSAGES.get(status, MESSAGES[500])
        request = Request(scope)
        if request.url.path.startswith(API_PREFIX):
            return JSONResponse(error_body(status, th, en), status_code=status, headers=headers)
        html = self.env.get_template("error.html").render(th=th, en=en, lang=lang_of(request))
        return HTMLResponse(html, status_code=status, headers=headers)

    async def http_error(self, request: Request, exc: Exception) -> Response:
        """The app's handler for HTTPException: Starlette's own (an unknown path, a
        method not allowed) and ours (`NotFound`, `Conflict`, `Refusal`, 400/413/...)."""
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        message = (exc.th, exc.en) if isinstance(exc, Refusal) else None
        given = exc.headers if isinstance(exc, HTTPException) and exc.headers else {}
        headers = {k: v for k, v in given.items() if k.lower() in KEPT_HEADERS}
        return self.answer(request.scope, status, message, headers or None)


class Failures:
    """Any exception from below: a 503 when the store failed (database down, damaged,
    refused), a 500 for anything else, with one log line each and a traceback only when
    `debug` (KHIU_DEBUG). A failure after the answer began (a live stream) ends that
    answer. Placed inside SecurityHeaders, so these answers carry the headers too."""

    def __init__(self, app: ASGIApp, *, pages: ErrorPages, debug: bool = False) -> None:
        self.app = app
        self.pages = pages
        self.debug = debug

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def noting_start(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, noting_start)
        except ClientDisconnect:  # the phone went away: nothing failed
            return
        except Exception as exc:
            status = 503 if isinstance(exc, KhiuError) else 500
            cause = " ".join(str(exc).split()) or type(exc).__name__
            log.log(
                logging.WARNING if status == 503 else logging.ERROR,
                "%d %s %s: %s",
                status,
                scope.get("method", ""),
                _TOKEN_LIKE.sub("…", scope.get("path", "")),
                cause,
                exc_info=self.debug,
            )
            if not started:
                await self.pages.answer(scope, status)(scope, receive, send)
                return
            # End the begun answer cleanly (a live page then reconnects by itself).
            with contextlib.suppress(OSError, ClientDisconnect):
                await send({"type": "http.response.body", "body": b"", "more_body": False})
