"""Rendering announcements to WAV with the voice pack, the system voice and the fallbacks."""

from __future__ import annotations

import logging
import shutil
import sys
import time
from pathlib import Path

import pytest

from shared.speech.chime import chime_pcm
from shared.speech.engines import (
    ChimeOnlyEngine,
    SpeechError,
    TtsEngine,
    VoicePackEngine,
    engine_chain,
    render_announcement,
)
from shared.speech.phrasing import announce, announce_short
from shared.speech.tts_worker import pick_voice
from shared.speech.wav import Pcm, peak, read_wav, rms
from tests.speech.fakes import FailingEngine, ToneEngine


def assert_speech_wav(path: Path, low: float, high: float) -> Pcm:
    import wave

    with wave.open(str(path)) as f:
        assert (f.getnchannels(), f.getsampwidth()) == (1, 2), "16-bit PCM mono"
    pcm = read_wav(path)
    assert low <= pcm.duration <= high, pcm.duration
    assert peak(pcm) > 10000 and rms(pcm) > 1000, "not silent"
    return pcm


def test_voicepack_render(built_pack: Path, tmp_path: Path) -> None:
    engine = VoicePackEngine(built_pack)
    out = render_announcement(announce("A001", 3), tmp_path / "a.wav", [engine])
    full = assert_speech_wav(out, 4.0, 15.0)
    # The Thai and the English are both there: a long quiet gap splits two loud parts.
    short = render_announcement(announce_short("A001", 3), tmp_path / "s.wav", [engine])
    assert assert_speech_wav(short, 2.0, 8.0).duration < full.duration - 2.0
    # Without the chime the file is shorter by about the chime's length.
    bare = render_announcement(announce("A001", 3), tmp_path / "b.wav", [engine], chime=False)
    assert full.duration - read_wav(bare).duration == pytest.approx(
        chime_pcm().duration + 0.3, abs=0.05
    )


def test_voicepack_joins_clips_of_different_rates(built_pack: Path, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(built_pack, pack)
    # Re-record one clip at 44.1 kHz stereo, as a site's own recording might be.
    import wave

    from shared.speech.wav import resample

    clip = read_wav(pack / "th" / "digit_0.wav")
    hi = resample(clip, 44100)
    with wave.open(str(pack / "th" / "digit_0.wav"), "wb") as f:
        f.setnchannels(2)
        f.setsampwidth(2)
        f.setframerate(44100)
        stereo = bytearray()
        for s in hi.samples:
            stereo += s.to_bytes(2, "little", signed=True) * 2
        f.writeframes(bytes(stereo))
    engine = VoicePackEngine(pack)
    out = render_announcement(announce("A001", 3), tmp_path / "x.wav", [engine])
    reference = render_announcement(
        announce("A001", 3), tmp_path / "r.wav", [VoicePackEngine(built_pack)]
    )
    assert read_wav(out).rate == 22050
    assert read_wav(out).duration == pytest.approx(read_wav(reference).duration, abs=0.05)


def test_broken_clip_falls_back_with_a_warning(
    built_pack: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(built_pack, pack)
    (pack / "th" / "digit_1.wav").write_bytes(b"RIFF garbage")
    warnings: list[str] = []
    tone = ToneEngine(0.5)
    with caplog.at_level(logging.WARNING, logger="khiu.speech"):
        out = render_announcement(
            announce("A001", 3),
            tmp_path / "a.wav",
            [VoicePackEngine(pack), tone],
            on_warning=warnings.append,
        )
    assert len(warnings) == 1 and "th/digit_1" in warnings[0] and "voicepack" in warnings[0]
    assert any("th/digit_1" in r.getMessage() for r in caplog.records if r.name == "khiu.speech")
    assert len(tone.said) == 1  # the next engine spoke instead
    assert_speech_wav(out, 2.5, 6.0)


def test_missing_clip_raises_speech_error(tmp_path: Path) -> None:
    with pytest.raises(SpeechError, match="missing clip th/phrase_invite"):
        VoicePackEngine(tmp_path).render_parts(announce("A001", 3))


def test_all_engines_failing_leaves_the_chime(tmp_path: Path) -> None:
    warnings: list[str] = []
    out = render_announcement(
        announce("A001", 3),
        tmp_path / "c.wav",
        [FailingEngine(), FailingEngine()],
        on_warning=warnings.append,
    )
    assert len(warnings) == 3 and "chime only" in warnings[-1]
    pcm = read_wav(out)
    assert pcm.duration == pytest.approx(chime_pcm().duration + 0.5, abs=0.05)
    assert peak(pcm) > 8000
    with pytest.raises(SpeechError):
        render_announcement(announce("A001", 3), tmp_path / "n.wav", [FailingEngine()], chime=False)
    assert not (tmp_path / "n.wav").exists()


def test_chime_only_engine(tmp_path: Path) -> None:
    out = render_announcement(announce("A001", 3), tmp_path / "c.wav", [ChimeOnlyEngine()])
    assert read_wav(out).duration == pytest.approx(chime_pcm().duration + 0.5, abs=0.05)


def test_tts_render(tts: TtsEngine, tmp_path: Path) -> None:
    out = render_announcement(announce("A001", 3), tmp_path / "t.wav", [tts])
    assert_speech_wav(out, 4.0, 15.0)
    t0 = time.perf_counter()
    render_announcement(announce("B012", 21, recall=True), tmp_path / "u.wav", [tts])
    assert time.perf_counter() - t0 < 10
    assert_speech_wav(tmp_path / "u.wav", 5.0, 20.0)


def test_tts_text_variants() -> None:
    espeak = TtsEngine(thai_text="espeak")
    plain = TtsEngine(thai_text="plain")
    ann = announce("A001", 21)
    assert espeak.text_for(ann, "th") == "ขอเชิญหมายเลข A 0 0 1 ที่ช่องบริการ [[j'i3]] สิบ [['e3t]] ค่ะ"
    assert plain.text_for(ann, "th") == ann.th
    # A lone "A" would be read as the article; "eh" is the letter's name.
    assert plain.text_for(ann, "en") == "number eh zero zero one, please go to counter twenty one"
    assert plain.text_for(announce("B1", 3, recall=True), "en") == (
        "calling again, number B one, please go to counter three"
    )


def test_hung_tts_engine_times_out_and_recovers(tmp_path: Path) -> None:
    hang = [sys.executable, "-c", "import sys, time\nsys.stdin.readline()\ntime.sleep(60)"]
    engine = TtsEngine(worker_argv=hang, timeout_s=0.5, start_timeout_s=0.5)
    t0 = time.perf_counter()
    with pytest.raises(SpeechError, match="did not answer"):
        engine.synthesize("สาม", "th")
    assert time.perf_counter() - t0 < 3
    proc = engine._holder[0]
    assert proc is None  # killed, not left hanging
    # In a chain, the hang costs the timeout and the chime still plays.
    warnings: list[str] = []
    out = render_announcement(
        announce("A001", 3), tmp_path / "h.wav", [engine], on_warning=warnings.append
    )
    assert "did not answer" in warnings[0]
    assert read_wav(out).duration == pytest.approx(chime_pcm().duration + 0.5, abs=0.05)
    # A working worker afterwards: the engine starts a fresh process.
    engine.worker_argv = [sys.executable, "-m", "shared.speech.tts_worker"]
    engine.start_timeout_s = 30
    assert engine.synthesize("สาม", "th").duration > 0.2
    engine.close()


def test_worker_that_dies_is_reported(tmp_path: Path) -> None:
    engine = TtsEngine(worker_argv=[sys.executable, "-c", "raise SystemExit(3)"], start_timeout_s=5)
    with pytest.raises(SpeechError, match=r"exited|gone"):
        engine.synthesize("a", "en")
    engine.close()


class V:
    def __init__(self, id: str, name: str, languages: list[str]) -> None:
        self.id, self.name, self.languages = id, name, languages


def test_pick_voice_linux_and_windows() -> None:
    espeak = [V("gmw/en-029", "English (Caribbean)", ["en-029"]), V("gmw/en", "English (Great Britain)", ["en-gb"]),
              V("aav/vi", "Vietnamese", ["vi"]), V("tai/th", "Thai", ["th"]), V("roa/it", "Italian", ["it"])]  # fmt: skip
    assert pick_voice(espeak, "th") == "tai/th"
    assert pick_voice(espeak, "en") == "gmw/en"
    token = r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens"
    sapi = [V(token + r"\TTS_MS_EN-US_ZIRA_11.0", "Microsoft Zira Desktop - English (United States)", []),
            V(token + r"\TTS_MS_TH-TH_PATTARA_11.0", "Microsoft Pattara Desktop - Thai", [])]  # fmt: skip
    assert pick_voice(sapi, "th") == token + r"\TTS_MS_TH-TH_PATTARA_11.0"
    assert pick_voice(sapi, "en") == token + r"\TTS_MS_EN-US_ZIRA_11.0"
    assert pick_voice([V("gmw/en", "English", ["en-gb"])], "th") is None
    # "th" inside other words is not Thai.
    assert pick_voice([V("other/path", "Southern", ["en-gb-x-rp"])], "th") is None


def test_engine_chain() -> None:
    assert [e.name for e in engine_chain("auto")] == ["tts", "chime"]
    assert [e.name for e in engine_chain("auto", voicepack="x")] == ["voicepack", "tts", "chime"]
    assert [e.name for e in engine_chain("voicepack", voicepack="x")] == ["voicepack", "chime"]
    assert [e.name for e in engine_chain("chime")] == ["chime"]
    from shared.domain.errors import KhiuError

    with pytest.raises(KhiuError):
        engine_chain("voicepack")
    with pytest.raises(KhiuError):
        engine_chain("festival")
