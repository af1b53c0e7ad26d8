"""A plain (non-editable) install works: build the wheel, install it into a fresh venv
OUTSIDE the source tree, and run `khiu init --demo`, a printed ticket and an announcement
WAV from it. Fonts, chime and demo site must come from the installed `khiu_assets`.

Kept fast: the fresh venv borrows the heavy packages (PySide6, escpos…) from the
project's venv through a .pth line and gets only the wheel itself (`--no-deps`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import wave
from pathlib import Path

import pytest
import zxingcpp

from tests.support.escpos_decode import decode_raster, has_cut

ROOT = Path(__file__).resolve().parents[2]
# What a source checkout may hold that a build must not see (and must not be written into).
_NOT_SOURCE = shutil.ignore_patterns(
    ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
    ".ruff_cache", ".hypothesis", ".khiu-demo", "spool", "screenshots", "*.pyc",
)

pytestmark = pytest.mark.slow


def _run(
    args: list[str | Path], cwd: Path, env: dict[str, str], timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """(the fresh venv's bin folder, an environment for it): the wheel installed alone."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCE)  # build from a copy: no build/ in ROOT
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KHIU_ASSETS")}
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp / "dist", source],
        cwd=tmp, env=env,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp / "dist").glob("khiu-*.whl")

    fresh = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(fresh)
    bin_dir = fresh / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    site_dir = Path(
        _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
             cwd=tmp, env=env).stdout.strip()
    )
    # Heavy dependencies from the project's venv, AFTER the fresh venv's own site-packages.
    (site_dir / "khiu-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = _run(
        [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", wheel],
        cwd=tmp, env=env,
    )
    assert install.returncode == 0, install.stderr
    return bin_dir, env


def test_the_wheel_carries_the_assets(installed: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    bin_dir, env = installed
    probe = _run(
        [bin_dir / "python", "-c",
         "import json, shared, shared.paths as p; print(json.dumps([shared.__file__, p.where(),"
         " str(p.assets_dir()), str(p.DEMO_SITE_FILE), str(p.CHIME_FILE)]))"],
        cwd=tmp_path, env=env,
    )
    assert probe.returncode == 0, probe.stderr
    code_file, how, folder, demo, chime = json.loads(probe.stdout)
    venv_dir = bin_dir.parent.resolve()
    # Imported from the installed wheel, not from the source tree.
    assert Path(code_file).resolve().is_relative_to(venv_dir), code_file
    assert not Path(code_file).resolve().is_relative_to(ROOT)
    assert how == "installed package khiu_assets"
    assert Path(folder).is_relative_to(venv_dir) and Path(folder).name == "khiu_assets"
    assert Path(demo).is_file() and Path(chime).is_file()
    assert sorted(p.name for p in (Path(folder) / "fonts").glob("*.ttf")) == [
        "Sarabun-Bold.ttf", "Sarabun-Medium.ttf", "Sarabun-Regular.ttf", "Sarabun-SemiBold.ttf"
    ]


def test_init_demo_print_and_announce_from_the_wheel(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    bin_dir, env = installed
    env = {**env, "KHIU_DEBUG": "1", "QT_QPA_PLATFORM": "offscreen"}
    khiu = bin_dir / "khiu"
    db = tmp_path / "site" / "khiu.db"

    init = _run([khiu, "--db", db, "init", "--demo", "--json"], cwd=tmp_path, env=env)
    assert init.returncode == 0, init.stderr
    status = json.loads(_run([khiu, "--db", db, "status", "--json"], cwd=tmp_path, env=env).stdout)
    assert [s["code"] for s in status["services"]][:3] == ["DL", "SSO", "FLU"]

    out = tmp_path / "printer.bin"
    issue = _run(
        [khiu, "--db", db, "issue", "DL", "--print", "--printer", f"file:{out}", "--json"],
        cwd=tmp_path, env=env,
    )
    assert issue.returncode == 0, issue.stderr
    assert "no bundled font" not in issue.stderr  # Sarabun came from the wheel
    ticket = json.loads(issue.stdout)
    raw = out.read_bytes()
    assert has_cut(raw)
    qr = [r.text for r in zxingcpp.read_barcodes(decode_raster(raw).convert("L"))]
    # The demo's status_base_url is this PC's LAN address (set by init --demo).
    assert qr == [ticket["status_url"]] and ticket["status_url"].endswith("/t/" + ticket["token"])

    # The web pages' templates, script and style came with the wheel too.
    web = _run(
        [bin_dir / "python", "-c",
         "from shared.web.templates import STATIC, TEMPLATES, environment;"
         "environment().get_template('ticket.html');"
         "print((STATIC / 'ticket.js').is_file() and (STATIC / 'khiu.css').is_file())"],
        cwd=tmp_path, env=env,
    )
    assert web.returncode == 0 and web.stdout.strip() == "True", web.stderr

    wav = tmp_path / "call.wav"
    said = _run(
        [khiu, "announce", "A001", "3", "--engine", "chime", "--wav", wav, "--json"],
        cwd=tmp_path, env=env,
    )
    assert said.returncode == 0, said.stderr
    with wave.open(str(wav)) as w:
        assert w.getnframes() / w.getframerate() > 1.0
