"""The frozen one-folder bundle (installer/khiu.spec, what the Windows installer ships),
built and run on Linux: the bundled `khiu` makes a demo database, issues and prints a
ticket, speaks through the TTS worker; each app starts offscreen from the bundle, finds
its assets and quits cleanly. Fonts, chime, demo site and worker come from the bundle.

The build is made once per session into a temporary folder (about 40 s on a quiet
machine; see the README for why it is part of `make test`). `KHIU_BUNDLE=DIR` tests an
already built bundle instead (e.g. `make bundle` then `KHIU_BUNDLE=dist/khiu`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp

from tests.support.escpos_decode import decode_raster, has_cut

ROOT = Path(__file__).resolve().parents[2]
APPS = ("khiu-kiosk", "khiu-counter", "khiu-display")
pytestmark = pytest.mark.slow


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KHIU_ASSETS", "KHIU_DB")}
    return {**env, "QT_QPA_PLATFORM": "offscreen", **extra}


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    given = os.environ.get("KHIU_BUNDLE")
    if given:
        yield Path(given).resolve()
        return
    tmp = tmp_path_factory.mktemp("bundle")
    started = time.monotonic()
    built = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(tmp / "dist"), "--workpath", str(tmp / "work"),
         str(ROOT / "installer" / "khiu.spec")],
        cwd=tmp, env=_env(PYINSTALLER_CONFIG_DIR=str(tmp / "config")),
        capture_output=True, text=True, timeout=900,
    )
    assert built.returncode == 0, built.stderr[-4000:]
    print(f"\nbundle built in {time.monotonic() - started:.0f} s")
    yield tmp / "dist" / "khiu"
    shutil.rmtree(tmp, ignore_errors=True)  # ~360 MB: pytest keeps its last temp folders


def _run(bundle: Path, program: str, *args: str | Path, cwd: Path, timeout: float = 120,
         **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle / program), *map(str, args)],
        cwd=cwd, env=_env(**env), capture_output=True, text=True, timeout=timeout,
    )


def test_the_bundle_holds_four_programs_and_the_assets(bundle: Path) -> None:
    for program in ("khiu", *APPS):
        assert (bundle / program).is_file() and os.access(bundle / program, os.X_OK)
    data = bundle / "_internal" / "assets"
    assert (data / "sites" / "demo.toml").is_file()
    assert (data / "sounds" / "chime.wav").is_file()
    assert len(list((data / "fonts").glob("Sarabun-*.ttf"))) == 4
    qt = {p.name.split(".")[0] for p in (bundle / "_internal" / "PySide6").glob("Qt*.so")}
    assert {"QtCore", "QtGui", "QtWidgets", "QtMultimedia", "QtTextToSpeech"} <= qt
    assert not qt & {"QtWebEngineCore", "QtQuick", "QtQml", "Qt3DCore", "QtCharts"}


def test_bundled_khiu_init_issue_print_and_speak(bundle: Path, tmp_path: Path) -> None:
    db = tmp_path / "site" / "khiu.db"
    init = _run(bundle, "khiu", "--db", db, "init", "--demo", "--json", cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    assert json.loads(init.stdout)["services"][0] == "DL"  # the demo site, from the bundle

    out = tmp_path / "printer.bin"
    issue = _run(bundle, "khiu", "--db", db, "issue", "DL", "--print", "--printer",
                 f"file:{out}", "--json", cwd=tmp_path, KHIU_DEBUG="1")
    assert issue.returncode == 0, issue.stderr
    assert f"Thai font Sarabun loaded from {bundle / '_internal' / 'assets' / 'fonts'}" in (
        issue.stderr
    )
    ticket = json.loads(issue.stdout)
    raw = out.read_bytes()
    assert has_cut(raw)
    qr = [r.text for r in zxingcpp.read_barcodes(decode_raster(raw).convert("L"))]
    assert qr == [ticket["status_url"]] and qr[0].endswith("/t/" + ticket["token"])

    # The system voice: the TTS worker is the frozen program itself (--khiu-tts-worker).
    wav = tmp_path / "call.wav"
    said = _run(bundle, "khiu", "announce", "A001", "3", "--engine", "tts", "--wav", wav,
                "--json", cwd=tmp_path, KHIU_DEBUG="1")
    assert said.returncode == 0, said.stderr
    assert json.loads(said.stdout)["th"].startswith("ขอเชิญหมายเลข")
    with wave.open(str(wav)) as w:
        seconds = w.getnframes() / w.getframerate()
    assert seconds > 5, said.stderr  # chime + Thai + English speech (a chime alone is ~2 s)


@pytest.mark.parametrize("program", APPS)
def test_each_app_starts_offscreen_from_the_bundle(
    bundle: Path, tmp_path: Path, program: str
) -> None:
    db = tmp_path / "khiu.db"
    assert _run(bundle, "khiu", "--db", db, "init", "--demo", cwd=tmp_path).returncode == 0
    args: list[str | Path] = ["--db", db, *([] if program == "khiu-counter" else ["--windowed"])]
    ran = _run(bundle, program, *args, cwd=tmp_path, timeout=120, KHIU_QUIT_AFTER_S="4")
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert "Traceback" not in ran.stderr, ran.stderr[-3000:]
    assert "no bundled font" not in ran.stderr
    if program != "khiu-counter":  # the counter logs only warnings
        assert "Thai font Sarabun loaded from" in ran.stderr and "_internal" in ran.stderr
    if program == "khiu-display":  # its frozen TTS worker answered the voice probe
        assert "voice: Thai voice Thai (pyttsx3)" in ran.stderr, ran.stderr[-3000:]


def test_the_windows_installer_script_matches_the_bundle(bundle: Path) -> None:
    """Inno Setup cannot run here: check that what installer/khiu.iss starts exists."""
    import re

    iss = (ROOT / "installer" / "khiu.iss").read_text(encoding="utf-8")
    started = set(re.findall(r"\{app\}\\([\w-]+)\.exe", iss))
    started |= set(re.findall(r'Parameters: "([\w-]+)\.exe', iss))  # via khiu-keepalive.cmd
    assert started == {"khiu", *APPS}
    for program in started:
        assert (bundle / program).is_file()  # khiu-kiosk.exe on Windows
    assert (ROOT / "installer" / "khiu-keepalive.cmd").is_file()
    for task in ("kioskstart", "displaystart"):
        assert f"Tasks: {task}" in iss and "{commonstartup}" in iss


def test_bundled_khiu_serve_answers(bundle: Path, tmp_path: Path) -> None:
    """The citizens' pages from the bundle: templates, static files and fonts found."""
    import socket
    import urllib.request

    db = tmp_path / "khiu.db"
    assert _run(bundle, "khiu", "--db", db, "init", "--demo", cwd=tmp_path).returncode == 0
    token = json.loads(
        _run(bundle, "khiu", "--db", db, "issue", "DL", "--json", cwd=tmp_path).stdout
    )["token"]
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    server = subprocess.Popen(
        [str(bundle / "khiu"), "--db", str(db), "serve", "--host", "127.0.0.1", "--port",
         str(port)], cwd=tmp_path, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/", timeout=5) as page:
                    home = page.read().decode()
                break
            except OSError:
                assert server.stderr is not None
                assert server.poll() is None, server.stderr.read().decode()[-3000:]
                assert time.monotonic() < deadline, "khiu serve did not answer"
                time.sleep(0.3)
        # Thai site text comes in word pieces (lines break between words only).
        assert "ต่ออายุใบอนุญาตขับรถ" in re.sub(r"<[^>]+>", "", home)
        with urllib.request.urlopen(f"{base}/t/{token}", timeout=10) as page:
            assert "A001" in page.read().decode()
        with urllib.request.urlopen(f"{base}/api/tickets/{token}", timeout=10) as api:
            assert json.loads(api.read())["code"] == "A001"
    finally:
        server.terminate()
        server.wait(30)
        for stream in (server.stdout, server.stderr):
            if stream is not None:
                stream.close()
