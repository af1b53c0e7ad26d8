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

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from shared.domain.errors import DatabaseError
from shared.storage.backend import CopyTarget
from shared.storage.database import Database, Tx
from shared.storage.tables import ID_TABLES, TABLES

PAGE = 5000
# Settings may exist in a freshly initialised database; nothing else may.
MAY_BE_PRESENT = frozenset({"settings"})


def _rows(tx: Tx, table: str) -> Iterable[list[dict[str, Any]]]:
    """The table's rows as dicts (column name -> value), by pages of ids."""
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


def counts(tx: Tx) -> dict[str, int]:
    return {t: int(tx.scalar(f"SELECT count(*) FROM {t}")) for t in TABLES}


def check_empty(tx: Tx, where: str) -> None:
    present = {t: n for t, n in counts(tx).items() if n and t not in MAY_BE_PRESENT}
    if present:
        listed = ", ".join(f"{n} {t}" for t, n in present.items())
        raise DatabaseError(
            f"{where} ไม่ว่าง ({listed}) khiu copy คัดลอกได้เฉพาะไปยังฐานข้อมูลว่าง "
            "ไม่มีการเปลี่ยนแปลงข้อมูล",
            f"{where} is not empty ({listed}); khiu copy only fills an empty database. "
            "Nothing was changed.",
        )


def copy_database(source: Database, dest: CopyTarget) -> dict[str, int]:
    """Copy every row of `source` into the empty `dest`."""
    with source.read() as src, dest.copy_write() as dst:
        check_empty(dst, dest.describe())
        dst.execute("DELETE FROM settings")
        for table in TABLES:
            for page in _rows(src, table):
                if page:
                    dest.insert_rows(table, page)
        dest.after_copy(dst)
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
    path or a postgresql:// URL; `store` is a QueueStore). A new file that fails half-way
    is removed again."""
    from shared.storage import backend_at

    with backend_at(destination).copy_target() as dest:
        if dest.describe() == store.db.describe():
            raise DatabaseError(
                "ปลายทางคือฐานข้อมูลเดียวกัน ไม่ได้คัดลอก",
                "The destination is the database itself; nothing was copied.",
            )
        return copy_database(store.db, dest)
