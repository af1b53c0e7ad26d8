"""`khiu serve`: the citizens' web pages (ticket status, services) on this PC."""

from __future__ import annotations

import argparse
import errno
import ipaddress
import logging
import os
import socket
import sys
from typing import Any

from shared.cli.context import CliContext, add_json_flag
from shared.domain.errors import KhiuError

DEFAULT_PORT = 8080


def cmd_serve(args: argparse.Namespace, ctx: CliContext) -> Any:
    # Imported here: the other commands never need the web stack.
    import uvicorn

    from shared.web.app import WebSettings, create_app
    from shared.web.lan import lan_address
    from shared.web.limits import Capacity, raise_descriptor_limit

    if not 0 < args.port < 65536:
        raise KhiuError("--port ต้องเป็น 1 ถึง 65535", "--port must be 1 to 65535")
    store = ctx.store()  # fails here, with a clear message, on a missing or bad database
    base = store.site().status_base_url
    ctx.close()
    listener = _listen(args.host, args.port)
    capacity = Capacity.for_descriptors(raise_descriptor_limit())
    debug = bool(os.environ.get("KHIU_DEBUG"))
    _log_failures_to_stderr(debug)
    shown = lan_address() if args.host in ("0.0.0.0", "") else args.host
    print(
        f"หน้าเว็บสำหรับประชาชน / citizens' pages: http://{shown}:{args.port}/\n"
        f"QR ของบัตรคิวชี้ไปที่ / ticket QR codes point to: {base}<token>",
        file=sys.stderr,
        flush=True,
    )
    settings = WebSettings(
        streams=capacity.streams, streams_per_client=capacity.streams_per_client, debug=debug
    )
    config = uvicorn.Config(
        create_app(ctx.location, settings),
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=2,
        server_header=False,
        limit_concurrency=capacity.connections,
        # X-Forwarded-For counts only behind a proxy on this PC (listening on loopback):
        # listening on the LAN, a client could otherwise pose as many addresses.
        proxy_headers=_is_loopback(args.host),
    )
    uvicorn.Server(config).run(sockets=[listener])
    return None


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so a port in use is one clear line."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family, backlog=2048)
    except OSError as exc:
        if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
            raise KhiuError(
                f"พอร์ต {port} ถูกโปรแกรมอื่นใช้อยู่ (เปิดบริการที่ {host}:{port} ไม่ได้); "
                "เลือกพอร์ตอื่นด้วย --port",
                f"Port {port} is in use by another program (cannot serve on {host}:{port}); "
                "choose another with --port",
            ) from None
        raise KhiuError(
            f"เปิดบริการที่ {host}:{port} ไม่ได้ ({exc.strerror or exc})",
            f"Cannot serve on {host}:{port} ({exc.strerror or exc})",
        ) from None


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _log_failures_to_stderr(debug: bool) -> None:
    """The web layer's log (one line per failed request) on stderr, whatever level the
    CLI keeps for the libraries; KHIU_DEBUG already shows everything."""
    if debug:
        return
    web_log = logging.getLogger("shared.web")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("khiu serve: %(message)s"))
    web_log.addHandler(handler)
    web_log.setLevel(logging.WARNING)
    web_log.propagate = False


def register(subparsers: Any) -> None:
    serve = subparsers.add_parser("serve", help="the citizens' web pages (ticket QR, services)")
    add_json_flag(serve)
    serve.add_argument(
        "--host", default="0.0.0.0", help="address to listen on (default: every address)"
    )
    serve.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    serve.set_defaults(handler=cmd_serve, human=lambda value: "")
