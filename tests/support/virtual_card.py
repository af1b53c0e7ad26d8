"""A made-up Thai ID card in the `vsmartcard-vpcd` virtual reader, for tests.

vpcd (a pcscd driver) listens on TCP; a card is a client that connects and speaks its
protocol: each message is a 2-byte big-endian length and a payload; a 1-byte payload
is a control code (0 power off, 1 power on, 2 reset, 4 "send your ATR"), anything else
a command APDU to answer with a response APDU. Connecting inserts the card, closing
the connection removes it.

The card answers as a real one does (see ENVIRONMENT.md, "Card readers"): SELECT of the
MOI applet → 61 0A; READ BINARY `80 B0 P1 P2 02 00 Le` → 61 Le; GET RESPONSE
`00 C0 00 00 Le` (P2 = 01 when the ATR begins 3B 67) → the bytes and 90 00. It holds
more than a date of birth (an ID number, a name), so a test can tell what was asked.
Every command APDU received is kept in `commands`.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from dataclasses import dataclass

MOI_APPLET = bytes.fromhex("A000000054480001")
# A 3B 67 card (GET RESPONSE with P2 = 01) and a 3B 68 one (P2 = 00): both kinds exist.
ATR_3B67 = bytes.fromhex("3B 67 00 00 73 20 00 6C 68 90 00")
ATR_3B68 = bytes.fromhex("3B 68 00 00 00 73 C8 40 12 00 90 00")
POWER_OFF, POWER_ON, RESET, GET_ATR = 0, 1, 2, 4
SW_OK = b"\x90\x00"
SW_WRONG_P1P2 = b"\x6a\x86"
SW_NOT_FOUND = b"\x6a\x82"
SW_INS_UNKNOWN = b"\x6d\x00"
SW_CONDITIONS = b"\x69\x85"


def card_file(birth_be: str) -> bytes:
    """The MOI applet's file: version, ID number at 00 04, names at 00 11, date of birth
    at 00 D9 (made-up values; only the date's offset matters)."""
    data = bytearray(b"\x00" * 0x200)
    data[0x04:0x11] = b"1101700203451"
    name = "นาย ทดสอบ ใจดี".encode("tis-620")
    data[0x11 : 0x11 + len(name)] = name
    data[0xD9 : 0xD9 + 8] = birth_be.encode("ascii")
    return bytes(data)


@dataclass
class CardBehaviour:
    """What the card does: its date of birth (Buddhist era, YYYYMMDD), its ATR, and the
    ways a card goes wrong."""

    birth_be: str = "25000101"
    atr: bytes = ATR_3B68
    refuses_applet: bool = False  # not a Thai ID card: SELECT → 6A 82
    vanishes_on_read: bool = False  # pulled out as the date is read


class VirtualCard:
    """The card in the virtual reader while the context is open (a thread of its own)."""

    def __init__(self, port: int, behaviour: CardBehaviour | None = None) -> None:
        self.port = port
        self.behaviour = behaviour or CardBehaviour()
        self.commands: list[bytes] = []
        self.inserted_at = 0.0  # time.perf_counter() when vpcd accepted the card
        self._file = card_file(self.behaviour.birth_be)
        self._pending = b""
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> VirtualCard:
        self.insert()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.remove()

    def insert(self) -> None:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        sock.settimeout(None)  # the card waits for commands as long as it is inserted
        self.inserted_at = time.perf_counter()
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
        self._thread.start()

    def remove(self) -> None:
        if self._sock is not None:
            with contextlib.suppress(OSError):  # already gone (a card pulled out mid-read)
                self._sock.shutdown(socket.SHUT_RDWR)
            self._sock.close()
            self._sock = None
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def _serve(self, sock: socket.socket) -> None:
        try:
            while True:
                header = _read_exactly(sock, 2)
                if header is None:
                    return
                payload = _read_exactly(sock, struct.unpack(">H", header)[0])
                if payload is None:
                    return
                if len(payload) == 1:
                    if payload[0] == GET_ATR:
                        _send(sock, self.behaviour.atr)
                    continue
                self.commands.append(payload)
                if self.behaviour.vanishes_on_read and payload[1] == 0xB0:
                    sock.close()
                    return
                _send(sock, self.answer(payload))
        except OSError:  # removed by the test
            return

    def answer(self, apdu: bytes) -> bytes:
        cla, ins, p1, p2 = apdu[:4]
        if ins == 0xA4:  # SELECT
            if self.behaviour.refuses_applet or apdu[5:] != MOI_APPLET:
                return SW_NOT_FOUND
            return b"\x61\x0a"
        if (cla, ins) == (0x80, 0xB0) and len(apdu) == 7 and apdu[4:6] == b"\x02\x00":
            offset, length = p1 << 8 | p2, apdu[6]
            self._pending = self._file[offset : offset + length]
            return bytes([0x61, length])
        if ins == 0xC0:  # GET RESPONSE
            wanted_p2 = 0x01 if self.behaviour.atr[:2] == b"\x3b\x67" else 0x00
            if (p1, p2) != (0x00, wanted_p2):
                return SW_WRONG_P1P2
            if not self._pending:
                return SW_CONDITIONS
            data, self._pending = self._pending[: apdu[4]], b""
            return data + SW_OK
        return SW_INS_UNKNOWN


def _send(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(struct.pack(">H", len(payload)) + payload)


def _read_exactly(sock: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data
