"""Overlapped speech in the window: underlined in the editor with a tooltip, hatched on the timeline, found
with F7 / Shift+F7, and a choice in the export."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCharFormat

from tests.editor_fixtures import dev_sentences, interview
from transcribe_app.core.project.diarisation import DiarisationRecord, OverlapStretch
from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.core.project.transcript import clock_time
from transcribe_app.gui.editor import TranscriptEditor
from transcribe_app.gui.editor.text_view import OVERLAP_UNDERLINE
from transcribe_app.gui.editor.timeline import OVERLAP_HATCH, TimelineOverlap
from transcribe_app.gui.export_dialog import ExportDialog, output_for
from transcribe_app.gui.session import ProjectSession

pytest_plugins = ("tests.gui_fixtures",)  # settings, window

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


def _editor(qtbot) -> TranscriptEditor:
    editor = TranscriptEditor(ProjectSession(_project()), None)
    qtbot.addWidget(editor)
    editor.resize(1000, 600)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def test_the_timeline_hatches_the_overlap_and_its_tooltip_names_both_speakers_and_the_time(qtbot):
    editor = _editor(qtbot)
    strip = editor.timeline
    stretch = editor.session.project.diarisation.overlaps[0]
    assert strip.overlaps() == [TimelineOverlap(stretch.start, stretch.end, ("I", "VJ"))]
    image = strip.grab().toImage()
    scale = image.width() / strip.width()
    band = strip.band_rect()
    middle = round(strip.x_for((stretch.start + stretch.end) / 2) * scale)
    # A solid edge on top of the band, and the turns' colour lightened and hatched below it.
    assert image.pixelColor(middle, round((band.top() + 1) * scale)) == OVERLAP_HATCH
    turn_colour = image.pixelColor(
        round(strip.x_for(stretch.start - 1.0) * scale), round(band.center().y() * scale)
    )
    column = {
        image.pixelColor(middle, y).name()
        for y in range(round(band.top() * scale) + 6, round(band.bottom() * scale))
    }
    assert OVERLAP_HATCH.name() in column and turn_colour.name() not in column
    far = round(strip.x_for(stretch.start - 1.0) * scale)
    assert image.pixelColor(far, round((band.top() + 1) * scale)) != OVERLAP_HATCH  # elsewhere: the turns
    assert strip.overlap_at(strip.x_for(stretch.start - 1.0)) is None
    tip = strip.overlap_text(strip.overlap_at(strip.x_for(stretch.start + 0.1)))
    assert "I" in tip and "VJ" in tip and clock_time(stretch.start) in tip


def test_next_and_previous_overlap_select_the_stretch_across_the_change_and_move_the_playhead(qtbot):
    editor = _editor(qtbot)
    project = editor.session.project
    stretch = project.diarisation.overlaps[0]
    first = [w.text.strip() for w in project.segments[0].words]
    second = [w.text.strip() for w in project.segments[1].words]
    messages: list[str] = []
    editor.status_message.connect(messages.append)

    def selected() -> list[str]:
        return editor.text.textCursor().selectedText().replace("\u2029", " ").split()

    editor.text.place_cursor(0)
    editor.action("next_overlap").trigger()
    # One stretch, one place: the end of I's turn and the start of VJ's, selected together.
    assert selected() == first[-2:] + second[:2]
    assert editor.timeline.position == pytest.approx(stretch.start - 1.0)
    assert messages[-1] == "Two voices at once: place 1 of 1"
    editor.action("next_overlap").trigger()
    assert "No more" in messages[-1] and selected() == first[-2:] + second[:2]  # stays put
    editor.player.seek(0.0)
    editor.text.place_cursor(2)
    editor.action("previous_overlap").trigger()
    assert selected() == first[-2:] + second[:2]
    assert editor.timeline.position == pytest.approx(stretch.start - 1.0)
    third = project.segments[2].words  # a second stretch, inside the third turn: a place of its own
    project.diarisation.overlaps.append(OverlapStretch(third[2].start, third[3].end, ("S1", "S2")))
    editor.refresh(full=True)
    editor.text.place_cursor(1, len(editor.text.turns[1].text))
    editor.action("next_overlap").trigger()
    assert selected() == [w.text.strip() for w in third[2:4]]
    assert messages[-1] == "Two voices at once: place 2 of 2"


def test_the_overlap_keys_are_in_the_play_menu_and_clash_with_no_other_key(qtbot):
    from transcribe_app.gui.editor_menus import PLAY

    editor = _editor(qtbot)
    rows = dict(editor.shortcut_table())
    assert rows["Next overlapping speech"] == "F7" and rows["Previous overlapping speech"] == "Shift+F7"
    assert {"next_overlap", "previous_overlap"} <= set(PLAY)
    keys = [k.toString() for a in editor.editor_actions() for k in a.shortcuts()]
    assert len(keys) == len(set(keys))


def test_without_overlaps_the_timeline_draws_none_and_the_keys_say_so(qtbot):
    project = _project()
    project.diarisation = None
    editor = TranscriptEditor(ProjectSession(project), None)
    qtbot.addWidget(editor)
    messages: list[str] = []
    editor.status_message.connect(messages.append)
    editor.action("next_overlap").trigger()
    assert editor.timeline.overlaps() == [] and editor.overlap_places() == []
    assert messages == ["No places where two voices overlap in this transcript."]


def test_the_window_shows_the_editors_place_of_the_overlap_in_its_status_bar(window, tmp_path):
    path = tmp_path / "interview.transkript"
    save_project(_project(), path)
    window.open_project(path)
    window.editor.action("next_overlap").trigger()
    assert window.statusBar().currentMessage() == "Two voices at once: place 1 of 1"
