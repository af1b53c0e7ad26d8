"""Thai first everywhere: `KhiuError(th, en)` (and every error built on it) takes its texts
in the same order as `Bilingual(th, en)`. A call written the old way round, (en, th), is
found here by its literal texts: the Thai one must come first."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOPS = ("shared", "kiosk", "counter", "display", "tests")
THAI = re.compile("[\u0e00-\u0e7f]")
# Classes and helpers whose first two text arguments are (th, en); error subclasses found
# in the sources are added to these.
TEXT_PAIRS = {"KhiuError": 0, "Bilingual": 0, "Text": 0}
# Helpers that take (something, th, en).
HELPERS = {"fail": 1, "_backup_problem": 1, "_bad": 1, "_typo": 1, "note": 0}


def _files() -> list[Path]:
    return sorted(p for top in TOPS for p in (ROOT / top).rglob("*.py"))


def _trees() -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in _files()}


def _error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """KhiuError and every class deriving from it (by name, through any file)."""
    found = {"KhiuError"}
    classes = [n for t in trees.values() for n in ast.walk(t) if isinstance(n, ast.ClassDef)]
    grew = True
    while grew:
        grew = False
        for cls in classes:
            bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in cls.bases}
            if cls.name not in found and bases & found:
                found.add(cls.name)
                grew = True
    return found


def _literal(node: ast.expr) -> str | None:
    """The fixed text of a string or f-string argument (None for anything else)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left), _literal(node.right)
        return None if left is None and right is None else (left or "") + (right or "")
    return None


def _callee(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def test_texts_are_thai_first() -> None:
    trees = _trees()
    pairs = dict(TEXT_PAIRS) | dict.fromkeys(_error_classes(trees) - {"DriverError"}, 0)
    pairs |= HELPERS
    checked, offenders = 0, []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _callee(node) not in pairs:
                continue
            first = pairs[_callee(node)]
            if len(node.args) < first + 2:
                continue
            th, en = _literal(node.args[first]), _literal(node.args[first + 1])
            if th is None or en is None:
                continue
            checked += 1
            if THAI.search(en) and not THAI.search(th):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert checked > 100
    assert offenders == [], "write (th, en): Thai first"


def test_an_error_shows_both_languages() -> None:
    from shared.domain.errors import KhiuError, NotFoundError

    error = NotFoundError("ไม่พบบริการ X", "no service X")
    assert (error.message_th, error.message_en, str(error)) == (
        "ไม่พบบริการ X",
        "no service X",
        "no service X",
    )
    assert error.message("th") == "ไม่พบบริการ X" and error.message("en") == "no service X"
    only = KhiuError("text only")
    assert only.message_th == only.message_en == str(only) == "text only"
