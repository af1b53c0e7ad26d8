"""Pure-stdlib WAV handling and the synthesised chime."""

from __future__ import annotations

import wave
from array import array
from pathlib import Path

import pytest

from shared.speech import chime
from shared.speech.wav import (
    Pcm,
    WavError,
    concat,
    peak,
    read_wav,
    resample,
    rms,
    silence,
    trim,
    wav_duration,
    write_wav,
)
from tests.speech.fakes import tone


def test_write_then_read_round_trip(tmp_path: Path) -> None:
    pcm = tone(0.25, rate=16000)
    path = write_wav(tmp_path / "t.wav", pcm)
    with wave.open(str(path)) as f:
        assert (f.getnchannels(), f.getsampwidth(), f.getframerate()) == (1, 2, 16000)
    back = read_wav(path)
    assert back.rate == 16000 and back.samples == pcm.samples
    assert wav_duration(path) == pytest.approx(0.25)
    assert not list(tmp_path.glob("*.tmp"))


def test_read_stereo_8bit_and_24bit(tmp_path: Path) -> None:
    stereo = tmp_path / "stereo.wav"
    with wave.open(str(stereo), "wb") as f:
        f.setnchannels(2)
        f.setsampwidth(2)
        f.setframerate(8000)
        f.writeframes(array("h", [1000, 3000] * 80).tobytes())
    pcm = read_wav(stereo)
    assert len(pcm.samples) == 80 and set(pcm.samples) == {2000}

    eight = tmp_path / "eight.wav"
    with wave.open(str(eight), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(1)
        f.setframerate(8000)
        f.writeframes(bytes([128, 255, 0] * 10))
    assert list(read_wav(eight).samples[:3]) == [0, 127 << 8, -128 << 8]

    deep = tmp_path / "deep.wav"
    with wave.open(str(deep), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(3)
        f.setframerate(8000)
        f.writeframes((0x123456).to_bytes(3, "little") * 5)
    assert list(read_wav(deep).samples) == [0x1234] * 5


def test_broken_files_raise_wav_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.wav"
    junk.write_bytes(b"RIFF....not a wave at all")
    with pytest.raises(WavError):
        read_wav(junk)
    with pytest.raises(WavError):
        read_wav(tmp_path / "missing.wav")


def test_concat_clips_of_different_rates(tmp_path: Path) -> None:
    a = tone(0.5, rate=8000)
    b = tone(0.5, rate=22050)
    c = tone(0.5, rate=44100)
    joined = concat([a, silence(0.25, 16000), b, c], rate=16000)
    assert joined.rate == 16000
    assert joined.duration == pytest.approx(1.75, abs=0.01)
    write_wav(tmp_path / "j.wav", joined)
    again = read_wav(tmp_path / "j.wav")
    assert again.duration == pytest.approx(1.75, abs=0.01)
    # The silence stays silent, the tones stay loud.
    quiet = Pcm(again.samples[round(0.55 * 16000) : round(0.7 * 16000)], 16000)
    assert peak(quiet) == 0
    assert rms(Pcm(again.samples[-8000:], 16000)) > 4000


def test_resample_keeps_pitch() -> None:
    src = tone(1.0, freq=500, rate=8000)
    out = resample(src, 16000)
    assert len(out.samples) == 16000
    # Count rising zero crossings: 500 per second either way.
    crossings = sum(1 for i in range(1, 16000) if out.samples[i - 1] < 0 <= out.samples[i])
    assert 495 <= crossings <= 505


def test_trim_and_levels() -> None:
    padded = concat([silence(0.5, 8000), tone(0.2, rate=8000), silence(0.5, 8000)], 8000)
    trimmed = trim(padded)
    assert trimmed.duration == pytest.approx(0.22, abs=0.02)
    assert trim(silence(1.0)).samples == array("h")
    assert peak(tone(0.1, level=8000)) == 8000
    assert rms(tone(0.5, level=8000)) == pytest.approx(8000 / 2**0.5, rel=0.02)
    assert rms(silence(0.1)) == 0.0


def test_chime_is_pleasant_and_cached(tmp_path: Path) -> None:
    pcm = chime.chime_pcm()
    assert pcm is chime.chime_pcm()
    assert 1.0 <= pcm.duration <= 3.0
    assert 8000 <= peak(pcm) <= 20000  # loud enough, with headroom under the voice
    # Starts and ends without a click: the first and last 2 ms are quiet.
    edge = round(0.002 * pcm.rate)
    assert peak(Pcm(pcm.samples[:edge], pcm.rate)) < 3000
    assert peak(Pcm(pcm.samples[-edge:], pcm.rate)) < 300
    path = chime.write_chime_asset(tmp_path / "sounds" / "chime.wav")
    assert read_wav(path).samples == pcm.samples


def test_committed_chime_asset_matches_the_code() -> None:
    assert chime.ASSET_PATH.is_file(), "run: python -m shared.speech.chime"
    assert read_wav(chime.ASSET_PATH).samples == chime.chime_pcm().samples
