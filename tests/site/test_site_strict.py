"""A site file with nonsense is refused at load, naming the file and key:
unknown keys (with "did you mean …?"), `days = []`, an unknown printer, control and
bidirectional-override characters in names and texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.domain.errors import SiteFileError
from shared.site import load_site_file, site_from_mapping
from tests.support.cli import khiu_process
from tests.support.small_site import SMALL_SITE

BASE = SMALL_SITE.format(fairness=3)


@pytest.mark.parametrize(
    ("old", "new", "key", "message"),
    [
        ("processing_minutes = 20", "procesing_minutes = 20", "services[0].procesing_minutes",
         "unknown key; did you mean 'processing_minutes'?"),
        ('timezone = "Asia/Bangkok"', 'timezone = "Asia/Bangkok"\nprioirty_fairness = 2',
         "site.prioirty_fairness", "did you mean 'priority_fairness'?"),
        ("[[counters]]\nnumber = 1", "[[counters]]\nnumbr = 4\nnumber = 1", "counters[0].numbr",
         "did you mean 'number'?"),
        ("[site]", "[printer]\nspec = \"laser:office\"\n\n[site]", "printer.spec",
         "unknown printer kind 'laser'"),
        ("[site]", "[printers]\nspec = \"preview\"\n\n[site]", "printers",
         "did you mean 'printer'?"),
        ("processing_minutes = 20",
         'processing_minutes = 20\nhours = [{ days = [], open = "08:30", close = "16:30" }]',
         "services[0].hours[0].days", "names no day"),
        ("processing_minutes = 20",
         'processing_minutes = 20\nhours = [{ days = "", open = "08:30", close = "16:30" }]',
         "services[0].hours[0].days", "names no day"),
        ('name_en = "Driving licence"', 'name_en = "Driving \\u202Eecnecil"',
         "services[0].name_en", "bidirectional control character (U+202E)"),
        ('name_th = "ใบขับขี่"', 'name_th = "ใบขับขี่\\u001b[31m"',
         "services[0].name_th", "control character (U+001B)"),
        ('name_en = "Test centre"', 'name_en = "Test\\u2066 centre"',
         "site.name_en", "bidirectional control character (U+2066)"),
    ],
    ids=["misspelled", "site key", "counter key", "printer spec", "table name",
         "days empty list", "days empty text", "bidi override", "escape", "bidi isolate"],
)
def test_nonsense_is_refused_at_load(
    tmp_path: Path, old: str, new: str, key: str, message: str
) -> None:
    assert old in BASE
    site = tmp_path / "site.toml"
    site.write_text(BASE.replace(old, new, 1), "utf-8")
    with pytest.raises(SiteFileError) as caught:
        load_site_file(site)
    assert caught.value.message_en.startswith(f"{site}: {key}: "), caught.value.message_en
    assert message in caught.value.message_en
    run = khiu_process(tmp_path / "khiu.db", "init", "--site", str(site))
    assert run.code == 2 and message in run.err and "Traceback" not in run.err
    assert not (tmp_path / "khiu.db").exists()  # nothing was made from a bad file


def test_thai_messages_suggest_too(tmp_path: Path) -> None:
    site = tmp_path / "site.toml"
    site.write_text(BASE.replace("processing_minutes = 20", "procesing_minutes = 20"), "utf-8")
    run = khiu_process(tmp_path / "khiu.db", "init", "--site", str(site), lang="th_TH.UTF-8")
    assert "ไม่รู้จักคีย์นี้ หมายถึง 'processing_minutes' หรือไม่?" in run.err


def test_thai_and_zero_width_space_are_fine(tmp_path: Path) -> None:
    site = tmp_path / "site.toml"
    site.write_text(BASE.replace('name_th = "ใบขับขี่"', 'name_th = "ใบ\\u200Bขับขี่"'), "utf-8")
    assert load_site_file(site).services[0].name_th == "ใบ\u200bขับขี่"


def test_a_site_stored_by_an_older_version_still_reads(tmp_path: Path) -> None:
    """The database keeps the site as loaded then: rules added later do not stop apps."""
    import tomllib

    data = tomllib.loads(BASE.replace('[site]', '[printer]\nspec = "laser:x"\n\n[site]'))
    data["services"][0]["procesing_minutes"] = 5
    assert site_from_mapping(data, "site").printer.spec == "laser:x"
