"""pyannote's community-1 pipeline from a local folder: found, checked, loaded offline.

pyannote.audio cannot be installed here, so (as in test_pyannote_backend.py) a stand-in
``pyannote.audio`` takes its place; the folder is laid out as the hub's
pyannote/speaker-diarization-community-1 is (config.yaml naming ``$model/segmentation``,
``$model/embedding`` and ``$model/plda``), with placeholder weights. What is tested is our side:
where the folder is looked for, what makes it incomplete, what is passed to pyannote.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

import numpy as np
import pytest

from tests.test_pyannote_backend import FakePipeline, install_stand_in_pyannote
from transcribe_app.core.diarise import pyannote_backend as backend
from transcribe_app.core.diarise.registry import DIARISERS
from transcribe_app.core.errors import ModelNotAvailableError

COMMUNITY_CONFIG = """version: 4.0.0
pipeline:
  name: pyannote.audio.pipelines.SpeakerDiarization
  params:
    segmentation: $model/segmentation
    embedding: $model/embedding
    plda: $model/plda
    clustering: VBxClustering
params:
  clustering:
    threshold: 0.6
"""
WEIGHTS = [
    "segmentation/pytorch_model.bin",
    "embedding/pytorch_model.bin",
    "plda/plda.npz",
    "plda/xvec_transform.npz",
]


def community_folder(where: Path) -> Path:
    """A community-1 folder at ``where`` as the hub lays it out (the weights are placeholders)."""
    for name in WEIGHTS:
        (where / name).parent.mkdir(parents=True, exist_ok=True)
        (where / name).write_bytes(b"weights")
    (where / "config.yaml").write_text(COMMUNITY_CONFIG, encoding="utf-8")
    return where


@pytest.fixture
def pyannote_here(monkeypatch, isolated_models):
    """A stand-in pyannote.audio, the model folders empty, and no pipeline setting."""
    install_stand_in_pyannote(monkeypatch)
    # The adapter hands pyannote a torch tensor; a NumPy array serves the stand-in as well, and spares
    # these tests torch's import (seconds).
    monkeypatch.setitem(sys.modules, "torch", types.SimpleNamespace(from_numpy=lambda array: array))
    monkeypatch.delenv(backend.PIPELINE_SETTING, raising=False)
    return isolated_models


def test_the_folder_in_the_users_model_folder_is_found_and_loaded_by_its_config(pyannote_here):
    _, user_dir = pyannote_here
    folder = community_folder(user_dir / "pyannote" / backend.COMMUNITY_1)
    turns = backend.diarise_with_pyannote(np.zeros(16_000 * 8, np.float32), min_speakers=5, max_speakers=8)
    # pyannote resolves $model/… beside the config.yaml it is given: no hub, no token
    assert FakePipeline.calls[0] == ("load", str(folder / "config.yaml"))
    assert FakePipeline.calls[1][-1] == {"min_speakers": 5, "max_speakers": 8}  # a range: both bounds
    assert [t.speaker for t in turns] == ["S1", "S2", "S1"]


def test_the_programs_models_folder_comes_first(pyannote_here):
    app_dir, user_dir = pyannote_here
    community_folder(user_dir / "pyannote" / backend.COMMUNITY_1)
    bundled = community_folder(app_dir / "pyannote" / backend.COMMUNITY_1)
    assert backend.find_pipeline() == bundled / "config.yaml"


def test_a_path_given_or_set_once_is_used_folder_or_config(pyannote_here, tmp_path, monkeypatch):
    folder = community_folder(tmp_path / "mine" / "community")
    assert backend.usable_pipeline(str(folder)) == folder / "config.yaml"
    assert backend.usable_pipeline(str(folder / "config.yaml")) == folder / "config.yaml"
    monkeypatch.setenv(backend.PIPELINE_SETTING, str(folder))
    assert backend.usable_pipeline() == folder / "config.yaml"
    DIARISERS["pyannote"].check(None)  # the CLI's check before it writes anything


@pytest.mark.parametrize("lost", WEIGHTS)
def test_an_incomplete_folder_names_what_is_missing(pyannote_here, tmp_path, lost):
    folder = community_folder(tmp_path / "community")
    (folder / lost).unlink()
    with pytest.raises(ModelNotAvailableError, match=rf"is incomplete: {lost} is missing\. Copy the whole"):
        backend.usable_pipeline(str(folder))
    assert FakePipeline.calls == []  # refused before anything was loaded


def test_a_missing_part_folder_is_named(pyannote_here, tmp_path):
    folder = community_folder(tmp_path / "community")
    for name in ("plda.npz", "xvec_transform.npz"):
        (folder / "plda" / name).unlink()
    (folder / "plda").rmdir()
    with pytest.raises(ModelNotAvailableError, match="plda/plda.npz, plda/xvec_transform.npz are missing"):
        backend.usable_pipeline(str(folder))


def test_a_config_that_names_hub_models_is_refused_as_online(pyannote_here, tmp_path):
    folder = tmp_path / "three-one"
    folder.mkdir()
    (folder / "config.yaml").write_text(
        "pipeline:\n  name: pyannote.audio.pipelines.SpeakerDiarization\n  params:\n"
        "    segmentation: pyannote/segmentation-3.0\n"
        "    embedding: pyannote/wespeaker-voxceleb-resnet34-LM\n",
        encoding="utf-8",
    )
    with pytest.raises(
        ModelNotAvailableError, match="names models on the internet .*pyannote/segmentation-3.0"
    ):
        backend.usable_pipeline(str(folder))
    # the same pipeline with its models named by their full paths on this computer is local
    for name in ("segmentation", "embedding"):
        (folder / name).mkdir()
        (folder / name / "pytorch_model.bin").write_bytes(b"weights")
    (folder / "config.yaml").write_text(
        "pipeline:\n  params:\n"
        f"    segmentation: {folder / 'segmentation' / 'pytorch_model.bin'}\n"
        f"    embedding: {folder / 'embedding' / 'pytorch_model.bin'}\n",
        encoding="utf-8",
    )
    assert backend.usable_pipeline(str(folder)) == folder / "config.yaml"


def test_nothing_found_says_where_it_looked_and_where_to_put_it(pyannote_here, tmp_path):
    app_dir, user_dir = pyannote_here
    with pytest.raises(ModelNotAvailableError) as refused:
        backend.usable_pipeline()
    message = str(refused.value)
    assert message.startswith("No pyannote pipeline (config.yaml) was found in ")
    assert str(app_dir / "pyannote" / backend.COMMUNITY_1) in message
    assert (
        f"Put the {backend.COMMUNITY_1} folder (config.yaml, segmentation/, embedding/, plda/) in" in message
    )
    assert str(user_dir / "pyannote" / backend.COMMUNITY_1) in message
    with pytest.raises(ModelNotAvailableError, match="“.*gone” does not exist"):
        backend.usable_pipeline(str(tmp_path / "gone"))
