"""This PC's address on the local network, for the demo's QR codes."""

from __future__ import annotations

import socket


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


def demo_status_base_url(port: int = 8080) -> str:
    return f"http://{lan_address()}:{port}/t/"
