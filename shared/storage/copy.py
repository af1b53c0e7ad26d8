"""`khiu copy DEST`: a whole site from one database into another, empty one.

SQLite file -> PostgreSQL server (a site grows to several PCs) and back (archives).
Table by table in one snapshot of the source and ONE write transaction on the
destination: services, counters, officers (with their PIN hashes), settings (the
site), daily numbers, every ticket and event with their ids. The queue goes on there
where it stood: numbers continue, waiting tickets keep their place, the next ids come
after the copied ones. A destination that holds any queue data is refused and left
unchanged; the counts are checked before the copy commits.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from shared.domain.errors import DatabaseError
from shared.storage.tables import ID_TABLES, TABLES

PAGE = 5000
# Settings may exist in a freshly initialised database; nothing else may.
MAY_BE_PRESENT = frozenset({"settings"})


class _Tx(Protocol):
    def execute(self, sql: str, params: Any = None) -> list[Any]: ...
    def scalar(self, sql: str, params: Any = None) -> Any: ...


def _rows(tx: _Tx, table: str) -> Iterable[list[dict[str, Any]]]:
    if table not in ID_TABLES:
        yield [dict(r) for r in tx.execute(f"SELECT * FROM {table}")]
        return
    after = -1
    while True:
        page = [
            dict(r)
            for r in tx.execute(
                f"SELECT * FROM {table} WHERE id > :after ORDER BY id LIMIT {PAGE}",
                {"after": after},
            )
        ]
        if not page:
            return
        yield page
        after = page[-1]["id"]
        if len(page) < PAGE:
            return


def _insert(db: Any, tx: _Tx, table: str, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    bulk = getattr(db, "bulk_insert", None)
    if bulk is not None:
        bulk(table, columns, [[r[c] for c in columns] for r in rows])
        return
    conn = getattr(db, "conn", None)
    statement = (
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"VALUES ({', '.join(':' + c for c in columns)})"
    )
    if isinstance(conn, sqlite3.Connection):  # inside the write transaction: one call
        conn.executemany(statement, rows)
        return
    for row in rows:
        tx.execute(statement, row)


def counts(tx: _Tx) -> dict[str, int]:
    return {t: int(tx.scalar(f"SELECT count(*) FROM {t}")) for t in TABLES}


def check_empty(tx: _Tx, where: str) -> None:
    present = {t: n for t, n in counts(tx).items() if n and t not in MAY_BE_PRESENT}
    if present:
        listed = ", ".join(f"{n} {t}" for t, n in present.items())
        raise DatabaseError(
            f"{where} ไม่ว่าง ({listed}) khiu copy คัดลอกได้เฉพาะไปยังฐานข้อมูลว่าง "
            "ไม่มีการเปลี่ยนแปลงข้อมูล",
            f"{where} is not empty ({listed}); khiu copy only fills an empty database. "
            "Nothing was changed.",
        )


def copy_database(source: Any, dest: Any) -> dict[str, int]:
    """Copy every row of `source` into the empty `dest` (both seam Databases)."""
    if hasattr(dest, "pipelined_writes"):
        dest.pipelined_writes = False  # bulk COPY cannot run in a pipeline
    with source.read() as src, dest.write() as dst:
        check_empty(dst, dest.describe())
        dst.execute("DELETE FROM settings")
        for table in TABLES:
            for page in _rows(src, table):
                _insert(dest, dst, table, page)
        after = getattr(dest, "after_copy", None)
        if after is not None:
            after(dst)
        expected, got = counts(src), counts(dst)
        if expected != got:
            raise DatabaseError(
                f"สำเนาใน {dest.describe()} ไม่ตรงกับต้นฉบับ จึงยกเลิกการคัดลอก",
                f"The copy into {dest.describe()} came out different ({got} instead of "
                f"{expected}); it was undone.",
            )
    return {"tickets": got["tickets"], "events": got["events"], "officers": got["officers"]}


def copy_store(store: Any, destination: str | Path) -> dict[str, int]:
    """`khiu copy DEST`: the whole site of `store` into the empty database DEST (a file
    path or a postgresql:// URL). A new file that fails half-way is removed again."""
    from shared.storage import PostgresLocation, parse_location

    where = parse_location(destination)
    if isinstance(where, PostgresLocation):
        from shared.storage.postgres.database import PgDatabase

        dest: Any = PgDatabase.open(where.url, create=True)
        new_file = None
    else:
        from shared.storage.sqlite.database import SqliteDatabase

        if where.path.is_dir():
            raise DatabaseError(
                f"ปลายทาง {where.path} เป็นโฟลเดอร์ ปลายทางของ khiu copy ต้องเป็นชื่อไฟล์ใหม่ "
                f"เช่น {where.path / 'khiu.db'} หรือ URL ของฐานข้อมูลว่าง (postgresql://…) "
                "ไม่ได้คัดลอกข้อมูลใด ๆ",
                f"The destination {where.path} is a folder; DEST of khiu copy must be a file "
                f"path, e.g. {where.path / 'khiu.db'}, or the URL of an empty database "
                "(postgresql://…). Nothing was copied.",
            )
        new_file = None if where.path.exists() else where.path
        dest = SqliteDatabase.open(where.path, create=True)
    if dest.describe() == store.db.describe():
        dest.close()
        raise DatabaseError(
            "ปลายทางคือฐานข้อมูลเดียวกัน ไม่ได้คัดลอก",
            "The destination is the database itself; nothing was copied.",
        )
    try:
        return copy_database(store.db, dest)
    except BaseException:
        dest.close()
        if new_file is not None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{new_file}{suffix}").unlink(missing_ok=True)
        raise
    finally:
        dest.close()


def copy_into_new_file(source: Any, target: Path) -> dict[str, int]:
    """A backup of `source` (a server database) as a new SQLite file, checked before it
    takes the target's name (a half-written copy never sits under the real name)."""
    from shared.storage.sqlite.database import SqliteDatabase

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    dest = SqliteDatabase.open(partial, create=True)
    try:
        counts = copy_database(source, dest)
        ok = dest.direct().scalar("PRAGMA quick_check") == "ok"
    except BaseException:
        dest.close()
        partial.unlink(missing_ok=True)
        raise
    dest.close()
    if not ok:
        partial.unlink(missing_ok=True)
        raise DatabaseError("สำเนาสำรองไม่ผ่านการตรวจสอบ", "The backup copy failed its check")
    partial.replace(target)
    return counts
