"""On PostgreSQL the admin pages change the site only under the manager's role (the
database owner, khiu_admin in the README); a counter PC running as the apps' role
shows them read only, saying which role may change them."""

from __future__ import annotations

from pathlib import Path

import psycopg
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter.app import CounterSettings, build
from counter.prefs import CounterPrefs
from shared.paths import DEMO_SITE_FILE
from shared.site import load_site_file
from shared.storage import open_store, parse_location
from tests.support.clock import FakeClock
from tests.support.counter_app import sign_in
from tests.support.pg import SUPERUSER
from tests.support.shots import shots_dir


def app_role_url(url: str) -> str:
    """The README's grants for the apps' role (queue work: rows, not the schema)."""
    dbname = url.rsplit("/", 1)[1]
    role = f"app_{dbname}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
        conn.execute(f'GRANT CONNECT ON DATABASE "{dbname}" TO "{role}"')
        conn.execute(f'GRANT USAGE ON SCHEMA public TO "{role}"')
        conn.execute(
            f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"'
        )
        conn.execute(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "{role}"')
    return url.replace(f"//{SUPERUSER}@", f"//{role}@")


def test_the_apps_role_sees_the_admin_pages_read_only(
    qtbot: QtBot, pg_url: str, clock: FakeClock, tmp_path: Path
) -> None:
    setup = open_store(pg_url, create=True, clock=clock)
    setup.load_site(load_site_file(DEMO_SITE_FILE))
    setup.add_officer("boss", "ผู้จัดการ ศูนย์", "9999", role="admin")
    setup.close()
    url = app_role_url(pg_url)
    app = build(CounterSettings(parse_location(url), 1, clock, prefs=CounterPrefs.at(tmp_path / "c.ini")))
    try:
        app.window.resize(1366, 768)
        app.window.show()
        qtbot.waitUntil(lambda: app.window.login_page.counter_box.count() > 0)
        sign_in(qtbot, app, "boss", "9999")
        qtbot.keyClick(app.window.main_page.scan, Qt.Key.Key_F11)
        page = app.window.admin_page
        assert page is not None and app.window.stack.currentWidget() is page
        qtbot.waitUntil(lambda: page.data is not None)
        assert page.read_only_notice.isVisible()
        assert f"postgresql://{SUPERUSER}@" in page.read_only_notice.text()
        assert page.read_only_notice.text().startswith("ดูได้อย่างเดียว")
        for tab in page.pages:
            assert tab.change_buttons and not any(b.isEnabled() for b in tab.change_buttons)
        officers = page.pages[0]
        assert officers.table.rowCount() == 1  # type: ignore[attr-defined]
        folder = shots_dir("counter")
        folder.mkdir(parents=True, exist_ok=True)
        app.window.grab().save(str(folder / "admin-read-only-1366.png"))
    finally:
        app.shutdown()
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'DROP OWNED BY "app_{pg_url.rsplit("/", 1)[1]}"')
        with psycopg.connect(pg_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP ROLE IF EXISTS "app_{pg_url.rsplit("/", 1)[1]}"')
