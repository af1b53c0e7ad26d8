"""Paint a ticket with Qt at the printer's dot width, then threshold it to a 1-bit bitmap.

Qt (HarfBuzz) shapes Thai correctly: stacked vowels and tone marks land where they
should, which neither the printer's code page nor Pillow without raqm guarantees.
Needs a QGuiApplication (see shared.qt.gui_app); safe to call from a worker thread.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import qrcode
from PIL import Image
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter

from shared.printer_spec import PAPER_DOTS
from shared.printing.layout import Bilingual, TicketPrintout, ticket_text
from shared.qt.fonts import load_bundled_fonts

#: 58 mm and 80 mm paper at 203 dpi (8 dots/mm).
SUPPORTED_WIDTHS = tuple(PAPER_DOTS.values())
#: Grey level below which a dot is printed. Threshold, never dither: dithered glyph
#: edges turn small Thai marks into speckles.
THRESHOLD = 150
_CANVAS_HEIGHT = 2400  # tall enough for any ticket; cropped to what was drawn
_MIN_QR_MODULE = 4  # dots per module: below this cheap printers blur modules together
_QR_QUIET = 4  # modules of white around the symbol, as the QR standard asks

_FLAGS = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
Box = tuple[int, int, int, int]  # x, y, w, h


@dataclass(frozen=True)
class RenderedTicket:
    """A rendered ticket: the 1-bit bitmap for the printer and where its key parts are."""

    bitmap: Image.Image  # mode "1", width = printer dots, black = 0
    code_box: Box  # ink of the big queue code
    qr_box: Box  # the QR symbol, quiet zone excluded

    def png_bytes(self) -> bytes:
        """The bitmap as a 1-bit PNG (a few kB) for the spool and on-screen previews."""
        buf = io.BytesIO()
        self.bitmap.save(buf, format="PNG", optimize=True)
        return buf.getvalue()


class _Canvas:
    """A grayscale page painted top to bottom.

    `y` is the lowest inked row so far; every element is placed by the white space
    between its ink and the ink above. Box-based flow would waste the room Sarabun
    reserves for stacked Thai marks, or let a below-vowel touch the next line.
    """

    def __init__(self, width: int, family: str) -> None:
        self.width = width
        self.family = family
        # Sizes below are for 80 mm; 58 mm shrinks them less than the paper so
        # that Thai marks stay legible.
        self.scale = max(width / 576, 0.8)
        self.margin = round(12 * width / 576)
        self.image = QImage(width, _CANVAS_HEIGHT, QImage.Format.Format_Grayscale8)
        self.image.fill(QColor(255, 255, 255))
        self.painter = QPainter(self.image)
        self.painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self.painter.setPen(QColor(0, 0, 0))
        self.y = 0

    @property
    def inner(self) -> int:
        return self.width - 2 * self.margin

    def px(self, size_at_576: float) -> int:
        return round(size_at_576 * self.scale)

    def font(self, px: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        f = QFont(self.family)
        f.setPixelSize(max(8, round(px)))
        f.setWeight(weight)
        # Full hinting snaps stems to whole dots, which survives thresholding best.
        f.setHintingPreference(QFont.HintingPreference.PreferFullHinting)
        return f

    def _fits(self, text: str, font: QFont, max_lines: int) -> bool:
        fm = QFontMetrics(font, self.image)
        bound = fm.boundingRect(QRect(0, 0, self.inner, 10_000), _FLAGS, text)
        lines = max(1, round(bound.height() / fm.lineSpacing()))
        # A Thai run without a break opportunity overflows instead of wrapping.
        return bound.width() <= self.inner and lines <= max_lines

    def _fit(self, text: str, px: float, weight: QFont.Weight, max_lines: int) -> QFont:
        """The largest font for `text`: one line if a slight shrink allows, else wrapped."""
        for size in (px, px * 0.92, px * 0.85):  # a lone wrapped word reads badly
            if self._fits(text, self.font(size, weight), 1):
                return self.font(size, weight)
        size = px
        while size > 12 and not self._fits(text, self.font(size, weight), max_lines):
            size *= 0.92
        return self.font(size, weight)

    def text(
        self,
        text: str,
        size: float,
        weight: QFont.Weight = QFont.Weight.Normal,
        *,
        before: float = 14,
        max_lines: int = 2,
    ) -> None:
        """Centered text, shrunk or word-wrapped (Qt breaks Thai between words) to fit."""
        if not text:
            return
        font = self._fit(text, self.px(size), weight, max_lines)
        fm = QFontMetrics(font, self.image)
        bound = fm.boundingRect(QRect(0, 0, self.inner, 10_000), _FLAGS, text)
        lines = max(1, round(bound.height() / fm.lineSpacing()))
        ink = fm.tightBoundingRect(text)  # relative to the baseline, as one line
        top = self.y + self.px(before) - (fm.ascent() + ink.top())
        self.painter.setFont(font)
        self.painter.drawText(QRect(self.margin, top, self.inner, bound.height()), _FLAGS, text)
        last_baseline = top + (lines - 1) * fm.lineSpacing() + fm.ascent()
        self.y = last_baseline + ink.top() + ink.height()

    def pair(
        self, pair: Bilingual, th_size: float, en_size: float,
        weight: QFont.Weight = QFont.Weight.Normal, before: float = 16,
    ) -> None:  # fmt: skip
        """Thai line(s), then the English line(s) close below in a smaller regular face."""
        self.text(pair.th, th_size, weight, before=before)
        self.text(pair.en, en_size, before=6)

    def rule(self, before: float = 16) -> None:
        top = self.y + self.px(before)
        self.painter.fillRect(self.margin, top, self.inner, 2, QColor(0, 0, 0))
        self.y = top + 2

    def big_code(self, code: str, before: float = 14) -> Box:
        """The queue code as large as the paper allows; returns its ink box."""
        probe = self.font(100, QFont.Weight.Bold)
        ink = QFontMetrics(probe, self.image).tightBoundingRect(code)
        px = 100 * self.inner / max(1, ink.width())
        px = min(px, 0.42 * self.width)  # a 2-3 character code would otherwise be huge
        font = self.font(px, QFont.Weight.Bold)
        ink = QFontMetrics(font, self.image).tightBoundingRect(code)
        x = (self.width - ink.width()) // 2 - ink.left()
        baseline = self.y + self.px(before) - ink.top()
        self.painter.setFont(font)
        self.painter.drawText(x, baseline, code)
        self.y = baseline + ink.top() + ink.height()
        return (x + ink.left(), baseline + ink.top(), ink.width(), ink.height())

    def band(self, pair: Bilingual, before: float = 16) -> None:
        """White on black across the paper: the officer spots a priority ticket at once."""
        font = self.font(self.px(32), QFont.Weight.Bold)
        height = QFontMetrics(font, self.image).height() + self.px(6)
        top = self.y + self.px(before)
        self.painter.fillRect(self.margin, top, self.inner, height, QColor(0, 0, 0))
        self.painter.setPen(QColor(255, 255, 255))
        self.painter.setFont(font)
        centered = int(Qt.AlignmentFlag.AlignCenter)
        self.painter.drawText(
            QRect(self.margin, top, self.inner, height), centered, pair.th + "  " + pair.en
        )
        self.painter.setPen(QColor(0, 0, 0))
        self.y = top + height

    def qr(self, data: str) -> Box:
        """The QR symbol as crisp whole-dot squares, centered, with its quiet zone."""
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
        code.add_data(data)
        code.make(fit=True)
        matrix = code.get_matrix()
        n = len(matrix)
        target = 0.5 * self.width  # half the paper: scans from a phone at arm's length
        module = max(_MIN_QR_MODULE, int(target // (n + 2 * _QR_QUIET)))
        side = n * module
        # One drawImage of a nearest-neighbour upscale: whole-dot modules without
        # antialiased edges, and one Qt call instead of one per module.
        cells = bytes(0 if dark else 255 for row in matrix for dark in row)
        symbol = Image.frombytes("L", (n, n), cells).resize((side, side), Image.Resampling.NEAREST)
        pixels = symbol.tobytes()  # must outlive the QImage that borrows it
        qimage = QImage(pixels, side, side, side, QImage.Format.Format_Grayscale8)
        x0 = (self.width - side) // 2
        y0 = self.y + _QR_QUIET * module
        self.painter.drawImage(x0, y0, qimage)
        self.y = y0 + side + _QR_QUIET * module - self.px(14)  # captions sit in the zone
        return (x0, y0, side, side)

    def finish(self) -> QImage:
        self.painter.end()
        height = min(_CANVAS_HEIGHT, self.y + self.px(24))
        return self.image.copy(0, 0, self.width, height)


def render_ticket_gray(printout: TicketPrintout, width: int) -> tuple[QImage, Box, Box]:
    """Paint the ticket in antialiased 8-bit gray (for screens); also the code and QR boxes."""
    if width not in SUPPORTED_WIDTHS:
        raise ValueError(f"paper width {width} dots is not one of {SUPPORTED_WIDTHS}")
    text = ticket_text(printout)
    c = _Canvas(width, load_bundled_fonts())
    try:
        c.pair(text.site, 30, 22, QFont.Weight.DemiBold, before=12)
        c.rule()
        c.text(f"{text.code_label.th}  {text.code_label.en}", 24)
        code_box = c.big_code(text.code)
        if text.priority:
            c.band(text.priority)
        c.text(text.service.th, 42, QFont.Weight.Bold, before=18)
        c.text(text.service.en, 26, QFont.Weight.Medium, before=8)
        c.text(text.agency, 24, before=10)
        c.rule()
        c.pair(text.people_ahead, 30, 24, QFont.Weight.DemiBold)
        c.pair(text.estimated_wait, 30, 24, QFont.Weight.DemiBold)
        c.pair(text.issued, 26, 22)
        if text.documents:
            c.text(text.documents, 28, QFont.Weight.Medium, before=20, max_lines=3)
        qr_box = c.qr(printout.status_url)
        c.pair(text.qr_caption, 24, 20, before=0)
        if text.footer:
            c.pair(text.footer, 24, 20, before=20)
    except BaseException:
        c.painter.end()  # a QPainter left active on a dying QImage aborts Qt
        raise
    return c.finish(), code_box, qr_box


def threshold(gray: QImage) -> Image.Image:
    """8-bit gray QImage -> PIL mode "1" (black = 0) by a fixed threshold."""
    gray = gray.convertToFormat(QImage.Format.Format_Grayscale8)
    w, h, stride = gray.width(), gray.height(), gray.bytesPerLine()
    lum = Image.frombuffer("L", (w, h), bytes(gray.constBits()), "raw", "L", stride, 1)
    return lum.point([0 if v < THRESHOLD else 255 for v in range(256)], "1")


def render_ticket(printout: TicketPrintout, width: int) -> RenderedTicket:
    """Render a printout for a printer `width` dots wide (384 or 576)."""
    gray, code_box, qr_box = render_ticket_gray(printout, width)
    return RenderedTicket(bitmap=threshold(gray), code_box=code_box, qr_box=qr_box)
