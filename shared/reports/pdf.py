"""The PDF a manager hands over: A4, Thai first, Buddhist-era dates, searchable Thai text.

Laid out as HTML in a QTextDocument and printed with QPdfWriter (Qt shapes Thai with
the bundled Sarabun face and embeds it, so the text stays text). Charts are PNGs
drawn by matplotlib. Needs a QGuiApplication; runs in any thread (no widgets).
"""

from __future__ import annotations

from datetime import date, datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from shared.i18n import glossary
from shared.i18n.dates import (
    english_short_date,
    english_short_datetime,
    thai_short_date,
    thai_short_datetime,
)
from shared.reports import charts
from shared.reports.model import Report, ServiceFigures, Stats

if TYPE_CHECKING:
    from PySide6.QtGui import QPdfWriter, QTextDocument

FOOTER_PT = 16  # the strip under each page's text that holds its number

_CSS = """
body { font-size: 9pt; color: #1b1f24; }
h1 { font-size: 17pt; margin: 0; }
h2 { font-size: 12pt; margin-top: 14px; margin-bottom: 4px; color: #1f5fa8; }
p.sub { font-size: 10pt; color: #4a4f57; margin: 0; }
table.t { border-collapse: collapse; font-size: 8pt; }
table.t th { background: #e8eef6; font-weight: bold; padding: 2px; font-size: 7pt; }
table.t td { padding: 3px; }
td.n { text-align: right; }
td.kept { color: #1e7045; font-weight: bold; text-align: right; }
td.miss { color: #a4530c; font-weight: bold; text-align: right; }
p.note { font-size: 8pt; color: #4a4f57; }
"""


def minutes(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


def thai_period(report: Report) -> tuple[str, str]:
    start, end = date.fromisoformat(report.date_from), date.fromisoformat(report.date_to)
    if start == end:
        return thai_short_date(start), english_short_date(start)
    return (
        f"{thai_short_date(start)} – {thai_short_date(end)}",
        f"{english_short_date(start)} – {english_short_date(end)}",
    )


def _stats_cells(s: Stats) -> str:
    return "".join(f'<td class="n">{minutes(v)}</td>' for v in (s.mean, s.p50, s.p90))


def _promise_cell(f: ServiceFigures) -> str:
    pct = f.within_promise_pct
    css = "n" if pct is None else "kept" if pct >= 80 else "miss"
    return f'<td class="{css}">{percent(pct)}</td>'


def _service_table(report: Report) -> str:
    head = (
        '<tr><th rowspan=2 width="24%">บริการ<br>Service</th><th rowspan=2>ออกบัตร<br>issued</th>'
        "<th rowspan=2>ให้บริการ<br>served</th><th rowspan=2>ไม่มา<br>no-show</th>"
        "<th rowspan=2>ยกเลิก<br>cancel</th><th rowspan=2>หมดอายุ<br>expired</th>"
        "<th colspan=3>เวลารอ (นาที)<br>waiting (min)</th>"
        "<th colspan=3>เวลาให้บริการ (นาที)<br>service (min)</th>"
        f"<th rowspan=2>{glossary.PROCESSING_TIME.th}ตามคู่มือ (นาที)<br>"
        f"{glossary.PROCESSING_TIME.en.lower()} (min)</th><th rowspan=2>ทันเวลา<br>kept</th>"
        "<th rowspan=2>คะแนน<br>rating</th></tr>"
        "<tr><th>เฉลี่ย<br>mean</th><th>กลาง<br>p50</th><th>P90</th>"
        "<th>เฉลี่ย<br>mean</th><th>กลาง<br>p50</th><th>P90</th></tr>"
    )
    rows = []
    for f in (*report.services, report.total):
        c = f.counts
        name = f"<b>{escape(f.name_th)}</b><br>{escape(f.name_en)}"
        if f.code != "*":
            name += f" ({escape(f.code)})"
        promised = f"{f.promised_min}" if f.code != "*" else ""
        rating = "–" if f.rating_mean is None else f"{f.rating_mean:.1f} ({f.ratings})"
        rows.append(
            f"<tr><td>{name}</td>"
            + "".join(
                f'<td class="n">{v}</td>'
                for v in (c.issued, c.served, c.no_show, c.cancelled, c.expired)
            )
            + _stats_cells(f.wait)
            + _stats_cells(f.service)
            + f'<td class="n">{promised}</td>'
            + _promise_cell(f)
            + f'<td class="n">{rating}</td></tr>'
        )
    return _table(head, rows)


def _booking_table(report: Report) -> str:
    """Bookings ahead per service (only the services that had any), or nothing."""
    booked = [f for f in (*report.services, report.total) if f.bookings.made]
    if not booked:
        return ""
    head = (
        '<tr><th width="34%">บริการ<br>Service</th><th>จอง<br>made</th>'
        "<th>เช็กอิน<br>checked in</th><th>ไม่มาตามนัด<br>missed</th>"
        "<th>ยกเลิก<br>cancelled</th></tr>"
    )
    rows = [
        f"<tr><td><b>{escape(f.name_th)}</b><br>{escape(f.name_en)}</td>"
        + "".join(
            f'<td class="n">{v}</td>'
            for v in (f.bookings.made, f.bookings.checked_in, f.bookings.missed,
                      f.bookings.cancelled)
        )
        + "</tr>"
        for f in booked
    ]
    return "<h2>การจองล่วงหน้า / Bookings ahead</h2>" + _table(head, rows)


def _table(head: str, rows: list[str]) -> str:
    # <thead> becomes the table's header rows, which Qt repeats on every page it spans.
    return (
        '<table class="t" width="100%" border="1" cellspacing="0" cellpadding="3" '
        'style="border-color:#b8c2cf"><thead>' + head + "</thead><tbody>" + "".join(rows)
        + "</tbody></table>"
    )  # fmt: skip


def _officer_table(report: Report) -> str:
    head = (
        '<tr><th width="40%">เจ้าหน้าที่<br>Officer</th><th>ให้บริการ<br>served</th>'
        "<th>ไม่มา<br>no-show</th><th>เฉลี่ย (นาที)<br>mean (min)</th>"
        "<th>มัธยฐาน<br>median</th><th>P90</th></tr>"
    )
    rows = [
        f"<tr><td>{escape(o.name)} ({escape(o.login)})</td>"
        f'<td class="n">{o.served}</td><td class="n">{o.no_show}</td>'
        + _stats_cells(o.service)
        + "</tr>"
        for o in report.officers
    ]
    if not rows:
        rows = ["<tr><td colspan=6>ไม่มีข้อมูล / no data</td></tr>"]
    return _table(head, rows)


def _counter_table(report: Report) -> str:
    head = (
        '<tr><th width="40%">ช่องบริการ<br>Counter</th><th>ให้บริการ<br>served</th>'
        "<th>ไม่มา<br>no-show</th><th>เฉลี่ย (นาที)<br>mean (min)</th>"
        "<th>มัธยฐาน<br>median</th><th>P90</th></tr>"
    )
    rows = [
        f"<tr><td>{escape(c.name_th)} / {escape(c.name_en)}</td>"
        f'<td class="n">{c.served}</td><td class="n">{c.no_show}</td>'
        + _stats_cells(c.service)
        + "</tr>"
        for c in report.counters
        if c.served or c.no_show
    ]
    if not rows:
        rows = ["<tr><td colspan=6>ไม่มีข้อมูล / no data</td></tr>"]
    return _table(head, rows)


def _day_table(report: Report) -> str:
    """Totals per business date (all services)."""
    head = (
        "<tr><th>วันที่<br>Date</th><th>ออกบัตร<br>issued</th><th>ให้บริการ<br>served</th>"
        "<th>ไม่มา<br>no-show</th><th>หมดอายุ<br>expired</th>"
        "<th>ทันตามคู่มือ<br>kept</th></tr>"
    )
    totals: dict[str, list[int]] = {}
    for d in report.days:
        c = d.figures.counts
        within = round((d.figures.within_promise_pct or 0) * c.served / 100)
        t = totals.setdefault(d.date, [0, 0, 0, 0, 0])
        for i, v in enumerate((c.issued, c.served, c.no_show, c.expired, within)):
            t[i] += v
    rows = []
    for day, (issued, served, no_show, expired, within) in totals.items():
        kept = percent(100 * within / served) if served else "–"
        rows.append(
            f"<tr><td>{thai_short_date(date.fromisoformat(day))}</td>"
            f'<td class="n">{issued}</td><td class="n">{served}</td>'
            f'<td class="n">{no_show}</td><td class="n">{expired}</td>'
            f'<td class="n">{kept}</td></tr>'
        )
    return _table(head, rows)


def report_html(report: Report) -> str:
    th_period, en_period = thai_period(report)
    generated = datetime.fromisoformat(report.generated_at)
    total = report.total
    c = total.counts
    summary = (
        f"ออกบัตรคิว {c.issued} ใบ ให้บริการ {c.served} ราย "
        f"ทันตามระยะเวลาในคู่มือสำหรับประชาชน {percent(total.within_promise_pct)} "
        f"เวลารอเฉลี่ย {minutes(total.wait.mean)} นาที"
    )
    summary_en = (
        f"{c.issued} tickets issued, {c.served} served, "
        f"{percent(total.within_promise_pct)} within the citizen manual's time, "
        f"mean wait {minutes(total.wait.mean)} min."
    )
    return f"""<html><head><style>{_CSS}</style></head><body>
<h1>รายงานผลการให้บริการ</h1>
<p class="sub">Service report — {escape(report.site_en)}</p>
<p style="font-size:13pt; margin-top:6px"><b>{escape(report.site_th)}</b></p>
<p class="sub">ช่วงวันที่ {th_period} &nbsp;/&nbsp; {en_period}</p>
<p class="sub">จัดทำเมื่อ {thai_short_datetime(generated)} น. / generated
{english_short_datetime(generated)}</p>
<p>{summary}<br><span class="sub">{summary_en}</span></p>
<h2>สรุปตามบริการ / Summary by service</h2>
{_service_table(report)}
<p class="note">เวลารอ = จากรับบัตรคิวถึงการเรียกครั้งแรก; เวลาให้บริการ = จากการเรียก (ครั้งล่าสุด)
ถึงเสร็จสิ้น; ทันตามคู่มือ = สัดส่วนผู้รับบริการที่ใช้เวลาให้บริการไม่เกินระยะเวลาในคู่มือสำหรับประชาชน
(พ.ร.บ. การอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. 2558). บัตรที่โอนนับเป็นบัตรออก
ที่บริการต้นทาง และนับการให้บริการที่บริการปลายทาง.<br>
Waiting = issue to first call; service = last call to done; kept = served within the
citizen manual's processing time. A transferred ticket is issued at its origin and served
where it ended.</p>
{_booking_table(report)}
<h2 style="page-break-before: always">ทันตามระยะเวลาในคู่มือ / Promise kept by service</h2>
<p><img src="chart://promise" width="640"></p>
<h2>ปริมาณและเวลารอตามช่วงเวลา / Tickets and waiting by hour</h2>
<p><img src="chart://hours" width="640"></p>
<h2>รายวัน / By day</h2>
{_day_table(report)}
<h2>เจ้าหน้าที่ / Officers</h2>
{_officer_table(report)}
<h2>ช่องบริการ / Counters</h2>
{_counter_table(report)}
</body></html>"""


def page_label(number: int, pages: int) -> str:
    """The footer of each page, Thai first."""
    return f"หน้า {number}/{pages} · Page {number} of {pages}"


def write_pdf(report: Report, path: Path) -> None:
    from PySide6.QtCore import QMarginsF, QSizeF, QUrl
    from PySide6.QtGui import (
        QFont,
        QImage,
        QPageLayout,
        QPageSize,
        QPdfWriter,
        QTextDocument,
    )

    from shared.reports.pdffont import fix_text_layer, pdf_font_family

    family = pdf_font_family()
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(14, 14, 14, 14), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(f"รายงานผลการให้บริการ {report.site_th} {report.date_from} – {report.date_to}")
    writer.setCreator("Khiu (คิว)")

    doc = QTextDocument()
    font = QFont(family)
    font.setPointSizeF(9)
    doc.setDefaultFont(font)
    images = {
        "promise": charts.promise_chart(report.services),
        "hours": charts.hours_chart(report),
    }
    for name, png in images.items():
        doc.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(f"chart://{name}"),
            QImage.fromData(png),  # the format is read from the PNG header
        )  # fmt: skip
    doc.setHtml(report_html(report))
    # Lay the document out on the page in points so sizes in the HTML mean print sizes,
    # leaving a strip at the bottom of each page for its number.
    page = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
    doc.setPageSize(QSizeF(page.width() * 96 / 72, (page.height() - FOOTER_PT) * 96 / 72))
    _print_numbered(doc, writer, family)
    del writer  # the file is complete once the writer is gone
    fix_text_layer(path)


def _print_numbered(doc: QTextDocument, writer: QPdfWriter, family: str) -> None:
    """Print the paginated document page by page (as QTextDocument.print_ does, which
    numbers pages only when it paginates itself) and put "page N of M" under each."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QAbstractTextDocumentLayout, QFont, QPainter, QPalette

    body = doc.pageSize()
    pages = doc.pageCount()
    scale = writer.width() / body.width()
    footer_font = QFont(family)
    footer_font.setPointSizeF(7.5)
    footer = QRectF(0, body.height() * scale, writer.width(), writer.height() - body.height() * scale)
    painter = QPainter(writer)
    try:
        for index in range(pages):
            if index:
                writer.newPage()
            view = QRectF(0, index * body.height(), body.width(), body.height())
            painter.save()
            painter.scale(scale, scale)
            painter.translate(0, -view.top())
            painter.setClipRect(view)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = view
            context.palette.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.black)
            doc.documentLayout().draw(painter, context)
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(Qt.GlobalColor.darkGray)
            painter.drawText(
                footer, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                page_label(index + 1, pages),
            )  # fmt: skip
    finally:
        painter.end()
