"""The real counter program (`khiu-counter`'s main, same arguments) with an officer who
types their login once it is up: `KHIU_TEST_OFFICER="LOGIN PIN" python -m
tests.counter.signed_in_counter --db … --counter N`. Tests start it where `khiu-counter`
would run, also in place of it under `khiu demo --run`.

Prints "signed in" when the counter is theirs; with KHIU_TEST_CLOSE=1 the officer then
closes the window, otherwise it runs until stopped (a signal, as `khiu demo --run` or
systemd stops it). Only the typing is added: build, shutdown and exit are main()'s.
"""

from __future__ import annotations

import os

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
    officer_login, officer_pin = os.environ["KHIU_TEST_OFFICER"].split()
    _with_officer(officer_login, officer_pin, os.environ.get("KHIU_TEST_CLOSE") == "1")
    raise SystemExit(main())
