"""Big touch buttons: a plain one, and a service tile (Thai name big, English smaller)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk import strings
from kiosk.models import ServiceTile
from kiosk.widgets.theme import MIN_TOUCH_MM, mm_to_px, set_role


class TouchButton(QPushButton):
    """A button at least 15 mm tall and wide; reacts on touch/click, never on hover."""

    def __init__(self, role: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if role:
            set_role(self, role)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAutoDefault(False)

    def showEvent(self, event) -> None:
        side = mm_to_px(self, MIN_TOUCH_MM)
        self.setMinimumSize(max(self.minimumWidth(), side), max(self.minimumHeight(), side))
        super().showEvent(event)


def _label(role: str) -> QLabel:
    label = QLabel()
    set_role(label, role)
    label.setWordWrap(True)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


class ServiceButton(TouchButton):
    """One service on the home page: names, agency, its queue now, or closed with hours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("tile", parent)
        self.tile: ServiceTile | None = None
        self.name_th = _label("tile_th")
        self.name_en = _label("tile_en")
        self.agency = _label("tile_agency")
        self.status = _label("tile_wait")
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        layout.setContentsMargins(22, 14, 22, 14)
        for label in (self.name_th, self.name_en, self.agency):
            layout.addWidget(label)
        layout.addStretch(1)
        layout.addWidget(self.status)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_tile(self, tile: ServiceTile, lang: str) -> None:
        self.tile = tile
        svc = tile.service
        # Thai stays the big line in both languages: most citizens read Thai first.
        first, second = (svc.name_th, svc.name_en) if lang == "th" else (svc.name_en, svc.name_th)
        self.name_th.setText(first)
        self.name_en.setText(second)
        self.agency.setText(svc.agency_th if lang == "th" else svc.agency_en)
        if tile.open_now:
            set_role(self.status, "tile_wait")
            self.status.setText(strings.waiting_line(tile.waiting, tile.estimated_wait_min, lang))
        else:
            set_role(self.status, "tile_closed")
            hours = strings.hours_text(svc.hours, lang).replace("\n", ", ")
            self.status.setText(f"{strings.text('closed', lang)} · {hours}")
        self.setProperty("closed", "false" if tile.open_now else "true")
        self.setAccessibleName(f"{svc.name_th} {svc.name_en}")
        for widget in (self, self.status):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
