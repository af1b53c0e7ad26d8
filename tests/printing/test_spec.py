"""Printer SPEC parsing (the contract's syntax), paper widths, and the pure modules' imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from shared.domain.errors import PrinterError
from shared.printer_spec import (
    PrinterKind,
    PrinterSpec,
    paper_width_dots,
    parse_printer_spec,
)

K = PrinterKind
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "expected", "canonical"),
    [
        ("preview", PrinterSpec(K.PREVIEW), "preview"),
        ("PREVIEW", PrinterSpec(K.PREVIEW), "preview"),
        ("file:/tmp/out.bin", PrinterSpec(K.FILE, "/tmp/out.bin"), "file:/tmp/out.bin"),
        ("file:C:\\spool\\t.bin", PrinterSpec(K.FILE, "C:\\spool\\t.bin"), "file:C:\\spool\\t.bin"),
        ("usb:04b8:0202", PrinterSpec(K.USB, vendor_id=0x04B8, product_id=0x0202), "usb:04b8:0202"),
        (
            "usb:0x0416:0x5011",
            PrinterSpec(K.USB, vendor_id=0x416, product_id=0x5011),
            "usb:0416:5011",
        ),
        (
            "net:192.168.1.50",
            PrinterSpec(K.NET, "192.168.1.50", port=9100),
            "net:192.168.1.50:9100",
        ),
        ("net:printer.local:9101", PrinterSpec(K.NET, "printer.local", port=9101), None),
        ("net:[fe80::1]:9100", PrinterSpec(K.NET, "fe80::1", port=9100), "net:[fe80::1]:9100"),
        ("net:fe80::1", PrinterSpec(K.NET, "fe80::1", port=9100), "net:[fe80::1]:9100"),
        ("serial:/dev/ttyUSB0", PrinterSpec(K.SERIAL, "/dev/ttyUSB0", baudrate=9600), None),
        ("serial:COM3@115200", PrinterSpec(K.SERIAL, "COM3", baudrate=115200), None),
        ("win32:EPSON TM-T82 Receipt", PrinterSpec(K.WIN32, "EPSON TM-T82 Receipt"), None),
        ("cups:TM-T20", PrinterSpec(K.CUPS, "TM-T20"), "cups:TM-T20"),
    ],
)
def test_good_specs(text: str, expected: PrinterSpec, canonical: str | None) -> None:
    parsed = parse_printer_spec(text)
    assert parsed == expected
    assert str(parsed) == (canonical or text)
    assert parse_printer_spec(str(parsed)) == parsed


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "empty"),
        ("lpt1:", "unknown printer kind 'lpt1'"),
        ("bluetooth:aa", "unknown printer kind"),
        ("preview:x", "preview takes no argument"),
        ("file:", "needs a target"),
        ("usb:04b8", "VID:PID"),
        ("usb:xyz:0202", "VID:PID"),
        ("usb:12345:1", "VID:PID"),
        ("usb:0:0", "must not be 0"),
        ("net:", "needs a target"),
        ("net:host:99999", "port '99999'"),
        ("net:host:", "port ''"),
        ("net:host:abc", "port 'abc'"),
        ("net:bad host", "host name"),
        ("net:[fe80::1", "IPv6"),
        ("serial:COM3@fast", "baud rate"),
        ("cups:My Printer", "CUPS queue names"),
    ],
)
def test_bad_specs_name_the_problem(text: str, says: str) -> None:
    with pytest.raises(PrinterError) as info:
        parse_printer_spec(text)
    assert says in info.value.message_en
    assert info.value.message_th != info.value.message_en


def test_paper_widths() -> None:
    assert paper_width_dots(58) == 384
    assert paper_width_dots(80) == 576
    with pytest.raises(PrinterError, match="58 or 80"):
        paper_width_dots(76)
    with pytest.raises(PrinterError):
        paper_width_dots(112)


def test_pure_modules_import_no_qt_and_no_escpos() -> None:
    code = (
        "import sys, shared.printing.layout, shared.printer_spec, shared.i18n.dates;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'escpos')];"
        "print(bad); raise SystemExit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_importing_the_printing_package_opens_nothing() -> None:
    # python-escpos writes a cache to a temp folder when imported: only use loads it.
    code = (
        "import sys, shared.printing.service, shared.printing.device, shared.printing.preview;"
        "print([m for m in sys.modules if m.startswith('escpos')])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
