"""Roster suggestions for diarised speakers, and fixing them in one action."""

from __future__ import annotations

import pytest

from transcribe_app.cli import main
from transcribe_app.core.diarise.labels import set_speaker, suggest_roster, swap_speakers, talk_time
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.core.project.record import Metadata, Project, RosterEntry
from transcribe_app.core.project.transcript import Segment, Word


def diarised(kind: str, labels: list[str]) -> Project:
    segments = [
        Segment(
            i, i * 10.0, i * 10.0 + 8.0, " Ja.", [Word(" Ja.", i * 10.0, i * 10.0 + 8.0, 0.9, label)], label
        )
        for i, label in enumerate(labels)
    ]
    return Project(
        metadata=Metadata(kind=kind, citation_code="VJ" if kind == "elite" else "HEK"), segments=segments
    )


def test_elite_interview_suggests_interviewer_then_informant():
    project = diarised("elite", ["S1", "S2", "S1"])
    suggest_roster(project, ["S1", "S2"])
    assert [(e.label, e.code, e.role) for e in project.roster] == [
        ("S1", "I", "interviewer"),
        ("S2", "VJ", "informant"),
    ]


def test_focus_group_suggests_moderator_and_numbered_participants():
    project = diarised("focus_group", ["S1", "S2", "S3", "S4"])
    suggest_roster(project, ["S1", "S2", "S3", "S4"])
    assert [e.code for e in project.roster] == ["M", "B1", "B2", "B3"]


def test_existing_roster_entries_are_kept():
    project = diarised("elite", ["S1", "S2"])
    project.roster = [RosterEntry("S2", "Vibeke Jensen", "VJ", "informant")]
    suggest_roster(project, ["S1", "S2"])
    assert [(e.label, e.code) for e in project.roster] == [("S2", "VJ"), ("S1", "I")]


def test_swap_fixes_a_wrong_guess_in_one_action():
    project = diarised("elite", ["S1", "S2"])
    suggest_roster(project, ["S1", "S2"])
    project.roster[1].name = "Vibeke Jensen"
    swap_speakers(project, "S1", "S2")
    assert [(e.label, e.code, e.name, e.role) for e in project.roster] == [
        ("S1", "VJ", "Vibeke Jensen", "informant"),
        ("S2", "I", "", "interviewer"),
    ]
    assert project.code_for("S1") == "VJ"
    with pytest.raises(BadInputError, match="same speaker"):
        swap_speakers(project, "S1", "VJ")


def test_set_speaker_refuses_duplicate_codes_and_unknown_speakers():
    project = diarised("focus_group", ["S1", "S2", "S3"])
    suggest_roster(project, ["S1", "S2", "S3"])
    set_speaker(project, "S2", code="HEK1", name="Anne Holm", role=None)
    assert project.code_for("S2") == "HEK1"
    with pytest.raises(BadInputError, match="already used"):
        set_speaker(project, "S3", code="HEK1", name=None, role=None)
    with pytest.raises(BadInputError, match="No speaker “S9”"):
        set_speaker(project, "S9", code="X", name=None, role=None)


def test_talk_time_per_speaker():
    project = diarised("focus_group", ["S1", "S2", "S2", "S1", "S3"])
    rows = {label: (seconds, turns, words) for _, label, seconds, turns, words in talk_time(project)}
    assert rows == {"S1": (16.0, 2, 2), "S2": (16.0, 1, 2), "S3": (8.0, 1, 1)}


def test_speakers_command_swaps_and_saves(tmp_path, capsys):
    path = tmp_path / "p.transkript.json"
    project = diarised("elite", ["S1", "S2"])
    suggest_roster(project, ["S1", "S2"])
    save_project(project, path)
    assert main(["speakers", str(path), "--swap", "S1", "S2"]) == 0
    assert load_project(path).code_for("S1") == "VJ"
    assert "talk time" in capsys.readouterr().out
    assert main(["speakers", str(path), "--code", "X"]) == 2  # which speaker? said, not guessed
