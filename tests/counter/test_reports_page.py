"""The admins' reports page: hidden from officers; today's live figures and a chart;
an export of a date range written off the GUI thread by the CLI's code."""

from __future__ import annotations

import csv
import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit
from pytestqt.qtbot import QtBot

from counter import reports_controller
from shared.storage.sqlite import SqliteStore
from tests.support.counter_app import AppFactory, cell_text, settle, sign_in
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
    cells = [
        [cell_text(reports.table, r, c) for c in range(reports.table.columnCount())]
        for r in range(reports.table.rowCount())
    ]
    rows = {row[0].split("\n")[0]: row[1:] for row in cells}
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
    real_write = reports_controller.write_report

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real_write(*args, **kwargs)

    monkeypatch.setattr(reports_controller, "write_report", spy)
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


def test_a_buddhist_era_year_typed_in_the_export_dates_is_refused(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore, tmp_path: Path
) -> None:
    store.add_officer("boss", "ผู้จัดการ ศูนย์", "9999", role="admin")
    app = make_app(counter=1)
    sign_in(qtbot, app, "boss", "9999")
    qtbot.mouseClick(app.window.main_page.reports_button, Qt.MouseButton.LeftButton)
    reports = app.window.reports_page
    assert reports is not None
    qtbot.waitUntil(lambda: reports.live is not None, timeout=10_000)
    # Typed as a Thai manager writes the year: the edit itself accepts it.
    reports.set_range(date(2026, 11, 1), date(2026, 11, 30))
    reports.from_edit.setFocus()
    reports.from_edit.setSelectedSection(QDateEdit.Section.YearSection)
    qtbot.keyClicks(reports.from_edit, "2569")
    assert reports._range() == ("2569-11-01", "2026-11-30")
    out = tmp_path / "november.csv"
    with qtbot.waitSignal(reports.export_failed, timeout=5_000) as failed:
        reports.export_to(out, "csv")
    assert failed.args == ["From 2569-11-01: 2569 looks like a Buddhist-era year: use 2026-11-01"]
    status = reports.export_status.text().splitlines()
    assert status[0].startswith("ตั้งแต่ 2569-11-01") and "2026-11-01" in status[0]
    assert reports.export_button.isEnabled()
    assert not out.exists()
    settle(qtbot, app)
