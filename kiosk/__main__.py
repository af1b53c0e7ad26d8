"""`khiu-kiosk`: the touchscreen ticket kiosk (full screen and locked unless --windowed)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.app import KioskSettings, build
from shared.cli.context import default_db_path
from shared.qt.app_exit import exit_on_request
from shared.storage import as_location


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
    # $KHIU_DB, else the per-user data folder
    db = as_location(args.db) if args.db else default_db_path()
    if isinstance(db, Path) and not db.exists():
        print(
            f"khiu-kiosk: no database at {db}; create it with `khiu --db {db} init`",
            file=sys.stderr,
        )
        return 2
    qt_app = QApplication(sys.argv[:1])
    kiosk = build(KioskSettings(db_path=db, windowed=args.windowed, printer_spec=args.printer))
    kiosk.start()
    exit_on_request(qt_app)
    try:
        return qt_app.exec()
    finally:
        kiosk.shutdown()


if __name__ == "__main__":
    raise SystemExit(main())
