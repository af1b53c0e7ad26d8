"""`khiu site export`: the stored site as a site file that loads back unchanged
(export → init --site → export gives the same text), on both backends."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from shared.cli.main import main
from shared.site import load_site_file
from shared.site_export import days_text
from tests.support.backends import Location
from tests.support.cli import khiu
from tests.support.small_site import SMALL_SITE

# Every kind of value a site file holds: hours on odd days, a week that wraps, an
# inactive service, Thai text with quotes, a float volume, bookings and their check-in
# times, the kiosk's card reader and guidance volume; each other than its default.
FULL_SITE = SMALL_SITE.format(
    fairness="4\ncheckin_early_minutes = 45\ncheckin_late_minutes = 5"
).replace(
    'processing_minutes = 20\n',
    'processing_minutes = 20\n'
    'booking_per_slot = 3\nbooking_slot_minutes = 20\nbooking_days_ahead = 7\n'
    'documents_th = ["บัตรประจำตัวประชาชน \\"ตัวจริง\\""]\n'
    'documents_en = ["Thai ID card"]\nfee_th = "505 บาท"\nwhere_th = "ชั้น 2"\n'
    '[[services.hours]]\ndays = "mon,wed,fri"\nopen = "08:30"\nclose = "12:00"\n'
    '[[services.hours]]\ndays = ["sat", "sun", "mon"]\nopen = "13:00"\nclose = "16:30"\n',
    1,
) + """
[[services]]
code = "OLD"
prefix = "B"
name_th = "บริการเดิม"
name_en = "Former service"
active = false

[display]
ticker_th = "ยินดีต้อนรับ"
ticker_en = "Welcome"
recent_calls = 4

[voice]
engine = "chime"
volume = 0.5

[kiosk]
idle_seconds = 45
card_reader = "off"
guidance_volume = 0.25

[web]
near_turn_ahead = 5
"""


def test_days_are_written_as_the_file_spells_them() -> None:
    assert days_text((0, 1, 2, 3, 4)) == "mon-fri"
    assert days_text((0, 2, 4)) == "mon,wed,fri"
    assert days_text((0, 5, 6)) == "mon,sat-sun"
    assert days_text(tuple(range(7))) == "mon-sun"


def test_export_init_export_gives_the_same_text(
    new_location: Callable[[str], Location], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "site.toml"
    source.write_text(FULL_SITE, encoding="utf-8")
    first, second = new_location("first.db"), new_location("second.db")
    assert khiu(capsys, first, "init", "--site", str(source)).code == 0
    exported = tmp_path / "exported.toml"
    run = khiu(capsys, first, "site", "export", "--out", str(exported))
    assert run.code == 0, run.err
    assert run.value == {"out": str(exported.resolve()), "services": 3, "counters": 3}
    text = exported.read_text(encoding="utf-8")
    assert "บัตรประจำตัวประชาชน" in text  # Thai written as it is, not \u escapes
    assert load_site_file(exported) == load_site_file(source)

    assert khiu(capsys, second, "init", "--site", str(exported)).code == 0
    again = tmp_path / "again.toml"
    assert khiu(capsys, second, "site", "export", "--out", str(again)).code == 0
    assert again.read_text(encoding="utf-8") == text


def test_export_without_out_prints_the_file_or_its_json(
    db_path: Location, capsys: pytest.CaptureFixture[str]
) -> None:
    as_json = khiu(capsys, db_path, "site", "export").value
    capsys.readouterr()
    assert main(["--db", str(db_path), "site", "export"]) == 0
    printed = capsys.readouterr().out
    assert tomllib.loads(printed) == as_json
    assert [s["code"] for s in as_json["services"]][:2] == ["DL", "SSO"]
    assert as_json["site"]["name_en"] == "Government Counter Service, Central Rama 9"


def test_export_to_a_folder_that_does_not_exist_fails_in_one_line(
    db_path: Location, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = khiu(capsys, db_path, "site", "export", "--out", str(tmp_path / "no" / "site.toml"))
    assert run.code == 2 and run.out == ""
    assert len(run.err.strip().splitlines()) == 1 and "Traceback" not in run.err


def test_a_database_without_a_site_has_nothing_to_export(
    new_location: Callable[[str], Location], capsys: pytest.CaptureFixture[str]
) -> None:
    empty = new_location("empty.db")
    assert khiu(capsys, empty, "init").code == 0
    run = khiu(capsys, empty, "site", "export")
    assert run.code == 2 and run.out == "" and "has no site yet" in run.err
