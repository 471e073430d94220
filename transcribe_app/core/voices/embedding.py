"""One voice embedding for one speaker: the mean of the encoder's embeddings over their speech.

The encoder of ``core/diarise`` (resemblyzer's network) embeds 1.6 s windows; a
speaker's voice is the normalised mean of windows laid end to end over the
stretches they speak (Resemblyzer's own utterance embedding does the same). The
same function makes a profile at enrolment and the embedding of a speaker found
by diarisation, so both land in one voice space.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..asr.audio import SAMPLE_RATE
from ..diarise.encoder import load_encoder
from ..diarise.windows import BATCH, WINDOW_SECONDS, single_blas_thread

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
    windows = _windows(stretches, len(audio) / SAMPLE_RATE)
    if not windows:
        return None
    if len(windows) * WINDOW_SECONDS > MAX_SECONDS:
        keep = np.linspace(0, len(windows) - 1, int(MAX_SECONDS / WINDOW_SECONDS)).round().astype(int)
        windows = [windows[i] for i in sorted(set(keep.tolist()))]
    size = int(WINDOW_SECONDS * SAMPLE_RATE)
    encoder = load_encoder()
    parts = []
    with single_blas_thread():
        for first in range(0, len(windows), BATCH):
            batch = [audio[int(round(s * SAMPLE_RATE)) :][:size] for s in windows[first : first + BATCH]]
            parts.append(encoder.embed(np.stack([np.pad(b, (0, size - len(b))) for b in batch])))
    mean = np.concatenate(parts).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    if norm < 1e-9:
        return None
    return VoiceEmbedding((mean / norm).astype(np.float32), round(len(windows) * WINDOW_SECONDS, 1))


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
