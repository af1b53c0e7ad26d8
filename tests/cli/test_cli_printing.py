"""`khiu issue --print` and `khiu reprint` go through the kiosk's printing code: the raw
ESC/POS bytes decode to a ticket whose QR is the status URL; printer trouble keeps the
ticket, prints its JSON, one stderr line and exit 3; stdout stays one JSON value."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
import zxingcpp

from shared.storage import data_folder
from tests.support.cli import khiu_process
from tests.support.escpos_decode import decode_raster, has_cut


def _qr_texts(raw: bytes) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(decode_raster(raw).convert("L"))]


def test_issue_print_to_a_file_printer(
    small_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # a server's spool folder
    out = tmp_path / "printer.bin"
    run = khiu_process(small_db, "issue", "DL", "--print", "--printer", f"file:{out}")
    assert run.code == 0, run.err
    ticket = json.loads(run.out)  # stdout is exactly one JSON value
    assert ticket["code"] == "A001" and ticket["print"]["ok"] is True
    raw = out.read_bytes()
    assert has_cut(raw)
    assert _qr_texts(raw) == [f"https://khiu.example.go.th/t/{ticket['token']}"]
    preview = Path(ticket["print"]["preview_png"])
    assert preview.is_absolute() and preview.exists()
    assert preview.parent.resolve() == (data_folder(small_db) / "spool").resolve()


def test_reprint_prints_the_same_ticket_again(small_db: Path, tmp_path: Path) -> None:
    first = json.loads(khiu_process(small_db, "issue", "SSO").out)
    out = tmp_path / "again.bin"
    run = khiu_process(small_db, "reprint", first["code"], "--printer", f"file:{out}")
    assert run.code == 0, run.err
    assert json.loads(run.out)["token"] == first["token"]
    assert _qr_texts(out.read_bytes()) == [f"https://khiu.example.go.th/t/{first['token']}"]


def test_an_offline_printer_keeps_the_ticket(small_db: Path) -> None:
    with socket.socket() as closed:  # a free local port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    run = khiu_process(small_db, "issue", "DL", "--print", "--printer", f"net:127.0.0.1:{port}")
    assert run.code == 3
    ticket = json.loads(run.out)
    assert ticket["state"] == "waiting" and ticket["print"]["fault"] == "offline"
    assert Path(ticket["print"]["preview_png"]).exists()  # still shown/kept as a preview
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("khiu: ticket A001 is issued but was not")
    status = json.loads(khiu_process(small_db, "status").out)
    assert status["services"][0]["waiting"] == 1


def test_the_printer_warning_is_thai_under_a_thai_locale(small_db: Path) -> None:
    """A Thai reader gets the whole stderr line in Thai, the prefix too."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    run = khiu_process(
        small_db, "issue", "DL", "--print", "--printer", f"net:127.0.0.1:{port}",
        lang="th_TH.UTF-8",
    )
    assert run.code == 3
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("khiu: ออกบัตรคิว A001 แล้ว แต่พิมพ์ไม่สำเร็จ: ")
    assert "ticket" not in lines[0] and "printed" not in lines[0]
