"""`khiu report`: the site manager's figures as JSON (stdout), CSV, XLSX or PDF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from shared.cli.context import CliContext, add_json_flag
from shared.reports import make_report
from shared.reports.export import FORMATS, check_format, write_report
from shared.reports.period import parse_period


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "report",
        help="waiting and service times, counts and promises kept, for a period",
        description="DATE = YYYY-MM-DD business dates (Common Era, years 2000-2200), "
        "inclusive, default today. JSON (the default) prints to stdout; csv, xlsx and pdf "
        "need --out.",
    )
    p.add_argument("--from", dest="date_from", metavar="DATE", help="first business date")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last business date")
    # Checked by the handler (one clear line, Thai under a Thai locale), not by argparse.
    p.add_argument("--format", default="json", metavar="|".join(FORMATS), help="json (default)")
    p.add_argument("--out", metavar="PATH", help="write the report to this file")
    add_json_flag(p)
    p.set_defaults(handler=report_command, human=_human)


def report_command(args: argparse.Namespace, ctx: CliContext) -> Any:
    fmt = (args.format or "json").lower()
    check_format(fmt, args.out)
    store = ctx.store()
    date_from, date_to = parse_period(args.date_from, args.date_to, store.today())
    report = make_report(store, date_from, date_to, now=store.clock())
    if fmt == "json" and not args.out:
        args.human = None  # the JSON itself is the output
        return report.to_json()
    if fmt == "pdf":
        from shared.qt.gui_app import ensure_gui_application

        ensure_gui_application()
    out = Path(args.out)
    size = write_report(report, fmt, out)
    return {"format": fmt, "out": str(out.resolve()), "from": date_from, "to": date_to,
            "bytes": size}  # fmt: skip


def _human(value: dict[str, Any]) -> str:
    return (
        f"บันทึกรายงาน {value['from']} ถึง {value['to']} ลงไฟล์ {value['out']} แล้ว"
        f" / Report {value['from']}..{value['to']} written to {value['out']}"
    )
