"""The hall display and `khiu status` work with a read-only PostgreSQL role (the
`khiu_display` role the README gives hall screens; web pages get `khiu_web`, which may
also record ratings); writes are refused clearly."""

from __future__ import annotations

import psycopg
import pytest
from pytestqt.qtbot import QtBot

from display.app import DisplayApp, DisplaySettings
from shared.paths import DEMO_SITE_FILE
from shared.site import VoiceConfig, load_site_file
from shared.storage import open_store, parse_location
from tests.support.cli import khiu_process
from tests.support.pg import PgServer
from tests.support.speakers import RecordingSpeaker

pytestmark = pytest.mark.slow


def read_only_url(server: PgServer, url: str) -> str:
    """The statements README gives for the display role, as the database owner runs them."""
    dbname = url.rsplit("/", 1)[1]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS khiu_display_ro")
        conn.execute("CREATE ROLE khiu_display_ro LOGIN")
        conn.execute(f'GRANT CONNECT ON DATABASE "{dbname}" TO khiu_display_ro')
        conn.execute("GRANT USAGE ON SCHEMA public TO khiu_display_ro")
        conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO khiu_display_ro")
    return url.replace("//khiu@", "//khiu_display_ro@")


def test_display_and_status_as_a_read_only_role(
    qtbot: QtBot, pg_server: PgServer, pg_url: str
) -> None:
    setup = open_store(pg_url, create=True)
    setup.load_site(load_site_file(DEMO_SITE_FILE))
    setup.issue("DL")
    setup.close()
    ro = read_only_url(pg_server, pg_url)

    status = khiu_process(ro, "status")
    assert status.code == 0, status.err
    assert {s["code"]: s["waiting"] for s in status.value["services"]}["DL"] == 1
    refused = khiu_process(ro, "issue", "DL", lang="th_TH.UTF-8")
    assert refused.code != 0 and refused.out == "" and refused.err.count("\n") == 1
    assert "สิทธิ์อ่านอย่างเดียว" in refused.err, refused.err
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM tickets").fetchone() == (1,)

    speaker = RecordingSpeaker()

    def speakers(voice: VoiceConfig) -> tuple[RecordingSpeaker, list[object]]:
        return speaker, []

    display = DisplayApp(
        DisplaySettings(location=parse_location(ro), muted=True, speaker_factory=speakers, probe_ms=100)
    )
    qtbot.addWidget(display.window)
    display.window.show()
    display.start()
    try:
        qtbot.waitUntil(lambda: display.controller.board is not None)
        counter = open_store(pg_url)  # a counter PC, with the read-write role
        counter.call_next(1)
        counter.close()
        qtbot.waitUntil(lambda: display.window.call.number.text() == "A001", timeout=10000)
        qtbot.waitUntil(lambda: [c[0] for c in speaker.calls] == ["A001"], timeout=10000)
        assert not display.window.header.mark.isVisible()
    finally:
        display.shutdown()
