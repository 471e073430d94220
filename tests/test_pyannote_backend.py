"""The optional pyannote backend: found only when the user has it, and its output made ours.

pyannote.audio cannot be installed here (it needs a torchaudio built for this
exact torch, and its models come from a hub), so these tests give the adapter a
stand-in ``pyannote.audio`` with pyannote's interfaces (``Pipeline.from_pretrained``,
a call with a waveform dict and a hook, ``Annotation.itertracks``) and check what
*our* code does with it: where it looks, what it passes, how it names speakers,
that it stops on cancel, and what it says when something is missing.
"""

from __future__ import annotations

import importlib.machinery
import os
import sys
import threading
import types
from dataclasses import dataclass

import numpy as np
import pytest

from transcribe_app.core.diarise import SpeakerTurn
from transcribe_app.core.diarise import pyannote_backend as backend
from transcribe_app.core.errors import Cancelled, ModelNotAvailableError


@dataclass
class Span:
    start: float
    end: float


class FakeAnnotation:
    def __init__(self, tracks):
        self.tracks = tracks

    def itertracks(self, yield_label=False):
        for i, (start, end, label) in enumerate(self.tracks):
            yield Span(start, end), i, label


class FakePipeline:
    calls: list = []

    @classmethod
    def from_pretrained(cls, path):
        cls.calls.append(("load", path))
        return cls()

    def __call__(self, recording, hook=None, **size):
        FakePipeline.calls.append(("run", recording["sample_rate"], tuple(recording["waveform"].shape), size))
        hook("segmentation", None, total=2, completed=1)
        hook("embeddings", None, total=2, completed=2)
        # pyannote's own labels, out of time order, with an overlap
        return FakeAnnotation([(4.0, 6.0, "SPEAKER_00"), (0.5, 4.2, "SPEAKER_01"), (6.5, 7.0, "SPEAKER_01")])


def install_stand_in_pyannote(monkeypatch) -> None:
    """``pyannote`` and ``pyannote.audio`` as importable modules whose ``Pipeline`` is ``FakePipeline``."""
    package = types.ModuleType("pyannote")
    package.__path__ = []
    package.__spec__ = importlib.machinery.ModuleSpec("pyannote", None, is_package=True)
    audio = types.ModuleType("pyannote.audio")
    audio.__spec__ = importlib.machinery.ModuleSpec("pyannote.audio", None)
    audio.Pipeline = FakePipeline
    monkeypatch.setitem(sys.modules, "pyannote", package)
    monkeypatch.setitem(sys.modules, "pyannote.audio", audio)
    FakePipeline.calls = []
    for name in ("PYANNOTE_METRICS_ENABLED", "HF_HUB_DISABLE_TELEMETRY"):  # set by the adapter: undone after
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fake_pyannote(monkeypatch, isolated_models):
    install_stand_in_pyannote(monkeypatch)
    app_dir, _ = isolated_models
    (app_dir / "pyannote").mkdir()
    (app_dir / "pyannote" / "config.yaml").write_text("pipeline: {}\n", encoding="utf-8")
    return app_dir / "pyannote" / "config.yaml"


def test_turns_are_renamed_by_first_appearance_and_sorted(fake_pyannote):
    progress: list[float] = []
    turns = backend.diarise_with_pyannote(
        np.zeros(16_000 * 8, np.float32), speakers=2, on_progress=progress.append
    )
    assert turns == [SpeakerTurn(0.5, 4.2, "S1"), SpeakerTurn(4.0, 6.0, "S2"), SpeakerTurn(6.5, 7.0, "S1")]
    assert FakePipeline.calls == [
        ("load", str(fake_pyannote)),
        ("run", 16_000, (1, 128_000), {"num_speakers": 2}),
    ]
    assert progress == [0.5, 0.99, 1.0]


def test_without_a_count_it_passes_the_upper_bound(fake_pyannote):
    backend.diarise_with_pyannote(np.zeros(16_000, np.float32), max_speakers=6)
    assert FakePipeline.calls[-1][-1] == {"max_speakers": 6}


def test_cancel_stops_it(fake_pyannote):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        backend.diarise_with_pyannote(np.zeros(16_000, np.float32), cancel=cancel)


def test_missing_pipeline_or_library_is_explained(fake_pyannote, monkeypatch, tmp_path):
    with pytest.raises(ModelNotAvailableError, match="No pyannote pipeline"):
        backend.diarise_with_pyannote(np.zeros(16_000, np.float32), pipeline_path=str(tmp_path / "nowhere"))
    monkeypatch.setattr(backend, "pyannote_installed", lambda: False)
    with pytest.raises(ModelNotAvailableError, match="pyannote.audio is not installed"):
        backend.diarise_with_pyannote(np.zeros(16_000, np.float32))


def test_not_installed_is_detected_without_importing_anything():
    assert backend.pyannote_installed() is (importlib.util.find_spec("pyannote") is not None)


def test_pyannote_sends_no_usage_metrics(fake_pyannote, monkeypatch):
    """pyannote.audio 4 reports usage by default: off before the import, and off in the library,
    even where the user's environment switched it on."""
    monkeypatch.setenv("PYANNOTE_METRICS_ENABLED", "1")
    switched: list[bool] = []
    telemetry = types.ModuleType("pyannote.audio.telemetry")
    telemetry.set_telemetry_metrics = lambda enabled, **_: switched.append(enabled)
    monkeypatch.setitem(sys.modules, "pyannote.audio.telemetry", telemetry)
    seen = {}
    monkeypatch.setattr(
        FakePipeline,
        "from_pretrained",
        classmethod(lambda cls, path: seen.update(os.environ) or cls()),
    )
    backend.diarise_with_pyannote(np.zeros(16_000, np.float32), speakers=2)
    assert seen["PYANNOTE_METRICS_ENABLED"] == "0" and switched == [False]
    assert seen["HF_HUB_DISABLE_TELEMETRY"] == "1"
