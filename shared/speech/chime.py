"""The attention chime before each announcement: three soft bell tones, synthesised in Python."""

from __future__ import annotations

import math
from array import array
from functools import lru_cache
from pathlib import Path

from shared.paths import CHIME_FILE
from shared.speech.wav import DEFAULT_RATE, Pcm, write_wav

# G5-E5-C5, a falling major arpeggio: the "ding-dong-dong" of Thai malls and stations.
# Falling tones announce ("please listen") without sounding like an alarm.
TONES_HZ: tuple[float, ...] = (783.99, 659.25, 523.25)
TONE_STEP_S = 0.36  # onset to onset
RING_S = 1.1  # each tone rings this long, overlapping the next like a struck bell
DECAY_PER_S = 3.2  # exponential decay rate of the bell
PEAK = 0.45  # of full scale: clearly audible, leaving headroom under the voice
# Bell-like timbre: fundamental plus a soft octave and a faint twelfth.
PARTIALS: tuple[tuple[float, float], ...] = ((1.0, 1.0), (2.0, 0.28), (3.0, 0.08))
ASSET_PATH = CHIME_FILE


@lru_cache(maxsize=4)
def chime_pcm(rate: int = DEFAULT_RATE) -> Pcm:
    """The chime as PCM at `rate` (cached: about 0.3 s of pure-Python work the first time)."""
    total = round((TONE_STEP_S * (len(TONES_HZ) - 1) + RING_S) * rate)
    mix = [0.0] * total
    attack = 0.006 * rate  # a few ms of fade-in avoids a click at each onset
    norm = sum(weight for _, weight in PARTIALS)
    for index, freq in enumerate(TONES_HZ):
        start = round(index * TONE_STEP_S * rate)
        length = min(round(RING_S * rate), total - start)
        steps = [2 * math.pi * freq * mult / rate for mult, _ in PARTIALS]
        for n in range(length):
            envelope = math.exp(-DECAY_PER_S * n / rate) * min(1.0, n / attack)
            # Fade the last 50 ms to zero so the tail does not end in a click.
            envelope *= min(1.0, (length - n) / (0.05 * rate))
            value = sum(
                weight * math.sin(step * n)
                for step, (_, weight) in zip(steps, PARTIALS, strict=True)
            )
            mix[start + n] += envelope * value / norm
    loudest = max(abs(v) for v in mix) or 1.0
    gain = PEAK * 32767 / loudest
    return Pcm(array("h", (round(v * gain) for v in mix)), rate)


def write_chime_asset(path: Path = ASSET_PATH, rate: int = DEFAULT_RATE) -> Path:
    """Write the chime as a WAV (the committed `assets/sounds/chime.wav` by default)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_wav(path, chime_pcm(rate))


if __name__ == "__main__":
    print(write_chime_asset())
