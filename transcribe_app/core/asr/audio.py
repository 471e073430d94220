"""Decode what researchers record into 16 kHz mono float32, the input Whisper wants.

PyAV carries its own FFmpeg libraries, so neither the developer's machine nor
the bundled app needs an ``ffmpeg`` program. The decoded signal is written
into one preallocated array sized from the container's duration, so a
two-hour focus group needs about the memory of its decoded audio
(2 h x 16 000 x 4 bytes = 460 MB) and not several copies of it.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import BadInputError

SAMPLE_RATE = 16_000
SUPPORTED_FORMATS = "WAV, MP3, M4A/AAC, OGG/Opus, FLAC, and the sound of MP4/MOV video"

log = logging.getLogger(__name__)


@dataclass
class DecodedAudio:
    """The whole recording as Whisper's input, plus what went wrong on the way."""

    samples: np.ndarray
    warnings: list[str] = field(default_factory=list)

    @property
    def duration(self) -> float:
        return len(self.samples) / SAMPLE_RATE


def decode_audio(path: str | os.PathLike[str]) -> DecodedAudio:
    """Decode the audio track of ``path`` to 16 kHz mono float32.

    Raises ``BadInputError`` with a message for the researcher when the file
    is missing, empty or not audio. A file that breaks off part-way (a
    recording cut short by a full phone) keeps what could be decoded and says
    so in ``warnings``.
    """
    import av  # imported here so that `core` loads fast for commands that don't decode

    path = Path(path)
    _check_readable(path)
    try:
        container = av.open(str(path))
    except av.error.FFmpegError as exc:
        raise BadInputError(
            f"“{path.name}” is not a sound or video file Transkript can read "
            f"(supported: {SUPPORTED_FORMATS})."
        ) from exc
    with container:
        stream = next((s for s in container.streams if s.type == "audio"), None)
        if stream is None:
            raise BadInputError(f"“{path.name}” has no sound track.")
        stream.thread_type = "AUTO"
        announced = _announced_samples(container, stream)
        # The header is a claim; the file's size bounds what it can hold. Preallocate no more than
        # that (a damaged or hostile FLAC header can claim 2^36 samples: 256 GiB), grow if needed.
        buffer = _SampleBuffer(min(announced, _most_samples(path)) + SAMPLE_RATE)  # slack for rounding
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        warnings: list[str] = []
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    buffer.append(out.to_ndarray().reshape(-1))
        except av.error.FFmpegError as exc:
            if buffer.size == 0:
                raise BadInputError(
                    f"“{path.name}” is damaged or was not finished: no sound could be decoded from it."
                ) from exc
            warnings.append(
                f"“{path.name}” is damaged after {buffer.size / SAMPLE_RATE:.1f} s; "
                "only the part before that was read."
            )
        for out in resampler.resample(None):
            buffer.append(out.to_ndarray().reshape(-1))
        if not warnings and _cut_short(announced, buffer.size):
            warnings.append(
                f"“{path.name}” ends after {buffer.size / SAMPLE_RATE:.1f} s although it says it is "
                f"{announced / SAMPLE_RATE:.1f} s long; the recording may have been cut short."
            )
    for message in warnings:
        log.warning(message)
    return DecodedAudio(buffer.result(), warnings)


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise BadInputError(f"The recording “{path}” does not exist.")
    if path.is_dir():
        raise BadInputError(f"“{path}” is a folder, not a recording.")
    if path.stat().st_size == 0:
        raise BadInputError(f"The recording “{path.name}” is empty (0 bytes).")


def _announced_samples(container, stream) -> int:
    """How many 16 kHz samples the file says it holds, from its header (0 if unknown)."""
    seconds = 0.0
    if stream.duration is not None and stream.time_base is not None:
        seconds = float(stream.duration * stream.time_base)
    elif container.duration is not None:
        seconds = container.duration / 1_000_000
    if not math.isfinite(seconds) or seconds <= 0:  # a header without a usable length
        return 0
    return int(seconds * SAMPLE_RATE)


# Speech codecs need at least ~4 kbit/s (Opus, AMR at their lowest): 500 bytes for a second of
# 16 kHz output, 32 samples a byte. Only silence packs tighter, and the buffer grows for that.
MOST_SAMPLES_PER_BYTE = 32


def _most_samples(path: Path) -> int:
    """How many 16 kHz samples a recording of this many bytes can plausibly hold (to preallocate)."""
    return path.stat().st_size * MOST_SAMPLES_PER_BYTE


def _cut_short(announced: int, decoded: int) -> bool:
    # FFmpeg estimates the length of header-less streams (raw AAC) to within a few
    # per cent; only a larger shortfall means the recording itself stops early.
    return announced - decoded > max(SAMPLE_RATE, 0.05 * announced)


class _SampleBuffer:
    """A float32 array allocated once from the header's length, resized in place.

    ``ndarray.resize`` reallocates (or remaps) the same block instead of copying
    into a second array, so a header that is wrong in either direction still
    costs about one copy of the audio, not two.
    """

    def __init__(self, expected: int):
        self._data = np.empty(max(expected, SAMPLE_RATE), dtype=np.float32)
        self.size = 0

    def append(self, chunk: np.ndarray) -> None:
        end = self.size + len(chunk)
        if end > len(self._data):
            # The header understated the length or had none: grow by half again, not double.
            self._data.resize(max(end, int(len(self._data) * 1.5)), refcheck=False)
        self._data[self.size : end] = chunk
        self.size = end

    def result(self) -> np.ndarray:
        if self.size < len(self._data):
            self._data.resize(self.size, refcheck=False)  # shrink in place: give back the slack
        return self._data


def is_silent(samples: np.ndarray, threshold_dbfs: float = -60.0) -> bool:
    """True when no sample rises above ``threshold_dbfs``: a recording with nothing on it."""
    if len(samples) == 0:
        return True
    return float(np.max(np.abs(samples))) < 10 ** (threshold_dbfs / 20)


def file_sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file, read in chunks: it ties a transcript to its exact recording."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
