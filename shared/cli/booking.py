"""Booking commands: slots, book, booking, bookings, unbook, checkin."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from shared.cli.context import CliContext, add_json_flag
from shared.cli.format import ticket_line
from shared.domain.errors import BookingRefusedError
from shared.storage.api import BookingView


def parse_start(text: str, tz: Any) -> datetime:
    """ISO 8601 (with or without an offset) or "YYYY-MM-DD HH:MM"; no offset: site time."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise BookingRefusedError(
            f"เวลา {text!r} ต้องอยู่ในรูป YYYY-MM-DD HH:MM หรือ ISO 8601",
            f"time {text!r} must be YYYY-MM-DD HH:MM or ISO 8601",
        ) from None
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment


def _booking(ctx: CliContext, view: BookingView) -> dict[str, Any]:
    return view.to_json(ctx.store().site().tz)


def cmd_slots(args: argparse.Namespace, ctx: CliContext) -> Any:
    store = ctx.store()
    tz = store.site().tz
    return [slot.to_json(tz) for slot in store.slots(args.service, args.date)]


def cmd_book(args: argparse.Namespace, ctx: CliContext) -> Any:
    store = ctx.store()
    return _booking(ctx, store.book(args.service, parse_start(args.at, store.site().tz)))


def cmd_booking(args: argparse.Namespace, ctx: CliContext) -> Any:
    return _booking(ctx, ctx.store().booking(args.ref))


def cmd_bookings(args: argparse.Namespace, ctx: CliContext) -> Any:
    return [_booking(ctx, view) for view in ctx.store().bookings(args.date, args.service)]


def cmd_unbook(args: argparse.Namespace, ctx: CliContext) -> Any:
    return _booking(ctx, ctx.store().unbook(args.ref))


def cmd_checkin(args: argparse.Namespace, ctx: CliContext) -> Any:
    store = ctx.store()
    view = store.check_in(args.ref)
    result = view.to_json(store.site().tz)
    if args.print or args.printer:
        # Imported here: printing loads Qt, which the other commands never need.
        from shared.cli.printing import print_for_cli

        result["print"] = print_for_cli(ctx, view, args.printer)
    return result


def slots_text(slots: list[dict[str, Any]]) -> str:
    if not slots:
        return "ไม่มีเวลาให้จอง / No slots to book"
    return "\n".join(
        f"{s['start'][:16].replace('T', ' ')}-{s['end'][11:16]}  "
        f"ว่าง/free {s['free']}"
        for s in slots
    )


def booking_line(booking: dict[str, Any]) -> str:
    ticket = f"  บัตรคิว/ticket {booking['ticket']}" if booking["ticket"] else ""
    return (
        f"{booking['code']}  {booking['service']}  "
        f"{booking['start'][:16].replace('T', ' ')}-{booking['end'][11:16]}  "
        f"{booking['state']}{ticket}  {booking['url']}"
    )


def register(subparsers: Any) -> None:
    def add(name: str, help_text: str, handler: Any, human: Any) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = subparsers.add_parser(name, help=help_text)
        add_json_flag(parser)
        parser.set_defaults(handler=handler, human=human)
        return parser

    slots = add("slots", "the bookable slots of SERVICE on a day", cmd_slots, slots_text)
    slots.add_argument("service", metavar="SERVICE")
    slots.add_argument("--date", metavar="DATE", help="YYYY-MM-DD (default: today)")

    book = add("book", "book the slot of SERVICE starting at START", cmd_book, booking_line)
    book.add_argument("service", metavar="SERVICE")
    book.add_argument(
        "--at", metavar="START", required=True,
        help='ISO 8601 or "YYYY-MM-DD HH:MM" in site time',
    )

    add("booking", "show one booking", cmd_booking, booking_line).add_argument(
        "ref", metavar="REF", help="the booking's code, token or URL")

    bookings = add(
        "bookings", "the bookings of a day", cmd_bookings,
        lambda v: "\n".join(booking_line(b) for b in v) or "ไม่มีการจอง / No bookings",
    )
    bookings.add_argument("--date", metavar="DATE", help="YYYY-MM-DD (default: today)")
    bookings.add_argument("--service", metavar="S", help="one service only")

    add("unbook", "cancel a booking", cmd_unbook, booking_line).add_argument(
        "ref", metavar="REF", help="the booking's code, token or URL")

    checkin = add("checkin", "check a booking in: issue its ticket", cmd_checkin, ticket_line)
    checkin.add_argument("ref", metavar="REF", help="the booking's code, token or URL")
    checkin.add_argument("--print", action="store_true", help="print the ticket")
    checkin.add_argument(
        "--printer", metavar="SPEC", help="preview | file:PATH | ... (default: the site's)"
    )
