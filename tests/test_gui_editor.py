"""The transcript editor driven through its real widgets (offscreen), with the real sample recording.

Each test does what a researcher does — types a correction, presses a key, clicks the
margin — and checks the project, the undo history and what the screen shows.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.editor_fixtures import SAMPLE_TEXT, SAMPLE_WAV, dev_sentences, focus_group, interview
from transcribe_app.core import editing
from transcribe_app.core.project.record import Project
from transcribe_app.core.project.transcript import Segment
from transcribe_app.gui.editor import TranscriptEditor
from transcribe_app.gui.editor import player as player_module
from transcribe_app.gui.editor.text_view import HIDDEN, UNCERTAIN, UNCERTAIN_BACKGROUND
from transcribe_app.gui.session import ProjectSession

D = dev_sentences()
FIRST, SECOND = SAMPLE_TEXT.split(", som ")
FIRST, SECOND = FIRST + ",", "som " + SECOND  # the two clauses of the sample recording


def _project() -> Project:
    # I: the sample's first clause; VJ: its second clause and d01; I: d12 (the first two within the recording)
    project = interview([("S1", FIRST), ("S2", SECOND), ("S2", D["d01"]), ("S1", D["d12"])], word_s=0.2)
    project.segments[1].words[4].probability = 0.3  # "i": Whisper was unsure
    return project


def _editor(qtbot, project: Project, audio=SAMPLE_WAV) -> TranscriptEditor:
    editor = TranscriptEditor(ProjectSession(project), audio)
    qtbot.addWidget(editor)
    editor.resize(1000, 600)
    editor.show()
    with qtbot.waitActive(editor):  # shortcuts work in the active window, as in the application
        editor.activateWindow()
    return editor


@pytest.fixture
def editor(qtbot) -> TranscriptEditor:
    return _editor(qtbot, _project())


def _blocks(editor: TranscriptEditor) -> list[str]:
    return editor.text.toPlainText().split("\n")


def _select_word(editor: TranscriptEditor, turn: int, word: str) -> None:
    start = _blocks(editor)[turn].index(word)
    editor.text.setFocus()
    editor.text.select(turn, start, start + len(word))


def _wait_loaded(qtbot, editor: TranscriptEditor) -> None:
    qtbot.waitUntil(lambda: editor.player.duration > 7, timeout=5000)


# -- what is shown ---------------------------------------------------------------------------------------


def test_turns_are_shown_with_speaker_codes_in_the_project_level(editor):
    assert editor.level == "clean"
    assert [t.speaker for t in editor.text.turns] == ["I", "VJ", "I"]
    assert _blocks(editor) == [t.text for t in editor.text.turns]
    assert _blocks(editor)[1].endswith(
        "så alle kunne se den. Jeg tror, at det handler om at borgeren skal føle sig hørt."
    )
    assert editor.speaker_box.count() == 2


def test_the_clean_view_hides_fillers_and_show_hidden_shows_them_struck_through(qtbot, editor):
    editor.text.setFocus()
    qtbot.keyClick(editor.text, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # verbatim view
    assert editor.level == "verbatim" and "den. Øh, jeg tror" in _blocks(editor)[1]
    qtbot.keyClick(editor.text, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # clean view
    assert (
        editor.level == "clean" and "den. Jeg tror" in _blocks(editor)[1] and "øh" not in _blocks(editor)[1]
    )
    qtbot.keyClick(
        editor.text, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert editor.show_hidden and "den. Øh, jeg tror, at det handler om, øh, at" in _blocks(editor)[1]
    block_text = _blocks(editor)[1]
    hidden = [block_text[a:b] for a, b, kind in editor.text.formats_of(1) if kind == HIDDEN]
    assert hidden == ["Øh,", "øh,"]
    layout = editor.text.document().findBlockByNumber(1).layout()
    struck = [block_text[r.start : r.start + r.length] for r in layout.formats() if r.format.fontStrikeOut()]
    assert struck == ["Øh,", "øh,"]


def test_uncertain_words_are_shaded_and_a_correction_removes_the_shading(qtbot, editor):
    block = _blocks(editor)[1]
    assert [block[a:b] for a, b, kind in editor.text.formats_of(1) if kind == UNCERTAIN] == ["i"]
    layout = editor.text.document().findBlockByNumber(1).layout()
    shaded = [r for r in layout.formats() if r.format.background().color() == UNCERTAIN_BACKGROUND]
    assert [block[r.start : r.start + r.length] for r in shaded] == ["i"]
    start = block.index(" i ") + 1
    editor.text.setFocus()
    editor.text.select(1, start, start + 1)
    qtbot.keyClicks(editor.text, "på")
    editor.commit_pending()
    assert editor.session.project.segments[1].words[4].text == " på"
    assert editor.session.project.segments[1].words[4].probability is None
    assert editor.text.formats_of(1) == []
    editor.set_low_probability(0.95)  # now every word Whisper gave 0.9 is shaded
    assert len(editor.text.formats_of(1)) == len(editor.text.turns[1].shown) - 1


# -- editing ------------------------------------------------------------------------------------------------


def test_typing_a_correction_changes_the_words_and_undo_restores_them(qtbot, editor):
    session = editor.session
    old = session.project.segments[2].words[9]
    assert old.text == " borgeren"
    _select_word(editor, 1, "borgeren")
    qtbot.keyClicks(editor.text, "borgerne")
    assert session.undo_stack.count() == 0  # still typing in the turn
    qtbot.keyClick(editor.text, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # leave the turn
    new = session.project.segments[2].words[9]
    assert (new.text, new.start, new.end, new.probability) == (" borgerne", old.start, old.end, None)
    assert session.undo_stack.count() == 1 and "borgerne skal" in _blocks(editor)[1]
    assert session.project.edits[-1].kind == "text"
    qtbot.keyClick(editor.text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.project.segments[2].words[9].text == " borgeren" and "borgeren skal" in _blocks(editor)[1]
    assert session.project.segments[2].words[9].probability == old.probability
    qtbot.keyClick(editor.text, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert session.project.segments[2].words[9].text == " borgerne"


def test_a_pause_in_typing_stores_the_turn_but_not_after_a_trailing_space(qtbot, editor):
    editor.text._idle.setInterval(50)
    _select_word(editor, 1, "borgeren")
    qtbot.keyClicks(editor.text, "borgerne ")
    qtbot.wait(200)
    assert editor.session.undo_stack.count() == 0  # "borgerne " would be stored as "borgerne"
    qtbot.keyClicks(editor.text, "nu")
    qtbot.waitUntil(lambda: editor.session.undo_stack.count() == 1, timeout=2000)
    assert "borgerne nu skal" in editor.session.project.segments[2].text
    assert editor.text.turn_at_cursor() == 1 and _blocks(editor)[1].endswith(
        "at borgerne nu skal føle sig hørt."
    )
    qtbot.keyClicks(editor.text, " godt")  # typing goes on where it was
    editor.commit_pending()
    assert "borgerne nu godt skal" in editor.session.project.segments[2].text


def test_pasted_lines_stay_in_one_turn(qtbot, editor):
    QApplication.clipboard().setText("Hej\nmed dig")
    editor.text.setFocus()
    editor.text.place_cursor(2, 0)
    qtbot.keyClick(editor.text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(_blocks(editor)) == 3 and _blocks(editor)[2].startswith("Hej med digBorgerne")
    editor.commit_pending()
    assert editor.session.project.segments[3].text.startswith(" Hej med digBorgerne i sy-")


def test_a_correction_in_the_clean_view_keeps_the_fillers_in_the_verbatim_words(qtbot, editor):
    _select_word(editor, 1, "Jeg tror")
    qtbot.keyClicks(editor.text, "Vi mener")
    editor.commit_pending()
    assert editor.session.project.segments[2].text.startswith(" Øh, Vi mener, at det handler om, øh, at")


def test_typing_over_a_selection_across_turns_is_refused(qtbot, editor):
    before = editor.text.toPlainText()
    cursor = editor.text.block_cursor(0, 5)
    cursor.setPosition(editor.text.document().findBlockByNumber(1).position() + 5, cursor.MoveMode.KeepAnchor)
    editor.text.setTextCursor(cursor)
    with qtbot.waitSignal(editor.status_message) as message:
        qtbot.keyClicks(editor.text, "x")
    assert "within one turn" in message.args[0]
    assert editor.text.toPlainText() == before and editor.session.undo_stack.count() == 0


def test_changing_a_turns_speaker_is_one_undoable_step(qtbot, editor):
    session = editor.session
    editor.text.setFocus()
    editor.text.place_cursor(2, 3)
    qtbot.keyClick(editor.text, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # speaker 2: VJ
    assert session.project.segments[3].speaker == "S2"
    assert [t.speaker for t in editor.text.turns] == ["I", "VJ"]  # joined the VJ turn before it
    qtbot.keyClick(editor.text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.project.segments[3].speaker == "S1" and [t.speaker for t in editor.text.turns] == [
        "I",
        "VJ",
        "I",
    ]


def test_selected_words_given_to_another_speaker_become_their_own_turn(qtbot, editor):
    _select_word(editor, 1, "Jeg tror, at det handler om at borgeren skal føle sig hørt.")
    editor.set_speaker("S1")
    assert [t.speaker for t in editor.text.turns] == ["I", "VJ", "I"]
    assert _blocks(editor)[2].startswith(
        "Jeg tror, at det handler om at borgeren skal føle sig hørt. Borgerne i"
    )


def test_return_splits_a_turn_and_backspace_at_its_start_merges_it_back(qtbot, editor):
    session = editor.session
    original = [s.to_dict() for s in session.project.segments]
    start = _blocks(editor)[2].index("får")
    editor.text.setFocus()
    editor.text.place_cursor(2, start)
    qtbot.keyClick(editor.text, Qt.Key.Key_Return)
    assert [t.speaker for t in editor.text.turns] == ["I", "VJ", "I", "VJ"]  # the other speaker
    assert _blocks(editor)[2:] == ["Borgerne i sygedagpenge", "får fire samtaler."]
    assert editor.text.turn_at_cursor() == 3 and editor.text.textCursor().positionInBlock() == 0
    qtbot.keyClick(editor.text, Qt.Key.Key_Backspace)
    assert [t.speaker for t in editor.text.turns] == ["I", "VJ", "I"]
    assert _blocks(editor)[2] == "Borgerne i sygedagpenge får fire samtaler."
    assert session.undo_stack.count() == 2
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert [s.to_dict() for s in session.project.segments] == original


def test_ctrl_m_merges_turns_without_speakers_into_one_segment(qtbot):
    editor = _editor(qtbot, interview([(None, D["d03"]), (None, D["d05"])]), audio=None)
    editor.text.setFocus()
    editor.text.place_cursor(0, 2)
    qtbot.keyClick(editor.text, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert len(editor.session.project.segments) == 1
    assert _blocks(editor) == [
        "Jeg synes ikke, at det giver mening. Det er ikke noget, vi gør for at spare penge."
    ]
    qtbot.keyClick(editor.text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(editor.session.project.segments) == 2 and len(_blocks(editor)) == 2


def test_find_and_replace_from_the_keyboard(qtbot, editor):
    session = editor.session
    editor.text.setFocus()
    qtbot.keyClick(editor.text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert editor.find_bar.isVisible() and not editor.find_bar.replace_field.isVisible()
    qtbot.keyClicks(editor.find_bar.find_field, "øh")
    assert editor.find_bar.count_label.text() == "No matches"  # the clean view hides the fillers
    editor.find_bar.find_field.clear()
    qtbot.keyClicks(editor.find_bar.find_field, "borger")
    assert editor.find_bar.count_label.text() == "1 of 2"
    assert editor.text.textCursor().selectedText() == "borger"
    qtbot.keyClick(editor.find_bar.find_field, Qt.Key.Key_F3)
    assert editor.find_bar.count_label.text() == "2 of 2" and editor.text.turn_at_cursor() == 2
    qtbot.keyClick(editor.find_bar.find_field, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert editor.find_bar.replace_field.isVisible()
    editor.find_bar.find_field.setText("sygedagpenge")
    editor.find_bar.replace_field.setText("kontanthjælp")
    qtbot.mouseClick(editor.find_bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert session.project.segments[3].text == " Borgerne i sy- kontanthjælp får fire samtaler."
    assert session.undo_stack.count() == 1 and editor.find_bar.count_label.text() == "No matches"
    session.undo_stack.undo()
    assert "sygedagpenge" in session.project.segments[3].text


def test_the_context_menu_offers_the_turn_actions_and_the_speakers(qtbot, editor):
    top = next(top for number, top, _bottom in editor.text._visible_blocks() if number == 2)
    menu = editor.context_menu(QPoint(40, round(top) + 4))
    assert editor.text.turn_at_cursor() == 2  # the click placed the cursor
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "Play from the cursor",
        "Speaker",
        "Split turn at the cursor",
        "Merge with next turn",
        "Copy",
    ]
    speakers = menu.actions()[1].menu()
    assert [a.text() for a in speakers.actions() if not a.isSeparator()] == ["I", "VJ", "New speaker…"]
    speakers.actions()[1].trigger()
    assert [t.speaker for t in editor.text.turns] == ["I", "VJ"]


def test_show_segment_selects_the_words_a_panel_points_at(editor):
    assert editor.show_segment(1, "Hængt op")
    assert editor.text.turn_at_cursor() == 1 and editor.text.textCursor().selectedText() == "hængt op"
    assert editor.player.position == pytest.approx(editor.session.project.segments[1].start, abs=0.01)
    assert editor.show_segment(2, "borgeren skal")
    assert editor.text.turn_at_cursor() == 1 and editor.text.textCursor().selectedText() == "borgeren skal"
    assert editor.show_segment(3) and editor.text.textCursor().positionInBlock() == 0
    assert not editor.show_segment(99)


def test_typing_survives_a_change_made_elsewhere_unless_the_turn_moved(qtbot, editor):
    _select_word(editor, 1, "borgeren")
    qtbot.keyClicks(editor.text, "borgerne")
    editor.session.edit("Rename", lambda p: setattr(p.roster[0], "code", "INT"))  # the roster panel
    assert "borgerne skal" in editor.session.project.segments[2].text  # stored first, then shown
    assert [t.speaker for t in editor.text.turns] == ["INT", "VJ", "INT"]
    _select_word(editor, 1, "hørt")
    qtbot.keyClicks(editor.text, "lyttet til")
    with qtbot.waitSignal(editor.status_message) as message:
        editor.session.edit("Split", lambda p: editing.split_segment(p, 0, 3), segments=[0])
    assert "not kept" in message.args[0]
    assert "hørt" in editor.session.project.segments[3].text and _blocks(editor)[1].endswith("sig hørt.")


def test_an_external_change_is_shown(editor):
    def rename(project):
        project.roster[0].code = "INT"

    editor.session.edit("Rename", rename)
    assert [t.speaker for t in editor.text.turns] == ["INT", "VJ", "INT"]


# -- playing ------------------------------------------------------------------------------------------------


def test_clicking_a_turns_margin_plays_it_from_its_start(qtbot, editor):
    # straight after opening: the recording may still be loading, the click must not be lost
    turn_start = editor.text.turns[1].start
    top = next(top for number, top, _bottom in editor.text._visible_blocks() if number == 1)
    qtbot.mouseClick(editor.text._gutter, Qt.MouseButton.LeftButton, pos=QPoint(20, round(top) + 4))
    qtbot.waitUntil(lambda: editor.player.playing, timeout=3000)
    assert turn_start - 0.05 <= editor.player.position < turn_start + 0.8
    editor.player.pause()


def test_ctrl_space_toggles_playback_while_typing_and_pause_rewinds(qtbot, editor):
    _wait_loaded(qtbot, editor)
    editor.set_rewind_seconds(1.5)
    editor.text.setFocus()
    editor.text.place_cursor(0, 0)
    qtbot.keyClicks(editor.text, "Ja ")
    editor.player.seek(3.0)
    qtbot.keyClick(editor.text, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.player.playing, timeout=3000)
    qtbot.waitUntil(lambda: editor.player.position > 3.6, timeout=5000)
    heard = editor.player.position
    qtbot.keyClick(editor.text, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.player.playing and editor.player.position < heard - 1.0, timeout=3000)
    # paused where it was when the key was handled (a tick or two after ``heard``), then 1.5 s back
    assert heard - 1.5 - 0.05 <= editor.player.position <= heard - 1.5 + 0.3
    assert _blocks(editor)[0].startswith("Ja Dan havde")  # typed, and no space from the shortcut
    qtbot.keyClick(editor.text, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: editor.player.playing, timeout=3000)
    editor.player.pause()


def test_the_word_being_played_is_highlighted(qtbot, editor):
    _wait_loaded(qtbot, editor)
    tegning = next(w for w in editor.session.project.segments[0].words if w.text == " tegning")
    editor.player.seek(tegning.start + 0.05)
    qtbot.waitUntil(lambda: editor.text.current_word_cursor() is not None, timeout=3000)
    assert editor.text.current_word_cursor().selectedText() == "tegning"
    assert editor.position_label.text().startswith("0:00:01 / 0:00:")


def test_speed_is_kept_between_half_and_double(qtbot, editor):
    editor.text.setFocus()
    for _ in range(20):
        qtbot.keyClick(editor.text, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert editor.player.rate == 2.0 and editor.speed_box.value() == 2.0
    qtbot.keyClick(editor.text, Qt.Key.Key_0, Qt.KeyboardModifier.AltModifier)
    assert editor.player.rate == 1.0
    editor.speed_box.setValue(0.5)
    assert editor.player.rate == 0.5


def test_a_timeline_click_plays_from_there(qtbot, editor):
    _wait_loaded(qtbot, editor)
    x = round(editor.timeline.x_for(5.0))
    qtbot.mouseClick(editor.timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, 20))
    qtbot.waitUntil(lambda: editor.player.playing, timeout=3000)
    assert 4.8 <= editor.player.position <= 5.8
    editor.player.pause()


def test_without_qtmultimedia_the_editor_still_edits_and_says_why(qtbot, monkeypatch):
    monkeypatch.setattr(player_module, "QMediaPlayer", None)
    monkeypatch.setattr(player_module, "_IMPORT_ERROR", "libpulse.so.0: cannot open shared object file")
    editor = _editor(qtbot, _project())
    assert not editor.player.available and editor.notice.isVisible()
    assert "not available" in editor.notice.text() and "libpulse" in editor.notice.text()
    editor.toggle_playback()
    assert not editor.player.playing
    editor.play_turn(1)  # the silent playhead still moves, and the word is still found
    assert editor.player.position == editor.text.turns[1].start
    assert editor.text.current_word_cursor().selectedText() == "som"


def test_a_missing_recording_is_a_notice_not_a_crash(qtbot, tmp_path):
    editor = _editor(qtbot, _project(), audio=tmp_path / "gone.wav")
    assert editor.notice.isVisible() and "gone.wav" in editor.notice.text()


# -- the whole transcript ---------------------------------------------------------------------------------


def test_talk_time_chart_has_one_bar_per_speaker_for_a_focus_group(qtbot):
    editor = _editor(qtbot, focus_group(words=1_500), audio=None)
    assert editor.talk_time.isVisible()
    rows = editor.talk_time.rows()
    assert sorted(r.code for r in rows) == ["AK", "HEK", "HOK", "M", "SK", "VK"]
    widths = [rect.width() for rect in editor.talk_time.bar_rects()]
    assert widths == sorted(widths, reverse=True) and len(widths) == 6
    moderator = next(r for r in rows if r.code == "M")
    assert moderator.turns == sum(1 for t in editor.text.turns if t.speaker == "M")


def test_an_elite_interview_hides_the_chart_until_asked(qtbot, editor):
    assert not editor.talk_time.isVisible()
    editor.action("talk_time").trigger()
    assert editor.talk_time.isVisible() and len(editor.talk_time.rows()) == 2


def test_the_text_stays_in_step_with_the_project_through_many_edits(qtbot):
    editor = _editor(qtbot, focus_group(words=3_000), audio=None)
    session = editor.session
    editor.text.setFocus()
    for turn in (40, 3, 80):
        editor.text.place_cursor(turn, 0)
        editor.merge_with_next()
        editor.text.place_cursor(turn + 1, 4)
        editor.split_at_cursor()
        editor.set_speaker("S3")
    session.undo_stack.undo()
    editor.set_level("strict")
    session.undo_stack.undo()
    session.undo_stack.redo()
    assert _blocks(editor) == [t.text for t in editor.text.turns]
    editor.refresh(full=True)
    assert _blocks(editor) == [t.text for t in editor.text.turns]


def test_the_shortcut_table_lists_every_editor_action_with_its_keys(editor):
    table = dict(editor.shortcut_table())
    assert table["Play/pause"] == "Ctrl+Space, F4"
    assert table["Undo"] == "Ctrl+Z" and table["Find…"] == "Ctrl+F" and table["Replace…"] == "Ctrl+H"
    assert table["Speaker 2: VJ"] == "Ctrl+2"
    assert all(keys for keys in table.values())


def test_a_typed_transcript_without_timings_can_be_edited(qtbot):
    project = Project(
        segments=[Segment(0, None, None, " Jeg jeg synes ikke, at det giver mening.", [], None)]
    )
    editor = _editor(qtbot, project, audio=None)
    _select_word(editor, 0, "mening")
    qtbot.keyClicks(editor.text, "mening for os")
    editor.commit_pending()
    assert (
        project.segments[0].text == " Jeg jeg synes ikke, at det giver mening for os."
        and not project.segments[0].words
    )
