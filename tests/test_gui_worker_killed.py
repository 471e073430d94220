"""A worker killed mid-run: the window says the position the project file holds and lists only the
segments it saved, not the ones the worker reported before its last save.

A stand-in worker (a small Python program speaking the real protocol of
``core/asr/run_events.py``) reports four segments and 0:01:10 done, saves only
the first two (up to 0:00:55), as the real one does every few seconds, and is
killed. The whole run with Whisper is in test_gui_transcription.py.
"""

from __future__ import annotations

import sys
import textwrap

import pytest

from transcribe_app.core.project.file import load_project
from transcribe_app.core.project.record import IN_PROGRESS
from transcribe_app.gui import worker as worker_module
from transcribe_app.gui.new_project import NewProject, create_project

pytest_plugins = ("tests.gui_fixtures",)  # settings, window, sample_audio

WAIT_MS = 120_000  # the first names review loads Presidio and spaCy: on busy shared cores, long

# argv: the project, then how it ends: "kill" (SIGKILL after the save) or "cancel" (saved, exit 130).
STAND_IN = textwrap.dedent(
    """
    import os, signal, sys
    from transcribe_app.core.asr.run_events import RunProgress, RunStopped, SegmentDone, to_line
    from transcribe_app.core.project.file import load_project, save_project
    from transcribe_app.core.project.record import CANCELLED, IN_PROGRESS, TranscriptionRun
    from transcribe_app.core.project.transcript import Segment, Word

    path, ending = sys.argv[1], sys.argv[2]
    times = [(0.0, 20.0), (20.0, 55.0), (55.0, 62.0), (62.0, 70.0)]
    segments = [
        Segment(i, a, b, f" Del {i + 1}.", [Word(" Del", a, a + 1, 0.9), Word(f" {i + 1}.", a + 1, b, 0.9)])
        for i, (a, b) in enumerate(times)
    ]
    for segment in segments:
        print(to_line(SegmentDone(segment)), flush=True)
    print(to_line(RunProgress(0.5, 70.0, 140.0, 3.0, 3.0, 4)), flush=True)
    project = load_project(path)
    project.segments = segments[:2]  # the last save came before the last two segments
    project.transcription = TranscriptionRun(
        "faster-whisper", {"name": "base"}, {"language": "da"},
        status=IN_PROGRESS if ending == "kill" else CANCELLED, transcribed_until=55.0,
    )
    save_project(project, path)
    if ending == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    print(to_line(RunStopped("Stopped.")), flush=True)
    sys.exit(130)
    """
)


@pytest.fixture
def project(window, sample_audio, tmp_path, monkeypatch):
    path = create_project(NewProject(sample_audio, True, sample_audio.with_suffix(".transkript.json")))
    assert window.open_project(path)
    model = tmp_path / "model.pt"
    model.write_bytes(b"not read: the stand-in worker runs instead")
    window.transcription_panel.use_local_model(str(model))
    return path


def stand_in(monkeypatch, path, ending: str) -> None:
    command = (sys.executable, ["-c", STAND_IN, str(path), ending])
    monkeypatch.setattr(worker_module, "worker_command", lambda _arguments: command)


def test_after_a_killed_worker_the_window_holds_and_says_what_the_file_holds(
    qtbot, window, project, monkeypatch
):
    stand_in(monkeypatch, project, "kill")
    panel = window.transcription_panel
    reported = []
    panel.worker.segment.connect(reported.append)
    with qtbot.waitSignal(panel.run_ended, timeout=WAIT_MS) as ended:
        assert panel.start()
    outcome = ended.args[0]
    assert len(reported) == 4 and outcome.done == 70.0  # the worker had said more than it saved
    saved = load_project(project)
    assert saved.transcription.status == IN_PROGRESS and len(saved.segments) == 2
    assert outcome.status == "failed" and "stopped unexpectedly" in outcome.message
    assert " at 0:00:55" in outcome.message and "1:10" not in outcome.message
    assert outcome.saved_until == 55.0
    assert panel.state_label.text() == outcome.message
    assert panel.live_view.toPlainText().splitlines() == ["[0:00:00] Del 1.", "[0:00:20] Del 2."]
    assert [s.text for s in window.session.project.segments] == [" Del 1.", " Del 2."]
    assert window.session.project.transcription.transcribed_until == 55.0


def test_a_cancelled_run_names_the_position_saved(qtbot, window, project, monkeypatch):
    stand_in(monkeypatch, project, "cancel")
    panel = window.transcription_panel
    with qtbot.waitSignal(panel.run_ended, timeout=WAIT_MS) as ended:
        assert panel.start()
    outcome = ended.args[0]
    assert outcome.status == "cancelled" and "stopped at 0:00:55" in outcome.message
    assert len(panel.live_view.toPlainText().splitlines()) == 2
