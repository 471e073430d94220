"""Overlapped speech in the window: underlined in the editor with a tooltip, and a choice in the export."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCharFormat

from tests.editor_fixtures import dev_sentences, interview
from transcribe_app.core.project.diarisation import DiarisationRecord, OverlapStretch
from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.gui.editor import TranscriptEditor
from transcribe_app.gui.editor.text_view import OVERLAP_UNDERLINE
from transcribe_app.gui.export_dialog import ExportDialog, output_for
from transcribe_app.gui.session import ProjectSession

WAIT_MS = 20_000


def _project():
    """I, then VJ starting while I still speaks: I's last two words and VJ's first two in overlap."""
    d = dev_sentences()
    project = interview([("S1", d["d12"]), ("S2", d["d01"]), ("S1", d["d03"])], word_s=0.3)
    first, second = project.segments[0].words, project.segments[1].words
    project.diarisation = DiarisationRecord(
        method="test", overlaps=[OverlapStretch(first[-2].start, second[1].end, ("S1", "S2"))]
    )
    project.cleanup_level = "verbatim"
    return project


def _underlined(editor: TranscriptEditor, turn: int) -> list[str]:
    block = editor.text.document().findBlockByNumber(turn)
    return [
        block.text()[r.start : r.start + r.length].strip()
        for r in block.layout().formats()
        if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
        and r.format.underlineColor() == OVERLAP_UNDERLINE
    ]


def test_the_editor_underlines_the_overlapped_words_and_says_whose_voices(qtbot):
    project = _project()
    editor = TranscriptEditor(ProjectSession(project), None)
    qtbot.addWidget(editor)
    editor.resize(1000, 600)
    editor.show()
    first = [w.text.strip() for w in project.segments[0].words]
    second = [w.text.strip() for w in project.segments[1].words]
    assert _underlined(editor, 0) == first[-2:]
    assert _underlined(editor, 1) == second[:2]
    assert _underlined(editor, 2) == []
    tip = editor.text.overlap_text(1, 0)
    assert "I" in tip and "VJ" in tip


@pytest.fixture
def dialog(qtbot, tmp_path):
    path = tmp_path / "interview.transkript"
    project = _project()
    project.metadata.title = "Interview"
    save_project(project, path)
    session = ProjectSession(load_project(path), path, autosave_ms=60_000)
    widget = ExportDialog(session, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_the_export_dialog_marks_overlap_as_chosen_and_the_appendix_remembers(qtbot, dialog, tmp_path):
    assert dialog.overlap_combo.currentData() == "none"
    dialog.pseudonymise_box.setChecked(False)
    dialog.set_format("txt")
    dialog.output_edit.setText(output_for(str(tmp_path / "bilag.txt"), "txt"))
    dialog.overlap_combo.setCurrentIndex(dialog.overlap_combo.findData("slashes"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    written = (tmp_path / "bilag.txt").read_text(encoding="utf-8")
    assert "Overlappende tale: markeret //sådan//" in written  # the provenance says how it is marked
    numbered = [line for line in written.splitlines() if line.strip()[:1].isdigit()]
    assert "".join(numbered).count("//") == 4  # opening and closing, in each of the two turns
    assert dialog.session.project.layout.overlap_marks == "slashes"
