"""`khiu demo --simulate`: steady simulated traffic so a visitor sees the hall come alive."""

from __future__ import annotations

import argparse
import random
import time
from typing import Any

from shared.cli.args import INT64_MAX, number, whole_number
from shared.cli.context import CliContext, add_json_flag
from shared.domain.errors import KhiuError
from shared.simulate import Simulator
from shared.storage import backend_at

MAX_SLEEP_S = 0.5  # stay responsive to Ctrl+C and --duration


def cmd_demo(args: argparse.Namespace, ctx: CliContext) -> Any:
    if args.run:
        from shared.cli.demo_run import run_demo

        ctx.store()  # the database must exist and open: one clear error, not four
        return {"stopped": run_demo(
            ctx.location, port=args.port, simulate=args.simulate, rate=args.rate
        ) == 0}
    if not args.simulate:
        raise KhiuError("ไม่มีงานให้ทำ: กรุณาเพิ่ม --simulate", "nothing to do: add --simulate")
    if args.rate <= 0:
        raise KhiuError("--rate ต้องมากกว่า 0", "--rate must be above 0")
    store = ctx.store()
    simulator = Simulator(store, random.Random(args.seed))
    quiet = bool(getattr(args, "json", False))
    if not quiet:
        print(
            f"จำลองการใช้งาน / simulating at {args.rate:g}x on {ctx.shown_db} (Ctrl+C to stop)",
            flush=True,
        )
    started = time.monotonic()
    interrupted = False
    try:
        simulator.seed()
        while True:
            elapsed = time.monotonic() - started
            if args.duration is not None and elapsed >= args.duration:
                break
            if store.replaced():
                # Moved away, deleted or replaced under us: stop and say so (never
                # simulate into a file no app reads any more).
                raise backend_at(ctx.location).replaced_error()
            for line in simulator.step(elapsed * args.rate):
                if not quiet:  # in site time, as every screen and report shows it
                    at = store.clock().astimezone(simulator.tz)
                    print(f"{at:%H:%M:%S}  {line}", flush=True)
            wait = (simulator.next_due() / args.rate) - (time.monotonic() - started)
            if args.duration is not None:
                wait = min(wait, args.duration - (time.monotonic() - started))
            time.sleep(min(max(wait, 0.01), MAX_SLEEP_S))
    except KeyboardInterrupt:
        interrupted = True
    summary = simulator.report.to_json()
    summary.update(
        {
            "duration_s": round(time.monotonic() - started, 1),
            "rate": args.rate,
            "simulated_s": round((time.monotonic() - started) * args.rate),
            "interrupted": interrupted,
        }
    )
    if simulator.report.errors and not quiet:
        count = len(simulator.report.errors)
        ctx.note(f"มีการกระทำที่ถูกปฏิเสธ {count} ครั้ง", f"{count} actions refused")
    return summary


def _summary_text(value: dict[str, Any]) -> str:
    return (
        f"สรุป / summary: {value['duration_s']} s at {value['rate']:g}x — "
        f"issued {value['issued']} ({value['priority']} priority), called {value['called']}, "
        f"recalled {value['recalled']}, finished {value['finished']}, "
        f"no-show {value['no_show']}, paused {value['paused']}, errors {value['errors']}"
    )


def register(subparsers: Any) -> None:
    demo = subparsers.add_parser("demo", help="demo helpers: simulated hall traffic")
    add_json_flag(demo)
    demo.add_argument(
        "--simulate", action="store_true", help="issue, call, recall and finish tickets"
    )
    demo.add_argument(
        "--rate", type=number(0.01, 10_000), default=1.0, metavar="N", help="run N times faster than real time"
    )
    demo.add_argument(
        "--duration", type=number(0, 10_000_000), metavar="S", help="stop after S seconds (default: Ctrl+C)"
    )
    demo.add_argument("--seed", type=whole_number(0, INT64_MAX), help="random seed, for a repeatable run")
    demo.add_argument(
        "--run",
        action="store_true",
        help="start the hall display, kiosk, counter 1 and the web pages (with --simulate: "
        "and the simulator); Ctrl+C stops them all",
    )
    demo.add_argument(
        "--port", type=whole_number(1, 65535), default=8080, help="web pages port with --run (8080)"
    )
    demo.set_defaults(
        handler=cmd_demo, human=lambda v: "" if "stopped" in v else _summary_text(v)
    )
