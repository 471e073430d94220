"""The study's queue (issue 15, core/batch/queue.py): its states, pause, resume, stop, the saved queue a
new window finds, a project open in the editor left alone. A stand-in child speaks the worker protocol
(tests/test_batch.py's ``FAKE_WORKER``); no Whisper.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.test_batch import FAKE_WORKER, recording
from transcribe_app.cli import main
from transcribe_app.core.batch.queue import (
    IDLE,
    PAUSED,
    PAUSING,
    QUEUE_FILE,
    RUNNING,
    STOPPING,
    StudyQueue,
    load_queue,
    study_settings,
)
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.project.file import load_project
from transcribe_app.core.project.lock import WINDOW, ProjectLock
from transcribe_app.core.project.record import COMPLETE
from transcribe_app.core.study import interviews, load_study

STAND_IN = [sys.executable, "-c", FAKE_WORKER]


def three_interviews(tmp_path: Path) -> Path:
    folder = tmp_path / "studie"
    sounds = [recording(tmp_path / f"{name}.wav") for name in "abc"]
    assert main(["study", "init", str(folder), "--model", "tiny", "--level", "verbatim"]) == 0
    assert main(["study", "add", str(folder), *map(str, sounds)]) == 0
    return folder


class Watched:
    """A queue whose callbacks are recorded; ``when`` is called with the queue at each progress."""

    def __init__(self, folder: Path, when=None):
        self.states: list[str] = []
        self.outcomes: list = []
        self.when = when
        self.queue = StudyQueue(
            folder,
            study_settings(load_study(folder)),
            on_state=self.states.append,
            on_outcome=self.outcomes.append,
            on_progress=self._progress,
            program=STAND_IN,
        )

    def _progress(self, progress) -> None:
        if self.when and progress.running:
            self.when(self.queue)

    def results(self) -> list[tuple[str, str]]:
        return [(o.interview.project_path.stem.split(".")[0], o.result) for o in self.outcomes]


def names(paths) -> list[str]:
    return [Path(p).name.split(".")[0] for p in paths]


def test_the_queue_transcribes_every_interview_and_leaves_nothing_behind(tmp_path):
    folder = three_interviews(tmp_path)
    watched = Watched(folder)
    assert watched.queue.start(interviews(load_study(folder)))
    assert watched.queue.wait(60)
    assert watched.results() == [("a", "transcribed"), ("b", "transcribed"), ("c", "transcribed")]
    assert watched.states == [RUNNING, IDLE] and watched.queue.pending == []
    assert not (folder / QUEUE_FILE).exists()
    for name in "abc":  # each project made by study add was transcribed into as it is
        project = load_project(folder / f"{name}.transkript.json")
        assert project.transcription.status == COMPLETE and project.metadata.appendix == "abc".index(name) + 1
    assert not watched.queue.resume()  # nothing left


def test_pause_finishes_the_running_interview_and_a_new_window_offers_the_rest(tmp_path):
    folder = three_interviews(tmp_path)
    watched = Watched(folder, when=lambda queue: queue.pause())
    watched.queue.start(interviews(load_study(folder)))
    assert watched.queue.wait(60)
    assert watched.results() == [("a", "transcribed")]
    assert watched.states == [RUNNING, PAUSING, PAUSED]
    saved = load_queue(folder)
    assert saved.projects == ["b.transkript.json", "c.transkript.json"] and saved.paused
    assert set(json.loads((folder / QUEUE_FILE).read_text("utf-8"))) == {
        "format",
        "schema_version",
        "projects",
        "paused",
    }  # the projects' places only: no text, no names of people
    # A restart: a new queue on the same folder finds the rest, paused; it starts only when asked.
    again = Watched(folder)
    assert again.queue.restore() == saved and again.queue.state == PAUSED and not again.queue.running
    assert names(again.queue.pending) == ["b", "c"]
    assert again.queue.resume() and again.queue.wait(60)
    assert again.results() == [("b", "transcribed"), ("c", "transcribed")] and again.queue.state == IDLE
    assert load_queue(folder) is None


def test_stop_saves_the_running_interview_and_keeps_it_first(tmp_path, monkeypatch):
    monkeypatch.setenv("FAKE_SECONDS", "30")
    folder = three_interviews(tmp_path)
    watched = Watched(folder, when=lambda queue: queue.stop())
    watched.queue.start(interviews(load_study(folder)))
    assert watched.queue.wait(60)
    assert watched.results() == [("a", "stopped")] and watched.states == [RUNNING, STOPPING, PAUSED]
    assert names(watched.queue.pending) == ["a", "b", "c"] and load_queue(folder).paused
    assert not list(folder.glob("*.lock"))
    monkeypatch.setenv("FAKE_SECONDS", "0.1")
    watched.when = None
    assert watched.queue.resume() and watched.queue.wait(60)
    assert [r for _, r in watched.results()[1:]] == ["transcribed"] * 3


def test_a_project_open_in_the_editor_is_left_alone_and_said(tmp_path):
    folder = three_interviews(tmp_path)
    watched = Watched(folder)
    with ProjectLock(folder / "b.transkript.json", WINDOW):
        watched.queue.start(interviews(load_study(folder)))
        assert watched.queue.wait(60)
    assert watched.results() == [("a", "transcribed"), ("b", "busy"), ("c", "transcribed")]
    assert "b.transkript.json" in watched.outcomes[1].message
    assert load_project(folder / "b.transkript.json").transcription is None  # untouched
    assert watched.queue.state == IDLE and load_queue(folder) is None


def test_a_queue_file_from_elsewhere_is_refused(tmp_path):
    folder = three_interviews(tmp_path)
    (folder / QUEUE_FILE).write_text(
        json.dumps({"format": "transkript-queue", "schema_version": 1, "projects": ["../x.transkript.json"]}),
        encoding="utf-8",
    )
    with pytest.raises(BadInputError, match="not inside the study folder"):
        load_queue(folder)
    (folder / QUEUE_FILE).write_text("{", encoding="utf-8")
    with pytest.raises(BadInputError, match="cannot be read"):
        StudyQueue(folder, study_settings(load_study(folder))).restore()


def test_the_queue_transcribes_with_the_studys_settings(tmp_path):
    settings = study_settings(load_study(three_interviews(tmp_path)))
    assert (settings.options.model, settings.options.language, settings.level) == ("tiny", "da", "verbatim")
    assert settings.options.verbatim_prompt


def test_a_queued_project_removed_meanwhile_leaves_the_queue_with_a_sentence(tmp_path):
    folder = three_interviews(tmp_path)
    watched = Watched(folder, when=lambda queue: queue.pause())
    notices: list[str] = []
    watched.queue._on_notice = notices.append
    watched.queue.start(interviews(load_study(folder)))
    assert watched.queue.wait(60) and names(watched.queue.pending) == ["b", "c"]
    (folder / "b.transkript.json").unlink()
    watched.when = None
    assert watched.queue.resume() and watched.queue.wait(60)
    said = [n for n in notices if "under the batch's lock" not in n]  # the stand-in's own notices
    assert said == ["“b.transkript.json” is no longer in the study folder; it left the queue."]
    assert watched.results()[1:] == [("c", "transcribed")] and load_queue(folder) is None
