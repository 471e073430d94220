"""The study view's queue (issue 15): Transcribe All, Stop, the queue offered again in a new view,
Resume, a project open in the editor skipped and said. A stand-in child (tests/test_batch.py's
``FAKE_WORKER``) speaks the worker protocol; no Whisper."""

from __future__ import annotations

import sys

from tests.test_batch import FAKE_WORKER, recording
from transcribe_app.cli import main
from transcribe_app.core.batch.queue import QUEUE_FILE, load_queue
from transcribe_app.core.study import load_study
from transcribe_app.gui.study_view import StudyView

pytest_plugins = ("tests.gui_fixtures",)  # settings, window, questions

STAND_IN = [sys.executable, "-c", FAKE_WORKER]


def three_interviews(tmp_path):
    folder = tmp_path / "studie"
    sounds = [recording(tmp_path / f"{name}.wav") for name in "abc"]
    assert main(["study", "init", str(folder), "--title", "Ledelse"]) == 0
    assert main(["study", "add", str(folder), *map(str, sounds)]) == 0
    return folder


def states(view) -> list[str]:
    return [view.interviews.item(row, 3).text() for row in range(view.interviews.rowCount())]


def buttons(bar) -> tuple[bool, bool, bool, bool]:
    return tuple(
        b.isEnabled() for b in (bar.start_button, bar.pause_button, bar.resume_button, bar.stop_button)
    )


def test_the_queue_runs_stops_is_offered_again_and_skips_the_open_project(
    window, qtbot, tmp_path, questions, monkeypatch
):
    from PySide6.QtCore import Qt

    monkeypatch.setenv("FAKE_SECONDS", "30")
    folder = three_interviews(tmp_path)
    panel = window.study_panel
    panel.view.queue_bar.program = STAND_IN
    panel.view.queue_bar.set_study(None)  # the queue is made anew with the stand-in when the study opens
    assert panel.open_study(folder)
    view, bar = panel.view, panel.view.queue_bar
    assert states(view) == ["not transcribed"] * 3 and buttons(bar) == (True, False, False, False)

    qtbot.mouseClick(bar.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: states(view) == ["transcribing", "queued", "queued"], timeout=20_000)
    assert buttons(bar) == (False, True, False, True) and "Transcribing a.wav" in bar.status.text()
    assert load_queue(folder).projects == [f"{name}.transkript.json" for name in "abc"]

    qtbot.mouseClick(bar.pause_button, Qt.MouseButton.LeftButton)  # after a: a is 30 s long, so Stop too
    assert buttons(bar) == (False, False, False, True) and "Pausing after the interview" in bar.status.text()
    qtbot.mouseClick(bar.stop_button, Qt.MouseButton.LeftButton)  # a saves what it has and stays queued
    qtbot.waitUntil(lambda: bar.resume_button.isEnabled(), timeout=20_000)
    assert states(view) == ["queued"] * 3 and "Paused: 3 interviews wait in the queue" in bar.status.text()
    assert not list(folder.glob("*.lock"))

    # A restart: a new view of the same study offers the queue left; it starts only on Resume.
    window.open_project(folder / "b.transkript.json")  # b is open in the editor: its lock is the window's
    again = StudyView()
    qtbot.addWidget(again)
    again.queue_bar.program = STAND_IN
    again.set_study(load_study(folder))
    assert "3 interviews wait in the queue left last time" in again.queue_bar.status.text()
    assert buttons(again.queue_bar) == (True, False, True, False) and not again.queue_bar.running
    assert states(again) == ["queued"] * 3
    monkeypatch.setenv("FAKE_SECONDS", "0.1")
    qtbot.mouseClick(again.queue_bar.resume_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: again.queue_bar.queue.state == "idle", timeout=30_000)
    qtbot.waitUntil(
        lambda: states(again) == ["transcribed", "not transcribed", "transcribed"], timeout=10_000
    )
    # The queue's own state changes in its thread; the bar hears of it through a queued signal.
    qtbot.waitUntil(lambda: "The queue is done" in again.queue_bar.status.text(), timeout=10_000)
    assert "“b.wav” was skipped: it is open in the editor" in again.queue_bar.status.text()
    assert "The queue is done: 2 interviews transcribed." in again.queue_bar.status.text()
    assert not (folder / QUEUE_FILE).exists() and buttons(again.queue_bar) == (True, False, False, False)
    assert questions.asked == []


def test_the_queue_speaks_danish(window, tmp_path, questions):
    folder = three_interviews(tmp_path)
    window.study_panel.open_study(folder)
    window.set_language("da")
    bar = window.study_panel.view.queue_bar
    try:
        assert [
            b.text() for b in (bar.start_button, bar.pause_button, bar.resume_button, bar.stop_button)
        ] == [
            "Transskribér alle",
            "Pause",
            "Genoptag",
            "Stop",
        ]
        bar.transcribe_all([])
        assert (
            bar.status.text()
            == "Alle undersøgelsens interview er transskriberet; der er intet at sætte i kø."
        )
    finally:
        from transcribe_app.gui import i18n

        i18n.install("en")


def test_the_queues_core_sentences_reach_a_danish_window_in_danish(qapp, tmp_path):
    from transcribe_app.core.batch.queue import StudyQueue, study_settings
    from transcribe_app.core.errors import TranskriptError
    from transcribe_app.gui import i18n
    from transcribe_app.gui.core_messages import core_message

    folder = three_interviews(tmp_path)
    said: list[str] = []
    queue = StudyQueue(folder, study_settings(load_study(folder)), on_notice=said.append, program=STAND_IN)
    (folder / QUEUE_FILE).write_text(
        '{"format": "transkript-queue", "schema_version": 1, "projects": ["gone.transkript.json"]}',
        encoding="utf-8",
    )
    queue.restore()
    assert not queue.resume()
    (folder / QUEUE_FILE).write_text("{", encoding="utf-8")
    try:
        queue.restore()
    except TranskriptError as error:
        said.append(str(error))
    assert len(said) == 2
    assert i18n.install("da")
    try:
        danish = [core_message(sentence) for sentence in said]
    finally:
        i18n.install("en")
    assert (
        danish[0] == "“gone.transkript.json” er ikke længere i undersøgelsens mappe; det er taget ud af køen."
    )
    assert danish[1].startswith("Køfilen “") and danish[1].endswith("sæt interviewene i kø igen.")
