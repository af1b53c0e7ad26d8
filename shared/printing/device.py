"""Talk to a real ticket printer through python-escpos, every step bounded by a timeout.

python-escpos is imported lazily: importing it writes a capabilities cache into a temp
folder and configures root logging, and a module import must open nothing.
"""

from __future__ import annotations

import copy
import logging
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PIL import Image

from shared.printer_spec import PrinterKind, PrinterSpec

if TYPE_CHECKING:
    from escpos.escpos import Escpos

log = logging.getLogger(__name__)

# Real-time status requests (DLE EOT n) and the bits of their one-byte answers.
DLE_EOT_PRINTER = b"\x10\x04\x01"
DLE_EOT_OFFLINE_CAUSE = b"\x10\x04\x02"
DLE_EOT_PAPER = b"\x10\x04\x04"
_OFFLINE_BIT = 0x08
_COVER_OPEN_BIT = 0x04
_STOPPED_PAPER_END_BIT = 0x20
_PAPER_END_BITS = 0x60
_NEAR_END_BITS = 0x0C
# Every DLE EOT n answer has fixed bits: bit 0 clear, bit 1 set, bit 4 set, bit 7 clear.
# Anything else came from another kind of device (a web server, a router…).
_FIXED_MASK, _FIXED_BITS = 0x93, 0x12
#: Bytes a printer takes per second while printing (~100 mm/s at 72 bytes per row);
#: a send may block that long once the printer's buffer is full.
_PRINT_BYTES_PER_S = 20_000


class PrinterFault(StrEnum):
    """Why a ticket did not print (or, for PAPER_NEAR_END, printed with a warning)."""

    OFFLINE = "offline"
    PAPER_OUT = "paper_out"
    PAPER_NEAR_END = "paper_near_end"
    COVER_OPEN = "cover_open"
    NO_ANSWER = "no_answer"
    FAILED_MID_PRINT = "failed_mid_print"
    BAD_SPEC = "bad_spec"
    NOT_ESCPOS = "not_escpos"

    @property
    def blocks_printing(self) -> bool:
        return self is not PrinterFault.PAPER_NEAR_END

    @property
    def message_th(self) -> str:
        return _MESSAGES[self][0]

    @property
    def message_en(self) -> str:
        return _MESSAGES[self][1]


_MESSAGES: dict[PrinterFault, tuple[str, str]] = {
    PrinterFault.OFFLINE: (
        "เครื่องพิมพ์ไม่พร้อมใช้งาน (ปิดอยู่หรือไม่ได้เชื่อมต่อ)",
        "The printer is offline or not connected",
    ),
    PrinterFault.PAPER_OUT: ("เครื่องพิมพ์กระดาษหมด", "The printer is out of paper"),
    PrinterFault.PAPER_NEAR_END: ("กระดาษใกล้หมด โปรดเติมกระดาษ", "The printer paper is running low"),
    PrinterFault.COVER_OPEN: ("ฝาเครื่องพิมพ์เปิดอยู่", "The printer cover is open"),
    PrinterFault.NO_ANSWER: ("เครื่องพิมพ์ไม่ตอบสนอง", "The printer does not answer"),
    PrinterFault.FAILED_MID_PRINT: (
        "พิมพ์บัตรคิวไม่สำเร็จ",
        "Printing the ticket failed part-way",
    ),
    PrinterFault.BAD_SPEC: ("ตั้งค่าเครื่องพิมพ์ไม่ถูกต้อง", "The printer setting is invalid"),
    PrinterFault.NOT_ESCPOS: (
        "อุปกรณ์ที่ที่อยู่นี้ไม่ใช่เครื่องพิมพ์บัตรคิว (ESC/POS) กรุณาตรวจสอบที่อยู่ในไฟล์ตั้งค่า",
        "The device at this address is not an ESC/POS ticket printer; check the printer "
        "address in the site file",
    ),
}


class PrinterFaultError(Exception):
    """A device step failed in a known way; carries the fault to report."""

    def __init__(self, fault: PrinterFault, detail: str = "") -> None:
        super().__init__(detail or fault.message_en)
        self.fault = fault


# --- ESC/POS encoding --------------------------------------------------------------


def escpos_profile(width_dots: int) -> Any:
    """A printer profile whose paper width is known (so escpos prints no warning to
    stdout) and which cuts: a copy of TM-T20II's with the width replaced."""
    from escpos.capabilities import BaseProfile, get_profile_class

    data = copy.deepcopy(get_profile_class("TM-T20II").profile_data)
    data["media"]["width"] = {"mm": round(width_dots / 8), "pixels": width_dots}
    return type(f"Khiu{width_dots}Profile", (BaseProfile,), {"profile_data": data})()


def write_ticket(printer: Escpos, bitmap: Image.Image) -> None:
    """The one ESC/POS sequence for a ticket: reset, raster image (GS v 0), feed, cut."""
    printer.hw("INIT")  # clears modes a previous job may have left set
    printer.image(bitmap, impl="bitImageRaster", center=False)
    printer.cut()


def encode_escpos(bitmap: Image.Image) -> bytes:
    """The raw bytes a printer receives for a ticket bitmap (width = printer dots)."""
    from escpos.printer import Dummy

    dummy = Dummy()
    dummy.profile = escpos_profile(bitmap.width)
    write_ticket(dummy, bitmap)
    return dummy.output


# --- Status ------------------------------------------------------------------------


def fault_from_status(printer: bytes, offline_cause: bytes, paper: bytes) -> PrinterFault | None:
    """Interpret DLE EOT 1/2/4 answers; an empty answer means the printer did not reply.

    escpos's paper_status() reports "paper OK" on silence, so silence is judged here.
    """
    if not printer:
        return PrinterFault.NO_ANSWER
    if not all(_is_status(reply) for reply in (printer, offline_cause, paper) if reply):
        return PrinterFault.NOT_ESCPOS
    if printer[0] & _OFFLINE_BIT:
        if offline_cause and offline_cause[0] & _COVER_OPEN_BIT:
            return PrinterFault.COVER_OPEN
        if offline_cause and offline_cause[0] & _STOPPED_PAPER_END_BIT:
            return PrinterFault.PAPER_OUT
        if paper and paper[0] & _PAPER_END_BITS:
            return PrinterFault.PAPER_OUT
        return PrinterFault.OFFLINE
    if paper and paper[0] & _PAPER_END_BITS:
        return PrinterFault.PAPER_OUT
    if paper and paper[0] & _NEAR_END_BITS:
        return PrinterFault.PAPER_NEAR_END
    return None


def _is_status(reply: bytes) -> bool:
    """One status byte with the fixed bits of a real-time status answer."""
    return len(reply) == 1 and reply[0] & _FIXED_MASK == _FIXED_BITS


def query_escpos_status(printer: Escpos) -> PrinterFault | None:
    """Ask a two-way printer (usb, net, serial) for its state."""

    def ask(request: bytes) -> bytes:
        try:
            return bytes(printer.query_status(request))
        except (TimeoutError, OSError) as exc:  # includes socket.timeout
            log.info("printer status %r: no answer (%s)", request, exc)
            return b""
        except Exception as exc:  # pyusb/pyserial raise their own timeout classes
            if "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower():
                return b""
            raise

    status = ask(DLE_EOT_PRINTER)
    if not status:
        return PrinterFault.NO_ANSWER
    if not _is_status(status):
        return PrinterFault.NOT_ESCPOS  # do not send it more bytes to misread
    cause = ask(DLE_EOT_OFFLINE_CAUSE) if status[0] & _OFFLINE_BIT else b""
    return fault_from_status(status, cause, ask(DLE_EOT_PAPER))


# Windows spooler status bits (winspool.h) that stop a ticket.
_WIN32_STATUS = (
    (0x00400000, PrinterFault.COVER_OPEN),  # PRINTER_STATUS_DOOR_OPEN
    (0x00000010, PrinterFault.PAPER_OUT),  # PRINTER_STATUS_PAPER_OUT
    (0x00000080, PrinterFault.OFFLINE),  # PRINTER_STATUS_OFFLINE
    (0x00001000, PrinterFault.OFFLINE),  # PRINTER_STATUS_NOT_AVAILABLE
    (0x00000002, PrinterFault.OFFLINE),  # PRINTER_STATUS_ERROR
    (0x00000040, PrinterFault.PAPER_OUT),  # PRINTER_STATUS_PAPER_PROBLEM
)
_WIN32_WORK_OFFLINE = 0x00000400  # PRINTER_ATTRIBUTE_WORK_OFFLINE ("Use printer offline")


def fault_from_win32(status: int, attributes: int) -> PrinterFault | None:
    """Interpret a Windows print queue's Status and Attributes (GetPrinter level 2)."""
    if attributes & _WIN32_WORK_OFFLINE:
        return PrinterFault.OFFLINE
    for bit, fault in _WIN32_STATUS:
        if status & bit:
            return fault
    return None


def _win32_status(name: str) -> PrinterFault | None:
    import win32print  # pywin32, Windows only

    try:
        handle = win32print.OpenPrinter(name)
    except Exception as exc:
        raise PrinterFaultError(
            PrinterFault.OFFLINE, f"no Windows printer {name!r}: {exc}"
        ) from exc
    try:
        info = win32print.GetPrinter(handle, 2)
    finally:
        win32print.ClosePrinter(handle)
    return fault_from_win32(int(info["Status"]), int(info["Attributes"]))


def fault_from_lpstat(returncode: int, output: str) -> PrinterFault | None:
    """Interpret `lpstat -p NAME`: unknown or disabled queues cannot print."""
    if returncode != 0 or "disabled" in output.lower():
        return PrinterFault.OFFLINE
    return None


def _run(
    args: list[str], timeout_s: float, data: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(args, input=data, capture_output=True, timeout=timeout_s, check=False)
    except FileNotFoundError as exc:
        raise PrinterFaultError(PrinterFault.OFFLINE, f"{args[0]} not found: CUPS missing") from exc
    except subprocess.TimeoutExpired as exc:
        raise PrinterFaultError(PrinterFault.NO_ANSWER, f"{args[0]} timed out") from exc


# --- Devices -----------------------------------------------------------------------


@dataclass
class _Job:
    """Progress of one bounded device job, shared with the worker thread."""

    phase: str = "open"  # open -> status -> send -> done
    fault: PrinterFault | None = None
    detail: str = ""
    printer: Any = None


#: Opens an escpos printer for a spec: the seam tests use to put in a fake device.
Opener = Callable[[PrinterSpec, int, float], "Escpos"]


def open_printer(spec: PrinterSpec, width_dots: int, timeout_s: float) -> Escpos:
    """An escpos printer object for a usb/net/serial/file/win32 spec (not yet opened)."""
    from escpos import printer as p

    kind = spec.kind
    if kind is PrinterKind.USB:
        dev: Escpos = p.Usb(spec.vendor_id, spec.product_id, timeout=int(timeout_s * 1000))
    elif kind is PrinterKind.NET:
        dev = p.Network(spec.target, port=spec.port, timeout=timeout_s)
    elif kind is PrinterKind.SERIAL:
        dev = p.Serial(spec.target, baudrate=spec.baudrate, timeout=timeout_s)
    elif kind is PrinterKind.FILE:
        dev = p.File(spec.target)
    elif kind is PrinterKind.WIN32:
        if sys.platform != "win32":
            raise PrinterFaultError(PrinterFault.OFFLINE, "win32 printers exist only on Windows")
        dev = p.Win32Raw(spec.target)
    else:
        raise ValueError(f"no escpos device for {kind}")
    dev.profile = escpos_profile(width_dots)
    return dev


def _status_step(
    spec: PrinterSpec, printer: Escpos | None, timeout_s: float
) -> PrinterFault | None:
    if spec.kind in (PrinterKind.USB, PrinterKind.NET, PrinterKind.SERIAL):
        return query_escpos_status(printer)
    if spec.kind is PrinterKind.WIN32:
        return _win32_status(spec.target)
    if spec.kind is PrinterKind.CUPS:
        done = _run(["lpstat", "-p", spec.target], timeout_s)
        return fault_from_lpstat(done.returncode, done.stdout.decode(errors="replace"))
    return None  # file: a one-way device; nothing to ask


def _device_job(
    job: _Job,
    spec: PrinterSpec,
    payload: bytes | None,
    width: int,
    timeout_s: float,
    opener: Opener,
) -> None:
    """Open, check, send: runs in a worker thread so the caller can stop waiting."""
    try:
        if spec.kind is not PrinterKind.CUPS:
            job.printer = opener(spec, width, timeout_s)
            job.printer.open()
        job.phase = "status"
        fault = _status_step(spec, job.printer, timeout_s)
        if fault is not None and (fault.blocks_printing or payload is None):
            job.fault = fault
            return
        job.fault = fault  # a near-end warning still prints
        if payload is None:
            return
        job.phase = "send"
        if spec.kind is PrinterKind.CUPS:
            done = _run(
                ["lp", "-d", spec.target, "-o", "raw", "-t", "khiu-ticket"], timeout_s, payload
            )
            if done.returncode != 0:
                raise PrinterFaultError(PrinterFault.OFFLINE, done.stderr.decode(errors="replace"))
        else:
            job.printer._raw(payload)
            job.printer.close()  # win32 commits the job here, files flush here
        job.phase = "done"
    except PrinterFaultError as exc:
        job.fault, job.detail = exc.fault, str(exc)
    except Exception as exc:  # any driver error is a printer problem, never a crash
        from escpos.exceptions import DeviceNotFoundError

        if isinstance(exc, DeviceNotFoundError | ConnectionError):
            job.fault = PrinterFault.OFFLINE
        elif job.phase == "send":
            job.fault = PrinterFault.FAILED_MID_PRINT
        elif isinstance(exc, TimeoutError):
            job.fault = PrinterFault.NO_ANSWER
        else:
            job.fault = PrinterFault.OFFLINE
        job.detail = f"{type(exc).__name__}: {exc}"
    finally:
        _close_quietly(job.printer)


def _close_quietly(printer: Any) -> None:
    if printer is None:
        return
    try:
        printer.close()
    except Exception as exc:  # closing a broken link must not hide the real fault
        log.debug("closing printer: %s", exc)


def run_device_job(
    spec: PrinterSpec,
    payload: bytes | None,
    *,
    width_dots: int,
    timeout_s: float,
    opener: Opener = open_printer,
) -> tuple[PrinterFault | None, str]:
    """Check the printer and send `payload` (None: only check). Returns (fault, detail).

    `timeout_s` bounds opening and the status check; sending gets it again plus the
    time the printer needs to take the bytes. A device that hangs past that is left
    to its daemon thread (no API can kill it) and reported, never waited on.
    """
    job = _Job()
    worker = threading.Thread(
        target=_device_job,
        args=(job, spec, payload, width_dots, timeout_s, opener),
        name="khiu-printer",
        daemon=True,
    )
    worker.start()
    deadline = time.monotonic() + timeout_s
    sending = False
    while worker.is_alive():
        worker.join(0.02)
        if job.phase == "send" and not sending and payload is not None:
            sending = True
            rate = spec.baudrate / 10 if spec.baudrate else _PRINT_BYTES_PER_S
            deadline = time.monotonic() + timeout_s + len(payload) / rate
        if worker.is_alive() and time.monotonic() > deadline:
            fault = PrinterFault.FAILED_MID_PRINT if sending else PrinterFault.NO_ANSWER
            log.warning("printer %s: timed out in %s", spec, job.phase)
            # Closing a socket or port from outside is what unblocks a stuck read/write;
            # done in its own daemon thread because closing can hang too.
            threading.Thread(target=_close_quietly, args=(job.printer,), daemon=True).start()
            return fault, f"timed out after {timeout_s:g} s while {job.phase}"
    return job.fault, job.detail
