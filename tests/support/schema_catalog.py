"""A database's schema as its engine reports it (SQLite's sqlite_schema and PRAGMAs,
PostgreSQL's catalogs), in one comparable shape, and the same shape drawn from the
shared description. Types stay as the engine names them; `portable()` maps them onto
the shared vocabulary so two engines can be compared."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field, replace
from typing import Any

import psycopg

from shared.storage.schema_spec import SCHEMA, Guard, Kind
from shared.storage.schema_sql import literal, predicate


@dataclass(frozen=True)
class ColumnFact:
    name: str
    type: str
    not_null: bool
    default: str | None


@dataclass(frozen=True)
class IndexFact:
    table: str
    columns: tuple[str, ...]  # "name" or "name DESC"
    unique: bool
    where: str | None


@dataclass
class Catalog:
    columns: dict[str, tuple[ColumnFact, ...]] = field(default_factory=dict)
    primary_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    uniques: dict[str, frozenset[tuple[str, ...]]] = field(default_factory=dict)
    foreign_keys: dict[str, frozenset[tuple[str, str]]] = field(default_factory=dict)
    indexes: dict[str, IndexFact] = field(default_factory=dict)
    guards: dict[str, frozenset[Guard]] = field(default_factory=dict)
    feeds: frozenset[str] = frozenset()


PORTABLE_TYPES = {
    "text": "text",
    'text collate "C"': "text",
    "integer": "integer",
    "bigint": "integer",
}
SQLITE_TYPES = {Kind.TEXT: "text", Kind.INTEGER: "integer", Kind.REF: "integer", Kind.ID: "integer"}
PG_TYPES = {
    Kind.TEXT: 'text collate "C"',
    Kind.INTEGER: "integer",
    Kind.REF: "bigint",
    Kind.ID: "bigint",
}


def portable(catalog: Catalog) -> Catalog:
    """The same catalog with engine types mapped to the shared vocabulary."""
    columns = {
        table: tuple(replace(c, type=PORTABLE_TYPES[c.type]) for c in facts)
        for table, facts in catalog.columns.items()
    }
    return replace(catalog, columns=columns)


def _where(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(";")


# ------------------------------------------------------------------ SQLite
def sqlite_catalog(conn: sqlite3.Connection) -> Catalog:
    catalog = Catalog()
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    for table in tables:
        info = conn.execute(f"PRAGMA table_info({table})").fetchall()
        catalog.primary_keys[table] = tuple(r[1] for r in sorted(info, key=lambda r: r[5]) if r[5])
        catalog.columns[table] = tuple(
            ColumnFact(r[1], r[2].lower(), bool(r[3]) or bool(r[5]), r[4]) for r in info
        )
        uniques: set[tuple[str, ...]] = set()
        for _, name, unique, origin, _partial in conn.execute(f"PRAGMA index_list({table})"):
            keyed = [r for r in conn.execute(f"PRAGMA index_xinfo({name})") if r[5]]
            if origin == "u":
                uniques.add(tuple(r[2] for r in keyed))
            elif origin == "c":
                sql = conn.execute(
                    "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?", (name,)
                ).fetchone()[0]
                where = _where(sql.split(" WHERE ", 1)[1]) if " WHERE " in sql else None
                columns = tuple(f"{r[2]} DESC" if r[3] else r[2] for r in keyed)
                catalog.indexes[name] = IndexFact(table, columns, bool(unique), where)
        catalog.uniques[table] = frozenset(uniques)
        catalog.foreign_keys[table] = frozenset(
            (r[3], r[2]) for r in conn.execute(f"PRAGMA foreign_key_list({table})")
        )
    catalog.guards = _sqlite_guards(conn)
    return catalog


def _sqlite_guards(conn: sqlite3.Connection) -> dict[str, frozenset[Guard]]:
    refused: dict[str, set[str]] = {}
    for table, sql in conn.execute(
        "SELECT tbl_name, sql FROM sqlite_schema WHERE type = 'trigger'"
    ):
        match = re.search(r"BEFORE (INSERT|UPDATE|DELETE) ON", sql)
        if match and "RAISE(ABORT" in sql:
            refused.setdefault(table, set()).add(match.group(1))
    guards: dict[str, frozenset[Guard]] = {}
    for table, operations in refused.items():
        found = {Guard.NO_CHANGE} if {"UPDATE", "DELETE"} <= operations else set()
        guards[table] = frozenset(
            found | ({Guard.NO_OVERWRITE} if "INSERT" in operations else set())
        )
    return guards


# ------------------------------------------------------------------ PostgreSQL
_PG_KEYS = """
SELECT c.conrelid::regclass::text, c.contype,
       array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o),
       c.confrelid::regclass::text
FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace
WHERE s.nspname = current_schema() AND c.contype IN ('p', 'u', 'f')
"""
_PG_INDEXES = """
SELECT x.relname, i.indrelid::regclass::text, i.indisunique,
       array(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k),
       array(SELECT (i.indoption[k - 1] & 1) = 1 FROM generate_series(1, i.indnkeyatts) k),
       pg_get_expr(i.indpred, i.indrelid)
FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
JOIN pg_namespace s ON s.oid = x.relnamespace
WHERE s.nspname = current_schema()
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
"""
_PG_TRIGGERS = """
SELECT t.tgrelid::regclass::text, t.tgtype, p.prosrc
FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace s ON s.oid = r.relnamespace
WHERE s.nspname = current_schema() AND NOT t.tgisinternal
"""
_INSERT, _DELETE, _UPDATE, _TRUNCATE = 4, 8, 16, 32


def _pg_where(expr: str | None) -> str | None:
    """pg_get_expr's spelling back to the portable one."""
    if expr is None:
        return None
    text = expr.replace("::text", "")
    text = re.sub(r"= ANY \(ARRAY\[(.*?)\]\)", r"IN (\1)", text)
    text = re.sub(r"<> ALL \(ARRAY\[(.*?)\]\)", r"NOT IN (\1)", text)
    return _where(text[1:-1] if text.startswith("(") and text.endswith(")") else text)


def pg_catalog(conn: psycopg.Connection[Any]) -> Catalog:
    catalog = Catalog()
    rows = conn.execute(
        "SELECT table_name, column_name, data_type, is_nullable, column_default, collation_name "
        "FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name <> 'khiu_schema' ORDER BY table_name, ordinal_position"
    ).fetchall()
    columns: dict[str, list[ColumnFact]] = {}
    for table, name, data_type, nullable, default, collation in rows:
        kind = f'{data_type} collate "{collation}"' if collation else data_type
        default = default.replace("::text", "") if default is not None else None
        columns.setdefault(table, []).append(ColumnFact(name, kind, nullable == "NO", default))
    catalog.columns = {table: tuple(facts) for table, facts in columns.items()}
    uniques: dict[str, set[tuple[str, ...]]] = {t: set() for t in catalog.columns}
    keys: dict[str, set[tuple[str, str]]] = {t: set() for t in catalog.columns}
    for table, kind, names, parent in conn.execute(_PG_KEYS):
        if table == "khiu_schema":
            continue
        if kind == "p":
            catalog.primary_keys[table] = tuple(names)
        elif kind == "u":
            uniques[table].add(tuple(names))
        else:
            keys[table].add((names[0], parent))
    catalog.uniques = {t: frozenset(u) for t, u in uniques.items()}
    catalog.foreign_keys = {t: frozenset(k) for t, k in keys.items()}
    for name, table, unique, names, descending, expr in conn.execute(_PG_INDEXES):
        columns_ = tuple(f"{n} DESC" if d else n for n, d in zip(names, descending, strict=True))
        catalog.indexes[name] = IndexFact(table, columns_, unique, _pg_where(expr))
    refused: dict[str, int] = {}
    feeds: set[str] = set()
    for table, tgtype, source in conn.execute(_PG_TRIGGERS):
        if "pg_notify" in source and tgtype & _INSERT:
            feeds.add(table)
        elif "RAISE EXCEPTION" in source:
            refused[table] = refused.get(table, 0) | tgtype
    catalog.feeds = frozenset(feeds)
    catalog.guards = {
        table: frozenset({Guard.NO_CHANGE})
        for table, bits in refused.items()
        if bits & _UPDATE and bits & _DELETE and bits & _TRUNCATE
    }
    return catalog


# ------------------------------------------------------------------ the description
def spec_catalog(types: dict[Kind, str]) -> Catalog:
    """What the shared description says an engine's catalog holds (`types`: the
    engine's names for the shared kinds)."""
    catalog = Catalog()
    for table in SCHEMA:
        key = tuple(c.name for c in table.columns if c.kind is Kind.ID) or table.primary_key
        catalog.primary_keys[table.name] = key
        catalog.columns[table.name] = tuple(
            ColumnFact(
                c.name,
                types[c.kind],
                c.not_null or c.name in key,
                literal(c.default) if c.default is not None else None,
            )
            for c in table.columns
        )
        catalog.uniques[table.name] = frozenset(
            {(c.name,) for c in table.columns if c.unique} | set(table.unique_together)
        )
        catalog.foreign_keys[table.name] = frozenset(
            (c.name, c.references) for c in table.columns if c.references is not None
        )
        for index in table.indexes:
            columns = tuple(f"{n} DESC" if n in index.descending else n for n in index.columns)
            where = predicate(index.where) if index.where is not None else None
            catalog.indexes[index.name] = IndexFact(table.name, columns, index.unique, where)
        if table.guards:
            catalog.guards[table.name] = frozenset(g.guard for g in table.guards)
    catalog.feeds = frozenset(t.name for t in SCHEMA if t.feed)
    return catalog


def differences(left: Catalog, right: Catalog) -> list[str]:
    """Every part where two catalogs disagree, named (empty when they agree)."""
    found = []
    for part in ("columns", "primary_keys", "uniques", "foreign_keys", "indexes", "guards"):
        a, b = getattr(left, part), getattr(right, part)
        for name in sorted(set(a) | set(b)):
            if a.get(name) != b.get(name):
                found.append(f"{part} {name}: {a.get(name)} != {b.get(name)}")
    if left.feeds != right.feeds:
        found.append(f"feeds: {sorted(left.feeds)} != {sorted(right.feeds)}")
    return found
