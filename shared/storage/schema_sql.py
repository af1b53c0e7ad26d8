"""The shared schema description (`schema_spec.py`) as migration scripts: the portable
SQL (columns, checks, keys, indexes, data steps) and the walk over each step's objects.

What differs between engines (column types, table options, the log's guards, the change
feed, random digits) comes from the `Dialect` each backend's schema module supplies.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from shared.storage.schema_spec import (
    SCHEMA,
    STEPS,
    Backfill,
    Column,
    Guard,
    Index,
    RandomSetting,
    Table,
    Where,
)


class Dialect(Protocol):
    """How one engine spells what the description leaves open."""

    def column_type(self, table: Table, column: Column) -> str:
        """The type (with the key clause for an `ID` column)."""
        ...

    def table_options(self, table: Table) -> str:
        """Text after the closing parenthesis of CREATE TABLE ('' for none)."""
        ...

    def guard(self, table: Table, guard: Guard) -> list[str]:
        """The statements that make `table` refuse what `guard` names."""
        ...

    def feed(self, table: Table) -> list[str]:
        """The statements that wake the change feed's listeners on new rows."""
        ...

    def random_hex(self) -> str:
        """An expression giving 32 random lowercase hexadecimal digits."""
        ...


def literal(value: str | int) -> str:
    if isinstance(value, int):
        return str(value)
    return "'" + value.replace("'", "''") + "'"


def column_sql(table: Table, column: Column, dialect: Dialect) -> str:
    parts = [column.name, dialect.column_type(table, column)]
    if table.primary_key == (column.name,):
        parts.append("PRIMARY KEY")
    if column.not_null:
        parts.append("NOT NULL")
    if column.default is not None:
        parts.append(f"DEFAULT {literal(column.default)}")
    if column.unique:
        parts.append("UNIQUE")
    if column.one_of:
        parts.append(f"CHECK ({column.name} IN ({', '.join(map(literal, column.one_of))}))")
    if column.at_least is not None:
        parts.append(f"CHECK ({column.name} >= {column.at_least})")
    if column.references is not None:
        parts.append(f"REFERENCES {column.references}(id)")
    return " ".join(parts)


def predicate(where: Where) -> str:
    values = ", ".join(map(literal, where.values))
    if len(where.values) == 1:
        return f"{where.column} {'<>' if where.negated else '='} {values}"
    return f"{where.column} {'NOT IN' if where.negated else 'IN'} ({values})"


def create_index(table: Table, index: Index) -> str:
    columns = ", ".join(
        f"{name} DESC" if name in index.descending else name for name in index.columns
    )
    where = f" WHERE {predicate(index.where)}" if index.where is not None else ""
    unique = "UNIQUE " if index.unique else ""
    return f"CREATE {unique}INDEX {index.name}\n    ON {table.name} ({columns}){where}"


def create_table(table: Table, dialect: Dialect) -> str:
    lines = [
        column_sql(table, c, dialect) for c in table.columns if table.step_of(c) == table.since
    ]
    if len(table.primary_key) > 1:
        lines.append(f"PRIMARY KEY ({', '.join(table.primary_key)})")
    lines += [f"UNIQUE ({', '.join(names)})" for names in table.unique_together]
    body = ",\n    ".join(lines)
    return f"CREATE TABLE {table.name} (\n    {body}\n){dialect.table_options(table)}"


def data_sql(action: RandomSetting | Backfill, dialect: Dialect) -> str:
    if isinstance(action, RandomSetting):
        return (
            f"INSERT INTO settings (key, value) VALUES ({literal(action.key)}, "
            f"{dialect.random_hex()})\nON CONFLICT (key) DO NOTHING"
        )
    when_column, when_value = action.when
    return (
        f"UPDATE {action.table} SET {action.column} = {literal(action.value)} "
        f"WHERE {when_column} = {literal(when_value)}"
    )


def _table_step(table: Table, number: int, dialect: Dialect) -> Iterator[str]:
    """What step `number` adds to `table`: the table itself or its new columns, then
    its new indexes, guards and feed."""
    if table.since == number:
        yield create_table(table, dialect)
    elif table.since < number:
        for column in table.columns:
            if table.step_of(column) == number:
                yield f"ALTER TABLE {table.name} ADD COLUMN {column_sql(table, column, dialect)}"
    for index in table.indexes:
        if table.step_of(index) == number:
            yield create_index(table, index)
    for guard in table.guards:
        if table.step_of(guard) == number:
            yield from dialect.guard(table, guard.guard)
    if table.feed and table.since == number:
        yield from dialect.feed(table)


def step_statements(number: int, dialect: Dialect) -> list[str]:
    """Every statement of step `number` (1-based), in the order they run."""
    statements = [s for table in SCHEMA for s in _table_step(table, number, dialect)]
    return statements + [data_sql(action, dialect) for action in STEPS[number - 1].data]


def migrations(dialect: Dialect) -> tuple[str, ...]:
    """One script per step (an empty one where this engine needs nothing)."""
    return tuple(
        "".join(f"{statement};\n" for statement in step_statements(step.number, dialect))
        for step in STEPS
    )
