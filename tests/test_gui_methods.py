"""File → Methods Paragraph…: the open project's paragraph (and its folder's), Danish or English, copied."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from transcribe_app.core.methods import interview_facts, methods_paragraph
from transcribe_app.core.project.file import load_project

pytest_plugins = ("tests.gui_fixtures",)  # settings, window

PROJECTS = Path(__file__).parent / "data" / "projects"


def test_the_methods_paragraph_is_shown_and_copied(window, tmp_path, qtbot):
    assert not window.methods_action.isEnabled()  # no project open: nothing to tell
    for name in ("pseudonymised.transkript.json", "diarised.transkript.json"):
        shutil.copy(PROJECTS / name, tmp_path / name)
    assert window.open_project(tmp_path / "pseudonymised.transkript.json")
    assert window.methods_action.isEnabled()
    window.session.project.segments[0].words[1].probability = None  # a correction not yet saved counts
    dialog = window.show_methods()
    own = interview_facts(window.session.project)
    assert own.corrected == 1
    assert dialog.text.toPlainText() == methods_paragraph([own], "da")
    assert "pseudonymiseret" in dialog.text.toPlainText()

    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.text.toPlainText().startswith("The material consists of one interview")
    assert dialog.whole_folder.isVisible() and dialog.whole_folder.text() == "All 2 projects in this folder"
    dialog.whole_folder.setChecked(True)
    other = interview_facts(load_project(tmp_path / "diarised.transkript.json"))
    assert dialog.text.toPlainText() == methods_paragraph([own, other], "en")
    assert "speaker diarisation" in dialog.text.toPlainText()

    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.text.toPlainText()
    assert dialog.copy_button.text() == "Copied"
    dialog.close()
