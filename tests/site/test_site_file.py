"""Site file validation: each broken file gives a SiteFileError naming file, key and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.domain.errors import SiteFileError
from shared.paths import DEMO_SITE_FILE
from shared.site import load_site_file
from tests.support.small_site import SMALL_SITE

GOOD = SMALL_SITE.format(fairness=3)

# (id, old text, new text, key named, problem named)
BROKEN = [
    ("missing name_th", 'name_th = "ศูนย์ทดสอบ"\n', "", "site.name_th", "is required"),
    ("empty name_en", 'name_en = "Test centre"', 'name_en = "  "', "site.name_en", "must not be empty"),
    ("bad prefix digit", 'prefix = "A"', 'prefix = "A1"', "services[0].prefix", "one or two Latin letters"),
    ("bad prefix Thai", 'prefix = "A"', 'prefix = "ก"', "services[0].prefix", "one or two Latin letters"),
    ("duplicate prefix", 'prefix = "B"', 'prefix = "A"', "services[1].prefix", "already used by DL"),
    ("duplicate code", 'code = "SSO"', 'code = "DL"', "services[1].code", "listed twice"),
    ("bad code", 'code = "SSO"', 'code = "S-O"', "services[1].code", "letters/digits"),
    ("unknown service in counter", 'services = ["DL"]', 'services = ["XX"]', "counters[0].services", "unknown service 'XX'"),
    ("counter with no service", 'services = ["DL"]', "services = []", "counters[0].services", "at least one service"),
    ("duplicate counter", "number = 3", "number = 2", "counters[2].number", "listed twice"),
    ("counter number zero", "number = 1", "number = 0", "counters[0].number", "from 1 to 999"),
    ("bad hours time", "processing_minutes = 20", 'processing_minutes = 20\nhours = [{ days = "mon-fri", open = "25:00", close = "19:00" }]', "services[0].hours[0].open", "HH:MM"),
    ("hours close before open", "processing_minutes = 20", 'processing_minutes = 20\nhours = [{ days = "mon-fri", open = "10:00", close = "09:00" }]', "services[0].hours[0].close", "after open"),
    ("hours unknown day", "processing_minutes = 20", 'processing_minutes = 20\nhours = [{ days = "mon-fry", open = "10:00", close = "12:00" }]', "services[0].hours[0].days", "unknown day 'mon-fry'"),
    ("hours not a list", "processing_minutes = 20", 'processing_minutes = 20\nhours = "10-19"', "services[0].hours", "must be a list"),
    ("bad timezone", 'timezone = "Asia/Bangkok"', 'timezone = "Asia/Bangkokk"', "site.timezone", "unknown time zone 'Asia/Bangkokk'"),
    ("fairness negative", "priority_fairness = 3", "priority_fairness = -1", "site.priority_fairness", "from 0 to 100"),
    ("fairness text", "priority_fairness = 3", 'priority_fairness = "3"', "site.priority_fairness", "whole number"),
    ("processing minutes zero", "processing_minutes = 20", "processing_minutes = 0", "services[0].processing_minutes", "from 1 to 480"),
    ("no services", "[[services]]", "[[old_services]]", "old_services", "did you mean 'services'?"),
    ("no counters", "[[counters]]", "[[old_counters]]", "old_counters", "did you mean 'counters'?"),
    ("paper width", "[site]", "[printer]\npaper_mm = 70\n\n[site]", "printer.paper_mm", "58 or 80"),
    ("voice engine", "[site]", '[voice]\nengine = "loud"\n\n[site]', "voice.engine", "'loud'"),
    ("guidance too loud", "[site]", "[kiosk]\nguidance_volume = 1.5\n\n[site]", "kiosk.guidance_volume", "from 0.0 to 1.0"),
    ("guidance volume text", "[site]", '[kiosk]\nguidance_volume = "loud"\n\n[site]', "kiosk.guidance_volume", "from 0.0 to 1.0"),
]  # fmt: skip


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "broken-site.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_small_site_and_the_demo_site_are_valid(tmp_path: Path) -> None:
    site = load_site_file(_write(tmp_path, GOOD))
    assert [s.code for s in site.services] == ["DL", "SSO"]
    assert [c.services for c in site.counters] == [("DL",), ("DL", "SSO"), ("SSO",)]
    demo = load_site_file(DEMO_SITE_FILE)
    assert demo.timezone == "Asia/Bangkok" and len(demo.counters) == 8
    assert site.kiosk.guidance_volume == 1.0 and demo.kiosk.guidance_volume == 0.8


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_broken_site_file(tmp_path: Path, old: str, new: str, key: str, problem: str) -> None:
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new, -1 if old.startswith("[[") else 1))
    with pytest.raises(SiteFileError) as info:
        load_site_file(path)
    message = info.value.message_en
    assert message.startswith(f"{path}: {key}: "), message
    assert problem in message, message
    assert str(path) in info.value.message_th and key in info.value.message_th


def test_invalid_toml_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace('code = "DL"', 'code = "DL'))
    with pytest.raises(SiteFileError) as info:
        load_site_file(path)
    assert str(path) in info.value.message_en
    assert "not valid TOML" in info.value.message_en and "line" in info.value.message_en


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "site.toml"
    with pytest.raises(SiteFileError) as info:
        load_site_file(path)
    assert info.value.message_en == f"{path}: site file not found"


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes(GOOD.encode("utf-8").replace("ศูนย์ทดสอบ".encode(), b"\xff\xfe"))
    with pytest.raises(SiteFileError) as info:
        load_site_file(path)
    assert str(path) in info.value.message_en and "cannot read" in info.value.message_en


def test_inactive_service_may_share_a_prefix(tmp_path: Path) -> None:
    text = GOOD.replace('prefix = "B"', 'prefix = "A"\nactive = false')
    site = load_site_file(_write(tmp_path, text))
    assert [s.active for s in site.services] == [True, False]
