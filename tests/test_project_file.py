"""The project file: round trip, atomic saves, backups and clear errors."""

from __future__ import annotations

import errno
import json
import os

import pytest

from transcribe_app.core.citations.basket import Quote
from transcribe_app.core.errors import ProjectFileError
from transcribe_app.core.project import file as projectfile
from transcribe_app.core.project.file import backup_path, load_project, save_project
from transcribe_app.core.project.record import (
    SCHEMA_VERSION,
    Metadata,
    Project,
    RosterEntry,
    TranscriptionRun,
)
from transcribe_app.core.project.transcript import Segment, Word


def sample_project() -> Project:
    words = [Word(" Vi", 0.5, 0.7, 0.91, "S1"), Word(" startede", 0.7, 1.2, 0.42, "S1")]
    return Project(
        metadata=Metadata(title="Interview med VJ", date="2026-03-02", kind="elite", appendix=3),
        roster=[
            RosterEntry("S1", "Vibeke Jensen", "VJ", "informant"),
            RosterEntry("S2", "", "I", "interviewer"),
        ],
        segments=[Segment(0, 0.5, 1.2, " Vi startede", words, speaker="S1", avg_logprob=-0.3)],
        transcription=TranscriptionRun(
            "faster-whisper",
            {"name": "base"},
            {"language": "da"},
            status="complete",
            transcribed_until=1.2,
            window_start=0.0,  # where a resume listens again from (read back, or resume loses it)
        ),
        cleanup_level="clean",
        quotes=[
            Quote(
                "79-80",
                text="Vi startede",
                citation="(VJ: 79-80)",
                added="2026-03-02T10:00:00+00:00",
            )
        ],
    )


def test_round_trip_keeps_everything(tmp_path):
    path = tmp_path / "vj.transkript.json"
    project = sample_project()
    save_project(project, path)
    again = load_project(path)
    assert again.to_dict() == project.to_dict()
    assert again.segments[0].words[1].probability == 0.42
    assert again.code_for("S1") == "VJ"
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["schema_version"] == SCHEMA_VERSION
    assert "Vi startede" in path.read_text(encoding="utf-8")  # UTF-8, not \\u escapes


def test_unknown_keys_from_a_later_build_survive_a_save(tmp_path):
    path = tmp_path / "p.transkript.json"
    data = sample_project().to_dict()
    data["timeline_colours"] = {"VJ": "#aa0000"}
    path.write_text(json.dumps(data), encoding="utf-8")
    save_project(load_project(path), path)
    assert json.loads(path.read_text())["timeline_colours"] == {"VJ": "#aa0000"}


def test_save_keeps_previous_version_as_backup(tmp_path):
    path = tmp_path / "p.transkript.json"
    first = sample_project()
    save_project(first, path)
    second = sample_project()
    second.metadata.title = "Second"
    save_project(second, path)
    assert load_project(path).metadata.title == "Second"
    assert load_project(backup_path(path)).metadata.title == "Interview med VJ"


def test_crash_mid_write_leaves_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "p.transkript.json"
    save_project(sample_project(), path)
    before = path.read_bytes()

    real_fsync = os.fsync

    def crash_during_write(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(projectfile.os, "fsync", crash_during_write)
    changed = sample_project()
    changed.segments = []
    with pytest.raises(ProjectFileError, match="last saved version is unchanged"):
        save_project(changed, path)
    monkeypatch.setattr(projectfile.os, "fsync", real_fsync)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.transkript.json"]  # no temp file left


def test_full_disk_is_reported_in_plain_words(tmp_path, monkeypatch):
    path = tmp_path / "p.transkript.json"
    save_project(sample_project(), path)
    before = path.read_bytes()

    def disk_full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(projectfile.os, "replace", disk_full)
    with pytest.raises(ProjectFileError, match="disk is full"):
        save_project(sample_project(), path)
    assert path.read_bytes() == before


def test_damaged_json_gives_clear_error(tmp_path):
    path = tmp_path / "p.transkript.json"
    save_project(sample_project(), path)
    path.write_text(path.read_text()[:200], encoding="utf-8")  # cut off, as after a crash of another tool
    with pytest.raises(ProjectFileError, match="damaged.*previous version"):
        load_project(path)


@pytest.mark.parametrize(
    "content, message",
    [
        ("[1, 2, 3]", "not a Transkript project"),
        ('{"title": "x"}', "no schema version"),
        ('{"schema_version": 1, "segments": [{"text": "no id"}]}', "damaged"),
        ('{"schema_version": 1, "metadata": {"kind": "podcast"}}', "elite or focus_group"),
    ],
)
def test_malformed_projects_are_rejected(tmp_path, content, message):
    path = tmp_path / "p.transkript.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProjectFileError, match=message):
        load_project(path)


def test_newer_schema_is_refused_without_touching_the_file(tmp_path):
    path = tmp_path / "p.transkript.json"
    data = sample_project().to_dict()
    data["schema_version"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ProjectFileError, match="newer Transkript"):
        load_project(path)
    assert path.read_bytes() == before


def test_missing_project_and_missing_folder(tmp_path):
    with pytest.raises(ProjectFileError, match="does not exist"):
        load_project(tmp_path / "nope.transkript.json")
    with pytest.raises(ProjectFileError, match="folder .* does not exist"):
        save_project(sample_project(), tmp_path / "no-such-folder" / "p.transkript.json")


def test_audio_path_is_stored_relative_to_the_project(tmp_path):
    (tmp_path / "audio").mkdir()
    audio = tmp_path / "audio" / "interview.m4a"
    audio.write_bytes(b"x")
    project = Project()
    project.set_audio_file(audio, tmp_path / "p.transkript.json")
    assert project.audio.path == os.path.join("audio", "interview.m4a")
    assert project.audio_file(tmp_path / "p.transkript.json") == audio.resolve()
