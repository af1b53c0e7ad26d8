"""`khiu card`: read the Thai ID card in a reader (the date of birth only, and only to
say whether its holder is 60 or over); `issue --card` uses the same reading."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from shared.card.pcsc import read_card
from shared.cli.context import CliContext, add_json_flag
from shared.domain.model import PriorityReason


def _site_today(ctx: CliContext) -> date:
    """Ages count on the site's calendar day."""
    store = ctx.store()
    return store.clock().astimezone(store.site().tz).date()


def senior_reason(ctx: CliContext, reader: str | None) -> PriorityReason | None:
    """`senior` when the card in the reader says 60 or over; CardError without a card."""
    _name, senior = read_card(reader, _site_today(ctx))
    return PriorityReason.SENIOR if senior else None


def cmd_card(args: argparse.Namespace, ctx: CliContext) -> Any:
    name, senior = read_card(args.reader, _site_today(ctx))
    return {"reader": name, "senior": senior}


def add_reader_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--reader", metavar="NAME", help="the card reader (default: the first one found)"
    )


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "card", help="read the ID card in the reader: is its holder 60 or over?"
    )
    add_json_flag(parser)
    add_reader_option(parser)
    parser.set_defaults(
        handler=cmd_card,
        human=lambda v: f"{v['reader']}: "
        + ("อายุ 60 ปีขึ้นไป / 60 or over" if v["senior"] else "อายุไม่ถึง 60 ปี / under 60"),
    )
