"""Cut speech into short overlapping windows and embed each one's voice.

Windows are 1.6 s, the length the encoder was trained on, and step 0.4 s, so
each window speaks for the 0.4 s around its centre: a speaker change is placed
to within ±0.2 s, and a single odd window is a 0.4 s blip that smoothing
removes. Only the embeddings (1 KB each) are kept; audio and spectrograms are
made one batch at a time, so a two-hour file needs a few MB here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..asr.audio import SAMPLE_RATE
from ..errors import Cancelled
from .encoder import VoiceEncoder

WINDOW_SECONDS = 1.6
STEP_SECONDS = 0.4
# Less than this is too little voice to say whose it is; such bits take a neighbour's label.
MIN_WINDOW_SECONDS = 0.5
BATCH = 64


@dataclass(frozen=True)
class Window:
    """A stretch of one speech region, and the part of the timeline it speaks for."""

    start: float
    end: float
    owns_start: float
    owns_end: float


def plan_windows(regions: list[tuple[float, float]]) -> list[Window]:
    """Windows over every speech region, each owning the time nearest its centre."""
    windows: list[Window] = []
    for region_start, region_end in regions:
        length = region_end - region_start
        if length < MIN_WINDOW_SECONDS:
            continue
        if length <= WINDOW_SECONDS:
            starts = [region_start]
        else:
            count = int(np.ceil((length - WINDOW_SECONDS) / STEP_SECONDS)) + 1
            # Spread evenly so the last window ends exactly at the region's end.
            starts = list(np.linspace(region_start, region_end - WINDOW_SECONDS, count))
        spans = [(s, min(s + WINDOW_SECONDS, region_end)) for s in starts]
        centres = [(a + b) / 2 for a, b in spans]
        for i, (a, b) in enumerate(spans):
            owns_start = region_start if i == 0 else (centres[i - 1] + centres[i]) / 2
            owns_end = region_end if i == len(spans) - 1 else (centres[i] + centres[i + 1]) / 2
            windows.append(Window(float(a), float(b), float(owns_start), float(owns_end)))
    return windows


def embed_windows(
    audio: np.ndarray,
    windows: list[Window],
    encoder: VoiceEncoder,
    *,
    on_progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
) -> np.ndarray:
    """One unit-length embedding (float32, 256) per window, in order."""
    out = np.empty((len(windows), 256), dtype=np.float32)
    # Full windows share one length and go in batches; the few short ones go alone.
    full = [i for i, w in enumerate(windows) if _samples(w) == int(WINDOW_SECONDS * SAMPLE_RATE)]
    short = [[i] for i, w in enumerate(windows) if _samples(w) != int(WINDOW_SECONDS * SAMPLE_RATE)]
    groups = [full[i : i + BATCH] for i in range(0, len(full), BATCH)] + short
    done = 0
    with single_blas_thread():
        for group in groups:
            if cancel is not None and cancel.is_set():
                raise Cancelled("Speaker recognition was stopped.")
            batch = np.stack([_cut(audio, windows[i]) for i in group])
            out[group] = encoder.embed(batch)
            done += len(group)
            if on_progress is not None:
                on_progress(done / len(windows))
    return out


def single_blas_thread():
    """A context in which numpy's BLAS uses one thread.

    The LSTM multiplies small matrices step by step; a second BLAS thread only adds
    waiting (measured 20x slower on a busy 2-core machine), and so does clustering's
    small matrix work.
    """
    from threadpoolctl import threadpool_limits  # imported here: core loads without it

    return threadpool_limits(limits=1, user_api="blas")


def _samples(window: Window) -> int:
    return int(round((window.end - window.start) * SAMPLE_RATE))


def _cut(audio: np.ndarray, window: Window) -> np.ndarray:
    start = int(round(window.start * SAMPLE_RATE))
    piece = audio[start : start + _samples(window)]
    if len(piece) < _samples(window):  # the last window may run past the end by rounding
        piece = np.pad(piece, (0, _samples(window) - len(piece)))
    return piece
