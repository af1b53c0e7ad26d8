"""Building and checking voice packs."""

from __future__ import annotations

import json
from pathlib import Path

from shared.speech.clips import CLIPS, Clip
from shared.speech.voicepack import build_voicepack, missing_clips
from shared.speech.wav import Pcm, read_wav
from tests.speech.fakes import tone


class CountingSynth:
    def __init__(self) -> None:
        self.asked: list[Clip] = []

    def synthesize_clip(self, clip: Clip) -> Pcm:
        self.asked.append(clip)
        return tone(0.2, rate=11025)


def test_built_pack_is_complete(built_pack: Path) -> None:
    assert missing_clips(built_pack, check_audio=True) == []
    for clip_id in ("th/letter_w", "th/num_et", "en/phrase_go_to_counter", "en/num_90"):
        pcm = read_wav(built_pack / f"{clip_id}.wav")
        assert 0.1 < pcm.duration < 3.0, clip_id
    readme = (built_pack / "README.txt").read_text(encoding="utf-8")
    assert "th/letter_w.wav" in readme and "ดับเบิลยู" in readme
    manifest = json.loads((built_pack / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["th/phrase_invite.wav"] == {"lang": "th", "text": "ขอเชิญหมายเลข"}
    assert len(manifest) == len(CLIPS)


def test_build_keeps_recordings_unless_forced(tmp_path: Path) -> None:
    synth = CountingSynth()
    result = build_voicepack(tmp_path, synth)
    assert (result.written, result.kept) == (len(CLIPS), 0)
    own = tmp_path / "th" / "particle_ka.wav"
    own.write_bytes(b"a site's own recording")
    (tmp_path / "en" / "num_90.wav").unlink()
    assert missing_clips(tmp_path) == ["en/num_90"]
    assert missing_clips(tmp_path, check_audio=True) == ["th/particle_ka", "en/num_90"]

    synth.asked.clear()
    result = build_voicepack(tmp_path, synth)
    assert [c.id for c in synth.asked] == ["en/num_90"]
    assert own.read_bytes() == b"a site's own recording"
    assert (result.written, result.kept) == (1, len(CLIPS) - 1)

    build_voicepack(tmp_path, synth, force=True)
    assert read_wav(own).rate == 11025


def test_missing_clips_of_an_empty_folder(tmp_path: Path) -> None:
    assert missing_clips(tmp_path) == [c.id for c in CLIPS]
