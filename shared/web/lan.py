"""This PC's address on the local network, for the demo's QR codes."""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping

from shared.domain.errors import KhiuError

DEMO_WEB_PORT = 8080
# `make run WEB_PORT=N` passes its port to `khiu init --demo` here, so the demo tickets'
# QR codes open the port the demo's web pages really listen on.
DEMO_WEB_PORT_VARIABLE = "KHIU_DEMO_WEB_PORT"


def lan_address() -> str:
    """The address other devices on the LAN reach this PC at (the one the default
    route leaves from); 127.0.0.1 when there is no network. Sends no packet."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: routing decision only
        address = probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()
    return address if address and not address.startswith("0.") else "127.0.0.1"


def demo_web_port(environ: Mapping[str, str]) -> int:
    """The port the demo's web pages listen on: $KHIU_DEMO_WEB_PORT, else 8080."""
    text = environ.get(DEMO_WEB_PORT_VARIABLE, "").strip()
    if not text:
        return DEMO_WEB_PORT
    if text.isdigit() and 0 < int(text) < 65536:
        return int(text)
    raise KhiuError(
        f"{DEMO_WEB_PORT_VARIABLE} ต้องเป็นหมายเลขพอร์ต 1–65535 (ได้รับ {text!r})",
        f"{DEMO_WEB_PORT_VARIABLE} must be a port number 1-65535 (got {text!r})",
    )


def demo_status_base_url(environ: Mapping[str, str] = os.environ) -> str:
    """Where the demo tickets' QR codes point: `khiu serve` on this PC's LAN address."""
    return f"http://{lan_address()}:{demo_web_port(environ)}/t/"
