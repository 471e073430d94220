"""Optional: a user's own pyannote.audio pipeline as the diarisation backend.

pyannote's pipelines are strong, but the library (with PyTorch and torchaudio)
and its models (from a hub behind an access token) are the user's to install;
Transkript never requires or downloads them. A local pipeline is pyannote's
``config.yaml`` with the checkpoints it names, in ``models/pyannote/``, the
user's model folder (``pyannote/``), or given by path. When both are there,
``--diariser pyannote`` uses it; the built-in diariser stays the default.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np

from ..asr import models
from ..asr.audio import SAMPLE_RATE
from ..errors import Cancelled, ModelNotAvailableError
from .turns import SpeakerTurn

PIPELINE_FOLDER = "pyannote"


def find_pipeline(path: str | None = None) -> Path | None:
    """The ``config.yaml`` of a local pyannote pipeline, or None."""
    folders = (
        [Path(path)]
        if path
        else [models.app_models_dir() / PIPELINE_FOLDER, models.user_models_dir() / PIPELINE_FOLDER]
    )
    for folder in folders:
        config = folder if folder.suffix in (".yaml", ".yml") else folder / "config.yaml"
        if config.is_file():
            return config
    return None


def pyannote_installed() -> bool:
    try:
        return importlib.util.find_spec("pyannote.audio") is not None
    except (ImportError, ValueError):
        return False


def usable_pipeline(pipeline_path: str | None = None) -> Path:
    """The pipeline's ``config.yaml``, or ``ModelNotAvailableError`` saying what is missing.

    Cheap (nothing is imported or loaded), so commands check it before they write anything.
    """
    if not pyannote_installed():
        raise ModelNotAvailableError(
            "pyannote.audio is not installed; install it yourself (with its PyTorch and torchaudio) "
            "to use it, or use the built-in diariser."
        )
    config = find_pipeline(pipeline_path)
    if config is None:
        where = (
            pipeline_path
            or f"{models.app_models_dir() / PIPELINE_FOLDER} or {models.user_models_dir() / PIPELINE_FOLDER}"
        )
        raise ModelNotAvailableError(f"No pyannote pipeline (config.yaml) was found in {where}.")
    return config


def diarise_with_pyannote(
    audio: np.ndarray,
    *,
    speakers: int | None = None,
    max_speakers: int = 10,
    pipeline_path: str | None = None,
    on_progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
) -> list[SpeakerTurn]:
    """Speaker turns from the user's pyannote pipeline, labelled S1.. by first appearance."""
    config = usable_pipeline(pipeline_path)
    no_telemetry()
    import torch
    from pyannote.audio import Pipeline

    _metrics_off()
    pipeline = Pipeline.from_pretrained(str(config))
    size = {"num_speakers": speakers} if speakers else {"max_speakers": max_speakers}
    recording = {"waveform": torch.from_numpy(np.ascontiguousarray(audio))[None], "sample_rate": SAMPLE_RATE}
    result = pipeline(recording, hook=_ProgressHook(on_progress, cancel), **size)
    annotation = getattr(result, "speaker_diarization", result)  # pyannote 4 wraps the annotation
    tracks = sorted((seg.start, seg.end, label) for seg, _, label in annotation.itertracks(yield_label=True))
    if on_progress:
        on_progress(1.0)
    names: dict[str, str] = {}
    return [
        SpeakerTurn(round(start, 3), round(end, 3), names.setdefault(label, f"S{len(names) + 1}"))
        for start, end, label in tracks
    ]


def no_telemetry() -> None:
    """Before pyannote is imported: its usage metrics off, and the hub client's too.

    pyannote.audio 4 sends usage metrics (OpenTelemetry) by default, read from
    ``PYANNOTE_METRICS_ENABLED`` when it is imported; Transkript sends nothing anywhere,
    so this is forced off, not merely defaulted. (The hub is not made offline here: a
    model download the user asks for later in the same process must still work.)
    """
    os.environ["PYANNOTE_METRICS_ENABLED"] = "0"
    os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"


def _metrics_off() -> None:
    """Also switch the metrics off in the loaded library, where it offers the switch (pyannote ≥ 4)."""
    try:
        from pyannote.audio.telemetry import set_telemetry_metrics
    except ImportError:
        return
    set_telemetry_metrics(False)


class _ProgressHook:
    """pyannote calls its hook after each step (and within long ones): report, and stop on cancel."""

    def __init__(self, on_progress: Callable[[float], None] | None, cancel: threading.Event | None):
        self._on_progress, self._cancel = on_progress, cancel

    def __call__(self, step_name, step_artefact, file=None, total=None, completed=None):
        if self._cancel is not None and self._cancel.is_set():
            raise Cancelled("Speaker recognition was stopped.")
        if self._on_progress and total and completed is not None:
            self._on_progress(min(0.99, completed / total))
