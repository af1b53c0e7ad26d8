"""Issued: the number huge, the service, people ahead, the wait, the QR; the print outcome,
and on printer trouble a clear message and "Print again" (the ticket stays valid)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk import strings
from kiosk.models import IssuedTicket, PrintOutcome
from kiosk.widgets.buttons import TouchButton
from kiosk.widgets.qr import QrView
from kiosk.widgets.theme import set_role
from shared.qt.thai_text import ThaiLabel


def _label(role: str, center: bool = True, site_text: bool = False) -> QLabel:
    # Site texts (the service's names) break between Thai words by our own rules; the
    # kiosk's own phrases and the number are plain labels, which Qt sizes for their row.
    label = set_role(ThaiLabel() if site_text else QLabel(), role)
    assert isinstance(label, QLabel)
    label.setWordWrap(True)
    if center:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class IssuedPage(QWidget):
    """The ticket on screen; `done_requested` when touched, `reprint_requested` to retry."""

    done_requested = Signal()
    reprint_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.lang = "th"
        self.issued: IssuedTicket | None = None
        self.outcome: PrintOutcome | None = None
        self._trouble = False  # set by a failed print, cleared only by a good one
        self.heading = _label("subtitle")
        self.code = _label("code")
        # A ticket number never wraps: its one line keeps its height when large text
        # squeezes the page, and the QR code gives way instead.
        self.code.setWordWrap(False)
        self.band = _label("band")
        self.service = _label("big", site_text=True)
        self.service_other = _label("subtitle", site_text=True)
        self.ahead = _label("big")
        self.wait = _label("big")
        self.qr = QrView()
        self.qr_caption = _label("body")
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.print_status = _label("note")
        # Printer trouble: both languages at once, whatever the screen language.
        self.trouble = QFrame()
        set_role(self.trouble, "banner")
        self.trouble_th = _label("")
        self.trouble_en = _label("trouble_en")
        trouble_layout = QVBoxLayout(self.trouble)
        trouble_layout.addWidget(self.trouble_th)
        trouble_layout.addWidget(self.trouble_en)
        self.trouble.hide()
        self.reprint = TouchButton("secondary")
        self.reprint.clicked.connect(self.reprint_requested)
        self.done = TouchButton()
        self.done.clicked.connect(self.done_requested)
        self.done.set_base_minimum(0, 120)
        self.reprint.set_base_minimum(0, 120)

        self.info = info = QVBoxLayout()
        info.addStretch(1)
        for w in (self.heading, self.code):
            info.addWidget(w)
        info.addWidget(self.band, 0, Qt.AlignmentFlag.AlignHCenter)
        for w in (self.service, self.service_other, self.ahead, self.wait):
            info.addWidget(w)
        info.addStretch(1)
        self.qr_box = qr_box = QVBoxLayout()
        qr_box.addWidget(self.qr, 1)
        qr_box.addWidget(self.qr_caption)
        media = QHBoxLayout()
        media.addLayout(qr_box, 3)
        media.addWidget(self.preview, 2)
        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.body.addLayout(info, 3)
        self.body.addLayout(media, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint, 1)
        buttons.addWidget(self.done, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 16, 28, 28)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.print_status)
        layout.addWidget(self.trouble)
        layout.addLayout(buttons)

    @property
    def needs_attention(self) -> bool:
        """Printer trouble: the ticket stays on screen until someone touches it."""
        return self._trouble

    def show_ticket(self, issued: IssuedTicket) -> None:
        self.issued = issued
        self.outcome = None
        self._trouble = False
        self.qr.set_matrix(issued.qr)
        self.preview.clear()
        self.preview.hide()
        self.set_language(self.lang)

    def show_outcome(self, outcome: PrintOutcome) -> None:
        if self.issued is None or outcome.code != self.issued.ticket.code:
            return  # a late result for an earlier ticket
        self.outcome = outcome
        self._trouble = outcome.blocks
        if outcome.preview_png and outcome.previewed:
            pix = QPixmap(outcome.preview_png)
            if not pix.isNull():
                target = max(120, min(self.preview.width(), self.qr.height()))
                self.preview.setPixmap(
                    pix.scaledToWidth(
                        min(target, pix.width()), Qt.TransformationMode.SmoothTransformation
                    )
                )
        self.set_language(self.lang)

    def show_printing(self) -> None:
        self.outcome = None
        self.set_language(self.lang)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.heading.setText(strings.YOUR_NUMBER.pick(lang))
        self.qr_caption.setText(strings.SCAN_QR.pick(lang))
        self.reprint.setText(strings.PRINT_AGAIN.pick(lang))
        self.done.setText(strings.DONE.pick(lang))
        issued = self.issued
        booked = issued is not None and issued.ticket.booking is not None
        self.band.setText((strings.BOOKED_BAND if booked else strings.PRIORITY_BAND).pick(lang))
        if issued is None:
            return
        ticket, th = issued.ticket, lang == "th"
        self.code.setText(ticket.code)
        self.band.setVisible(ticket.priority or booked)
        self.service.setText(ticket.service_name_th if th else ticket.service_name_en)
        self.service_other.setText(ticket.service_name_en if th else ticket.service_name_th)
        self.ahead.setText(strings.people_ahead(ticket.position or 0, lang))
        self.wait.setText(strings.estimated_wait(ticket.estimated_wait_range_min or (0, 0), lang))
        outcome = self.outcome
        self.reprint.setVisible(outcome is not None and outcome.blocks)
        self.trouble.setVisible(outcome is not None and outcome.blocks)
        self.print_status.setVisible(not self.trouble.isVisibleTo(self))
        if outcome is None:
            set_role(self.print_status, "note")
            self.print_status.setText(strings.PRINTING.pick(lang))
        elif outcome.blocks:
            th_first = (outcome.message_th, strings.NOT_PRINTED.th)
            en_second = (outcome.message_en, strings.NOT_PRINTED.en)
            first, second = (th_first, en_second) if th else (en_second, th_first)
            self.trouble_th.setText(f"⚠ {first[0]}\n{first[1]}")
            self.trouble_en.setText(f"{second[0]}. {second[1]}")
        else:
            set_role(self.print_status, "note")
            printed = strings.PREVIEW_PRINTED if outcome.previewed else strings.PRINTED
            message = printed.pick(lang)
            if outcome.fault:  # printed, with a warning such as paper running low
                message += " · " + (outcome.message_th if th else outcome.message_en)
            self.print_status.setText(message)
        self.print_status.style().unpolish(self.print_status)
        self.print_status.style().polish(self.print_status)

    def set_landscape(self, landscape: bool) -> None:
        """Side by side on a landscape screen, stacked on a portrait one. In landscape the
        wait goes under the QR code: the number's column has no height to spare for it
        on a short screen in large text."""
        self.body.setDirection(
            QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom
        )
        target = self.qr_box if landscape else self.info
        if self.info.indexOf(self.ahead) >= 0 and landscape:
            for w in (self.ahead, self.wait):
                self.info.removeWidget(w)
                target.addWidget(w)
        elif self.qr_box.indexOf(self.ahead) >= 0 and not landscape:
            for w in (self.ahead, self.wait):
                self.qr_box.removeWidget(w)
            stretch_at = self.info.count() - 1  # before the closing stretch
            self.info.insertWidget(stretch_at, self.ahead)
            self.info.insertWidget(stretch_at + 1, self.wait)
