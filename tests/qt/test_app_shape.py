"""The three apps have one shape, so whoever knows one finds their way in the others:
app.py builds from <App>Settings and is the only place naming concrete workers;
<app>/strings.py holds Bilingual(th, en) constants; <app>/widgets/theme.py holds a frozen
Theme; the window takes its controller first and wires itself in `_wire()`; main() refuses
a missing database Thai first."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import re
from pathlib import Path

import pytest

from shared.i18n.bilingual import Bilingual

ROOT = Path(__file__).resolve().parents[2]
APPS = {"kiosk": "Kiosk", "counter": "Counter", "display": "Display"}
CONCRETE = {"StoreWorker", "ChangeFeed", "DeviceWorker", "HallVoice"}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


@pytest.mark.parametrize("app", sorted(APPS))
def test_strings_are_bilingual_constants(app: str) -> None:
    strings = importlib.import_module(f"{app}.strings")
    constants = {k: v for k, v in vars(strings).items() if k.isupper() and not k.startswith("_")}
    assert constants
    for name, value in constants.items():
        items = value if isinstance(value, tuple) else (value,)
        assert all(isinstance(v, Bilingual) for v in items), name


@pytest.mark.parametrize("app", sorted(APPS))
def test_one_theme_per_app(app: str) -> None:
    theme = importlib.import_module(f"{app}.widgets.theme").Theme
    assert dataclasses.is_dataclass(theme) and vars(theme)["__dataclass_params__"].frozen
    assert "family" in {f.name for f in dataclasses.fields(theme)}


@pytest.mark.parametrize(("app", "title"), sorted(APPS.items()))
def test_build_from_settings_in_app_py(app: str, title: str) -> None:
    tree = _tree(ROOT / app / "app.py")
    builds = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "build"]
    assert len(builds) == 1
    (arg,) = builds[0].args.args
    assert ast.unparse(arg.annotation or ast.Constant("")) == f"{title}Settings"


@pytest.mark.parametrize("app", sorted(APPS))
def test_concrete_classes_are_picked_in_app_py_only(app: str) -> None:
    offenders = []
    for path in sorted((ROOT / app).rglob("*.py")):
        if path.name == "app.py":
            continue
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in CONCRETE:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


@pytest.mark.parametrize("app", sorted(APPS))
def test_the_window_wires_itself_to_its_controller(app: str) -> None:
    tree = _tree(ROOT / app / "window.py")
    windows = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name.endswith("Window")]
    (window,) = windows
    methods = {n.name: n for n in window.body if isinstance(n, ast.FunctionDef)}
    first = methods["__init__"].args.args[1]
    assert first.arg == "controller"
    assert "_wire" in methods


@pytest.mark.parametrize("app", sorted(APPS))
def test_main_refuses_a_missing_database_thai_first(
    app: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.db"
    main = importlib.import_module(f"{app}.__main__").main
    assert main(["--db", str(missing)]) == 2
    thai, english = capsys.readouterr().err.splitlines()
    assert thai == f"khiu-{app}: ไม่พบฐานข้อมูลที่ {missing} กรุณาสั่ง `khiu --db {missing} init` ก่อน"
    assert english == f"khiu-{app}: no database at {missing}; run `khiu --db {missing} init` first"
    assert not missing.exists()


@pytest.mark.parametrize("app", sorted(APPS))
def test_every_string_is_used_by_its_app(app: str) -> None:
    strings_file = ROOT / app / "strings.py"
    defined = [
        target.id
        for node in _tree(strings_file).body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name) and target.id.isupper()
    ]
    assert defined
    sources = [p.read_text(encoding="utf-8") for p in sorted((ROOT / app).rglob("*.py"))]
    # Its definition is one mention; a use is any other (in strings.py's helpers too).
    unused = [
        name
        for name in defined
        if sum(len(re.findall(rf"\b{name}\b", text)) for text in sources) < 2
    ]
    assert unused == []
