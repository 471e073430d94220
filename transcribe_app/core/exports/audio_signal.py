"""The sound of a pseudonymised recording: decode, cover, (disguise,) encode — streamed, in one
atomic write.

The recording is read frame by frame and written as it is read, so a two-hour interview needs
the memory of a few frames, not of its decoded sound. Each frame's samples are covered where a
span lies on them: a 1 kHz tone computed from the sample's place in the whole recording (so the
tone runs on without a click across frames) or silence. Outside the spans the samples are the
recording's own, resampled only where the output format demands another rate (Opus: 48 kHz).
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BadInputError
from .files import atomic_write_stream

if TYPE_CHECKING:
    import numpy as np

    from .audio import AudioFormat
    from .audio_spans import CoveredSpan

COVERS = ("tone", "silence")
TONE_HZ = 1000.0
TONE_LEVEL = 0.2  # about −14 dBFS: clearly heard over speech, not painful


def encoder_available(codec: str) -> bool:
    """Whether this installation's FFmpeg (PyAV's) can write ``codec``."""
    import av

    try:
        av.codec.Codec(codec, "w")
    except Exception:  # PyAV raises different errors for an unknown and an unbuilt encoder
        return False
    return True


class Cover:
    """Covers blocks of samples (channels × n, float), in place, where they lie in ``spans``.

    A span from ``s`` to ``e`` seconds covers the samples ``round(s·rate)`` up to (not including)
    ``round(e·rate)`` of the whole recording, whichever blocks they arrive in. The spans are made
    one sorted list of disjoint sample ranges once, so that a block finds the few that reach it by
    bisection: a two-hour interview arrives in a hundred thousand blocks and may have hundreds of
    names."""

    def __init__(self, spans: Sequence[CoveredSpan], rate: int, kind: str = "tone"):
        ranges: list[list[int]] = []
        for lo, hi in sorted((round(s.start * rate), round(s.end * rate)) for s in spans):
            if hi <= lo:
                continue
            if ranges and lo <= ranges[-1][1]:
                ranges[-1][1] = max(ranges[-1][1], hi)
            else:
                ranges.append([lo, hi])
        self.ranges = ranges
        self.ends = [hi for _, hi in ranges]  # sorted too, the ranges being disjoint
        self.rate = rate
        self.kind = kind

    def __call__(self, samples: np.ndarray, first: int) -> None:
        """Cover ``samples``, whose first sample is sample ``first`` of the whole recording."""
        import numpy as np

        count = samples.shape[-1]
        index = bisect.bisect_right(self.ends, first)  # the first range that ends after the block starts
        while index < len(self.ranges) and self.ranges[index][0] < first + count:
            span_start, span_end = self.ranges[index]
            lo, hi = max(span_start - first, 0), min(span_end - first, count)
            if self.kind == "silence":
                samples[..., lo:hi] = 0.0
            else:
                sample = np.arange(first + lo, first + hi, dtype=np.float64)
                tone = TONE_LEVEL * np.sin(2 * np.pi * TONE_HZ * sample / self.rate)
                samples[..., lo:hi] = tone.astype(samples.dtype)
            index += 1


def output_rate(rate: int, allowed: tuple[int, ...]) -> int:
    """``rate`` if the encoder takes it (or takes any), else the nearest rate it takes."""
    if not allowed or rate in allowed:
        return rate
    return min(allowed, key=lambda r: (abs(r - rate), -r))


def write_covered(
    recording: Path,
    output: str | os.PathLike[str],
    fmt: AudioFormat,
    spans: Sequence[CoveredSpan],
    *,
    cover: str = "tone",
    semitones: float = 0.0,
) -> None:
    """Write ``recording`` to ``output`` as ``fmt`` with ``spans`` covered (and the voices shifted by
    ``semitones``), atomically: a failure leaves no file, or the old one as it was."""

    def write(target) -> None:
        _stream(recording, target, fmt, spans, cover, semitones)

    atomic_write_stream(output, write)


def _stream(recording: Path, target, fmt: AudioFormat, spans, cover: str, semitones: float) -> None:
    import av

    try:
        source = av.open(str(recording))
    except av.error.FFmpegError as error:
        raise BadInputError(f"The recording “{recording.name}” cannot be read: {error}.") from error
    with source:
        stream = next((s for s in source.streams if s.type == "audio"), None)
        if stream is None:
            raise BadInputError(f"The recording “{recording.name}” has no sound track.")
        rate = output_rate(stream.rate or 16_000, fmt.rates)
        layout = "mono" if (stream.channels or 1) == 1 else "stereo"
        resampler = av.AudioResampler(format="fltp", layout=layout, rate=rate)
        shifter = _shifter(semitones, rate)
        cover_block = Cover(spans, rate, cover)
        with av.open(target, "w", format=fmt.container) as sink:
            out = sink.add_stream(fmt.codec, rate=rate, layout=layout)
            read = written = 0  # samples covered (the recording's time) and samples encoded

            def put(block) -> None:
                nonlocal read, written
                samples = block.to_ndarray() if block is not None else None
                if samples is not None:  # covered before the disguise: a name's sound never enters it
                    cover_block(samples, read)
                    read += samples.shape[-1]
                for shifted in shifter(samples):
                    frame = av.AudioFrame.from_ndarray(shifted, format="fltp", layout=layout)
                    frame.sample_rate, frame.pts, frame.time_base = rate, written, Fraction(1, rate)
                    written += shifted.shape[-1]
                    for packet in out.encode(frame):
                        sink.mux(packet)

            try:
                for decoded in source.decode(stream):
                    for block in resampler.resample(decoded):
                        put(block)
                for block in resampler.resample(None):
                    put(block)
                put(None)
            except av.error.FFmpegError as error:
                raise BadInputError(
                    f"The recording “{recording.name}” is damaged part-way ({error}); no pseudonymised copy "
                    "was written, since its end could not be covered."
                ) from error
            for packet in out.encode(None):
                sink.mux(packet)


def _shifter(semitones: float, rate: int):
    """Blocks of samples in, blocks out: as they are (0 semitones), or through the voice disguise."""
    if not semitones:

        def unchanged(block):
            return [] if block is None else [block.copy()]

        return unchanged
    from .audio_disguise import PitchShifter

    return PitchShifter(semitones, rate)
