"""Speaker recognition on narrow-band and echoing audio: the telephone-band detector, the
eigengap count and the re-segmentation step, each on cases whose answer is known."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from tests.speech import LONGFORM
from transcribe_app.core.asr.audio import decode_audio
from transcribe_app.core.diarise.band import is_narrow_band
from transcribe_app.core.diarise.cluster import cluster_speakers, eigengap_count
from transcribe_app.core.diarise.resegment import resegment
from transcribe_app.core.diarise.windows import plan_windows

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import conversation_mix as cm  # noqa: E402


@pytest.fixture(scope="module")
def speech() -> np.ndarray:
    return decode_audio(LONGFORM).samples[: 40 * 16000].astype(np.float64)


def test_telephone_audio_is_told_from_wide_band_and_opus(speech):
    assert not is_narrow_band(speech)
    assert is_narrow_band(cm.telephone(speech))
    assert not is_narrow_band(cm.opus_round_trip(speech, 14))  # Teams-like Opus keeps 8 kHz of band
    assert not is_narrow_band(np.zeros(5 * 16000))  # digital silence says nothing
    assert not is_narrow_band(speech[:8000])  # too short to judge


def voices(counts: list[int], spread: float, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors around ``len(counts)`` random voice centres, ``counts[i]`` windows each."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((len(counts), 256))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    truth = np.repeat(np.arange(len(counts)), counts)
    points = centres[truth] + spread * rng.standard_normal((len(truth), 256))
    return points / np.linalg.norm(points, axis=1, keepdims=True), truth


@pytest.mark.parametrize("speakers", [2, 3, 5])
def test_eigengap_counts_separate_voices(speakers):
    x, _ = voices([40] * speakers, 0.06, seed=speakers)
    assert eigengap_count(x, 10) == speakers


def test_the_count_is_not_the_silhouettes_coarse_split_when_voices_crowd_together():
    # Two pairs of close voices (as two men and two women sound on a phone line): the
    # silhouette prefers 2; the neighbourhoods still form 4 groups.
    rng = np.random.default_rng(3)
    pair = rng.standard_normal((2, 256))
    centres = np.concatenate(
        [pair[[0]] + 0.45 * rng.standard_normal((2, 256)), pair[[1]] + 0.45 * rng.standard_normal((2, 256))]
    )
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    truth = np.repeat(np.arange(4), 40)
    x = centres[truth] + 0.05 * rng.standard_normal((160, 256))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    labels = cluster_speakers(x.astype(np.float32))
    assert labels.max() + 1 == 4
    agree = sum(np.bincount(labels[truth == j]).max() for j in range(4))
    assert agree == 160


def test_resegmentation_returns_a_stray_window_to_its_speaker_and_keeps_real_changes():
    x, truth = voices([20, 20], 0.05, seed=7)  # two speakers, one speech region each
    windows = plan_windows([(0.0, 9.2), (10.0, 19.2)])
    assert len(windows) == 40
    labels = truth.copy()
    labels[5] = 1  # clustering put one window of speaker 0's stretch with speaker 1
    assert np.array_equal(resegment(x, windows, labels), truth)
    assert np.array_equal(resegment(x, windows, truth), truth)  # a right answer stays


def test_a_window_that_sounds_a_little_more_like_someone_else_stays_in_its_stretch():
    x, truth = voices([20, 20], 0.05, seed=8)
    windows = plan_windows([(0.0, 9.2), (10.0, 19.2)])
    centre = [x[truth == j].mean(axis=0) for j in range(2)]
    blend = 0.45 * centre[0] + 0.55 * centre[1]  # a cough, a laugh: slightly nearer speaker 1
    x[5] = blend / np.linalg.norm(blend)
    labels = truth.copy()
    labels[5] = 1  # what window-by-window assignment says
    assert np.array_equal(resegment(x, windows, labels), truth)


def test_resegmentation_never_loses_a_speaker(monkeypatch):
    from transcribe_app.core.diarise import resegment as module

    x, truth = voices([30, 2], 0.05, seed=1)  # someone who says one word
    windows = plan_windows([(0.0, 14.0)])
    assert len(windows) == 32
    # With changes made very costly, the best path alone would give the word to the first
    # speaker; how many speakers there are is the clustering's decision, so nothing moves.
    monkeypatch.setattr(module, "SWITCH_COST", 5.0)
    assert len(set(module._viterbi(x @ np.stack([x[:30].mean(0), x[30:].mean(0)]).T, np.full(32, 5.0)))) == 1
    assert np.array_equal(resegment(x, windows, truth), truth)
