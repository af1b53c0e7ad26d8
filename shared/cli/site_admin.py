"""The site manager's commands for scripts: `site export` (the stored site as a site
file) and `officer disable | enable | pin`."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import Any

from shared.cli.admin import _read_pin
from shared.cli.context import CliContext, add_json_flag
from shared.domain.errors import KhiuError
from shared.domain.model import Officer
from shared.site_export import mapping_toml, site_to_mapping


def command_line_user() -> str:
    """Who changes officers from the command line, for the event: the system account."""
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):  # no user name in the environment or the password file
        return "cli"


def cmd_site_export(args: argparse.Namespace, ctx: CliContext) -> Any:
    """Without --out: the site (TOML as text, the same mapping as JSON); with --out: the
    file written and what it holds."""
    site = ctx.store().site()
    if not site.services:  # a new database: a file of it would not load back
        raise KhiuError(
            "ยังไม่มีการตั้งค่าศูนย์บริการในฐานข้อมูลนี้ "
            "กรุณาโหลดก่อน (khiu init --site FILE หรือ --demo)",
            "This database has no site yet; load one first (khiu init --site FILE, or --demo)",
        )
    mapping = site_to_mapping(site)
    if args.out is None:
        return mapping
    target = Path(args.out)
    target.write_text(mapping_toml(mapping), encoding="utf-8", newline="\n")
    return {
        "out": str(target.resolve()),
        "services": len(mapping["services"]),
        "counters": len(mapping["counters"]),
    }


def _export_text(value: dict[str, Any]) -> str:
    if "out" in value:
        return f"เขียนไฟล์ตั้งค่าแล้ว / site file written: {value['out']}"
    return mapping_toml(value).rstrip("\n")


def _officer_json(officer: Officer) -> dict[str, Any]:
    return {
        "login": officer.login,
        "name": officer.display_name,
        "role": officer.role,
        "active": officer.active,
    }


def cmd_officer_disable(args: argparse.Namespace, ctx: CliContext) -> Any:
    return _officer_json(ctx.store().disable_officer(args.login, by=command_line_user()))


def cmd_officer_enable(args: argparse.Namespace, ctx: CliContext) -> Any:
    return _officer_json(ctx.store().enable_officer(args.login, by=command_line_user()))


def cmd_officer_pin(args: argparse.Namespace, ctx: CliContext) -> Any:
    store = ctx.store()
    pin = _read_pin(args)
    return _officer_json(store.set_officer_pin(args.login, pin, by=command_line_user()))


def _officer_text(value: dict[str, Any]) -> str:
    state = "ใช้งานได้ / enabled" if value["active"] else "ปิดการใช้งาน / disabled"
    return f"บันทึกแล้ว / saved: {value['login']} ({value['role']}, {state})"


def register_officer_actions(officer_sub: Any) -> None:
    """`officer disable | enable | pin`, beside `officer add | list`."""
    for name, handler, help_text in (
        ("disable", cmd_officer_disable, "stop an officer from signing in"),
        ("enable", cmd_officer_enable, "let a disabled officer sign in again"),
    ):
        action = officer_sub.add_parser(name, help=help_text)
        add_json_flag(action)
        action.add_argument("login")
        action.set_defaults(handler=handler, human=_officer_text)
    pin = officer_sub.add_parser("pin", help="set an officer's new PIN")
    add_json_flag(pin)
    pin.add_argument("login")
    pin.add_argument(
        "--pin", help="PIN (4-12 digits); asked for twice, or read from stdin, if omitted"
    )
    pin.set_defaults(handler=cmd_officer_pin, human=_officer_text)


def register(subparsers: Any) -> None:
    site = subparsers.add_parser("site", help="the site's settings as a site file")
    site_sub = site.add_subparsers(dest="site_command", required=True, metavar="ACTION")
    export = site_sub.add_parser(
        "export", help="write the current site as a TOML site file (loads back with init --site)"
    )
    add_json_flag(export)
    export.add_argument("--out", metavar="FILE", help="write to FILE (default: print it)")
    export.set_defaults(handler=cmd_site_export, human=_export_text)
