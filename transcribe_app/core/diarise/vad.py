"""Where someone speaks: Silero VAD (the copy that ships with faster-whisper).

The recording is read in chunks of a few minutes so that a two-hour file
reports progress, can be stopped between chunks, and never has a second full
copy of its audio made by the VAD's own padding.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np

from ..asr.audio import SAMPLE_RATE
from ..errors import Cancelled

CHUNK_SECONDS = 300.0
# Speaker changes in conversation mostly happen at pauses; a 0.3 s pause is long enough
# to be a real gap between speakers and short enough to catch quick exchanges.
MIN_SILENCE_MS = 300
SPEECH_PAD_MS = 60
MIN_SPEECH_MS = 200
THRESHOLD = 0.5  # Silero's own default
# Band-limited (telephone) speech gets lower speech probabilities; see band.py for the figures.
NARROW_BAND_THRESHOLD = 0.35


def speech_regions(
    audio: np.ndarray,
    *,
    on_progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
    threshold: float = THRESHOLD,
) -> list[tuple[float, float]]:
    """Speech stretches ``(start, end)`` in seconds, sorted and non-overlapping.

    ``threshold`` is the speech probability above which a frame is speech.
    """
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(
        threshold=threshold,
        min_silence_duration_ms=MIN_SILENCE_MS,
        speech_pad_ms=SPEECH_PAD_MS,
        min_speech_duration_ms=MIN_SPEECH_MS,
    )
    chunk = int(CHUNK_SECONDS * SAMPLE_RATE)
    regions: list[tuple[float, float]] = []
    for offset in range(0, len(audio), chunk):
        if cancel is not None and cancel.is_set():
            raise Cancelled("Speaker recognition was stopped.")
        piece = audio[offset : offset + chunk]
        for stamp in get_speech_timestamps(piece, options):
            start = (offset + stamp["start"]) / SAMPLE_RATE
            end = (offset + stamp["end"]) / SAMPLE_RATE
            if regions and start - regions[-1][1] < MIN_SILENCE_MS / 1000:
                # Speech running across a chunk boundary is one stretch, not two.
                regions[-1] = (regions[-1][0], max(end, regions[-1][1]))
            else:
                regions.append((start, end))
        if on_progress is not None:
            on_progress(min(1.0, (offset + len(piece)) / len(audio)))
    return regions
