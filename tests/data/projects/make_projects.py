"""Writes the stored project files of this folder: one of every kind a researcher has on disk.

Run once, from the repository root, with the code of the commit named in README.md (the last one
before issue 14's typed records), so that the files are what that version wrote:

    PYTHONPATH=$PWD python tests/data/projects/make_projects.py

Every stage is the program's own (editing, import, the speaker stage with a stand-in diariser,
the pseudonymise and export commands); only the names are the fixtures' fictional ones.
"""

from __future__ import annotations

import getpass
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

from tests.export_fixtures import interview
from transcribe_app.cli import main
from transcribe_app.core import editing, speaker_stage
from transcribe_app.core.citations.appendix import cite
from transcribe_app.core.citations.references import format_ranges
from transcribe_app.core.diarise import SpeakerTurn
from transcribe_app.core.importer import import_transcript
from transcribe_app.core.project import Project, TranscriptionRun
from transcribe_app.core.projectfile import load_project, save_project

HERE = Path(__file__).resolve().parent
OPTIONS = {
    "model": "base", "device": "cpu", "compute_type": "int8", "language": "da", "beam_size": 5,
    "temperature": [0.0, 0.2, 0.4], "condition_on_previous_text": False, "initial_prompt": None,
    "verbatim_prompt": True,
}  # fmt: skip


def run(status: str, **details) -> TranscriptionRun:
    return TranscriptionRun(
        "faster-whisper", {"name": "base", "source": "app models folder"}, dict(OPTIONS), device="cpu",
        compute_type="int8", library_version="1.1.1", app_version="0.1.0", status=status,
        started_at="2026-03-02T09:00:00+00:00", **details,
    )  # fmt: skip


def transcribed(folder: Path) -> Project:
    project = interview(turns=6, seed=2)
    project.set_audio_file(folder / "interview.m4a", folder / "x.transkript.json")
    project.audio.sha256 = "5" * 64
    project.transcription = run(
        "complete", transcribed_until=project.audio.duration, window_start=40.0, verbatim_fillers=3,
        finished_at="2026-03-02T09:12:00+00:00",
    )  # fmt: skip
    return project


def write(project: Project, name: str) -> Path:
    path = HERE / f"{name}.transkript.json"
    save_project(project, path, keep_backup=False)
    return path


def main_(folder: Path) -> None:
    write(Project(source="audio"), "new")
    write(transcribed(folder), "transcribed")
    running = interview(turns=3, seed=4)
    running.transcription = run("in_progress", transcribed_until=21.5, window_start=12.0, notices=["a notice"])
    write(running, "in_progress")
    cancelled = interview(turns=2, seed=5)
    cancelled.transcription = run("cancelled", transcribed_until=4.0)
    write(cancelled, "cancelled")

    typed = folder / "typed.txt"
    typed.write_text("I: Hvordan begyndte det?\nVJ: [00:01:05] Det begyndte med Ida Holm.\n", encoding="utf-8")
    write(import_transcript(typed), "imported")

    # Diarised: the program's speaker stage on a real recording, with a stand-in diariser.
    diarised = transcribed(folder)
    diarised.metadata.kind, diarised.roster = "focus_group", []
    for segment in diarised.segments:
        segment.speaker = None
        for word in segment.words:
            word.speaker = None
    end = diarised.segments[-1].end
    turns = [SpeakerTurn(0.0, end / 3, "S1"), SpeakerTurn(end / 3, 2 * end / 3, "S2"),
             SpeakerTurn(2 * end / 3, end + 1, "S3")]  # fmt: skip
    speaker_stage.diarise = lambda audio, **_: turns
    path = HERE / "diarised.transkript.json"
    speaker_stage.diarise_project(diarised, path, speakers=None, audio=np.zeros(16000, dtype=np.float32))
    (HERE / "diarised.transkript.json.bak").unlink(missing_ok=True)

    edited = transcribed(folder)
    edited.cleanup_level = "clean"
    turn = editing.display_turns(edited, "verbatim")[1]
    editing.edit_turn(edited, turn.segments, turn.text + " Vi\u00adbeke sagde det.")
    editing.split_segment(edited, 0, 2)
    editing.merge_segments(edited, 2, 3)
    editing.set_turn_speaker(edited, [0], "VJ")
    editing.replace_all(edited, "det", "dét")
    write(edited, "edited")

    # Pseudonymised, with its appendix exported pseudonymised, a key and quotes in the basket.
    path = write(transcribed(folder), "pseudonymised")
    for argv in (
        ["pseudonymise", str(path), "--add", "Ida Holm", "--reject", "Holm@1", "--dismiss", "Og"],
        ["export", str(path), "--pseudonymise", "--key", str(folder / "key.json"), "-o", str(folder / "a.docx")],
    ):
        assert main(argv) == 0, argv
    project = load_project(path)
    for first, last in ((1, 2), (4, 4)):
        cited = cite(project, first, last)
        project.quotes.append(
            {"lines": format_ranges(cited.ranges), "text": cited.text, "citation": cited.citation,
             "added": "2026-03-03T10:00:00+00:00"}
        )  # fmt: skip
    save_project(project, path, keep_backup=False)

    # A plain appendix export: the layout recorded, not pseudonymised, with timestamps.
    path = write(transcribed(folder), "layout")
    assert main(["export", str(path), "--timestamps", "--width", "70", "-o", str(folder / "b.docx")]) == 0

    # Opened and saved by this version after a later build wrote keys it does not know.
    later = load_project(HERE / "pseudonymised.transkript.json")
    later.extra = {"timeline_colours": {"VJ": "#aa0000"}, "from_a_later_build": [1, {"kept": True}]}
    later.diarisation = dict(load_project(HERE / "diarised.transkript.json").diarisation, model_hash="abc")
    later.layout = {**later.layout, "page_size": "A4"}
    later.edits = [*load_project(HERE / "edited.transkript.json").edits]
    later.edits[0] = {**later.edits[0], "by": "forsker"}
    later.quotes[0] = {**later.quotes[0], "colour": "yellow"}
    write(later, "later_build")

    user = getpass.getuser()
    for path in HERE.glob("*.transkript.json*"):
        if path.name.endswith(".bak"):
            path.unlink()
            continue
        text = path.read_text(encoding="utf-8")
        if f'"{user}"' in text:  # the decisions' and audit entries' "by": no real user name in fixtures
            path.write_text(text.replace(f'"{user}"', '"forsker"'), encoding="utf-8")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        main_(Path(tmp))
    shutil.rmtree(HERE / "__pycache__", ignore_errors=True)
    sys.exit(0)
