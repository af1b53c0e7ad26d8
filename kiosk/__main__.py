"""`khiu-kiosk`: the touchscreen ticket kiosk (full screen and locked unless --windowed)."""

from __future__ import annotations

import argparse
import logging
import sys

from shared.cli.app_start import app_database, refuse
from shared.domain.errors import KhiuError


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="khiu-kiosk", description="Khiu ticket kiosk")
    parser.add_argument("--db", default=None, help="database file or URL (env KHIU_DB)")
    parser.add_argument(
        "--windowed",
        action="store_true",
        help="a normal window that can be closed (testing, not for the hall)",
    )
    parser.add_argument(
        "--printer",
        default=None,
        help="printer SPEC, overrides the site file (preview, file:PATH, "
        "usb:VID:PID, net:HOST[:PORT], serial:DEV, win32:NAME, cups:NAME)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        location = app_database(args.db)
    except KhiuError as error:
        return refuse("khiu-kiosk", error)
    # Imported here so `--help` and a bad --db answer without loading Qt.
    from PySide6.QtWidgets import QApplication

    from kiosk.app import KioskSettings, build
    from shared.qt.app_exit import run_until_exit

    qt_app = QApplication(sys.argv[:1])
    kiosk = build(KioskSettings(location=location, windowed=args.windowed, printer_spec=args.printer))
    kiosk.start()
    return run_until_exit(qt_app, kiosk.shutdown)


if __name__ == "__main__":
    raise SystemExit(main())
