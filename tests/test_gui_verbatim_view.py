"""The editor reads like the appendix: each view's text is the appendix's text at that level (the
verbatim view with its pause marks), and the export dialog starts from the view the editor shows."""

from __future__ import annotations

import pytest

from tests.editor_fixtures import interview
from transcribe_app.core import editing
from transcribe_app.core.cleanup import strip_pause_marks
from transcribe_app.core.exports import render_export
from transcribe_app.core.project.file import save_project
from transcribe_app.core.project.record import Project
from transcribe_app.gui.editor import TranscriptEditor
from transcribe_app.gui.editor.text_view import PAUSE_FOREGROUND
from transcribe_app.gui.export_dialog import ExportDialog
from transcribe_app.gui.session import ProjectSession

pytest_plugins = ("tests.gui_fixtures",)  # settings, window


def paused_project() -> Project:
    """An interview whose informant pauses about 1 s, 2.5 s and 4 s, and says "øh" (hidden when clean)."""
    project = interview(
        [
            ("S1", "Hvordan var det at komme tilbage?"),
            ("S2", "Øh, det var jo en stor omstilling for os, øh, alle sammen."),
            ("S1", "Ja."),
        ]
    )
    words = project.segments[1].words
    for index, gap in ((3, 1.1), (5, 2.5), (8, 4.2)):
        for word in words[index:]:
            word.start, word.end = round(word.start + gap, 3), round(word.end + gap, 3)
    project.segments[1].end = words[-1].end
    last = project.segments[2]
    last.words[0].start += 8.0
    last.words[0].end += 8.0
    last.start, last.end = last.words[0].start, last.words[0].end
    return project


def appendix_turns(project: Project, level: str) -> list[tuple[str | None, str]]:
    """The numbered appendix at ``level``, read back as (code, text) per turn: no numbers, no wrapping."""
    rendered = render_export(project, "txt", level=level)
    turns: dict[int, tuple[str | None, list[str]]] = {}
    for line in rendered.document.lines:
        assert line.text in rendered.text  # the lines as the file prints them
        turns.setdefault(line.turn, (line.speaker, []))[1].append(line.body)
    return [(code, " ".join(bodies)) for code, bodies in turns.values()]


@pytest.mark.parametrize("level", ["verbatim", "clean", "strict"])
def test_each_view_of_the_editor_is_the_appendix_at_that_level(qtbot, level):
    project = paused_project()
    editor = TranscriptEditor(ProjectSession(project), None)
    qtbot.addWidget(editor)
    editor.set_level(level)
    shown = [
        (turn.speaker, block)
        for turn, block in zip(editor.text.turns, editor.text.toPlainText().split("\n"), strict=True)
        if block
    ]
    assert shown == appendix_turns(project, level)
    if level == "verbatim":
        assert "(.)" in shown[1][1] and "(..)" in shown[1][1] and "(4 sek.)" in shown[1][1]
    else:
        assert "(" not in "".join(text for _, text in shown)


def test_a_correction_in_the_verbatim_view_keeps_the_pause_marks_out_of_the_words(qtbot):
    project = paused_project()
    editor = TranscriptEditor(ProjectSession(project), None)
    qtbot.addWidget(editor)
    editor.set_level("verbatim")
    block = editor.text.toPlainText().split("\n")[1]
    start = block.index("stor")
    editor.text.setTextCursor(editor.text.block_cursor(1, start, start + len("stor")))
    editor.text.textCursor().insertText("kæmpe")
    editor.commit_pending()
    words = [w.text for w in editor.session.project.segments[1].words]
    assert " kæmpe" in words and not any("(" in w or "sek." in w for w in words)
    assert editor.text.toPlainText().split("\n")[1] == block.replace("stor", "kæmpe")
    assert appendix_turns(editor.session.project, "verbatim")[1][1] == block.replace("stor", "kæmpe")


@pytest.mark.parametrize("level", ["verbatim", "strict"])
def test_the_export_dialog_starts_from_the_view_the_editor_shows(qtbot, window, tmp_path, level):
    project = paused_project()
    project.cleanup_level = "clean"
    path = tmp_path / "p.transkript.json"
    save_project(project, path)
    window.open_project(path)
    window.editor.set_level(level)
    dialog = window.research.export()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, ExportDialog)
    assert dialog.level_combo.currentData() == level == window.editor.level
    dialog.reject()


def test_without_an_editor_level_the_dialog_starts_from_the_projects_level(qtbot, settings, tmp_path):
    project = paused_project()
    project.cleanup_level = "strict"
    dialog = ExportDialog(ProjectSession(project, tmp_path / "p.transkript.json"), settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.level_combo.currentData() == "strict"


def test_deleting_a_pause_mark_stores_nothing_and_shows_it_again(qtbot):
    editor = TranscriptEditor(ProjectSession(paused_project()), None)
    qtbot.addWidget(editor)
    editor.set_level("verbatim")
    block = editor.text.toPlainText().split("\n")[1]
    start = block.index("(..) ")
    editor.text.setTextCursor(editor.text.block_cursor(1, start, start + len("(..) ")))
    editor.text.textCursor().removeSelectedText()
    editor.commit_pending()
    assert editor.session.undo_stack.count() == 0
    assert editor.text.toPlainText().split("\n")[1] == block


def test_pause_marks_are_greyed_apart_from_the_words(qtbot):
    editor = TranscriptEditor(ProjectSession(paused_project()), None)
    qtbot.addWidget(editor)
    editor.set_level("verbatim")
    block = editor.text.document().findBlockByNumber(1)
    grey = {
        block.text()[r.start : r.start + r.length]
        for r in block.layout().formats()
        if r.format.foreground().color() == PAUSE_FOREGROUND
    }
    assert grey == {"(.)", "(..)", "(4 sek.)"}


def test_pause_marks_can_be_switched_off_and_find_and_replace_follow(qtbot):
    project = paused_project()
    editor = TranscriptEditor(ProjectSession(project), None)
    qtbot.addWidget(editor)
    editor.set_level("verbatim")
    with_marks = editor.text.toPlainText().split("\n")[1]
    editor.action("pause_marks").trigger()  # View → Show pause marks, off
    without = editor.text.toPlainText().split("\n")[1]
    assert "(" not in without and without == " ".join(strip_pause_marks(with_marks).split())
    assert editor.session.project.segments == paused_project().segments  # a view: nothing stored changed

    # A match found in the view without marks is replaced at its own place (positions move with marks).
    editor.find_bar.open(replacing=True)
    qtbot.keyClicks(editor.find_bar.find_field, "alle")
    editor.find_bar.replace_field.setText("hele")
    editor.replace_current()
    assert "hele sammen" in editor.text.toPlainText().split("\n")[1]
    assert [w.text.strip() for w in editor.session.project.segments[1].words][-2:] == ["hele", "sammen."]

    editor.action("pause_marks").trigger()  # on again: the appendix's marks are back
    assert "(4 sek.)" in editor.text.toPlainText().split("\n")[1]


def test_a_replace_with_hidden_words_shown_in_a_clean_view_finds_its_place_past_a_pause():
    # The view (clean, hidden words shown) has no pause marks; the match's positions are in that text.
    project = paused_project()
    (match,) = editing.find(project, "clean", "sammen", show_hidden=True)
    editing.replace_match(project, match, "samlet", "clean", show_hidden=True)
    assert [w.text.strip() for w in project.segments[1].words][-1] == "samlet."
