"""The export dialog: a DOCX appendix written and read back, the leak gate's list in the dialog and the
audited "export anyway", formats and their file names, and the tables."""

from __future__ import annotations

import copy
import json
import re

import docx
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from tests.pseudonymisation_gold import interview_project
from transcribe_app.core.citations import cite
from transcribe_app.core.exports import FORMATS
from transcribe_app.core.layout import LayoutSettings, record_layout
from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.gui import prompts
from transcribe_app.gui.export_dialog import ExportDialog, output_for
from transcribe_app.gui.key_location import remember_key_path
from transcribe_app.gui.session import ProjectSession

WAIT_MS = 120_000  # the first names review loads Presidio and spaCy: on busy shared cores, long


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def session(tmp_path) -> ProjectSession:
    path = interview_project(tmp_path)
    project = load_project(path)
    project.roster[-4].position, project.roster[-4].area = "direktør", "sundhed"
    save_project(project, path)
    return ProjectSession(load_project(path), path, autosave_ms=60_000)


@pytest.fixture
def dialog(qtbot, session, settings, tmp_path) -> ExportDialog:
    (tmp_path / "keys").mkdir()
    remember_key_path(settings, session.path, str(tmp_path / "keys" / "vj.key.json"))
    widget = ExportDialog(session, settings=settings)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def run(qtbot, dialog, button) -> None:
    button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)


def numbered(path) -> list[tuple[int, str]]:
    rows = []
    for paragraph in docx.Document(str(path)).paragraphs:
        match = re.fullmatch(r"\t(\d+)\t(.*)", paragraph.text)
        if match:
            rows.append((int(match.group(1)), match.group(2)))
    return rows


def test_the_dialog_starts_from_the_recorded_layout_and_names_the_file_after_the_format(
    qtbot, session, settings, tmp_path
):
    record_layout(
        session.project, LayoutSettings(width=72, timestamps=True), level="verbatim", pseudonymised=True
    )
    dialog = ExportDialog(session, settings=settings)
    qtbot.addWidget(dialog)
    offered = [dialog.format_combo.itemData(i) for i in range(dialog.format_combo.count())]
    assert offered == [*FORMATS, "audio"]  # every text format, then the pseudonymised recording
    assert dialog.width_spin.value() == 72 and dialog.timestamps_box.isChecked()
    assert dialog.pseudonymise_box.isChecked()
    assert dialog.key_edit.text() == str(tmp_path / "interview.key.json")  # the suggestion, by the project
    assert dialog.output_edit.text() == str(tmp_path / "interview.docx")
    expected = {
        "pdf": "interview.pdf",
        "nvivo": "interview_nvivo.txt",
        "txt": "interview.txt",
        "maxqda": "interview_maxqda.txt",
        "json": "interview.json",
        "srt": "interview.srt",
    }
    for fmt, name in expected.items():
        dialog.set_format(fmt)
        assert dialog.output_edit.text() == str(tmp_path / name)
        assert dialog.width_spin.isEnabled() == (fmt in ("docx", "pdf", "txt"))
    assert output_for("/x/bilag 7.final.docx", "pdf") == "/x/bilag 7.final.pdf"


def test_a_pseudonymised_docx_is_written_read_back_and_its_layout_recorded(qtbot, dialog, session, tmp_path):
    out = tmp_path / "bilag7.docx"
    dialog.output_edit.setText(str(out))
    dialog.accept_review_box.setChecked(True)
    with qtbot.waitSignal(dialog.exported) as written:
        run(qtbot, dialog, dialog.export_button)
    assert written.args == [str(out)] and "Wrote" in dialog.status_label.text()
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert text.startswith("Bilag 7: Interview med VJ") and "Pseudonymiseret: ja" in text
    for name in ("Vibeke", "Bo Lund", "Per Skov", "Anne-Mette", "Søren Dam"):
        assert name not in text
    assert "VJ's kalender" in text

    project = session.project
    assert project.layout.pseudonymised is True and project.layout.width == 85
    events = [e.event for e in project.pseudonymisation.audit]
    assert events[-2:] == ["accepted all review", "key written"]
    key = json.loads((tmp_path / "keys" / "vj.key.json").read_text(encoding="utf-8"))
    assert {e["replacement"]: e["name"] for e in key["entries"]}["VJ"] == "Vibeke Jensen"
    # The citations now read the lines of this appendix.
    lines = numbered(out)
    assert cite(project, 3).text in lines[2][1]
    assert session.undo_stack.undoText().startswith("Export to bilag7.docx")
    assert session.save() and load_project(session.path).layout == project.layout


def test_a_planted_lowercase_name_stops_the_export_and_export_anyway_is_audited(
    qtbot, dialog, session, tmp_path, monkeypatch
):
    asked = []  # the file exists: replacing it is asked once (not again for "Export anyway")
    monkeypatch.setattr(
        prompts, "choose", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.Yes
    )

    # A typist's lowercase slip in a name no roster lists: detection (which needs the capital for a
    # name from the lists) passes it by; the gate knows Karin Storm was replaced elsewhere. (A roster
    # name in lower case, "vibeke jensen", is found by detection now.)
    def plant(project):
        project.segments[3].text += " Hils karin storm."
        project.segments[3].words = []

    session.edit("plant", plant, segments=[3])
    out = tmp_path / "bilag7.txt"
    out.write_text("earlier version\n", encoding="utf-8")
    dialog.set_format("txt")
    dialog.output_edit.setText(str(out))
    dialog.accept_review_box.setChecked(True)
    run(qtbot, dialog, dialog.export_button)

    assert dialog.leak_box.isVisible()
    for label in (dialog.leak_label, dialog.anyway_note):  # the explanation is never cut off by the table
        assert label.height() >= label.heightForWidth(label.width()) > 0
    assert "The export was stopped: 1 real name(s)" in dialog.leak_label.text()
    assert "Nothing was written" in dialog.leak_label.text()
    ((line, found, name, context),) = dialog.leak_list()
    assert (found, name) == ("karin storm", "Karin Storm") and "Hils karin storm." in context
    assert "audit log" in dialog.anyway_note.text()
    assert out.read_text(encoding="utf-8") == "earlier version\n"
    assert not (tmp_path / "keys" / "vj.key.json").exists()
    assert "export despite leaks" not in [e.event for e in session.project.pseudonymisation.audit]

    run(qtbot, dialog, dialog.anyway_button)
    written = out.read_text(encoding="utf-8")
    assert "karin storm" in written and not dialog.leak_box.isVisible()
    appendix_line = next(row for row in written.splitlines() if "karin storm" in row)
    assert appendix_line.split()[0] == line  # the table gave the appendix line, as printed in the file
    assert "1 possible real name(s)" in dialog.status_label.text()
    assert len(asked) == 1 and "bilag7.txt" in asked[0]
    audit = session.project.pseudonymisation.audit
    assert [e.event for e in audit][-2:] == ["export despite leaks", "key written"]
    assert audit[-2].details["hits"] == 1 and audit[-2].details["output"] == "bilag7.txt"
    assert session.save()
    stored = [e.event for e in load_project(session.path).pseudonymisation.audit]
    assert "export despite leaks" in stored


def test_go_to_the_names_review_closes_the_dialog_and_says_so(qtbot, dialog, session, tmp_path):
    session.edit("plant", lambda p: (setattr(p.segments[3], "text", p.segments[3].text + " karin storm."),
                                     setattr(p.segments[3], "words", [])), segments=[3])  # fmt: skip
    dialog.output_edit.setText(str(tmp_path / "bilag.docx"))
    dialog.accept_review_box.setChecked(True)
    run(qtbot, dialog, dialog.export_button)
    assert dialog.leak_box.isVisible()
    with qtbot.waitSignal(dialog.review_requested):
        dialog.review_button.click()
    assert not dialog.isVisible()


def test_a_pseudonymised_export_needs_a_key_of_its_own(qtbot, dialog, tmp_path):
    out = tmp_path / "bilag.txt"
    dialog.set_format("txt")
    dialog.output_edit.setText(str(out))
    dialog.key_edit.setText(str(out))
    dialog.export_button.click()
    assert "two different files" in dialog.status_label.text() and not out.exists()
    dialog.key_edit.setText("")
    dialog.export_button.click()
    assert "needs a key file" in dialog.status_label.text()


def test_other_formats_write_without_recording_a_layout_and_say_why_when_they_cannot(
    qtbot, dialog, session, tmp_path
):
    dialog.pseudonymise_box.setChecked(False)
    dialog.set_format("nvivo")  # an imported text has no times, and NVivo plays along with the recording
    dialog.output_edit.setText(output_for(str(tmp_path / "vj.docx"), "nvivo"))
    run(qtbot, dialog, dialog.export_button)
    assert "Nothing was written" in dialog.status_label.text() and "no times" in dialog.status_label.text()
    assert not (tmp_path / "vj_nvivo.txt").exists()
    dialog.set_format("plain")
    assert dialog.output_edit.text() == str(tmp_path / "vj_plain.txt")
    run(qtbot, dialog, dialog.export_button)
    written = (tmp_path / "vj_plain.txt").read_text(encoding="utf-8")
    assert "I: Tak fordi du ville være med, Vibeke." in written  # one line per turn, not pseudonymised
    assert session.project.layout is None and session.undo_stack.count() == 0


def test_tables_are_written_as_a_word_document(qtbot, dialog, tmp_path, monkeypatch):
    target = tmp_path / "tabeller.docx"
    monkeypatch.setattr(prompts, "save_file", lambda *args: str(target))
    run(qtbot, dialog, dialog.tables_button)
    document = docx.Document(str(target))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "VJ" in cells and "direktør" in cells  # by code: the window's tables carry no real names
    assert not any(name in cell for cell in cells for name in ("Vibeke", "Jensen", "Bo Lund", "Per Skov"))
    assert "by code (no real names)" in dialog.status_label.text()


def test_a_title_with_a_real_name_stops_the_tables(qtbot, dialog, session, tmp_path, monkeypatch):
    session.edit("title", lambda p: setattr(p.metadata, "title", "Samtale med Vibeke Jensen"))
    target = tmp_path / "tabeller.docx"
    monkeypatch.setattr(prompts, "save_file", lambda *args: str(target))
    run(qtbot, dialog, dialog.tables_button)
    assert "Nothing was written" in dialog.status_label.text()
    assert "The tables were stopped" in dialog.status_label.text() and not target.exists()


def test_a_plain_copy_after_a_pseudonymised_appendix_is_private(qtbot, dialog, session, tmp_path):
    dialog.output_edit.setText(str(tmp_path / "bilag7.docx"))
    dialog.accept_review_box.setChecked(True)
    run(qtbot, dialog, dialog.export_button)
    recorded = copy.deepcopy(session.project.layout)
    assert recorded.pseudonymised is True
    dialog.pseudonymise_box.setChecked(False)
    dialog.width_spin.setValue(60)
    dialog.output_edit.setText(str(tmp_path / "privat.docx"))
    run(qtbot, dialog, dialog.export_button)
    assert "Vibeke" in "\n".join(p.text for p in docx.Document(str(tmp_path / "privat.docx")).paragraphs)
    assert "private" in dialog.status_label.text() and "citations now use" not in dialog.status_label.text()
    assert session.project.layout == recorded  # the appendix is still the pseudonymised one
    assert "Vibeke" not in cite(session.project, 1, len(numbered(tmp_path / "bilag7.docx"))).text


def test_a_default_file_name_made_from_a_real_name_stops_the_export(qtbot, session, settings, tmp_path):
    named = tmp_path / "Vibeke Jensen.transkript.json"
    save_project(session.project, named)
    window_session = ProjectSession(load_project(named), named, autosave_ms=60_000)
    remember_key_path(settings, named, str(tmp_path / "vj.key.json"))
    dialog = ExportDialog(window_session, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.output_edit.text() == str(tmp_path / "Vibeke Jensen.docx")  # the name the window offers
    dialog.accept_review_box.setChecked(True)
    run(qtbot, dialog, dialog.export_button)
    assert dialog.leak_box.isVisible() and not (tmp_path / "Vibeke Jensen.docx").exists()
    assert any(context.startswith("file name:") for _, _, _, context in dialog.leak_list())


@pytest.mark.parametrize("onto", ["output", "key"])
def test_the_export_never_writes_over_the_project_however_it_is_spelled(
    qtbot, dialog, session, tmp_path, onto
):
    """The window inherits the commands' rule: an output that is an input (the project) is refused."""
    before = session.path.read_bytes()
    spelled = str(tmp_path / "." / session.path.name)  # the same file under another spelling
    dialog.set_format("txt")
    dialog.output_edit.setText(spelled if onto == "output" else str(tmp_path / "bilag.txt"))
    dialog.key_edit.setText(spelled if onto == "key" else str(tmp_path / "keys" / "vj.key.json"))
    dialog.export_button.click()
    assert "is the project you are exporting" in dialog.status_label.text()
    assert not dialog.busy and session.path.read_bytes() == before and not (tmp_path / "bilag.txt").exists()


def test_an_existing_appendix_is_replaced_only_when_the_user_says_so(qtbot, dialog, tmp_path, monkeypatch):
    out = tmp_path / "bilag7.docx"
    out.write_bytes(b"the appendix the supervisor has")
    answers, asked = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes], []
    monkeypatch.setattr(prompts, "choose", lambda box: asked.append(box.text()) or answers.pop(0))
    dialog.output_edit.setText(str(out))
    dialog.accept_review_box.setChecked(True)
    run(qtbot, dialog, dialog.export_button)
    assert out.read_bytes() == b"the appendix the supervisor has" and len(asked) == 1
    assert "Nothing was written" in dialog.status_label.text()
    run(qtbot, dialog, dialog.export_button)
    assert out.read_bytes() != b"the appendix the supervisor has" and len(asked) == 2
    assert "“bilag7.docx” already exists" in asked[0]


def test_the_next_export_starts_from_the_last_format_view_and_folder(
    qtbot, dialog, session, settings, tmp_path
):
    folder = tmp_path / "bilag"
    folder.mkdir()
    dialog.set_format("pdf")
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findData("strict"))
    dialog.output_edit.setText(str(folder / "bilag7.pdf"))
    dialog.accept_review_box.setChecked(True)
    with qtbot.waitSignal(dialog.exported):
        run(qtbot, dialog, dialog.export_button)
    again = ExportDialog(session, settings=settings)
    qtbot.addWidget(again)
    assert again.fmt == "pdf" and again.level_combo.currentData() == "strict"
    assert again.output_edit.text() == str(folder / "interview.pdf")
