"""Voice packs: build one from the system voice, and check one a site recorded is complete."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from shared.speech.clips import CLIPS, Clip, clip_filename, clips_table
from shared.speech.wav import Pcm, WavError, read_wav, write_wav

MANIFEST = "manifest.json"
README = "README.txt"


class Synthesizer(Protocol):
    """Anything that can say one clip's wording (TtsEngine does)."""

    def synthesize_clip(self, clip: Clip) -> Pcm: ...


@dataclass(frozen=True)
class BuildResult:
    """What build_voicepack did: clips written, recorded clips kept."""

    folder: Path
    written: int
    kept: int


def clip_path(folder: str | os.PathLike[str], clip_id: str) -> Path:
    """Where a clip lives in a pack (`th/letter_a.wav`), portable to Windows paths."""
    return Path(folder).joinpath(*clip_filename(clip_id).split("/"))


def missing_clips(folder: str | os.PathLike[str], *, check_audio: bool = False) -> list[str]:
    """Ids of the clips a pack lacks (with check_audio, also those that are unreadable)."""
    missing = []
    for clip in CLIPS:
        path = clip_path(folder, clip.id)
        if not path.is_file():
            missing.append(clip.id)
        elif check_audio:
            try:
                if not read_wav(path).samples:
                    missing.append(clip.id)
            except WavError:
                missing.append(clip.id)
    return missing


def _readme() -> str:
    return (
        "Khiu voice pack\n"
        "===============\n\n"
        "One WAV file per word, letter, digit and phrase; the display joins them to say\n"
        "each call. To use a real voice, record each file below (mono, 16-bit PCM, any\n"
        "sample rate, a little silence around the word is fine: it is trimmed) and\n"
        "replace the generated file of the same name. `khiu voicepack build DIR` fills\n"
        "in only missing files unless given --force.\n\n"
        f"{clips_table()}\n"
    )


def build_voicepack(
    folder: str | os.PathLike[str],
    engine: Synthesizer | None = None,
    *,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Write every clip of clips.py from `engine` (default: the system voice) plus README.

    Existing clips are kept unless `force`: a site's own recordings are worth more than
    anything a synthesiser makes.
    """
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    own_engine = engine is None
    if engine is None:
        from shared.speech.engines import TtsEngine  # deferred: starts a process on use

        engine = TtsEngine()
    written = kept = 0
    try:
        for clip in CLIPS:
            path = clip_path(root, clip.id)
            if path.exists() and not force:
                kept += 1
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            write_wav(path, engine.synthesize_clip(clip))
            written += 1
            if progress is not None:
                progress(clip.id)
    finally:
        if own_engine:
            engine.close()  # type: ignore[attr-defined]
    (root / README).write_text(_readme(), encoding="utf-8")
    manifest = {clip_filename(c.id): {"lang": c.lang, "text": c.text} for c in CLIPS}
    (root / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return BuildResult(root, written, kept)
