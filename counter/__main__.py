"""`khiu-counter [--db PATH] [--counter N]`: the counter officer's app."""

from __future__ import annotations

import argparse
import sys

from shared.cli.app_start import app_database, refuse
from shared.domain.errors import KhiuError


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="khiu-counter", description="Khiu counter app")
    parser.add_argument(
        "--db",
        default=None,
        help="database file (default: $KHIU_DB or the user data folder)",
    )
    parser.add_argument(
        "--counter",
        type=int,
        default=None,
        help="counter number (default: the last one chosen on this PC)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        location = app_database(args.db)
    except KhiuError as error:
        return refuse("khiu-counter", error)
    # Imported here so `--help` and a bad --db answer without loading Qt.
    from PySide6.QtWidgets import QApplication

    from counter.app import CounterSettings, build
    from shared.qt.app_exit import run_until_exit

    qt_app = QApplication(sys.argv[:1])
    qt_app.setApplicationName("khiu-counter")
    counter_app = build(CounterSettings(location, counter=args.counter))
    counter_app.window.resize(1366, 768)
    counter_app.window.show()
    return run_until_exit(qt_app, counter_app.shutdown)


if __name__ == "__main__":
    raise SystemExit(main())
