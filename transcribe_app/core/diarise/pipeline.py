"""Diarisation: who speaks when, from the decoded recording alone.

speech regions (VAD) → voice embeddings of short windows → speakers (clustering)
  → re-segmentation → labelled pieces of the timeline → smoothed, named turns

A telephone recording (nothing above 4 kHz, band.py) gets a lower speech
threshold; the count and re-segmentation steps hold for every channel.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable

import numpy as np

from ..errors import Cancelled, TranskriptError
from .band import is_narrow_band
from .cluster import cluster_speakers
from .encoder import load_encoder
from .resegment import resegment
from .turns import SpeakerTurn, build_turns
from .vad import NARROW_BAND_THRESHOLD, THRESHOLD, speech_regions
from .windows import MIN_WINDOW_SECONDS, Window, embed_windows, plan_windows, single_blas_thread

# Share of the progress bar per stage, from timings: embedding dominates.
_VAD_SHARE, _EMBED_SHARE = 0.2, 0.75


def diarise(
    audio: np.ndarray,
    *,
    speakers: int | None = None,
    max_speakers: int = 10,
    on_progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
) -> list[SpeakerTurn]:
    """Speaker turns of a 16 kHz mono float32 recording, in time order.

    ``speakers`` fixes the number of speakers (an elite interview: 2); without it
    the number is estimated between 1 and ``max_speakers``. Labels are "S1".."SN"
    in order of first appearance. ``on_progress`` gets 0..1; setting ``cancel``
    stops the work with ``Cancelled``.
    """
    if speakers is not None and not 1 <= speakers <= 20:
        raise TranskriptError(f"The number of speakers must be between 1 and 20, not {speakers}.")
    if max_speakers < 1:
        raise TranskriptError("The largest number of speakers to look for must be at least 1.")
    report = on_progress or (lambda fraction: None)

    def check_cancel() -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled("Speaker recognition was stopped.")

    encoder = load_encoder()  # before the long work: a missing model fails at once
    report(0.0)
    threshold = NARROW_BAND_THRESHOLD if is_narrow_band(audio) else THRESHOLD
    regions = speech_regions(
        audio, on_progress=lambda f: report(_VAD_SHARE * f), cancel=cancel, threshold=threshold
    )
    windows = plan_windows(regions)
    embeddings = embed_windows(
        audio, windows, encoder, cancel=cancel, on_progress=lambda f: report(_VAD_SHARE + _EMBED_SHARE * f)
    )
    check_cancel()
    with single_blas_thread():
        labels = cluster_speakers(embeddings, speakers=speakers, max_speakers=max_speakers)
        labels = resegment(embeddings, windows, labels)
    check_cancel()
    turns = build_turns(_label_timeline(regions, windows, labels))
    report(1.0)
    return turns


def _label_timeline(
    regions: list[tuple[float, float]], windows: list[Window], labels: np.ndarray
) -> list[tuple[float, float, int]]:
    """Pieces of speech with their speaker: each window's own span, and short regions
    (too short to embed) labelled like the nearest window."""
    pieces = [(w.owns_start, w.owns_end, int(label)) for w, label in zip(windows, labels, strict=True)]
    if not windows:
        return [(start, end, 0) for start, end in regions]
    centres = [(w.start + w.end) / 2 for w in windows]
    for start, end in regions:
        if end - start >= MIN_WINDOW_SECONDS:
            continue  # it has windows of its own
        middle = (start + end) / 2
        i = bisect.bisect_left(centres, middle)
        candidates = [j for j in (i - 1, i) if 0 <= j < len(centres)]
        nearest = min(candidates, key=lambda j: abs(centres[j] - middle))
        pieces.append((start, end, int(labels[nearest])))
    return pieces
