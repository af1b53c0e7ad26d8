"""Service page: the citizen manual (documents, time, fee, hours), then the ticket buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk import strings
from kiosk.models import ServiceTile
from kiosk.widgets.buttons import TouchButton
from kiosk.widgets.theme import set_role
from shared.i18n import glossary


def _label(role: str) -> QLabel:
    label = set_role(QLabel(), role)
    assert isinstance(label, QLabel)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class ServicePage(QWidget):
    """One service's manual; emits `ticket_requested(code, priority)` or `back_requested`."""

    ticket_requested = Signal(str, bool)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.lang = "th"
        self.tile: ServiceTile | None = None
        self.back = TouchButton("secondary")
        self.back.clicked.connect(self.back_requested)
        self.name = _label("title")
        self.name_other = _label("subtitle")
        self.agency = _label("tile_agency")
        self.docs_heading = _label("heading")
        self.docs = _label("body")
        self.id_note = _label("note")
        self.processing_heading = _label("heading")
        self.processing = _label("body")
        self.fee_heading = _label("heading")
        self.fee = _label("body")
        self.hours_heading = _label("heading")
        self.hours = _label("body")
        self.where_heading = _label("heading")
        self.where = _label("body")
        self.closed = _label("warn")
        self.wait_now = _label("heading")
        self.take = TouchButton()
        self.take.clicked.connect(lambda: self._request(False))
        self.priority = TouchButton("priority")
        self.priority.clicked.connect(lambda: self._request(True))
        self.priority_who = _label("body")

        manual = QFrame()
        set_role(manual, "card")
        m = QVBoxLayout(manual)
        m.setContentsMargins(24, 12, 24, 20)
        for w in (
            self.docs_heading,
            self.docs,
            self.id_note,
            self.processing_heading,
            self.processing,
            self.fee_heading,
            self.fee,
            self.hours_heading,
            self.hours,
            self.where_heading,
            self.where,
        ):
            m.addWidget(w)
        m.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(manual)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        actions = QWidget()
        a = QVBoxLayout(actions)
        a.addStretch(1)
        a.addWidget(self.closed)
        a.addWidget(self.wait_now)
        a.addWidget(self.take)
        a.addSpacing(16)
        a.addWidget(self.priority)
        a.addWidget(self.priority_who)
        self.take.set_base_minimum(0, 150)
        self.priority.set_base_minimum(0, 130)

        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.body.addWidget(scroll, 3)
        self.body.addWidget(actions, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 16, 28, 28)
        layout.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.name)
        layout.addWidget(self.name_other)
        layout.addWidget(self.agency)
        layout.addLayout(self.body, 1)

    def show_tile(self, tile: ServiceTile) -> None:
        self.tile = tile
        self.set_language(self.lang)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.back.setText(strings.BACK.pick(lang))
        self.docs_heading.setText(glossary.DOCUMENTS.pick(lang))
        self.id_note.setText("✓ " + strings.ID_CARD_ONLY.pick(lang))
        self.processing_heading.setText(glossary.PROCESSING_TIME.pick(lang))
        self.fee_heading.setText(glossary.FEE.pick(lang))
        self.hours_heading.setText(glossary.HOURS.pick(lang))
        self.where_heading.setText(glossary.PLACE.pick(lang))
        self.take.setText(strings.TAKE_TICKET.pick(lang))
        self.priority.setText(strings.PRIORITY_TICKET.pick(lang))
        self.priority_who.setText(strings.PRIORITY_WHO.pick(lang))
        self.closed.setText(strings.CLOSED_NO_TICKET.pick(lang))
        if self.tile is None:
            return
        svc, th = self.tile.service, lang == "th"
        self.name.setText(svc.name_th if th else svc.name_en)
        self.name_other.setText(svc.name_en if th else svc.name_th)
        self.agency.setText(svc.agency_th if th else svc.agency_en)
        documents = svc.documents_th if th else svc.documents_en
        self.docs.setText(
            "\n".join(f"• {d}" for d in documents) or glossary.NO_DOCUMENTS.pick(lang)
        )
        self.processing.setText(strings.processing_text(svc.processing_minutes, lang))
        self.fee.setText((svc.fee_th if th else svc.fee_en) or glossary.NO_FEE.pick(lang))
        self.hours.setText(strings.hours_text(svc.hours, lang))
        where = svc.where_th if th else svc.where_en
        self.where.setText(where)
        self.where.setVisible(bool(where))
        self.where_heading.setVisible(bool(where))
        is_open = self.tile.open_now
        self.wait_now.setText(
            strings.wait_now(self.tile.waiting, self.tile.estimated_wait_range_min, lang)
        )
        self.wait_now.setVisible(is_open)
        self.closed.setVisible(not is_open)
        self.take.setEnabled(is_open)
        self.priority.setEnabled(is_open)

    def show_error(self, message_th: str, message_en: str) -> None:
        """Issuing failed (database trouble): say so where the buttons are."""
        self.closed.setText(message_th if self.lang == "th" else message_en)
        self.closed.setVisible(True)

    def _request(self, priority: bool) -> None:
        if self.tile is not None and self.tile.open_now:
            self.ticket_requested.emit(self.tile.service.code, priority)

    def set_landscape(self, landscape: bool) -> None:
        """Side by side on a landscape screen, stacked on a portrait one."""
        self.body.setDirection(
            QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom
        )
