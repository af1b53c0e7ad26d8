"""Big touch buttons: a plain one, and a service tile (Thai name big, English smaller)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
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
        self._base = (0, 0)
        self._scale = 1.0

    def set_base_minimum(self, width: int, height: int) -> None:
        """Minimum size on a 1080-px screen; it shrinks with the screen, never below 15 mm."""
        self._base = (width, height)
        # A push button's height policy is Fixed, which makes layouts take its font-based
        # size hint as the minimum: on a 768-px screen the PIN pad then fell off the page.
        self.setSizePolicy(self.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Preferred)
        self._apply_minimum()

    def apply_scale(self, scale: float) -> None:
        self._scale = scale
        self._apply_minimum()

    def _apply_minimum(self) -> None:
        side = mm_to_px(self, MIN_TOUCH_MM)
        width, height = (round(v * self._scale) for v in self._base)
        self.setMinimumSize(max(width, side), max(height, side))

    def showEvent(self, event: QShowEvent) -> None:
        self._apply_minimum()
        super().showEvent(event)


class WrapLabel(QLabel):
    """A word-wrapped label that claims the height its text needs at its real width.

    Qt layouts do not ask wrapped labels inside a button for their height-for-width,
    so a long Thai service name lost its last line; this keeps the minimum in step."""

    def setText(self, text: str) -> None:
        super().setText(text)
        self._claim_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._claim_height()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._claim_height()

    def _claim_height(self) -> None:
        need = max(self.heightForWidth(self.width()), 0) if self.text() else 0
        if need != self.minimumHeight():
            self.setMinimumHeight(need)


def _label(role: str) -> QLabel:
    label = WrapLabel()
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

    def minimumSizeHint(self) -> QSize:
        # QPushButton sizes itself from its own text and ignores the layout of labels
        # inside it; the tile must be at least as tall as its labels need.
        layout = self.layout()
        own = super().minimumSizeHint()
        return own if layout is None else layout.minimumSize().expandedTo(own)

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
            self.status.setText(
                strings.waiting_line(tile.waiting, tile.estimated_wait_range_min, lang)
            )
        else:
            set_role(self.status, "tile_closed")
            hours = strings.hours_text(svc.hours, lang).replace("\n", ", ")
            self.status.setText(f"{strings.CLOSED.pick(lang)} · {hours}")
        self.setProperty("closed", "false" if tile.open_now else "true")
        self.setAccessibleName(f"{svc.name_th} {svc.name_en}")
        for widget in (self, self.status):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
