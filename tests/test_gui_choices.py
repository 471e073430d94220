"""The transcription panel remembers the user's choices, per user and per project, and asks once.

A restart is a new window on the same settings and the same project file. No Whisper runs here:
the download question is answered No, and nothing may start.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.core.project.record import COMPLETE, TranscriptionRun
from transcribe_app.core.project.transcript import Segment, Word
from transcribe_app.gui import i18n
from transcribe_app.gui.main_window import MainWindow
from transcribe_app.gui.models_choice import MODEL_CHOICES, ComputerReport
from transcribe_app.gui.new_project import NewProject, create_project

pytest_plugins = ("tests.gui_fixtures",)  # settings, window, questions, sample_audio

PROBE_MS = 60_000


def new_project(audio):
    return create_project(NewProject(audio, True, audio.with_suffix(".transkript.json")))


def restarted(qtbot, settings, path) -> MainWindow:
    i18n.install("en")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_project(path)
    return window


def local_model(tmp_path):
    folder = tmp_path / "my-danish-model"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"\0")
    return str(folder)


def test_a_local_model_and_a_typed_prompt_survive_a_restart(window, qtbot, settings, sample_audio, tmp_path):
    path = new_project(sample_audio)
    assert window.open_project(path)
    panel = window.transcription_panel
    model = local_model(tmp_path)
    assert panel.use_local_model(model)
    panel.language_combo.setCurrentIndex(panel.language_combo.findData("en"))
    panel.language_combo.activated.emit(panel.language_combo.currentIndex())
    panel.prompt_edit.clear()
    qtbot.keyClicks(panel.prompt_edit, "Borgernes MSB, jobafklaring")
    window.roster_panel.add_person()  # a roster change must not replace what the user typed
    window.roster_panel.model.setData(window.roster_panel.model.index(0, 0), "Vibeke Jensen")
    assert panel.prompt_edit.text() == "Borgernes MSB, jobafklaring"
    assert window.save() and window.close_project()

    again = restarted(qtbot, settings, path).transcription_panel
    assert again.model_combo.currentData() == model
    assert again.language_combo.currentData() == "en"
    assert again.prompt_edit.text() == "Borgernes MSB, jobafklaring"
    # another project keeps the roster's names as its prompt, with the user's model
    other_audio = tmp_path / "other.wav"
    other_audio.write_bytes(sample_audio.read_bytes())
    other = new_project(other_audio)
    assert again.window().close_project() and again.window().open_project(other)
    assert again.prompt_edit.text() == "" and again.model_combo.currentData() == model


def test_the_last_run_of_a_project_chooses_its_model_and_prompt(qtbot, settings, sample_audio, tmp_path):
    """Settings that never saw this project (another computer, other user): the run record decides."""
    path = new_project(sample_audio)
    project = load_project(path)
    model = local_model(tmp_path)
    project.transcription = TranscriptionRun(
        backend="faster-whisper",
        model={"name": "my-danish-model", "path": model, "source": "explicit path"},
        options={"model": model, "device": "cpu", "language": "da", "initial_prompt": "Aarhus Kommune"},
        status=COMPLETE,
    )
    project.segments = [Segment(0, 0.0, 1.0, "hej", [Word("hej", 0.0, 1.0, 0.9)])]
    save_project(project, path)
    panel = restarted(qtbot, settings, path).transcription_panel
    assert panel.model_combo.currentData() == model
    assert panel.device_combo.currentData() == "cpu"
    assert panel.prompt_edit.text() == "Aarhus Kommune"


def test_a_model_from_another_computers_run_is_not_offered_here(qtbot, settings, sample_audio, tmp_path):
    """The run record names a model folder that is not on this computer: the list keeps to what is."""
    path = new_project(sample_audio)
    project = load_project(path)
    elsewhere = str(tmp_path / "on-another-computer" / "danish-model")
    project.transcription = TranscriptionRun(
        backend="faster-whisper",
        model={"name": "danish-model", "path": elsewhere, "source": "explicit path"},
        options={"model": elsewhere, "device": "cpu", "language": "da"},
        status=COMPLETE,
    )
    project.segments = [Segment(0, 0.0, 1.0, "hej", [Word("hej", 0.0, 1.0, 0.9)])]
    save_project(project, path)
    panel = restarted(qtbot, settings, path).transcription_panel
    offered = [panel.model_combo.itemData(i) for i in range(panel.model_combo.count())]
    assert elsewhere not in offered
    assert panel.model_combo.currentData() in {choice.name for choice in MODEL_CHOICES}
    assert settings.value("transcription/local_models") in (None, [], "")


def missing_everywhere() -> ComputerReport:
    return ComputerReport({choice.name: None for choice in MODEL_CHOICES}, 0)


def test_no_to_the_download_starts_nothing_and_is_asked_once(window, qtbot, questions, sample_audio):
    path = new_project(sample_audio)
    assert window.open_project(path)
    panel = window.transcription_panel
    qtbot.waitUntil(lambda: panel._report is not None, timeout=PROBE_MS)
    panel._on_probe(missing_everywhere())
    panel.model_combo.setCurrentIndex(panel.model_combo.findData("base"))
    questions.answers = [QMessageBox.StandardButton.No]
    assert not panel.start()
    assert not panel.running and panel.worker.process is None
    assert len(questions.asked) == 1 and "“base”" in questions.asked[0]
    assert "Nothing was started" in panel.state_label.text()
    assert load_project(path).transcription is None  # no run touched the project


def test_transcribe_again_with_no_to_the_download_keeps_the_transcript(
    window, qtbot, questions, sample_audio
):
    path = new_project(sample_audio)
    project = load_project(path)
    project.transcription = TranscriptionRun(
        backend="faster-whisper", model={"name": "base"}, options={"model": "base"}, status=COMPLETE
    )
    project.segments = [Segment(0, 0.0, 1.0, "hej", [Word("hej", 0.0, 1.0, 0.9)])]
    save_project(project, path)
    assert window.open_project(path)
    panel = window.transcription_panel
    qtbot.waitUntil(lambda: panel._report is not None, timeout=PROBE_MS)
    panel._on_probe(missing_everywhere())
    assert panel.state_label.text().startswith("Transcribed: 1 segment, with base")  # singular
    questions.answers = [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No]
    assert not panel.transcribe_again()
    assert len(questions.asked) == 2  # "transcribe again?" and the download, once
    assert not panel.running and [s.text for s in load_project(path).segments] == ["hej"]


def test_a_long_message_wraps_and_never_widens_the_panel(window, qtbot, sample_audio):
    assert window.open_project(new_project(sample_audio))
    panel = window.transcription_panel
    before = panel.minimumSizeHint().width()
    panel._message = "The model file or folder “/" + "a-very-long-folder-name/" * 20 + "” does not exist."
    panel._message_is_warning = True
    panel._update_state()
    assert panel.minimumSizeHint().width() <= before
    assert panel.state_label.wordWrap() and panel.state_label.toolTip() == panel._message
    assert panel.state_label.sizePolicy().horizontalPolicy() == panel.state_label.sizePolicy().Policy.Ignored
    assert panel.state_label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
