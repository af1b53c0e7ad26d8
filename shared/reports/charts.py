"""The report's charts drawn with matplotlib (its bundled libraqm shapes Thai), with the
bundled Sarabun face. Object-oriented API only (no pyplot): safe off the GUI thread."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

import io
import threading
from collections.abc import Sequence

from shared.reports.model import HourFigures, Report, ServiceFigures

_lock = threading.Lock()  # matplotlib's font cache and rcParams are process-wide
_font_ready = False

BLUE = "#1f5fa8"
GREEN = "#2e8b57"
AMBER = "#d98c1f"
GREY = "#8a8f98"


def _setup() -> None:
    global _font_ready
    if _font_ready:
        return
    from matplotlib import font_manager

    from shared.paths import ASSETS_DIR

    for path in sorted((ASSETS_DIR / "fonts").glob("Sarabun-*.ttf")):
        font_manager.fontManager.addfont(str(path))
    _font_ready = True


def _figure(width_in: float, height_in: float) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in), layout="constrained")
    return fig


def _style() -> AbstractContextManager[None]:
    import matplotlib

    return matplotlib.rc_context(
        {
            "font.family": ["Sarabun", "DejaVu Sans"],
            "font.size": 10,
            "pdf.fonttype": 42,
            "svg.fonttype": "none",
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )


def _png(fig: Figure, dpi: int) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _busy_hours(hours: Sequence[HourFigures]) -> list[HourFigures]:
    """The hours from the first to the last with tickets (at least 8:00-17:00)."""
    used = [h.hour for h in hours if h.issued]
    first = min([8, *used])
    last = max([16, *used])
    return [h for h in hours if first <= h.hour <= last]


def hours_chart(report: Report, *, dpi: int = 200) -> bytes:
    """Two panels: tickets issued per hour of day, and mean waiting time by hour."""
    with _lock, _style():
        _setup()
        hours = _busy_hours(report.hours)
        xs = [h.hour for h in hours]
        fig = _figure(7.2, 2.6)
        left, right = fig.subplots(1, 2)
        left.bar(xs, [h.issued for h in hours], color=BLUE)
        left.set_title("บัตรคิวต่อชั่วโมง / Tickets per hour", fontsize=10)
        left.set_xlabel("ชั่วโมง (เวลาท้องถิ่น) / hour")
        left.set_ylabel("บัตรคิว / tickets")
        waits = [h.wait_mean if h.wait_mean is not None else 0 for h in hours]
        right.bar(xs, waits, color=AMBER)
        right.set_title("เวลารอเฉลี่ย / Mean wait", fontsize=10)
        right.set_xlabel("ชั่วโมงที่รับบัตร / hour issued")
        right.set_ylabel("นาที / minutes")
        step = 1 if len(xs) <= 12 else 2 if len(xs) <= 18 else 3
        ticks = [x for x in xs if x % step == 0]
        for ax in (left, right):
            ax.set_xticks(ticks)
            ax.set_xticklabels([f"{x:02d}" for x in ticks], fontsize=8)
            ax.grid(axis="y", color="#dddddd", linewidth=0.6)
            ax.set_axisbelow(True)
        return _png(fig, dpi)


def promise_chart(services: Sequence[ServiceFigures], *, dpi: int = 200) -> bytes:
    """Share of served tickets within the citizen manual's time, per service."""
    with _lock, _style():
        _setup()
        rows = list(services)
        fig = _figure(7.2, 0.5 + 0.42 * max(2, len(rows)))
        ax = fig.subplots()
        names = [f"{s.name_th} ({s.code}) ≤ {s.promised_min} นาที" for s in rows]
        values = [s.within_promise_pct or 0 for s in rows]
        colors = [
            GREY if s.within_promise_pct is None
            else GREEN if s.within_promise_pct >= 80 else AMBER
            for s in rows
        ]  # fmt: skip
        ys = list(range(len(rows)))[::-1]
        ax.barh(ys, values, color=colors, height=0.6)
        ax.set_yticks(ys)
        ax.set_yticklabels(names)
        ax.set_xlim(0, 105)
        ax.set_xlabel("% ที่ให้บริการทันตามคู่มือ / % served within the promised time")
        for y, s in zip(ys, rows, strict=True):
            label = "ไม่มีข้อมูล / no data" if s.within_promise_pct is None else (
                f"{s.within_promise_pct:.0f}%  ({s.counts.served})")  # fmt: skip
            ax.text(min(s.within_promise_pct or 0, 100) + 1, y, label, va="center", fontsize=8)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        return _png(fig, dpi)


def live_chart(services: Sequence[ServiceFigures], *, width_px: int, height_px: int) -> bytes:
    """The counter app's chart of today: waiting and served per service."""
    from matplotlib.ticker import MaxNLocator

    with _lock, _style():
        _setup()
        dpi = 100
        fig = _figure(width_px / dpi, height_px / dpi)
        ax = fig.subplots()
        rows = list(services)
        xs = range(len(rows))
        ax.bar([x - 0.2 for x in xs], [s.counts.waiting for s in rows], 0.4,
               label="รอ / waiting", color=AMBER)  # fmt: skip
        ax.bar([x + 0.2 for x in xs], [s.counts.served for s in rows], 0.4,
               label="ให้บริการแล้ว / served", color=BLUE)  # fmt: skip
        ax.set_xticks(list(xs))
        ax.set_xticklabels([s.code for s in rows], fontsize=10)
        ax.set_ylabel("คน / people")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(loc="upper right", fontsize=9, frameon=False)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        return _png(fig, dpi)
