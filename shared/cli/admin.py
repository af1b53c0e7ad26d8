"""Set-up commands: init (schema, site file, demo), officers, and the event log."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from shared.cli.args import event_id, whole_number
from shared.cli.context import CliContext, add_json_flag
from shared.cli.format import events_text
from shared.clock import utc_now
from shared.domain.errors import AuthError, DatabaseError, KhiuError
from shared.paths import DEMO_SITE_FILE
from shared.site import SiteConfig, load_site_file
from shared.storage import backend_at, open_store
from shared.storage.api import FeedCursor, Store
from shared.storage.copy import copy_store
from shared.storage.database import FileReplacedError
from shared.web.lan import demo_status_base_url

# Demo accounts only: `khiu init --demo` creates them when missing (README lists them).
DEMO_OFFICERS = (
    ("admin", "ผู้ดูแลระบบ", "9999", "admin"),
    ("somchai", "สมชาย ใจดี", "1111", "officer"),
    ("somsri", "สมศรี รักงาน", "2222", "officer"),
    ("malee", "มาลี ศรีสุข", "3333", "officer"),
)


def cmd_init(args: argparse.Namespace, ctx: CliContext) -> Any:
    site_file = Path(args.site) if args.site else (DEMO_SITE_FILE if args.demo else None)
    # Read the site file first: a broken one must not leave a new, empty database behind.
    site_config = load_site_file(site_file) if site_file is not None else None
    if args.demo and not args.site and site_config is not None:
        site_config = _demo_on_this_lan(site_config)
    store = ctx.store(create=True)
    if site_config is not None:
        store.load_site(site_config)
    added = []
    demo: dict[str, Any] = {}
    if args.demo:
        known = {o.login for o in store.officers()}
        for login, name, pin, role in DEMO_OFFICERS:
            if login not in known:
                store.add_officer(login, name, pin, role)
                added.append(login)
        demo["demo_bookings"] = _demo_bookings(store)
    site = store.site()
    return {
        "db": ctx.shown_db,
        "schema_version": store.schema_version(),
        "site": {"name_th": site.name_th, "name_en": site.name_en},
        "services": [s.code for s in store.services()],
        "counters": [c.number for c in store.counters()],
        "officers_added": added,
        **demo,
    }


def _demo_bookings(store: Store) -> list[str]:
    """A few bookings for today in the demo's booking services (the next free slots, so
    the first can be checked in at the kiosk at once); none when today has some."""
    if store.bookings():
        return []
    codes = []
    for service, count in (("DL", 2), ("HC", 1)):
        free = [slot for slot in store.slots(service) if slot.free][:count]
        codes += [store.book(service, slot.start).code for slot in free]
    return codes


def _demo_on_this_lan(site: SiteConfig) -> SiteConfig:
    """The demo's ticket QR codes open `khiu serve` on this PC, so a phone on the same
    network can scan them (computed at each `init --demo`: `make run` runs it)."""
    url = demo_status_base_url()
    raw = dict(site.raw)
    raw["site"] = {**raw.get("site", {}), "status_base_url": url}
    return replace(site, status_base_url=url, raw=raw)


def _init_text(value: dict[str, Any]) -> str:
    return (
        f"ฐานข้อมูลพร้อมใช้ / Database ready: {value['db']} (schema {value['schema_version']})\n"
        f"{value['site']['name_th']} / {value['site']['name_en']}\n"
        f"บริการ/services: {', '.join(value['services']) or '-'}   "
        f"ช่อง/counters: {', '.join(map(str, value['counters'])) or '-'}"
        + (
            f"\nการจองตัวอย่างวันนี้/demo bookings today: {', '.join(value['demo_bookings'])}"
            if value.get("demo_bookings") else ""
        )
    )


def _read_pin(args: argparse.Namespace) -> str:
    if args.pin:
        return str(args.pin)
    if sys.stdin.isatty():
        pin = getpass.getpass("PIN: ")
        if getpass.getpass("PIN again: ") != pin:
            raise AuthError("รหัส PIN สองครั้งไม่ตรงกัน", "The two PINs differ")
        return pin
    return sys.stdin.readline().strip()


def cmd_officer_add(args: argparse.Namespace, ctx: CliContext) -> Any:
    officer = ctx.store().add_officer(args.login, args.name, _read_pin(args), args.role)
    return {"login": officer.login, "name": officer.display_name, "role": officer.role}


def cmd_officer_list(args: argparse.Namespace, ctx: CliContext) -> Any:
    return [
        {"login": o.login, "name": o.display_name, "role": o.role, "active": o.active}
        for o in ctx.store().officers()
    ]


def cmd_events(args: argparse.Namespace, ctx: CliContext) -> Any:
    store = ctx.store()
    tz = store.site().tz
    if not args.follow:
        return [e.to_json(tz) for e in store.changes(args.after, args.limit)]
    # Follow: one JSON object (or text line) per event as it is committed, until Ctrl+C.
    start = args.after if args.after else store.last_event_id()
    ctx.close()
    follow_events(ctx, start, lambda item: print(
        json.dumps(item, ensure_ascii=False) if args.json else events_text([item]), flush=True
    ), tz)


def follow_events(
    ctx: CliContext, after_id: int, emit: Callable[[dict[str, Any]], None], tz: Any,
    *, gone_grace_s: float = 10.0,
) -> None:
    """Follow the log at the database location. A file replaced under us is let go at
    once and the new one followed from the moment the change was noticed (said on
    stderr); a file gone for `gone_grace_s` stops with an error; a log put back by
    `khiu restore` goes on where its ids continue."""
    backend = backend_at(ctx.location)
    cursor: FeedCursor | None = _open_feed(ctx, after_id)
    last = after_id
    gone_since: float | None = None
    switched = False
    try:
        while True:
            try:
                if cursor is None:
                    cursor = _open_feed(ctx, last)
                events = cursor.poll()
            except FileReplacedError:
                switched = True
                if cursor is not None:
                    last = cursor.last_id
                    cursor.close()
                    cursor = None
                time.sleep(0.05)
                continue
            except DatabaseError:
                if not switched:
                    raise
                if backend.missing():
                    gone_since = gone_since or time.monotonic()
                    if time.monotonic() - gone_since > gone_grace_s:
                        raise backend.replaced_error() from None
                time.sleep(0.2)  # the old file's log is being cleared by another app
                continue
            gone_since = None
            reset = cursor.take_reset()
            if reset is not None and switched:
                ctx.note(
                    f"ไฟล์ฐานข้อมูล {ctx.shown_db} ถูกแทนที่ ติดตามไฟล์ใหม่ตั้งแต่เหตุการณ์ {reset}",
                    f"the database file {ctx.shown_db} was replaced; following the new file "
                    f"from event {reset}",
                )
            elif reset is not None:
                ctx.note(
                    f"บันทึกเหตุการณ์ย้อนกลับไปที่ {reset} (กู้คืนข้อมูล) ติดตามต่อจากจุดนั้น",
                    f"the event log went back to id {reset} (restored); following from there",
                )
            switched = switched and reset is None
            for event in events:
                emit(event.to_json(tz))
            time.sleep(0.1)
    finally:
        if cursor is not None:
            cursor.close()


def _open_feed(ctx: CliContext, after_id: int) -> FeedCursor:
    store = open_store(ctx.location)
    try:
        return store.open_feed(after_id)
    finally:
        store.close()  # the cursor has its own connection


def cmd_backup(args: argparse.Namespace, ctx: CliContext) -> Any:
    """A consistent copy while the apps keep running (the backend's online backup)."""
    target = Path(args.dest)
    if target.is_dir():
        raise KhiuError(
            f"{target} เป็นโฟลเดอร์ ปลายทางของ khiu backup ต้องเป็นชื่อไฟล์ "
            f"เช่น {target / 'khiu-backup.db'}",
            f"{target} is a folder; DEST of khiu backup must be a file path, "
            f"e.g. {target / 'khiu-backup.db'}",
        )
    if target.exists() and not args.force:
        raise KhiuError(
            f"มีไฟล์ {target} อยู่แล้ว กรุณาตั้งชื่อใหม่ หรือใช้ --force",
            f"{target} exists; choose a new file or add --force",
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KhiuError(
            f"เขียนไฟล์สำรอง {target} ไม่ได้: สร้างโฟลเดอร์ {target.parent} ไม่ได้ "
            f"({exc.strerror or exc}) กรุณาเลือกที่อื่น",
            f"Cannot write the backup {target}: the folder {target.parent} cannot be made "
            f"({exc.strerror or exc}); choose another place",
        ) from None
    ctx.store().backup(target)
    return {"backup": str(target.resolve()), "bytes": target.stat().st_size}


def cmd_restore(args: argparse.Namespace, ctx: CliContext) -> Any:
    """Put a backup's content back into this database, safely while the apps run."""
    ctx.close()  # the restore holds its own connection; no other of ours stays open
    return backend_at(ctx.location).restore(
        Path(args.backup), utc_now, other_site=args.other_site
    )


def cmd_copy(args: argparse.Namespace, ctx: CliContext) -> Any:
    """The whole site into an EMPTY database (file or URL): one-PC site → server, and back."""
    return copy_store(ctx.store(), args.dest)


def register(subparsers: Any) -> None:
    init = subparsers.add_parser("init", help="create or upgrade the database, load a site")
    add_json_flag(init)
    init.add_argument("--site", metavar="FILE.toml", help="load this site file")
    init.add_argument(
        "--demo",
        action="store_true",
        help="load the demo site and demo officers (README lists them)",
    )
    init.set_defaults(handler=cmd_init, human=_init_text)

    officer = subparsers.add_parser("officer", help="officer accounts")
    officer_sub = officer.add_subparsers(dest="officer_command", required=True, metavar="ACTION")
    add = officer_sub.add_parser("add", help="add an officer or change their PIN")
    add_json_flag(add)
    add.add_argument("login")
    add.add_argument("--name", required=True, help="display name")
    add.add_argument("--role", choices=("officer", "admin"), default="officer")
    add.add_argument("--pin", help="PIN (4-12 digits); asked for, or read from stdin, if omitted")
    add.set_defaults(
        handler=cmd_officer_add, human=lambda v: f"บันทึกแล้ว / saved: {v['login']} ({v['role']})"
    )
    listing = officer_sub.add_parser("list", help="list officers")
    add_json_flag(listing)
    listing.set_defaults(
        handler=cmd_officer_list,
        human=lambda v: "\n".join(f"{o['login']:<16}{o['role']:<9}{o['name']}" for o in v),
    )
    from shared.cli.site_admin import register_officer_actions  # it imports this module

    register_officer_actions(officer_sub)

    backup = subparsers.add_parser("backup", help="copy the database safely while it is in use")
    add_json_flag(backup)
    backup.add_argument("dest", metavar="DEST", help="the backup file to write")
    backup.add_argument("--force", action="store_true", help="replace DEST if it exists")
    backup.set_defaults(
        handler=cmd_backup, human=lambda v: f"สำรองข้อมูลแล้ว / backed up: {v['backup']}"
    )

    restore_cmd = subparsers.add_parser(
        "restore",
        help="put a 'khiu backup' file back into this database, safely while the apps run",
    )
    add_json_flag(restore_cmd)
    restore_cmd.add_argument("backup", metavar="BACKUP", help="a file made by 'khiu backup'")
    restore_cmd.add_argument(
        "--other-site",
        action="store_true",
        help="also when BACKUP is another site's (it replaces this site's services, "
        "officers and history)",
    )
    restore_cmd.set_defaults(
        handler=cmd_restore,
        human=lambda v: (
            f"กู้คืนแล้ว / restored: {v['tickets']} tickets, {v['events']} events"
        ),
    )

    copy = subparsers.add_parser(
        "copy", help="copy the whole site into an EMPTY database (a file or a postgresql:// URL)"
    )
    add_json_flag(copy)
    copy.add_argument("dest", metavar="DEST", help="an empty database: file path or URL")
    copy.set_defaults(
        handler=cmd_copy,
        human=lambda v: (
            f"คัดลอกแล้ว / copied: {v['tickets']} tickets, {v['events']} events, "
            f"{v['officers']} officers"
        ),
    )

    events = subparsers.add_parser("events", help="the event log (audit trail, change feed)")
    add_json_flag(events)
    events.add_argument("--after", type=event_id, default=0, metavar="ID", help="events after this id")
    events.add_argument("--limit", type=whole_number(1, 100_000), default=1000)
    events.add_argument(
        "--follow", action="store_true", help="keep printing events as they are committed"
    )
    events.set_defaults(handler=cmd_events, human=events_text)
