"""`make run WEB_PORT=N`: the demo tickets' QR codes open the port the web pages use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shared.cli.main import main


def _khiu(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_demo_qr_names_the_port_make_run_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "khiu.db"
    monkeypatch.setenv("KHIU_DEMO_WEB_PORT", "8081")
    assert _khiu(capsys, db, "init", "--demo", "--json")[0] == 0
    code, out, _ = _khiu(capsys, db, "issue", "DL", "--json")
    assert code == 0
    url = json.loads(out)["status_url"]
    assert url.startswith("http://") and ":8081/t/" in url


def test_without_a_port_the_demo_qr_names_8080(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "khiu.db"
    monkeypatch.delenv("KHIU_DEMO_WEB_PORT", raising=False)
    assert _khiu(capsys, db, "init", "--demo", "--json")[0] == 0
    code, out, _ = _khiu(capsys, db, "issue", "DL", "--json")
    assert code == 0 and ":8080/t/" in json.loads(out)["status_url"]


@pytest.mark.parametrize("bad", ["80a", "0", "70000"])
def test_a_bad_port_is_one_clear_line_thai_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    bad: str,
) -> None:
    monkeypatch.setenv("KHIU_DEMO_WEB_PORT", bad)
    monkeypatch.setenv("LANG", "th_TH.UTF-8")
    code, out, err = _khiu(capsys, tmp_path / "khiu.db", "init", "--demo")
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "KHIU_DEMO_WEB_PORT ต้องเป็นหมายเลขพอร์ต 1–65535" in err and repr(bad) in err
    assert not (tmp_path / "khiu.db").exists()  # refused before anything was written
