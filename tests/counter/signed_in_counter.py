"""The real counter program (`khiu-counter`'s main) with an officer typing their login
once it is up: `python -m tests.counter.signed_in_counter LOGIN PIN [--close] -- ARGS`.

Prints "signed in" when the counter is theirs; with --close the officer then closes the
window, otherwise the program runs until it is stopped (a signal, as `khiu demo --run`
or systemd stops it). Only the typing is added: build, shutdown and exit are main()'s.
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

import counter.app
from counter.__main__ import main
from counter.app import CounterApp, CounterSettings
from counter.models import Session


def _with_officer(login: str, pin: str, close: bool) -> None:
    build = counter.app.build

    def build_and_type(settings: CounterSettings) -> CounterApp:
        app = build(settings)
        page = app.window.login_page

        def type_login() -> None:
            QTest.keyClicks(page.login_edit, login)
            QTest.keyClick(page.login_edit, Qt.Key.Key_Return)
            QTest.keyClicks(page.pin_edit, pin)
            QTest.keyClick(page.pin_edit, Qt.Key.Key_Return)

        def signed_in(_session: Session) -> None:
            print("signed in", flush=True)
            if close:
                app.window.close()

        # After the window's own handler has filled the counter choice.
        app.controller.counters_loaded.connect(lambda _counters: QTimer.singleShot(0, type_login))
        app.controller.signed_in.connect(signed_in)
        return app

    counter.app.build = build_and_type  # main() imports build when it runs


if __name__ == "__main__":
    split = sys.argv.index("--")
    parser = argparse.ArgumentParser()
    parser.add_argument("login")
    parser.add_argument("pin")
    parser.add_argument("--close", action="store_true")
    args = parser.parse_args(sys.argv[1:split])
    _with_officer(args.login, args.pin, args.close)
    raise SystemExit(main(sys.argv[split + 1:]))
