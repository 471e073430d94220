"""A batch on a study folder (issue 15): the study's interviews in appendix order, the study's settings
as the defaults, and a project ``study add`` made for a recording transcribed into as it is.

No Whisper: a stand-in child records the ``transcribe`` command line the batch would run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.test_batch import recording
from transcribe_app.cli import build_parser, main
from transcribe_app.core.asr.stage import TranscriptionRequest, _existing_project
from transcribe_app.core.batch import interviews_in
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.project.file import load_project

# Writes its command line beside the project and finishes, as ``transcribe --progress-jsonl`` would.
RECORDER = r"""
import json, sys
argv = sys.argv[1:]
project = argv[argv.index("-o") + 1]
with open(project + ".args", "w", encoding="utf-8") as out:
    json.dump(argv, out)
print(json.dumps({"event": "finished", "status": "complete", "segments": 0, "project": project}), flush=True)
"""


def make_study(tmp_path: Path, *init: str) -> Path:
    """A study of three recordings (outside the folder), added as c, a, b: appendix 1, 2, 3."""
    folder = tmp_path / "studie"
    sounds = [recording(tmp_path / f"{name}.wav") for name in ("c", "a", "b")]
    assert main(["study", "init", str(folder), *init]) == 0
    assert main(["study", "add", str(folder), *map(str, sounds)]) == 0
    (tmp_path / "stray.wav").write_bytes((tmp_path / "a.wav").read_bytes())
    recording(folder / "not-added.wav")  # in the folder but not in the study: not the batch's
    return folder


def ran(folder: Path) -> dict[str, list[str]]:
    return {p.name.split(".")[0]: json.loads(p.read_text("utf-8")) for p in folder.glob("*.args")}


def test_a_study_folder_gives_its_interviews_in_appendix_order(tmp_path):
    folder = make_study(tmp_path)
    data = json.loads((folder / "study.json").read_text("utf-8"))
    data["interviews"][0]["appendix"] = 9  # c is now the last appendix
    (folder / "study.json").write_text(json.dumps(data), encoding="utf-8")
    found = interviews_in([folder])
    assert [i.project_path.name for i in found] == [
        "a.transkript.json",
        "b.transkript.json",
        "c.transkript.json",
    ]
    assert [i.recording.name for i in found] == ["a.wav", "b.wav", "c.wav"]
    assert all(i.problem is None for i in found)
    (folder / "study.json").write_text("{", encoding="utf-8")
    with pytest.raises(BadInputError, match="study file .* is damaged"):
        interviews_in([folder])


def test_the_studys_settings_are_the_batchs_defaults_unless_given(tmp_path, monkeypatch):
    monkeypatch.setattr(
        "transcribe_app.core.batch.runner.transkript_program", lambda: [sys.executable, "-c", RECORDER]
    )
    folder = make_study(tmp_path, "--model", "tiny", "--language", "sv", "--level", "verbatim")
    assert main(["batch", str(folder)]) == 0
    commands = ran(folder)
    assert sorted(commands) == ["a", "b", "c"]  # not the recording outside the study
    for name, argv in commands.items():
        args = build_parser().parse_args(argv)
        assert args.command == "transcribe" and not args.resume and not args.overwrite
        assert (args.model, args.language, args.level, args.verbatim_prompt) == (
            "tiny",
            "sv",
            "verbatim",
            True,
        )
        assert Path(args.audio).name == f"{name}.wav"
    for stale in folder.glob("*.args"):
        stale.unlink()
    assert main(["batch", str(folder), "--model", "small", "--language", "da", "--level", "clean"]) == 0
    args = build_parser().parse_args(ran(folder)["a"])
    assert (args.model, args.language, args.level, args.verbatim_prompt) == ("small", "da", "clean", False)


def test_without_a_study_the_programs_defaults_stand(tmp_path, monkeypatch):
    monkeypatch.setattr(
        "transcribe_app.core.batch.runner.transkript_program", lambda: [sys.executable, "-c", RECORDER]
    )
    recording(tmp_path / "a.wav")
    assert main(["batch", str(tmp_path)]) == 0
    args = build_parser().parse_args(ran(tmp_path)["a"])
    assert (args.model, args.language, args.level) == ("base", "da", None)


def _batch_help() -> str:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        main(["batch", "--help"])
    return " ".join(out.getvalue().split())


def test_the_help_says_where_the_defaults_come_from():
    assert "the study's model, language and cleanup level are the defaults" in _batch_help()


def test_a_project_made_for_its_recording_is_transcribed_into_keeping_its_parts(tmp_path):
    folder = make_study(tmp_path)
    project_path = folder / "a.transkript.json"
    waiting = _existing_project(TranscriptionRequest(tmp_path / "a.wav", project_path))
    assert waiting is not None and waiting.metadata.appendix == 2 and waiting.transcription is None
    with pytest.raises(BadInputError, match="already exists"):  # another recording is not put in it
        _existing_project(TranscriptionRequest(tmp_path / "b.wav", project_path))
    assert load_project(project_path).transcription is None
