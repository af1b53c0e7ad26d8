"""The SQLite schema: the shared description (`schema_spec.py`) rendered as
forward-only migrations, one per `PRAGMA user_version` step."""

from __future__ import annotations

from shared.storage.schema_spec import SCHEMA_VERSION, Column, Guard, Kind, Table
from shared.storage.schema_sql import migrations

# An application id marks the file as Khiu's, so a foreign SQLite file is refused.
APPLICATION_ID = 0x4B484955  # "KHIU"


class SqliteDialect:
    """SQLite's spelling of the shared schema."""

    def column_type(self, table: Table, column: Column) -> str:
        if column.kind is Kind.ID:
            # AUTOINCREMENT: an id is never reused, even after the newest row went.
            return "INTEGER PRIMARY KEY" + (" AUTOINCREMENT" if table.ids_never_reused else "")
        return "TEXT" if column.kind is Kind.TEXT else "INTEGER"

    def table_options(self, table: Table) -> str:
        # A table keyed by several columns is only ever read by that key: stored in
        # key order, it needs no hidden rowid beside it.
        return " WITHOUT ROWID" if len(table.primary_key) > 1 else ""

    def guard(self, table: Table, guard: Guard) -> list[str]:
        refuse = f"BEGIN SELECT RAISE(ABORT, '{table.name} are append-only'); END"
        if guard is Guard.NO_CHANGE:
            return [
                f"CREATE TRIGGER {table.name}_no_update BEFORE UPDATE ON {table.name}\n{refuse}",
                f"CREATE TRIGGER {table.name}_no_delete BEFORE DELETE ON {table.name}\n{refuse}",
            ]
        # INSERT OR REPLACE with an existing id deletes the old row without firing the
        # delete trigger (REPLACE does not, unless recursive triggers are on).
        return [
            f"CREATE TRIGGER {table.name}_no_replace BEFORE INSERT ON {table.name}\n"
            f"WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM {table.name} "
            f"WHERE id = NEW.id)\n{refuse}"
        ]

    def feed(self, table: Table) -> list[str]:
        # Readers poll `PRAGMA data_version` and read the rows after their last id.
        return []

    def random_hex(self) -> str:
        return "lower(hex(randomblob(16)))"


MIGRATIONS: tuple[str, ...] = migrations(SqliteDialect())
__all__ = ["APPLICATION_ID", "MIGRATIONS", "SCHEMA_VERSION"]
