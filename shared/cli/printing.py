"""`khiu issue --print` and `khiu reprint`: the same printing code path as the kiosk."""

from __future__ import annotations

from typing import Any

from shared.cli.context import CliContext
from shared.printing.from_queue import printout_for, spool_dir_for
from shared.printing.service import print_ticket
from shared.storage import data_folder
from shared.storage.api import TicketView


def print_for_cli(ctx: CliContext, ticket: TicketView, printer_spec: str | None) -> dict[str, Any]:
    """Print, and report the outcome; printer trouble never loses the issued ticket."""
    store = ctx.store()
    site = store.site()
    result = print_ticket(
        printout_for(ticket, store.service(ticket.service), site),
        printer_spec or site.printer.spec,
        paper_width_dots=site.printer.width_dots,
        spool_dir=spool_dir_for(site, data_folder(ctx.location)),
    )
    if result.fault is not None:
        thai = ctx.lang == "th"
        message = result.message_th if thai else result.message_en
        if result.ok:  # printed, with a warning such as paper near its end
            ctx.warn(
                f"บัตรคิว {ticket.code}: {message}" if thai else f"ticket {ticket.code}: {message}",
                exit_code=0,
            )
        else:
            ctx.warn(
                f"ออกบัตรคิว {ticket.code} แล้ว แต่พิมพ์ไม่สำเร็จ: {message}" if thai
                else f"ticket {ticket.code} is issued but was not printed: {message}"
            )
    return result.to_json()
