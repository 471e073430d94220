"""Optional: a user's own pyannote.audio pipeline as the diarisation backend.

pyannote's pipelines are strong, but the library (with PyTorch and torchaudio)
and its models are the user's to install; Transkript never requires or
downloads them, and runs them without a token or the internet. A local
pipeline is a folder with pyannote's ``config.yaml``: best the whole
``speaker-diarization-community-1`` folder (its ``config.yaml`` names its three
parts inside the folder as ``$model/segmentation``, ``$model/embedding`` and
``$model/plda``). It is looked for, in this order, in the path given
(``--pyannote-pipeline``, a folder or its config.yaml), in the setting
``TRANSKRIPT_PYANNOTE_PIPELINE``, then in ``pyannote/speaker-diarization-community-1/``
and ``pyannote/`` of the program's ``models/`` folder and of the user's model
folder. When pyannote.audio and such a folder are there, ``--diariser pyannote``
uses it; the built-in diariser stays the default.

Before anything is loaded the folder is checked: every ``$model/…`` part the
config names must be there with its weights, and a config that names models
on the hub (``pyannote/segmentation-3.0``, as older pipelines do) is refused,
since loading it would need the internet and an access token.
"""

from __future__ import annotations

import importlib.util
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np

from ..asr import models
from ..asr.audio import SAMPLE_RATE
from ..errors import Cancelled, ModelNotAvailableError
from .turns import SpeakerTurn

PIPELINE_FOLDER = "pyannote"
COMMUNITY_1 = "speaker-diarization-community-1"  # pyannote/speaker-diarization-community-1 on the hub
PIPELINE_SETTING = "TRANSKRIPT_PYANNOTE_PIPELINE"  # a folder (or config.yaml) the user set once
# The weights each part of a community-1 folder holds; a part with another name needs any file.
PART_FILES = {
    "segmentation": ("pytorch_model.bin",),
    "embedding": ("pytorch_model.bin",),
    "plda": ("plda.npz", "xvec_transform.npz"),
}
_PART = re.compile(r"\$model/([^\s'\"#]+)")
# "segmentation: pyannote/segmentation-3.0": a model on the hub, fetched when the pipeline loads.
_HUB_VALUE = re.compile(
    r"^\s*(?:segmentation|embedding|plda|checkpoint)\s*:\s*['\"]?([\w.-]+/[\w.@-]+)['\"]?\s*$", re.M
)


def pipeline_places(path: str | None = None) -> list[Path]:
    """Where a pipeline is looked for: the path given; else the setting; else the model folders."""
    if path:
        return [Path(path)]
    setting = os.environ.get(PIPELINE_SETTING, "").strip()
    if setting:
        return [Path(setting)]
    places = []
    for base in (models.app_models_dir(), models.user_models_dir()):
        places += [base / PIPELINE_FOLDER / COMMUNITY_1, base / PIPELINE_FOLDER]
    return places


def _config_of(place: Path) -> Path:
    return place if place.suffix in (".yaml", ".yml") else place / "config.yaml"


def find_pipeline(path: str | None = None) -> Path | None:
    """The ``config.yaml`` of a local pyannote pipeline, or None."""
    for place in pipeline_places(path):
        config = _config_of(place)
        if config.is_file():
            return config
    return None


def check_pipeline_folder(config: Path) -> None:
    """A ``ModelNotAvailableError`` in a sentence when the pipeline beside ``config`` cannot load offline:
    a ``$model/…`` part missing or without its weights, or a model named on the hub."""
    try:
        text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ModelNotAvailableError(f"The pyannote pipeline “{config}” cannot be read ({error}).") from None
    folder = config.parent
    missing = []
    for part in dict.fromkeys(_PART.findall(text)):
        part = part.split("@")[0].rstrip("/")
        where = folder / part
        wanted = PART_FILES.get(Path(part).name)
        if wanted:
            missing += [f"{part}/{name}" for name in wanted if not (where / name).is_file()]
        elif not where.is_dir() or not any(where.iterdir()):
            missing.append(f"{part}/")
    if missing:
        raise ModelNotAvailableError(
            f"The pyannote pipeline in “{folder}” is incomplete: {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} missing. Copy the whole {COMMUNITY_1} folder "
            "(config.yaml with segmentation/, embedding/ and plda/) again."
        )
    # pyannote reads "owner/name" as a path if there is one (from where it runs), else as a hub model
    hub = [value for value in _HUB_VALUE.findall(text) if not Path(value).exists()]
    if hub:
        raise ModelNotAvailableError(
            f"The pyannote pipeline “{config}” names models on the internet ({', '.join(hub)}); Transkript "
            f"runs offline. Use the {COMMUNITY_1} folder, whose parts are inside it, or name the models' "
            "local files there by their full path."
        )


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
        places = pipeline_places(pipeline_path)
        if len(places) == 1 and not places[0].exists():
            raise ModelNotAvailableError(f"No pyannote pipeline was found: “{places[0]}” does not exist.")
        where = " or ".join(str(p) for p in places)
        raise ModelNotAvailableError(
            f"No pyannote pipeline (config.yaml) was found in {where}. Put the {COMMUNITY_1} folder "
            f"(config.yaml, segmentation/, embedding/, plda/) in "
            f"{models.user_models_dir() / PIPELINE_FOLDER / COMMUNITY_1}, or give its path with "
            "--pyannote-pipeline."
        )
    check_pipeline_folder(config)
    return config


def diarise_with_pyannote(
    audio: np.ndarray,
    *,
    speakers: int | None = None,
    max_speakers: int = 10,
    min_speakers: int = 1,
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
    if not speakers and min_speakers > 1:  # a range (--speakers 5-8): pyannote takes both bounds
        size["min_speakers"] = min_speakers
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
