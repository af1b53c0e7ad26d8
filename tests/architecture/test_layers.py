"""The layers hold: every package imports only the packages below it (the order the
README's "Layers" section draws), no two packages import each other, the core never
imports an app; database drivers and SQL live only in shared/storage; the core imports no
Qt; no product file grows past 500 lines, no product function past 80."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("shared", "kiosk", "counter", "display")
STORAGE = ROOT / "shared" / "storage"
DRIVERS = {"sqlite3", "psycopg", "psycopg_pool", "psycopg2"}
# Pure core: no Qt (a test or a server process can use it without a GUI).
NO_QT = (
    "shared/domain", "shared/storage", "shared/card", "shared/site.py", "shared/printer_spec.py",
    "shared/clock.py",
)


# The import order, lowest tier first. A package may import the packages of lower tiers,
# never one of its own tier or above. Each package is named by the modules it holds
# (a module belongs to the longest name that prefixes it).
TIERS: tuple[tuple[str, ...], ...] = (
    # No Qt, no database: what everything else speaks.
    ("shared", "shared.domain", "shared.clock", "shared.paths"),
    # Thai and English texts: Bilingual, Buddhist-era dates, Thai numbers, opening hours.
    ("shared.i18n",),
    # The typed site file (with its checks and the printer SPEC it validates).
    ("shared.site",),
    # Figures and their PDF/XLSX/CSV writers; they define the aggregate rows they need
    # (shared/reports/rows.py) and storage fills them. The PDF renders with Qt directly
    # (QPdfWriter), not through shared/qt.
    ("shared.reports",),
    ("shared.storage",),
    # Above storage, independent of each other: speech knows no database; the demo
    # traffic simulator drives a Store; the ID card reader knows only the card.
    ("shared.speech", "shared.simulate", "shared.card"),
    # Qt adapters (workers on a Store, change feed, announcer, fonts); the web server
    # runs without Qt, so it sits beside shared/qt and never imports it.
    ("shared.qt", "shared.web"),
    # The ticket: layout, rendered with Qt, sent to a printer, read from the queue.
    ("shared.printing",),
    # The command line reaches everything in the core (it renders PDFs and lists voices
    # with Qt); it is the top of the core.
    ("shared.cli",),
    # The apps: none imports another, and nothing in the core imports them.
    ("kiosk", "counter", "display"),
)
# Modules that belong to a package whose name they do not start with.
MEMBERS = {
    "shared.site_rules": "shared.site",
    "shared.printer_spec": "shared.site",
    "shared.site_export": "shared.site",
    "shared.site_edit": "shared.site",
    "shared.site_model": "shared.site",
}
TIER_OF = {package: tier for tier, packages in enumerate(TIERS) for package in packages}


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


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package(module: str) -> str | None:
    """The declared package a module belongs to (None for a library)."""
    for member, package in MEMBERS.items():
        if module == member or module.startswith(member + "."):
            return package
    owners = [p for p in TIER_OF if module == p or module.startswith(p + ".")]
    return max(owners, key=len) if owners else None


def _imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, lazy ones included."""
    module = _module_name(path)
    here = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(here.split(".")[: len(here.split(".")) - node.level + 1])
                yield node.lineno, ".".join(filter(None, [base, node.module]))
            elif node.module:
                yield node.lineno, node.module


def _package_imports() -> dict[tuple[str, str], list[str]]:
    """(importer, imported) package pair -> where (`file:line`), between distinct packages."""
    edges: dict[tuple[str, str], list[str]] = {}
    for path in _files():
        source = _package(_module_name(path))
        assert source is not None, f"{path.relative_to(ROOT)} is in no declared package"
        for line, name in _imported_modules(path):
            target = _package(name)
            if target is not None and target != source:
                edges.setdefault((source, target), []).append(
                    f"{path.relative_to(ROOT)}:{line}"
                )
    return edges


def test_every_product_module_is_in_a_declared_package() -> None:
    undeclared = [str(p.relative_to(ROOT)) for p in _files() if _package(_module_name(p)) is None]
    assert undeclared == []
    assert _package("shared.site_rules") == "shared.site"
    assert _package("shared.storage.sqlite.schema") == "shared.storage"
    assert _package("PySide6.QtCore") is None


def test_imports_follow_the_declared_order() -> None:
    edges = _package_imports()
    assert ("shared.storage", "shared.domain") in edges  # the walk sees imports
    against_the_order = {
        f"{source} -> {target}": where
        for (source, target), where in edges.items()
        if TIER_OF[target] >= TIER_OF[source]
    }
    assert against_the_order == {}


def test_the_core_imports_no_app() -> None:
    apps = set(TIERS[-1])
    offenders = {
        f"{source} -> {target}": where
        for (source, target), where in _package_imports().items()
        if target in apps and source not in apps
    }
    assert offenders == {}


def _cycles(edges: set[tuple[str, str]]) -> list[list[str]]:
    """Every cycle's packages, found by a depth-first walk from each package."""
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
    found: list[list[str]] = []

    def walk(path: list[str]) -> None:
        for nxt in sorted(graph.get(path[-1], ())):
            if nxt == path[0]:
                found.append(path)
            elif nxt not in path and nxt > path[0]:  # each cycle once, from its least name
                walk([*path, nxt])

    for start in sorted(graph):
        walk([start])
    return found


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycles({("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")}) == [["a", "b", "c"]]
    assert _cycles({("a", "b"), ("b", "c")}) == []


def test_no_two_packages_import_each_other_even_through_others() -> None:
    assert _cycles(set(_package_imports())) == []


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


def _function_lengths(path: Path) -> Iterator[tuple[str, int]]:
    """(name, lines from its first decorator to its last line) of every function."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            assert node.end_lineno is not None
            yield node.name, node.end_lineno - first + 1


def test_no_product_function_over_80_lines() -> None:
    long = {
        f"{p.relative_to(ROOT)}:{name}": n
        for p in _files()
        for name, n in _function_lengths(p)
        if n > 80
    }
    assert long == {}
