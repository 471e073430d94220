"""The speaker-embedding network: Resemblyzer's voice encoder, run in numpy.

The network is a 3-layer LSTM over 40-band mel power spectra (25 ms frames,
10 ms hop) followed by a linear layer, ReLU and L2 normalisation; it maps any
stretch of one voice to a 256-dimensional point where the same voice lands
close by (cosine). It was trained on 1.6 s excerpts of speech normalised to
-30 dBFS, so windows are given to it the same way.

The weights come from the ``resemblyzer`` wheel on PyPI (Apache-2.0), or from
``voice-encoder.pt`` in the app's or the user's model folder (what a bundle
ships). Only the weights file is used: Resemblyzer's own code needs PyTorch,
librosa and webrtcvad, none of which this module needs.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import numpy as np

from ..asr.audio import SAMPLE_RATE
from ..asr.models import app_models_dir, user_models_dir
from ..errors import ModelNotAvailableError
from .weights import load_legacy_checkpoint

HOP = 160  # 10 ms between mel frames
N_FFT = 400  # 25 ms analysis window
N_MELS = 40
TRAINED_FRAMES = 160  # the encoder learned from 1.6 s excerpts
TARGET_DBFS = -30.0
WEIGHTS_NAME = "voice-encoder.pt"
# resemblyzer 0.1.4's pretrained.pt (17 090 379 bytes), as listed in the wheel's RECORD.
WEIGHTS_SHA256 = "39373b86598fa3da9fcddee6142382efe09777e8d37dc9c0561f41f0070f134e"


def find_weights() -> Path:
    """Where the encoder's weights are: app models/, the user's model folder, then the wheel."""
    searched = []
    for folder in (app_models_dir(), user_models_dir()):
        candidate = folder / WEIGHTS_NAME
        searched.append(str(candidate))
        if candidate.is_file():
            return candidate
    spec = importlib.util.find_spec("resemblyzer")  # finds the package without importing it
    if spec is not None and spec.submodule_search_locations:
        candidate = Path(next(iter(spec.submodule_search_locations))) / "pretrained.pt"
        if candidate.is_file():
            return candidate
    raise ModelNotAvailableError(
        "Speaker recognition needs the voice encoder model, which was not found. Install it with "
        "“pip install --no-deps resemblyzer==0.1.4” or copy its pretrained.pt as "
        f"{WEIGHTS_NAME} into one of: " + ", ".join(searched)
    )


class VoiceEncoder:
    """Turns batches of equally long audio windows into unit-length voice embeddings."""

    def __init__(self, state: dict[str, np.ndarray]):
        # One matrix per layer over [input, hidden] saves a matmul per time step.
        self._layers = []
        for layer in range(3):
            weight = np.concatenate(
                [state[f"lstm.weight_ih_l{layer}"], state[f"lstm.weight_hh_l{layer}"]], axis=1
            )
            bias = state[f"lstm.bias_ih_l{layer}"] + state[f"lstm.bias_hh_l{layer}"]
            self._layers.append((np.ascontiguousarray(weight.T, np.float32), bias.astype(np.float32)))
        self._linear_w = np.ascontiguousarray(state["linear.weight"].T, np.float32)
        self._linear_b = state["linear.bias"].astype(np.float32)
        self._mel_basis = mel_filterbank()
        self._window = np.hanning(N_FFT + 1)[:-1].astype(np.float32)  # periodic Hann, as librosa

    def embed(self, windows: np.ndarray) -> np.ndarray:
        """Embeddings (B, 256) of audio windows (B, samples) cut from 16 kHz speech."""
        return self.embed_mels(np.stack([self.mel_frames(w) for w in windows]))

    def mel_frames(self, window: np.ndarray) -> np.ndarray:
        """Mel power spectrogram (frames, 40) of one window, loudness-normalised first."""
        rms = float(np.sqrt(np.mean(np.square(window, dtype=np.float64))))
        if rms > 1e-6:
            window = window * np.float32(10 ** (TARGET_DBFS / 20) / rms)
        # Centred frames with zero padding (librosa's default) so frame j sits at j x 10 ms.
        padded = np.pad(window.astype(np.float32), N_FFT // 2)
        n_frames = 1 + len(window) // HOP
        frames = np.lib.stride_tricks.sliding_window_view(padded, N_FFT)[::HOP][:n_frames]
        power = np.abs(np.fft.rfft(frames * self._window, axis=1)) ** 2
        return (power @ self._mel_basis.T).astype(np.float32)

    def embed_mels(self, mels: np.ndarray) -> np.ndarray:
        """Embeddings of a batch of mel spectrograms (B, frames, 40)."""
        sequence = mels.astype(np.float32)
        for weight, bias in self._layers:
            sequence, hidden = _lstm_layer(sequence, weight, bias)
        raw = np.maximum(hidden @ self._linear_w + self._linear_b, 0.0)
        norms = np.linalg.norm(raw, axis=1, keepdims=True)
        return raw / np.maximum(norms, 1e-12)


def _lstm_layer(inputs: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One LSTM layer (PyTorch gate order i, f, g, o); returns all outputs and the last state."""
    batch, steps, _ = inputs.shape
    hidden_size = weight.shape[1] // 4
    h = np.zeros((batch, hidden_size), np.float32)
    c = np.zeros((batch, hidden_size), np.float32)
    outputs = np.empty((batch, steps, hidden_size), np.float32)
    for t in range(steps):
        gates = np.concatenate([inputs[:, t], h], axis=1) @ weight + bias
        i, f, g, o = np.split(gates, 4, axis=1)
        c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
        h = _sigmoid(o) * np.tanh(c)
        outputs[:, t] = h
    return outputs, h


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # tanh form: no overflow warnings for large |x|


def mel_filterbank(n_mels: int = N_MELS, n_fft: int = N_FFT, sr: int = SAMPLE_RATE) -> np.ndarray:
    """Slaney-style mel filters (librosa's default), as the encoder was trained with."""
    mels = np.linspace(_hz_to_mel(0.0), _hz_to_mel(sr / 2), n_mels + 2)
    hz = _mel_to_hz(mels)
    fft_freqs = np.linspace(0, sr / 2, 1 + n_fft // 2)
    ramps = hz[:, None] - fft_freqs[None, :]
    widths = np.diff(hz)
    lower = -ramps[:-2] / widths[:-1, None]
    upper = ramps[2:] / widths[1:, None]
    weights = np.maximum(0, np.minimum(lower, upper))
    weights *= (2.0 / (hz[2:] - hz[:-2]))[:, None]  # equal area per filter
    return weights.astype(np.float32)


_F_SP = 200.0 / 3  # Slaney: linear below 1 kHz, logarithmic above
_MIN_LOG_HZ = 1000.0
_MIN_LOG_MEL = _MIN_LOG_HZ / _F_SP
_LOG_STEP = np.log(6.4) / 27.0


def _hz_to_mel(hz: float) -> float:
    if hz < _MIN_LOG_HZ:
        return hz / _F_SP
    return _MIN_LOG_MEL + float(np.log(hz / _MIN_LOG_HZ)) / _LOG_STEP


def _mel_to_hz(mels: np.ndarray) -> np.ndarray:
    linear = _F_SP * mels
    logarithmic = _MIN_LOG_HZ * np.exp(_LOG_STEP * (mels - _MIN_LOG_MEL))
    return np.where(mels >= _MIN_LOG_MEL, logarithmic, linear)


@functools.lru_cache(maxsize=1)
def load_encoder() -> VoiceEncoder:
    """The encoder, loaded once per process (about 6 MB of weights)."""
    checkpoint = load_legacy_checkpoint(find_weights())
    return VoiceEncoder(checkpoint["model_state"])
