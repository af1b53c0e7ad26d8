"""The live side panel: who waits per service, the next tickets, today's figures."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from counter import strings as S
from counter.models import Snapshot
from counter.widgets.basics import card


def _clear(layout: QGridLayout | QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.deleteLater()


class LivePanel(QWidget):
    """Renders a Snapshot's waiting counts, upcoming tickets and officer figures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(10)

        frame, body = card(S.WAITING_TITLE)
        self.waiting_grid = QGridLayout()
        self.waiting_grid.setHorizontalSpacing(12)
        body.addLayout(self.waiting_grid)
        outer.addWidget(frame)

        frame, body = card(S.UPCOMING_TITLE)
        self.upcoming_list = QVBoxLayout()
        self.upcoming_list.setSpacing(2)
        body.addLayout(self.upcoming_list)
        body.addStretch()
        outer.addWidget(frame, 1)

        frame, body = card(S.STATS_TITLE)
        grid = QGridLayout()
        body.addLayout(grid)
        self.served = QLabel("0")
        self.no_shows = QLabel("0")
        self.mean = QLabel("–")
        for column, (title, value) in enumerate(
            ((S.SERVED, self.served), (S.NO_SHOWS, self.no_shows), (S.MEAN_TIME, self.mean))
        ):
            value.setObjectName("bigNumber")
            caption = QLabel(title.lines())
            caption.setObjectName("muted")
            grid.addWidget(value, 0, column)
            grid.addWidget(caption, 1, column)
        outer.addWidget(frame)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        _clear(self.waiting_grid)
        for row, svc in enumerate(snapshot.waiting):
            name = QLabel(f"{svc.code}  {svc.name_th}")
            name.setToolTip(svc.name_en)
            name.setWordWrap(True)
            count = QLabel(str(svc.waiting))
            count.setObjectName("bigNumber")
            if svc.waiting and svc.longest_wait_min is not None:
                longest_text = (
                    f"{S.LONGEST.th} {svc.longest_wait_min} {S.MINUTES.th} / "
                    f"{S.LONGEST.en} {svc.longest_wait_min} {S.MINUTES.en}"
                )
            else:
                longest_text = S.WAITING_NONE.both
            longest = QLabel(longest_text)
            longest.setObjectName("muted")
            self.waiting_grid.addWidget(count, row * 2, 0, 2, 1)
            self.waiting_grid.addWidget(name, row * 2, 1)
            self.waiting_grid.addWidget(longest, row * 2 + 1, 1)
        self.waiting_grid.setColumnStretch(1, 1)

        _clear(self.upcoming_list)
        if not snapshot.upcoming:
            empty = QLabel(S.UPCOMING_NONE.both)
            empty.setObjectName("muted")
            self.upcoming_list.addWidget(empty)
        for index, ticket in enumerate(snapshot.upcoming, start=1):
            mark = f"  ★ {S.PRIORITY.th}" if ticket.priority else ""
            line = QLabel(f"{index}.  <b>{ticket.code}</b>  ·  {ticket.service}{mark}")
            line.setObjectName("upcoming")
            line.setStyleSheet("font-size: 19px;")
            self.upcoming_list.addWidget(line)

        stats = snapshot.stats
        self.served.setText(str(stats.served))
        self.no_shows.setText(str(stats.no_shows))
        mean = stats.mean_service_min
        self.mean.setText("–" if mean is None else f"{mean:.1f} {S.MINUTES.th}")

    def upcoming_codes(self) -> list[str]:
        """The codes as shown, in order (what a test or a screen reader reads)."""
        codes = []
        for i in range(self.upcoming_list.count()):
            widget = self.upcoming_list.itemAt(i).widget()
            if isinstance(widget, QLabel) and "<b>" in widget.text():
                codes.append(widget.text().split("<b>")[1].split("</b>")[0])
        return codes
