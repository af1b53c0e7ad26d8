"""`khiu-display`: the hall display, full screen on the chosen screen."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from shared.cli.app_start import app_database, refuse
from shared.domain.errors import KhiuError


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="khiu-display", description="Khiu (คิว) hall display: calls on screen and spoken."
    )
    parser.add_argument("--db", help="database file (default: $KHIU_DB, then the user data dir)")
    parser.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    parser.add_argument("--mute", action="store_true", help="show calls without sound")
    parser.add_argument(
        "--screen",
        type=int,
        metavar="N",
        help="show on screen N (0 = first; default: the primary screen)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        location = app_database(args.db)
    except KhiuError as error:
        return refuse("khiu-display", error)
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    ):
        return refuse(
            "khiu-display",
            KhiuError("ไม่พบหน้าจอ (ไม่ได้ตั้งค่า DISPLAY)", "no screen found (DISPLAY is not set)"),
        )

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from display.app import DisplaySettings, build
    from shared.qt.app_exit import run_until_exit

    qt_app = QApplication([sys.argv[0]])
    qt_app.setApplicationName("khiu-display")
    settings = DisplaySettings(
        location=location, muted=args.mute, windowed=args.windowed, screen=args.screen
    )
    app = build(settings)
    window = app.window
    screens = qt_app.screens()
    screen = qt_app.primaryScreen()
    if args.screen is not None:
        if not 0 <= args.screen < len(screens):
            app.shutdown()
            return refuse(
                "khiu-display",
                KhiuError(
                    f"ไม่มีหน้าจอที่ {args.screen} (มี {len(screens)} จอ)",
                    f"no screen {args.screen} (there are {len(screens)})",
                ),
            )
        screen = screens[args.screen]
    if args.windowed:
        window.resize(1280, 720)
        window.move(screen.availableGeometry().topLeft())
        window.show()
    else:
        # Without a window manager showFullScreen alone leaves the window small.
        window.setGeometry(screen.geometry())
        window.setCursor(Qt.CursorShape.BlankCursor)
        window.showFullScreen()
    return run_until_exit(qt_app, app.shutdown)


if __name__ == "__main__":
    raise SystemExit(main())
