"""The tests keep their own house rules: a conftest.py holds fixtures, and what test files
share they import from tests/support/, never from a conftest.py (pytest loads conftest
files itself; importing one as a module runs it twice under two names)."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            # `from . import conftest` names the module among what it imports.
            names.update(
                [node.module] if node.module else [alias.name for alias in node.names]
            )
    return names


def test_no_test_imports_from_a_conftest() -> None:
    offenders = {
        str(path.relative_to(TESTS)): sorted(
            name for name in _imported_modules(path) if name.split(".")[-1] == "conftest"
        )
        for path in TESTS.rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_imports_are_read() -> None:
    # Guards the test above against passing because it reads nothing.
    assert "tests.support.small_site" in _imported_modules(TESTS / "conftest.py")
