"""A backend is one folder: what knows SQLite lives in shared/storage/sqlite/, what knows
PostgreSQL in shared/storage/postgres/. Outside them only the registry
(shared/storage/__init__.py: the location kinds and the one table from a kind to its
backend) names a backend; nothing imports a driver or a backend's modules, and the
storage layer never probes an adapter or a cursor with getattr/hasattr."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("shared", "kiosk", "counter", "display")
BACKEND_FOLDERS = ("shared/storage/sqlite/", "shared/storage/postgres/")
REGISTRY = "shared/storage/__init__.py"
DRIVERS = ("sqlite3", "psycopg", "psycopg_pool", "psycopg2")
BACKEND_MODULES = ("shared.storage.sqlite", "shared.storage.postgres")
BACKEND_NAMES = frozenset({
    "SqliteLocation", "PostgresLocation", "SqliteStore", "PgStore",
    "SqliteDatabase", "PgDatabase", "SqliteBackend", "PostgresBackend",
})
PROBES = frozenset({"getattr", "hasattr"})


def _within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def backend_knowledge(source: str) -> Iterator[tuple[int, str]]:
    """(line, what) for each import of a driver or a backend's modules and each use of a
    backend's class names in `source`."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _within(alias.name, DRIVERS + BACKEND_MODULES):
                    yield node.lineno, f"import {alias.name}"
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if _within(node.module, DRIVERS + BACKEND_MODULES):
                yield node.lineno, f"from {node.module} import"
            for alias in node.names:
                if alias.name in BACKEND_NAMES:
                    yield node.lineno, f"imports {alias.name}"
        elif isinstance(node, ast.Name) and node.id in BACKEND_NAMES:
            yield node.lineno, node.id
        elif isinstance(node, ast.Attribute) and node.attr in BACKEND_NAMES:
            yield node.lineno, node.attr


def probes(source: str) -> Iterator[tuple[int, str]]:
    """(line, name) for each getattr/hasattr call in `source`."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and (
            node.func.id in PROBES
        ):
            yield node.lineno, node.func.id


def _product_files() -> Iterator[tuple[str, str]]:
    """(path relative to the root with / separators, source) of every product module
    outside the two backend folders."""
    for top in PRODUCT:
        for path in sorted((ROOT / top).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if not name.startswith(BACKEND_FOLDERS):
                yield name, path.read_text(encoding="utf-8")


def test_only_the_backend_folders_and_the_registry_know_a_backend() -> None:
    found = {
        f"{name}:{line}": what
        for name, source in _product_files()
        if name != REGISTRY
        for line, what in backend_knowledge(source)
    }
    assert found == {}


def test_the_storage_layer_never_probes_an_adapter_or_a_cursor() -> None:
    found = {
        f"{name}:{line}": what
        for name, source in _product_files()
        if name.startswith("shared/storage/")
        for line, what in probes(source)
    }
    assert found == {}


def test_the_checks_see_what_they_look_for() -> None:
    source = (
        "import sqlite3\n"
        "from psycopg import sql\n"
        "from shared.storage import SqliteLocation\n"
        "def f(x):\n"
        "    from shared.storage.postgres.database import PgDatabase\n"
        "    if isinstance(x, shared.storage.PostgresLocation): return getattr(x, 'conn')\n"
        "    return hasattr(x, 'take_reset')\n"
    )
    assert sorted(backend_knowledge(source)) == [
        (1, "import sqlite3"),
        (2, "from psycopg import"),
        (3, "imports SqliteLocation"),
        (5, "from shared.storage.postgres.database import"),
        (5, "imports PgDatabase"),
        (6, "PostgresLocation"),
    ]
    assert sorted(probes(source)) == [(6, "getattr"), (7, "hasattr")]
    assert list(backend_knowledge("from shared.storage import open_store\n")) == []
