"""`khiu demo --run [--simulate]`: the whole demo at once (what `make run` / `make demo`
start): the hall display, the kiosk, counter 1 and the citizens' web pages, optionally
the traffic simulator. It says what each window is and the demo logins, and stops every
program it started on Ctrl+C (SIGINT/SIGTERM), or when the last app window is closed.

The programs run as child processes in their own process groups, so a Ctrl+C reaches
only this supervisor, which then stops them in order (terminate, then kill after 5 s);
each app takes SIGTERM as a close (the counter signs its officer out; on Windows,
terminate ends a program at once). The web pages start only
when their port is free: otherwise the banner says why instead of advertising an address
where another program answers, and the apps run without them.
Works the same from the source, an installed wheel and the frozen bundle.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shared.storage import Location, data_folder, shown_location
from shared.web.lan import lan_address

# Program name -> module run with `python -m` (not frozen).
_MODULES = {
    "khiu": "shared.cli.main",
    "khiu-kiosk": "kiosk",
    "khiu-counter": "counter",
    "khiu-display": "display",
}
DEMO_LOGINS = (
    ("somchai", "1111", "officer"),
    ("somsri", "2222", "officer"),
    ("malee", "3333", "officer"),
    ("admin", "9999", "admin: reports, and the kiosk's exit (hold its top-left corner 3 s)"),
)
STOP_GRACE_S = 5.0
REASON_MAX_CHARS = 300  # a program's last log line, shown when it ends on its own


def label_file(label: str) -> str:
    """"hall display" -> "hall-display" (its log file's name)."""
    return "-".join("".join(ch for ch in word if ch.isalnum()) for word in label.split())


def program_argv(name: str) -> list[str]:
    """How to start one of the four programs from this one (source, wheel or frozen)."""
    if getattr(sys, "frozen", False):
        exe = Path(sys.executable).with_name(name + (".exe" if os.name == "nt" else ""))
        return [str(exe)]
    return [sys.executable, "-m", _MODULES[name]]


def port_problem(port: int) -> tuple[str, str] | None:
    """Why the web pages could not be offered at `port`, Thai and English; None when it is
    free. `khiu serve` listens on every address (0.0.0.0); this PC's own link in the banner
    goes to 127.0.0.1, which on Windows another program may hold on its own."""
    for address in ("0.0.0.0", "127.0.0.1"):
        with socket.socket() as probe:
            if os.name != "nt":
                # As uvicorn does: a port the last run left in TIME_WAIT is free to listen
                # on (on Windows the same option would let two programs share the port).
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((address, port))
            except OSError as exc:
                if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", None)):
                    return (f"พอร์ต {port} มีโปรแกรมอื่นใช้อยู่",
                            f"port {port} is in use by another program")
                return (f"เปิดพอร์ต {port} ไม่ได้ ({exc.strerror})",
                        f"cannot listen on port {port} ({exc.strerror})")
    return None


@dataclass
class Child:
    label: str
    proc: subprocess.Popen[bytes]
    app: bool  # a window: when every app is closed the demo ends
    log: Path | None = None
    log_start: int = 0  # the log's size when this run began: older lines are not ours
    reported: bool = False  # its end was reported

    def last_words(self) -> str:
        """The last line the program logged in this run: usually why it ended."""
        if self.log is None:
            return ""
        try:
            with open(self.log, "rb") as log:
                log.seek(self.log_start)
                text = log.read().decode("utf-8", errors="replace")
        except OSError:
            return ""
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return lines[-1][:REASON_MAX_CHARS] if lines else ""


def start_program(
    label: str, argv: list[str], *, app: bool, log: Path | None, db: str
) -> Child:
    """Start one program in its own process group; its output goes to `log` (None: ours).
    The database reaches it as $KHIU_DB, not `--db`: a URL's password on a command line
    is readable by every user of the PC (ps, Task Manager)."""
    options: dict[str, Any] = {"env": {**os.environ, "KHIU_DB": db}}
    if os.name == "nt":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
    else:
        options["start_new_session"] = True  # Ctrl+C in the terminal reaches us only
    if log is None:
        return Child(label, subprocess.Popen(argv, **options), app)
    with open(log, "ab") as out:  # the child keeps its own copy of the descriptor
        start = out.tell()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, **options)
    return Child(label, proc, app, log, start)


def stop_all(children: list[Child], grace_s: float = STOP_GRACE_S) -> int:
    """Stop every program still running; returns how many that was."""
    running = [child for child in reversed(children) if child.proc.poll() is None]
    for child in running:
        child.proc.terminate()
    deadline = time.monotonic() + grace_s
    for child in reversed(children):
        try:
            child.proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.proc.kill()
            child.proc.wait()
    return len(running)


def _web_lines(port: int, problem: tuple[str, str] | None) -> list[str]:
    """The banner's lines about the citizens' web pages: where they are, or why not."""
    if problem is None:
        return [
            f"  เว็บประชาชน / citizens' web  http://{lan_address()}:{port}/ (this PC:"
            f" http://127.0.0.1:{port}/); the QR on each ticket opens its live page"
        ]
    th, en = problem
    other = port + 1 if port < 65535 else 8081
    return [
        f"  เว็บประชาชน / citizens' web  เปิดไม่ได้: {th} / could not start: {en}",
        f"    ใช้พอร์ตอื่น / use another port: make run WEB_PORT={other}"
        f" (khiu demo --run --port {other}); the other programs run without the web pages",
    ]


def _banner(db: Location, logs: Path, web_lines: list[str], simulate: bool, rate: float) -> str:
    return "\n".join([
        "",
        "Khiu demo — กด Ctrl+C เพื่อหยุดทุกโปรแกรม / press Ctrl+C to stop everything",
        f"  ฐานข้อมูล / database  {shown_location(db)}",
        f"  บันทึก / logs         {logs}",
        "  หน้าต่าง / windows:",
        "    ตู้บัตรคิว / ticket kiosk  window \"Khiu kiosk\": touch a service, take a ticket",
        "    ช่องบริการ 1 / counter 1   window \"Khiu counter\": sign in, Enter calls the next",
        "    จอแสดงคิว / hall display   window \"Khiu hall display\": calls shown and spoken",
        *web_lines,
        "  บัญชีทดลอง / demo logins (login / PIN):",
        *(f"    {login:<8} {pin}  {role}" for login, pin, role in DEMO_LOGINS),
        *([f"  จำลองผู้รับบริการ / traffic  simulated at {rate:g}x (tickets issued,"
           " called, finished)"]
          if simulate else
          ["  จำลองผู้รับบริการ / traffic  none; `make demo` (khiu demo --run"
           " --simulate) adds it"]),
        "",
    ])


def report_ended(child: Child) -> None:
    """Say that a program ended on its own, and why when its log says (its last line)."""
    child.reported = True
    code = child.proc.returncode
    line = f"khiu demo: {child.label} จบการทำงาน / ended (exit {code})"
    reason = child.last_words() if code else ""
    if reason:
        line += f": {reason} (log: {child.log})"
    print(line, flush=True)


def run_demo(location: Location, *, port: int, simulate: bool, rate: float) -> int:
    logs = data_folder(location).resolve() / "logs"  # beside the SQLite file
    logs.mkdir(parents=True, exist_ok=True)
    # What the programs are given: the location as the user wrote it (a URL with its
    # password: it travels in the environment, never on a command line).
    db = location.given
    # Checked before anything is advertised: at a taken port the banner's address would
    # open another program, and the web pages would end at once with the reason in a log.
    web_problem = port_problem(port)
    plan = [
        *([] if web_problem else [
            ("citizens' web pages", ["khiu", "serve", "--port", str(port)], False)
        ]),
        ("hall display", ["khiu-display", "--windowed"], True),
        ("counter 1", ["khiu-counter", "--counter", "1"], True),
        ("ticket kiosk", ["khiu-kiosk", "--windowed"], True),
    ]
    if simulate:
        plan.append((f"traffic simulator ({rate:g}x)",
                     ["khiu", "demo", "--simulate", "--rate", f"{rate:g}"], False))
    stop = {"why": ""}

    def on_signal(signum: int, _frame: object) -> None:
        stop["why"] = signal.Signals(signum).name

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    children: list[Child] = []
    stopped = 0
    try:
        for label, (name, *args), app in plan:
            # The simulator's lines are the demo's live feed; the others log to files.
            log = None if label.startswith("traffic") else logs / f"{label_file(label)}.log"
            children.append(start_program(label, program_argv(name) + args, app=app, log=log, db=db))
        print(_banner(location, logs, _web_lines(port, web_problem), simulate, rate), flush=True)
        while not stop["why"]:
            time.sleep(0.2)
            for child in children:
                if child.proc.poll() is not None and not child.reported:
                    report_ended(child)
            if all(c.proc.poll() is not None for c in children if c.app):
                stop["why"] = "every window closed"
    finally:
        stopped = stop_all(children)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print(
        f"khiu demo: หยุด {stopped} โปรแกรมแล้ว / stopped {stopped} programs "
        f"({stop['why'] or 'error'})",
        flush=True,
    )
    return 0
