"""One voice embedding for one speaker: the mean of the encoder's embeddings over their speech.

The encoder of ``core/diarise`` (resemblyzer's network) embeds 1.6 s windows; a
speaker's voice is the normalised mean of windows laid end to end over the
stretches they speak (Resemblyzer's own utterance embedding does the same). The
same function makes a profile at enrolment and the embedding of a speaker found
by diarisation, so both land in one voice space.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from ..asr.audio import SAMPLE_RATE
from ..diarise.encoder import load_encoder
from ..diarise.windows import BATCH, WINDOW_SECONDS, single_blas_thread
from ..errors import Cancelled

# Up to this much speech is embedded per speaker, spread over the whole recording: a voice is
# steady after a minute, and a two-hour interview's interviewer would otherwise take minutes.
MAX_SECONDS = 120.0
# The edges of a stretch are where a diariser or a word time is least sure whose voice it is.
EDGE_SECONDS = 0.1


@dataclass(frozen=True)
class VoiceEmbedding:
    """A speaker's voice (unit length, 256) and the seconds of speech it was made from."""

    vector: np.ndarray
    speech_seconds: float


def speaker_embedding(audio: np.ndarray, stretches: list[tuple[float, float]]) -> VoiceEmbedding | None:
    """The voice in ``stretches`` (seconds) of a 16 kHz recording; None when no window fits in them."""
    return speaker_embeddings(audio, {"": stretches}).get("")


def speaker_embeddings(
    audio: np.ndarray,
    stretches: dict[str, list[tuple[float, float]]],
    *,
    cancel: threading.Event | None = None,
) -> dict[str, VoiceEmbedding]:
    """The voice of each speaker in ``stretches`` (label → seconds); a speaker no window fits is left out.

    All speakers' windows go through the encoder together: its cost is per time step more than
    per window, so one large batch is much cheaper than a small one per speaker. Setting ``cancel``
    stops the work with ``Cancelled``.
    """
    duration = len(audio) / SAMPLE_RATE
    planned = {label: _spread(_windows(spans, duration)) for label, spans in stretches.items()}
    starts = [start for windows in planned.values() for start in windows]
    if not starts:
        return {}
    size = int(WINDOW_SECONDS * SAMPLE_RATE)
    encoder = load_encoder()
    parts = []
    with single_blas_thread():
        for first in range(0, len(starts), BATCH):
            if cancel is not None and cancel.is_set():
                raise Cancelled("Speaker recognition was stopped.")
            batch = [audio[int(round(s * SAMPLE_RATE)) :][:size] for s in starts[first : first + BATCH]]
            parts.append(encoder.embed(np.stack([np.pad(b, (0, size - len(b))) for b in batch])))
    embedded = np.concatenate(parts)
    out, offset = {}, 0
    for label, windows in planned.items():
        mine, offset = embedded[offset : offset + len(windows)], offset + len(windows)
        norm = float(np.linalg.norm(mine.mean(axis=0))) if len(mine) else 0.0
        if norm > 1e-9:
            vector = (mine.mean(axis=0) / norm).astype(np.float32)
            out[label] = VoiceEmbedding(vector, round(len(windows) * WINDOW_SECONDS, 1))
    return out


def _spread(windows: list[float]) -> list[float]:
    """At most ``MAX_SECONDS`` of windows, taken evenly over the whole recording."""
    if len(windows) * WINDOW_SECONDS <= MAX_SECONDS:
        return windows
    keep = np.linspace(0, len(windows) - 1, int(MAX_SECONDS / WINDOW_SECONDS)).round().astype(int)
    return [windows[i] for i in sorted(set(keep.tolist()))]


def _windows(stretches: list[tuple[float, float]], duration: float) -> list[float]:
    """Starts of whole windows laid end to end inside each stretch (less its edges)."""
    starts = []
    for start, end in sorted(stretches):
        start, end = max(0.0, start + EDGE_SECONDS), min(duration, end - EDGE_SECONDS)
        count = int((end - start) // WINDOW_SECONDS)
        # Centred in the stretch, so the leftover is split between the two edges.
        offset = start + (end - start - count * WINDOW_SECONDS) / 2
        starts += [offset + i * WINDOW_SECONDS for i in range(count)]
    return starts


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine similarity of two unit-length voices: 1 the same direction, about 0.5 strangers."""
    return float(np.dot(a, b))
