"""The admins' reports page: hidden from officers; today's live figures and a chart;
an export of a date range written off the GUI thread by the CLI's code."""

from __future__ import annotations

import csv
import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter.pages import reports as reports_module
from shared.storage.sqlite import SqliteStore
from tests.counter.conftest import AppFactory, settle, sign_in
from tests.support.shots import shots_dir


def test_officers_do_not_see_reports(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(counter=1)
    sign_in(qtbot, app)
    assert not app.window.main_page.reports_button.isVisible()
    qtbot.keyClick(app.window.main_page.scan, Qt.Key.Key_F10)
    assert app.window.stack.currentWidget() is app.window.main_page


def test_admin_sees_live_figures_and_exports(
    qtbot: QtBot,
    make_app: AppFactory,
    store: SqliteStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store.add_officer("boss", "ผู้จัดการ ศูนย์", "9999", role="admin")
    for _ in range(3):
        store.issue("DL")
    store.issue("SSO")
    app = make_app(counter=1)
    sign_in(qtbot, app, "boss", "9999")
    page = app.window.main_page
    assert page.reports_button.isVisible()
    qtbot.mouseClick(page.reports_button, Qt.MouseButton.LeftButton)
    reports = app.window.reports_page
    assert reports is not None
    assert app.window.stack.currentWidget() is reports
    qtbot.waitUntil(lambda: reports.live is not None, timeout=10_000)
    rows = {
        reports.table.item(r, 0).text().split("\n")[0]: [
            reports.table.item(r, c).text() for c in range(1, reports.table.columnCount())
        ]
        for r in range(reports.table.rowCount())
    }
    dl_name = next(s.name_th for s in store.services() if s.code == "DL")
    assert rows[dl_name][:2] == ["3", "0"]  # waiting, served
    assert not reports.chart.pixmap().isNull()
    shot = shots_dir("counter") / "reports.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    app.window.grab().save(str(shot))

    today = date.fromisoformat(store.today())
    assert reports._range() == (today.replace(day=1).isoformat(), today.isoformat())
    reports.set_range(today, today)
    threads: list[str] = []
    real_write = reports_module.write_report

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real_write(*args, **kwargs)

    monkeypatch.setattr(reports_module, "write_report", spy)
    out = tmp_path / "today.csv"
    with qtbot.waitSignal(reports.exported, timeout=20_000):
        reports.export_to(out, "csv")
    with open(out, encoding="utf-8-sig", newline="") as fh:
        by_code = {r["service_code"]: r for r in csv.DictReader(fh)}
    assert by_code["DL"]["issued"] == "3" and by_code["SSO"]["issued"] == "1"
    pdf = tmp_path / "today.pdf"
    with qtbot.waitSignal(reports.exported, timeout=30_000):
        reports.export_to(pdf, "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert threads and threading.main_thread().name not in threads  # never the GUI thread

    qtbot.keyClick(reports.table, Qt.Key.Key_Escape)
    assert app.window.stack.currentWidget() is page
    settle(qtbot, app)
