"""`khiu demo --run [--simulate]`: the whole demo at once (what `make run` / `make demo`
start): the hall display, the kiosk, counter 1 and the citizens' web pages, optionally
the traffic simulator. It says what each window is and the demo logins, and stops every
program it started on Ctrl+C (SIGINT/SIGTERM), or when the last app window is closed.

The programs run as child processes in their own process groups, so a Ctrl+C reaches
only this supervisor, which then stops them in order (terminate, then kill after 5 s).
Works the same from the source, an installed wheel and the frozen bundle.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shared.storage import data_folder, shown_location
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


def label_file(label: str) -> str:
    """"hall display" -> "hall-display" (its log file's name)."""
    return "-".join("".join(ch for ch in word if ch.isalnum()) for word in label.split())


def program_argv(name: str) -> list[str]:
    """How to start one of the four programs from this one (source, wheel or frozen)."""
    if getattr(sys, "frozen", False):
        exe = Path(sys.executable).with_name(name + (".exe" if os.name == "nt" else ""))
        return [str(exe)]
    return [sys.executable, "-m", _MODULES[name]]


@dataclass
class Child:
    label: str
    proc: subprocess.Popen[bytes]
    app: bool  # a window: when every app is closed the demo ends


def _start(label: str, argv: list[str], *, app: bool, log: Path | None) -> Child:
    options: dict[str, Any] = {}
    if os.name == "nt":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
    else:
        options["start_new_session"] = True  # Ctrl+C in the terminal reaches us only
    if log is None:
        return Child(label, subprocess.Popen(argv, **options), app)
    with open(log, "ab") as out:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, **options)
    return Child(label, proc, app)


def stop_all(children: list[Child], grace_s: float = STOP_GRACE_S) -> None:
    for child in reversed(children):
        if child.proc.poll() is None:
            child.proc.terminate()
    deadline = time.monotonic() + grace_s
    for child in reversed(children):
        try:
            child.proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.proc.kill()
            child.proc.wait()


def run_demo(db: Path | str, *, port: int, simulate: bool, rate: float) -> int:
    logs = data_folder(db).resolve() / "logs"  # beside the SQLite file
    logs.mkdir(parents=True, exist_ok=True)
    db = str(db)
    plan = [
        ("citizens' web pages", ["khiu", "--db", db, "serve", "--port", str(port)], False),
        ("hall display", ["khiu-display", "--db", db, "--windowed"], True),
        ("counter 1", ["khiu-counter", "--db", db, "--counter", "1"], True),
        ("ticket kiosk", ["khiu-kiosk", "--db", db, "--windowed"], True),
    ]
    if simulate:
        plan.append((f"traffic simulator ({rate:g}x)",
                     ["khiu", "--db", db, "demo", "--simulate", "--rate", f"{rate:g}"], False))
    stop = {"why": ""}

    def on_signal(signum: int, _frame: object) -> None:
        stop["why"] = signal.Signals(signum).name

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    children: list[Child] = []
    try:
        for label, (name, *args), app in plan:
            # The simulator's lines are the demo's live feed; the others log to files.
            log = None if label.startswith("traffic") else logs / f"{label_file(label)}.log"
            children.append(_start(label, program_argv(name) + args, app=app, log=log))
        web = f"http://{lan_address()}:{port}/"
        print(
            "\n".join([
                "",
                "Khiu demo — กด Ctrl+C เพื่อหยุดทุกโปรแกรม / press Ctrl+C to stop everything",
                f"  ฐานข้อมูล / database  {shown_location(db)}",
                f"  บันทึก / logs         {logs}",
                "  หน้าต่าง / windows:",
                "    ตู้บัตรคิว / ticket kiosk  window \"Khiu kiosk\": touch a service, take a ticket",
                "    ช่องบริการ 1 / counter 1   window \"Khiu counter\": sign in, Enter calls the next",
                "    จอแสดงคิว / hall display   window \"Khiu hall display\": calls shown and spoken",
                f"  เว็บประชาชน / citizens' web  {web} (this PC: http://127.0.0.1:{port}/); the QR on each"
                " ticket opens its live page",
                "  บัญชีทดลอง / demo logins (login / PIN):",
                *(f"    {login:<8} {pin}  {role}" for login, pin, role in DEMO_LOGINS),
                *([f"  จำลองผู้รับบริการ / traffic  simulated at {rate:g}x (tickets issued,"
                   " called, finished)"]
                  if simulate else
                  ["  จำลองผู้รับบริการ / traffic  none; `make demo` (khiu demo --run"
                   " --simulate) adds it"]),
                "",
            ]),
            flush=True,
        )
        while not stop["why"]:
            time.sleep(0.2)
            apps = [c for c in children if c.app]
            for child in children:
                code = child.proc.poll()
                if code is not None and not getattr(child, "reported", False):
                    child.reported = True  # type: ignore[attr-defined]
                    print(f"khiu demo: {child.label} จบการทำงาน / ended (exit {code})", flush=True)
            if all(c.proc.poll() is not None for c in apps):
                stop["why"] = "every window closed"
    finally:
        stop_all(children)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print(
        f"khiu demo: หยุด {len(children)} โปรแกรมแล้ว / stopped {len(children)} programs "
        f"({stop['why'] or 'error'})",
        flush=True,
    )
    return 0
