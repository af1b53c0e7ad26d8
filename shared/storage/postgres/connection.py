"""Connecting to a Khiu database on a PostgreSQL server: the URL, clear errors, the schema.

Every failure becomes a DatabaseError with one English and one Thai sentence that
says what is wrong and what to do (server down, wrong password, no such database,
a mistyped URL, a database of another program, a newer schema); the password is
never shown. A database that is not Khiu's is never written to.
"""

from __future__ import annotations

import re

import psycopg
from psycopg import sql

from shared.domain.errors import DatabaseError
from shared.storage import khiu_command
from shared.storage.database import ConnectionLost
from shared.storage.postgres.schema import (
    APPLICATION,
    BOOTSTRAP,
    MIGRATIONS,
    SCHEMA_TABLE,
    SCHEMA_VERSION,
    shared_step,
)
from shared.storage.postgres.url import PgUrl

# Site-wide advisory lock key taken by every write transaction (and by migrations).
# Advisory locks are per database, so one constant key per site database is enough.
SITE_LOCK_KEY = 0x4B484955  # "KHIU"


def translate_connect_error(url: PgUrl, exc: psycopg.Error) -> DatabaseError:
    """One clear sentence per cause of a failed connection."""
    text = str(exc)
    low = text.lower()
    where = f"{url.host}:{url.port}"
    if "password authentication failed" in low or "no password supplied" in low or (
        getattr(exc, "sqlstate", None) == "28P01"
    ):
        return DatabaseError(
            f"เซิร์ฟเวอร์ฐานข้อมูล {where} ไม่ยอมรับผู้ใช้ {url.user!r}: รหัสผ่านไม่ถูกต้อง "
            "(ตรวจรหัสผ่านใน URL ของฐานข้อมูล)",
            f"The database server at {where} refused user {url.user!r}: wrong password "
            "(check the password in the database URL).",
        )
    if 'database "' in low and "does not exist" in low:
        init = khiu_command(url.shown, "init")
        return DatabaseError(
            f"ไม่มีฐานข้อมูล {url.dbname!r} บนเซิร์ฟเวอร์ {where} กรุณาสร้างฐานข้อมูล "
            f"(createdb {url.dbname}) แล้วสั่ง '{init}'",
            f"There is no database {url.dbname!r} on the server at {where}; create it "
            f"(createdb {url.dbname}) and run '{init}'.",
        )
    if "role \"" in low and "does not exist" in low:
        return DatabaseError(
            f"เซิร์ฟเวอร์ฐานข้อมูล {where} ไม่มีผู้ใช้ {url.user!r} ตรวจชื่อผู้ใช้ใน URL",
            f"The database server at {where} has no user {url.user!r}; check the user "
            "name in the database URL.",
        )
    if "no pg_hba.conf entry" in low or "permission denied" in low:
        return DatabaseError(
            f"เซิร์ฟเวอร์ฐานข้อมูล {where} ไม่อนุญาตให้ผู้ใช้ {url.user!r} เข้าจากเครื่องนี้ "
            "(ตรวจ pg_hba.conf หรือสิทธิ์ CONNECT)",
            f"The database server at {where} does not let user {url.user!r} in from this "
            "PC (pg_hba.conf or the database's CONNECT right).",
        )
    if "server does not support ssl" in low:
        return DatabaseError(
            f"เซิร์ฟเวอร์ฐานข้อมูล {where} ไม่เปิดการเชื่อมต่อแบบเข้ารหัส (SSL) แต่ URL กำหนดให้ต้องใช้ "
            "(sslmode) กรุณาเปิด SSL ที่เซิร์ฟเวอร์ (ssl = on พร้อมใบรับรอง) หรือถ้าอยู่ในเครือข่ายภายใน"
            "ที่เชื่อถือได้ ให้ลบ sslmode ออกจาก URL (ไม่มีการเปลี่ยนแปลงข้อมูล)",
            f"The database server at {where} is running but does not offer encrypted (SSL) "
            "connections, and the URL requires them (sslmode). Turn SSL on at the server "
            "(ssl = on, with a certificate), or, on a trusted local network, remove sslmode "
            "from the URL. Nothing was changed.",
        )
    option = re.search(r'invalid connection option "([^"]*)"', text) or re.search(
        r'invalid (\w+) value: "([^"]*)"', text
    )
    if option is not None:
        name = option.group(1)
        return DatabaseError(
            f"ตัวเลือก {name!r} ใน URL ของฐานข้อมูล (หลัง '?') ไม่ถูกต้องสำหรับ PostgreSQL "
            "กรุณาแก้หรือลบออก (ไม่มีการเปลี่ยนแปลงข้อมูล)",
            f"The option {name!r} in the database URL (after '?') is not valid for "
            "PostgreSQL: correct it or remove it. Nothing was changed.",
        )
    if "could not translate host name" in low or "name or service not known" in low:
        return DatabaseError(
            f"ไม่รู้จักชื่อเซิร์ฟเวอร์ฐานข้อมูล {url.host!r} ในเครือข่ายนี้ "
            "ตรวจชื่อเซิร์ฟเวอร์ใน URL",
            f"The database server name {url.host!r} is unknown on this network; check "
            "the server name in the database URL.",
        )
    return DatabaseError(
        f"ติดต่อเซิร์ฟเวอร์ฐานข้อมูล {where} ไม่ได้ กรุณาตรวจว่าเซิร์ฟเวอร์เปิดอยู่และ"
        "เครื่องนี้เชื่อมต่อเครือข่ายได้ (ไม่มีการเปลี่ยนแปลงข้อมูล)",
        f"Cannot reach the database server at {where}: is it running and reachable from "
        "this PC? (the queue keeps its data there; nothing was changed)",
    )


def lost_connection(url: PgUrl, exc: BaseException | None = None) -> ConnectionLost:
    """The connection broke during an operation (server restarted, network dropped)."""
    detail = f" ({str(exc).strip().splitlines()[0]})" if exc is not None and str(exc) else ""
    return ConnectionLost(
        f"การเชื่อมต่อกับเซิร์ฟเวอร์ฐานข้อมูล {url.host}:{url.port} ขาดหาย",
        f"Lost the connection to the database server at {url.host}:{url.port}{detail}.",
        detail.strip(" ()"),
    )


def open_connection(url: PgUrl, *, autocommit: bool = True) -> psycopg.Connection:
    """A raw connection (autocommit: transactions are begun explicitly)."""
    try:
        conn = psycopg.connect(**url.conninfo(), autocommit=autocommit)  # type: ignore[arg-type]
    except psycopg.Error as exc:
        raise translate_connect_error(url, exc) from None
    return conn


# ---------------------------------------------------------------- identity
def _user_tables(conn: psycopg.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
    ).fetchall()
    return [r[0] for r in rows]


def _foreign(url: PgUrl) -> DatabaseError:
    return DatabaseError(
        f"ฐานข้อมูล {url.dbname!r} บน {url.host}:{url.port} เป็นของโปรแกรมอื่น ไม่ใช่ของระบบคิว "
        "ไม่ได้แก้ไขฐานข้อมูลนี้ (ใช้ฐานข้อมูลว่างสำหรับระบบคิว)",
        f"The database {url.dbname!r} on {url.host}:{url.port} belongs to another program, "
        "not Khiu; it was left untouched (use an empty database for Khiu).",
    )


def schema_state(conn: psycopg.Connection, url: PgUrl) -> int:
    """The Khiu schema version of the database: 0 for an empty database; raises for
    another program's database or a newer Khiu's."""
    tables = _user_tables(conn)
    if SCHEMA_TABLE not in tables:
        if tables:
            raise _foreign(url)
        return 0
    row = conn.execute(
        sql.SQL("SELECT application, version FROM {}").format(sql.Identifier(SCHEMA_TABLE))
    ).fetchone()
    if row is None or row[0] != APPLICATION:
        raise _foreign(url)
    version = shared_step(int(row[1]))
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"ฐานข้อมูล {url.dbname!r} มาจากระบบคิวรุ่นใหม่กว่า (รุ่น {version}) "
            "กรุณาอัปเดตโปรแกรม ไม่ได้แก้ไขฐานข้อมูลนี้",
            f"The database {url.dbname!r} was made by a newer Khiu (schema {version}; this "
            f"version knows up to {SCHEMA_VERSION}). Update Khiu; the database was left "
            "untouched.",
        )
    return version


def migrate(conn: psycopg.Connection, url: PgUrl) -> None:
    """Create the schema in an empty database or bring it up to date, every missing step
    in one transaction under the site lock: two `khiu init` at once cannot collide, and
    the stored version is only ever a release's last step (which keeps the old
    PostgreSQL-only numbers, see `schema.LEGACY_STEPS`, apart from the shared ones)."""
    encoding = conn.execute("SHOW server_encoding").fetchone()
    if encoding is not None and encoding[0].upper() not in ("UTF8", "UTF-8"):
        raise DatabaseError(
            f"ฐานข้อมูล {url.dbname!r} ใช้รหัสอักขระ {encoding[0]} ระบบคิวต้องใช้ UTF8",
            f"The database {url.dbname!r} uses the {encoding[0]} encoding; Khiu needs UTF8 "
            f"(CREATE DATABASE {url.dbname} ENCODING 'UTF8' TEMPLATE template0).",
        )
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (SITE_LOCK_KEY,))
        version = schema_state(conn, url)
        if version == 0:
            conn.execute(BOOTSTRAP)
            conn.execute(
                sql.SQL("INSERT INTO {} (application, version) VALUES (%s, 0)").format(
                    sql.Identifier(SCHEMA_TABLE)
                ),
                (APPLICATION,),
            )
        for script in MIGRATIONS[version:SCHEMA_VERSION]:
            if script:  # a step this engine needs nothing for
                conn.execute(script)
        # Also where only the number was old (PostgreSQL's own 5 is the shared 8).
        conn.execute(
            sql.SQL("UPDATE {} SET version = %s WHERE version <> %s").format(
                sql.Identifier(SCHEMA_TABLE)
            ),
            (SCHEMA_VERSION, SCHEMA_VERSION),
        )


def connect(url: PgUrl, *, create: bool = False, autocommit: bool = True) -> psycopg.Connection:
    """Open the Khiu database at `url`; with `create`, make or upgrade its schema."""
    conn = open_connection(url, autocommit=True)
    try:
        if create:
            migrate(conn, url)
        else:
            version = schema_state(conn, url)
            init = khiu_command(url.shown, "init")
            if version == 0:
                raise DatabaseError(
                    f"ฐานข้อมูล {url.dbname!r} บน {url.host}:{url.port} ยังว่างอยู่ "
                    f"กรุณาสั่ง '{init}' (หรือ '{init} --site FILE') ก่อน",
                    f"The database {url.dbname!r} on {url.host}:{url.port} is empty; run "
                    f"'{init}' (or '{init} --site FILE') first.",
                )
            if version < SCHEMA_VERSION:
                raise DatabaseError(
                    f"ฐานข้อมูล {url.dbname!r} เป็นรุ่นเก่า กรุณาสั่ง '{init}' เพื่อปรับรุ่น",
                    f"The database {url.dbname!r} uses an older schema; run '{init}' to "
                    "upgrade it.",
                )
    except psycopg.Error as exc:
        conn.close()
        if isinstance(exc, psycopg.errors.InsufficientPrivilege):
            raise DatabaseError(
                f"ผู้ใช้ {url.user!r} ไม่มีสิทธิ์สร้างตารางในฐานข้อมูล {url.dbname!r} "
                "กรุณาสั่ง init ด้วยผู้ใช้ที่เป็นเจ้าของฐานข้อมูล",
                f"User {url.user!r} may not create Khiu's tables in {url.dbname!r} "
                f"({exc.diag.message_primary}); run init as the database's owner.",
            ) from None
        if isinstance(exc, psycopg.OperationalError):
            raise lost_connection(url, exc) from None
        raise DatabaseError(
            f"ใช้ฐานข้อมูล {url.dbname!r} ไม่ได้: {exc}",
            f"The database {url.dbname!r} could not be used: {exc}",
        ) from None
    except BaseException:
        conn.close()
        raise
    if not autocommit:
        conn.autocommit = False
    return conn
