"""The live side panel: who waits per service, the next tickets, today's figures."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from counter import strings
from counter.models import UPCOMING_LIMIT, ServiceWaiting, Snapshot
from counter.widgets.basics import card
from shared.qt.thai_text import ThaiLabel


class LivePanel(QWidget):
    """Renders a Snapshot's waiting counts, upcoming tickets and officer figures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(10)

        frame, body = card(strings.WAITING_TITLE)
        self.waiting_grid = QGridLayout()
        self.waiting_grid.setHorizontalSpacing(12)
        self.waiting_rows: list[tuple[QLabel, QLabel, QLabel]] = []
        self.codes: list[str] = []  # the upcoming codes as shown, in order
        body.addLayout(self.waiting_grid)
        outer.addWidget(frame)

        frame, body = card(strings.UPCOMING_TITLE)
        # Fixed rows, refilled in place: the panel refreshes on every change in the hall.
        self.upcoming_rows: list[QLabel] = []
        for _ in range(UPCOMING_LIMIT):
            row = QLabel()
            row.setObjectName("upcoming")
            body.addWidget(row)
            self.upcoming_rows.append(row)
        self.upcoming_empty = QLabel(strings.UPCOMING_NONE.both)
        self.upcoming_empty.setObjectName("muted")
        body.addWidget(self.upcoming_empty)
        body.addStretch()
        outer.addWidget(frame, 1)

        frame, body = card(strings.STATS_TITLE)
        grid = QGridLayout()
        body.addLayout(grid)
        self.served = QLabel("0")
        self.no_shows = QLabel("0")
        self.mean = QLabel("–")
        for column, (title, value) in enumerate(
            ((strings.SERVED, self.served), (strings.NO_SHOWS, self.no_shows), (strings.MEAN_TIME, self.mean))
        ):
            value.setObjectName("bigNumber")
            caption = QLabel(title.lines())
            caption.setObjectName("muted")
            grid.addWidget(value, 0, column)
            grid.addWidget(caption, 1, column)
        outer.addWidget(frame)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        self._show_waiting(snapshot.waiting)
        self.codes = [t.code for t in snapshot.upcoming]
        for index, row in enumerate(self.upcoming_rows):
            if index < len(snapshot.upcoming):
                ticket = snapshot.upcoming[index]
                mark = f"  ★ {strings.PRIORITY.th}" if ticket.priority else ""
                if ticket.booking is not None:
                    mark += f"  ◆ {strings.BOOKED.th}"
                row.setText(f"{index + 1}.  <b>{ticket.code}</b>  ·  {ticket.service}{mark}")
                row.show()
            else:
                row.hide()
        self.upcoming_empty.setVisible(not snapshot.upcoming)

        stats = snapshot.stats
        self.served.setText(str(stats.served))
        self.no_shows.setText(str(stats.no_shows))
        mean = stats.mean_service_min
        unit = strings.MINUTES.both
        self.mean.setText("–" if mean is None else f"{mean:.1f} {unit}")

    def _show_waiting(self, waiting: tuple[ServiceWaiting, ...]) -> None:
        if len(self.waiting_rows) != len(waiting):
            self._build_waiting_rows(len(waiting))
        for (count, name, longest), svc in zip(self.waiting_rows, waiting, strict=True):
            count.setText(str(svc.waiting))
            name.setText(f"{svc.code}  {svc.name_th}")
            name.setToolTip(svc.name_en)
            if svc.waiting and svc.longest_wait_min is not None:
                minutes = svc.longest_wait_min
                longest.setText(
                    f"{strings.LONGEST.th} {minutes} {strings.MINUTES.th} / "
                    f"{strings.LONGEST.en} {minutes} {strings.MINUTES.en}"
                )
            else:
                longest.setText(strings.WAITING_NONE.both)
            if svc.booked:
                longest.setText(longest.text() + "\n" + strings.bookings_line(svc.booked, svc.checked_in, svc.to_come))

    def _build_waiting_rows(self, rows: int) -> None:
        """Only when the counter's services change (a new session), not on every refresh."""
        for widgets in self.waiting_rows:
            for widget in widgets:
                widget.setParent(None)
                widget.deleteLater()
        self.waiting_rows = []
        for row in range(rows):
            count = QLabel()
            count.setObjectName("bigNumber")
            name = ThaiLabel()
            name.setObjectName("serviceName")
            longest = QLabel()
            longest.setObjectName("muted")
            self.waiting_grid.addWidget(count, row * 2, 0, 2, 1)
            self.waiting_grid.addWidget(name, row * 2, 1)
            self.waiting_grid.addWidget(longest, row * 2 + 1, 1)
            self.waiting_rows.append((count, name, longest))
        self.waiting_grid.setColumnStretch(1, 1)
