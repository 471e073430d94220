"""Whisper's log-Mel features for long recordings, in blocks instead of all at once.

faster-whisper computes the spectrogram of the whole recording in one numpy
expression, which briefly holds several full-length intermediate arrays
(windowed frames, complex FFT, a complex64 copy, magnitudes): about 10 bytes of
temporary memory per audio sample per array, so ~0.4 GB extra for 10 minutes and
~4 GB for a two-hour focus group. This computes the same features block by
block: each frame is the same FFT of the same samples (equal to float32
rounding: a matrix product over fewer columns may round the last bit
differently), and the one step that
looks at the whole recording (clamping to 8 decades below the loudest value)
runs once at the end, in place.
"""

from __future__ import annotations

import numpy as np
from faster_whisper.feature_extractor import FeatureExtractor

# Frames per block: 5 minutes of audio keeps the temporaries around 60 MB.
BLOCK_FRAMES = 30_000


class BlockwiseFeatureExtractor(FeatureExtractor):
    """A drop-in ``FeatureExtractor`` whose temporary memory does not grow with the audio."""

    @classmethod
    def replacing(cls, original: FeatureExtractor) -> BlockwiseFeatureExtractor:
        """The same extractor (filters, sizes) with the blockwise computation."""
        extractor = cls.__new__(cls)
        extractor.__dict__.update(original.__dict__)
        return extractor

    def __call__(self, waveform: np.ndarray, padding=160, chunk_length=None):
        if len(waveform) + padding <= BLOCK_FRAMES * self.hop_length:
            return super().__call__(waveform, padding=padding, chunk_length=chunk_length)
        if chunk_length is not None:
            self.n_samples = chunk_length * self.sampling_rate
            self.nb_max_frames = self.n_samples // self.hop_length
        centred = self._centred_signal(waveform.astype(np.float32, copy=False), padding)
        n_frames = 1 + (len(centred) - self.n_fft) // self.hop_length
        features = np.empty((self.mel_filters.shape[0], n_frames - 1), dtype=np.float32)
        window = np.hanning(self.n_fft + 1)[:-1].astype("float32")
        for first in range(0, n_frames - 1, BLOCK_FRAMES):
            last = min(first + BLOCK_FRAMES, n_frames - 1)  # the final frame is dropped, as upstream
            features[:, first:last] = self._log_mel(centred, first, last, window)
        np.maximum(features, features.max() - 8.0, out=features)
        features += 4.0
        features /= 4.0
        return features

    def _centred_signal(self, waveform: np.ndarray, padding: int) -> np.ndarray:
        """``np.pad(np.pad(waveform, (0, padding)), n_fft // 2, mode="reflect")`` in one array."""
        half = self.n_fft // 2
        padded_length = len(waveform) + padding
        centred = np.zeros(padded_length + 2 * half, dtype=np.float32)
        centred[half : half + len(waveform)] = waveform
        body = centred[half : half + padded_length]
        centred[:half] = body[half:0:-1]
        centred[half + padded_length :] = body[-2 : -half - 2 : -1]
        return centred

    def _log_mel(self, centred: np.ndarray, first: int, last: int, window: np.ndarray) -> np.ndarray:
        start = first * self.hop_length
        span = centred[start : start + (last - first - 1) * self.hop_length + self.n_fft]
        frames = np.lib.stride_tricks.as_strided(
            span, (last - first, self.n_fft), (self.hop_length * span.strides[0], span.strides[0])
        )
        spectrum = np.fft.rfft(frames * window, n=self.n_fft, axis=-1).astype("complex64").T
        magnitudes = np.abs(spectrum) ** 2
        return np.log10(np.clip(self.mel_filters @ magnitudes, a_min=1e-10, a_max=None))
