"""Backends and diarisers are chosen by name from one registry each (core/asr/registry.py,
core/diarise/registry.py): the CLI offers exactly their names, an unknown name is refused with the
choices, and each entry makes what it names."""

from __future__ import annotations

import argparse

import pytest

from transcribe_app.cli import build_parser
from transcribe_app.core.asr import create_backend
from transcribe_app.core.asr.models import resolve_model
from transcribe_app.core.asr.registry import BACKEND_NAMES, BACKENDS, DEFAULT_BACKEND, FASTER_WHISPER
from transcribe_app.core.diarise.registry import DEFAULT_DIARISER, DIARISER_NAMES, DIARISERS, diariser_entry
from transcribe_app.core.diarise.stage import check_speaker_options
from transcribe_app.core.errors import BadInputError, ModelNotAvailableError


def option(command: str, flag: str) -> argparse.Action:
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return next(a for a in commands.choices[command]._actions if flag in a.option_strings)


def test_the_cli_offers_exactly_the_registered_backends_and_diarisers():
    backend = option("transcribe", "--backend")
    assert tuple(backend.choices) == BACKEND_NAMES == ("faster-whisper", "whisper")
    assert backend.default == DEFAULT_BACKEND == FASTER_WHISPER
    for command in ("transcribe", "diarise"):
        diariser = option(command, "--diariser")
        assert tuple(diariser.choices) == DIARISER_NAMES == ("builtin", "pyannote")
        assert diariser.default == DEFAULT_DIARISER == "builtin"


def test_every_entry_has_a_label_and_its_own_name():
    for registry in (BACKENDS, DIARISERS):
        for name, entry in registry.items():
            assert entry.name == name and entry.label.strip()
    assert len({entry.method for entry in DIARISERS.values()}) == len(DIARISERS)  # told apart in a project


def test_the_faster_whisper_entry_makes_a_backend_of_that_name():
    assert create_backend(FASTER_WHISPER).name == FASTER_WHISPER


@pytest.mark.parametrize("name", ["", "Faster-Whisper", "whisperx", None])
def test_an_unknown_backend_is_refused_with_the_choices(name):
    with pytest.raises(BadInputError, match="Unknown backend .*choose one of: faster-whisper, whisper"):
        create_backend(name)
    with pytest.raises(BadInputError, match="Unknown backend"):
        resolve_model(name, "base")


def test_an_unknown_diariser_is_refused_with_the_choices_before_anything_runs():
    with pytest.raises(BadInputError, match="Unknown diariser “nemo”; choose builtin or pyannote"):
        check_speaker_options(2, "nemo")
    with pytest.raises(BadInputError, match="Unknown diariser"):
        diariser_entry("nemo")


def test_the_pyannote_entry_checks_its_pipeline_cheaply(tmp_path):
    with pytest.raises(ModelNotAvailableError):
        DIARISERS["pyannote"].check(str(tmp_path / "nowhere"))  # not installed here, or no config.yaml
    DIARISERS["builtin"].check(None)  # nothing to check before it loads its weights
