"""A network printer address where another device answers (here a tiny HTTP server on
loopback) is reported as "not an ESC/POS printer", never as "out of paper"
(which would send staff to change a roll): real-time status answers are one byte with fixed bits (bit 1 and 4 set, 0 and 7 clear)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator

import pytest

from shared.printing.device import PrinterFault, fault_from_status
from shared.printing.service import printer_status


def _serve(answer: Callable[[bytes], bytes]) -> Iterator[int]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    stop = threading.Event()

    def run() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    while data := conn.recv(64):
                        conn.sendall(answer(data))
                except OSError:
                    pass

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join(2)
        server.close()


@pytest.fixture
def http_server() -> Iterator[int]:
    yield from _serve(
        lambda _data: b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )


@pytest.fixture
def paperless_printer() -> Iterator[int]:
    """An ESC/POS printer whose paper ran out: DLE EOT 1 online, DLE EOT 4 paper end."""
    replies = {b"\x10\x04\x01": b"\x12", b"\x10\x04\x02": b"\x12", b"\x10\x04\x04": b"\x72"}
    yield from _serve(lambda data: replies.get(data[-3:], b""))


def test_an_http_server_is_not_an_escpos_printer(http_server: int) -> None:
    fault = printer_status(f"net:127.0.0.1:{http_server}", 2.0)
    assert fault is PrinterFault.NOT_ESCPOS
    assert "ESC/POS" in fault.message_en and "ไม่ใช่เครื่องพิมพ์" in fault.message_th


def test_a_real_paper_out_is_still_paper_out(paperless_printer: int) -> None:
    assert printer_status(f"net:127.0.0.1:{paperless_printer}", 2.0) is PrinterFault.PAPER_OUT


@pytest.mark.parametrize(
    ("printer", "cause", "paper", "fault"),
    [
        (b"\x12", b"", b"\x12", None),
        (b"\x12", b"", b"\x72", PrinterFault.PAPER_OUT),
        (b"\x1a", b"\x16", b"\x12", PrinterFault.COVER_OPEN),
        (b"H", b"", b"", PrinterFault.NOT_ESCPOS),  # 'H' of "HTTP/1.1"
        (b"\xff", b"", b"", PrinterFault.NOT_ESCPOS),  # bit 7 set
        (b"\x12", b"", b"\x60", PrinterFault.NOT_ESCPOS),  # fixed bits missing
        (b"\x12\x12", b"", b"", PrinterFault.NOT_ESCPOS),  # more than one byte
        (b"", b"", b"", PrinterFault.NO_ANSWER),
    ],
)
def test_status_bytes_are_validated(
    printer: bytes, cause: bytes, paper: bytes, fault: PrinterFault | None
) -> None:
    assert fault_from_status(printer, cause, paper) is fault
