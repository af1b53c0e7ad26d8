"""`khiu announce` and `khiu voicepack` through the real command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shared.cli.main import main
from shared.speech.wav import peak, read_wav, rms

A001_3 = {
    "th": "ขอเชิญหมายเลข เอ ศูนย์ ศูนย์ หนึ่ง ที่ช่องบริการ สาม ค่ะ",
    "en": "Number A zero zero one, please go to counter three",
}


def khiu(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KHIU_DB=str(cwd / "never-created.db"), PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "shared.cli.main", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        timeout=120,
    )


def test_announce_json_exact(tmp_path: Path) -> None:
    done = khiu("announce", "A001", "3", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == A001_3
    assert done.stdout.count("\n") == 1
    assert not (tmp_path / "never-created.db").exists()  # no database


def test_announce_global_json_flag_and_main(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json", "announce", "b12", "21", "--recall"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "th": "ขอเชิญหมายเลข บี หนึ่ง สอง อีกครั้ง ที่ช่องบริการ ยี่สิบเอ็ด ค่ะ",
        "en": "Calling again, number B one two, please go to counter twenty-one",
    }
    assert main(["announce", "A001", "3"]) == 0
    assert capsys.readouterr().out == f"{A001_3['th']}\n{A001_3['en']}\n"


@pytest.mark.parametrize(
    ("code", "counter"), [("A-01", "3"), ("001", "3"), ("A001", "0"), ("A001", "1000")]
)
def test_announce_bad_input(tmp_path: Path, code: str, counter: str) -> None:
    done = khiu("announce", code, counter, "--json", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("khiu: ") and "Traceback" not in done.stderr


def test_announce_wav_with_the_system_voice(tmp_path: Path) -> None:
    wav = tmp_path / "a001.wav"
    done = khiu("announce", "A001", "3", "--wav", str(wav), "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == A001_3  # the espeak driver's prints stay out of stdout
    import wave

    with wave.open(str(wav)) as f:
        assert (f.getnchannels(), f.getsampwidth()) == (1, 2)
    pcm = read_wav(wav)
    assert 4.0 <= pcm.duration <= 15.0
    assert peak(pcm) > 10000 and rms(pcm) > 1000


def test_announce_wav_broken_voicepack_warns_and_falls_back(tmp_path: Path) -> None:
    wav = tmp_path / "a.wav"
    done = khiu(
        "announce", "A001", "3", "--wav", str(wav), "--voicepack", str(tmp_path / "none"), "--json",
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0
    assert json.loads(done.stdout) == A001_3
    assert "missing clip th/phrase_invite" in done.stderr
    assert read_wav(wav).duration > 4.0  # the system voice spoke instead

    forced = khiu(
        "announce", "A001", "3", "--wav", str(wav), "--engine", "voicepack",
        "--voicepack", str(tmp_path / "none"), cwd=tmp_path,
    )  # fmt: skip
    assert forced.returncode == 3 and "falling back" in forced.stderr
    assert read_wav(wav).duration < 3.0  # the chime alone


def test_announce_wav_into_missing_folder(tmp_path: Path) -> None:
    done = khiu("announce", "A001", "3", "--wav", str(tmp_path / "no" / "a.wav"), cwd=tmp_path)
    assert done.returncode == 2 and "does not exist" in done.stderr


def test_voicepack_build_and_check(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    done = khiu("voicepack", "build", str(pack), "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    value = json.loads(done.stdout)
    assert value["written"] > 100 and value["kept"] == 0 and value["missing"] == []
    again = json.loads(khiu("voicepack", "build", str(pack), "--json", cwd=tmp_path).stdout)
    assert again["written"] == 0 and again["kept"] == value["written"]

    (pack / "th" / "digit_3.wav").unlink()
    check = khiu("voicepack", "check", str(pack), "--json", cwd=tmp_path)
    assert check.returncode == 3
    assert json.loads(check.stdout)["missing"] == ["th/digit_3"]

    wav = tmp_path / "vp.wav"
    done = khiu(
        "announce", "A001", "3", "--engine", "voicepack", "--voicepack", str(pack), "--wav", str(wav),
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 3 and "th/digit_3" in done.stderr
