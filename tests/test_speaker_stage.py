"""Diarisation as a stage of the project: CLI, roster suggestions, provenance, errors."""

from __future__ import annotations

import shutil

import pytest

from tests.speech import LONGFORM
from transcribe_app.cli import main
from transcribe_app.core.diarise.stage import diarise_project
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.exports.plain import to_text
from transcribe_app.core.project.file import load_project, save_project


@pytest.fixture(scope="module")
def focus_group(tmp_path_factory, faster_whisper_base):
    """The 4-speaker recording transcribed and diarised once through the CLI, as a focus group."""
    folder = tmp_path_factory.mktemp("fg")
    audio = folder / LONGFORM.name
    shutil.copy(LONGFORM, audio)
    path = folder / "fg.transkript.json"
    command = ["transcribe", str(audio), "-o", str(path), "--model", faster_whisper_base, "--device", "cpu"]
    assert main(command + ["--kind", "focus_group", "--diarise"]) == 0
    return path


def test_transcribe_diarise_labels_every_word_and_suggests_codes(focus_group):
    project = load_project(focus_group)
    assert project.diarisation.speakers_found == 4
    assert project.diarisation.speakers_requested is None  # estimated for a focus group
    assert [(e.label, e.code) for e in project.roster] == [
        ("S1", "M"),
        ("S2", "B1"),
        ("S3", "B2"),
        ("S4", "B3"),
    ]
    assert all(w.speaker and w.speaker_confidence is not None for s in project.segments for w in s.words)
    assert all({w.speaker for w in s.words} == {s.speaker} for s in project.segments)
    lines = to_text(project).splitlines()
    assert lines[0].startswith("[00:00:00] M: ")
    assert {line.split()[1] for line in lines} == {"M:", "B1:", "B2:", "B3:"}


def test_an_elite_interview_has_two_speakers_unless_told(focus_group, tmp_path):
    path = tmp_path / "elite.transkript.json"
    project = load_project(focus_group)
    project.metadata.kind, project.roster, project.audio.path = (
        "elite",
        [],
        str(focus_group.parent / LONGFORM.name),
    )
    save_project(project, path)
    diarise_project(project, path)
    assert load_project(path).diarisation.speakers_found == 2
    assert [e.code for e in load_project(path).roster] == ["I", "IP"]
    assert main(["diarise", str(path), "--speakers", "3"]) == 0
    assert load_project(path).diarisation.speakers_found == 3


def test_words_survive_diarisation(focus_group):
    # ``.bak`` is the project as it was before the command (issue 12): diarise a copy again, and
    # compare with the copy's .bak, the project as the command found it.
    again = focus_group.with_name("again.transkript.json")
    shutil.copy(focus_group, again)
    assert main(["diarise", str(again)]) == 0
    project = load_project(again)
    backup = load_project(again.with_name(again.name + ".bak"))  # the project before diarisation
    words = [(w.text, w.start, w.end, w.probability) for s in project.segments for w in s.words]
    before = [(w.text, w.start, w.end, w.probability) for s in backup.segments for w in s.words]
    assert words == before


def test_a_typed_transcript_has_no_recording_to_diarise(tmp_path, capsys):
    typed = tmp_path / "t.txt"
    typed.write_text("I: Hej.\nVJ: Goddag.\n", encoding="utf-8")
    path = tmp_path / "t.transkript.json"
    assert main(["import", str(typed), "-o", str(path)]) == 0
    assert main(["diarise", str(path)]) == 2
    assert "no recording" in capsys.readouterr().err


def test_a_changed_recording_is_refused(focus_group, tmp_path):
    project = load_project(focus_group)
    project.audio.sha256 = "0" * 64
    with pytest.raises(BadInputError, match="changed since it was transcribed"):
        diarise_project(project, focus_group)
