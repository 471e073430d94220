"""The export dialog's pseudonymised recording (issue 18 §3 in the window): written on the worker thread
with the chosen cover and disguise, its key and audit entry brought into the project, and the command's
refusals — a transcript without times, a name waiting for review, the recording as the output."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings

from tests.audio_cover_clip import clip_project
from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.gui import i18n
from transcribe_app.gui.export_dialog import AUDIO, ExportDialog, output_for
from transcribe_app.gui.key_location import remember_key_path
from transcribe_app.gui.session import ProjectSession

WAIT_MS = 120_000  # the first export loads Presidio and spaCy: on busy shared cores, long


def open_dialog(qtbot, tmp_path, *, timed=True, first_name=True) -> ExportDialog:
    i18n.install("en")  # the English plural forms ("1 name mention")
    path = clip_project(tmp_path / "p", timed=timed)
    if not first_name:  # "Pers" alone then waits for review
        project = load_project(path)
        project.roster[0].addressed_by_first_name = False
        save_project(project, path)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    remember_key_path(settings, path, str(tmp_path / "key.json"))
    dialog = ExportDialog(ProjectSession(load_project(path), path, autosave_ms=60_000), settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_format(AUDIO)
    return dialog


def export(qtbot, dialog, button=None) -> None:
    (button.click if button is not None else dialog.export)()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)


def test_output_names_follow_the_kind_of_audio_file():
    assert output_for("/d/bilag7.docx", AUDIO, ".mp3") == "/d/bilag7_pseudonymised.mp3"
    assert output_for("/d/bilag7_pseudonymised.mp3", AUDIO, ".opus") == "/d/bilag7_pseudonymised.opus"
    assert output_for("/d/bilag7_pseudonymised.flac", "docx") == "/d/bilag7.docx"


def test_the_recording_is_written_on_the_worker_with_cover_disguise_and_key(qtbot, tmp_path):
    dialog = open_dialog(qtbot, tmp_path)
    options = dialog.audio_options
    assert options.isVisible() and not dialog.level_combo.isVisible()
    assert dialog.pseudonymise_box.isChecked() and not dialog.pseudonymise_box.isEnabled()
    assert "weak" in options.warning_label.text()
    options.set_suffix(".mp3")
    assert dialog.output_edit.text().endswith("interview_pseudonymised.mp3")
    options.cover_combo.setCurrentIndex(options.cover_combo.findData("silence"))
    options.disguise_box.setChecked(True)
    options.semitones_spin.setValue(3)
    dialog.export()
    assert dialog.busy and not dialog.export_button.isEnabled()  # the window goes on; the worker writes
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    out = tmp_path / "p" / "interview_pseudonymised.mp3"
    assert out.stat().st_size > 0, dialog.status_label.text()
    recording = json.loads((tmp_path / "key.json").read_text(encoding="utf-8"))["recording"]
    assert recording["cover"] == "silence" and recording["voice_disguise_semitones"] == 3
    assert len(recording["covered"]) == 1 and recording["covered"][0]["replacement"] == "[Person 1]"
    status = dialog.status_label.text()
    assert "1 name mention covered" in status and "weak" in status
    audit = dialog.session.project.pseudonymisation.audit  # brought into the project, to be saved
    assert any(e.event == "key written" and e.details.get("format") == "audio" for e in audit)
    assert dialog.session.dirty


def test_a_transcript_without_times_and_the_recording_as_output_are_refused(qtbot, tmp_path):
    dialog = open_dialog(qtbot, tmp_path, timed=False)
    export(qtbot, dialog)
    assert "no word times" in dialog.status_label.text() and not (tmp_path / "key.json").exists()
    assert not list((tmp_path / "p").glob("*_pseudonymised.*"))
    recording = tmp_path / "p" / "interview.wav"
    before = recording.read_bytes()
    dialog.output_edit.setText(str(recording))
    export(qtbot, dialog)
    assert "recording" in dialog.status_label.text() and recording.read_bytes() == before


def test_a_name_waiting_for_review_stops_it_until_accepted(qtbot, tmp_path):
    dialog = open_dialog(qtbot, tmp_path, first_name=False)
    export(qtbot, dialog)
    out = tmp_path / "p" / "interview_pseudonymised.flac"
    assert dialog.leak_box.isVisible() and not out.exists()
    assert [row[1] for row in dialog.leak_list()] == ["Pers"]
    qtbot.wait(20)
    warning = dialog.audio_options.warning_label  # the leak box beside it leaves it all its lines
    assert warning.height() >= warning.heightForWidth(warning.width())
    assert dialog.audio_options.height() >= dialog.audio_options.minimumSizeHint().height()
    dialog.accept_review_box.setChecked(True)
    export(qtbot, dialog)
    assert out.exists() and not dialog.leak_box.isVisible()
    assert dialog.session.project.pseudonymisation.decisions  # the acceptance is stored, as the CLI's


def test_a_profile_the_recording_cannot_take_is_not_offered(qtbot, tmp_path):
    """One informant's validation copy cannot be a recording that holds every voice: the dialog does not
    offer it for the recording (core's refusal, in Danish too, is in tests/test_core_messages.py)."""
    dialog = open_dialog(qtbot, tmp_path)
    profiles = [dialog.profile_combo.itemData(i) for i in range(dialog.profile_combo.count())]
    assert profiles == [None, "appendix", "archive"]
    dialog.set_format("docx")
    dialog.profile_combo.setCurrentIndex(dialog.profile_combo.findData("validation"))
    dialog.set_format(AUDIO)  # chosen for a text, then the recording: it covers as the review decided
    assert dialog.profile_combo.currentData() is None and not dialog.informant_combo.isVisible()


def test_the_dialog_with_the_recording_fits_a_laptop_screen_in_both_languages(qtbot, tmp_path):
    from tests.test_gui_workspace import clipped_texts

    dialog = open_dialog(qtbot, tmp_path)
    for language in ("da", "en"):
        i18n.install(language)
        hint = dialog.minimumSizeHint()
        assert hint.width() <= 1280 and hint.height() <= 720 - 70, (language, hint)
        qtbot.wait(20)
        assert clipped_texts(dialog) == [], language
