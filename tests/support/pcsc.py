"""A PC/SC service with a virtual reader for the test session: `pcscd` and Debian's
`vsmartcard-vpcd` driver, started and stopped by the tests (as root, as the PostgreSQL
server is), or the machine's own pcscd when one already runs.

Our own pcscd reads a reader.conf.d of its own that puts the virtual reader on a port
below the kernel's ephemeral range: vpcd's usual 35963/35964 sit inside it, and a
client socket that happened to hold one of them made the reader fail to start.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
DEFAULT_PORT = 35963  # a system pcscd's vpcd (Debian's /etc/reader.conf.d/vpcd)
READER = "Virtual PCD 00 00"
RUN_DIR = Path("/run/pcscd")


@dataclass
class PcscService:
    """Where the virtual reader listens for a card; `process` when we started pcscd."""

    port: int
    process: subprocess.Popen[bytes] | None
    folder: Path | None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def _running() -> bool:
    """A pcscd answers on its socket."""
    with socket.socket(socket.AF_UNIX) as sock:
        try:
            sock.connect(str(RUN_DIR / "pcscd.comm"))
        except OSError:
            return False
        return True


def _running_port() -> int:
    """The virtual reader's port of the pcscd already running: from the reader.conf.d
    it was given (`--config DIR`, e.g. by an earlier test session), else vpcd's own."""
    try:
        pid = (RUN_DIR / "pcscd.pid").read_text().strip("\0\n ")
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        folder = Path(args[args.index(b"--config") + 1].decode())
        for line in (folder / "vpcd").read_text().splitlines():
            if line.startswith("CHANNELID"):
                return int(line.split()[1], 16)
    except (OSError, ValueError, IndexError):
        pass
    return DEFAULT_PORT


def _free_port_pair() -> int:
    """A port P below the ephemeral range with P and P + 1 free (vpcd's two slots)."""
    for port in range(24100, 32000, 2):
        try:
            for candidate in (port, port + 1):
                with socket.socket() as sock:
                    sock.bind(("0.0.0.0", candidate))
        except OSError:
            continue
        return port
    raise RuntimeError("no free port pair for the virtual card reader")


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("0.0.0.0", port))
        except OSError:
            return True
        return False


def start_service() -> PcscService | str:
    """The session's PC/SC service, or why there can be none (the reason to skip)."""
    if not VPCD_DRIVER.exists() or shutil.which("pcscd") is None:
        return "pcscd and vsmartcard-vpcd are not installed (make system-deps)"
    if _running():
        return PcscService(_running_port(), None, None)
    if os.geteuid() != 0:
        return "pcscd is not running and only root can start it"
    port = _free_port_pair()
    folder = Path(tempfile.mkdtemp(prefix="khiu-pcscd-"))
    (folder / "vpcd").write_text(
        f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:{port:#x}\n'
        f"LIBPATH {VPCD_DRIVER}\nCHANNELID {port:#x}\n",
        encoding="ascii",
    )
    with (folder / "pcscd.log").open("wb") as log:  # pcscd keeps its own descriptor
        process = subprocess.Popen(
            ["pcscd", "--foreground", "--config", str(folder)], stdout=log, stderr=log
        )
    service = PcscService(port, process, folder)
    deadline = time.monotonic() + 15
    while not (_running() and _listening(port)):
        if process.poll() is not None or time.monotonic() > deadline:
            why = (folder / "pcscd.log").read_text(errors="replace")
            service.stop()
            return f"pcscd did not start: {why}"
        time.sleep(0.05)
    return service


def wait_for_card(present: bool, timeout_s: float = 10.0) -> None:
    """Until the virtual reader reports a card (or none): pcscd notices a card inserted
    or removed in vpcd a moment later, by its own polling."""
    from smartcard import scard

    result, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    assert result == scard.SCARD_S_SUCCESS, scard.SCardGetErrorMessage(result)
    try:
        state = scard.SCARD_STATE_UNAWARE
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            result, states = scard.SCardGetStatusChange(context, 200, [(READER, state)])
            if result == scard.SCARD_S_SUCCESS:
                state = states[0][1] & ~scard.SCARD_STATE_CHANGED
                if bool(state & scard.SCARD_STATE_PRESENT) == present:
                    return
        raise AssertionError(f"the virtual reader never reported present={present}")
    finally:
        scard.SCardReleaseContext(context)
