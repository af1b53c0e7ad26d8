"""Queue commands: issue, call, recall, noshow, finish, transfer, cancel, ticket, status."""

from __future__ import annotations

import argparse
from typing import Any

from shared.cli.args import counter_number
from shared.cli.card import add_reader_option, senior_reason
from shared.cli.context import CliContext, add_json_flag
from shared.cli.format import status_text, ticket_line
from shared.domain.errors import InvalidStateError
from shared.i18n.hours import hours_text
from shared.storage.api import Store, TicketView


def _ticket(ctx: CliContext, view: TicketView | None) -> dict[str, Any] | None:
    return None if view is None else view.to_json(ctx.store().site().tz)


def _refuse_if_closed(store: Store, code: str) -> None:
    """A service outside its opening hours takes no ticket: the kiosk's rule
    (`Service.is_open_at` in site time, as `status().open_now` shows it)."""
    service = store.service(code)
    if service.is_open_at(store.clock().astimezone(store.site().tz)):
        return
    hours_th = hours_text(service.hours, "th").replace("\n", ", ")
    hours_en = hours_text(service.hours, "en").replace("\n", ", ")
    raise InvalidStateError(
        f"บริการ {service.code} ปิดอยู่ในขณะนี้ (เวลาทำการ: {hours_th}); "
        "ใช้ --anyway เพื่อออกบัตรคิวนอกเวลาทำการ",
        f"{service.code} is closed now (hours: {hours_en}); "
        "add --anyway to issue a ticket outside its hours",
    )


def cmd_issue(args: argparse.Namespace, ctx: CliContext) -> Any:
    store = ctx.store()
    if not args.anyway:
        _refuse_if_closed(store, args.service)
    reason = senior_reason(ctx, args.reader) if args.card else None
    view = store.issue(args.service, priority=args.priority, priority_reason=reason)
    result = _ticket(ctx, view)
    assert result is not None
    if args.print or args.printer:
        # Imported here: printing loads Qt, which the other commands never need.
        from shared.cli.printing import print_for_cli

        result["print"] = print_for_cli(ctx, view, args.printer)
    return result


def cmd_call(args: argparse.Namespace, ctx: CliContext) -> Any:
    store = ctx.store()
    if args.ticket:
        return _ticket(ctx, store.call_ticket(args.counter, args.ticket))
    return _ticket(ctx, store.call_next(args.counter))


def _counter_act(method: str) -> Any:
    def handler(args: argparse.Namespace, ctx: CliContext) -> Any:
        return _ticket(ctx, getattr(ctx.store(), method)(args.counter))

    return handler


def cmd_transfer(args: argparse.Namespace, ctx: CliContext) -> Any:
    return _ticket(ctx, ctx.store().transfer(args.counter, args.service))


def cmd_cancel(args: argparse.Namespace, ctx: CliContext) -> Any:
    return _ticket(ctx, ctx.store().cancel(args.ticket))


def cmd_ticket(args: argparse.Namespace, ctx: CliContext) -> Any:
    return _ticket(ctx, ctx.store().ticket(args.ticket))


def cmd_reprint(args: argparse.Namespace, ctx: CliContext) -> Any:
    store = ctx.store()
    view = store.ticket(args.ticket)
    result = _ticket(ctx, view)
    assert result is not None
    from shared.cli.printing import print_for_cli

    result["print"] = print_for_cli(ctx, view, args.printer)
    return result


def cmd_pause(args: argparse.Namespace, ctx: CliContext) -> Any:
    counter = ctx.store().set_counter_open(args.counter, args.command == "resume")
    return {"number": counter.number, "open": counter.open}


def cmd_status(args: argparse.Namespace, ctx: CliContext) -> Any:
    store = ctx.store()
    return store.status().to_json(store.site().tz)


def _printer_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--printer", metavar="SPEC",
        help="preview | file:PATH | usb:VID:PID | net:HOST[:PORT] | serial:DEVICE | "
        "win32:NAME | cups:NAME (default: the site's printer)",
    )


def register(subparsers: Any) -> None:
    def add(name: str, help_text: str, handler: Any, human: Any = None) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = subparsers.add_parser(name, help=help_text)
        add_json_flag(parser)
        parser.set_defaults(handler=handler, human=human or (lambda v: ticket_line(v)))
        return parser

    issue = add("issue", "issue a ticket for SERVICE", cmd_issue)
    issue.add_argument("service", metavar="SERVICE")
    issue.add_argument("--priority", action="store_true",
                       help="priority ticket: elderly, disabled, pregnant, monk")
    issue.add_argument("--print", action="store_true", help="print the ticket")
    issue.add_argument("--anyway", action="store_true",
                       help="issue even when the service is closed now (outside its hours)")
    _printer_option(issue)
    issue.add_argument("--card", action="store_true",
                       help="priority when the ID card in the reader says 60 or over")
    add_reader_option(issue)

    call = add("call", "finish the counter's current ticket and call the next", cmd_call)
    call.add_argument("counter", metavar="COUNTER", type=counter_number)
    call.add_argument("--ticket", metavar="CODE|TOKEN|URL", help="call this exact ticket")

    for name, method, help_text in (
        ("recall", "recall", "call the counter's current ticket again"),
        ("noshow", "no_show", "mark the counter's current ticket as not showing up"),
        ("finish", "finish", "finish the counter's current ticket"),
        ("return", "return_to_queue", "put the current ticket back in its queue"),
    ):
        add(name, help_text, _counter_act(method)).add_argument(
            "counter", metavar="COUNTER", type=counter_number)

    transfer = add("transfer", "move the current ticket to SERVICE's queue", cmd_transfer)
    transfer.add_argument("counter", metavar="COUNTER", type=counter_number)
    transfer.add_argument("service", metavar="SERVICE")

    add("cancel", "cancel a waiting ticket", cmd_cancel).add_argument(
        "ticket", metavar="CODE|TOKEN")
    add("ticket", "show one ticket", cmd_ticket).add_argument("ticket", metavar="CODE|TOKEN")
    reprint_parser = add("reprint", "print today's ticket CODE again", cmd_reprint)
    reprint_parser.add_argument("ticket", metavar="CODE|TOKEN")
    _printer_option(reprint_parser)

    for name, help_text in (("pause", "pause a counter"), ("resume", "resume a counter")):
        add(name, help_text, cmd_pause, human=lambda v: f"counter {v['number']} open={v['open']}"
            ).add_argument("counter", metavar="COUNTER", type=counter_number)

    add("status", "waiting counts and counters' current tickets", cmd_status, human=status_text)
