"""Rendering: Thai ticket -> ESC/POS bytes -> decoded back -> the QR gives the status URL."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtWidgets import QApplication

from shared.printing.layout import TicketPrintout
from shared.printing.render import render_ticket
from shared.printing.service import encode_escpos
from shared.qt.fonts import assets_dir, load_bundled_fonts
from tests.support.escpos_decode import decode_raster, has_cut
from tests.support.printers import STATUS_URL
from tests.support.shots import shots_dir

SHOTS = shots_dir()


def _ink(image: Image.Image, box: tuple[int, int, int, int]) -> float:
    x, y, w, h = box
    region = image.crop((x, y, x + w, y + h)).convert("L")
    dark = region.histogram()[0]  # thresholded: ink is exactly 0
    return dark / max(1, w * h)


def test_bundled_font_is_sarabun(qapp: QApplication) -> None:
    assert (assets_dir() / "fonts" / "OFL.txt").is_file()
    assert load_bundled_fonts() == "Sarabun"
    assert load_bundled_fonts() == "Sarabun"  # registered once


@pytest.mark.parametrize("width", [384, 576])
def test_ticket_round_trips_through_escpos(qapp: QApplication, printout: TicketPrintout, width: int) -> None:
    rendered = render_ticket(printout, width)
    assert rendered.bitmap.mode == "1" and rendered.bitmap.width == width
    data = encode_escpos(rendered.bitmap)
    decoded = decode_raster(data)
    assert decoded.size == rendered.bitmap.size
    assert decoded.tobytes() == rendered.bitmap.tobytes()
    assert has_cut(data)
    assert data.startswith(b"\x1b@")  # printer reset first

    codes = zxingcpp.read_barcodes(decoded.convert("L"))
    assert [c.text for c in codes if c.format == zxingcpp.BarcodeFormat.QRCode] == [STATUS_URL]
    side = rendered.qr_box[2]
    assert side // 25 >= 4  # ≥ 4 dots per module even for the smallest symbol

    assert 0.2 < _ink(decoded, rendered.code_box) < 0.9  # the big code is drawn
    assert rendered.code_box[2] > 0.8 * width  # ... and spans the paper
    SHOTS.mkdir(parents=True, exist_ok=True)
    decoded.save(SHOTS / f"ticket-{width}.png")


def test_plain_ticket_is_shorter_and_has_no_band(qapp: QApplication, printout: TicketPrintout) -> None:
    plain = replace(printout, priority=False, documents_th=(), footer_th=None, footer_en=None)
    full = render_ticket(printout, 576).bitmap
    short = render_ticket(plain, 576).bitmap
    assert short.height < full.height - 80


def test_long_thai_names_are_fitted_not_clipped(qapp: QApplication, printout: TicketPrintout) -> None:
    long_name = "ขอรับใบอนุญาตขับรถยนต์สาธารณะและรถจักรยานยนต์สาธารณะชนิดตลอดชีพ" * 2
    rendered = render_ticket(replace(printout, service_name_th=long_name, code="AB1234"), 384)
    bitmap = rendered.bitmap.convert("L")
    # Nothing reaches the paper's outer columns: text was wrapped or shrunk to fit.
    edge = bitmap.crop((0, 0, 4, bitmap.height)).getextrema()
    assert edge == (255, 255)


def test_render_is_fast(qapp: QApplication, printout: TicketPrintout) -> None:
    render_ticket(printout, 576)  # warm fonts and caches
    start = time.perf_counter()
    for _ in range(5):
        render_ticket(printout, 576)
    per_ticket_ms = (time.perf_counter() - start) / 5 * 1000
    assert per_ticket_ms < 500  # generous: the point is "not seconds"; bench has figures


def test_unsupported_width_is_refused(qapp: QApplication, printout: TicketPrintout) -> None:
    with pytest.raises(ValueError, match="paper width"):
        render_ticket(printout, 512)
