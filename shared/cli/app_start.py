"""What the three apps' `main()` check before Qt starts: the database they open, and how
they refuse to start (Thai first, then English, on stderr, like the command line)."""

from __future__ import annotations

import sys

from shared.cli.context import given_location
from shared.domain.errors import KhiuError
from shared.storage import Location, backend_at

#: The exit status of an app that refused to start (argparse's for a bad argument).
REFUSED = 2


def app_database(db_arg: str | None) -> Location:
    """--db, else $KHIU_DB, else the per-user file, parsed once here: the app passes the
    typed location on. An app never creates a database: a file that is not there is
    refused with the command that makes it."""
    db = given_location(db_arg)
    if backend_at(db).missing():
        raise KhiuError(
            f"ไม่พบฐานข้อมูลที่ {db} กรุณาสั่ง `khiu --db {db} init` ก่อน",
            f"no database at {db}; run `khiu --db {db} init` first",
        )
    return db


def refuse(program: str, error: KhiuError) -> int:
    """Say why `program` does not start, Thai line first; the exit status to return."""
    print(f"{program}: {error.message_th}", file=sys.stderr)
    print(f"{program}: {error.message_en}", file=sys.stderr)
    return REFUSED
