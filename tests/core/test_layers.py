"""The layers hold: database drivers and SQL live only in shared/storage; the core
imports no Qt; no product file grows past 500 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("shared", "kiosk", "counter", "display")
STORAGE = ROOT / "shared" / "storage"
DRIVERS = {"sqlite3", "psycopg", "psycopg_pool", "psycopg2"}
# Pure core: no Qt (a test or a server process can use it without a GUI).
NO_QT = (
    "shared/domain", "shared/storage", "shared/card", "shared/site.py", "shared/clock.py"
)


def _files() -> list[Path]:
    return sorted(p for top in PRODUCT for p in (ROOT / top).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _outside_storage() -> list[Path]:
    return [p for p in _files() if STORAGE not in p.parents]


def test_the_files_are_found() -> None:
    assert len(_files()) > 50 and len(_outside_storage()) < len(_files())


def test_no_database_driver_outside_storage() -> None:
    offenders = {
        str(p.relative_to(ROOT)): sorted(_imports(p) & DRIVERS)
        for p in _outside_storage()
        if _imports(p) & DRIVERS
    }
    assert offenders == {}


@pytest.mark.parametrize("needle", ["PRAGMA", ".execute(", "executemany(", "executescript("])
def test_no_sql_outside_storage(needle: str) -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in _outside_storage()
        if needle in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_core_imports_no_qt() -> None:
    core = [p for p in _files() if any(str(p.relative_to(ROOT)).startswith(n) for n in NO_QT)]
    assert core
    offenders = [str(p.relative_to(ROOT)) for p in core if "PySide6" in _imports(p)]
    assert offenders == []


def test_no_product_file_over_500_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in _files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert long == {}
