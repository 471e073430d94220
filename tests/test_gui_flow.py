"""One recording all the way through the real window, as a researcher takes it, with the files read back.

File → New project from the sample recording → transcribe it with the real base
model in the real child process → put the informant and the interviewer in the
roster → correct the first words in the editor (verbatim view), Ctrl+Z, Ctrl+Y →
give the turn to the informant → the clean view → settle a name in the names
review → copy a citation and keep it in the quote basket → a pseudonymised DOCX
appendix through File → Export…, read back with python-docx → close the project
and open it again from the start page: the words, the speaker, the decision,
the quote and the recorded layout are all there.

Covered elsewhere, not repeated here: cancel and resume, and a killed worker and
its recovery (test_gui_transcription.py); a blocked export showing the leak list
and "Export anyway" (test_gui_export.py); the Accept button of the names review
(test_gui_names.py).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from transcribe_app.core.citations import cite
from transcribe_app.core.project.file import load_project
from transcribe_app.core.project.record import COMPLETE
from transcribe_app.gui import prompts
from transcribe_app.gui.cite_panel import clipboard_text
from transcribe_app.gui.export_dialog import ExportDialog
from transcribe_app.gui.new_project import NewProjectDialog
from transcribe_app.gui.roster_panel import FIELDS

pytestmark = pytest.mark.slow
pytest_plugins = ("tests.gui_fixtures",)  # settings, window, questions, sample_audio

RUN_TIMEOUT_MS = 240_000  # the real model on shared cores: generous, never a timing assertion
WAIT_MS = 120_000  # the first names review loads Presidio and spaCy: on busy shared cores, long
LEFT = Qt.MouseButton.LeftButton
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


class Modal:
    """Answers the next modal dialog of ``kind`` once its ``exec()`` has shown it (the real dialog)."""

    def __init__(self, kind, answer):
        self.kind, self.answer, self.answered = kind, answer, False
        self._timer = QTimer()
        self._timer.timeout.connect(self._look)
        self._timer.start(10)

    def _look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, self.kind) and dialog.isVisible():
            self._timer.stop()
            self.answered = True
            self.answer(dialog)


def back_to(qtbot, window, widget=None) -> None:
    """After a dialog: the window is active again and ``widget`` has the keyboard, as after a click in it."""
    if QApplication.activeWindow() is not window:
        with qtbot.waitActive(window):
            window.activateWindow()
    if widget is not None:
        widget.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def fill_in_new_project(dialog: NewProjectDialog, audio: Path) -> None:
    dialog.set_source(audio)
    dialog.title_edit.setText("Interview med Dan Hansen")
    dialog.appendix_spin.setValue(4)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def finish_editing(qtbot, table) -> None:
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)  # Qt commits the cell queued


def type_in_cell(qtbot, roster, row: int, field: str, text: str) -> None:
    """Open the cell's editor (as a double click does), type, press Return."""
    index = roster.model.index(row, FIELDS.index(field))
    roster.table.setCurrentIndex(index)
    roster.table.edit(index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    finish_editing(qtbot, roster.table)


def choose_role(qtbot, roster, row: int, role: str) -> None:
    index = roster.model.index(row, FIELDS.index("role"))
    roster.table.setCurrentIndex(index)
    roster.table.edit(index)
    combo = QApplication.focusWidget()
    combo.setCurrentIndex(combo.findData(role))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    finish_editing(qtbot, roster.table)


def action(actions, text: str):
    return next(a for a in actions if a.text().startswith(text))


def groups(tree) -> dict:
    return {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}


def settled(qtbot, panel) -> None:
    """The names or cite panel has done its work on the worker thread and shows the result."""
    view = "review" if hasattr(panel, "review") else "view"
    qtbot.waitUntil(lambda: not panel.busy and getattr(panel, view) is not None, timeout=WAIT_MS)


def numbered(path: Path) -> list[tuple[int, str]]:
    """The numbered lines of a DOCX appendix: (number, line)."""
    rows = []
    for paragraph in docx.Document(str(path)).paragraphs:
        match = re.fullmatch(r"\t(\d+)\t(.*)", paragraph.text)
        if match:
            rows.append((int(match.group(1)), match.group(2)))
    return rows


def test_from_a_recording_to_a_pseudonymised_appendix_and_back(
    window, qtbot, questions, monkeypatch, tmp_path, sample_audio, faster_whisper_base
):
    back_to(qtbot, window)

    # -- File → New project…: the recording, a title, the appendix number ------------------------------------
    new = Modal(NewProjectDialog, lambda dialog: fill_in_new_project(dialog, sample_audio))
    window.new_action.trigger()
    assert new.answered
    back_to(qtbot, window)
    path = (tmp_path / "vj.transkript.json").resolve()
    assert window.session.path == path and window.transcription_dock.isVisible()

    # -- Model: "Use local model file…" (the file dialog answers model.bin), the processor, Transcribe -------
    panel = window.transcription_panel
    monkeypatch.setattr(prompts, "open_file", lambda *args: str(Path(faster_whisper_base) / "model.bin"))
    local = panel.model_combo.findData("__local__")
    panel.model_combo.setCurrentIndex(local)
    panel.model_combo.activated.emit(local)  # what choosing the entry in the list does
    assert panel.model_combo.currentData() == faster_whisper_base
    assert panel.model_combo.currentText() == "Local model: faster-whisper-base"
    panel.device_combo.setCurrentIndex(panel.device_combo.findData("cpu"))
    with qtbot.waitSignal(panel.run_ended, timeout=RUN_TIMEOUT_MS) as ended:
        qtbot.mouseClick(panel.transcribe_button, LEFT)
        assert panel.running and not window.editor.isEnabled()
    assert ended.args[0].status == "complete"
    saved = load_project(path)
    assert saved.transcription.status == COMPLETE and len(saved.segments) == 1
    session, editor = window.session, window.editor
    assert editor.isEnabled() and [t.segments for t in editor.text.turns] == [[0]]
    heard = saved.segments[0].text.split()  # what Whisper base makes of "Dan havde lavet en flot tegning…"

    # -- Roster: the informant, and the interviewer (role first: an interviewer's code is I) -----------------
    roster = window.roster_panel
    qtbot.mouseClick(roster.add_button, LEFT)  # opens the new row's name for typing
    type_in_cell(qtbot, roster, 0, "name", "Dan Hansen")
    qtbot.mouseClick(roster.add_button, LEFT)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    finish_editing(qtbot, roster.table)
    choose_role(qtbot, roster, 1, "interviewer")
    type_in_cell(qtbot, roster, 1, "name", "Dan Holm")
    people = [(e.name, e.code, e.role) for e in session.project.roster]
    assert people == [("Dan Hansen", "DH", "informant"), ("Dan Holm", "I", "interviewer")]

    # -- Editor: in the verbatim view, type over the first words what is heard; Ctrl+Z, Ctrl+Y ---------------
    back_to(qtbot, window, editor.text)
    qtbot.keyClick(editor.text, Qt.Key.Key_1, ALT)
    assert editor.level == "verbatim" and editor.text.toPlainText() == " ".join(heard)
    first_words = " ".join(heard[:3])
    editor.text.select(0, 0, len(first_words))
    steps = session.undo_stack.count()  # the roster's
    qtbot.keyClicks(editor.text, "Dan havde, øh, lavet")
    qtbot.waitUntil(lambda: session.undo_stack.count() == steps + 1, timeout=WAIT_MS)  # a pause stores it
    assert session.undo_stack.undoText() == "Edit text"
    corrected = ["Dan", "havde,", "øh,", "lavet", *heard[3:]]
    assert [w.text.strip() for w in session.project.segments[0].words] == corrected
    assert session.project.segments[0].text.split() == corrected
    qtbot.keyClick(editor.text, Qt.Key.Key_Z, CTRL)
    assert session.project.segments[0].text.split() == heard
    assert editor.text.toPlainText() == " ".join(heard)
    qtbot.keyClick(editor.text, Qt.Key.Key_Y, CTRL)
    assert session.project.segments[0].text.split() == corrected
    assert editor.text.toPlainText() == " ".join(corrected)

    # -- Speaker: the roster's people are offered (nobody has a voice yet: no diarisation); Ctrl+1 is DH -----
    assert [editor.speaker_box.itemText(i) for i in range(editor.speaker_box.count())] == ["DH", "I"]
    assert editor.action("speaker_1").text() == "Speaker 1: DH"
    qtbot.keyClick(editor.text, Qt.Key.Key_1, CTRL)
    assert session.undo_stack.undoText() == "Change speaker"
    assert session.project.segments[0].speaker == "DH" and [t.speaker for t in editor.text.turns] == ["DH"]
    voices = [(e.label, e.code) for e in session.project.roster]
    assert voices == [("DH", "DH"), ("", "I")]  # Dan Hansen has the voice now: no second DH in the roster
    assert editor.speaker_box.currentText() == "DH" and roster.speaker_labels() == ["DH"]
    assert roster.speakers.cellWidget(0, 3).currentData() == 0  # the voice DH is the roster's Dan Hansen

    # -- Alt+2: the clean view hides the filler; the words keep it -------------------------------------------
    qtbot.keyClick(editor.text, Qt.Key.Key_2, ALT)
    assert editor.level == "clean" and editor.view_box.currentData() == "clean"
    assert editor.text.toPlainText() == " ".join(["Dan", "havde", "lavet", *heard[3:]])
    assert "øh," in session.project.segments[0].text.split()

    # -- Names: "Dan" could be either Dan; this one is the informant -----------------------------------------
    research = window.research
    research.names_dock.raise_()
    names = research.names_panel
    settled(qtbot, names)
    dan = groups(names.review_list)["Dan (who?)"]
    assert "Could be" in dan.toolTip(0) and "Dan Hansen" in dan.toolTip(0) and "Dan Holm" in dan.toolTip(0)
    assert dan.text(2) == "[Person 1] if accepted"  # as someone else: but this Dan is in the roster
    this_one_is = action(names.context_menu(dan.child(0)).actions(), "This one is").menu()
    action(this_one_is.actions(), "Dan Hansen").trigger()
    qtbot.waitUntil(lambda: not names.busy and not groups(names.review_list), timeout=WAIT_MS)
    (decision,) = session.project.pseudonymisation.decisions
    assert (decision.action, decision.text, decision.to) == ("assign", "Dan", "Dan Hansen")
    assert groups(names.replaced_list)["Dan Hansen"].text(2) == "DH"
    assert names.preview_text().startswith("DH: DH havde lavet")

    # -- Cite: select the lines, Copy citation; into the quote basket ----------------------------------------
    research.cite_dock.raise_()
    cite_panel = research.cite_panel
    settled(qtbot, cite_panel)
    assert "No appendix has been exported yet" in cite_panel.banner_label.text()
    last = cite_panel.model.rowCount()
    assert last >= 2  # one turn of some twenty words, 85 characters a line
    cite_panel.select_lines(1, last)
    qtbot.mouseClick(cite_panel.copy_button, LEFT)
    quoted = cite(session.project, 1, last)
    assert QGuiApplication.clipboard().text() == clipboard_text(quoted)
    assert quoted.citation == f"(DH: 1-{last})" and quoted.text.startswith("Dan havde lavet")
    qtbot.mouseClick(cite_panel.add_button, LEFT)
    assert [(q.lines, q.text) for q in session.project.quotes] == [(f"1-{last}", quoted.text)]

    # -- File → Export…: a pseudonymised Word appendix, read back --------------------------------------------
    research.export_action.trigger()
    export = window.findChild(ExportDialog)
    assert export.isVisible() and export.fmt == "docx" and export.pseudonymise_box.isChecked()
    out, key = tmp_path / "vj.docx", tmp_path / "vj.key.json"
    assert (export.output_edit.text(), export.key_edit.text()) == (str(out), str(key))
    with qtbot.waitSignal(export.exported, timeout=WAIT_MS):
        qtbot.mouseClick(export.export_button, LEFT)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert text.startswith("Bilag 4: Interview med DH") and "Pseudonymiseret: ja" in text
    assert "Dan" not in text and "Hansen" not in text and "Holm" not in text
    lines = numbered(out)
    assert [n for n, _ in lines] == list(range(1, len(lines) + 1))
    assert lines[0][1].startswith("DH: DH havde lavet")  # the code instead of the name
    assert "øh" not in text  # the clean appendix
    entries = json.loads(key.read_text(encoding="utf-8"))["entries"]
    assert {e["replacement"]: e["name"] for e in entries}["DH"] == "Dan Hansen"
    layout = copy.deepcopy(session.project.layout)
    assert layout.pseudonymised is True and layout.level == "clean"
    qtbot.mouseClick(export.close_button, LEFT)
    assert not export.isVisible()

    # -- Close the project; open it again from the recent projects -------------------------------------------
    assert window.close_project()
    assert questions.asked == []  # everything was saved: nothing to ask
    assert window.pages.currentWidget() is window.start_page
    recent = window.start_page.recent_list
    recent.itemActivated.emit(recent.item(0))
    session, editor = window.session, window.editor
    assert session.path == path and session.undo_stack.count() == 0 and not session.dirty
    project = session.project
    assert project.segments[0].text.split() == corrected
    assert [t.speaker for t in editor.text.turns] == ["DH"]
    assert editor.text.toPlainText() == " ".join(["Dan", "havde", "lavet", *heard[3:]])  # clean, as stored
    people = [(e.label, e.name, e.code) for e in project.roster]
    assert people == [("DH", "Dan Hansen", "DH"), ("", "Dan Holm", "I")]
    assert project.pseudonymisation.decisions == [decision]
    assert [(q.lines, q.text) for q in project.quotes] == [(f"1-{last}", quoted.text)]
    assert project.layout == layout
    settled(qtbot, names)
    assert names.review_list.topLevelItemCount() == 0 and "Dan Hansen" in groups(names.replaced_list)
    settled(qtbot, cite_panel)
    assert not cite_panel.banner.isVisible()  # the lines are the exported appendix's
    assert [(line.number, line.text) for line in cite_panel.model.lines] == lines
    assert cite_panel.basket.count() == 1
    # The quote was taken before the export, with the name as written: the basket says to check it.
    assert "changed since you added the quote" in cite_panel.basket.item(0).toolTip()
    cite_panel.select_lines(1, last)
    assert cite_panel.copy_citation() == clipboard_text(cite(project, 1, last))
    assert QGuiApplication.clipboard().text().startswith("„DH havde lavet")  # the Danish quotation marks
