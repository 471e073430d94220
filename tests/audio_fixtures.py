"""Make the recordings that tests/test_audio.py decodes, with PyAV only.

No ``ffmpeg`` program is needed (the developer's machine and CI may lack
one): PyAV carries its own encoders. Every helper takes 16 kHz int16 samples
shaped ``(channels, n)`` and lets the encoder resample to the rate the codec
or the test wants.
"""

from __future__ import annotations

import struct
import wave
from pathlib import Path

import av
import numpy as np

SAMPLE_RATE = 16_000
DATA = Path(__file__).parent / "data"
# 7.58 s of real Danish speech, 16 kHz mono int16 (NST, CC0).
SPEECH_WAV = DATA / "nst_da" / "wav" / "danspeech_u0042010.wav"


def read_wav(path: Path) -> np.ndarray:
    """The int16 samples of a 16 kHz mono WAV, as a 1-D array."""
    with wave.open(str(path)) as handle:
        assert (handle.getnchannels(), handle.getsampwidth(), handle.getframerate()) == (1, 2, SAMPLE_RATE)
        return np.frombuffer(handle.readframes(handle.getnframes()), dtype="<i2")


def write_wav_header(handle, n_frames: int, rate: int = SAMPLE_RATE) -> None:
    """A 44-byte 16-bit mono PCM WAV header for ``n_frames`` samples."""
    data_bytes = n_frames * 2
    fmt = struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
    handle.write(b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVE" + b"fmt " + fmt)
    handle.write(b"data" + struct.pack("<I", data_bytes))


def quiet_minutes(minutes: int, seed: int = 0):
    """Yield one minute at a time of a quiet 220 Hz tone with a little noise (int16)."""
    rng = np.random.default_rng(seed)
    n = 60 * SAMPLE_RATE
    tone = 300 * np.sin(np.arange(n) * 2 * np.pi * 220 / SAMPLE_RATE)
    for _ in range(minutes):
        yield (tone + rng.normal(0, 30, n)).astype("<i2")


def write_long_wav(path: Path, minutes: int) -> None:
    """A long 16 kHz mono WAV written a minute at a time, so making it needs little memory."""
    with open(path, "wb") as handle:
        write_wav_header(handle, minutes * 60 * SAMPLE_RATE)
        for chunk in quiet_minutes(minutes):
            handle.write(chunk.tobytes())


def encode(
    path: Path,
    chunks,
    codec: str,
    rate: int = SAMPLE_RATE,
    layout: str = "mono",
    container_format: str | None = None,
    video_codec: str | None = None,
) -> Path:
    """Encode int16 ``(channels, n)`` chunks at 16 kHz into ``path``.

    With ``video_codec`` the file also gets a small moving-picture stream first,
    as in a Teams, Zoom or phone video, so the decoder must pick the audio out.
    """
    with av.open(str(path), "w", format=container_format) as out:
        video = None
        if video_codec:
            video = out.add_stream(video_codec, rate=10)
            video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
        audio = out.add_stream(codec, rate=rate)
        audio.layout = layout
        pts = 0
        for chunk in chunks:
            chunk = np.ascontiguousarray(chunk.reshape(-1, chunk.shape[-1]))
            in_layout = "mono" if chunk.shape[0] == 1 else "stereo"
            frame = av.AudioFrame.from_ndarray(chunk, format="s16p", layout=in_layout)
            frame.sample_rate, frame.pts = SAMPLE_RATE, pts
            pts += chunk.shape[1]
            out.mux(audio.encode(frame))
        out.mux(audio.encode(None))
        if video is not None:
            _add_pictures(out, video, seconds=pts / SAMPLE_RATE)
    return path


def _add_pictures(out, video, seconds: float) -> None:
    for i in range(int(seconds * 10)):
        picture = np.full((48, 64, 3), (i * 7) % 256, dtype=np.uint8)
        frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
        frame.pts = i
        out.mux(video.encode(frame))
    out.mux(video.encode(None))


def write_video_only(path: Path, seconds: float = 2.0) -> Path:
    """A video file with pictures but no sound track (a screen recording with the mic off)."""
    with av.open(str(path), "w") as out:
        video = out.add_stream("libx264", rate=10)
        video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
        _add_pictures(out, video, seconds)
    return path


def aligned_correlation(decoded: np.ndarray, reference: np.ndarray, max_lag: int = 4000) -> float:
    """Pearson correlation after shifting by the best lag (up to 0.25 s).

    Codecs may add priming samples at the start or padding at the end; this
    lines the two signals up before comparing, then compares the overlap.
    """
    n = 1 << int(np.ceil(np.log2(len(decoded) + len(reference))))
    spectrum = np.fft.rfft(decoded, n) * np.conj(np.fft.rfft(reference, n))
    cross = np.fft.irfft(spectrum, n)
    lags = np.r_[np.arange(max_lag + 1), np.arange(-max_lag, 0)]
    lag = int(lags[np.argmax(np.r_[cross[: max_lag + 1], cross[-max_lag:]])])
    a, b = (decoded[lag:], reference) if lag >= 0 else (decoded, reference[-lag:])
    m = min(len(a), len(b))
    return float(np.corrcoef(a[:m], b[:m])[0, 1])
