"""Undo in the window restores exactly the state before its own step, and an undone edit is never saved.

A real ``ProjectSession`` and ``TranscriptEditor`` (offscreen) on a small saved
interview, driven the way a researcher drives them: typing over a turn or one
word (stored at once, or still being typed when the next key comes), Return to
split, Ctrl+M to merge, a speaker key, replace all, Ctrl+Z / Ctrl+Y, the autosave,
Save and opening the file again, and between them a change in the roster panel
(a small part of the project, kept whole by each step). The model is a stack of
whole transcripts (the speaker label and the verbatim words of every turn, and
the interviewer's name) with a pointer, and the file's content as it was last
saved. Deleted words leave silences, which the verbatim
view marks as the appendix does; the marks are not words, so the model leaves
them out and the researcher's cursor steps over them.
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from tests.editor_fixtures import interview
from transcribe_app.core import editing
from transcribe_app.core.cleanup import PauseConventions, strip_pause_marks
from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.core.project.record import Project
from transcribe_app.gui.editor import TranscriptEditor
from transcribe_app.gui.session import ProjectSession

# Words with no word inside another, so a replacement's result is plain to predict.
VOCABULARY = ["hej", "med", "dig", "ja", "tak", "godt", "vi", "taler", "om", "arbejdet,", "kommunen.", "øh,"]
WORDS = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=6)
START = [("S1", "hej med dig"), ("S2", "ja tak vi taler om arbejdet,"), ("S1", "godt kommunen.")]

Turns = list[tuple[str | None, str]]  # (speaker label, verbatim text) per turn


_MARKS = PauseConventions().marks_pattern()


def project_turns(project: Project) -> Turns:
    """What the verbatim view shows of a project: one (label, words) per speaker turn."""
    return [(t.label, strip_pause_marks(t.text)) for t in editing.display_turns(project, "verbatim")]


def file_state(path) -> tuple[Turns, str]:
    """What the saved file holds: the turns, and the interviewer's name."""
    project = load_project(path)
    return project_turns(project), project.roster[0].name


def word_spans(block: str) -> list[tuple[int, int]]:
    """Where each word of a block stands, pause marks stepped over."""
    blanked = _MARKS.sub(lambda m: " " * len(m.group()), block)
    return [m.span() for m in re.finditer(r"\S+", blanked)]


def joined(turns: Turns) -> Turns:
    """Turns of one speaker next to each other are one turn (as the editor shows them)."""
    out: Turns = []
    for label, text in turns:
        if out and out[-1][0] == label:
            out[-1] = (label, out[-1][1] + " " + text)
        else:
            out.append((label, text))
    return out


def start_project() -> Project:
    """The interview of ``START``; the informant pauses 1.5 s before "om" (the verbatim view marks it)."""
    project = interview(START, word_s=0.2)
    for word in project.segments[1].words[4:]:
        word.start, word.end = round(word.start + 1.5, 3), round(word.end + 1.5, 3)
    project.segments[1].end = project.segments[1].words[-1].end
    return project


def _open(qtbot, path, *, owned_by_qtbot: bool = True) -> TranscriptEditor:
    """An editor on the project at ``path``; the state machine closes and deletes its own editors
    (qtbot would close one a reopen already deleted)."""
    session = ProjectSession(load_project(path), path, autosave_ms=5)
    editor = TranscriptEditor(session, None)
    if owned_by_qtbot:
        qtbot.addWidget(editor)
    editor.set_level("verbatim")
    return editor


class UndoMachine(RuleBasedStateMachine):
    qtbot = None  # set by the test below
    folder = None

    @initialize()
    def open_project(self):
        self.path = self.folder / f"p{id(self)}.transkript.json"
        save_project(start_project(), self.path)
        self.editor = _open(self.qtbot, self.path, owned_by_qtbot=False)
        self.states: list[tuple[Turns, str]] = [(project_turns(self.editor.session.project), "")]
        self.at = 0
        self.saved = self.states[0]
        self.pending: int | None = None  # the turn typed in and not yet stored
        self.before_typing: tuple[list, int] | None = None  # the stack as that typing found it

    # -- the model -------------------------------------------------------------------------------

    @property
    def expected(self) -> Turns:
        return self.states[self.at][0]

    @property
    def expected_name(self) -> str:
        return self.states[self.at][1]

    def _expect(self, turns: Turns, *, typing_on: bool = False) -> None:
        """A new step: the redo states beyond the pointer go, as in the stack.

        ``typing_on``: more typing in the turn still being typed in, which is stored as one step.
        """
        state = (joined(turns), self.expected_name)
        if typing_on:
            self.states[self.at] = state
            return
        del self.states[self.at + 1 :]
        self.states.append(state)
        self.at += 1

    def _words(self, turn: int) -> list[str]:
        return self.expected[turn][1].split()

    def _block(self, turn: int) -> str:
        return self.editor.text.toPlainText().split("\n")[turn]

    # -- what the researcher does ----------------------------------------------------------------

    def _type(self, turn: int, start: int, end: int, typed: str, store: bool, turns: Turns) -> None:
        if self.pending not in (None, turn):
            self._typing_stored()  # the cursor put into another turn stores the first one
        if self.pending is None:
            self.before_typing = (list(self.states), self.at)
        text = self.editor.text
        text.setFocus()
        text.setTextCursor(text.block_cursor(turn, start, end))
        text.textCursor().insertText(typed)
        self._expect(turns, typing_on=self.pending == turn)
        self.pending = turn
        if store:
            self._store()

    def _store(self) -> None:
        self.editor.commit_pending()
        self._typing_stored()

    def _typing_stored(self) -> None:
        """The turn being typed in is stored. Typing that came back to the text it began from is no
        step: the editor stores nothing, so what could be redone before it can still be redone."""
        if self.pending is not None and self.before_typing is not None:
            states, at = self.before_typing
            if states[at] == self.states[self.at]:
                self.states, self.at = states, at
        self.pending, self.before_typing = None, None

    @rule(data=st.data(), words=WORDS, store=st.booleans())
    def retype_a_turn(self, data, words, store):
        turn = data.draw(st.integers(0, len(self.expected) - 1))
        new = " ".join(words)
        if new == self.expected[turn][1]:
            return
        turns = list(self.expected)
        turns[turn] = (turns[turn][0], new)
        self._type(turn, 0, len(self._block(turn)), new, store, turns)

    @rule(data=st.data(), word=st.sampled_from(VOCABULARY), store=st.booleans())
    def correct_a_word(self, data, word, store):
        turn = data.draw(st.integers(0, len(self.expected) - 1))
        words = self._words(turn)
        n = data.draw(st.integers(0, len(words) - 1))
        if words[n] == word:
            return
        start, end = word_spans(self._block(turn))[n]
        words[n] = word
        turns = list(self.expected)
        turns[turn] = (turns[turn][0], " ".join(words))
        self._type(turn, start, end, word, store, turns)

    @rule(data=st.data())
    def split_a_turn(self, data):
        turn = data.draw(st.integers(0, len(self.expected) - 1))
        words = self._words(turn)
        if len(words) < 2:
            return
        if len(self.expected) == 1:
            return  # the second part's speaker would come from the roster's order
        n = data.draw(st.integers(1, len(words) - 1))
        self._store()
        self.editor.text.place_cursor(turn, word_spans(self._block(turn))[n][0])
        self.editor.split_at_cursor()
        label = self.expected[turn][0]
        other = self.expected[turn - 1 if turn else 1][0]  # whoever spoke before it (or after it)
        turns = list(self.expected)
        turns[turn : turn + 1] = [(label, " ".join(words[:n])), (other, " ".join(words[n:]))]
        self._expect(turns)

    @precondition(lambda self: len(self.expected) > 1)
    @rule(data=st.data())
    def merge_with_the_next_turn(self, data):
        turn = data.draw(st.integers(0, len(self.expected) - 2))
        self._store()
        self.editor.text.place_cursor(turn, 0)
        self.editor.merge_with_next()
        turns = list(self.expected)
        turns[turn + 1] = (turns[turn][0], turns[turn + 1][1])  # the next turn is the first one's speaker's
        self._expect(turns)

    @rule(data=st.data(), label=st.sampled_from(["S1", "S2", "S3"]))
    def change_the_speaker(self, data, label):
        turn = data.draw(st.integers(0, len(self.expected) - 1))
        if self.expected[turn][0] == label:
            return
        self._store()
        self.editor.text.place_cursor(turn, 0)
        self.editor.set_speaker(label)
        turns = list(self.expected)
        turns[turn] = (label, turns[turn][1])
        self._expect(turns)

    @rule(find=st.sampled_from(VOCABULARY), replacement=st.sampled_from(["os", "dem", "nej", "bare"]))
    def replace_all(self, find, replacement):
        self._store()
        pattern = re.compile(re.escape(find), re.IGNORECASE)
        turns = [(label, pattern.sub(replacement, text)) for label, text in self.expected]
        self.editor.open_find(replacing=True)
        self.editor.find_bar.find_field.setText(find)
        self.editor.find_bar.replace_field.setText(replacement)
        self.editor.replace_all()
        self.editor.find_bar.close_bar()
        if turns != self.expected:
            self._expect(turns)

    @rule(name=st.sampled_from(["Anna Holm", "Bo Berg", ""]))
    def rename_the_interviewer_in_the_roster(self, name):
        if name == self.expected_name:
            return
        self._store()  # the roster panel takes the focus: the turn being typed in is stored
        self.editor.session.edit("Change name", lambda p: setattr(p.roster[0], "name", name))
        del self.states[self.at + 1 :]
        self.states.append((self.expected, name))
        self.at += 1

    @rule()
    def undo(self):
        self._typing_stored()  # Ctrl+Z stores what was typed first, then takes it back
        self.editor.undo()
        self.at = max(0, self.at - 1)

    @rule()
    def redo(self):
        self._typing_stored()
        self.editor.redo()
        self.at = min(len(self.states) - 1, self.at + 1)

    @rule()
    def autosave(self):
        self._store()  # a pause in typing stores the turn
        session = self.editor.session
        if session.dirty:
            with self.qtbot.waitSignal(session.saved, timeout=2000):
                pass
        self.saved = self.states[self.at]
        assert file_state(self.path) == self.saved

    @rule()
    def save_and_reopen(self):
        self._store()  # the window stores the turn being typed before it saves
        assert self.editor.session.save()
        self.saved = self.states[self.at]
        self.editor.close()
        self.editor.deleteLater()
        self.editor = _open(self.qtbot, self.path, owned_by_qtbot=False)
        self.states, self.at = [self.states[self.at]], 0  # a new session has no history

    # -- what must hold after every step --------------------------------------------------------

    @invariant()
    def the_screen_shows_the_expected_turns(self):
        blocks = self.editor.text.toPlainText().split("\n")
        shown = [(t.label, strip_pause_marks(b)) for t, b in zip(self.editor.text.turns, blocks, strict=True)]
        assert shown == self.expected

    @invariant()
    def the_project_holds_them_once_stored(self):
        if self.pending is None:
            assert project_turns(self.editor.session.project) == self.expected
        assert self.editor.session.project.roster[0].name == self.expected_name

    @invariant()
    def the_file_holds_what_was_saved_last(self):
        assert file_state(self.path) == self.saved  # nothing else saves
        if not self.editor.session.dirty and self.pending is None:
            assert self.saved == self.states[self.at]

    def teardown(self):
        if hasattr(self, "editor"):
            self.editor.session.undo_stack.clear()
            self.editor.close()
            self.editor.deleteLater()


def test_undo_redo_save_and_reopen_follow_the_model(qtbot, tmp_path):
    UndoMachine.qtbot, UndoMachine.folder = qtbot, tmp_path
    machine = settings(
        max_examples=int(os.environ.get("UNDO_SEARCH", 40)),
        stateful_step_count=30,
        deadline=None,
        # A fixed set of sequences in the test command: a failure found at random costs minutes of
        # shrinking there. UNDO_SEARCH=500 searches 500 new sequences at random (the way the merge →
        # undo → speaker → split sequence below was found).
        derandomize="UNDO_SEARCH" not in os.environ,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )(UndoMachine)
    machine.TestCase().runTest()


# -- the sequences reported, and the ones the random search found --------------------------------


def _editor(qtbot, tmp_path) -> TranscriptEditor:
    path = tmp_path / "p.transkript.json"
    save_project(start_project(), path)
    editor = _open(qtbot, path)
    assert editor.text.toPlainText().split("\n")[1] == "ja tak vi taler (.) om arbejdet,"
    return editor


def test_two_edits_undone_one_by_one_each_restore_their_own_state(qtbot, tmp_path):
    """Edit turn 1, then turn 2, Ctrl+Z twice: both edits are gone, and the file says so too."""
    editor = _editor(qtbot, tmp_path)
    original = project_turns(editor.session.project)
    editor.text.setTextCursor(editor.text.block_cursor(0, 4, 7))
    editor.text.textCursor().insertText("jer")
    editor.commit_pending()
    editor.text.setTextCursor(editor.text.block_cursor(1, 0, 2))
    editor.text.textCursor().insertText("nej")
    editor.commit_pending()
    assert project_turns(editor.session.project) == [
        ("S1", "hej jer dig"),
        ("S2", "nej tak vi taler om arbejdet,"),
        ("S1", "godt kommunen."),
    ]
    editor.undo()
    assert project_turns(editor.session.project)[:2] == [("S1", "hej jer dig"), original[1]]
    editor.undo()
    assert project_turns(editor.session.project) == original
    assert editor.session.save()
    assert project_turns(load_project(editor.session.path)) == original
    editor.redo()
    assert project_turns(editor.session.project)[:2] == [("S1", "hej jer dig"), original[1]]


def test_undoing_a_split_and_the_edit_before_it_does_not_bring_the_split_back(qtbot, tmp_path):
    """Correct turn 1 (still typing when Return comes), split turn 2, Ctrl+Z twice: as it was opened."""
    editor = _editor(qtbot, tmp_path)
    original = project_turns(editor.session.project)
    editor.text.setTextCursor(editor.text.block_cursor(0, 0, 3))
    editor.text.textCursor().insertText("hejsa")
    editor.text.place_cursor(1, len("ja tak "))
    editor.split_at_cursor()
    assert project_turns(editor.session.project) == [
        ("S1", "hejsa med dig"),
        ("S2", "ja tak"),
        ("S1", "vi taler om arbejdet, godt kommunen."),
    ]
    editor.undo()
    assert project_turns(editor.session.project) == [("S1", "hejsa med dig"), *original[1:]]
    editor.undo()
    assert project_turns(editor.session.project) == original
    assert editor.session.undo_stack.index() == 0
    assert editor.session.save() and project_turns(load_project(editor.session.path)) == original
    editor.redo()
    editor.redo()
    assert project_turns(editor.session.project)[1] == ("S2", "ja tak")


def test_a_failed_edit_leaves_no_step_and_no_change(qtbot, tmp_path):
    editor = _editor(qtbot, tmp_path)
    session = editor.session
    original = project_turns(session.project)

    def half_then_fail(project: Project) -> None:
        project.segments[0].words[0].text = " nej"
        editing.split_segment(project, 0, 99)  # no word 99: the researcher's sentence, nothing changed

    messages: list[str] = []
    editor.status_message.connect(messages.append)
    assert not editor._edit("Split", half_then_fail, [0])
    assert messages and "split only between" in messages[0]
    assert project_turns(session.project) == original and session.undo_stack.count() == 0
    session.undo_stack.redo()
    assert project_turns(session.project) == original


def test_typing_in_a_second_turn_while_the_first_is_still_pending_keeps_both(qtbot, tmp_path):
    """The cursor put into another turn by the program (not a key): the first turn is stored, the
    second's typing stays on screen and is stored next — it was shown as stored and lost."""
    editor = _editor(qtbot, tmp_path)
    editor.text.setTextCursor(editor.text.block_cursor(0, 0, 3))
    editor.text.textCursor().insertText("hejsa")
    editor.text.setTextCursor(editor.text.block_cursor(1, 0, 2))
    editor.text.textCursor().insertText("nej")
    assert editor.text.toPlainText().split("\n")[:2] == ["hejsa med dig", "nej tak vi taler (.) om arbejdet,"]
    editor.commit_pending()
    assert project_turns(editor.session.project)[:2] == [
        ("S1", "hejsa med dig"),
        ("S2", "nej tak vi taler om arbejdet,"),
    ]
    assert editor.session.undo_stack.count() == 2


def test_a_split_after_undoing_a_merge_gives_the_second_part_the_speaker_who_is_shown_next(qtbot, tmp_path):
    """The sequence the state machine found: the first two turns given to one speaker and retyped as
    one, a merge undone, the speaker changed again, then a split. The split's second part went to a
    speaker no longer on the screen."""
    editor = _editor(qtbot, tmp_path)
    editor.text.place_cursor(0, 0)
    editor.set_speaker("S2")  # turns 1 and 2 are now one turn of S2's
    editor.text.setTextCursor(editor.text.block_cursor(0, 0, len(editor.text.toPlainText().split("\n")[0])))
    editor.text.textCursor().insertText("hej hej")
    editor.text.place_cursor(0, 0)
    editor.merge_with_next()
    editor.undo()
    editor.text.place_cursor(0, 0)
    editor.set_speaker("S3")
    # the retyped turn's second segment holds no words now: shown nowhere, it keeps S2's label
    assert [s.speaker for s in editor.session.project.segments if not s.text.strip()] == ["S2"]
    editor.text.place_cursor(0, len("hej "))
    editor.split_at_cursor()
    assert project_turns(editor.session.project) == [("S3", "hej"), ("S1", "hej godt kommunen.")]


def test_typing_a_word_and_typing_it_back_is_no_step_and_keeps_the_redo(qtbot, tmp_path):
    """A merge undone, then a word changed and changed back before it was stored: nothing changed,
    so no step is made and Ctrl+Y still brings the merge back (the random search's second find)."""
    editor = _editor(qtbot, tmp_path)
    original = project_turns(editor.session.project)
    editor.text.place_cursor(0, 0)
    editor.merge_with_next()
    merged = project_turns(editor.session.project)
    editor.undo()
    editor.text.setTextCursor(editor.text.block_cursor(0, 0, 3))
    editor.text.textCursor().insertText("nej")
    editor.text.setTextCursor(editor.text.block_cursor(0, 0, 3))
    editor.text.textCursor().insertText("hej")
    editor.commit_pending()
    assert project_turns(editor.session.project) == original
    assert editor.session.undo_stack.count() == 1 and editor.session.undo_stack.canRedo()
    editor.redo()
    assert project_turns(editor.session.project) == merged
