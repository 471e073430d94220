"""The blockwise spectrogram is faster-whisper's (to float32 rounding) at a fraction of the memory.

Matrix products over a different number of columns may round the last bit
differently (1 ulp, ~1e-7 on values of order 1); anything larger is a bug.
"""

from __future__ import annotations

import numpy as np
import pytest
from faster_whisper.feature_extractor import FeatureExtractor

from tests.speech import LONGFORM
from transcribe_app.core.asr import features
from transcribe_app.core.asr.audio import decode_audio
from transcribe_app.core.asr.features import BlockwiseFeatureExtractor

FLOAT32_ROUNDING = 2.5e-7


@pytest.mark.parametrize("seconds", [0.5, 29.0, 127.0])
def test_identical_to_the_library(monkeypatch, seconds):
    monkeypatch.setattr(features, "BLOCK_FRAMES", 1_000)  # many blocks, and a short last one
    audio = decode_audio(LONGFORM).samples[: int(seconds * 16_000)]
    expected = FeatureExtractor()(audio, chunk_length=30)
    got = BlockwiseFeatureExtractor.replacing(FeatureExtractor())(audio, chunk_length=30)
    assert got.shape == expected.shape
    assert np.abs(got - expected).max() <= FLOAT32_ROUNDING


def test_block_boundaries_do_not_matter(monkeypatch):
    audio = decode_audio(LONGFORM).samples[: 40 * 16_000]
    results = []
    for block in (997, 4_000):
        monkeypatch.setattr(features, "BLOCK_FRAMES", block)
        results.append(BlockwiseFeatureExtractor.replacing(FeatureExtractor())(audio))
    assert np.abs(results[0] - results[1]).max() <= FLOAT32_ROUNDING
