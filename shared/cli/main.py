"""The `khiu` command line: argument parsing, JSON output and error reporting.

Each command group lives in its own module with a `register(subparsers)` function
that adds parsers and sets `handler=` (and optionally `human=`) defaults. A handler
takes `(args, ctx)` and returns a JSON-able value; `main` prints it as one JSON value
with `--json`, or as readable text otherwise.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from shared.cli import admin, booking, card, demo, queue, report, site_admin, speech, web
from shared.cli.args import KhiuArgumentParser
from shared.cli.context import CliContext, user_language
from shared.domain.errors import KhiuError
from shared.storage import driver_loggers

COMMAND_GROUPS = (admin, queue, booking, card, speech, demo, report, web, site_admin)


def build_parser() -> argparse.ArgumentParser:
    KhiuArgumentParser.lang = user_language()
    parser = KhiuArgumentParser(
        prog="khiu", description="Khiu (คิว) queue system for Thai government service centres."
    )
    parser.add_argument("--db", help="database file (default: $KHIU_DB, then the user data dir)")
    parser.add_argument("--json", action="store_true", help="print one JSON value")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in COMMAND_GROUPS:
        group.register(subparsers)
    return parser



def _quiet_logs() -> None:
    """What the user must know reaches stderr as one `khiu:` line (errors, ctx.warn);
    library log records (the technical cause) show only with KHIU_DEBUG=1."""
    debug = bool(os.environ.get("KHIU_DEBUG"))
    level = logging.DEBUG if debug else logging.CRITICAL
    # The level goes on the handler too: a library that sets its own logger's level
    # (the PostgreSQL driver sets WARNING on import) would otherwise print past the root's level.
    handler = logging.StreamHandler()
    handler.setLevel(level)
    logging.basicConfig(level=level, format="khiu debug: %(name)s: %(message)s",
                        handlers=[handler])
    if debug:
        for name in driver_loggers():
            logging.getLogger(name).setLevel(logging.DEBUG)


def main(argv: Sequence[str] | None = None) -> int:
    _quiet_logs()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        ctx = CliContext.from_args(args)
    except KhiuError as exc:  # a mistyped database URL
        print(f"khiu: {exc.message(user_language())}", file=sys.stderr)
        return 2
    handler: Callable[[argparse.Namespace, CliContext], Any] = args.handler
    try:
        # Damage past the pages read on opening, a full disk, a lock held too long, a
        # server gone mid-command: each shows only when a query reaches it, and the
        # session explains each with its own next step.
        with ctx.session.explaining():
            value = handler(args, ctx)
    except KhiuError as exc:
        print(f"khiu: {exc.message(ctx.lang)}", file=sys.stderr)
        return 2
    except OSError as exc:
        # A file or folder the command was given cannot be used (no traceback).
        name = f" {exc.filename}" if exc.filename else ""
        print(
            f"khiu: {exc.strerror or exc}{':' if name else ''}{name}" if ctx.lang != "th"
            else f"khiu: ใช้ไฟล์หรือโฟลเดอร์{name} ไม่ได้ ({exc.strerror or exc})",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        return 130
    finally:
        ctx.close()
    try:
        if args.json:
            json.dump(value, sys.stdout, ensure_ascii=False)
            sys.stdout.write("\n")
        else:
            human: Callable[[Any], str] | None = getattr(args, "human", None)
            text = human(value) if human else json.dumps(value, ensure_ascii=False, indent=2)
            if text:
                print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error of ours. Point stdout at
        # devnull so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ctx.exit_code
    for warning in ctx.warnings:
        print(f"khiu: {warning}", file=sys.stderr)
    return ctx.exit_code


if __name__ == "__main__":
    raise SystemExit(main())
