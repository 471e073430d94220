"""A weak voice disguise for a pseudonymised recording: every voice shifted in pitch.

The classic delay-line pitch shifter: two read heads run through the last 50 ms of sound at
``2^(semitones/12)`` times the speed it was recorded, each faded in and out as the other wraps
around, so the pitch moves while the timing stays as recorded (a covered span stays where it was).
It runs block by block, keeping only those 50 ms between blocks.

This is disguise, not anonymisation: shifting back by the same amount gives a voice close to the
original, and the way a person speaks (words, rhythm, dialect) is untouched. README says so.
"""

from __future__ import annotations

import numpy as np

WINDOW_S = 0.05


class PitchShifter:
    """Blocks (channels × n, float32) in, pitch-shifted blocks of the same length out; ``None`` at the
    end (nothing is held back: the output lags the input by at most the window, inside each block)."""

    def __init__(self, semitones: float, rate: int):
        self.ratio = 2.0 ** (semitones / 12.0)
        self.window = max(int(WINDOW_S * rate), 4)
        self.history: np.ndarray | None = None
        self.phase = 0.0

    def __call__(self, block: np.ndarray | None) -> list[np.ndarray]:
        if block is None or block.shape[-1] == 0:
            return []
        channels, count = block.shape
        if self.history is None:
            self.history = np.zeros((channels, self.window + 2), dtype=np.float32)
        held = self.history.shape[-1]
        buffer = np.concatenate([self.history, block.astype(np.float32)], axis=-1)
        # The first head's delay, as a fraction of the window: it falls (rises) by (ratio − 1)/window
        # each sample, wrapping around; the second head is half a window apart.
        steps = self.phase + np.arange(1, count + 1) * ((1.0 - self.ratio) / self.window)
        first = np.mod(steps, 1.0)
        second = np.mod(first + 0.5, 1.0)
        self.phase = float(first[-1])
        out = np.zeros_like(block, dtype=np.float32)
        for place in (first, second):
            gain = 1.0 - np.abs(2.0 * place - 1.0)  # the two triangles add up to 1 at every sample
            out += gain * _read(buffer, held + np.arange(count) - place * self.window)
        self.history = buffer[:, -held:].copy()
        return [out.astype(block.dtype)]


def _read(buffer: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """``buffer`` (channels × n) at fractional ``positions``, by linear interpolation."""
    below = np.floor(positions).astype(np.int64)
    fraction = (positions - below).astype(np.float32)
    below = np.clip(below, 0, buffer.shape[-1] - 2)
    return buffer[:, below] * (1.0 - fraction) + buffer[:, below + 1] * fraction
