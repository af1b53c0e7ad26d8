"""`khiu serve`: the citizens' web pages (ticket status, services) on this PC."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from shared.cli.context import CliContext, add_json_flag
from shared.domain.errors import KhiuError

DEFAULT_PORT = 8080


def cmd_serve(args: argparse.Namespace, ctx: CliContext) -> Any:
    # Imported here: the other commands never need the web stack.
    import uvicorn

    from shared.web.app import create_app
    from shared.web.lan import lan_address

    if not 0 < args.port < 65536:
        raise KhiuError("--port ต้องเป็น 1 ถึง 65535", "--port must be 1 to 65535")
    store = ctx.store()  # fails here, with a clear message, on a missing or bad database
    base = store.site().status_base_url
    ctx.close()
    shown = lan_address() if args.host in ("0.0.0.0", "") else args.host
    print(
        f"หน้าเว็บสำหรับประชาชน / citizens' pages: http://{shown}:{args.port}/\n"
        f"QR ของบัตรคิวชี้ไปที่ / ticket QR codes point to: {base}<token>",
        file=sys.stderr,
        flush=True,
    )
    config = uvicorn.Config(
        create_app(ctx.db_path),
        host=args.host,
        port=args.port,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=2,
        server_header=False,
    )
    try:
        uvicorn.Server(config).run()
    except OSError as exc:
        raise KhiuError(
            f"เปิดบริการที่ {args.host}:{args.port} ไม่ได้ ({exc})",
            f"Cannot serve on {args.host}:{args.port} ({exc})",
        ) from None
    return None


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
