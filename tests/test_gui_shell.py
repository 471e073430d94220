"""The window's shell, offscreen: start page, new project, open, recent, drop, close, language, help."""

from __future__ import annotations

import json

from PySide6.QtCore import QLocale, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QLabel, QMessageBox

from transcribe_app.core.project.file import backup_path, load_project, save_project
from transcribe_app.core.project.record import IN_PROGRESS, Project, RosterEntry, TranscriptionRun
from transcribe_app.core.project.transcript import Segment, Word
from transcribe_app.gui import i18n, prompts
from transcribe_app.gui.app import create_window
from transcribe_app.gui.new_project import NewProject, NewProjectDialog, create_project
from transcribe_app.gui.plain_view import PlainTranscriptView
from transcribe_app.gui.settings import recent_projects

pytest_plugins = ("tests.gui_fixtures",)  # settings, window, questions

Yes, Cancel, Discard, Open = (
    QMessageBox.StandardButton.Yes,
    QMessageBox.StandardButton.Cancel,
    QMessageBox.StandardButton.Discard,
    QMessageBox.StandardButton.Open,
)


def typed_transcript(folder):
    path = folder / "vj.txt"
    path.write_text(
        "I: Hvordan startede projektet? #00:00:03-1#\nVJ: Med jobafklaring i Herning Kommune.\n",
        encoding="utf-8",
    )
    return path


def small_project(folder, name="p", **metadata) -> tuple[Project, object]:
    words = [
        Word(" Hej", 0.0, 0.4, 0.9, "S1"),
        Word(" med", 0.4, 0.6, 0.9, "S1"),
        Word(" dig.", 0.6, 1.0, 0.3, "S1"),
    ]
    project = Project(
        segments=[
            Segment(0, 0.0, 1.0, " Hej med dig.", words, speaker="S1"),
            Segment(1, 1.0, 2.0, " Ja.", speaker="S2"),
        ]
    )
    project.metadata.title = metadata.get("title", name)
    project.roster = [RosterEntry(label="S1", code="I", role="interviewer")]
    path = folder / f"{name}.transkript.json"
    save_project(project, path)
    return project, path


def accept_dialog_with(monkeypatch, **fields):
    """Replace the modal New project dialog by one filled in as ``fields`` say and accepted."""

    def run(dialog: NewProjectDialog) -> bool:
        if "source" in fields:
            dialog.set_source(fields["source"])
        if "kind" in fields:
            dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(fields["kind"]))
        if "title" in fields:
            dialog.title_edit.setText(fields["title"])
        if "appendix" in fields:
            dialog.appendix_spin.setValue(fields["appendix"])
        if "date" in fields:
            from PySide6.QtCore import QDate

            dialog.date_check.setChecked(True)
            dialog.date_edit.setDate(QDate.fromString(fields["date"], "yyyy-MM-dd"))
        run.seen = dialog.source_edit.text()
        dialog.accept()
        return dialog.result() == NewProjectDialog.DialogCode.Accepted

    monkeypatch.setattr(prompts, "run_dialog", run)
    return run


# -- start ----------------------------------------------------------------------


def test_the_window_starts_on_the_start_page(window):
    assert window.windowTitle() == "Transkript"
    assert window.pages.currentWidget() is window.start_page
    assert [m.title() for m in (window.file_menu, window.edit_menu, window.view_menu, window.help_menu)] == [
        "&File",
        "&Edit",
        "&View",
        "&Help",
    ]
    assert not window.transcription_dock.isVisible() and not window.roster_dock.isVisible()
    assert window.session is None and not window.save_action.isEnabled()


def test_run_builds_the_application_named_for_its_settings(qtbot, settings, tmp_path):
    from transcribe_app.gui.app import create_application

    app = create_application([])
    assert (app.organizationName(), app.applicationName()) == ("Transkript", "Transkript")
    _, path = small_project(tmp_path)
    main = create_window(settings, files=[str(path)])
    qtbot.addWidget(main)
    assert main.session is not None and main.session.path == path.resolve()
    main.close_project()


# -- new project ----------------------------------------------------------------


def test_new_project_from_a_recording_writes_the_interview_details(
    window, monkeypatch, tmp_path, sample_audio
):
    audio = sample_audio
    accept_dialog_with(
        monkeypatch,
        source=audio,
        kind="focus_group",
        title="Fokusgruppe Herning",
        date="2024-03-01",
        appendix=11,
    )
    assert window.new_project()
    path = tmp_path / "vj.transkript.json"
    saved = load_project(path)
    assert saved.metadata.title == "Fokusgruppe Herning" and saved.metadata.kind == "focus_group"
    assert (saved.metadata.date, saved.metadata.appendix) == ("2024-03-01", 11)
    assert saved.audio.path == "vj.wav" and saved.transcription is None and saved.source == "audio"
    assert window.session.path == path.resolve()
    assert window.windowTitle().startswith("Fokusgruppe Herning")
    assert window.transcription_dock.isVisible() and window.roster_dock.isVisible()
    panel = window.transcription_panel
    assert "Not transcribed yet" in panel.state_label.text() and panel.transcribe_button.isEnabled()
    assert recent_projects(window.settings)[0] == path.resolve()


def test_new_project_never_replaces_an_existing_project(qtbot, tmp_path, sample_audio):
    audio = sample_audio
    create_project(NewProject(audio, True, tmp_path / "vj.transkript.json"))
    dialog = NewProjectDialog(None, audio)
    qtbot.addWidget(dialog)
    assert dialog.result_project() is None
    assert "exists already" in dialog.error_label.text()


def test_import_a_typed_transcript(window, monkeypatch, tmp_path):
    typed = typed_transcript(tmp_path)
    accept_dialog_with(monkeypatch, appendix=2)
    assert window.new_project(typed)
    project = window.session.project
    assert project.source == "import" and [r.code for r in project.roster] == ["I", "VJ"]
    assert [s.text.strip() for s in project.segments] == [
        "Hvordan startede projektet?",
        "Med jobafklaring i Herning Kommune.",
    ]
    assert load_project(tmp_path / "vj.transkript.json").metadata.appendix == 2
    if isinstance(window.editor, PlainTranscriptView):  # until the editor is there
        assert "VJ [0:00:03]: Med jobafklaring" in window.editor.text.toPlainText()
    assert "no recording" in window.transcription_panel.state_label.text()
    assert not window.transcription_panel.transcribe_button.isEnabled()
    assert window.roster_panel.speaker_labels() == ["I", "VJ"]


# -- open, recent, drop ------------------------------------------------------------


def test_recent_projects_are_listed_newest_first_and_reopen(window, tmp_path):
    _, first = small_project(tmp_path, "first")
    _, second = small_project(tmp_path, "second")
    assert window.open_project(first) and window.open_project(second)
    assert window.close_project()
    assert window.start_page.recent_paths() == [str(second.resolve()), str(first.resolve())]
    window._fill_recent_menu()
    assert [a.text() for a in window.recent_menu.actions()] == [second.name, first.name]
    window.start_page.recent_list.itemActivated.emit(window.start_page.recent_list.item(1))
    assert window.session.path == first.resolve()


def test_a_missing_project_says_so(window, questions, tmp_path):
    assert not window.open_project(tmp_path / "gone.transkript.json")
    assert "was not found" in questions.asked[0]


def drop(window, path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    return event


def test_dropping_files_opens_projects_and_starts_new_ones(window, monkeypatch, tmp_path, sample_audio):
    _, path = small_project(tmp_path)
    drop(window, path)
    assert window.session.path == path.resolve()
    audio = sample_audio.rename(tmp_path / "teams.wav")
    dialog = accept_dialog_with(monkeypatch)
    drop(window, audio)
    assert dialog.seen == str(audio)
    assert window.session.path == (tmp_path / "teams.transkript.json").resolve()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.xlsx"))])
    assert window._dropped_file(mime) is None


# -- crash recovery -------------------------------------------------------------------


def interrupted_project(folder, status=IN_PROGRESS):
    project, path = small_project(folder, "crashed", title="Interview med VJ")
    project.audio.path, project.audio.duration = "vj.wav", 600.0
    project.transcription = TranscriptionRun(
        backend="faster-whisper", model={"name": "base"}, options={}, status=status, transcribed_until=192.0
    )
    save_project(project, path)
    return path


def test_an_interrupted_transcription_is_offered_for_resume_on_start(qtbot, settings, tmp_path):
    path = interrupted_project(tmp_path)
    settings.setValue("recent_projects", [str(path)])
    main = create_window(settings)
    qtbot.addWidget(main)
    page = main.start_page
    assert not page.recovery_box.isHidden()
    texts = [label.text() for label in page.recovery_box.findChildren(QLabel)]
    assert any("Interview med VJ: stopped at 0:03:12 of 0:10:00" in text for text in texts)
    assert [b.text() for b in page.recovery_box.findChildren(type(page.new_button))] == ["Resume"]
    assert main.open_project(path)
    panel = main.transcription_panel
    assert panel.transcribe_button.text() == "Resume"
    assert "stopped at 0:03:12 of 0:10:00" in panel.state_label.text()
    assert "Transkript or the computer stopped" in panel.state_label.text()
    main.close_project()


def test_a_damaged_project_opens_its_previous_version(window, questions, tmp_path):
    project, path = small_project(tmp_path)
    project.metadata.title = "second save"
    save_project(project, path)  # the first save is now the .bak
    path.write_text('{"schema_version": 1, "segments": [', encoding="utf-8")
    questions.answers = [Open]
    assert window.open_project(path)
    assert "damaged" in questions.asked[0] and "previous version" in questions.asked[0]
    assert window.session.project.metadata.title == "p"
    assert (
        (tmp_path / "p.transkript.json.damaged").read_text(encoding="utf-8").startswith('{"schema_version"')
    )
    assert backup_path(path).exists()


# -- editing, saving, closing ------------------------------------------------------------


def rename_interviewer(project):
    project.roster[0].name = "Anna Holm"


def test_undo_and_redo_in_the_edit_menu_follow_the_session(window, tmp_path):
    _, path = small_project(tmp_path)
    window.open_project(path)
    window.session.edit("Change name", rename_interviewer)
    assert window.undo_action.isEnabled() and "Change name" in window.undo_action.text()
    window.undo_action.trigger()
    assert window.session.project.roster[0].name == ""
    window.redo_action.trigger()
    assert window.session.project.roster[0].name == "Anna Holm"


def test_closing_saves_the_latest_edit_without_asking(window, questions, tmp_path):
    _, path = small_project(tmp_path)
    window.open_project(path)
    window.session.edit("Change name", rename_interviewer)
    assert window.session.dirty
    assert window.close_project() and questions.asked == []
    assert load_project(path).roster[0].name == "Anna Holm"


def test_closing_with_work_that_could_not_be_saved_asks(window, questions, tmp_path):
    _, path = small_project(tmp_path)
    window.open_project(path)
    window.session.path = tmp_path / "unplugged-drive" / "p.transkript.json"  # the save will fail
    window.session.edit("Change name", rename_interviewer)
    questions.answers = [Cancel]
    assert not window.close_project()
    assert "not saved" in questions.asked[0] and "unplugged-drive" in questions.asked[0]
    assert window.session is not None
    assert "Not saved" in window.save_state_label.text()
    questions.answers = [Discard]
    window.close()
    assert window.session is None and load_project(path).roster[0].name == ""


def test_the_window_remembers_its_geometry(window, settings, tmp_path):
    # The panels' state is saved as a project closes (the start page shows none of them).
    window.open_project(small_project(tmp_path)[1])
    window.resize(900, 700)
    window.close()
    assert settings.value("window/geometry") is not None and settings.value("window/state") is not None


# -- panels, shortcuts, language -------------------------------------------------------


def test_a_panel_plugs_in_as_a_dock_shown_with_a_project(window, tmp_path):
    seen = []
    window.session_changed.connect(seen.append)
    dock = window.add_panel(QLabel("review"), "Review", object_name="ReviewDock")
    assert not dock.isVisible() and dock.toggleViewAction() in window.view_menu.actions()
    _, path = small_project(tmp_path)
    window.open_project(path)
    assert dock.isVisible() and seen == [window.session]
    window.close_project()
    assert not dock.isVisible() and seen[-1] is None


def test_help_shortcuts_lists_every_shortcut(window, qtbot, tmp_path):
    _, path = small_project(tmp_path)
    window.open_project(path)
    window.add_shortcut_source("Review", lambda: [("Accept the name", "Ctrl+Return")])
    dialog = window.show_shortcuts()
    qtbot.addWidget(dialog)
    rows = dialog.rows()
    assert ("Window", "Save", "Ctrl+S") in rows and ("Window", "Undo", "Ctrl+Z") in rows
    assert ("Review", "Accept the name", "Ctrl+Return") in rows
    table = getattr(window.editor, "shortcut_table", None)
    if table is not None:  # the editor's own shortcuts, when the editor is there
        assert len([r for r in rows if r[0] == "Editor"]) == len(list(table()))


def test_switching_to_danish_shows_danish_strings(window, tmp_path):
    _, path = small_project(tmp_path)
    window.open_project(path)
    window.set_language("da")
    assert window.file_menu.title() == "&Filer"
    assert window.edit_menu.title() == "&Rediger"
    assert window.transcription_dock.windowTitle() == "Transskription"
    assert window.roster_panel.add_button.text() == "Tilføj person"
    assert window.settings.value("language") == "da"
    window.set_language("en")
    assert window.file_menu.title() == "&File"


def test_danish_is_the_default_on_a_danish_system_unless_set(settings):
    assert i18n.chosen_language(settings, QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)) == "da"
    assert (
        i18n.chosen_language(settings, QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        == "en"
    )
    settings.setValue("language", "en")
    assert i18n.chosen_language(settings, QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)) == "en"


def test_every_window_string_has_a_danish_translation():
    import xml.etree.ElementTree as ElementTree

    from transcribe_app.core.resources import resource_path

    root = ElementTree.parse(resource_path("translations", "transkript_da.ts")).getroot()
    ours = {"MainWindow", "StartPage", "NewProjectDialog", "TranscriptionPanel", "TranscriptionWorker"}
    ours |= {"RosterPanel", "ShortcutsDialog", "ModelChoice", "Files", "PlainTranscriptView"}
    missing = [
        message.findtext("source")
        for context in root
        if context.findtext("name") in ours
        for message in context.iter("message")
        if message.find("translation").get("type") == "unfinished" or not message.findtext("translation")
    ]
    assert missing == []
    assert resource_path("translations", "transkript_da.qm").is_file()


def test_the_project_file_is_plain_json_the_cli_reads(window, monkeypatch, tmp_path, sample_audio):
    audio = sample_audio
    accept_dialog_with(monkeypatch, source=audio, title="VJ")
    window.new_project()
    data = json.loads((tmp_path / "vj.transkript.json").read_text(encoding="utf-8"))
    assert data["app"] == "Transkript" and data["metadata"]["title"] == "VJ"


def test_ctrl_z_undoes_in_the_roster_and_in_the_transcript_view(window, qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    _, path = small_project(tmp_path)
    window.open_project(path)
    assert window.shortcut_collisions() == []
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    for place in (window.roster_panel.table, window.editor):
        window.session.edit("Change name", rename_interviewer)
        place.setFocus()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert window.session.project.roster[0].name == "", place


def test_starting_the_window_looks_for_models_without_the_network(
    qtbot, settings, isolated_models, monkeypatch
):
    import socket

    attempts = []
    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, lambda *args, **kwargs: attempts.append(args))
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: attempts.append(args) or [])
    main = create_window(settings)
    qtbot.addWidget(main)
    panel = main.transcription_panel
    qtbot.waitUntil(lambda: panel._report is not None, timeout=30_000)
    assert attempts == []
    assert set(panel._report.models.values()) == {None}  # the isolated model folders are empty
    assert "Not on this computer yet" in panel.model_status.text()
    assert panel.device_label.text().startswith("Found:")


def test_the_window_has_the_program_icon(qapp):
    from transcribe_app.gui.app import create_application

    app = create_application()
    sizes = app.windowIcon().availableSizes()
    assert sizes and max(s.width() for s in sizes) >= 256


def test_the_model_probe_outlives_a_closed_panel_until_its_report_arrives(qtbot):
    """The probe's thread must never hold its last reference: the QObject would be deleted in that thread
    while its report waits in the window's event loop (a crash seen when a panel closed early)."""
    import gc

    from transcribe_app.gui import models_choice

    probe, reports = models_choice.ComputerProbe(), []
    probe.found.connect(reports.append)
    probe.start()
    assert probe in models_choice._RUNNING
    del probe
    gc.collect()
    qtbot.waitUntil(lambda: bool(reports), timeout=60_000)
    qtbot.waitUntil(lambda: not models_choice._RUNNING, timeout=5_000)
