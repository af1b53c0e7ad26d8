"""The contract's printer SPEC (`usb:04b8:0202`, `net:10.0.0.5`, …) and paper width; pure.

It sits beside site.py, below shared/printing: the site file validates its printer with
it, and the site is a lower layer than printing (README "Layers")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from shared.domain.errors import PrinterError

DEFAULT_NET_PORT = 9100  # the raw "JetDirect" port every network receipt printer listens on
DEFAULT_BAUDRATE = 9600  # the factory setting of most serial ESC/POS printers
#: Paper width in mm -> printable dots at 203 dpi: the one source of paper widths.
PAPER_DOTS = {58: 384, 80: 576}
DEFAULT_PAPER_MM = 80
DEFAULT_WIDTH_DOTS = PAPER_DOTS[DEFAULT_PAPER_MM]

_SPEC_HELP = (
    "preview, file:PATH, usb:VID:PID, net:HOST[:PORT], serial:DEVICE, win32:NAME, cups:NAME"
)
_HEX_ID = re.compile(r"^(0x)?[0-9a-f]{1,4}$", re.IGNORECASE)
_HOST = re.compile(r"^[A-Za-z0-9._-]+$")


class PrinterKind(StrEnum):
    """How the ticket bytes reach the printer."""

    PREVIEW = "preview"
    FILE = "file"
    USB = "usb"
    NET = "net"
    SERIAL = "serial"
    WIN32 = "win32"
    CUPS = "cups"


@dataclass(frozen=True)
class PrinterSpec:
    """A parsed printer SPEC; `str()` gives the canonical spec back."""

    kind: PrinterKind
    target: str = ""  # path, host, serial device or queue name; "" for preview and usb
    port: int | None = None  # net only
    vendor_id: int | None = None  # usb only
    product_id: int | None = None  # usb only
    baudrate: int | None = None  # serial only

    def __str__(self) -> str:
        match self.kind:
            case PrinterKind.PREVIEW:
                return "preview"
            case PrinterKind.USB:
                return f"usb:{self.vendor_id:04x}:{self.product_id:04x}"
            case PrinterKind.NET:
                host = f"[{self.target}]" if ":" in self.target else self.target
                return f"net:{host}:{self.port}"
            case PrinterKind.SERIAL if self.baudrate != DEFAULT_BAUDRATE:
                return f"serial:{self.target}@{self.baudrate}"
            case _:
                return f"{self.kind}:{self.target}"


def _bad(spec: str, why_th: str, why_en: str) -> PrinterError:
    return PrinterError(
        f"ตั้งค่าเครื่องพิมพ์ไม่ถูกต้อง {spec!r}: {why_th}",
        f"bad printer spec {spec!r}: {why_en} (expected one of: {_SPEC_HELP})",
    )


def _usb(spec: str, rest: str) -> PrinterSpec:
    parts = rest.split(":")
    if len(parts) != 2 or not all(_HEX_ID.match(p) for p in parts):
        raise _bad(spec, "ต้องระบุ usb:VID:PID", "usb needs VID:PID in hex, e.g. usb:04b8:0202")
    vid, pid = (int(p, 16) for p in parts)
    if not vid or not pid:
        raise _bad(spec, "รหัส USB ต้องไม่เป็น 0", "USB vendor and product ids must not be 0")
    return PrinterSpec(PrinterKind.USB, vendor_id=vid, product_id=pid)


def _net(spec: str, rest: str) -> PrinterSpec:
    host, port_text = rest, ""
    if rest.startswith("["):  # [IPv6]:port
        host, sep, tail = rest[1:].partition("]")
        if not sep or (tail and not tail.startswith(":")):
            raise _bad(spec, "ที่อยู่ IPv6 ไม่ถูกต้อง", "unclosed [IPv6] address")
        port_text = tail[1:]
    elif rest.count(":") == 1:
        host, port_text = rest.split(":")
    elif rest.count(":") > 1:  # a bare IPv6 address takes the default port
        host = rest
    if not host or not (_HOST.match(host) or ":" in host):
        raise _bad(spec, "ต้องระบุชื่อหรือที่อยู่เครื่องพิมพ์", "net needs a host name or address")
    port = DEFAULT_NET_PORT
    if port_text or rest.endswith(":"):
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise _bad(spec, "หมายเลขพอร์ตไม่ถูกต้อง", f"port {port_text!r} is not 1-65535")
        port = int(port_text)
    return PrinterSpec(PrinterKind.NET, target=host, port=port)


def _serial(spec: str, rest: str) -> PrinterSpec:
    device, _, baud = rest.partition("@")  # serial:COM3@115200 (an extension of the contract)
    if not device.strip():
        raise _bad(
            spec, "ต้องระบุพอร์ต", "serial needs a device, e.g. serial:/dev/ttyUSB0 or serial:COM3"
        )
    if baud and not (baud.isdigit() and int(baud) > 0):
        raise _bad(spec, "ความเร็วพอร์ตไม่ถูกต้อง", f"baud rate {baud!r} is not a number")
    return PrinterSpec(PrinterKind.SERIAL, target=device, baudrate=int(baud or DEFAULT_BAUDRATE))


def parse_printer_spec(spec: str) -> PrinterSpec:
    """Parse a SPEC string; raise PrinterError naming what is wrong."""
    text = spec.strip()
    if not text:
        raise _bad(spec, "ไม่ได้ระบุเครื่องพิมพ์", "it is empty")
    kind_text, sep, rest = text.partition(":")
    try:
        kind = PrinterKind(kind_text.lower())
    except ValueError:
        raise _bad(spec, "ไม่รู้จักชนิดเครื่องพิมพ์", f"unknown printer kind {kind_text!r}") from None
    if kind is PrinterKind.PREVIEW:
        if sep:
            raise _bad(spec, "preview ไม่ต้องมีค่าต่อท้าย", "preview takes no argument")
        return PrinterSpec(kind)
    if not rest.strip():
        raise _bad(spec, "ไม่ได้ระบุปลายทาง", f"{kind} needs a target after the colon")
    match kind:
        case PrinterKind.USB:
            return _usb(spec, rest)
        case PrinterKind.NET:
            return _net(spec, rest)
        case PrinterKind.SERIAL:
            return _serial(spec, rest)
        case PrinterKind.CUPS if re.search(r"[\s/#]", rest):
            raise _bad(spec, "ชื่อคิว CUPS ไม่ถูกต้อง", "CUPS queue names have no spaces, '/' or '#'")
        case _:  # file paths and Windows queue names may hold spaces and colons (C:\...)
            return PrinterSpec(kind, target=rest)


def paper_width_dots(paper_mm: int) -> int:
    """Printable dots across 58 or 80 mm paper; PrinterError for any other width."""
    try:
        return PAPER_DOTS[int(paper_mm)]
    except (KeyError, ValueError, TypeError):
        raise PrinterError(
            f"ไม่รองรับกระดาษกว้าง {paper_mm} มม. (ใช้ 58 หรือ 80)",
            f"paper width {paper_mm!r} mm is not supported (use 58 or 80)",
        ) from None
