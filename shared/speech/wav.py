"""16-bit PCM mono WAV in pure stdlib (wave + array; audioop is gone in Python 3.13)."""

from __future__ import annotations

import math
import os
import sys
import wave
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DEFAULT_RATE = 22050  # what espeak-ng and most voice recordings for speech use
_MAX = 32767


class WavError(ValueError):
    """A WAV file that cannot be read as PCM audio."""


@dataclass(frozen=True)
class Pcm:
    """Mono signed 16-bit samples at a sample rate."""

    samples: array[int]  # array("h")
    rate: int

    @property
    def duration(self) -> float:
        return len(self.samples) / self.rate if self.rate else 0.0


def _native_16(data: bytes) -> array[int]:
    samples = array("h")
    samples.frombytes(data)
    if sys.byteorder == "big":  # WAV is little-endian on disk
        samples.byteswap()
    return samples


def _to_16(data: bytes, width: int) -> array[int]:
    """Convert raw little-endian PCM frames of any usual width to 16-bit samples."""
    if width == 2:
        return _native_16(data)
    if width == 1:  # 8-bit WAV is unsigned
        return array("h", ((b - 128) << 8 for b in data))
    if width in (3, 4):
        # Keep the top 16 bits of each little-endian sample.
        pairs = bytearray()
        for i in range(0, len(data), width):
            pairs += data[i + width - 2 : i + width]
        return _native_16(bytes(pairs))
    raise WavError(f"unsupported sample width {width}")


def read_wav(path: str | os.PathLike[str]) -> Pcm:
    """Read a PCM WAV (8/16/24/32-bit, any channels) as mono 16-bit; WavError if unreadable."""
    try:
        with wave.open(os.fspath(path), "rb") as f:
            channels, width, rate = f.getnchannels(), f.getsampwidth(), f.getframerate()
            data = f.readframes(f.getnframes())
    except (OSError, EOFError, wave.Error) as exc:
        raise WavError(f"cannot read {path}: {exc}") from exc
    if rate <= 0 or channels <= 0:
        raise WavError(f"cannot read {path}: bad header")
    samples = _to_16(data, width)
    if channels > 1:
        samples = array(
            "h",
            (
                sum(samples[i : i + channels]) // channels
                for i in range(0, len(samples) - channels + 1, channels)
            ),
        )
    return Pcm(samples, rate)


def write_wav(path: str | os.PathLike[str], pcm: Pcm) -> Path:
    """Write mono 16-bit PCM; the file appears complete or not at all (temp + rename)."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    data = array("h", pcm.samples)
    if sys.byteorder == "big":
        data.byteswap()
    with wave.open(os.fspath(tmp), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(pcm.rate)
        f.writeframes(data.tobytes())
    os.replace(tmp, target)
    return target


def resample(pcm: Pcm, rate: int) -> Pcm:
    """Linear-interpolation resampling: plenty for speech clips joined into one file."""
    if pcm.rate == rate or not pcm.samples:
        return Pcm(array("h", pcm.samples), rate)
    src = pcm.samples
    count = max(1, round(len(src) * rate / pcm.rate))
    step = pcm.rate / rate
    last = len(src) - 1
    out = array("h", bytes(2 * count))
    for i in range(count):
        pos = i * step
        j = int(pos)
        if j >= last:
            out[i] = src[last]
        else:
            frac = pos - j
            out[i] = int(src[j] + (src[j + 1] - src[j]) * frac)
    return Pcm(out, rate)


def silence(seconds: float, rate: int = DEFAULT_RATE) -> Pcm:
    """A pause between words or between the Thai and the English part."""
    return Pcm(array("h", bytes(2 * max(0, round(seconds * rate)))), rate)


def concat(parts: Iterable[Pcm], rate: int = DEFAULT_RATE) -> Pcm:
    """Join clips end to end, converting each to `rate` first."""
    out = array("h")
    for part in parts:
        out.extend(resample(part, rate).samples if part.rate != rate else part.samples)
    return Pcm(out, rate)


def trim(pcm: Pcm, threshold: int = 300, keep_s: float = 0.01) -> Pcm:
    """Cut leading and trailing near-silence so joined words sound like one sentence."""
    loud = [i for i, s in enumerate(pcm.samples) if abs(s) > threshold]
    if not loud:
        return Pcm(array("h"), pcm.rate)
    keep = round(keep_s * pcm.rate)
    start = max(0, loud[0] - keep)
    end = min(len(pcm.samples), loud[-1] + 1 + keep)
    return Pcm(pcm.samples[start:end], pcm.rate)


def scale(pcm: Pcm, gain: float) -> Pcm:
    """Multiply by `gain`, clipping to the 16-bit range."""
    return Pcm(array("h", (max(-_MAX, min(_MAX, round(s * gain))) for s in pcm.samples)), pcm.rate)


def peak(pcm: Pcm) -> int:
    """Largest absolute sample (0 for silence)."""
    return max((abs(s) for s in pcm.samples), default=0)


def rms(pcm: Pcm) -> float:
    """Root mean square level; speech is typically in the low thousands."""
    if not pcm.samples:
        return 0.0
    return math.sqrt(sum(s * s for s in pcm.samples) / len(pcm.samples))


def wav_duration(path: str | os.PathLike[str]) -> float:
    """Length in seconds from the header alone; WavError if unreadable."""
    try:
        with wave.open(os.fspath(path), "rb") as f:
            return f.getnframes() / f.getframerate()
    except (OSError, EOFError, wave.Error, ZeroDivisionError) as exc:
        raise WavError(f"cannot read {path}: {exc}") from exc
